import { Worker, type ResourceLimits } from 'node:worker_threads';
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
  /**
   * openapi-typescript's part of types.ts for `document`. The document is sent at once and `options` when they are
   * known: the worker prepares its copy of the document meanwhile (the main thread works them out in the model).
   */
  render(document: unknown, options: OpenAPITSOptions | Promise<OpenAPITSOptions>): Promise<TypesSource>;
  /**
   * The API surface snapshot's text (`formatSurfaceJson`) of the document sent to `render`, its operations named by
   * `methodNames` (operation key → client method name); made after the types.
   */
  surface(methodNames: ReadonlyArray<readonly [string, string]>): Promise<string>;
  stop(): void;
}

/**
 * A young generation of half the default size (semi-spaces of 8 MB instead of 16): openapi-typescript's objects
 * mostly live long (its tree), so the larger one bought no time, only ~10-15 MB of peak memory on large specs.
 */
const LIMITS: ResourceLimits = { maxYoungGenerationSizeMb: 24 };

/** Starts the worker (types-worker-thread.ts); it loads its code while the caller loads the spec. */
export function startTypesWorker(): TypesWorker {
  // from the build, the launcher's worker runs the compiled chunk; under tests and tsx, the entry registers tsx
  const launcher = currentLauncher();
  const worker = launcher ? launcher.startWorker('types-worker', LIMITS) : new Worker(new URL('./types-worker-entry.js', import.meta.url), { resourceLimits: LIMITS });
  // Each answer is let go of here once handed out and once it came: a promise kept here would keep its answer (the
  // types' text is ~13 MB on GitHub's spec) while the main thread's heap is at its largest.
  let types: Pending<TypesSource> | undefined = pending();
  let surface: Pending<string> | undefined = pending();
  worker.on('message', (msg: TypesReply | SurfaceReply) => {
    if (msg.timings) timingLog()?.records.push(...msg.timings);
    // the message itself stays referenced while the microtasks its answer starts run (on large specs: much of the
    // rest of the generation), so the answer is taken out of it
    if ('result' in msg || 'error' in msg) {
      if ('result' in msg) types?.resolve(takeOut(msg, 'result'));
      else types?.reject(new Error(`openapi-typescript failed in the types worker: ${msg.error ?? 'no output'}`));
      types = undefined;
    } else {
      if ('surface' in msg) surface?.resolve(takeOut(msg, 'surface'));
      else surface?.reject(new Error(`the API surface failed in the types worker: ${msg.surfaceError}`));
      surface = undefined;
    }
  });
  const fail = (err: Error) => {
    types?.reject(err);
    surface?.reject(err);
  };
  worker.once('error', fail);
  worker.once('exit', (code) => fail(new Error(`types worker exited with code ${code}`)));
  return {
    render(document, options) {
      worker.postMessage({ document } satisfies TypesRequest);
      // options that never come (the model failed) leave the worker waiting until it is stopped
      Promise.resolve(options).then((o) => worker.postMessage({ options: o } satisfies TypesRequest), () => undefined);
      return handOut(types);
    },
    surface(methodNames) {
      worker.postMessage({ methodNames } satisfies TypesRequest);
      return handOut(surface);
    },
    stop: () => void worker.terminate(),
  };
}

/** An answer the worker has not given yet: its promise until handed out, and how to settle it. */
interface Pending<T> {
  promise?: Promise<T>;
  resolve(value: T): void;
  reject(err: Error): void;
}

function pending<T>(): Pending<T> {
  let settle!: { resolve(value: T): void; reject(err: Error): void };
  const promise = new Promise<T>((resolve, reject) => (settle = { resolve, reject }));
  // one never asked for, or asked for and then stopped, must not leave an unhandled rejection
  promise.catch(() => undefined);
  return { promise, ...settle };
}

/** The promise of `answer`, which then keeps it no more: each is asked for once (the worker answers one document). */
function handOut<T>(answer: Pending<T> | undefined): Promise<T> {
  const promise = answer?.promise;
  if (!promise) return Promise.reject(new Error('internal: a types worker answer was asked for twice'));
  delete answer.promise;
  return promise;
}

/** `message[key]`, deleted from `message`. */
function takeOut<M, K extends keyof M>(message: M, key: K): M[K] {
  const value = message[key];
  delete message[key];
  return value;
}
