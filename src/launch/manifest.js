// The build manifest: which chunk files make up the current build, and every file each was built from, so that a
// start can tell in a few milliseconds whether a chunk is stale. Stale means rebuilt before it runs: a change to
// src/ or to a dependency never runs old code.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Bumped when the manifest's or the chunks' layout changes. */
export const MANIFEST_FORMAT = 1;

/**
 * A build input is trusted by its file status (size, times, inode) only when its last change was at least this long
 * before it was read: a file changed again within one timestamp tick of its previous change keeps its status, so a
 * recently changed one is checked by content instead. Every change of a file's content sets its change time (ctime),
 * which no program can set back; 3 s covers the coarsest timestamps in use (2 s on FAT).
 */
export const SETTLE_MS = 3000;

/**
 * @typedef {{ path: string, hash: string } | { path: string, size: number, mtimeMs: number, ctimeMs: number, ino: number }} Input
 *   a build input, path relative to the root: checked by content (`hash`, always for the generator's own sources)
 *   or by status (a settled dependency file)
 * @typedef {{ file: string, hash: string, inputs: Input[] }} ChunkEntry
 *   `file`: the chunk in the build folder (or, for a direct chunk, the package file itself, absolute)
 * @typedef {{ format: number, root: string, builder: string, buildId: string, chunks: Record<string, ChunkEntry> }} Manifest
 */

/**
 * How to tell later whether a build input changed: by status when it is a dependency's file whose last change was
 * at least SETTLE_MS before `statAt` (when `stat` was taken, before the content was read), else by content.
 */
export function inputRecord(path, stat, statAt, bytes) {
  const dependency = path.split(/[\\/]/).includes('node_modules');
  return dependency && stat.ctimeMs <= statAt - SETTLE_MS
    ? { path, size: stat.size, mtimeMs: stat.mtimeMs, ctimeMs: stat.ctimeMs, ino: stat.ino }
    : { path, hash: sha256(bytes) };
}

/** sha256 of bytes or text, hex. */
export function sha256(data) {
  return createHash('sha256').update(data).digest('hex');
}

/** The manifest's path in a build folder. */
export function manifestPath(buildDir) {
  return join(buildDir, 'manifest.json');
}

/**
 * Identity of the build procedure itself (this folder's build code and esbuild's version): a build made by another
 * one is stale as a whole.
 */
export function builderId(root) {
  const here = (name) => readFileSync(fileURLToPath(new URL(name, import.meta.url)));
  const esbuild = (() => {
    try {
      return readFileSync(join(root, 'node_modules/esbuild/package.json'));
    } catch {
      return 'no esbuild';
    }
  })();
  return sha256(Buffer.concat([here('./build.js'), here('./chunks.js'), here('./manifest.js'), Buffer.from(String(esbuild))]));
}

/** The build's identity: every chunk's content hash (so every line of code a run can execute). */
export function buildIdOf(chunks) {
  return sha256(
    Object.keys(chunks)
      .sort()
      .map((name) => `${name}:${chunks[name].hash}`)
      .join('\n'),
  );
}

/** Reads the manifest of a build folder, if there is a readable one of this format for this root and builder. */
export function readManifest(buildDir, root, builder) {
  try {
    const manifest = JSON.parse(readFileSync(manifestPath(buildDir), 'utf8'));
    if (manifest.format !== MANIFEST_FORMAT || manifest.root !== root || manifest.builder !== builder) return undefined;
    return manifest;
  } catch {
    return undefined;
  }
}

/**
 * Names of the chunks of `manifest` whose inputs changed since they were built, or whose file is gone. An input
 * shared by several chunks is checked once.
 */
export function staleChunks(manifest, root, buildDir, names) {
  const verdicts = new Map();
  const unchanged = (input) => {
    let verdict = verdicts.get(input.path);
    if (verdict === undefined) verdicts.set(input.path, (verdict = inputUnchanged(root, input)));
    return verdict;
  };
  const stale = new Set();
  for (const name of names) {
    const chunk = manifest?.chunks[name];
    if (!chunk || !existsSync(isAbsolute(chunk.file) ? chunk.file : join(buildDir, chunk.file)) || !chunk.inputs.every(unchanged)) stale.add(name);
  }
  return stale;
}

function inputUnchanged(root, input) {
  const path = join(root, input.path);
  try {
    if ('hash' in input) return sha256(readFileSync(path)) === input.hash;
    const stat = statSync(path);
    return stat.size === input.size && stat.mtimeMs === input.mtimeMs && stat.ctimeMs === input.ctimeMs && stat.ino === input.ino;
  } catch {
    return false;
  }
}

/** Writes a file under a temporary name, then renames it into place (readers never see half a file). */
export function writeAtomic(file, data) {
  const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  writeFileSync(temp, data);
  renameSync(temp, file);
}
