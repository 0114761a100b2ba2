/**
 * The generator's large dependencies — TypeScript, openapi-typescript's transform, ts-morph and prettier — are loaded
 * on first use, never at start-up: a run that finds its output in the result cache needs none of them, and a spec
 * without overlays needs no ts-morph.
 *
 * When the command runs from its build (`src/bin.js`), the launcher (`src/launch/`) loads them: each compiled once by
 * esbuild into a chunk, kept in V8's code cache, and all of them sharing one TypeScript (ts-morph's own copy is never
 * loaded). Elsewhere (tests, `tsx src/cli.ts`) Node loads them from node_modules.
 */
import { createRequire } from 'node:module';
import type { ResourceLimits, Worker } from 'node:worker_threads';
import type * as Prettier from 'prettier';
import type * as TypeScript from 'typescript';
import type { transformSchema as TransformSchema, scanDiscriminators as ScanDiscriminators } from 'openapi-typescript';
import type { resolveRef as ResolveRef } from 'openapi-typescript';

/** What the launcher offers the code it runs (src/launch/launcher.js creates it). */
export interface Launcher {
  /** The exports of a dependency chunk, loaded on first call. */
  load(chunk: 'typescript' | 'openapi-typescript' | 'ts-morph' | 'prettier'): unknown;
  /** A worker thread running a chunk of the generator. */
  startWorker(chunk: 'types-worker' | 'format-worker', resourceLimits?: ResourceLimits): Worker;
  /** Identity of all code a run can execute: every chunk's content hash. Part of every result cache key. */
  buildId: string;
  /** Folder for cached results; absent when results are not to be cached. */
  resultCacheDir: string | undefined;
  /** Folder for precompiled templates (src/emit/templates.ts), keyed by their text. */
  templateCacheDir?: string;
}

const LAUNCHER = Symbol.for('zenskar-codegen.launcher');

/** The launcher this process (or worker thread) runs under, if any. */
export function currentLauncher(): Launcher | undefined {
  return (globalThis as { [LAUNCHER]?: Launcher })[LAUNCHER];
}

/** openapi-typescript's transform and what its context needs, without its root module (which loads @redocly/openapi-core). */
export interface OpenApiTypescript {
  transformSchema: typeof TransformSchema;
  scanDiscriminators: typeof ScanDiscriminators;
  resolveRef: typeof ResolveRef;
}

/**
 * The files of openapi-typescript that the transform needs (none of them imports @redocly/openapi-core's root). Their
 * CommonJS builds, through `require`: importing TypeScript's 9 MB CommonJS file from ESM makes Node scan it for
 * export names first (~0.4 s). The launcher's `openapi-typescript` chunk bundles the same files.
 */
const OPENAPI_TS_MODULES = {
  transform: 'openapi-typescript/dist/transform/index.cjs',
  utils: 'openapi-typescript/dist/lib/utils.cjs',
} as const;

/** TypeScript: from the build, the launcher's chunk (the one openapi-typescript's chunk shares), else Node's. */
export function loadTypeScript(): typeof TypeScript {
  const launcher = currentLauncher();
  return (launcher ? launcher.load('typescript') : createRequire(import.meta.url)('typescript')) as typeof TypeScript;
}

/** openapi-typescript's transform (loads TypeScript with it). */
export function loadOpenApiTypescript(): OpenApiTypescript {
  const launcher = currentLauncher();
  // `require` returns `any`: the individual files have no declarations of their own (types come from the root's)
  const modules = launcher
    ? (launcher.load('openapi-typescript') as { transform: unknown; utils: Record<string, unknown> })
    : (() => {
        const require = createRequire(import.meta.url);
        return { transform: require(OPENAPI_TS_MODULES.transform), utils: require(OPENAPI_TS_MODULES.utils) };
      })();
  return {
    transformSchema: modules.transform as typeof TransformSchema,
    scanDiscriminators: modules.utils.scanDiscriminators as typeof ScanDiscriminators,
    resolveRef: modules.utils.resolveRef as typeof ResolveRef,
  };
}

/** prettier's `format` (its Node entry, plugins loaded by prettier as a file needs them). */
export async function loadPrettier(): Promise<Pick<typeof Prettier, 'format'>> {
  const launcher = currentLauncher();
  return launcher ? (launcher.load('prettier') as typeof Prettier) : import('prettier');
}
