// A worker thread of the built command (the launcher's `startWorker`): installs a launcher on the main thread's
// manifest and runs a chunk's worker side. The types worker writes its code caches before it answers: the main
// thread ends it as soon as it has the answer.
import { parentPort, workerData } from 'node:worker_threads';
import { installLauncher } from './launcher.js';

const launcher = installLauncher(workerData);
launcher.load(workerData.chunk).serveTypes(parentPort, () => launcher.saveCodeCaches());
