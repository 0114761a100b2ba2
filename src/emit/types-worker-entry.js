// The types worker (src/emit/types-worker.ts starts it): renders openapi-typescript's part of types.ts off the main
// thread. Plain JavaScript, because a worker does not inherit the main thread's tsx loader: it registers tsx itself
// and loads the same module the in-process path uses (TypeScript and openapi-typescript with it) while the main
// thread is still loading the spec.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const loading = import('./types-source.ts');
parentPort.once('message', ({ document, options }) => {
  loading
    .then(({ renderTypesSource }) => parentPort.postMessage({ result: renderTypesSource(document, options) }))
    .catch((err) => parentPort.postMessage({ error: (err && err.stack) || String(err) }));
});
