/**
 * The launcher (src/launch/launcher.js) in a process of its own: a whole generation with overlays loads TypeScript
 * once (ts-morph and openapi-typescript share it; ts-morph's bundled copy never loads), and what it compiled lands in
 * V8's code cache, which the next process accepts.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers/cli.js';

const cacheDir = tempDir('zc-launch-');
const built = join(ROOT, 'node_modules/.cache/zenskar-codegen/build');
if (existsSync(built)) cpSync(built, join(cacheDir, 'build'), { recursive: true });
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

/** Runs a generation of the bundled spec (`--check`, result cache off) through the launcher; reports what loaded. */
function generateInChild(): { code: number; typescripts: string[]; shared: boolean } {
  const script = `
    import { createRequire } from 'node:module';
    import { launch } from ${JSON.stringify(pathToFileURL(join(ROOT, 'src/launch/launcher.js')).href)};
    const launcher = await launch(${JSON.stringify(ROOT)}, { cacheResults: false });
    const silent = { write: () => true };
    const code = await launcher.load('main').main(['generate', '--check'], { out: silent, err: silent });
    launcher.saveCodeCaches();
    const typescripts = Object.keys(createRequire(import.meta.url).cache).filter((f) => /typescript\\.js$/.test(f));
    // ts-morph re-exports TypeScript through a namespace copy: compare what is in it
    const shared = launcher.load('ts-morph').ts.createSourceFile === launcher.load('typescript').createSourceFile;
    process.stdout.write(JSON.stringify({ code, typescripts, shared }));
  `;
  // a file, not `--input-type=module -e`: worker threads inherit the process's flags, and that one only fits -e
  const file = join(cacheDir, 'child.mjs');
  writeFileSync(file, script);
  const result = spawnSync(process.execPath, [file], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ZENSKAR_CODEGEN_CACHE_DIR: cacheDir, ZENSKAR_CODEGEN_FORMAT_WORKER: '1' },
    timeout: 180_000,
  });
  expect(result.status, result.stderr).toBe(0);
  return JSON.parse(result.stdout);
}

describe('the launcher', { timeout: 300_000 }, () => {
  it('loads TypeScript once: ts-morph and openapi-typescript use the same one', () => {
    const run = generateInChild();
    expect(run.code).toBe(0);
    expect(run.typescripts).toEqual([join(ROOT, 'node_modules/typescript/lib/typescript.js')]);
    expect(run.shared).toBe(true);
  });

  it('keeps what a run compiled in the code cache, one file per chunk it loaded (the format worker\'s too); the next run accepts it', () => {
    const v8 = join(cacheDir, 'v8');
    const cached = readdirSync(v8).map((f) => f.replace(/-[0-9a-f]{16}\.bin$/, ''));
    expect(cached.sort()).toEqual(['format-worker', 'main', 'openapi-typescript', 'prettier', 'ts-morph', 'typescript']);
    const stamps = () => readdirSync(v8).map((f) => [f, statSync(join(v8, f)).mtimeMs]);
    const before = stamps();
    expect(generateInChild().code).toBe(0);
    // a cache V8 refused (or one lacking this run's functions) would have been written again
    expect(stamps()).toEqual(before);
  });
});
