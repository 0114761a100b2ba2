import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import type { GeneratedFile } from './generated-file.js';

/** Entries of an output folder that belong to the user's tooling, never to the generator: kept across swaps, ignored by checks. */
export const KEPT_ENTRIES = new Set(['node_modules', 'dist']);

/** Prefix of the temporary folders a generation writes beside the output (cleaned up by the next run if a run was killed). */
const TEMP_PREFIX = '.zenskar-codegen-';

/** One file that differs between the output folder and what the generator would write. */
export interface Drift {
  path: string;
  change: 'added' | 'removed' | 'changed';
  /** unified diff, from the file on disk to the generated one */
  diff: string;
}

/** Reads every generated file of an output folder (skipping `KEPT_ENTRIES`), sorted by path. */
export async function readOutput(dir: string): Promise<GeneratedFile[]> {
  if (!existsSync(dir)) return [];
  const files: GeneratedFile[] = [];
  async function walk(rel: string): Promise<void> {
    for (const entry of (await readdir(join(dir, rel), { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      if (!rel && KEPT_ENTRIES.has(entry.name)) continue;
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) files.push({ path, content: await readFile(join(dir, path), 'utf8') });
    }
  }
  await walk('');
  return files;
}

/** Compares the generated files with the output folder; `[]` means it is up to date. Never writes. */
export async function checkFiles(dir: string, files: readonly GeneratedFile[]): Promise<Drift[]> {
  const onDisk = new Map((await readOutput(dir)).map((f) => [f.path, f.content]));
  const drift: Drift[] = [];
  for (const file of files) {
    const old = onDisk.get(file.path);
    onDisk.delete(file.path);
    if (old === file.content) continue;
    drift.push({ path: file.path, change: old === undefined ? 'added' : 'changed', diff: unifiedDiff(file.path, old ?? '', file.content) });
  }
  for (const [path, old] of onDisk) drift.push({ path, change: 'removed', diff: unifiedDiff(path, old, '') });
  return drift.sort((a, b) => (a.path < b.path ? -1 : 1));
}

function unifiedDiff(path: string, before: string, after: string): string {
  return createTwoFilesPatch(`a/${path}`, `b/${path}`, before, after, undefined, undefined, { context: 3 });
}

/**
 * Writes the files as the new content of `dir`, atomically as seen by readers of `dir`: everything goes into a
 * temporary folder beside it, which is swapped in only when complete. A killed run leaves either the old or the new
 * folder in place (plus a temporary folder, which the next run removes).
 */
export async function writeFiles(dir: string, files: readonly GeneratedFile[]): Promise<void> {
  const target = resolve(dir);
  const parent = dirname(target);
  await mkdir(parent, { recursive: true });
  await removeLeftovers(parent, basename(target));
  const id = `${TEMP_PREFIX}${basename(target)}-${process.pid}-${randomBytes(4).toString('hex')}`;
  const staging = join(parent, `${id}.new`);
  const retired = join(parent, `${id}.old`);
  for (const file of files) {
    const path = join(staging, file.path);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, file.content);
  }
  // The swap: two renames back to back. Between them `dir` is briefly absent; a run killed exactly there leaves
  // the complete old output in `<id>.old`, which the next run puts back before anything else.
  const hadTarget = existsSync(target);
  if (hadTarget) await rename(target, retired);
  await rename(staging, target);
  if (hadTarget) await moveKeptEntries(retired, target);
  await rm(retired, { recursive: true, force: true });
}

/** Moves the user's entries (node_modules, dist) from a retired output into the current one. */
async function moveKeptEntries(from: string, to: string): Promise<void> {
  for (const kept of KEPT_ENTRIES) {
    if (existsSync(join(from, kept)) && !existsSync(join(to, kept))) await rename(join(from, kept), join(to, kept));
  }
}

/**
 * Cleans up after earlier runs for this output that were killed: restores the old output if a run died between
 * the two renames of the swap, rescues the user's kept entries, and removes every temporary folder.
 */
async function removeLeftovers(parent: string, name: string): Promise<void> {
  const prefix = `${TEMP_PREFIX}${name}-`;
  const target = join(parent, name);
  const leftovers = (await readdir(parent)).filter((e) => e.startsWith(prefix)).sort();
  for (const entry of leftovers) {
    const path = join(parent, entry);
    if (entry.endsWith('.old')) {
      if (!existsSync(target)) await rename(path, target);
      else await moveKeptEntries(path, target);
    }
    if (existsSync(path)) await rm(path, { recursive: true, force: true });
  }
}
