/**
 * Runtime-validator benchmark: our generated validators vs ajv (compiled, allErrors), typia (AOT),
 * zod 4 and valibot on the session request, session response and a 422 body with 20 items — valid, one error, many
 * errors — plus the min+gzip size each adds to an esbuild bundle.
 *
 * `npm run bench:validators [-- --rounds 5 --batch-ms 40 --processes 3 --instructions --only-size --libs ours,ajv --ours-file x.mjs --baseline-file before.mjs]`
 *
 * Built for a shared, noisy machine: contenders are interleaved round by round, and the table shows medians over
 * the rounds, the ratio to ajv as the median of per-round ratios (each round's ajv batch ran seconds apart from the
 * other contenders' batches), the spread of our rounds, and a CPU-time ratio. `--instructions` adds callgrind
 * instruction counts per call for ours, ajv and typia, which other processes cannot disturb. `--processes N` times in
 * N fresh processes one after another and prints, per case, the median of their ratios and ours' lowest and highest
 * (and lowest in CPU time): what V8 decides while warming up (inlining, allocation sites) differs from process to
 * process, and one process in five or six measured a case 20–40% off its usual ratio. It then lists every process and
 * case slower than ajv, with the CPU-time ratio beside it: on a loaded machine a batch kept off the CPU reads slow by
 * the clock only. After the timing, each process measures the bytes per call
 * ours' and ajv's cases put into V8's old space and lists those over 16 B (see old-space.ts; a case that does not leave
 * ~0): V8 had pretenured their objects.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { buildAjvStandalone, buildOurs, buildTypia, CACHE, SPEC } from './build-artifacts.js';
import { LIBS, loadContenders, makeLoop, type Lib } from './competitors.js';
import { CASE_KEYS, CASES, KINDS, SCHEMA_NAMES } from './inputs.js';
import { measureInstructions, type Instructions } from './instructions.js';
import { oldSpaceBytesPerCall } from './old-space.js';
import { installGeneratedPackage } from './package-bundle.js';
import { bundleSize, sizeEntries, writeAjvWithRule } from './sizes.js';
import { median, spread, timeInterleaved, type Samples, type Timed } from './timing.js';

const COUNTED: Lib[] = ['ours', 'ajv', 'typia'];

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rounds: { type: 'string', default: '5' },
      'batch-ms': { type: 'string', default: '40' },
      instructions: { type: 'boolean', default: false },
      'only-size': { type: 'boolean', default: false },
      libs: { type: 'string', default: LIBS.join(',') },
      // A/B runs: time a saved copy of an earlier generated module (.mjs) as "ours"
      'ours-file': { type: 'string' },
      // before/after in one run: time a saved earlier module (.mjs) as "before", interleaved with "ours"
      'baseline-file': { type: 'string' },
      processes: { type: 'string', default: '1' },
      // (internal) a child of `--processes`: write the ratios as JSON here, print nothing else
      'ratios-json': { type: 'string' },
    },
  });
  const libs = values.libs.split(',').filter((l): l is Lib => (LIBS as readonly string[]).includes(l));
  if (!libs.includes('ajv')) libs.unshift('ajv');
  if (values['baseline-file'] !== undefined) libs.splice(libs.indexOf('ours') + 1, 0, 'before');
  const artifacts = { ours: values['ours-file'] ?? buildOurs(), typia: buildTypia() };
  const processes = Number(values.processes);
  if (!values['only-size'] && processes > 1) {
    const children = timeInProcesses(processes, artifacts.ours, values);
    const runs = children.map((c) => c.ratios);
    let instructions: Instructions | undefined;
    if (values.instructions) {
      process.stderr.write('counting instructions under callgrind (a minute or two)...\n');
      instructions = await measureInstructions(CACHE, artifacts, COUNTED.filter((l) => libs.includes(l)));
    }
    printAcrossProcesses(children, libs, instructions);
    printOldSpace(children.map((c) => c.oldSpace));
  } else if (!values['only-size']) {
    const ours = (await import(pathToFileURL(artifacts.ours).href)) as Record<string, unknown>;
    const typia = (await import(pathToFileURL(artifacts.typia).href)) as Record<string, unknown>;
    const baseline = values['baseline-file'] === undefined ? undefined : (await import(pathToFileURL(values['baseline-file']).href)) as Record<string, unknown>;
    const table = loadContenders(ours, typia, SPEC, baseline);
    const groups: Timed[][] = SCHEMA_NAMES.flatMap((name) => KINDS.map((kind) => libs.map((lib) => ({
      key: `${lib} ${name}/${kind}`,
      loop: makeLoop(table[name][lib]!, CASES[name][kind], `${lib} ${name}/${kind}`),
      accepts: kind === 'valid',
    }))));
    const rounds = Number(values.rounds);
    process.stderr.write(`timing ${libs.join(', ')}: ${rounds} interleaved rounds of ${values['batch-ms']} ms batches\n`);
    const samples = timeInterleaved(groups, { rounds, batchMs: Number(values['batch-ms']), onRound: (r) => process.stderr.write(`  round ${r}/${rounds} done\n`) });
    // ours and ajv, the pair the bar compares (zod, pretenured in every process tried, and valibot take minutes more)
    const oldSpace = new Map(groups.flat().filter((t) => /^(ours|ajv) /.test(t.key)).map((t) => [t.key, oldSpaceBytesPerCall(t.loop)]));
    if (values['ratios-json'] !== undefined) {
      const oursCpu = Object.fromEntries(CASE_KEYS.map((key) => [key, ratio(samples, 'ours', key, 'cpu')]));
      const ns = Object.fromEntries(CASE_KEYS.map((key) => [key, { ours: samples.get(`ours ${key}`)!.wall, ajv: samples.get(`ajv ${key}`)!.wall }]));
      const child: ChildResult = { ratios: ratiosOf(samples, libs), oursCpu, ns, oldSpace: Object.fromEntries(oldSpace) };
      writeFileSync(values['ratios-json'], JSON.stringify(child));
      return;
    }
    let instructions: Instructions | undefined;
    if (values.instructions) {
      process.stderr.write('counting instructions under callgrind (a minute or two)...\n');
      instructions = await measureInstructions(CACHE, artifacts, COUNTED.filter((l) => libs.includes(l)));
    }
    printSpeed(samples, libs, instructions);
    printOldSpace([Object.fromEntries(oldSpace)]);
  }
  await printSizes(artifacts);
}

/** Per case and library: the ratio to ajv (see `ratio`), for `--processes`. */
type Ratios = Record<string, Record<string, number>>;

/**
 * What a `--processes` child reports: its ratios (wall clock), ours' ratios in CPU time per case, and per `lib case`
 * the bytes per call ours and ajv left in old space.
 */
interface ChildResult {
  ratios: Ratios;
  oursCpu: Record<string, number>;
  /** per case, ours' and ajv's wall-clock ns per call in each round (one slow round is load; all slow, a state) */
  ns: Record<string, { ours: number[]; ajv: number[] }>;
  oldSpace: Record<string, number>;
}

/** Bytes per call into old space from which a case is listed: an error location is a 32-byte array, and a case not
 * pretenured puts ~0 there. */
const OLD_SPACE_REPORTED = 16;

/**
 * Cases whose calls allocated into V8's old space (see old-space.ts), per process; silent when none did. Over several
 * processes it ends with how many processes it happened in, per library, zero included: the rate is what tells a
 * V8 heuristic that hits everyone from one that singles ours out.
 */
function printOldSpace(perProcess: Array<Record<string, number>>): void {
  const pretenured = (cases: Record<string, number>) => Object.entries(cases).filter(([, b]) => b >= OLD_SPACE_REPORTED);
  const lines = perProcess.flatMap((cases, i) => pretenured(cases)
    .map(([key, b]) => `  ${perProcess.length > 1 ? `process ${i + 1}: ` : ''}${key}: ${b.toFixed(0)} B per call into old space`));
  if (lines.length > 0) {
    console.log('\nV8 pretenured some allocations (old-space garbage: that case runs 2-5x slower in that process):');
    console.log(lines.join('\n'));
  }
  if (perProcess.length > 1) {
    const libs = [...new Set(perProcess.flatMap((cases) => Object.keys(cases).map((k) => k.split(' ')[0]!)))];
    const counts = libs.map((lib) => `${lib} ${perProcess.filter((cases) => pretenured(cases).some(([k]) => k.startsWith(`${lib} `))).length}`);
    console.log(`\nProcesses with a pretenured case, of ${perProcess.length}: ${counts.join(', ')}`);
  }
}

function ratiosOf(samples: Samples, libs: Lib[]): Ratios {
  const out: Ratios = {};
  for (const key of CASE_KEYS) {
    out[key] = Object.fromEntries(libs.map((lib) => [lib, ratio(samples, lib, key, 'wall')]));
  }
  return out;
}

/** Runs this script's timing in `n` fresh processes, one after another (the modules built once, here). */
function timeInProcesses(n: number, oursFile: string, values: { rounds: string; 'batch-ms': string; libs: string; 'baseline-file'?: string | undefined }): ChildResult[] {
  const dir = mkdtempSync(join(tmpdir(), 'zc-bench-'));
  try {
    const runs: ChildResult[] = [];
    for (let i = 1; i <= n; i++) {
      const out = join(dir, `run-${i}.json`);
      const args = [...process.execArgv, fileURLToPath(import.meta.url), '--rounds', values.rounds, '--batch-ms', values['batch-ms'],
        '--libs', values.libs, '--ours-file', oursFile, '--ratios-json', out,
        ...(values['baseline-file'] === undefined ? [] : ['--baseline-file', values['baseline-file']])];
      process.stderr.write(`process ${i}/${n}...\n`);
      const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'inherit', 'inherit'] });
      if (r.status !== 0) throw new Error(`bench process ${i} failed (${String(r.status ?? r.signal)})`);
      runs.push(JSON.parse(readFileSync(out, 'utf8')) as ChildResult);
    }
    return runs;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function printAcrossProcesses(children: ChildResult[], libs: Lib[], instructions: Instructions | undefined): void {
  const runs = children.map((c) => c.ratios);
  const cpu = children.map((c) => c.oursCpu);
  const counted = COUNTED.filter((l) => libs.includes(l));
  const head = ['case', ...libs.map((l) => `${l} ×ajv`), 'ours lowest–highest', 'cpu time: lowest'];
  if (instructions) head.push(...counted.map((l) => `${l} instr/call`));
  const rows = [head];
  for (const key of CASE_KEYS) {
    const ours = runs.map((r) => r[key]!.ours!);
    const row = [key, ...libs.map((lib) => `${median(runs.map((r) => r[key]![lib]!)).toFixed(2)}×`)];
    row.push(`${Math.min(...ours).toFixed(2)}–${Math.max(...ours).toFixed(2)}×`);
    row.push(`${Math.min(...cpu.map((c) => c[key]!)).toFixed(2)}×`);
    if (instructions) for (const lib of counted) row.push(String(Math.round(instructions.get(`${lib} ${key}`) ?? NaN)));
    rows.push(row);
  }
  console.log(`\nSpeed: median over ${runs.length} processes of each process's ×ajv (the median of its per-round ratios)`);
  console.log(formatTable(rows));
  console.log(slowerThanAjv(children));
}

/**
 * The issue's bar, process by process: how many processes ran some case of ours slower than ajv, and which, with the
 * same ratio in CPU time. A real loss shows in both; a batch of ours that other processes kept off the CPU (a loaded
 * machine) shows in wall-clock time only.
 */
function slowerThanAjv(children: ChildResult[]): string {
  const byRound = (ns: number[]): string => ns.map((x) => x.toFixed(x < 100 ? 1 : 0)).join('/');
  const perProcess = children.map((child, i) => Object.entries(child.ratios).filter(([, c]) => c.ours! < 1).map(([key, c]) => {
    const cpu = child.oursCpu[key]!;
    const ns = child.ns[key]!;
    const usual = (lib: 'ours' | 'ajv'): string => byRound([median(children.map((ch) => median(ch.ns[key]![lib])))]);
    const line = `  process ${i + 1}: ${key} ${c.ours!.toFixed(2)}× (cpu time ${cpu.toFixed(2)}×; ns per call by round: ours `
      + `${byRound(ns.ours)}, ajv ${byRound(ns.ajv)}; median process: ours ${usual('ours')}, ajv ${usual('ajv')})`;
    return { line, cpu };
  }));
  const processes = perProcess.filter((cases) => cases.length > 0).length;
  if (processes === 0) return `Ours slower than ajv: no case, in any of the ${children.length} processes.`;
  const inCpu = perProcess.filter((cases) => cases.some((c) => c.cpu < 1)).length;
  return `Ours slower than ajv in ${processes} of ${children.length} processes (in cpu time too: ${inCpu}):\n`
    + perProcess.flat().map((c) => c.line).join('\n');
}

/** Per-round ratios base/other (same round: the two batches ran moments apart), then their median. */
function ratio(samples: Samples, lib: string, key: string, field: 'wall' | 'cpu'): number {
  const base = samples.get(`ajv ${key}`)![field];
  const mine = samples.get(`${lib} ${key}`)![field];
  return median(base.map((b, i) => b / mine[i]!));
}

function printSpeed(samples: Samples, libs: Lib[], instructions: Instructions | undefined): void {
  const head = ['case', 'ours ops/s (spread)', ...libs.map((l) => `${l} ×ajv`), 'ours ×ajv cpu'];
  const counted = COUNTED.filter((l) => libs.includes(l));
  if (instructions) head.push(...counted.map((l) => `${l} instr/call`));
  const rows = [head];
  for (const key of CASE_KEYS) {
    const ours = samples.get(`ours ${key}`)!.wall;
    const row = [key, `${fmtOps(1e9 / median(ours))} (±${((spread(ours) * 100) / 2).toFixed(0)}%)`];
    for (const lib of libs) row.push(`${ratio(samples, lib, key, 'wall').toFixed(2)}×`);
    row.push(`${ratio(samples, 'ours', key, 'cpu').toFixed(2)}×`);
    if (instructions) for (const lib of counted) row.push(String(Math.round(instructions.get(`${lib} ${key}`) ?? NaN)));
    rows.push(row);
  }
  console.log('\nSpeed: median of rounds; ×ajv = median of per-round speed ratios (higher is faster than ajv)');
  console.log(formatTable(rows));
}

function formatTable(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ')).join('\n');
}

function fmtOps(ops: number): string {
  return ops >= 1e6 ? `${(ops / 1e6).toFixed(2)}M` : `${(ops / 1e3).toFixed(1)}k`;
}

/**
 * Bundle sizes (esbuild as `BUNDLE_OPTIONS` says, gzip -9). "ours" is the bench's module of the session schemas;
 * "package" is the generated package as published (tsc-compiled `generated/`), the session rule of its overlay
 * included; ajv's request schema plus the same rule functions is its counterpart.
 */
async function printSizes(artifacts: { ours: string; typia: string }): Promise<void> {
  // ajv's module is not tree-shaken to one export (its functions hang off shared code), so the fair request-body
  // figure is ajv's code generated for the request schema alone
  const ajvRequest = buildAjvStandalone(['CreateSessionRequestSchema'], 'standalone-request.mjs');
  const paths = {
    ours: artifacts.ours,
    ajv: buildAjvStandalone(SCHEMA_NAMES),
    ajvRequest,
    ajvRule: writeAjvWithRule(ajvRequest, join(CACHE, 'ajv', 'standalone-request-rule.mjs')),
    typia: artifacts.typia,
    zod: fileURLToPath(new URL('./zod-schemas.ts', import.meta.url)),
    valibot: fileURLToPath(new URL('./valibot-schemas.ts', import.meta.url)),
  };
  const dir = fileURLToPath(new URL('.', import.meta.url));
  const root = join(CACHE, 'package');
  rmSync(root, { recursive: true, force: true });
  const name = installGeneratedPackage(fileURLToPath(new URL('../../generated/', import.meta.url)), root);
  console.log('\nBundle size (esbuild --bundle --minify --format=esm --platform=browser --target=es2022, gzip -9)');
  for (const { label, entry, resolveDir } of sizeEntries(paths, dir, { name, root })) {
    const { min, gzip } = await bundleSize(entry, resolveDir);
    console.log(`${label.padEnd(46)} ${String(min).padStart(7)} B min ${(gzip / 1024).toFixed(2).padStart(6)} kB gzip (${gzip} B)`);
  }
}

await main();
