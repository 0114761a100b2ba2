/**
 * `npm run bench:generate`: our whole generation (`zenskar-codegen generate`: load, check, types, client, validators,
 * formatting, writing the package) against openapi-typescript's types-only CLI (`openapi-typescript spec -o file`),
 * on GitHub's and Stripe's specs, in the same run. Each measurement is the real command as a fresh process, as a user
 * runs it; the two alternate, so drift in machine load hits both alike. Prints medians of wall time, CPU time (user
 * + system, all threads: steadier than wall time on a busy machine) and peak memory, and the ratios.
 * Flags: `--runs N` (default 5), `--spec FILE` (instead of GitHub and Stripe).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureCorpus } from '../../test/corpus/corpus-cache.js';

const USAGE = fileURLToPath(new URL('./usage.mjs', import.meta.url));
const OURS = fileURLToPath(new URL('../../src/bin.js', import.meta.url));
const THEIRS = fileURLToPath(new URL('../../node_modules/openapi-typescript/bin/cli.js', import.meta.url));

interface Sample {
  wallMs: number;
  cpuMs: number;
  maxRssKiB: number;
}

type Tool = 'ours' | 'openapi-typescript';

function measure(tool: Tool, spec: string): Sample {
  const dir = mkdtempSync(join(tmpdir(), 'bench-generate-'));
  try {
    const usageFile = join(dir, 'usage.json');
    const args = tool === 'ours' ? [OURS, 'generate', '--spec', spec, '--out', join(dir, 'out')] : [THEIRS, spec, '-o', join(dir, 'types.ts')];
    const started = performance.now();
    const result = spawnSync(process.execPath, ['--import', USAGE, ...args], {
      env: { ...process.env, BENCH_USAGE_FILE: usageFile, NO_COLOR: '1' },
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    });
    const wallMs = performance.now() - started;
    if (result.status !== 0) throw new Error(`${tool} failed on ${spec} (exit ${result.status}):\n${result.stderr.slice(-2000)}`);
    return { wallMs, ...(JSON.parse(readFileSync(usageFile, 'utf8')) as Omit<Sample, 'wallMs'>) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

function benchSpec(name: string, spec: string, runs: number): string {
  const samples: Record<Tool, Sample[]> = { ours: [], 'openapi-typescript': [] };
  for (let i = 0; i < runs; i++) {
    // alternate which goes first, so neither always runs right after the other warmed the file cache
    const order: Tool[] = i % 2 === 0 ? ['openapi-typescript', 'ours'] : ['ours', 'openapi-typescript'];
    for (const tool of order) samples[tool].push(measure(tool, spec));
    const [o, t] = [samples.ours[i]!, samples['openapi-typescript'][i]!];
    process.stderr.write(`${name} run ${i + 1}/${runs}: ours ${seconds(o.wallMs)} (cpu ${seconds(o.cpuMs)}), openapi-typescript ${seconds(t.wallMs)} (cpu ${seconds(t.cpuMs)})\n`);
  }
  const m = (tool: Tool, key: keyof Sample): number => median(samples[tool].map((s) => s[key]));
  const ratio = (key: keyof Sample): string => `${(m('ours', key) / m('openapi-typescript', key)).toFixed(2)}×`;
  const peak = (tool: Tool): string => `${(Math.max(...samples[tool].map((s) => s.maxRssKiB)) / 1024).toFixed(0)} MiB`;
  return (
    `| ${name} | ${seconds(m('ours', 'wallMs'))} | ${seconds(m('openapi-typescript', 'wallMs'))} | **${ratio('wallMs')}** ` +
    `| ${seconds(m('ours', 'cpuMs'))} | ${seconds(m('openapi-typescript', 'cpuMs'))} | ${ratio('cpuMs')} | ${peak('ours')} | ${peak('openapi-typescript')} |`
  );
}

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, spec: { type: 'string' } } });
const runs = Number(values.runs);
const specs: Array<[string, string]> = values.spec
  ? [[values.spec, values.spec]]
  : (() => {
      const paths = ensureCorpus((line) => process.stderr.write(`${line}\n`));
      return [['GitHub', paths.github], ['Stripe', paths.stripe]];
    })();
const rows = specs.map(([name, spec]) => benchSpec(name, spec, runs));
process.stdout.write(
  `medians of ${runs} runs, each the real command as a fresh process (ours: \`zenskar-codegen generate --spec S --out D\`; ` +
    `openapi-typescript: \`openapi-typescript S -o F\`)\n\n` +
    `| spec | ours wall | openapi-typescript wall | ratio | ours CPU | openapi-typescript CPU | CPU ratio | ours peak RSS | openapi-typescript peak RSS |\n` +
    `|---|---|---|---|---|---|---|---|---|\n${rows.join('\n')}\n`,
);
