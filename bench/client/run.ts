/**
 * Client benchmark: speed and bundle size of the generated client against raw `fetch` and openapi-fetch.
 *
 * `npm run bench:client [-- --rounds 30 --sequential 150 --concurrent 600 --in-flight 16 --stubbed 1500 --max-seconds 240 --only speed|size]`
 *
 * Speed: the same session call through raw fetch, openapi-fetch and the compiled package (validation on, off, and
 * createCore + standalone function when the package has them), against a loopback server in a separate process,
 * one after another and 16 in flight, in interleaved rounds; then the CPU each adds per call over raw fetch with a
 * stubbed fetch (no network). Sizes: esbuild bundles of the programs in entries.ts, with per-module breakdowns and
 * the budgets. Method and current figures: bench/client/RESULTS.md.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { makeContenders, type Contender, type FetchLike, type ZenskarModule } from './contenders.js';
import { SESSION_RESPONSE, SESSION_RESPONSE_TEXT, startServer } from './server.js';
import { buildSizePackages, formatSizes, measureSizes, sizeEntries } from './sizes.js';
import { cpuMicros, inFlight, interleave, median, perRound, perSecond, sequential, warmUp, type Batch, type Rounds } from './timing.js';

const BASELINE = 'raw fetch';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      // many short batches: the two batches compared in a round run within a fraction of a second of each other
      rounds: { type: 'string', default: '30' },
      sequential: { type: 'string', default: '150' },
      concurrent: { type: 'string', default: '600' },
      'in-flight': { type: 'string', default: '16' },
      stubbed: { type: 'string', default: '1500' },
      'max-seconds': { type: 'string', default: '240' },
      only: { type: 'string' },
    },
  });
  const work = await mkdtemp(join(tmpdir(), 'zenskar-bench-client-'));
  try {
    log('compiling the Zenskar package and generating + compiling the 94-operation one (tsc -p, as `npm run build`)...');
    const pkgs = await buildSizePackages(work);
    if (values.only !== 'size') {
      const zenskar = (await import(pathToFileURL(join(pkgs.zenskar.dir, 'dist', 'index.js')).href)) as ZenskarModule;
      console.log(await benchSpeed(zenskar, values));
      console.log('');
    }
    if (values.only !== 'speed') console.log(formatSizes(await measureSizes(sizeEntries(pkgs))));
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

interface SpeedSettings {
  rounds: string;
  sequential: string;
  concurrent: string;
  'in-flight': string;
  stubbed: string;
  'max-seconds': string;
}

async function benchSpeed(zenskar: ZenskarModule, s: SpeedSettings): Promise<string> {
  const rounds = Number(s.rounds);
  const width = Number(s['in-flight']);
  const phaseMs = (Number(s['max-seconds']) * 1000) / 3;
  const check = (key: string, value: unknown): void => {
    if (!isDeepStrictEqual(value, SESSION_RESPONSE)) throw new Error(`${key} resolved with ${JSON.stringify(value)}, not the session`);
  };
  const server = await startServer();
  let loopback: { seq: Rounds; par: Rounds };
  let contenders: Contender[];
  try {
    contenders = makeContenders(zenskar, server.baseUrl, fetch);
    log(`loopback server (separate process) at ${server.baseUrl}; warming up ${contenders.length} contenders...`);
    await warmUp(contenders, 300, check);
    log(`sequential: ${rounds} rounds of ${s.sequential} calls per contender`);
    const seq = await interleave(contenders, sequential(Number(s.sequential)), { rounds, deadline: Date.now() + phaseMs, onRound: progress });
    log(`${width} in flight: ${rounds} rounds of ${s.concurrent} calls per contender`);
    const par = await interleave(contenders, inFlight(Number(s.concurrent), width), { rounds, deadline: Date.now() + phaseMs, onRound: progress });
    loopback = { seq, par };
  } finally {
    await server.close();
  }
  const headers = { 'content-type': 'application/json' };
  // a fresh Response per call, as a real fetch gives (a body is read once); `fetch` returns a promise
  const stub: FetchLike = () => Promise.resolve(new Response(SESSION_RESPONSE_TEXT, { headers }));
  const stubbed = makeContenders(zenskar, 'https://api.zenskar.com', stub);
  log(`stubbed fetch: ${rounds} rounds of ${s.stubbed} calls per contender`);
  await warmUp(stubbed, 2000, check);
  const stubRounds = await interleave(stubbed, sequential(Number(s.stubbed)), { rounds, deadline: Date.now() + phaseMs, onRound: progress });
  return formatSpeed(contenders.map((c) => c.key), loopback.seq, loopback.par, stubRounds, width);
}

function formatSpeed(keys: readonly string[], seq: Rounds, par: Rounds, stub: Rounds, width: number): string {
  const roundsOf = (r: Rounds): number => Math.min(...[...r.values()].map((b) => b.length));
  const range = (xs: number[], digits: number, unit = ''): string =>
    `${median(xs).toFixed(digits)}${unit} (${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)})`;
  const ratio = (r: Rounds, key: string): string =>
    key === BASELINE ? '1' : range(perRound(r, key, BASELINE, (c, base) => perSecond(c) / perSecond(base)), 2, '×');
  const added = (r: Rounds, key: string): string =>
    key === BASELINE ? '0' : range(perRound(r, key, BASELINE, (c, base) => cpuMicros(c) - cpuMicros(base)), 1);
  const med = (r: Rounds, key: string, f: (b: Batch) => number, digits: number): string => median(r.get(key)!.map(f)).toFixed(digits);
  const lines = [
    `Speed: medians over rounds (sequential ${roundsOf(seq)}, ${width} in flight ${roundsOf(par)}, stubbed ${roundsOf(stub)} rounds). Ratios and added µs are taken per round against raw fetch's batch of the same round: median (lowest–highest).`,
    '',
    `| client | sequential req/s | × raw fetch | ${width} in flight req/s | × raw fetch | loopback, sequential: client CPU µs/call | added µs vs raw | stubbed fetch: CPU µs/call | added µs vs raw |`,
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const key of keys) {
    lines.push(
      `| ${key} | ${med(seq, key, perSecond, 0)} | ${ratio(seq, key)} | ${med(par, key, perSecond, 0)} | ${ratio(par, key)} | ${med(seq, key, cpuMicros, 1)} | ${added(seq, key)} | ${med(stub, key, cpuMicros, 1)} | ${added(stub, key)} |`,
    );
  }
  return lines.join('\n');
}

function progress(round: number): void {
  process.stderr.write(`  round ${round} done\n`);
}

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

await main();
