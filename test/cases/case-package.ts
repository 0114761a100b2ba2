/**
 * A golden case's package generated in memory (no overlays), and its `src/validators.ts` loaded as a module, so
 * that tests can run the case's validators on concrete values.
 */
import ts from 'typescript';
import { fileURLToPath } from 'node:url';
import type { GeneratedFile } from '../../src/generated-file.js';
import { generate } from '../../src/run.js';

const DIR = fileURLToPath(new URL('./', import.meta.url));

/** One error of a rejected value, as the generated `ValidationIssue`. */
export interface CaseIssue {
  loc: Array<string | number>;
  msg: string;
  type: string;
}

/** What a generated validator returns. */
export type CaseResult = { ok: true; value: unknown } | { ok: false; errors: CaseIssue[] };

/** The exported functions of a generated `validators.ts`, by name. */
export type CaseValidators = Record<string, (value: unknown) => CaseResult>;

/** Generates `test/cases/<name>/spec.json` in memory; throws when generation reports an error. */
export async function generateCase(name: string): Promise<GeneratedFile[]> {
  const result = await generate({ spec: `${DIR}${name}/spec.json`, packageVersion: '1.0.0', overlays: false });
  if (!result.files) throw new Error(`case ${name} did not generate: ${JSON.stringify(result.issues)}`);
  return result.files;
}

/** Imports the package's `src/validators.ts` (its imports are type-only, so stripping types is enough). */
export async function importValidators(files: readonly GeneratedFile[]): Promise<CaseValidators> {
  const source = files.find((f) => f.path === 'src/validators.ts');
  if (!source) throw new Error('the package has no src/validators.ts');
  const js = ts.transpileModule(source.content, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
  }).outputText;
  return (await import(`data:text/javascript;base64,${Buffer.from(js).toString('base64')}`)) as CaseValidators;
}

/** Loads the validators of case `name`. */
export async function loadCaseValidators(name: string): Promise<CaseValidators> {
  return importValidators(await generateCase(name));
}

/** The errors of a rejected value; throws when the value was accepted. */
export function errorsOf(result: CaseResult): CaseIssue[] {
  if (result.ok) throw new Error('expected the value to be rejected');
  return result.errors;
}
