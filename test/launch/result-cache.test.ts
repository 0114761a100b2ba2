/**
 * The result cache (src/emission-cache.ts) only saves time: a run it answers prints, writes and exits exactly like a
 * run without it, and `--check` still compares the output folder file by file, so a hand edit is found.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TimingRecord } from '../../src/timings.js';
import { copyDir, GENERATED, ROOT, SPEC, snapshotDir, tempDir } from '../helpers/cli.js';

let cacheDir: string;
let work: string;

beforeAll(() => {
  // the repository's build and code cache (so nothing is rebuilt unless src/ changed), with an empty result cache
  cacheDir = tempDir('zc-cache-');
  const built = join(ROOT, 'node_modules/.cache/zenskar-codegen');
  for (const part of ['build', 'v8']) if (existsSync(join(built, part))) cpSync(join(built, part), join(cacheDir, part), { recursive: true });
  work = tempDir('zc-work-');
  return () => {
    rmSync(cacheDir, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  };
});

/** Runs the built command in `work`; `cache: false` turns the result cache off. */
function cli(args: string[], cache = true): { code: number; stdout: string; stderr: string; cached: boolean } {
  const timings = join(work, 'timings.json');
  const result = spawnSync(process.execPath, [join(ROOT, 'src/bin.js'), ...args], {
    cwd: work,
    encoding: 'utf8',
    env: {
      ...process.env,
      NO_COLOR: '1',
      ZENSKAR_CODEGEN_CACHE_DIR: cacheDir,
      ZENSKAR_CODEGEN_RESULT_CACHE: cache ? '' : '0',
      ZENSKAR_CODEGEN_TIMINGS: timings,
    },
    timeout: 180_000,
  });
  const stages = (JSON.parse(readFileSync(timings, 'utf8')).records as TimingRecord[]).map((r) => r.name);
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr, cached: !stages.includes('emit') };
}

describe('a run the result cache answers is indistinguishable from one without it', { timeout: 300_000 }, () => {
  it.each([
    ['the bundled spec (overlays)', SPEC],
    ['a spec with warnings', join(ROOT, 'test/cases/object-enum/spec.json')],
  ])('%s: same exit code, messages and files', (_, spec) => {
    const generate = (cache: boolean) => {
      rmSync(join(work, 'out'), { recursive: true, force: true });
      const run = cli(['generate', '--spec', spec, '--out', 'out'], cache);
      return { run, files: snapshotDir(join(work, 'out')) };
    };
    const without = generate(false);
    const filling = generate(true);
    const answered = generate(true);
    expect(without.run.cached).toBe(false);
    expect(filling.run.cached).toBe(false);
    expect(answered.run.cached).toBe(true);
    for (const other of [filling, answered]) {
      expect({ code: other.run.code, stdout: other.run.stdout, stderr: other.run.stderr }).toEqual({
        code: without.run.code,
        stdout: without.run.stdout,
        stderr: without.run.stderr,
      });
      expect(other.files).toEqual(without.files);
    }
  });

  it('a change to a file the spec refers to is a miss, and generates the change', () => {
    const dir = join(work, 'split-spec');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const spec = JSON.parse(readFileSync(SPEC, 'utf8'));
    spec.components.schemas.Note = { $ref: './note.json' };
    writeFileSync(join(dir, 'spec.json'), JSON.stringify(spec));
    const note = (type: string) => writeFileSync(join(dir, 'note.json'), JSON.stringify({ type: 'object', properties: { text: { type } } }));
    const generate = () => cli(['generate', '--spec', join(dir, 'spec.json'), '--out', join(dir, 'out'), '--no-overlays']);
    note('string');
    expect(generate()).toMatchObject({ code: 0, cached: false });
    expect(generate()).toMatchObject({ code: 0, cached: true });
    note('integer');
    expect(generate()).toMatchObject({ code: 0, cached: false });
    expect(readFileSync(join(dir, 'out/src/types.ts'), 'utf8')).toMatch(/text\?: number/);
    expect(generate()).toMatchObject({ code: 0, cached: true });
  });

  it('--check finds a hand edit of the output folder though the cache holds the files', () => {
    const out = join(work, 'generated');
    rmSync(out, { recursive: true, force: true });
    copyDir(GENERATED, out);
    expect(cli(['generate', '--check', '--out', 'generated', '--spec', SPEC]).code).toBe(0);
    const clean = cli(['generate', '--check', '--out', 'generated', '--spec', SPEC]);
    expect(clean.cached).toBe(true);
    expect(clean.code).toBe(0);
    const client = join(out, 'src/client.ts');
    writeFileSync(client, readFileSync(client, 'utf8').replace('export function createClient', 'export function createClientEdited'));
    const edited = cli(['generate', '--check', '--out', 'generated', '--spec', SPEC]);
    expect(edited.cached).toBe(true);
    expect(edited.code).toBe(1);
    expect(edited.stdout).toContain('-export function createClientEdited');
    expect(edited.stderr).toContain('generated/ is stale: 1 file(s) differ');
    // and generating puts it back
    expect(cli(['generate', '--out', 'generated', '--spec', SPEC]).code).toBe(0);
    expect(readFileSync(client, 'utf8')).toBe(readFileSync(join(GENERATED, 'src/client.ts'), 'utf8'));
  });
});
