/**
 * `npm run bench:generate`: our whole generation (`zenskar-codegen generate`: load, check, types, client, validators,
 * overlays, formatting, API surface, comparing with the output folder) against openapi-typescript's types-only CLI
 * (`openapi-typescript spec -o file`), on the bundled spec, GitHub's and Stripe's, in one run. Each measurement is
 * the real command as a fresh process, as a user runs it; in every round the commands run in a rotating order, so
 * drift in machine load hits all alike. Prints medians of wall time, CPU time (user + system, all threads) and peak
 * memory, the ratios, and where our run's time goes (timings.ts: loading code vs work, per stage).
 *
 * Ours runs in three states (each its own cache folder, holding the build `npm install` makes):
 * - `warm`: caches filled by an earlier run of the same spec: every run after the first while the spec, the options
 *   and the generator stay the same;
 * - `spec changed`: code cache warm, no result for this spec (emptied before each run): what a spec update costs,
 *   storing the new result included; also `--check` in CI right after `npm ci` (whose `prepare` warmed the code cache);
 * - `first run`: nothing cached but the build (no code cache, no result).
 * Flags: `--runs N` (default 5), `--spec FILE` (instead of the three), `--modes warm,changed,first`.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureCorpus } from '../../test/corpus/corpus-cache.js';
import type { TimingRecord } from '../../src/timings.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const USAGE = join(ROOT, 'bench/generate/usage.mjs');
const OURS = join(ROOT, 'src/bin.js');
/** The Node options `npm run generate` starts the command with (package.json), so that the bench runs what users run. */
const OUR_NODE_OPTIONS = generateScriptNodeOptions();
const THEIRS = join(ROOT, 'node_modules/openapi-typescript/bin/cli.js');
const SEED = join(ROOT, 'spec/openapi-20240301.json');

type Mode = 'warm' | 'changed' | 'first';
type Tool = Mode | 'openapi-typescript';
const MODE_NAMES: Record<Mode, string> = { warm: 'warm', changed: 'spec changed', first: 'first run' };

interface Sample {
  wallMs: number;
  cpuMs: number;
  maxRssKiB: number;
  timings?: { timeOrigin: number; records: TimingRecord[] };
}

/** One spec's fixture: an output folder holding what we generate for it, and a cache folder per mode. */
interface Fixture {
  name: string;
  spec: string;
  dir: string;
  out: string;
  caches: Record<Mode, string>;
}

function run(args: string[], env: Record<string, string>, dir: string): Sample {
  const usageFile = join(dir, 'usage.json');
  const timingsFile = join(dir, 'timings.json');
  rmSync(timingsFile, { force: true });
  const started = performance.now();
  const result = spawnSync(process.execPath, ['--import', USAGE, ...args], {
    env: { ...process.env, BENCH_USAGE_FILE: usageFile, NO_COLOR: '1', ...env },
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  const wallMs = performance.now() - started;
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed (exit ${result.status}):\n${result.stderr.slice(-2000)}`);
  const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as Omit<Sample, 'wallMs'>;
  const timings = existsSync(timingsFile) ? JSON.parse(readFileSync(timingsFile, 'utf8')) : undefined;
  return { wallMs, ...usage, ...(timings ? { timings } : {}) };
}

/** The build as `npm install` leaves it (`npm run build`), copied into a fresh cache folder per mode. */
function prepare(name: string, spec: string, build: string): Fixture {
  const dir = mkdtempSync(join(tmpdir(), 'bench-generate-'));
  const caches = { warm: join(dir, 'cache-warm'), changed: join(dir, 'cache-changed'), first: join(dir, 'cache-first') };
  for (const cache of Object.values(caches)) cpSync(build, join(cache, 'build'), { recursive: true });
  const fixture = { name, spec, dir, out: join(dir, 'out'), caches };
  // generates the output folder once (so every measured run finds it up to date, as `npm run generate` usually
  // does) and fills the warm caches; the code cache of `spec changed` is filled by a run of its own
  run(ourArgs(fixture), { ZENSKAR_CODEGEN_CACHE_DIR: caches.warm }, dir);
  run(ourArgs(fixture), { ZENSKAR_CODEGEN_CACHE_DIR: caches.changed }, dir);
  return fixture;
}

const ourArgs = (f: Fixture): string[] => [...OUR_NODE_OPTIONS, OURS, 'generate', '--spec', f.spec, '--out', f.out];

/** `node <options> src/bin.js generate`: the options of package.json's `generate` script. */
function generateScriptNodeOptions(): string[] {
  const script = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.generate ?? '';
  const words = script.split(/\s+/);
  const bin = words.indexOf('src/bin.js');
  if (words[0] !== 'node' || bin === -1 || words[bin + 1] !== 'generate') throw new Error(`package.json's generate script is not \`node [options] src/bin.js generate\`: ${script}`);
  return words.slice(1, bin);
}

function measure(tool: Tool, f: Fixture): Sample {
  if (tool === 'openapi-typescript') return run([THEIRS, f.spec, '-o', join(f.dir, 'types.ts')], {}, f.dir);
  // a spec update finds no result for it (and pays for storing the new one); a first run finds no code cache either
  if (tool !== 'warm') rmSync(join(f.caches[tool], 'results'), { recursive: true, force: true });
  if (tool === 'first') rmSync(join(f.caches[tool], 'v8'), { recursive: true, force: true });
  return run(ourArgs(f), { ZENSKAR_CODEGEN_CACHE_DIR: f.caches[tool], ZENSKAR_CODEGEN_TIMINGS: join(f.dir, 'timings.json') }, f.dir);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const mib = (kib: number): string => `${(kib / 1024).toFixed(0)} MiB`;

function benchSpec(f: Fixture, modes: Mode[], runs: number): Record<Tool, Sample[]> {
  const tools: Tool[] = ['openapi-typescript', ...modes];
  const samples = Object.fromEntries(tools.map((t) => [t, [] as Sample[]])) as Record<Tool, Sample[]>;
  for (let i = 0; i < runs; i++) {
    // rotate the order, so that no command always runs right after the same other one
    const order = tools.map((_, k) => tools[(k + i) % tools.length]!);
    for (const tool of order) samples[tool].push(measure(tool, f));
    const line = tools.map((t) => `${t === 'openapi-typescript' ? t : MODE_NAMES[t]} ${seconds(samples[t][i]!.wallMs)}`).join(', ');
    process.stderr.write(`${f.name} round ${i + 1}/${runs}: ${line}\n`);
  }
  return samples;
}

function speedRows(f: Fixture, modes: Mode[], samples: Record<Tool, Sample[]>): string[] {
  const m = (tool: Tool, key: 'wallMs' | 'cpuMs'): number => median(samples[tool].map((s) => s[key]));
  const peak = (tool: Tool): number => Math.max(...samples[tool].map((s) => s.maxRssKiB));
  return modes.map((mode) => {
    const ratio = (key: 'wallMs' | 'cpuMs') => `${(m(mode, key) / m('openapi-typescript', key)).toFixed(2)}×`;
    return (
      `| ${f.name} | ${MODE_NAMES[mode]} | ${seconds(m(mode, 'wallMs'))} | ${seconds(m('openapi-typescript', 'wallMs'))} | **${ratio('wallMs')}** ` +
      `| ${seconds(m(mode, 'cpuMs'))} | ${seconds(m('openapi-typescript', 'cpuMs'))} | ${ratio('cpuMs')} ` +
      `| ${mib(peak(mode))} | ${mib(peak('openapi-typescript'))} | ${(peak(mode) / peak('openapi-typescript')).toFixed(2)}× |`
    );
  });
}

/**
 * Median milliseconds per stage: its own wall time (a stage holding others: the time outside them, as "(rest)"), of
 * which loading chunks (code). The worker's stages overlap the main thread's. `node start-up`: the time before the
 * command's first line runs.
 */
function stageRows(samples: Sample[]): Array<{ thread: string; stage: string; loadMs: number; workMs: number }> {
  const timed = samples.filter((s) => s.timings);
  const rows = new Map<string, { thread: string; stage: string; load: number[]; total: number[] }>();
  timed.forEach((sample, run) => {
    const add = (thread: string, stage: string, load: number, total: number) => {
      const key = `${thread}\u0000${stage}`;
      const row = rows.get(key) ?? { thread, stage, load: [], total: [] };
      row.load[run] = (row.load[run] ?? 0) + load;
      row.total[run] = (row.total[run] ?? 0) + total;
      rows.set(key, row);
    };
    const { records, timeOrigin } = sample.timings!;
    add('main', 'node start-up', 0, Math.min(...records.map((r) => r.startMs)) - timeOrigin);
    const stages = records.filter((r) => r.kind === 'stage');
    const end = (r: TimingRecord) => r.startMs + r.wallMs;
    const inside = (a: TimingRecord, b: TimingRecord) =>
      a !== b && a.thread === b.thread && a.startMs >= b.startMs && a.startMs < end(b) && end(a) <= end(b);
    // a chunk loaded while another loads (TypeScript, by openapi-typescript's) is part of the outer load
    const loads = records.filter((r) => r.kind === 'load' && !records.some((o) => o.kind === 'load' && inside(r, o)));
    for (const s of stages) {
      const children = stages.filter((c) => inside(c, s) && !stages.some((m) => inside(c, m) && inside(m, s)));
      const own = s.wallMs - children.reduce((sum, c) => sum + c.wallMs, 0);
      const load = loads.filter((r) => r.thread === s.thread && r.stage === s.name).reduce((sum, r) => sum + r.wallMs, 0);
      add(s.thread, children.length > 0 ? `${s.name} (rest)` : s.name, load, own);
    }
    for (const r of loads) if (r.stage === 'start-up') add(r.thread, 'start-up: load the generator', r.wallMs, r.wallMs);
  });
  const medianOf = (xs: number[]) => median(Array.from({ length: timed.length }, (_, i) => xs[i] ?? 0));
  return [...rows.values()].map((row) => {
    const loadMs = medianOf(row.load);
    return { thread: row.thread, stage: row.stage, loadMs, workMs: Math.max(0, medianOf(row.total) - loadMs) };
  });
}

function stageTable(fixtures: Fixture[], mode: Mode, all: Map<Fixture, Record<Tool, Sample[]>>): string {
  const rows = fixtures.map((f) => stageRows(all.get(f)![mode]));
  const keys: Array<{ thread: string; stage: string }> = [];
  for (const r of rows.flat()) if (!keys.some((k) => k.thread === r.thread && k.stage === r.stage)) keys.push(r);
  const cell = (i: number, k: { thread: string; stage: string }) => {
    const r = rows[i]!.find((x) => x.thread === k.thread && x.stage === k.stage);
    return r ? `${r.loadMs.toFixed(0)} + ${r.workMs.toFixed(0)}` : '—';
  };
  return [
    `| stage (${MODE_NAMES[mode]}; ms, median: loading code + work) | thread | ${fixtures.map((f) => f.name).join(' | ')} |`,
    `|---|---|${fixtures.map(() => '---').join('|')}|`,
    ...keys.map((k) => `| ${k.stage} | ${k.thread} | ${fixtures.map((_, i) => cell(i, k)).join(' | ')} |`),
  ].join('\n');
}

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, spec: { type: 'string' }, modes: { type: 'string', default: 'warm,changed,first' } } });
const runs = Number(values.runs);
const modes = values.modes!.split(',') as Mode[];
const specs: Array<[string, string]> = values.spec
  ? [[values.spec, values.spec]]
  : (() => {
      const paths = ensureCorpus((line) => process.stderr.write(`${line}\n`));
      return [['bundled (Zenskar)', SEED], ['GitHub', paths.github], ['Stripe', paths.stripe]];
    })();

// the build `npm install` makes (prepare), into a folder of its own
const buildCache = mkdtempSync(join(tmpdir(), 'bench-generate-build-'));
spawnSync(process.execPath, [join(ROOT, 'src/launch/build.js'), '--no-warm-up'], { env: { ...process.env, ZENSKAR_CODEGEN_CACHE_DIR: buildCache }, stdio: 'inherit' });
const fixtures = specs.map(([name, spec]) => prepare(name, spec, join(buildCache, 'build')));
const all = new Map(fixtures.map((f) => [f, benchSpec(f, modes, runs)] as const));
process.stdout.write(
  `medians of ${runs} runs, each the real command as a fresh process (ours: \`node ${[...OUR_NODE_OPTIONS, ''].join(' ')}src/bin.js generate --spec S --out D\` as \`npm run generate\` starts it, D up to date; ` +
    `openapi-typescript: \`openapi-typescript S -o F\`); peak memory: the highest of the runs\n\n` +
    `| spec | ours | ours wall | openapi-typescript wall | ratio | ours CPU | openapi-typescript CPU | CPU ratio | ours peak RSS | openapi-typescript peak RSS | memory ratio |\n` +
    `|---|---|---|---|---|---|---|---|---|---|---|\n${fixtures.flatMap((f) => speedRows(f, modes, all.get(f)!)).join('\n')}\n\n` +
    modes.map((mode) => stageTable(fixtures, mode, all)).join('\n\n') +
    '\n',
);
for (const f of fixtures) rmSync(f.dir, { recursive: true, force: true });
rmSync(buildCache, { recursive: true, force: true });
