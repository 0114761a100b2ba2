/**
 * Generated packages built as users get them: the package folder (package.json, tsconfig.json, src/) placed under a
 * scratch project's `node_modules/<name>` and compiled with the package's own `tsc -p tsconfig.json` into `dist/`.
 * Bundles and timed calls then import the package by name, so esbuild reads its `exports` and `sideEffects: false`.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { generate } from '../../src/run.js';

const execFileAsync = promisify(execFile);

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
/** The committed Zenskar package. */
export const ZENSKAR_PACKAGE = join(REPO, 'generated');
/** The repo's pinned TypeScript compiler, the one the generated package's `build` script runs. */
const TSC = join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');

/** A package compiled under `<project>/node_modules/<name>`. */
export interface BuiltPackage {
  /** the package name, as entries import it */
  name: string;
  /** the scratch project: entries are resolved from here */
  project: string;
  /** `<project>/node_modules/<name>` */
  dir: string;
  /** the names `dist/index.js` exports (to tell which API style the package has) */
  exports: ReadonlySet<string>;
}

/** Copies a generated package folder (without `dist`/`node_modules`) into `project` and compiles it. */
export async function buildPackageFrom(packageDir: string, project: string): Promise<BuiltPackage> {
  const name = await packageName(join(packageDir, 'package.json'));
  const dir = join(project, 'node_modules', name);
  await cp(packageDir, dir, { recursive: true, filter: (source) => !/[/\\](node_modules|dist)$/.test(source) });
  return compile(name, project, dir);
}

/** Generates the package of `spec` (no overlays but those the generator ties to it), then compiles it in `project`. */
export async function buildPackageFromSpec(spec: string, project: string): Promise<BuiltPackage> {
  const result = await generate({ spec, packageVersion: '1.0.0' });
  if (!result.files) throw new Error(`${spec} did not generate:\n${result.issues.map((i) => `${i.pointer} ${i.message}`).join('\n')}`);
  const manifest = result.files.find((f) => f.path === 'package.json');
  if (!manifest) throw new Error(`${spec}: the generated package has no package.json`);
  const name = (JSON.parse(manifest.content) as { name: string }).name;
  const dir = join(project, 'node_modules', name);
  for (const file of result.files) {
    await mkdir(dirname(join(dir, file.path)), { recursive: true });
    await writeFile(join(dir, file.path), file.content);
  }
  return compile(name, project, dir);
}

async function compile(name: string, project: string, dir: string): Promise<BuiltPackage> {
  try {
    await execFileAsync(process.execPath, [TSC, '-p', join(dir, 'tsconfig.json')], { cwd: dir, maxBuffer: 1 << 24 });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`tsc failed for ${name}:\n${stdout}${stderr}`, { cause: error });
  }
  const mod = (await import(pathToFileURL(join(dir, 'dist', 'index.js')).href)) as Record<string, unknown>;
  return { name, project, dir, exports: new Set(Object.keys(mod)) };
}

async function packageName(manifest: string): Promise<string> {
  return (JSON.parse(await readFile(manifest, 'utf8')) as { name: string }).name;
}
