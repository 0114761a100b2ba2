import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import ts from 'typescript';

/** How users bundle for the browser: the flags every size here is measured with. */
export const BUNDLE_OPTIONS = { bundle: true, minify: true, format: 'esm', platform: 'browser', target: 'es2022' } as const;

/**
 * Installs the generated package as users get it into `root/node_modules/<name>`: its `package.json` and `dist/`
 * compiled by `tsc` with the package's own tsconfig (declarations left out: they add no bytes to a bundle). Returns
 * the package name, for entries to import.
 */
export function installGeneratedPackage(generatedDir: string, root: string): string {
  const pkg = JSON.parse(readFileSync(join(generatedDir, 'package.json'), 'utf8')) as { name: string };
  const into = join(root, 'node_modules', pkg.name);
  mkdirSync(into, { recursive: true });
  writeFileSync(join(into, 'package.json'), readFileSync(join(generatedDir, 'package.json')));
  const { config } = ts.readConfigFile(join(generatedDir, 'tsconfig.json'), (p) => ts.sys.readFile(p));
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, generatedDir);
  const options = { ...parsed.options, outDir: join(into, 'dist'), declaration: false, declarationMap: false, sourceMap: false, noEmitOnError: true };
  const program = ts.createProgram(parsed.fileNames, options);
  const emitted = program.emit();
  if (emitted.emitSkipped) {
    const text = ts.formatDiagnostics([...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics], {
      getCanonicalFileName: (f) => f, getCurrentDirectory: () => generatedDir, getNewLine: () => '\n',
    });
    throw new Error(`the generated package does not compile:\n${text}`);
  }
  return pkg.name;
}

/** min and gzip -9 bytes of the bundle of `entry` (ESM source, its imports resolved from `resolveDir`); and its code. */
export async function bundleEntry(entry: string, resolveDir: string): Promise<{ min: number; gzip: number; code: string }> {
  const out = await build({ ...BUNDLE_OPTIONS, stdin: { contents: entry, resolveDir, loader: 'ts' }, write: false, logLevel: 'silent' });
  const code = out.outputFiles[0]!.contents;
  return { min: code.length, gzip: gzipSync(code, { level: 9 }).length, code: new TextDecoder().decode(code) };
}
