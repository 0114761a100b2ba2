/**
 * The command runs from a build and keeps results, so both must follow every change at once: on a copy of the
 * repository (its own build and caches; node_modules shared through links), a change to a generator source, a
 * template or a runtime module shows in the very next run's output — and the unchanged run before it was answered
 * by the result cache, so the change had a stale answer to beat.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TimingRecord } from '../../src/timings.js';
import { ROOT, tempDir } from '../helpers/cli.js';

/** A copy of the repository's generator (sources, templates, spec), with node_modules linked package by package. */
function copyRepository(): string {
  const root = tempDir('zc-root-');
  for (const entry of ['src', 'templates', 'spec', 'package.json', 'tsconfig.json']) cpSync(join(ROOT, entry), join(root, entry), { recursive: true });
  mkdirSync(join(root, 'node_modules'));
  for (const entry of readdirSync(join(ROOT, 'node_modules'))) {
    if (entry !== '.cache' && entry !== '.bin') symlinkSync(join(ROOT, 'node_modules', entry), join(root, 'node_modules', entry));
  }
  return root;
}

/** Runs the copy's command (`zenskar-codegen generate` into `out/`); returns what it wrote and which stages ran. */
function generate(root: string): { code: number; stderr: string; file: (path: string) => string; stages: string[] } {
  const timings = join(root, 'timings.json');
  const result = spawnSync(process.execPath, [join(root, 'src/bin.js'), 'generate', '--out', 'out'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ZENSKAR_CODEGEN_TIMINGS: timings, ZENSKAR_CODEGEN_CACHE_DIR: '', ZENSKAR_CODEGEN_RESULT_CACHE: '' },
    timeout: 180_000,
  });
  const records = JSON.parse(readFileSync(timings, 'utf8')).records as TimingRecord[];
  return {
    code: result.status ?? -1,
    stderr: result.stderr,
    file: (path) => readFileSync(join(root, 'out', path), 'utf8'),
    stages: records.filter((r) => r.kind === 'stage').map((r) => r.name),
  };
}

/** Replaces text in a file of the copy keeping its length and modification time: only its content tells. */
function edit(root: string, path: string, from: string, to: string): void {
  const file = join(root, path);
  const before = statSync(file);
  const text = readFileSync(file, 'utf8');
  expect(text).toContain(from);
  expect(to.length).toBe(from.length);
  writeFileSync(file, text.replace(from, to));
  utimesSync(file, before.atime, before.mtime);
}

describe('a change never runs stale code or gets a stale result', { timeout: 300_000 }, () => {
  let root: string;
  beforeAll(() => {
    root = copyRepository();
    const first = generate(root); // builds the copy's chunks and fills its result cache
    expect(first.code, first.stderr).toBe(0);
    expect(first.stages).toContain('emit');
    return () => rmSync(root, { recursive: true, force: true });
  }, 300_000);

  it('unchanged: the result cache answers, and the output is the same', () => {
    const before = generate(root);
    expect(before.code, before.stderr).toBe(0);
    expect(before.stages).not.toContain('emit');
    expect(before.stages).toContain('result cache read');
    expect(before.file('src/index.ts')).toBe(readFileSync(join(ROOT, 'generated/src/index.ts'), 'utf8'));
  });

  it('a generator source changed in place (same length, same modification time): rebuilt, and its output shows', () => {
    edit(root, 'src/emit/header.ts', 'Do not edit by hand', 'Do NOT edit by hand');
    const after = generate(root);
    expect(after.code, after.stderr).toBe(0);
    expect(after.stages).toContain('emit');
    expect(after.file('src/client.ts')).toContain('Do NOT edit by hand');
    expect(after.file('src/index.ts')).toContain('Do NOT edit by hand');
  });

  it('a template changed: its output shows at once', () => {
    const template = readFileSync(join(root, 'templates/index.hbs'), 'utf8');
    writeFileSync(join(root, 'templates/index.hbs'), `${template}export const templateChanged = true;\n`);
    const after = generate(root);
    expect(after.code, after.stderr).toBe(0);
    expect(after.stages).toContain('emit');
    expect(after.file('src/index.ts')).toContain('export const templateChanged = true;');
  });

  it('a runtime module changed: its output shows at once', () => {
    const runtime = readdirSync(join(root, 'src/runtime')).find((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))!;
    const text = readFileSync(join(root, 'src/runtime', runtime), 'utf8');
    writeFileSync(join(root, 'src/runtime', runtime), `${text}// runtime changed\n`);
    const after = generate(root);
    expect(after.code, after.stderr).toBe(0);
    expect(after.stages).toContain('emit');
    expect(after.file(`src/${runtime}`)).toContain('// runtime changed');
  });
});
