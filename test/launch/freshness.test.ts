/**
 * The launcher's freshness check (src/launch/manifest.js): a build is used only while every file it was built from
 * is unchanged. The generator's own sources are compared by content, so no edit can hide behind an unchanged size
 * or a restored modification time; a dependency's settled file by its status, whose change time every write sets.
 */
import { mkdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inputRecord, SETTLE_MS, staleChunks, type Manifest } from '../../src/launch/manifest.js';
import { tempDir } from '../helpers/cli.js';

/** A root with one source and one dependency file, and a manifest of one chunk built from both. */
function fixture(options: { settled: boolean }) {
  const root = tempDir('zc-fresh-');
  const buildDir = join(root, 'build');
  mkdirSync(join(root, 'src'));
  mkdirSync(join(root, 'node_modules/dep'), { recursive: true });
  mkdirSync(buildDir);
  writeFileSync(join(buildDir, 'main-1.cjs'), '');
  const files = { source: 'src/a.ts', dependency: 'node_modules/dep/index.js' };
  writeFileSync(join(root, files.source), 'export const a = 1;\n');
  writeFileSync(join(root, files.dependency), 'module.exports = 1;\n');
  const record = (path: string) => {
    const stat = statSync(join(root, path));
    // "settled": as if read long after the file's last change
    const statAt = options.settled ? stat.ctimeMs + SETTLE_MS + 1 : Date.now();
    return inputRecord(path, stat, statAt, readFileSync(join(root, path)));
  };
  const manifest: Manifest = {
    format: 1,
    root,
    builder: 'b',
    buildId: 'x',
    chunks: { main: { file: 'main-1.cjs', hash: 'h', inputs: [record(files.source), record(files.dependency)] } },
  };
  const stale = () => staleChunks(manifest, root, buildDir, ['main']);
  return { root, buildDir, files, manifest, stale };
}

/** Rewrites a file with other bytes of the same length, its modification time put back (to the µs: utimes' precision). */
function editInPlace(path: string, from: string, to: string): void {
  const before = statSync(path);
  expect(to.length).toBe(from.length);
  writeFileSync(path, readFileSync(path, 'utf8').replace(from, to));
  utimesSync(path, before.atime, before.mtime);
  expect(statSync(path).size).toBe(before.size);
}

describe('the build is used only while its inputs are unchanged', () => {
  it('unchanged inputs: fresh', () => {
    expect(fixture({ settled: true }).stale()).toEqual(new Set());
    expect(fixture({ settled: false }).stale()).toEqual(new Set());
  });

  it('a source is compared by content: an edit of the same length with its old modification time is found', () => {
    const f = fixture({ settled: true });
    expect(f.manifest.chunks.main!.inputs[0]).toHaveProperty('hash');
    editInPlace(join(f.root, f.files.source), '1', '2');
    expect(f.stale()).toEqual(new Set(['main']));
  });

  it('a settled dependency file is compared by status: the same edit changes its change time', async () => {
    const f = fixture({ settled: true });
    const record = f.manifest.chunks.main!.inputs[1]!;
    expect(record).toHaveProperty('ctimeMs');
    await new Promise((r) => setTimeout(r, 20)); // past the file system's timestamp tick
    editInPlace(join(f.root, f.files.dependency), '1', '2');
    // as if the modification time had come back exactly: only the change time tells
    Object.assign(record, { mtimeMs: statSync(join(f.root, f.files.dependency)).mtimeMs });
    expect(f.stale()).toEqual(new Set(['main']));
  });

  it('a dependency file changed shortly before the build is compared by content', () => {
    const f = fixture({ settled: false });
    expect(f.manifest.chunks.main!.inputs[1]).toHaveProperty('hash');
    editInPlace(join(f.root, f.files.dependency), '1', '2');
    expect(f.stale()).toEqual(new Set(['main']));
  });

  it('a missing input, a missing chunk file, or no manifest at all: stale', () => {
    const gone = fixture({ settled: true });
    rmSync(join(gone.root, gone.files.source));
    expect(gone.stale()).toEqual(new Set(['main']));
    const noChunk = fixture({ settled: true });
    noChunk.manifest.chunks.main!.file = 'main-2.cjs';
    expect(noChunk.stale()).toEqual(new Set(['main']));
    expect(staleChunks(undefined, noChunk.root, noChunk.buildDir, ['main'])).toEqual(new Set(['main']));
  });
});
