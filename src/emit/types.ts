import { Worker } from 'node:worker_threads';
import openapiTS, { astToString, type OpenAPITSOptions } from 'openapi-typescript';
import type { GeneratedFile } from '../generated-file.js';
import type { Issue } from '../issue.js';
import { dropMappings, findDanglingMappings, type DanglingMapping } from '../model/dangling-mappings.js';
import { dropObjectEnums, findObjectEnums } from '../model/object-enums.js';
import { inlineUntypeableRefs } from '../model/inline-refs.js';
import type { ApiModel } from '../model/types.js';
import { generatedHeader, sanitizeForComment } from './header.js';
import { shieldNames } from './shield-names.js';

/**
 * Above this many operations + schemas, openapi-typescript runs in a worker thread so that the client and
 * validators are emitted at the same time (on GitHub's spec it is most of the generation time, issue 4 §8).
 * Below it a worker's start-up costs more than it saves. Output is identical either way.
 */
export const TYPES_WORKER_MIN_NODES = 400;

/** A pending `src/types.ts`: start it first, do other work, then await it. */
export type PendingTypes = Promise<{ file: GeneratedFile; issues: Issue[] }>;

/**
 * Emits `src/types.ts`: openapi-typescript's `paths`, `components`, `operations`, plus one named export per
 * component schema. Fields with a `default` stay optional (`defaultNonNullable: false`): a default is what the
 * server fills in, so a request may omit it. When the spec marks fields readOnly/writeOnly, openapi-typescript's
 * `$Read`/`$Write` markers are on and the named exports are the `Readable` (response) shapes; the client asks
 * for `Writable` request bodies (see client-view.ts).
 */
export function emitTypes(document: unknown, model: ApiModel, specName: string): PendingTypes {
  const options: OpenAPITSOptions = { defaultNonNullable: false, silent: true, readWriteMarkers: model.readWriteMarkers };
  const size = model.operations.length + model.schemas.length;
  const dangling = findDanglingMappings(document);
  const shielded = shieldNames(document);
  // shieldNames always returns a private copy, so references can be inlined into it in place
  inlineUntypeableRefs(shielded.document);
  const objectEnums = findObjectEnums(document);
  if (objectEnums.paths.length > 0) dropObjectEnums(shielded.document);
  // issues point into the real document; the mappings to drop are located in the shielded copy
  const drop = findDanglingMappings(shielded.document).mappings;
  const source =
    size >= TYPES_WORKER_MIN_NODES
      ? renderInWorker(shielded.document, drop, options)
      : renderInProcess(shielded.document, drop, options);
  return source.then(shielded.restore).then((types) => {
    const named = model.schemas.map((s) => {
      const doc = s.description ? `/** ${sanitizeForComment(s.description.split('\n')[0]!)} */\n` : '';
      const ref = `components["schemas"][${JSON.stringify(s.specName)}]`;
      return `${doc}export type ${s.typeName} = ${model.readWriteMarkers ? `Readable<${ref}>` : ref};`;
    });
    const content = [generatedHeader(specName), types, '', ...named, ''].join('\n');
    return { file: { path: 'src/types.ts', content }, issues: [...dangling.issues, ...objectEnums.issues] };
  });
}

async function renderInProcess(document: unknown, mappings: DanglingMapping[], options: OpenAPITSOptions): Promise<string> {
  // openapi-typescript annotates the object it is given; hand it a copy so the loaded spec stays read-only.
  const copy = structuredClone(document);
  dropMappings(copy, mappings);
  return astToString(await openapiTS(copy as Parameters<typeof openapiTS>[0], options));
}

/** The worker's code: plain JS (no loader needed), importing openapi-typescript by its resolved URL. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
import(workerData.moduleUrl)
  .then(async ({ default: openapiTS, astToString }) => {
    const doc = workerData.document;
    for (const m of workerData.mappings) {
      let node = doc;
      for (const segment of m.at) node = node == null ? undefined : node[segment];
      if (node) delete node[m.key];
    }
    const nodes = await openapiTS(doc, workerData.options);
    parentPort.postMessage({ source: astToString(nodes) });
  })
  .catch((err) => parentPort.postMessage({ error: (err && err.stack) || String(err) }));
`;

function renderInWorker(document: unknown, mappings: DanglingMapping[], options: OpenAPITSOptions): Promise<string> {
  // workerData is structured-cloned by V8: the worker gets its own copy, and drops the dangling mappings itself
  const workerData = { moduleUrl: import.meta.resolve('openapi-typescript'), document, mappings, options };
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData });
    worker.once('message', (msg: { source?: string; error?: string }) => {
      void worker.terminate();
      if (msg.source !== undefined) resolve(msg.source);
      else reject(new Error(`openapi-typescript failed in its worker: ${msg.error ?? 'no output'}`));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`openapi-typescript worker exited with code ${code}`)));
  });
}
