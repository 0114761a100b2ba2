/**
 * Timing of asynchronous calls in interleaved rounds. On a machine shared with other processes the load drifts
 * from second to second, so no contender runs all its batches at once: each round runs one batch of every
 * contender, in an order rotated every round (A B C, B C A, ...), and every comparison is made within a round
 * (ratio or difference to the baseline's batch of the same round), then summarised by the median over rounds.
 */
import type { Contender } from './contenders.js';

/** One batch: `n` calls, their wall-clock time and this process's CPU time (user + system, every thread). */
export interface Batch {
  n: number;
  wallNs: number;
  cpuNs: number;
}

export type Measure = (call: () => Promise<unknown>) => Promise<Batch>;

/** `n` calls one after another. */
export function sequential(n: number): Measure {
  return (call) =>
    timed(n, async () => {
      for (let i = 0; i < n; i++) await call();
    });
}

/** `n` calls with `width` of them in flight at any time (one chain of calls per slot). */
export function inFlight(n: number, width: number): Measure {
  return (call) =>
    timed(n, async () => {
      let started = 0;
      const lane = async (): Promise<void> => {
        while (started < n) {
          started++;
          await call();
        }
      };
      await Promise.all(Array.from({ length: width }, lane));
    });
}

async function timed(n: number, body: () => Promise<void>): Promise<Batch> {
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  await body();
  const wallNs = Number(process.hrtime.bigint() - t0);
  const cpu = process.cpuUsage(cpu0);
  return { n, wallNs, cpuNs: (cpu.user + cpu.system) * 1000 };
}

/** Per contender key, one batch per completed round. */
export type Rounds = Map<string, Batch[]>;

export interface InterleaveOptions {
  rounds: number;
  /** stop after the round during which this `Date.now()` passes (bounds the run on a slow machine) */
  deadline: number;
  onRound?: (round: number) => void;
}

/** Runs `rounds` rounds of one batch per contender, rotating the order each round. */
export async function interleave(contenders: readonly Contender[], measure: Measure, opts: InterleaveOptions): Promise<Rounds> {
  const rounds: Rounds = new Map(contenders.map((c) => [c.key, []]));
  for (let round = 0; round < opts.rounds; round++) {
    for (let j = 0; j < contenders.length; j++) {
      const c = contenders[(j + round) % contenders.length]!;
      rounds.get(c.key)!.push(await measure(c.call));
    }
    opts.onRound?.(round + 1);
    if (Date.now() > opts.deadline) break;
  }
  return rounds;
}

/** Calls each contender `n` times, checking its answer: warms the code up and proves that it makes the call. */
export async function warmUp(contenders: readonly Contender[], n: number, check: (key: string, value: unknown) => void): Promise<void> {
  for (const c of contenders) {
    check(c.key, await c.call());
    for (let i = 1; i < n; i++) await c.call();
  }
}

/** Requests per second of a batch, by the clock. */
export const perSecond = (b: Batch): number => (b.n * 1e9) / b.wallNs;
/** CPU microseconds per call of a batch. */
export const cpuMicros = (b: Batch): number => b.cpuNs / b.n / 1000;

/** Per round, `f(contender's batch, baseline's batch)`, for the rounds both completed. */
export function perRound(rounds: Rounds, key: string, baseline: string, f: (c: Batch, base: Batch) => number): number[] {
  const mine = rounds.get(key) ?? [];
  const base = rounds.get(baseline) ?? [];
  return mine.slice(0, base.length).map((b, i) => f(b, base[i]!));
}

/** The median of `xs` (not empty). */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
