import { basename } from 'node:path';
import type { GeneratedFile } from '../generated-file.js';
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
import { emitValidators } from './validators/index.js';

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

/**
 * Emits every file of the generated package, unformatted (README.md and REFERENCE.md are final). `types`: openapi-typescript's part of types.ts when it is
 * already being rendered elsewhere (the types worker, on large specs); otherwise it is rendered here.
 */
export async function emitPackage(
  spec: LoadedSpec,
  model: ApiModel,
  options: {
    packageVersion: string;
    types?: Promise<TypesSource>;
    overlays?: readonly Overlay[];
    /** sees every file but types.ts as soon as all of them are emitted, before the types are awaited */
    onEmitted?: (files: readonly GeneratedFile[]) => void | Promise<void>;
  },
): Promise<{ files: GeneratedFile[]; issues: Issue[] }> {
  const specName = basename(spec.file);
  const header = generatedHeader(specName);
  const renderer = createRenderer();
  const entries = buildValidatorEntries(model);
  const validators = await stage('emit: validators', () => emitValidators({ document: spec.document, dialect: spec.dialect, entries }, renderer));
  const client = await stage('emit: client', () => renderer.render('client', buildClientView(model, header)));
  const docs = await stage('emit: docs', () => emitDocs(spec, model, options.overlays ?? [], renderer));
  const files: GeneratedFile[] = [
    ...emitPackageFiles(model, options.packageVersion, docs.map((f) => f.path)),
    ...docs,
    { path: 'src/client.ts', content: client },
    // the template is laid out as prettier prints it, with any header (a block comment it keeps as it is)
    { path: 'src/index.ts', content: renderer.render('index', { header }), preformatted: true },
    { path: 'src/validators.ts', content: `${header}${validators.content}` },
    ...emitRuntimeFiles(header),
  ];
  await options.onEmitted?.(files);
  // on large specs the types come from the worker, which has been rendering them all along
  const source = await stage('emit: types', () => options.types ?? renderTypesSource(spec.document, typesOptions(model.readWriteMarkers)));
  const typed = typesFile(source, model, specName);
  files.push(typed.file);
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, issues: [...typed.issues, ...validators.issues].map((i) => ({ ...i, file: i.file ?? spec.file })) };
}
