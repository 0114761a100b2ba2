import { Worker } from 'node:worker_threads';
import type { OpenAPITSOptions } from 'openapi-typescript';
import type { GeneratedFile } from '../generated-file.js';
import type { Issue } from '../issue.js';
import type { ApiModel } from '../model/types.js';
import { generatedHeader, sanitizeForComment } from './header.js';
import { renderTypesSource } from './types-source.js';

/**
 * From this spec file size up, openapi-typescript runs in a worker thread, started before the spec is even loaded,
 * so that its start-up and its work overlap loading, the validators and the client (issue 4 §8). Below it a
 * worker's start-up (~0.1 s, plus loading TypeScript a second time) costs more than it saves. The output is the
 * same either way; the choice only needs to be known before loading, hence bytes rather than operations.
 */
export const TYPES_WORKER_MIN_BYTES = 1 << 20;

/** A pending `src/types.ts`: start it first, do other work, then await it. */
export type PendingTypes = Promise<{ file: GeneratedFile; issues: Issue[] }>;

/**
 * Emits `src/types.ts`: openapi-typescript's `paths`, `components`, `operations`, plus one named export per
 * component schema. Fields with a `default` stay optional (`defaultNonNullable: false`): a default is what the
 * server fills in, so a request may omit it. When the spec marks fields readOnly/writeOnly, openapi-typescript's
 * `$Read`/`$Write` markers are on and the named exports are the `Readable` (response) shapes; the client asks
 * for `Writable` request bodies (see client-view.ts).
 */
export function emitTypes(document: unknown, model: ApiModel, specName: string, worker?: TypesWorker): PendingTypes {
  const options: OpenAPITSOptions = { defaultNonNullable: false, silent: true, readWriteMarkers: model.readWriteMarkers };
  const rendered = worker ? worker.render(document, options) : Promise.resolve().then(() => renderTypesSource(document, options));
  return rendered.then(({ source: types, issues }) => {
    const named = model.schemas.map((s) => {
      const doc = s.description ? `/** ${sanitizeForComment(s.description.split('\n')[0]!)} */\n` : '';
      const ref = `components["schemas"][${JSON.stringify(s.specName)}]`;
      return `${doc}export type ${s.typeName} = ${model.readWriteMarkers ? `Readable<${ref}>` : ref};`;
    });
    const content = [generatedHeader(specName), types, '', ...named, ''].join('\n');
    return { file: { path: 'src/types.ts', content }, issues };
  });
}

/** A started types worker: `render` sends it the document (structured-cloned by V8); `cancel` stops an unused one. */
export interface TypesWorker {
  render(document: unknown, options: OpenAPITSOptions): Promise<{ source: string; issues: Issue[] }>;
  cancel(): void;
}

/** Starts a types worker; it loads tsx, TypeScript and openapi-typescript while the caller loads the spec. */
export function startTypesWorker(): TypesWorker {
  const worker = new Worker(new URL('./types-worker.js', import.meta.url));
  const result = new Promise<{ source: string; issues: Issue[] }>((resolve, reject) => {
    worker.once('message', (msg: { result?: { source: string; issues: Issue[] }; error?: string }) => {
      void worker.terminate();
      if (msg.result) resolve(msg.result);
      else reject(new Error(`openapi-typescript failed in its worker: ${msg.error ?? 'no output'}`));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`types worker exited with code ${code}`)));
  });
  // a worker that is never sent a document (the spec failed to load) must not hold up the process or leave a rejection
  result.catch(() => undefined);
  return {
    render(document, options) {
      worker.postMessage({ document, options });
      return result;
    },
    cancel() {
      void worker.terminate();
    },
  };
}
