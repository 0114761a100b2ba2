import { Worker } from 'node:worker_threads';
import type { OpenAPITSOptions } from 'openapi-typescript';
import { currentLauncher } from '../dependencies.js';
import { timingLog } from '../timings.js';
import type { TypesReply } from './types-worker-thread.js';
import type { TypesSource } from './types.js';

/**
 * From this spec file size up, openapi-typescript runs in a worker thread, started before the spec is even loaded
 * and sent the document as soon as it is: its start-up overlaps loading, and its work overlaps the model, the
 * validators and the client on the main thread (on GitHub's spec the two threads then finish at about the same
 * time). Below it a worker's start-up costs more than it saves. The output is the same either way; the choice must
 * be made before loading, hence bytes rather than operations. (Running the validator compiler in the worker as well
 * was measured slower: it then waits for the model, and the worker, not the main thread, becomes the longer path.)
 */
export const TYPES_WORKER_MIN_BYTES = 1 << 20;

/** A started types worker: `render` sends it the document; `stop` ends it (also one never sent anything). */
export interface TypesWorker {
  render(document: unknown, options: OpenAPITSOptions): Promise<TypesSource>;
  stop(): void;
}

/** Starts the worker (types-worker-thread.ts); it loads its code while the caller loads the spec. */
export function startTypesWorker(): TypesWorker {
  // from the build, the launcher's worker runs the compiled chunk; under tests and tsx, the entry registers tsx
  const launcher = currentLauncher();
  const worker = launcher ? launcher.startWorker('types-worker') : new Worker(new URL('./types-worker-entry.js', import.meta.url));
  const result = new Promise<TypesSource>((resolve, reject) => {
    worker.once('message', (msg: TypesReply) => {
      if (msg.timings) timingLog()?.records.push(...msg.timings);
      if ('result' in msg) resolve(msg.result);
      else reject(new Error(`openapi-typescript failed in the types worker: ${msg.error ?? 'no output'}`));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`types worker exited with code ${code}`)));
  });
  // a worker stopped before it was sent anything (the spec did not load) must not leave an unhandled rejection
  result.catch(() => undefined);
  return {
    render(document, options) {
      worker.postMessage({ document, options });
      return result;
    },
    stop: () => void worker.terminate(),
  };
}
