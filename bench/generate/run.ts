/**
 * `npm run bench:generate`: our full generation (types, client, validators, formatting; in memory, no disk
 * writes) against openapi-typescript's types-only generation, on GitHub's and Stripe's specs, in the same run.
 * Each measurement is a fresh process (`child.ts`); prints medians, the ratio and peak memory.
 * Flags: `--runs N` (default 3).
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureCorpus } from '../../test/corpus/corpus-cache.js';

const CHILD = fileURLToPath(new URL('./child.ts', import.meta.url));
const TSX = fileURLToPath(new URL('../../node_modules/tsx/dist/cli.mjs', import.meta.url));

interface Sample {
  /** from after module load to output in memory, measured in the child */
  ms: number;
  /** the whole child process (start-up, tsx, module loading included), measured here */
  wallMs: number;
  maxRssKiB: number;
}

function measure(mode: 'ours' | 'openapi-typescript', spec: string): Sample {
  const started = performance.now();
  const out = execFileSync(process.execPath, [TSX, CHILD, mode, spec], { encoding: 'utf8', maxBuffer: 1 << 20, stdio: ['ignore', 'pipe', 'ignore'] });
  const wallMs = performance.now() - started;
  return { ...(JSON.parse(out.trim().split('\n').pop()!) as Omit<Sample, 'wallMs'>), wallMs };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
const runs = Number(values.runs);
const paths = ensureCorpus((line) => process.stderr.write(`${line}\n`));
const rows: string[] = [];
for (const [name, spec] of [['GitHub', paths.github], ['Stripe', paths.stripe]] as const) {
  const ours: Sample[] = [];
  const theirs: Sample[] = [];
  // interleaved, so that drift in machine load hits both alike
  for (let i = 0; i < runs; i++) {
    theirs.push(measure('openapi-typescript', spec));
    ours.push(measure('ours', spec));
    process.stderr.write(
      `${name} run ${i + 1}/${runs}: openapi-typescript ${theirs[i]!.ms.toFixed(0)} ms (process ${theirs[i]!.wallMs.toFixed(0)} ms), ` +
        `ours ${ours[i]!.ms.toFixed(0)} ms (process ${ours[i]!.wallMs.toFixed(0)} ms)\n`,
    );
  }
  const a = median(ours.map((s) => s.ms));
  const b = median(theirs.map((s) => s.ms));
  const wa = median(ours.map((s) => s.wallMs));
  const wb = median(theirs.map((s) => s.wallMs));
  const peak = Math.max(...ours.map((s) => s.maxRssKiB)) / 1024;
  rows.push(
    `${name.padEnd(7)} ours ${(a / 1000).toFixed(2)} s  openapi-typescript ${(b / 1000).toFixed(2)} s  ratio ${(a / b).toFixed(2)}×  ` +
      `| whole process ${(wa / 1000).toFixed(2)} s vs ${(wb / 1000).toFixed(2)} s, ratio ${(wa / wb).toFixed(2)}×  ` +
      `| peak RSS ours ${peak.toFixed(0)} MiB (openapi-typescript ${(Math.max(...theirs.map((s) => s.maxRssKiB)) / 1024).toFixed(0)} MiB)`,
  );
}
process.stdout.write(
  `medians of ${runs} runs (fresh process each; first time: from after module load to output in memory; whole process: ` +
    `spawn to exit, as \`openapi-typescript spec.json\` is timed on the command line)\n${rows.join('\n')}\n`,
);
