import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { OpenAPITSOptions } from 'openapi-typescript';
import { emitPackage } from './emit/emit-package.js';
import { typesOptions, type TypesSource } from './emit/types.js';
import { emissionCache, type EmissionCache } from './emission-cache.js';
import { startTypesWorker, TYPES_WORKER_MIN_BYTES, type TypesWorker } from './emit/types-worker.js';
import { garbageCollector } from './collect-garbage.js';
import { formatEarly, formatFiles, startFormatWorker } from './format.js';
import { hasIdleCore } from './idle-core.js';
import { utf8Of, type GeneratedFile } from './generated-file.js';
import { sortIssues, type Issue } from './issue.js';
import { loadSpec, type LoadedSpec } from './load/load-spec.js';
import { buildModel } from './model/build-model.js';
import type { ApiModel } from './model/types.js';
import { checkFiles, recoverOutput, writeFiles, type Drift } from './output.js';
import { applyProjectOverlays } from './overlays/apply-project-overlays.js';
import { selectOverlays, type OverlaySelection } from './overlays/select-overlays.js';
import { projectConfig } from './config.js';
import { clientMethodNames, reportChanges, SURFACE_FILE, surfaceOf } from './report-changes.js';
import { bumpVersion, formatExtractedSurfaceJson, type ApiSurface, type SurfaceReport } from './surface/index.js';
import { stage } from './timings.js';

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

/**
 * load → model → emit → overlay → format, all in memory. Files come back only when no error-level issue was found.
 * Run from the build, emit → overlay → format is skipped when the result cache has its output for these exact
 * inputs (src/emission-cache.ts).
 */
export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  const { result, stored } = await generateStoring(options);
  await stored;
  return result;
}

/** What `generateStoring` gives: the result; when the cache stores it, the entry's writes and the files' bytes. */
interface Generated {
  result: GenerateResult;
  stored: Promise<void>;
  /** the UTF-8 bytes of files, made for the cache entry (the output is compared by them); a file changed since is a new object */
  encoded?: ReadonlyMap<GeneratedFile, Buffer>;
}

/**
 * `generate`, returning as soon as the result is there: `stored` settles when the result cache has it on disk (it
 * never rejects), so the caller can compare and report meanwhile and await it before it ends.
 */
async function generateStoring(options: GenerateOptions): Promise<Generated> {
  const cache = emissionCache();
  // started before loading, so that the worker's own start-up overlaps it; not when the cache will likely answer
  const big = (await fileSize(options.spec)) >= TYPES_WORKER_MIN_BYTES;
  const worker = big && !cache?.likelyHas(options.spec) ? startTypesWorker() : undefined;
  try {
    return await generateWith(options, worker, cache && { cache, hintFor: big ? options.spec : undefined });
  } finally {
    // a worker that was never sent a document (the spec did not load) or is done: stop it, or the process stays up
    worker?.stop();
  }
}

async function generateWith(
  options: GenerateOptions,
  worker: TypesWorker | undefined,
  caching: { cache: EmissionCache; hintFor: string | undefined } | undefined,
): Promise<Generated> {
  const stored = Promise.resolve();
  const cache = caching?.cache;
  // the document and the model are gone from here on (on GitHub's spec ~30 MB live), while the files are encoded
  // and compared
  const { issues, emission, key, cached, surface, surfaceText } = await makeFiles(options, worker, cache);
  if (!emission || issues.some((i) => i.severity === 'error')) return { result: { issues }, stored };
  const entry = { files: emission.files, issues: emission.issues };
  // the stage is the entry's bytes (kept: the output is compared by them); the disk writes go on in the background
  const written = key !== undefined && !cached
    ? await stage('result cache write', () => {
        const bytes = entry.files.map(utf8Of);
        return { done: cache!.write(key, entry, caching!.hintFor, bytes), encoded: new Map(entry.files.map((f, i) => [f, bytes[i]!])) };
      })
    : { done: stored, encoded: undefined };
  const snapshot = surface ? formatExtractedSurfaceJson(surface) : await stage('API surface (wait for worker)', () => surfaceText!);
  const files = [{ path: SURFACE_FILE, content: snapshot }, ...emission.files].sort((a, b) => (a.path < b.path ? -1 : 1));
  return { result: withSurface({ files, issues }, surface, snapshot), stored: written.done, ...(written.encoded ? { encoded: written.encoded } : {}) };
}

/** What `makeFiles` made from the spec: what the rest of a generation needs of it. */
interface Made {
  /** every issue so far, sorted */
  issues: Issue[];
  /** the package's files (but the surface snapshot) and their issues, when the model and these found no error */
  emission?: { files: GeneratedFile[]; issues: Issue[] };
  /** the result cache's key, and whether the emission came from it */
  key?: string;
  cached: boolean;
  /** the API surface, made here (no types worker) or by the worker (its snapshot's text) */
  surface?: ApiSurface;
  surfaceText?: Promise<string>;
}

/** load → model → (result cache or emit → overlay → format), and the API surface. */
async function makeFiles(options: GenerateOptions, worker: TypesWorker | undefined, cache: EmissionCache | undefined): Promise<Made> {
  const loaded = await stage('load spec', () => loadSpec(options.spec, { digest: cache !== undefined }));
  if (!loaded.spec) return { issues: sortIssues(loaded.issues), cached: false };
  const spec = loaded.spec;
  // sent before the model is built: the worker needs only the document to start, and the options (which the model
  // works out: whether any schema is readOnly or writeOnly is a walk of the document) only after its own walks
  let giveOptions: ((options: OpenAPITSOptions) => void) | undefined;
  const types = worker?.render(spec.document, new Promise<OpenAPITSOptions>((resolve) => (giveOptions = resolve)));
  const { model, issues: modelIssues } = await stage('model', () => buildModel(spec));
  giveOptions?.(typesOptions(model.readWriteMarkers));
  const version = options.packageVersion ?? semverOr(model.version, '0.1.0');
  // The surface snapshot keeps its own layout (one field per line), so a change touches only its own lines. Made
  // before the types are awaited: on large specs the worker may still be rendering them.
  const modelOk = !modelIssues.some((i) => i.severity === 'error');
  // with a types worker, the worker makes it after the types (on large specs the main thread is the longer path)
  const surfaceText = modelOk && worker ? worker.surface(clientMethodNames(model)) : undefined;
  const surface = modelOk && !worker ? await stage('API surface', () => surfaceOf(spec, model)) : undefined;
  const key = modelOk ? await stage('result cache key', () => cache?.key({ spec, packageVersion: version, overlays: options.overlays })) : undefined;
  const cached = key === undefined ? undefined : await stage('result cache read', () => cache!.read(key));
  const emission = cached ?? (await emitOverlayFormat(spec, model, version, options.overlays, types, modelOk));
  const issues = sortIssues([...loaded.issues, ...modelIssues, ...emission.issues]);
  const made = { issues, cached: cached !== undefined, ...(key !== undefined ? { key } : {}), ...(surface ? { surface } : {}), ...(surfaceText ? { surfaceText } : {}) };
  return modelOk && emission.files ? { ...made, emission: { files: emission.files, issues: emission.issues } } : made;
}

/** The result with its `surface`: the one made here, or (made by the worker) its snapshot read back when first asked for. */
function withSurface(result: GenerateResult, surface: ApiSurface | undefined, snapshot: string): GenerateResult {
  if (surface) return { ...result, surface };
  let parsed: ApiSurface | undefined;
  return Object.defineProperty(result, 'surface', { enumerable: true, get: () => (parsed ??= JSON.parse(snapshot) as ApiSurface) });
}

/** The cached half: emit, apply the overlays, and format (only when neither the model nor these found an error). */
async function emitOverlayFormat(
  spec: LoadedSpec,
  model: ApiModel,
  packageVersion: string,
  overlays: OverlaySelection | undefined,
  types: Promise<TypesSource> | undefined,
  modelOk: boolean,
): Promise<{ files?: GeneratedFile[]; issues: Issue[] }> {
  // prettier in a worker thread, formatting each file as soon as it is final, beside the overlays: when a core is
  // free for it (on a busy machine a second thread only adds work), and not beside a types worker
  const formatter = !types && formatInWorker() ? startFormatWorker() : undefined;
  try {
    // the overlays' README sections are printed with the rest of the README; their edits come after emitting
    const { overlays: selected } = selectOverlays(projectConfig, spec.file, overlays);
    // without a format worker, the files no overlay edits are formatted as soon as they are emitted: on large specs
    // the main thread would otherwise wait for the types worker meanwhile, and a large file then holds only its
    // formatted text (output is the same: formatFiles uses a prettier result only for the very file object it was
    // made for, and keeps a re-indented file as it is)
    const early = new Map<GeneratedFile, Promise<string>>();
    const edited = new Set(selected.flatMap((o) => o.edits.map((e) => e.file)));
    const finish = formatter
      ? undefined
      : (file: GeneratedFile) => (edited.has(file.path) ? file : stage('format (early)', () => formatEarly(file, early)));
    const emitted = await stage('emit', () =>
      emitPackage(spec, model, {
        packageVersion,
        overlays: selected,
        ...(types ? { types, collectGarbage: garbageCollector() } : {}),
        ...(finish ? { finish } : {}),
      }),
    );
    const onFileDone = formatter && ((file: GeneratedFile) => formatter.offer(file));
    const overlaid = await stage('overlays', () => applyProjectOverlays(emitted.files, spec, overlays, undefined, onFileDone && { onFileDone }));
    const issues = [...emitted.issues, ...overlaid.issues];
    if (!modelOk || issues.some((i) => i.severity === 'error')) return { issues };
    return { files: await stage('format', () => formatFiles(overlaid.files, formatter, early)), issues };
  } finally {
    await formatter?.stop();
  }
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
  if (!options.check) await stage('recover output', () => recoverOutput(options.out));
  const previousVersion = await stage('read previous output', () => readText(join(options.out, 'package.json')).then(versionOf));
  // read while generating: on large specs the file is megabytes (never rejects)
  const previousSurface = readText(join(options.out, SURFACE_FILE));
  const { result: first, stored, encoded } = await generateStoring({
    spec: options.spec,
    ...(previousVersion ? { packageVersion: previousVersion } : {}),
    ...(options.overlays !== undefined ? { overlays: options.overlays } : {}),
  });
  try {
    return await finishRun(options, first, await previousSurface, encoded);
  } finally {
    // the result cache's entry is written while the output is compared (a failure to store is not an error)
    await stage('result cache write (disk)', () => stored);
  }
}

async function finishRun(
  options: RunOptions,
  first: GenerateResult,
  previousSurface: string | undefined,
  encoded: ReadonlyMap<GeneratedFile, Buffer> | undefined,
): Promise<RunResult> {
  if (!first.files) return { ok: false, issues: first.issues, drift: [], wrote: false };
  const snapshot = first.files.find((f) => f.path === SURFACE_FILE)!.content;
  const { report, reason } = await stage('change report', () => reportChanges(previousSurface, snapshot, () => first.surface!));
  let files = first.files;
  let version = versionOf(files.find((f) => f.path === 'package.json')?.content);
  if (options.bump && report && report.changes.length > 0 && version) {
    version = bumpVersion(version, report.bump);
    files = files.map((f) => (f.path === 'package.json' ? { path: f.path, content: withVersion(f.content, version!) } : f));
  }
  const drift = await stage('compare with output', () => checkFiles(options.out, files, encoded));
  const base = { issues: first.issues, drift, ...(report ? { report } : {}), ...(reason ? { reportSkipped: reason } : {}), ...(version ? { version } : {}) };
  if (options.check) return { ...base, ok: drift.length === 0, wrote: false };
  if (drift.length > 0) await stage('write', () => writeFiles(options.out, files));
  return { ...base, ok: true, wrote: drift.length > 0 };
}

/** Replaces the top-level `version` in the formatted package.json text, leaving its layout as prettier made it. */
function withVersion(packageJson: string, version: string): string {
  return packageJson.replace(/^( {2}"version": )"[^"]*"/m, `$1${JSON.stringify(version)}`);
}

/**
 * Whether to format in a worker thread: when this machine has a core idle enough for it (idle-core.ts);
 * ZENSKAR_CODEGEN_FORMAT_WORKER=1 or 0 decides instead (tests, comparisons). Output is the same.
 */
function formatInWorker(): boolean {
  const forced = process.env.ZENSKAR_CODEGEN_FORMAT_WORKER;
  if (forced === '1' || forced === '0') return forced === '1';
  return hasIdleCore();
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
