import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import type { GeneratedFile } from '../../src/generated-file.js';

/** Compiler options of generated/tsconfig.json (strict, exactOptionalPropertyTypes, ...), without emitting. */
function compilerOptions(tsconfigText: string): ts.CompilerOptions {
  const parsed = ts.convertCompilerOptionsFromJson(JSON.parse(tsconfigText).compilerOptions, '/');
  if (parsed.errors.length > 0) throw new Error(ts.flattenDiagnosticMessageText(parsed.errors[0]!.messageText, '\n'));
  const { rootDir: _rootDir, outDir: _outDir, ...rest } = parsed.options;
  return { ...rest, noEmit: true, declaration: false, declarationMap: false, sourceMap: false };
}

/** Lib files are parsed once and shared by every program (they dominate the cost of a program). */
export function createLibCache(): Map<string, ts.SourceFile> {
  return new Map();
}

/**
 * Typechecks many generated packages in one in-memory program: package `i` lives under `/pkg<i>/`. Returns the
 * diagnostics per package index, syntax and type errors apart, as text.
 */
export function typecheckPackages(packages: GeneratedFile[][], libCache: Map<string, ts.SourceFile>): { syntax: string[][]; types: string[][] } {
  const files = new Map<string, string>();
  packages.forEach((pkg, i) => {
    for (const f of pkg) files.set(`/pkg${i}/${f.path}`, f.content);
  });
  const options = compilerOptions(packages[0]!.find((f) => f.path === 'tsconfig.json')!.content);
  const libDir = dirname(ts.getDefaultLibFilePath(options));
  const host: ts.CompilerHost = {
    fileExists: (f) => files.has(f) || ts.sys.fileExists(f),
    readFile: (f) => files.get(f) ?? ts.sys.readFile(f),
    getSourceFile: (f, languageVersion) => {
      const text = files.get(f);
      if (text !== undefined) return ts.createSourceFile(f, text, languageVersion, true);
      let cached = libCache.get(f);
      if (!cached) {
        const libText = ts.sys.readFile(f);
        if (libText === undefined) return undefined;
        cached = ts.createSourceFile(f, libText, languageVersion, true);
        libCache.set(f, cached);
      }
      return cached;
    },
    getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
    getDefaultLibLocation: () => libDir,
    writeFile: () => {},
    getCurrentDirectory: () => '/',
    getCanonicalFileName: (f) => f,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => '\n',
    directoryExists: (d) => [...files.keys()].some((f) => f.startsWith(`${d}/`)) || ts.sys.directoryExists(d),
    getDirectories: () => [],
  };
  const roots = [...files.keys()].filter((f) => f.endsWith('.ts'));
  const program = ts.createProgram({ rootNames: roots, options, host });
  const collect = (diagnostics: readonly ts.Diagnostic[]): string[][] => {
    const result: string[][] = packages.map(() => []);
    for (const diag of diagnostics) {
      const file = diag.file?.fileName ?? '';
      const index = Number(/^\/pkg(\d+)\//.exec(file)?.[1] ?? 0);
      const where = diag.file && diag.start !== undefined ? `${file}:${diag.file.getLineAndCharacterOfPosition(diag.start).line + 1}` : file;
      result[index]!.push(`${where}: ${ts.flattenDiagnosticMessageText(diag.messageText, '\n')}`);
    }
    return result;
  };
  return {
    syntax: collect(program.getSyntacticDiagnostics()),
    types: collect([...program.getGlobalDiagnostics(), ...program.getSemanticDiagnostics()]),
  };
}

/**
 * Transpiles each package to JS in `dir` and imports every module of each in one fresh node process, with
 * nothing else loaded. Reports per package whether importing touched a global or a built-in prototype, printed
 * anything or exited; the process itself must print nothing.
 */
export function importInFreshProcess(packages: GeneratedFile[][], dir: string): { stdout: string; stderr: string; status: number | null; report: ImportReport[] } {
  const entries: string[] = [];
  packages.forEach((pkg, i) => {
    const root = join(dir, `pkg${i}`);
    mkdirSync(join(root, 'src'), { recursive: true });
    writeFileSync(join(root, 'package.json'), '{"type":"module"}');
    for (const f of pkg.filter((f) => f.path.endsWith('.ts'))) {
      const js = ts.transpileModule(f.content, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true } }).outputText;
      const out = join(root, f.path.replace(/\.ts$/, '.js'));
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, js);
      entries.push(out);
    }
  });
  const reportFile = join(dir, 'report.json');
  const script = join(dir, 'import-all.mjs');
  writeFileSync(script, IMPORT_SCRIPT);
  const child = spawnSync(process.execPath, [script, reportFile, ...entries], { encoding: 'utf8', timeout: 120_000 });
  let report: ImportReport[] = [];
  try {
    report = JSON.parse(readFileSync(reportFile, 'utf8')) as ImportReport[];
  } catch {
    // no report: the process died or exited early; status and stderr say how
  }
  return { stdout: child.stdout, stderr: child.stderr, status: child.status, report };
}

export interface ImportReport {
  module: string;
  error?: string;
  /** names of globals or prototype members that appeared, vanished or changed */
  touched: string[];
}

const IMPORT_SCRIPT = `
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
const [reportFile, ...modules] = process.argv.slice(2);
const watched = { globalThis, Object: Object.prototype, Array: Array.prototype, Function: Function.prototype, String: String.prototype, Promise: Promise.prototype };
function snapshot() {
  const out = new Map();
  for (const [label, target] of Object.entries(watched)) {
    for (const key of Reflect.ownKeys(target)) {
      const d = Object.getOwnPropertyDescriptor(target, key);
      out.set(label + '.' + String(key), d && ('value' in d ? d.value : d.get));
    }
  }
  return out;
}
const report = [];
let before = snapshot();
for (const module of modules) {
  let error;
  try { await import(pathToFileURL(module).href); } catch (e) { error = String(e && e.stack || e); }
  const after = snapshot();
  const touched = [...new Set([...before.keys(), ...after.keys()])].filter((k) => !Object.is(before.get(k), after.get(k)));
  report.push({ module, ...(error ? { error } : {}), touched });
  before = after;
}
writeFileSync(reportFile, JSON.stringify(report));
`;
