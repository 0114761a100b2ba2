// The types worker as tests and `tsx src/cli.ts` start it (the built command starts its own: src/launch/worker.js).
// Plain JavaScript, because a worker does not inherit the main thread's tsx loader: it registers tsx itself and
// loads the same module the in-process path uses while the main thread is still loading the spec.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { serveTypes } = await import('./types-worker-thread.ts');
serveTypes(parentPort);
