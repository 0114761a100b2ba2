// The format worker as tests and `tsx src/cli.ts` start it (the built command starts its own: src/launch/worker.js).
// Plain JavaScript, because a worker does not inherit the main thread's tsx loader: it registers tsx itself.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { serveFormat } = await import('./format-worker-thread.ts');
serveFormat(parentPort);
