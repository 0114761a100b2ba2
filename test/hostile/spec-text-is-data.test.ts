import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GeneratedFile } from '../../src/generated-file.js';
import { generate } from '../../src/run.js';
import { createLibCache, importInFreshProcess, typecheckPackages, type ImportReport } from './compile-packages.js';
import { hostileSpec } from './hostile-spec.js';

// Spec text is data, never code. Hostile specs (comment terminators, template syntax, quotes,
// backslashes, line separators, NUL, reserved words, `__proto__`, values of every type...) go through the real
// generator; every package must parse, import without side effects, and typecheck under generated/'s strict
// options. `npm test` runs ZC_FUZZ_RUNS (default 40) specs; `npm run test:fuzz` runs 1000. A failing spec is
// left on disk; its path is in the failure message.

const RUNS = Number(process.env.ZC_FUZZ_RUNS ?? 40);
const SEED = Number(process.env.ZC_FUZZ_SEED ?? 20240301);
const BATCH = 20;

interface Generated {
  specFile: string;
  files?: GeneratedFile[];
  errors: string[];
  /** the generator threw: a bug, since spec problems must come back as issues */
  crash?: string;
}

interface Checked {
  results: Generated[];
  syntax: string[];
  types: string[];
  imports: Array<{ stdout: string; stderr: string; status: number | null; missing: number; bad: ImportReport[] }>;
}

async function generateAll(specs: unknown[]): Promise<Generated[]> {
  const dir = mkdtempSync(join(tmpdir(), 'zc-fuzz-'));
  const out: Generated[] = [];
  for (const [i, spec] of specs.entries()) {
    const specFile = join(dir, `spec${i}.json`);
    writeFileSync(specFile, JSON.stringify(spec));
    try {
      const { files, issues } = await generate({ spec: specFile });
      out.push({ specFile, ...(files ? { files } : {}), errors: issues.filter((x) => x.severity === 'error').map((x) => `${x.code} ${x.pointer} ${x.message}`) });
    } catch (err) {
      out.push({ specFile, errors: [], crash: (err as Error).stack ?? String(err) });
    }
  }
  return out;
}

async function generateAndCheck(): Promise<Checked> {
  const results = await generateAll(fc.sample(hostileSpec, { numRuns: RUNS, seed: SEED }));
  const generated = results.filter((r) => r.files);
  const libCache = createLibCache();
  const checked: Checked = { results, syntax: [], types: [], imports: [] };
  for (let start = 0; start < generated.length; start += BATCH) {
    const batch = generated.slice(start, start + BATCH);
    const packages = batch.map((g) => g.files!);
    const { syntax, types } = typecheckPackages(packages, libCache);
    batch.forEach((g, i) => {
      if (syntax[i]!.length > 0) checked.syntax.push(`${g.specFile}\n  ${syntax[i]!.slice(0, 5).join('\n  ')}`);
      if (types[i]!.length > 0) checked.types.push(`${g.specFile}\n  ${types[i]!.slice(0, 5).join('\n  ')}`);
    });
    const imported = importInFreshProcess(packages, mkdtempSync(join(tmpdir(), 'zc-fuzz-import-')));
    const modules = packages.reduce((n, p) => n + p.filter((f) => f.path.endsWith('.ts')).length, 0);
    checked.imports.push({
      stdout: imported.stdout, stderr: imported.stderr, status: imported.status,
      missing: modules - imported.report.length,
      bad: imported.report.filter((r) => r.error !== undefined || r.touched.length > 0),
    });
  }
  return checked;
}

describe('spec text is data, never code', () => {
  let checked: Checked;
  beforeAll(async () => {
    checked = await generateAndCheck();
  }, 600_000);

  it(`${RUNS} hostile specs: the generator never crashes, and refuses few`, () => {
    const crashes = checked.results.filter((r) => r.crash).map((r) => `${r.specFile}\n${r.crash!.split('\n').slice(0, 4).join('\n')}`);
    expect(crashes).toEqual([]);
    // A hostile spec may be refused with issues (a path with a bare `%`), but most must generate.
    expect(checked.results.filter((r) => r.files).length).toBeGreaterThanOrEqual(RUNS * 0.8);
  });

  it('every generated file parses', () => {
    expect(checked.syntax).toEqual([]);
  });

  it('importing every module in a fresh process touches no global, prints nothing, does not exit', () => {
    expect(checked.imports.length).toBeGreaterThan(0);
    for (const run of checked.imports) expect(run).toEqual({ stdout: '', stderr: '', status: 0, missing: 0, bad: [] });
  });

  it("every package typechecks under generated/'s strict options", () => {
    expect(checked.types).toEqual([]);
  });
});
