/**
 * Typechecks many generated packages in one TypeScript program (parsing lib.d.ts once is most of the cost of a
 * small check), then attributes every diagnostic to the package whose file it is in. Packages never import each
 * other (every generated import is relative), so one package's errors cannot come from another's files.
 */
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import ts from 'typescript';
import type { GeneratedFile } from '../../src/generated-file.js';
import { STRICT_COMPILER_OPTIONS } from '../../src/emit/package-files.js';

/** One package to check: its files as generated, under a caller-chosen id. */
export interface PackageToCheck {
  id: string;
  files: readonly GeneratedFile[];
}

/** A diagnostic attributed to a package: file relative to the package root. */
export interface PackageDiagnostic {
  file: string | undefined;
  line: number | undefined;
  code: number;
  message: string;
}

const LIB_DIR = dirname(createRequire(import.meta.url).resolve('typescript/lib/lib.d.ts'));

/** The options generated/tsconfig.json compiles with, minus output settings. */
export const STRICT_CHECK_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
  types: [],
  ...STRICT_COMPILER_OPTIONS,
  noEmit: true,
  skipLibCheck: true,
};

/** A per-run cache of parsed lib files, shared by every program of that run. */
export type LibCache = Map<string, ts.SourceFile>;

/** Creates the lib cache for {@link typecheckPackages}. */
export function createLibCache(): LibCache {
  return new Map();
}

/** Typechecks the packages together; returns each package's diagnostics (empty array: it compiles). */
export function typecheckPackages(packages: readonly PackageToCheck[], libCache: LibCache = createLibCache()): Map<string, PackageDiagnostic[]> {
  const root = '/__corpus__';
  const memory = new Map<string, string>();
  const owner = new Map<string, string>();
  packages.forEach((pkg, i) => {
    for (const f of pkg.files) {
      const path = join(root, String(i), f.path);
      memory.set(path, f.content);
      owner.set(path, pkg.id);
    }
  });
  const host = createMemoryHost(memory, libCache);
  const rootNames = [...memory.keys()].filter((p) => p.endsWith('.ts'));
  const program = ts.createProgram({ rootNames, options: STRICT_CHECK_OPTIONS, host });
  const result = new Map<string, PackageDiagnostic[]>(packages.map((p) => [p.id, []]));
  const diagnostics = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()];
  for (const sf of program.getSourceFiles()) {
    if (!owner.has(sf.fileName)) continue;
    diagnostics.push(...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf));
  }
  for (const d of diagnostics) {
    const id = d.file ? owner.get(d.file.fileName) : undefined;
    const pos = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : undefined;
    const entry: PackageDiagnostic = {
      file: d.file ? d.file.fileName.replace(/^\/__corpus__\/\d+\//, '') : undefined,
      line: pos,
      code: d.code,
      message: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
    };
    // a diagnostic with no file (options, globals) concerns every package of the program
    for (const target of id ? [id] : packages.map((p) => p.id)) result.get(target)!.push(entry);
  }
  return result;
}

function createMemoryHost(memory: Map<string, string>, libCache: LibCache): ts.CompilerHost {
  const base = ts.createCompilerHost(STRICT_CHECK_OPTIONS, true);
  const dirs = new Set<string>();
  for (const path of memory.keys()) for (let d = dirname(path); d !== '/'; d = dirname(d)) dirs.add(d);
  return {
    ...base,
    getDefaultLibLocation: () => LIB_DIR,
    getDefaultLibFileName: (o) => join(LIB_DIR, ts.getDefaultLibFileName(o)),
    getCurrentDirectory: () => '/',
    fileExists: (p) => memory.has(p) || (p.startsWith(LIB_DIR) && base.fileExists(p)),
    readFile: (p) => memory.get(p) ?? (p.startsWith(LIB_DIR) ? base.readFile(p) : undefined),
    directoryExists: (d) => dirs.has(d) || d.startsWith(LIB_DIR),
    getDirectories: () => [],
    realpath: (p) => p,
    writeFile: () => undefined,
    getSourceFile(fileName, languageVersion) {
      const text = memory.get(fileName);
      if (text !== undefined) return ts.createSourceFile(fileName, text, languageVersion, true);
      let cached = libCache.get(fileName);
      if (!cached) {
        const lib = base.readFile(fileName);
        if (lib === undefined) return undefined;
        cached = ts.createSourceFile(fileName, lib, languageVersion, true);
        libCache.set(fileName, cached);
      }
      return cached;
    },
  };
}
