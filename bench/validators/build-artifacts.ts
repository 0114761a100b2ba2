import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { emitValidators } from '../../src/emit/validators/index.js';
import { SCHEMA_NAMES } from './inputs.js';

const require = createRequire(import.meta.url);
/** Scratch space inside node_modules so generated files resolve `typia`/`ajv` imports like the repo does. */
export const CACHE = fileURLToPath(new URL('../../node_modules/.cache/zenskar-bench/', import.meta.url));
export const SPEC = JSON.parse(readFileSync(fileURLToPath(new URL('../../spec/openapi-20240301.json', import.meta.url)), 'utf8')) as object;

/** Our validators for the session schemas, emitted by the generator and written as plain JS; returns the file path. */
export function buildOurs(): string {
  const entries = SCHEMA_NAMES.map((n) => ({
    exportName: `validate${n}`, typeExpr: 'unknown', schema: { $ref: `#/components/schemas/${n}` },
    pointer: `#/components/schemas/${n}`, locPrefix: [], usage: 'any' as const, summary: n,
  }));
  const { content, issues } = emitValidators({ document: SPEC, dialect: 'openapi-3.1', entries });
  if (issues.length > 0) throw new Error(`unexpected issues: ${JSON.stringify(issues)}`);
  const js = ts.transpileModule(content, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
  mkdirSync(join(CACHE, 'ours'), { recursive: true });
  const file = join(CACHE, 'ours', 'validators.mjs');
  writeFileSync(file, js);
  return file;
}

/** typia's ahead-of-time output for `typia-src/` (via its CLI); returns the generated TS file path. */
export function buildTypia(): string {
  const out = join(CACHE, 'typia');
  const src = fileURLToPath(new URL('./typia-src', import.meta.url));
  const bin = join(require.resolve('typia/package.json'), '..', 'lib', 'executable', 'typia.js');
  const r = spawnSync(process.execPath, [bin, 'generate', '--input', src, '--output', out, '--project', 'tsconfig.json'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`typia generate failed: ${r.stderr}${r.stdout}`);
  return join(out, 'session-typia.ts');
}

/** ajv standalone ESM code for `names` (what ajv users ship instead of compiling at run time), in `file` under the cache. */
export function buildAjvStandalone(names: string[], file = 'standalone.mjs'): string {
  const Ajv2020 = (require('ajv/dist/2020.js') as { default: new (o: object) => unknown }).default;
  const addFormats = (require('ajv-formats') as { default: (a: unknown) => void }).default;
  const standalone = (require('ajv/dist/standalone') as { default: (a: unknown, refs: Record<string, string>) => string }).default;
  const ajv = new Ajv2020({ allErrors: true, strict: false, code: { source: true, esm: true } }) as { addSchema(s: object, k: string): void };
  addFormats(ajv);
  ajv.addSchema(SPEC, 'zenskar');
  const code = standalone(ajv, Object.fromEntries(names.map((n) => [n, `zenskar#/components/schemas/${n}`])));
  mkdirSync(join(CACHE, 'ajv'), { recursive: true });
  const path = join(CACHE, 'ajv', file);
  writeFileSync(path, code);
  return path;
}
