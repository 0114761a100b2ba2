import { Worker } from 'node:worker_threads';
import type { OpenAPITSOptions } from 'openapi-typescript';
import type { GeneratedFile } from '../generated-file.js';
import type { Issue } from '../issue.js';
import { dropMappings, findDanglingMappings, type DanglingMapping } from '../model/dangling-mappings.js';
import { dropObjectEnums, findObjectEnums } from '../model/object-enums.js';
import { inlineUntypeableRefs } from '../model/inline-refs.js';
import type { ApiModel } from '../model/types.js';
import { generatedHeader, sanitizeForComment } from './header.js';
import { openapiTsModulePaths, renderTypes, transformContext } from './render-types.js';
import { shieldNames, type ShieldedDocument } from './shield-names.js';

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
export function emitTypes(document: unknown, model: ApiModel, specName: string, opts: { worker?: boolean } = {}): PendingTypes {
  const options: OpenAPITSOptions = { defaultNonNullable: false, silent: true, readWriteMarkers: model.readWriteMarkers };
  const size = model.operations.length + model.schemas.length;
  // started before the document is prepared, so that loading openapi-typescript in it overlaps that work
  const worker = (opts.worker ?? size >= TYPES_WORKER_MIN_NODES) ? startTypesWorker() : undefined;
  let prepared: ReturnType<typeof prepareDocument>;
  try {
    prepared = prepareDocument(document);
  } catch (err) {
    worker?.cancel();
    throw err;
  }
  const { shielded, drop, issues } = prepared;
  const source = worker ? worker.render(shielded.document, drop, options) : renderInProcess(shielded.document, drop, options);
  return source.then(shielded.restore).then((types) => {
    const named = model.schemas.map((s) => {
      const doc = s.description ? `/** ${sanitizeForComment(s.description.split('\n')[0]!)} */\n` : '';
      const ref = `components["schemas"][${JSON.stringify(s.specName)}]`;
      return `${doc}export type ${s.typeName} = ${model.readWriteMarkers ? `Readable<${ref}>` : ref};`;
    });
    const content = [generatedHeader(specName), types, '', ...named, ''].join('\n');
    return { file: { path: 'src/types.ts', content }, issues };
  });
}

/** openapi-typescript's private copy of the document: names shielded, untypeable refs inlined, object enums dropped. */
function prepareDocument(document: unknown): { shielded: ShieldedDocument; drop: DanglingMapping[]; issues: Issue[] } {
  const dangling = findDanglingMappings(document);
  const shielded = shieldNames(document);
  // shieldNames always returns a private copy, so references can be inlined into it in place
  inlineUntypeableRefs(shielded.document);
  const objectEnums = findObjectEnums(document);
  if (objectEnums.paths.length > 0) dropObjectEnums(shielded.document);
  // issues point into the real document; the mappings to drop are located in the copy
  const drop = findDanglingMappings(shielded.document).mappings;
  return { shielded, drop, issues: [...dangling.issues, ...objectEnums.issues] };
}

async function renderInProcess(document: unknown, mappings: DanglingMapping[], options: OpenAPITSOptions): Promise<string> {
  // openapi-typescript annotates the object it is given; hand it a copy so the loaded spec stays read-only.
  const copy = structuredClone(document) as Record<string, unknown>;
  dropMappings(copy, mappings);
  return renderTypes(copy, options);
}

/**
 * The worker's code: plain JS (no loader needed). It loads openapi-typescript's transform modules (by resolved path)
 * as soon as it starts, while the main thread is still preparing the document, then renders the one document it is
 * sent — the same three steps as `renderTypes` (render-types.ts), with the context's data part built there.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { paths } = workerData;
const loading = new Promise((resolve) => resolve([require(paths.transform), require(paths.utils), require(paths.ts)]));
parentPort.once('message', ({ document: doc, mappings, options, context }) => {
  loading
    .then(([transformSchema, utils, ts]) => {
      for (const m of mappings) {
        let node = doc;
        for (const segment of m.at) node = node == null ? undefined : node[segment];
        if (node) delete node[m.key];
      }
      doc.components ??= {};
      const silent = options.silent ?? false;
      const ctx = { ...context, discriminators: utils.scanDiscriminators(doc, options), resolve: (ref) => utils.resolveRef(doc, ref, { silent }) };
      parentPort.postMessage({ source: ts.astToString(transformSchema(doc, ctx)) });
    })
    .catch((err) => parentPort.postMessage({ error: (err && err.stack) || String(err) }));
});
`;

/** A started worker, loading openapi-typescript; `render` sends it the document (structured-cloned by V8). */
interface TypesWorker {
  render(document: unknown, mappings: DanglingMapping[], options: OpenAPITSOptions): Promise<string>;
  /** Stops a worker that will not be sent a document (preparing it threw). */
  cancel(): void;
}

function startTypesWorker(): TypesWorker {
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { paths: openapiTsModulePaths() } });
  const result = new Promise<string>((resolve, reject) => {
    worker.once('message', (msg: { source?: string; error?: string }) => {
      void worker.terminate();
      if (msg.source !== undefined) resolve(msg.source);
      else reject(new Error(`openapi-typescript failed in its worker: ${msg.error ?? 'no output'}`));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`openapi-typescript worker exited with code ${code}`)));
  });
  return {
    render(document, mappings, options) {
      // the worker gets its own copy, and drops the dangling mappings itself
      worker.postMessage({ document, mappings, options, context: transformContext(options) });
      return result;
    },
    cancel() {
      result.catch(() => undefined);
      void worker.terminate();
    },
  };
}
