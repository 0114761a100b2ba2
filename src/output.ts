import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { utf8Of, type GeneratedFile } from './generated-file.js';

/** Entries of an output folder that belong to the user's tooling, never to the generator: kept across swaps, ignored by checks. */
export const KEPT_ENTRIES = new Set(['node_modules', 'dist']);

/** Prefix of the temporary folders a generation writes beside the output (cleaned up by the next run if a run was killed). */
const TEMP_PREFIX = '.zenskar-codegen-';

/** One file that differs between the output folder and what the generator would write. */
export interface Drift {
  path: string;
  change: 'added' | 'removed' | 'changed';
  /** the file on disk (`''` when added) */
  before: string;
  /** the generated file (`''` when removed) */
  after: string;
}

/** Lists every generated file of an output folder (skipping `KEPT_ENTRIES`), sorted by path. */
async function listOutput(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const paths: string[] = [];
  async function walk(rel: string): Promise<void> {
    for (const entry of (await readdir(join(dir, rel), { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      if (!rel && KEPT_ENTRIES.has(entry.name)) continue;
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) paths.push(path);
    }
  }
  await walk('');
  return paths;
}

/**
 * Compares the generated files with the output folder; `[]` means it is up to date. Never writes. Files are
 * compared as text read as UTF-8, as they always were; the bytes decide it where they can (a 60 MB package is then
 * not decoded): `encoded` holds files' UTF-8 bytes when the caller has them already (by file object: a file
 * changed since is another object). The folder is read one file at a time, so that only one file's bytes are held
 * beside the generated package (GitHub's is 36 MB on disk).
 */
export async function checkFiles(dir: string, files: readonly GeneratedFile[], encoded: ReadonlyMap<GeneratedFile, Buffer> = new Map()): Promise<Drift[]> {
  const onDisk = new Set(await listOutput(dir));
  const drift: Drift[] = [];
  for (const file of files) {
    const old = onDisk.delete(file.path) ? await readIfThere(join(dir, file.path)) : undefined;
    if (old !== undefined && sameText(old, file.content, encoded.get(file) ?? utf8Of(file))) continue;
    drift.push({ path: file.path, change: old === undefined ? 'added' : 'changed', before: old?.toString('utf8') ?? '', after: file.content });
  }
  for (const path of onDisk) {
    const old = await readIfThere(join(dir, path));
    if (old !== undefined) drift.push({ path, change: 'removed', before: old.toString('utf8'), after: '' });
  }
  return drift.sort((a, b) => (a.path < b.path ? -1 : 1));
}

/** A file's bytes; `undefined` when it is gone since the folder was listed. */
async function readIfThere(file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** U+FFFD in UTF-8: what a lone surrogate encodes to. */
const REPLACEMENT_CHARACTER = Buffer.from([0xef, 0xbf, 0xbd]);

/**
 * Whether `bytes` read as UTF-8 give `text`. When `text` encoded holds no U+FFFD, only its own bytes do (decoding
 * valid UTF-8 is one-to-one, and invalid bytes decode to U+FFFD); else (a U+FFFD, or a lone surrogate encoded as
 * one) the text is compared.
 */
function sameText(bytes: Buffer, text: string, encoded: Buffer): boolean {
  if (!encoded.includes(REPLACEMENT_CHARACTER)) return bytes.equals(encoded);
  return bytes.toString('utf8') === text;
}

/**
 * The unified diff of one drifted file, from disk to generated. Computed only when printed (`--check`): on a
 * 60 MB package a diff of every file costs more than a second that a plain write does not need.
 */
export function unifiedDiff(drift: Drift): string {
  return createTwoFilesPatch(`a/${drift.path}`, `b/${drift.path}`, drift.before, drift.after, undefined, undefined, { context: 3 });
}

/** Points inside `writeFiles` where a run can be interrupted; `onStep` reports each (tests SIGKILL themselves there). */
export type WriteStep = 'recovered' | 'staged' | 'retired' | 'swapped' | 'done';

/**
 * Writes the files as the new content of `dir`: everything goes into a temporary folder beside it, which is
 * swapped in only when complete. A killed run leaves `dir` holding the old or the new complete output, except
 * in the instant between the two renames of the swap, when `dir` is absent and the old output waits in a
 * `.old` folder; `recoverOutput` (which every write runs first) puts it back. One writer per `dir` at a time.
 */
export async function writeFiles(
  dir: string,
  files: readonly GeneratedFile[],
  options: { onStep?: (step: WriteStep) => void } = {},
): Promise<void> {
  const step = options.onStep ?? (() => {});
  const target = resolve(dir);
  const parent = dirname(target);
  await mkdir(parent, { recursive: true });
  await recoverOutput(target);
  step('recovered');
  const id = `${TEMP_PREFIX}${basename(target)}-${process.pid}-${randomBytes(4).toString('hex')}`;
  const staging = join(parent, `${id}.new`);
  const retired = join(parent, `${id}.old`);
  for (const file of files) {
    const path = join(staging, file.path);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, utf8Of(file));
  }
  await mkdir(staging, { recursive: true });
  step('staged');
  // rename(2) cannot replace a non-empty folder, and node has no RENAME_EXCHANGE: two renames back to back.
  const hadTarget = existsSync(target);
  if (hadTarget) {
    await rename(target, retired);
    step('retired');
  }
  await rename(staging, target);
  step('swapped');
  if (hadTarget) await moveKeptEntries(retired, target);
  await rm(retired, { recursive: true, force: true });
  step('done');
}

/** Moves the user's entries (node_modules, dist) from a retired output into the current one. */
async function moveKeptEntries(from: string, to: string): Promise<void> {
  for (const kept of KEPT_ENTRIES) {
    if (existsSync(join(from, kept)) && !existsSync(join(to, kept))) await rename(join(from, kept), join(to, kept));
  }
}

/**
 * Cleans up after earlier runs for the output folder `dir` that were killed: puts the old output back if a run
 * died between the two renames of the swap, rescues the user's kept entries, and removes the temporary folders.
 * Leftovers of a run that is still alive (its pid is in the name) are left alone. Returns what it removed or restored.
 */
export async function recoverOutput(dir: string): Promise<string[]> {
  const target = resolve(dir);
  const parent = dirname(target);
  if (!existsSync(parent)) return [];
  const prefix = `${TEMP_PREFIX}${basename(target)}-`;
  const leftovers = (await readdir(parent)).filter((e) => e.startsWith(prefix) && !isOwnedByLiveRun(e.slice(prefix.length))).sort();
  // `.old` first: it is the only copy of the previous output when `dir` is missing.
  leftovers.sort((a, b) => Number(b.endsWith('.old')) - Number(a.endsWith('.old')));
  for (const entry of leftovers) {
    const path = join(parent, entry);
    if (entry.endsWith('.old')) {
      if (!existsSync(target)) await rename(path, target);
      else await moveKeptEntries(path, target);
    }
    if (existsSync(path)) await rm(path, { recursive: true, force: true });
  }
  return leftovers;
}

/** `<pid>-<hex>.new|.old`: whether that pid is another process that is still running. */
function isOwnedByLiveRun(rest: string): boolean {
  const pid = Number(/^(\d+)-/.exec(rest)?.[1]);
  if (!Number.isInteger(pid) || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
