/**
 * Why no error comes from an allocation site: V8 counts, per allocation site (each object and array literal), how
 * many of its objects survive a scavenge, and once most do it may allocate that site's objects straight into old
 * space for the rest of the process. Errors live as long as the caller keeps the result, so when they came from
 * literals, the 422 body with many errors ran at 0.52-0.55x ajv's speed in 2 of 160 bench processes
 * (src/emit/validators/README.md, "No allocation sites for errors").
 * Now no error and no `loc` comes from a site; only the list holding them does (one per call). A real Node process,
 * run unoptimised (where the counting happens) with `--trace-pretenuring-statistics`, keeps every error list, and
 * the sites whose objects survive made at most one object per call. A control run, keeping object literals the same
 * way, shows that the trace does report them.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { emitValidators } from '../../src/emit/validators/index.js';
import { componentEntry, errorsOf, loadValidators } from './load-validators.js';

// Errors from every way the module records one: a root function's constant locs (`ra`), its locs with an index
// (`tags`), and a nested function's path-built locs (`r`, items of `detail`).
const doc = {
  components: {
    schemas: {
      Item: {
        type: 'object',
        required: ['loc', 'msg', 'type'],
        properties: { loc: { type: 'array', items: { type: 'string' } }, msg: { type: 'string' }, type: { type: 'string' } },
      },
      Body: {
        type: 'object',
        required: ['detail', 'name'],
        properties: {
          detail: { type: 'array', items: { $ref: '#/components/schemas/Item' } },
          tags: { type: 'array', items: { type: 'string' } },
          name: { type: 'string' },
        },
      },
    },
  },
};
const invalid = { detail: Array.from({ length: 20 }, () => ({ loc: [true], msg: null })), tags: [1, 2] };
const SITE = /AllocationSite\(0x[0-9a-f]+\): \(created, found, ratio\) \((\d+), (\d+), [\d.]+\)/g;

/** The sites a scavenge reported on while `script` ran unoptimised: objects made with a memento, and found alive. */
function survivingSites(dir: string, script: string): { created: number; found: number }[] {
  writeFileSync(join(dir, 'run.mjs'), script);
  const r = spawnSync(process.execPath, ['--no-opt', '--no-maglev', '--trace-pretenuring-statistics', 'run.mjs'], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  expect(r.stderr).toBe('');
  expect(r.stdout).toContain('done');
  return [...r.stdout.matchAll(SITE)].map((m) => ({ created: Number(m[1]), found: Number(m[2]) }));
}

/** Evaluates `make` `n` times and keeps every `keep` (in a list made by `Array(n)`, no site of its own). */
const keeping = (n: number, setup: string, make: string, keep: string): string => `${setup}
const kept = Array(${n});
for (let i = 0; i < ${n}; i++) { const r = ${make}; kept[i] = ${keep}; }
process.stdout.write('done ' + kept.length + '\\n');`;

describe('errors are not allocated from a site V8 could pretenure', () => {
  const { content } = emitValidators({ document: doc, dialect: 'openapi-3.1', entries: [componentEntry('Body')] });
  const js = ts.transpileModule(content, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
  const probe = spawnSync(process.execPath, ['--trace-pretenuring-statistics', '-e', '0'], { encoding: 'utf8' });
  const traced = probe.status === 0 && !/bad option|unknown/i.test(probe.stderr);
  if (!traced) console.warn(`SKIPPED: this Node (${process.version}) has no --trace-pretenuring-statistics`);

  it.skipIf(!traced)('kept error lists: sites whose objects survive made at most one object per call', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zc-sites-'));
    try {
      writeFileSync(join(dir, 'validators.mjs'), js);
      const setup = `import { validateBody } from './validators.mjs';
const x = ${JSON.stringify(invalid)};
if (validateBody(x).errors.length !== 63) throw new Error('expected 63 errors, got ' + validateBody(x).errors.length);`;
      const sites = survivingSites(dir, keeping(3000, setup, 'validateBody(x)', 'r.errors'));
      // 3000 calls of 63 errors each: a site behind the errors or their locs would report 63 objects per call. (V8
      // decides nothing for a site that made fewer than 100 objects between two scavenges; those reports are noise.)
      // the run was traced: scavenges reported on its sites (the path nodes alone make 60 objects per call). The
      // busiest site makes ~1000-1050 objects between two scavenges in most runs, ~40,000 in others: where the
      // scavenges fall decides it, so the check is V8's own threshold, not a count near that edge
      expect(sites.filter((s) => s.created >= 100).length).toBeGreaterThan(0);
      const surviving = sites.filter((s) => s.created >= 100 && s.found >= 0.5 * s.created);
      expect(surviving.reduce((n, s) => n + s.created, 0)).toBeLessThanOrEqual(3000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(!traced)('control: the trace reports kept object literals as surviving', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zc-sites-'));
    try {
      // 30,000 small objects: enough to fill the young generation a few times (3000 error lists are 190,000 errors)
      const sites = survivingSites(dir, keeping(30_000, '', '({ loc: Array(2), msg: "m", type: String(i) })', 'r'));
      expect(sites.some((s) => s.created >= 100 && s.found / s.created >= 0.85)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('errors are still plain objects', async () => {
    const { v } = await loadValidators(doc, [componentEntry('Body')]);
    const errors = errorsOf(v.validateBody!({ detail: [{ loc: [], msg: 'm' }], tags: [1, 'a', 2] }));
    expect(errors).toStrictEqual([
      { loc: ['detail', 0, 'type'], msg: 'Field required', type: 'missing' },
      { loc: ['name'], msg: 'Field required', type: 'missing' },
      { loc: ['tags', 0], msg: 'Input should be a valid string', type: 'string_type' },
      { loc: ['tags', 2], msg: 'Input should be a valid string', type: 'string_type' },
    ]);
    for (const e of errors) {
      expect(Object.getPrototypeOf(e)).toBe(Object.prototype);
      expect(Object.keys(e)).toEqual(['loc', 'msg', 'type']);
      expect(Array.isArray(e.loc) && Object.getPrototypeOf(e.loc) === Array.prototype).toBe(true);
    }
    expect(Array.isArray(errors) && Object.getPrototypeOf(errors) === Array.prototype).toBe(true);
  });
});
