import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { GENERATED } from '../helpers/cli.js';

// The generated package has no dependencies at all, so nothing can reach a consumer through it.

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? (['node_modules', 'dist'].includes(e.name) ? [] : sourceFiles(join(dir, e.name))) : /\.[cm]?[tj]s$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

/** Every module specifier a file imports or re-exports, statically or through `import()` / `require()`. */
function specifiers(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push(node.moduleSpecifier.text);
    }
    if (ts.isCallExpression(node) && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require'))) {
      const [arg] = node.arguments;
      found.push(arg && ts.isStringLiteral(arg) ? arg.text : '<computed>');
    }
    if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) found.push(node.argument.literal.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('generated/ depends on nothing', () => {
  it('package.json declares no dependencies of any kind', () => {
    const pkg = JSON.parse(readFileSync(join(GENERATED, 'package.json'), 'utf8')) as Record<string, unknown>;
    for (const field of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies', 'bundleDependencies', 'bundledDependencies']) {
      expect(pkg[field], field).toBeUndefined();
    }
  });

  it('installing it runs nothing: no install-time lifecycle script (dist/ is built by prepack, for pack and publish)', () => {
    const pkg = JSON.parse(readFileSync(join(GENERATED, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
    const installTime = ['preinstall', 'install', 'postinstall', 'prepublish', 'preprepare', 'prepare', 'postprepare'];
    expect(Object.keys(pkg.scripts ?? {}).filter((s) => installTime.includes(s))).toEqual([]);
    expect(pkg.scripts?.prepack).toBe('npm run build');
  });

  it('no generated file imports anything but a sibling module (no bare specifier, no node: built-in)', () => {
    const files = sourceFiles(GENERATED);
    expect(files.length).toBeGreaterThan(5);
    const outside = files.flatMap((f) => specifiers(f).filter((s) => !/^\.\/[\w.-]+\.js$/.test(s)).map((s) => `${f}: ${s}`));
    expect(outside).toEqual([]);
  });
});
