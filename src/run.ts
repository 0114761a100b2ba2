import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { emitPackage } from './emit/emit-package.js';
import { typesOptions } from './emit/types.js';
import { startTypesWorker, TYPES_WORKER_MIN_BYTES, type TypesWorker } from './emit/types-worker.js';
import { usesReadWriteMarkers } from './model/read-write.js';
import { formatFiles } from './format.js';
import type { GeneratedFile } from './generated-file.js';
import { sortIssues, type Issue } from './issue.js';
import { loadSpec } from './load/load-spec.js';
import { buildModel } from './model/build-model.js';
import { checkFiles, recoverOutput, writeFiles, type Drift } from './output.js';
import { applyProjectOverlays } from './overlays/apply-project-overlays.js';
import { selectOverlays, type OverlaySelection } from './overlays/select-overlays.js';
import { projectConfig } from './config.js';
import { reportChanges, SURFACE_FILE, surfaceOf } from './report-changes.js';
import { bumpVersion, formatSurfaceJson, type ApiSurface, type SurfaceReport } from './surface/index.js';

export interface GenerateOptions {
  /** path of the OpenAPI document */
  spec: string;
  /** version written to the generated package.json */
  packageVersion?: string;
  /** overlays to apply: by default those src/config.ts ties to this spec; `false` for none; or names */
  overlays?: OverlaySelection;
}

export interface GenerateResult {
  /** present only when no error-level issue was found */
  files?: GeneratedFile[];
  /** the API surface written to `api-surface.json`, with the files */
  surface?: ApiSurface;
  issues: Issue[];
}

/** load → model → emit → overlay → format, all in memory. Files come back only when no error-level issue was found. */
export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  // started before loading, so that the worker's own start-up overlaps it
  const worker = (await fileSize(options.spec)) >= TYPES_WORKER_MIN_BYTES ? startTypesWorker() : undefined;
  try {
    return await generateWith(options, worker);
  } finally {
    // a worker that was never sent a document (the spec did not load) or is done: stop it, or the process stays up
    worker?.stop();
  }
}

async function generateWith(options: GenerateOptions, worker: TypesWorker | undefined): Promise<GenerateResult> {
  const loaded = await loadSpec(options.spec);
  if (!loaded.spec) return { issues: sortIssues(loaded.issues) };
  const spec = loaded.spec;
  // sent before the model is built: the worker needs only the document
  const types = worker?.render(spec.document, typesOptions(usesReadWriteMarkers(spec.document)));
  const { model, issues: modelIssues } = buildModel(spec);
  const version = options.packageVersion ?? semverOr(model.version, '0.1.0');
  // The surface snapshot keeps its own layout (one field per line), so a change touches only its own lines. Made
  // before the types are awaited: on large specs the worker may still be rendering them.
  const modelOk = !modelIssues.some((i) => i.severity === 'error');
  const surface = modelOk ? surfaceOf(spec, model) : undefined;
  // the overlays' README sections are printed with the rest of the README; their edits come after emitting
  const { overlays } = selectOverlays(projectConfig, spec.file, options.overlays);
  const emitted = await emitPackage(spec, model, { packageVersion: version, overlays, ...(types ? { types } : {}) });
  const overlaid = await applyProjectOverlays(emitted.files, spec, options.overlays);
  const issues = sortIssues([...loaded.issues, ...modelIssues, ...emitted.issues, ...overlaid.issues]);
  if (!surface || issues.some((i) => i.severity === 'error')) return { issues };
  const formatted = await formatFiles(overlaid.files);
  const surfaceFile = { path: SURFACE_FILE, content: formatSurfaceJson(surface) };
  return { files: [surfaceFile, ...formatted].sort((a, b) => (a.path < b.path ? -1 : 1)), surface, issues };
}

export interface RunOptions {
  spec: string;
  out: string;
  /** compare only; never write */
  check: boolean;
  /** apply the suggested semver bump to the generated package.json */
  bump?: boolean;
  /** which overlays to apply (default: those src/config.ts ties to the spec) */
  overlays?: OverlaySelection;
}

export interface RunResult {
  /** false when an error-level issue stopped generation, or `check` found drift */
  ok: boolean;
  issues: Issue[];
  /** files that differ between `out` and the generated output (in check mode: what would change) */
  drift: Drift[];
  wrote: boolean;
  /** API changes against the previous output's surface snapshot, when there is one */
  report?: SurfaceReport;
  /** why there is no report */
  reportSkipped?: string;
  /** the package version written (after `bump`) */
  version?: string;
}

/** The generate command: generate, then either compare with `out` (check) or write `out` atomically. */
export async function run(options: RunOptions): Promise<RunResult> {
  // A run killed earlier may have left temporary folders, or (killed mid-swap) the old output under a temporary
  // name: put it back before reading the previous version and surface. --check never writes, so it only reads.
  if (!options.check) await recoverOutput(options.out);
  const previousVersion = await readText(join(options.out, 'package.json')).then(versionOf);
  const first = await generate({
    spec: options.spec,
    ...(previousVersion ? { packageVersion: previousVersion } : {}),
    ...(options.overlays !== undefined ? { overlays: options.overlays } : {}),
  });
  if (!first.files || !first.surface) return { ok: false, issues: first.issues, drift: [], wrote: false };
  const previousSurface = await readText(join(options.out, SURFACE_FILE));
  const { report, reason } = reportChanges(previousSurface, first.surface);
  let files = first.files;
  let version = versionOf(files.find((f) => f.path === 'package.json')?.content);
  if (options.bump && report && report.changes.length > 0 && version) {
    version = bumpVersion(version, report.bump);
    files = files.map((f) => (f.path === 'package.json' ? { path: f.path, content: withVersion(f.content, version!) } : f));
  }
  const drift = await checkFiles(options.out, files);
  const base = { issues: first.issues, drift, ...(report ? { report } : {}), ...(reason ? { reportSkipped: reason } : {}), ...(version ? { version } : {}) };
  if (options.check) return { ...base, ok: drift.length === 0, wrote: false };
  if (drift.length > 0) await writeFiles(options.out, files);
  return { ...base, ok: true, wrote: drift.length > 0 };
}

/** Replaces the top-level `version` in the formatted package.json text, leaving its layout as prettier made it. */
function withVersion(packageJson: string, version: string): string {
  return packageJson.replace(/^( {2}"version": )"[^"]*"/m, `$1${JSON.stringify(version)}`);
}

async function fileSize(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch {
    return 0; // loadSpec reports a missing or unreadable file
  }
}

async function readText(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** The `version` of a package.json text (kept across regenerations; `--bump` changes it), if any. */
function versionOf(packageJson: string | undefined): string | undefined {
  if (packageJson === undefined) return undefined;
  try {
    const pkg = JSON.parse(packageJson) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : undefined;
  } catch {
    return undefined;
  }
}

function semverOr(version: string, fallback: string): string {
  return /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(version) ? version : fallback;
}
