// The launcher: makes sure the build is fresh (src/launch/build.js), then loads chunks on demand with V8's code
// cache and hands the generator what it needs from it (the `Launcher` of src/dependencies.ts).
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { constants as vmConstants, Script } from 'node:vm';
import { isMainThread, Worker } from 'node:worker_threads';
import { CHUNK_IDS, CHUNKS } from './chunks.js';
import { builderId, readManifest, sha256, staleChunks, writeAtomic } from './manifest.js';

const LAUNCHER = Symbol.for('zenskar-codegen.launcher');
const TIMINGS = Symbol.for('zenskar-codegen.timings');
const WORKER = new URL('./worker.js', import.meta.url);

/** Where the build, V8's code cache and cached results live: `$ZENSKAR_CODEGEN_CACHE_DIR`, else node_modules/.cache. */
export function cacheDirFor(root) {
  return process.env.ZENSKAR_CODEGEN_CACHE_DIR ? resolve(process.env.ZENSKAR_CODEGEN_CACHE_DIR) : join(root, 'node_modules', '.cache', 'zenskar-codegen');
}

/** Returns a manifest whose chunks are all fresh, building the stale ones first. */
export async function ensureBuilt(root, cacheDir, { rebuild = false } = {}) {
  const buildDir = join(cacheDir, 'build');
  const builder = builderId(root);
  const manifest = readManifest(buildDir, root, builder);
  const names = Object.keys(CHUNKS);
  const stale = rebuild ? new Set(names) : staleChunks(manifest, root, buildDir, names);
  if (manifest && stale.size === 0) return manifest;
  const { buildChunks } = await import('./build.js');
  return buildChunks({ root, buildDir, builder, names: [...stale], previous: manifest });
}

/**
 * Builds what is stale and installs the launcher in this thread. A cache folder that cannot be written (a read-only
 * install) is replaced by one of this user's own in the system's temporary folder.
 */
export async function launch(root, { cacheResults = process.env.ZENSKAR_CODEGEN_RESULT_CACHE !== '0' } = {}) {
  let cacheDir = cacheDirFor(root);
  let manifest;
  try {
    manifest = await ensureBuilt(root, cacheDir);
  } catch (err) {
    if (!['EACCES', 'EPERM', 'EROFS'].includes(err?.code)) throw err;
    cacheDir = privateTempDir(`zenskar-codegen-${process.getuid?.() ?? 'user'}-${sha256(root).slice(0, 16)}`);
    manifest = await ensureBuilt(root, cacheDir);
  }
  return installLauncher({ root, cacheDir, manifest, cacheResults });
}

/**
 * A folder in the temporary folder that only this user can write: code is loaded from it, so one that another user
 * made or can write to is refused.
 */
function privateTempDir(name) {
  const dir = join(tmpdir(), name);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stat = statSync(dir);
  if ((process.getuid && stat.uid !== process.getuid()) || (stat.mode & 0o022) !== 0) {
    throw new Error(`${dir} belongs to another user or others can write to it: not loading code from it`);
  }
  return dir;
}

/** Creates the launcher for a fresh manifest and makes it this thread's (src/dependencies.ts `currentLauncher`). */
export function installLauncher({ root, cacheDir, manifest, cacheResults }) {
  const launcher = createLauncher({ root, cacheDir, manifest, cacheResults });
  globalThis[LAUNCHER] = launcher;
  // timings for the bench (src/timings.ts): this thread's log, if asked for
  if (process.env.ZENSKAR_CODEGEN_TIMINGS) globalThis[TIMINGS] ??= { records: [], stage: 'start-up' };
  return launcher;
}

/** The timing log of this thread, if timings are on (src/timings.ts). */
export function timingLog() {
  return globalThis[TIMINGS];
}

function createLauncher({ root, cacheDir, manifest, cacheResults }) {
  const buildDir = join(cacheDir, 'build');
  const codeCacheDir = join(cacheDir, 'v8');
  const nodeRequire = createRequire(join(root, 'package.json'));
  /** @type {Map<string, unknown>} */
  const loaded = new Map();
  /** @type {Array<{ script: Script, cacheFile: string, madeWith: number }>} */
  const scripts = [];
  // a chunk's `require`: other chunks through the launcher, everything else (Node's own modules) through Node
  const chunkRequire = (id) => (CHUNK_IDS.has(id) ? launcher.load(id) : nodeRequire(id));

  function loadChunk(name) {
    const chunk = manifest.chunks[name];
    const file = CHUNKS[name].direct ? chunk.file : join(buildDir, chunk.file);
    // a plain require('typescript') (identifier checks) may have loaded TypeScript already: never load it twice
    const known = nodeRequire.cache[file];
    if (known?.loaded) return known.exports;
    const cacheFile = join(codeCacheDir, `${name}-${chunk.hash.slice(0, 16)}.bin`);
    const { cachedData, madeWith } = readCodeCache(cacheFile);
    const script = new Script(`(function (exports, require, module, __filename, __dirname, __zcRoot) {${readFileSync(file, 'utf8')}\n})`, {
      filename: file,
      ...(cachedData ? { cachedData } : {}),
      ...(vmConstants?.USE_MAIN_CONTEXT_DEFAULT_LOADER ? { importModuleDynamically: vmConstants.USE_MAIN_CONTEXT_DEFAULT_LOADER } : {}),
    });
    scripts.push({ script, cacheFile, madeWith: cachedData && !script.cachedDataRejected ? madeWith : 0 });
    const module = new Module(file, null);
    module.filename = file;
    // registered like Node registers a module, so that a later require() of the same file gets this one
    nodeRequire.cache[file] = module;
    script.runInThisContext().call(module.exports, module.exports, chunkRequire, module, file, dirname(file), root);
    module.loaded = true;
    return module.exports;
  }

  const launcher = {
    buildId: manifest.buildId,
    resultCacheDir: cacheResults ? join(cacheDir, 'results') : undefined,
    templateCacheDir: join(cacheDir, 'templates'),
    load(name) {
      if (!loaded.has(name)) {
        const start = performance.timeOrigin + performance.now();
        loaded.set(name, loadChunk(name));
        const log = globalThis[TIMINGS];
        const thread = isMainThread ? 'main' : 'worker';
        log?.records.push({ kind: 'load', name, stage: log.stage, thread, startMs: start, wallMs: performance.timeOrigin + performance.now() - start });
      }
      return loaded.get(name);
    },
    startWorker(name, resourceLimits) {
      return new Worker(WORKER, { workerData: { root, cacheDir, manifest, cacheResults, chunk: name }, ...(resourceLimits ? { resourceLimits } : {}) });
    },
    /**
     * Writes V8's code cache of every chunk compiled without one, or with one made by a run that loaded fewer chunks
     * (it then lacks functions this run compiled). Made after the run, so it holds the functions the run compiled
     * lazily too. V8 refuses a cache made by another V8 version or with other flags (then it is made again); its own
     * check looks at the source's length only, so caches are named by the chunk's content hash.
     */
    saveCodeCaches() {
      for (const entry of scripts) {
        if (entry.madeWith >= loaded.size) continue;
        try {
          mkdirSync(codeCacheDir, { recursive: true });
          const header = Buffer.alloc(4);
          header.writeUInt32LE(loaded.size);
          writeAtomic(entry.cacheFile, Buffer.concat([header, entry.script.createCachedData()]));
          entry.madeWith = loaded.size;
        } catch {
          // a code cache only saves time: a run never fails over one
        }
      }
    },
  };
  return launcher;
}

/** A code cache file: 4 bytes (how many chunks the run that made it had loaded), then V8's data. */
function readCodeCache(file) {
  try {
    const bytes = readFileSync(file);
    return { cachedData: bytes.subarray(4), madeWith: bytes.readUInt32LE(0) };
  } catch {
    return { cachedData: undefined, madeWith: 0 };
  }
}
