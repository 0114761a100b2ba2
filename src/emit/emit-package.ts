import { basename } from 'node:path';
import type { GeneratedFile } from '../generated-file.js';
import type { Issue } from '../issue.js';
import type { LoadedSpec } from '../load/load-spec.js';
import type { ApiModel } from '../model/types.js';
import { buildClientView } from './client-view.js';
import { generatedHeader } from './header.js';
import { emitPackageFiles } from './package-files.js';
import { emitRuntimeFiles } from './runtime-files.js';
import { createRenderer } from './templates.js';
import { emitTypes, type TypesWorker } from './types.js';
import { buildValidatorEntries } from './validator-entries.js';
import { emitValidators } from './validators/index.js';

/** Emits every file of the generated package, unformatted. */
export async function emitPackage(
  spec: LoadedSpec,
  model: ApiModel,
  options: { packageVersion: string; typesWorker?: TypesWorker },
): Promise<{ files: GeneratedFile[]; issues: Issue[] }> {
  const specName = basename(spec.file);
  const header = generatedHeader(specName);
  const renderer = createRenderer();
  // started first: on large specs it runs in a worker while the client and validators are emitted here
  const types = emitTypes(spec.document, model, specName, options.typesWorker);
  const validators = emitValidators({
    document: spec.document,
    dialect: spec.dialect,
    entries: buildValidatorEntries(model),
  });
  const files: GeneratedFile[] = [
    ...emitPackageFiles(model, options.packageVersion),
    { path: 'src/client.ts', content: renderer.render('client', buildClientView(model, header)) },
    { path: 'src/validators.ts', content: `${header}${validators.content}` },
    { path: 'src/index.ts', content: renderer.render('index', { header }) },
    ...emitRuntimeFiles(header),
  ];
  const typed = await types;
  files.push(typed.file);
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, issues: [...typed.issues, ...validators.issues].map((i) => ({ ...i, file: i.file ?? spec.file })) };
}
