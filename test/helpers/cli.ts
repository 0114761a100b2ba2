import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const SPEC = join(ROOT, 'spec/openapi-20240301.json');
export const GENERATED = join(ROOT, 'generated');

/** Runs the CLI's `main` in this process (fast; the same code path as the binary minus process start-up). */
export async function runMain(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { main } = await import('../../src/cli.js');
  let stdout = '';
  let stderr = '';
  const code = await main(args, { out: { write: (t: string) => (stdout += t) }, err: { write: (t: string) => (stderr += t) } });
  return { code, stdout, stderr };
}

/** Runs the real CLI (`src/bin.js`, the package's `zenskar-codegen` binary) in a child process. */
export function runCli(args: string[], cwd: string = ROOT): { code: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [join(ROOT, 'src/bin.js'), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 120_000,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** A fresh temporary folder. */
export function tempDir(prefix = 'zc-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Copies a folder (for tests that regenerate over a copy of generated/). */
export function copyDir(from: string, to: string): void {
  cpSync(from, to, { recursive: true, filter: (src) => !/[\\/](node_modules|dist)$/.test(src) });
}

/** Every file under `dir` (relative path → content), skipping node_modules and dist. */
export function snapshotDir(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (name === 'node_modules' || name === 'dist') continue;
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}
