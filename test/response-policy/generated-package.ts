/**
 * A spec's client package generated the way users get it (no overlays), transpiled to JavaScript in a temp folder
 * and imported, so that tests call the real generated client and validators, not the runtime alone.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import type { GeneratedFile } from '../../src/generated-file.js';
import { generate } from '../../src/run.js';

/** One validation error, as the generated package reports it. */
export interface Issue {
  loc: ReadonlyArray<string | number>;
  msg: string;
  type: string;
}

/** What a generated validator returns. */
export type Result = { ok: true; value: unknown } | { ok: false; errors: Issue[] };

/** The ApiError a call rejects with (the fields the tests read). */
export interface CallError {
  name: string;
  kind: string;
  status?: number;
  errors?: Issue[];
  body?: unknown;
  /** true for an `http` error of that status whose body matches the schema declared for it */
  hasStatus(status: number): boolean;
}

/** The payload of `hooks.onResponseDeviation`. */
export interface DeviationEvent {
  operation: string;
  method: string;
  url: string;
  status: number;
  deviations: Issue[];
}

type Call = (args?: Record<string, unknown>, options?: Record<string, unknown>) => Promise<unknown>;

/** The parts of a generated package the tests use; the rest is reached by name. */
export interface GeneratedPackage {
  createClient(options: Record<string, unknown>): Record<string, Call>;
  [name: string]: unknown;
}

/** Writes `doc` to `dir/spec.json`, generates its package and imports its `src/index.ts` as JavaScript. */
export async function generateAndImport(doc: unknown, dir: string): Promise<{ files: GeneratedFile[]; pkg: GeneratedPackage }> {
  mkdirSync(dir, { recursive: true });
  const spec = join(dir, 'spec.json');
  writeFileSync(spec, JSON.stringify(doc, null, 2));
  const { files, issues } = await generate({ spec, packageVersion: '1.0.0', overlays: false });
  if (!files) throw new Error(`generation failed: ${JSON.stringify(issues)}`);
  const root = join(dir, 'pkg');
  writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
  for (const file of files.filter((f) => f.path.endsWith('.ts'))) {
    const js = ts.transpileModule(file.content, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
    }).outputText;
    const out = join(root, file.path.replace(/\.ts$/, '.js'));
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, js);
  }
  const pkg = (await import(pathToFileURL(join(root, 'src', 'index.js')).href)) as GeneratedPackage;
  return { files, pkg };
}

/** Settles `promise` into what it resolved with or the error it rejected with. */
export async function settle(promise: Promise<unknown>): Promise<{ value?: unknown; error?: CallError }> {
  try {
    return { value: await promise };
  } catch (error) {
    return { error: error as CallError };
  }
}
