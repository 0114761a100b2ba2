/**
 * The size a program adds to a browser bundle, built the way a user's bundler would: esbuild `--bundle --minify
 * --format=esm --platform=browser --target=es2022`, then gzip -9; with the bytes each input file put into the
 * minified output, from esbuild's metafile.
 */
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/** Minified bytes one input file contributes to the bundle. */
export interface ModuleBytes {
  /** the input file, shortened: `zenskar-client/dist/http.js`, `<entry>` */
  module: string;
  bytes: number;
}

export interface BundleSize {
  /** minified bytes */
  min: number;
  /** minified, then gzip -9 */
  gzip: number;
  /** per input file, largest first (the output's own glue, a few bytes, is in `min` only) */
  modules: ModuleBytes[];
}

/** Bundles `source` (an ES module; imports resolved from `resolveDir`) and measures it. */
export async function bundleSize(source: string, resolveDir: string): Promise<BundleSize> {
  const out = await build({
    stdin: { contents: source, resolveDir, loader: 'js', sourcefile: '<entry>' },
    absWorkingDir: resolveDir,
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    metafile: true,
    write: false,
    outfile: 'bundle.js',
    logLevel: 'silent',
  });
  const code = out.outputFiles[0]!.contents;
  const output = Object.values(out.metafile.outputs)[0]!;
  const modules = Object.entries(output.inputs)
    .map(([input, { bytesInOutput }]) => ({ module: shortModuleName(input), bytes: bytesInOutput }))
    .filter((m) => m.bytes > 0)
    .sort((a, b) => b.bytes - a.bytes || (a.module < b.module ? -1 : 1));
  return { min: code.length, gzip: gzipSync(code, { level: 9 }).length, modules };
}

/** `node_modules/zenskar-client/dist/http.js` → `zenskar-client/dist/http.js`; esbuild's stdin name → `<entry>`. */
function shortModuleName(input: string): string {
  if (input === '<stdin>' || input.endsWith('<entry>')) return '<entry>';
  const at = input.lastIndexOf('node_modules/');
  return at >= 0 ? input.slice(at + 'node_modules/'.length) : input;
}

/** kB as the budgets count them (1 kB = 1000 B). */
export function kB(bytes: number): string {
  return `${(bytes / 1000).toFixed(2)} kB`;
}

/** The per-module breakdown as aligned lines: bytes, share of the minified bundle, module. */
export function formatBreakdown(size: BundleSize, indent = '    '): string {
  return size.modules
    .map((m) => `${indent}${String(m.bytes).padStart(6)} B  ${((100 * m.bytes) / size.min).toFixed(1).padStart(5)}%  ${m.module}`)
    .join('\n');
}
