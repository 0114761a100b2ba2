/** The npm and tsc steps a consumer of the generated package goes through, run for real in temp folders. */
import { execFile } from 'node:child_process';
import { cp } from 'node:fs/promises';
import { basename, delimiter, join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** The repo root's tool folder: a temp copy of generated/ has no ancestor node_modules, so its `prepack` needs tsc put on PATH. */
export const REPO_BIN = join(import.meta.dirname, '..', '..', 'node_modules', '.bin');
/** The repo's own TypeScript compiler (the pinned 5.9.x). */
export const REPO_TSC = join(import.meta.dirname, '..', '..', 'node_modules', 'typescript', 'bin', 'tsc');

/** Environment for npm: repo tools on PATH, a private cache, and nothing that talks to the registry. */
function npmEnv(cacheDir: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PATH: `${REPO_BIN}${delimiter}${process.env['PATH'] ?? ''}`,
    npm_config_cache: cacheDir,
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
}

/** Runs a program asynchronously (the loopback server lives in this process, so it must not block) and returns stdout. */
export async function runProgram(file: string, args: string[], cwd: string, env = process.env): Promise<string> {
  try {
    const { stdout } = await execFileAsync(file, args, { cwd, env, maxBuffer: 16 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`${basename(file)} ${args.join(' ')} failed in ${cwd}:\n${stdout}\n${stderr}`, { cause: error });
  }
}

/** Copies a package folder without build output or installed modules, as a fresh checkout would have it. */
export async function copyPackage(from: string, to: string): Promise<void> {
  await cp(from, to, {
    recursive: true,
    filter: (source) => !/[/\\](node_modules|dist)$/.test(source),
  });
}

/** What `npm pack --json` reports about the one tarball it wrote. */
export interface PackResult {
  tarball: string;
  files: string[];
}

/** `npm pack` (which runs the package's prepack build) into `destDir`. */
export async function packPackage(packageDir: string, destDir: string, cacheDir: string): Promise<PackResult> {
  const stdout = await runProgram(
    'npm',
    ['pack', '--json', '--pack-destination', destDir],
    packageDir,
    npmEnv(cacheDir),
  );
  const [report] = JSON.parse(stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
  if (!report) throw new Error(`npm pack reported nothing:\n${stdout}`);
  return { tarball: join(destDir, report.filename), files: report.files.map((f) => f.path) };
}

/** Installs a tarball into a project folder without the network: a zero-dependency package needs nothing else. */
export async function installTarball(projectDir: string, tarball: string, cacheDir: string): Promise<void> {
  await runProgram('npm', ['install', '--offline', '--no-audit', '--no-fund', tarball], projectDir, npmEnv(cacheDir));
}
