import { basename } from 'node:path';
import { fileOfParts, type GeneratedFile } from '../generated-file.js';
import type { Issue } from '../issue.js';
import type { LoadedSpec } from '../load/load-spec.js';
import type { ApiModel } from '../model/types.js';
import type { Overlay } from '../overlays/types.js';
import { stage } from '../timings.js';
import { buildClientView } from './client-view.js';
import { generatedHeader } from './header.js';
import { emitPackageFiles, packageNameFor } from './package-files.js';
import { buildReadmeDocs, REFERENCE_FILE } from './readme-view.js';
import { emitRuntimeFiles } from './runtime-files.js';
import { createRenderer, type TemplateRenderer } from './templates.js';
import { renderTypesSource } from './types-source.js';
import { typesFile, typesOptions, type TypesSource } from './types.js';
import { buildValidatorEntries } from './validator-entries.js';
import { emitValidatorsParts } from './validators/index.js';

/**
 * README.md (and REFERENCE.md for a large spec), for the consumer of the package. Laid out by the view and the
 * template, so they skip the formatter: prettier over the Markdown of a thousand operations would take seconds.
 */
function emitDocs(spec: LoadedSpec, model: ApiModel, overlays: readonly Overlay[], renderer: TemplateRenderer): GeneratedFile[] {
  const docs = buildReadmeDocs({ model, document: spec.document, packageName: packageNameFor(model.title), specName: basename(spec.file), overlays });
  const files: GeneratedFile[] = [{ path: 'README.md', content: renderer.render('readme', docs.readme), preformatted: true }];
  if (docs.reference) files.push({ path: REFERENCE_FILE, content: renderer.render('reference', docs.reference), preformatted: true });
  return files;
}

/** What becomes of each file as soon as it is emitted (`emitPackage`'s `finish`): the file to keep in its place. */
export type FinishFile = (file: GeneratedFile) => GeneratedFile | Promise<GeneratedFile>;

/**
 * Emits every file of the generated package, unformatted (README.md and REFERENCE.md are final) unless `finish`
 * formats it. `types`: openapi-typescript's part of types.ts when it is already being rendered elsewhere (the types
 * worker, on large specs); otherwise it is rendered here. `finish` sees each file as soon as it is emitted, and the
 * package keeps what it returns: a file formatted then no longer holds its unformatted text while the next ones are
 * emitted (on GitHub's spec validators.ts is 30 MB in memory, as is each copy of it). `collectGarbage` (with
 * `types`) is called where this thread's heap is mostly garbage: once validators.ts is emitted (the emitter's working
 * set), again once it is finished (its unformatted text), and while it waits for the types, if it does.
 */
export async function emitPackage(
  spec: LoadedSpec,
  model: ApiModel,
  options: {
    packageVersion: string;
    types?: Promise<TypesSource>;
    overlays?: readonly Overlay[];
    finish?: FinishFile;
    collectGarbage?: () => void;
  },
): Promise<{ files: GeneratedFile[]; issues: Issue[] }> {
  const specName = basename(spec.file);
  const header = generatedHeader(specName);
  const finish = options.finish ?? ((file: GeneratedFile) => file);
  const renderer = createRenderer();
  const collect = options.types ? options.collectGarbage : undefined;
  const validators = await emitValidatorsFile(spec, model, header, renderer, finish, collect);
  // On large specs this thread collects its garbage where its heap is mostly that: V8 lets a heap grow to several
  // times what is live between full collections (on a machine with much memory), the types worker's heap is at its
  // largest meanwhile, and the process's peak is the two together.
  let typesCame = false;
  options.types?.then(() => (typesCame = true)).catch(() => undefined);
  if (collect) await stage('collect garbage (after validators)', collect);
  const client = await finish({ path: 'src/client.ts', content: await stage('emit: client', () => renderer.render('client', buildClientView(model, header))) });
  const docs = await stage('emit: docs', () => emitDocs(spec, model, options.overlays ?? [], renderer));
  const files: GeneratedFile[] = [validators.file, client];
  for (const file of [
    ...emitPackageFiles(model, options.packageVersion, docs.map((f) => f.path)),
    ...docs,
    // the template is laid out as prettier prints it, with any header (a block comment it keeps as it is)
    { path: 'src/index.ts', content: renderer.render('index', { header }), preformatted: true },
    ...emitRuntimeFiles(header),
  ]) {
    files.push(await finish(file));
  }
  // on large specs the types come from the worker, which has been rendering them all along
  if (collect) {
    // the worker's answer is a message: it is seen only once this thread lets the event loop run
    await new Promise((resolve) => setImmediate(resolve));
    if (!typesCame) await stage('collect garbage (waiting for types)', collect);
  }
  const source = await stage('emit: types', () => options.types ?? renderTypesSource(spec.document, typesOptions(model.readWriteMarkers)));
  const typed = typesFile(source, model, specName);
  files.push(await finish(typed.file));
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, issues: [...typed.issues, ...validators.issues].map((i) => ({ ...i, file: i.file ?? spec.file })) };
}

/**
 * validators.ts, finished: the emitter's own text (its pieces, kept apart) is let go once the file holds it (or its
 * formatted text).
 * `collect` runs between the two: the emitter's working set is garbage by then (on Stripe's spec ~25 MB that V8 had
 * let the old generation grow by), and the re-indent of a large file allocates its parts meanwhile.
 */
async function emitValidatorsFile(
  spec: LoadedSpec,
  model: ApiModel,
  header: string,
  renderer: TemplateRenderer,
  finish: FinishFile,
  collect: (() => void) | undefined,
): Promise<{ file: GeneratedFile; issues: Issue[] }> {
  const entries = buildValidatorEntries(model);
  const { parts, issues } = await stage('emit: validators', () => emitValidatorsParts({ document: spec.document, dialect: spec.dialect, entries }, renderer));
  if (collect) await stage('collect garbage (before finishing validators)', collect);
  return { file: await finish(fileOfParts('src/validators.ts', [header, ...parts])), issues };
}
