import { Worker } from 'node:worker_threads';
import type { OpenAPITSOptions } from 'openapi-typescript';
import { currentLauncher } from '../dependencies.js';
import { timingLog } from '../timings.js';
import type { SurfaceReply, TypesReply, TypesRequest } from './types-worker-thread.js';
import type { TypesSource } from './types.js';

/**
 * From this spec file size up, openapi-typescript runs in a worker thread, started before the spec is even loaded
 * and sent the document as soon as it is: its start-up overlaps loading, and its work overlaps the model, the
 * validators and the client on the main thread. Below it a worker's start-up costs more than it saves. The output
 * is the same either way; the choice must be made before loading, hence bytes rather than operations. (Running the
 * validator compiler in the worker as well was measured slower: it then waits for the model, and the worker, not
 * the main thread, becomes the longer path.) After the types the worker also makes the API surface snapshot, which
 * needs only the document and the client's method names: the main thread is the longer path on large specs.
 */
export const TYPES_WORKER_MIN_BYTES = 1 << 20;

/** A started types worker: `render` sends it the document; `stop` ends it (also one never sent anything). */
export interface TypesWorker {
  render(document: unknown, options: OpenAPITSOptions): Promise<TypesSource>;
  /**
   * The API surface snapshot's text (`formatSurfaceJson`) of the document sent to `render`, its operations named by
   * `methodNames` (operation key → client method name); made after the types.
   */
  surface(methodNames: ReadonlyArray<readonly [string, string]>): Promise<string>;
  stop(): void;
}

/** Starts the worker (types-worker-thread.ts); it loads its code while the caller loads the spec. */
export function startTypesWorker(): TypesWorker {
  // from the build, the launcher's worker runs the compiled chunk; under tests and tsx, the entry registers tsx
  const launcher = currentLauncher();
  const worker = launcher ? launcher.startWorker('types-worker') : new Worker(new URL('./types-worker-entry.js', import.meta.url));
  const answer = <T>() => {
    let settle!: { resolve(value: T): void; reject(err: Error): void };
    const promise = new Promise<T>((resolve, reject) => (settle = { resolve, reject }));
    // one never asked for, or asked for and then stopped, must not leave an unhandled rejection
    promise.catch(() => undefined);
    return { promise, ...settle };
  };
  const types = answer<TypesSource>();
  const surface = answer<string>();
  worker.on('message', (msg: TypesReply | SurfaceReply) => {
    if (msg.timings) timingLog()?.records.push(...msg.timings);
    if ('result' in msg) types.resolve(msg.result);
    else if ('error' in msg) types.reject(new Error(`openapi-typescript failed in the types worker: ${msg.error ?? 'no output'}`));
    else if ('surface' in msg) surface.resolve(msg.surface);
    else surface.reject(new Error(`the API surface failed in the types worker: ${msg.surfaceError}`));
  });
  const fail = (err: Error) => {
    types.reject(err);
    surface.reject(err);
  };
  worker.once('error', fail);
  worker.once('exit', (code) => fail(new Error(`types worker exited with code ${code}`)));
  return {
    render(document, options) {
      worker.postMessage({ document, options } satisfies TypesRequest);
      return types.promise;
    },
    surface(methodNames) {
      worker.postMessage({ methodNames } satisfies TypesRequest);
      return surface.promise;
    },
    stop: () => void worker.terminate(),
  };
}
