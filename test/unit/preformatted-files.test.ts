/**
 * Files marked `preformatted` (the runtime modules) skip prettier when the package is generated; that is only right
 * while they are exactly what prettier would print with the output's options. When this fails after an edit in
 * src/runtime/, run `npm run format:runtime`.
 */
import * as prettier from 'prettier';
import { expect, it } from 'vitest';
import { emitRuntimeFiles } from '../../src/emit/runtime-files.js';
import { generatedHeader } from '../../src/emit/header.js';
import { formatFiles, PRETTIER_OPTIONS } from '../../src/format.js';

const files = emitRuntimeFiles(generatedHeader('openapi-20240301.json'));

it('marks every runtime module preformatted', () => {
  expect(files.length).toBeGreaterThan(10);
  expect(files.every((f) => f.preformatted === true)).toBe(true);
});

it.each(files.map((f) => [f.path, f] as const))('%s is what prettier prints (run `npm run format:runtime` if not)', async (_path, file) => {
  expect(await prettier.format(file.content, { ...PRETTIER_OPTIONS, parser: 'typescript' })).toBe(file.content);
});

it('the formatter passes preformatted files through untouched and formats the rest', async () => {
  const [out] = await formatFiles([{ path: 'src/a.ts', content: "const a = 'x'", preformatted: true }]);
  expect(out!.content).toBe("const a = 'x'");
  const [formatted] = await formatFiles([{ path: 'src/a.ts', content: "const a = 'x'" }]);
  expect(formatted!.content).toBe('const a = "x";\n');
});
