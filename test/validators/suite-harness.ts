import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { compileSchemaModule } from '../../src/emit/validators/index.js';
import { createRenderer } from '../../src/emit/templates.js';

/** Where the official JSON Schema Test Suite lives: `shared/` beside the repository (as in CI), or $JSON_SCHEMA_TEST_SUITE. */
export const SUITE_DIR = process.env.JSON_SCHEMA_TEST_SUITE ?? resolve(import.meta.dirname, '../../../shared/json-schema-test-suite');
const TESTS = join(SUITE_DIR, 'tests/draft2020-12');
const require = createRequire(import.meta.url);
const AJV_REFS = join(require.resolve('ajv/dist/refs/json-schema-2020-12/schema.json'), '..');

export interface SuiteCase { description: string; data: unknown; valid: boolean }
export interface SuiteGroup { description: string; schema: unknown; tests: SuiteCase[] }
export interface SuiteFile { name: string; groups: SuiteGroup[]; formats: 'assert' | 'annotate' }
export interface FileScore { name: string; total: number; ours: number; ajv: number; unsupported: number; failures: string[] }

/** The keyword files (and format files) of draft 2020-12 that the harness runs. */
export function loadSuiteFiles(formatFiles: string[]): SuiteFile[] {
  const main = readdirSync(TESTS).filter((f) => f.endsWith('.json')).sort();
  const read = (p: string): SuiteGroup[] => JSON.parse(readFileSync(p, 'utf8')) as SuiteGroup[];
  return [
    ...main.map((f) => ({ name: f.replace(/\.json$/, ''), groups: read(join(TESTS, f)), formats: 'annotate' as const })),
    ...formatFiles.map((f) => ({ name: `format/${f}`, groups: read(join(TESTS, 'optional/format', `${f}.json`)), formats: 'assert' as const })),
  ];
}

/** Remote documents, from disk: the suite's `remotes/` (localhost:1234) and the 2020-12 meta-schemas shipped with ajv. */
export function loadRemote(uri: string): unknown {
  const local = 'http://localhost:1234/';
  const meta = 'https://json-schema.org/draft/2020-12/';
  let file: string | undefined;
  if (uri.startsWith(local)) file = join(SUITE_DIR, 'remotes', uri.slice(local.length));
  else if (uri.startsWith(meta)) file = join(AJV_REFS, `${uri.slice(meta.length)}.json`);
  return file !== undefined && existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
}

/** Every remote under `remotes/`, keyed by its URI (for ajv's `addSchema`). */
export function listRemotes(): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [];
  const walk = (dir: string, rel: string): void => {
    for (const f of readdirSync(join(dir, rel), { withFileTypes: true })) {
      const r = rel === '' ? f.name : `${rel}/${f.name}`;
      if (f.isDirectory()) walk(dir, r);
      else if (f.name.endsWith('.json')) out.push([`http://localhost:1234/${r}`, JSON.parse(readFileSync(join(dir, r), 'utf8'))]);
    }
  };
  walk(join(SUITE_DIR, 'remotes'), '');
  return out;
}

type Validate = (v: unknown) => { ok: boolean };

/** Compiles a schema with our compiler, strips the types and imports the module; undefined when unsupported. */
export async function compileOurs(schema: unknown, formats: 'assert' | 'annotate', renderer = createRenderer()): Promise<{ validate?: Validate; issues: string[] }> {
  const { content, issues } = compileSchemaModule(schema, { dialect: 'json-schema-2020-12', formats, loadRemote, renderer });
  const errors = issues.filter((i) => i.severity === 'error').map((i) => `${i.code} ${i.pointer} ${i.message}`);
  if (errors.length > 0) return { issues: errors };
  const js = ts.transpileModule(content, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
  const mod = (await import(`data:text/javascript;base64,${Buffer.from(js).toString('base64')}`)) as { validate: Validate };
  return { validate: mod.validate, issues: [] };
}
