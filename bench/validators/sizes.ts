import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { sessionExclusivity } from '../../src/overlays/session-exclusivity.js';
import { bundleEntry } from './package-bundle.js';

/** min+gzip bytes that `entry` (an ESM snippet, resolved from `resolveDir`) adds to an esbuild bundle. */
export async function bundleSize(entry: string, resolveDir: string): Promise<{ min: number; gzip: number }> {
  const { min, gzip } = await bundleEntry(entry, resolveDir);
  return { min, gzip };
}

/** One size compared: a label, the entry's source, and where its imports resolve from. */
export interface SizeEntry {
  label: string;
  entry: string;
  resolveDir: string;
}

/**
 * The entries whose sizes are compared: each keeps the request-body validator (or the whole operation) alive. `pkg`
 * is the generated package installed as users get it (name, and the folder it resolves from), `ajvRule` a module
 * checking the request with ajv's standalone code and the same session rule as the package's overlay.
 */
export function sizeEntries(
  paths: { ours: string; ajv: string; ajvRequest: string; ajvRule: string; typia: string; zod: string; valibot: string },
  dir: string,
  pkg: { name: string; root: string },
): SizeEntry[] {
  const keep = (expr: string): string => `globalThis.__keep = ${expr};`;
  const at = (label: string, entry: string, resolveDir = dir): SizeEntry => ({ label, entry, resolveDir });
  return [
    at('ours: request body', `import { validateCreateSessionRequestSchema as a } from ${JSON.stringify(paths.ours)}; ${keep('a')}`),
    at('ours: request body + session rule (package)', `import { validateCreateSessionRequestSchema as a } from ${JSON.stringify(pkg.name)}; ${keep('a')}`, pkg.root),
    at('ours: whole operation (request, 200, 422)', `import * as m from ${JSON.stringify(paths.ours)}; ${keep('[m.validateCreateSessionRequestSchema, m.validateCustomerSessionResponseSchema, m.validateHTTPValidationError]')}`),
    at('ajv standalone: request body', `import { CreateSessionRequestSchema as a } from ${JSON.stringify(paths.ajv)}; ${keep('a')}`),
    at('ajv standalone, request schema alone', `import { CreateSessionRequestSchema as a } from ${JSON.stringify(paths.ajvRequest)}; ${keep('a')}`),
    at('ajv standalone, request schema + session rule', `import { validate as a } from ${JSON.stringify(paths.ajvRule)}; ${keep('a')}`),
    at('ajv standalone: whole operation', `import * as m from ${JSON.stringify(paths.ajv)}; ${keep('m')}`),
    at('typia: request body', `import { validateRequest as a } from ${JSON.stringify(paths.typia)}; ${keep('a')}`),
    at('valibot: request body', `import * as v from 'valibot'; import { valibotSchemas as s } from ${JSON.stringify(paths.valibot)}; ${keep('(i) => v.safeParse(s.CreateSessionRequestSchema, i)')}`),
    at('zod 4: request body', `import { zodSchemas as s } from ${JSON.stringify(paths.zod)}; ${keep('(i) => s.CreateSessionRequestSchema.safeParse(i)')}`),
  ];
}

/** The overlay's functions that decide the session rule (either kind), as the package has them. */
const RULE_FUNCTIONS = ['describeSessionProblem'];

/**
 * Writes `file`: ajv's standalone check of the request schema (module `ajvRequest`) plus the session rule, with the
 * overlay's own functions for the rule (transpiled), so the two bundles differ only in the schema check.
 */
export function writeAjvWithRule(ajvRequest: string, file: string): string {
  const texts = sessionExclusivity.edits.flatMap((e) => (e.kind === 'add-declarations' ? e.declarations : []))
    .filter((d) => RULE_FUNCTIONS.includes(d.name)).map((d) => d.text);
  if (texts.length !== RULE_FUNCTIONS.length) throw new Error(`the overlay no longer declares ${RULE_FUNCTIONS.join(', ')}`);
  const rule = ts.transpileModule(texts.join('\n'), { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } }).outputText;
  const code = `import { CreateSessionRequestSchema as check } from ${JSON.stringify(ajvRequest)};
${rule}
export function validate(value) {
  const ok = check(value);
  const problem = describeSessionProblem(value);
  if (ok && problem === undefined) return { ok: true, value };
  const errors = ok ? [] : [...check.errors];
  if (problem !== undefined) errors.push({ instancePath: "", keyword: "session_exclusivity", message: problem });
  return { ok: false, errors };
}
`;
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, code);
  return file;
}
