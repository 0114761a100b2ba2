import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GeneratedFile } from '../../src/generated-file.js';
import { recoverOutput, writeFiles, type WriteStep } from '../../src/output.js';
import { copyDir, GENERATED, ROOT, runCli, snapshotDir, tempDir } from '../helpers/cli.js';

// "Nothing lost": a generator killed (SIGKILL) at any point while writing leaves the output folder holding the
// old or the new complete output, and the next run cleans up. The child is plain node running src/output.ts
// transpiled, so that a kill costs milliseconds, not a tsx start-up.

const CACHE = join(ROOT, 'node_modules/.cache/zc-hostile');

/**
 * src/output.ts and the module it imports from src/ as ES modules under node_modules/.cache (so that its `diff`
 * import resolves), plus the child script.
 */
function buildChild(): string {
  mkdirSync(CACHE, { recursive: true });
  const transpile = (file: string) =>
    ts.transpileModule(readFileSync(join(ROOT, 'src', file), 'utf8'), { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
  writeFileSync(join(CACHE, 'output.mjs'), transpile('output.ts'));
  writeFileSync(join(CACHE, 'generated-file.js'), transpile('generated-file.ts'));
  const script = join(CACHE, 'write-child.mjs');
  writeFileSync(
    script,
    `import { readFileSync } from 'node:fs';
import { writeFiles } from ${JSON.stringify(pathToFileURL(join(CACHE, 'output.mjs')).href)};
const [dir, filesJson, killAt] = process.argv.slice(2);
const files = JSON.parse(readFileSync(filesJson, 'utf8'));
process.stdout.write('go\\n');
await writeFiles(dir, files, { onStep: (step) => { if (step === killAt) process.kill(process.pid, 'SIGKILL'); } });
process.stdout.write('done\\n');
`,
  );
  return script;
}

/** A deterministic output of `count` files; `tag` makes contents (and some names) differ between versions. */
function outputFiles(tag: string, count: number): GeneratedFile[] {
  const files: GeneratedFile[] = [{ path: 'package.json', content: `{"name":"${tag}"}\n` }];
  for (let i = 0; i < count; i++) files.push({ path: `src/part${Math.floor(i / 50)}/f${i}.ts`, content: `// ${tag} ${i}\n${'x'.repeat(2000)}\n` });
  files.push({ path: `only-in-${tag}/x.ts`, content: tag });
  return files;
}

const OLD = outputFiles('old', 300);
const NEW = outputFiles('new', 400);
const asSnapshot = (files: GeneratedFile[]) => Object.fromEntries(files.map((f) => [f.path, f.content]).sort(([a], [b]) => (a! < b! ? -1 : 1)));
const OLD_SNAPSHOT = asSnapshot(OLD);
const NEW_SNAPSHOT = asSnapshot(NEW);

/** mulberry32: a seeded PRNG, so the kill points are the same on every run. */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let script: string;
let newJson: string;

beforeAll(() => {
  script = buildChild();
  newJson = join(tempDir('zc-kill-'), 'new.json');
  writeFileSync(newJson, JSON.stringify(NEW));
});

/** An output folder holding the old output, plus a user's node_modules that must survive every swap. */
async function oldOutput(): Promise<string> {
  const dir = join(tempDir('zc-kill-'), 'generated');
  await writeFiles(dir, OLD);
  mkdirSync(join(dir, 'node_modules'));
  writeFileSync(join(dir, 'node_modules/keep.txt'), 'mine');
  return dir;
}

/** Starts the child writing NEW into `dir`; resolves once it is about to write, with a promise of its exit. */
function startChild(dir: string, killAt: WriteStep | '' = ''): Promise<{ child: ChildProcess; exited: Promise<string | null> }> {
  const child = spawn(process.execPath, [script, dir, newJson, killAt], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<string | null>((res) => child.on('exit', (_code, signal) => res(signal)));
  return new Promise((res, rej) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('go')) res({ child, exited });
    });
    child.on('error', rej);
  });
}

/** The documented states right after a kill, before any recovery. */
function expectOldOrNewOrSwapGap(dir: string): 'old' | 'new' | 'gap' {
  const parent = join(dir, '..');
  if (existsSync(dir)) {
    const snap = snapshotDir(dir);
    expect([OLD_SNAPSHOT, NEW_SNAPSHOT]).toContainEqual(snap);
    return snap['package.json'] === NEW_SNAPSHOT['package.json'] ? 'new' : 'old';
  }
  // killed between the two renames: the complete old output waits in exactly one `.old` folder
  const old = readdirSync(parent).filter((e) => e.endsWith('.old'));
  expect(old).toHaveLength(1);
  expect(snapshotDir(join(parent, old[0]!))).toEqual(OLD_SNAPSHOT);
  return 'gap';
}

/** After recovery: old or new complete, the user's node_modules kept, no temporary folder left. */
async function expectRecovered(dir: string): Promise<void> {
  await recoverOutput(dir);
  expect([OLD_SNAPSHOT, NEW_SNAPSHOT]).toContainEqual(snapshotDir(dir));
  expect(readFileSync(join(dir, 'node_modules/keep.txt'), 'utf8')).toBe('mine');
  expect(readdirSync(join(dir, '..'))).toEqual(['generated']);
}

describe('writeFiles under SIGKILL', () => {
  it.each<WriteStep>(['recovered', 'staged', 'retired', 'swapped', 'done'])('killed right after step `%s`: old or new complete; recovered by the next run', async (step) => {
    const dir = await oldOutput();
    const { exited } = await startChild(dir, step);
    expect(await exited).toBe('SIGKILL');
    const state = expectOldOrNewOrSwapGap(dir);
    expect(state).toBe({ recovered: 'old', staged: 'old', retired: 'gap', swapped: 'new', done: 'new' }[step]);
    await expectRecovered(dir);
    expect(snapshotDir(dir)).toEqual(state === 'new' ? NEW_SNAPSHOT : OLD_SNAPSHOT);
    // the next run writes over whatever is there and leaves nothing behind
    await writeFiles(dir, NEW);
    expect(snapshotDir(dir)).toEqual(NEW_SNAPSHOT);
    expect(readdirSync(join(dir, '..'))).toEqual(['generated']);
    expect(readFileSync(join(dir, 'node_modules/keep.txt'), 'utf8')).toBe('mine');
  });

  it('30 kills at seeded random points while writing: never a partial output', async () => {
    // Calibrate: how long one whole write takes here, so the kills spread over it.
    const calibration = await oldOutput();
    const { exited } = await startChild(calibration);
    const started = performance.now();
    await exited;
    const span = Math.max(performance.now() - started, 5);
    expect(snapshotDir(calibration)).toEqual(NEW_SNAPSHOT);

    const random = prng(6);
    const seen: Record<string, number> = { old: 0, new: 0, gap: 0 };
    for (let i = 0; i < 30; i++) {
      const dir = await oldOutput();
      const { child, exited } = await startChild(dir);
      await new Promise((res) => setTimeout(res, random() * span));
      child.kill('SIGKILL');
      await exited;
      seen[expectOldOrNewOrSwapGap(dir)]!++;
      await expectRecovered(dir);
    }
    // Which states were hit depends on timing; the assertions above hold for each of them.
    expect(seen.old! + seen.new! + seen.gap!).toBe(30);
  }, 120_000);

  it('leaves the leftovers of a generation that is still running alone', async () => {
    const dir = await oldOutput();
    const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      const busy = join(dir, '..', `.zenskar-codegen-generated-${sleeper.pid}-abcd.new`);
      const dead = join(dir, '..', `.zenskar-codegen-generated-999999999-abcd.new`);
      mkdirSync(busy);
      mkdirSync(dead);
      expect(await recoverOutput(dir)).toEqual(['.zenskar-codegen-generated-999999999-abcd.new']);
      expect(existsSync(busy)).toBe(true);
      expect(existsSync(dead)).toBe(false);
    } finally {
      sleeper.kill('SIGKILL');
    }
  });
});

describe('the next CLI run cleans up after a killed one', () => {
  // run() calls recoverOutput first (not in --check mode), so even a run that finds no drift cleans up.
  it('even when the output is already up to date', () => {
    const out = join(tempDir('zc-next-'), 'generated');
    expect(runCli(['generate', '--out', out]).code).toBe(0); // up to date with this generator, whatever generated/ holds
    const leftover = join(out, '..', '.zenskar-codegen-generated-999999999-abcd.new');
    mkdirSync(leftover);
    const { code } = runCli(['generate', '--out', out]);
    expect(code).toBe(0);
    expect(existsSync(leftover)).toBe(false);
  });
});

describe('--check never writes', () => {
  let out: string;

  it('a stale output: exit 1, a diff, and not one byte changed (nor any folder created beside it)', () => {
    out = join(tempDir('zc-check-'), 'generated');
    copyDir(GENERATED, out);
    writeFileSync(join(out, 'src/index.ts'), '// edited by hand\n');
    writeFileSync(join(out, 'stray.txt'), 'not generated');
    const before = snapshotDir(out);
    const { code, stdout } = runCli(['generate', '--check', '--out', out]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^-\/\/ edited by hand$/m);
    expect(snapshotDir(out)).toEqual(before);
    expect(readdirSync(join(out, '..'))).toEqual(['generated']);
  });

  it('a missing output folder is reported stale and not created', () => {
    const parent = tempDir('zc-check-');
    const result = spawnSync(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'src/cli.ts'), 'generate', '--check', '--out', join(parent, 'nope/generated')], { encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(existsSync(join(parent, 'nope'))).toBe(false);
  });
});
