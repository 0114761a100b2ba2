import type { Loop } from './competitors.js';

/** One thing to time: a loop and the count it must return for `n` iterations (guards against a wrong verdict). */
export interface Timed {
  key: string;
  loop: Loop;
  accepts: boolean;
}

/** Per key, one sample per round: wall-clock and CPU nanoseconds per call. */
export type Samples = Map<string, { wall: number[]; cpu: number[] }>;

/** Options of `timeInterleaved`. */
export interface TimingOptions {
  rounds: number;
  /** wall-clock milliseconds one batch (one key, one round) should take */
  batchMs: number;
  /** called after each round (progress) */
  onRound?: (round: number) => void;
}

/**
 * Times every entry of `groups` in `rounds` interleaved rounds: within a round each group (one bench case) runs its
 * entries back to back, in an order rotated every round, so a burst of load from other processes hits all
 * contenders of a case alike instead of whichever happened to run then. Each batch records wall time
 * (`process.hrtime`) and this process's CPU time (`process.cpuUsage`, which a descheduled process does not accrue).
 */
export function timeInterleaved(groups: Timed[][], opts: TimingOptions): Samples {
  const samples: Samples = new Map();
  const sizes = new Map<string, number>();
  for (const group of groups) for (const t of group) sizes.set(t.key, calibrate(t, opts.batchMs));
  for (let round = 0; round < opts.rounds; round++) {
    for (const group of groups) {
      for (let j = 0; j < group.length; j++) {
        const t = group[(j + round) % group.length]!;
        const s = measureBatch(t, sizes.get(t.key)!);
        const entry = samples.get(t.key) ?? { wall: [], cpu: [] };
        entry.wall.push(s.wall);
        entry.cpu.push(s.cpu);
        samples.set(t.key, entry);
      }
    }
    opts.onRound?.(round + 1);
  }
  return samples;
}

/** Iterations for one batch of about `batchMs` (doubling; this also warms the loop up to optimised code). */
function calibrate(t: Timed, batchMs: number): number {
  let n = 16;
  for (;;) {
    const start = process.hrtime.bigint();
    run(t, n);
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (ms >= batchMs / 4 || n >= 2 ** 30) return Math.max(16, Math.round((n * batchMs) / Math.max(ms, 1e-3)));
    n *= 2;
  }
}

function measureBatch(t: Timed, n: number): { wall: number; cpu: number } {
  const cpu0 = process.cpuUsage();
  const start = process.hrtime.bigint();
  run(t, n);
  const wall = Number(process.hrtime.bigint() - start);
  const cpu = process.cpuUsage(cpu0);
  return { wall: wall / n, cpu: ((cpu.user + cpu.system) * 1000) / n };
}

function run(t: Timed, n: number): void {
  const accepted = t.loop(n);
  if (accepted !== (t.accepts ? n : 0)) throw new Error(`${t.key}: accepted ${accepted} of ${n}, expected ${t.accepts ? n : 0}`);
}

/** The median of `xs` (not empty). */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Spread of `xs` as (max - min) / median: 0.1 means the rounds lay within ±5% of the median, roughly. */
export function spread(xs: number[]): number {
  return (Math.max(...xs) - Math.min(...xs)) / median(xs);
}
