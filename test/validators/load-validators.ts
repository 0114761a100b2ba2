import ts from 'typescript';
import { emitValidators, type ValidatorEntry } from '../../src/emit/validators/index.js';
import type { Issue } from '../../src/issue.js';

export interface ValidationIssue { loc: ReadonlyArray<string | number>; msg: string; type: string }
export type Result = { ok: true; value: unknown } | { ok: false; errors: ValidationIssue[] };
export type Validators = Record<string, (v: unknown) => Result>;

/** A component validator entry for `#/components/schemas/<name>`. */
export function componentEntry(name: string, over: Partial<ValidatorEntry> = {}): ValidatorEntry {
  const pointer = `#/components/schemas/${name}`;
  return { exportName: `validate${name}`, typeExpr: `types.${name}`, schema: { $ref: pointer }, pointer, locPrefix: [], usage: 'any', summary: `Checks ${name}.`, ...over };
}

/** An export `exportName` checking `schema` itself (no component behind it), e.g. `{ type: 'string', format }`. */
export function schemaEntry(exportName: string, schema: unknown): ValidatorEntry {
  return { exportName, typeExpr: 'unknown', schema, pointer: '#', locPrefix: [], usage: 'any', summary: exportName };
}

/** Emits validators for `document`, strips types and imports the module. */
export async function loadValidators(
  document: unknown,
  entries: ValidatorEntry[],
  dialect: 'openapi-3.0' | 'openapi-3.1' = 'openapi-3.1',
): Promise<{ v: Validators; content: string; issues: Issue[] }> {
  const { content, issues } = emitValidators({ document, dialect, entries });
  const js = ts.transpileModule(content, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
  const v = (await import(`data:text/javascript;base64,${Buffer.from(js).toString('base64')}`)) as Validators;
  return { v, content, issues };
}

/** The errors of a failed result (fails the test when the value was accepted). */
export function errorsOf(r: Result): ValidationIssue[] {
  if (r.ok) throw new Error('expected the value to be rejected');
  return r.errors;
}
