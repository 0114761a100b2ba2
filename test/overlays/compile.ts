/** Type-checks fixture files with the TypeScript compiler API under the generated package's strict options. */
import ts from 'typescript';

/** The options the generated package promises to compile under. */
export const STRICT_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
  types: [],
  strict: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  verbatimModuleSyntax: true,
  noEmit: true,
  skipLibCheck: true,
};

/** One diagnostic, reduced to what a test asserts on. */
export interface Diagnostic {
  file: string;
  line: number;
  code: number;
  message: string;
}

/** Every diagnostic of a program rooted at `files`. */
export function compile(files: string[]): Diagnostic[] {
  const program = ts.createProgram(files, STRICT_OPTIONS);
  return ts.getPreEmitDiagnostics(program).map((d) => ({
    file: d.file?.fileName ?? '',
    line: d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0,
    code: d.code,
    message: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
  }));
}

/** The 1-based line numbers of the `@ts-expect-error` directives in `source`. */
export function expectErrorLines(source: string): number[] {
  return source
    .split('\n')
    .flatMap((line, i) => (/^\s*\/\/ @ts-expect-error/.test(line) ? [i + 1] : []));
}
