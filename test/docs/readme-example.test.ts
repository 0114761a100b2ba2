import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { STRICT_COMPILER_OPTIONS } from '../../src/emit/package-files.js';
import { ROOT } from '../helpers/cli.js';

/** The README's usage example must compile against generated/ under the strict options it promises. */
describe('README', () => {
  it('the usage example typechecks against generated/', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const example = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toContain("from 'zenskar-client'");
    const dir = join(ROOT, 'node_modules/.cache/readme-example');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'example.ts');
    const source = example!.replace("from 'zenskar-client'", `from ${JSON.stringify(join(ROOT, 'generated/src/index.js'))}`);
    writeFileSync(file, `${source}\nexport {};\n`);
    const program = ts.createProgram([file], {
      ...STRICT_COMPILER_OPTIONS,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
      types: ['node'],
      noEmit: true,
      skipLibCheck: true,
    });
    const messages = ts
      .getPreEmitDiagnostics(program)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(messages).toEqual([]);
  });
});
