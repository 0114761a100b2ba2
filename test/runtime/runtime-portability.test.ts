import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// These files are copied verbatim into every generated package, beside its generated files.
const RUNTIME_DIR = join(import.meta.dirname, '../../src/runtime');
const files = readdirSync(RUNTIME_DIR)
  .filter((f) => f.endsWith('.ts'))
  .sort();
const RESERVED_NAMES = ['types.ts', 'client.ts', 'validators.ts', 'index.ts'];

function sourceOf(file: string): ts.SourceFile {
  return ts.createSourceFile(file, readFileSync(join(RUNTIME_DIR, file), 'utf8'), ts.ScriptTarget.ES2022, true);
}

describe('the runtime can be copied into a generated package', () => {
  it('has files, none named like a generated file', () => {
    expect(files).toContain('errors.ts');
    expect(files).toContain('call.ts');
    expect(files.filter((f) => RESERVED_NAMES.includes(f))).toEqual([]);
  });

  it.each(files)('%s imports only sibling runtime files', (file) => {
    const specifiers = sourceOf(file)
      .statements.filter((s) => ts.isImportDeclaration(s) || ts.isExportDeclaration(s))
      .flatMap((s) => {
        const spec = (s as ts.ImportDeclaration | ts.ExportDeclaration).moduleSpecifier;
        return spec && ts.isStringLiteral(spec) ? [spec.text] : [];
      });
    for (const specifier of specifiers) {
      expect(specifier).toMatch(/^\.\/[a-z0-9-]+\.js$/);
      expect(files).toContain(specifier.slice(2).replace(/\.js$/, '.ts'));
    }
    expect(readFileSync(join(RUNTIME_DIR, file), 'utf8')).not.toMatch(/\brequire\(|\bprocess\.|from 'node:|import\(/);
  });

  it.each(files)('%s has no module-scope mutable state or import-time side effects', (file) => {
    for (const statement of sourceOf(file).statements) {
      if (ts.isVariableStatement(statement)) {
        expect(statement.declarationList.flags & ts.NodeFlags.Const, `${file}: top-level let/var`).toBeTruthy();
      }
      expect(ts.isExpressionStatement(statement), `${file}: top-level expression statement`).toBe(false);
    }
  });

  it('typechecks for browsers and Node alike: lib ES2022 + DOM, no Node types, strict options', () => {
    const program = ts.createProgram(
      files.map((f) => join(RUNTIME_DIR, f)),
      {
        target: ts.ScriptTarget.ES2022,
        lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
        module: ts.ModuleKind.NodeNext,
        moduleResolution: ts.ModuleResolutionKind.NodeNext,
        strict: true,
        exactOptionalPropertyTypes: true,
        noUncheckedIndexedAccess: true,
        verbatimModuleSyntax: true,
        types: [],
        noEmit: true,
      },
    );
    const diagnostics = ts
      .getPreEmitDiagnostics(program)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(diagnostics).toEqual([]);
  });

  it('importing every module touches no global', async () => {
    const before = new Set(Reflect.ownKeys(globalThis));
    for (const file of files) await import(join(RUNTIME_DIR, file));
    expect(Reflect.ownKeys(globalThis).filter((k) => !before.has(k))).toEqual([]);
  });
});
