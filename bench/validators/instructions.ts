/**
 * Instruction counts per call under callgrind: unlike seconds, they do not move when other processes load the
 * machine (same binary, same inputs → same count, within a fraction of a percent). Optional: `--instructions`.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Lib } from './competitors.js';

/** Per "lib schema/kind" label: instructions per call (the lower of the two measured loops). */
export type Instructions = Map<string, number>;

/**
 * Bundles a child script (our and typia's generated modules plus the other libraries) with esbuild and runs it
 * under callgrind with `node --single-threaded` (synchronous JIT: the same tier-up every run).
 */
export async function measureInstructions(cache: string, artifacts: { ours: string; typia: string }, libs: Lib[]): Promise<Instructions> {
  const dir = join(cache, 'callgrind');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const child = join(dir, 'child.mjs');
  const benchDir = fileURLToPath(new URL('.', import.meta.url));
  const spec = fileURLToPath(new URL('../../spec/openapi-20240301.json', import.meta.url));
  await build({
    stdin: {
      contents: [
        `import * as ours from ${JSON.stringify(artifacts.ours)};`,
        `import * as typia from ${JSON.stringify(artifacts.typia)};`,
        `import spec from ${JSON.stringify(spec)};`,
        `import { loadContenders } from './competitors.ts';`,
        `import { countInstructions } from './instructions-child.ts';`,
        `countInstructions(loadContenders(ours, typia, spec), ${JSON.stringify(libs)}, 300);`,
      ].join('\n'),
      resolveDir: benchDir, loader: 'ts',
    },
    bundle: true, platform: 'node', format: 'esm', outfile: child, logLevel: 'silent',
    // ajv and friends use require(); esbuild's ESM output needs a real require for Node built-ins
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  const out = join(dir, 'cg.out');
  const r = spawnSync('valgrind', ['--tool=callgrind', "--dump-before=node::CPUUsage*", `--callgrind-out-file=${out}`,
    process.execPath, '--single-threaded', child], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`callgrind run failed (${String(r.status)}): ${r.stderr.slice(-2000)}`);
  const manifest = JSON.parse(r.stdout) as Array<{ label: string; n: number }>;
  return readParts(dir, manifest);
}

/** Part 3j+2 and 3j+3 (1-based) hold the two measured loops of manifest entry j; part 1 is start-up. */
function readParts(dir: string, manifest: Array<{ label: string; n: number }>): Instructions {
  const totals = new Map<number, number>();
  for (const f of readdirSync(dir)) {
    const m = /^cg\.out\.(\d+)$/.exec(f);
    if (!m) continue;
    const t = /^totals:\s*(\d+)/m.exec(readFileSync(join(dir, f), 'utf8'));
    if (t) totals.set(Number(m[1]), Number(t[1]));
  }
  const result: Instructions = new Map();
  manifest.forEach(({ label, n }, j) => {
    const a = totals.get(3 * j + 2);
    const b = totals.get(3 * j + 3);
    if (a === undefined || b === undefined) throw new Error(`callgrind: no dump parts for ${label}`);
    result.set(label, Math.min(a, b) / n);
  });
  return result;
}
