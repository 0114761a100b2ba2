// A worker thread of the built command (the launcher's `startWorker`): installs a launcher on the main thread's
// manifest and runs a chunk's worker side, which writes the code caches before its last answer (the main thread
// ends it then).
import { parentPort, workerData } from 'node:worker_threads';
import { CHUNKS } from './chunks.js';
import { installLauncher } from './launcher.js';

const launcher = installLauncher(workerData);
launcher.load(workerData.chunk)[CHUNKS[workerData.chunk].serve](parentPort, () => launcher.saveCodeCaches());
