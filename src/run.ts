import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { emitPackage } from './emit/emit-package.js';
import { formatFiles } from './format.js';
import type { GeneratedFile } from './generated-file.js';
import { sortIssues, type Issue } from './issue.js';
import { loadSpec } from './load/load-spec.js';
import { buildModel } from './model/build-model.js';
import { checkFiles, writeFiles, type Drift } from './output.js';

export interface GenerateOptions {
  /** path of the OpenAPI document */
  spec: string;
  /** version written to the generated package.json */
  packageVersion?: string;
}

/** load → model → emit → format, all in memory. Files come back only when no error-level issue was found. */
export async function generate(options: GenerateOptions): Promise<{ files?: GeneratedFile[]; issues: Issue[] }> {
  const loaded = await loadSpec(options.spec);
  if (!loaded.spec) return { issues: sortIssues(loaded.issues) };
  const spec = loaded.spec;
  const { model, issues: modelIssues } = buildModel(spec);
  const version = options.packageVersion ?? semverOr(model.version, '0.1.0');
  const emitted = await emitPackage(spec, model, { packageVersion: version });
  const issues = sortIssues([...loaded.issues, ...modelIssues, ...emitted.issues]);
  if (issues.some((i) => i.severity === 'error')) return { issues };
  return { files: await formatFiles(emitted.files), issues };
}

export interface RunOptions {
  spec: string;
  out: string;
  /** compare only; never write */
  check: boolean;
}

export interface RunResult {
  /** false when an error-level issue stopped generation, or `check` found drift */
  ok: boolean;
  issues: Issue[];
  /** files that differ between `out` and the generated output (in check mode: what would change) */
  drift: Drift[];
  wrote: boolean;
}

/** The generate command: generate, then either compare with `out` (check) or write `out` atomically. */
export async function run(options: RunOptions): Promise<RunResult> {
  const packageVersion = await readPackageVersion(options.out);
  const { files, issues } = await generate({ spec: options.spec, ...(packageVersion ? { packageVersion } : {}) });
  if (!files) return { ok: false, issues, drift: [], wrote: false };
  const drift = await checkFiles(options.out, files);
  if (options.check) return { ok: drift.length === 0, issues, drift, wrote: false };
  if (drift.length > 0) await writeFiles(options.out, files);
  return { ok: true, issues, drift, wrote: drift.length > 0 };
}

/** The version of the package already in `out` (kept across regenerations; `--bump` changes it), if any. */
async function readPackageVersion(out: string): Promise<string | undefined> {
  try {
    const pkg = JSON.parse(await readFile(join(out, 'package.json'), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : undefined;
  } catch {
    return undefined;
  }
}

function semverOr(version: string, fallback: string): string {
  return /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(version) ? version : fallback;
}
