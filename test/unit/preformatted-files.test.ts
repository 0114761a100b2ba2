/**
 * Files marked `preformatted` (the runtime modules, index.ts, package.json and tsconfig.json) skip prettier when the
 * package is generated; that is only right while they are exactly what prettier would print with the output's
 * options. When this fails after an edit in src/runtime/, run `npm run format:runtime`.
 */
import * as prettier from 'prettier';
import { expect, it } from 'vitest';
import { emitRuntimeFiles } from '../../src/emit/runtime-files.js';
import { generatedHeader } from '../../src/emit/header.js';
import { emitPackageFiles } from '../../src/emit/package-files.js';
import { createRenderer } from '../../src/emit/templates.js';
import type { ApiModel } from '../../src/model/types.js';
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

// spec file names a header can carry: long ones, comment closers, tabs, line separators, other scripts, spaces
const SPEC_NAMES = ['openapi-20240301.json', `${'a very long spec name '.repeat(10)}.yaml`, 'we*/ird\t\u2028名前 .json', ' lead.json', 'x'.repeat(300)];

it.each(SPEC_NAMES)('index.ts under the header for %j is what prettier prints', async (specName) => {
  const content = createRenderer().render('index', { header: generatedHeader(specName) });
  expect(await prettier.format(content, { ...PRETTIER_OPTIONS, parser: 'typescript' })).toBe(content);
});

const model = (title: string, version: string) => ({ title, version }) as ApiModel;

it.each([
  ['a usual spec', model('Zenskar', '1.0.0'), '0.1.0', []],
  ['a large spec (README.md and REFERENCE.md)', model('GitHub v3 REST API', '1.1.4'), '3.2.1', ['README.md', 'REFERENCE.md']],
  ['a long title with quotes and other scripts', model(`${'Very "long" title '.repeat(12)}名前 \u2028`, 'v'.repeat(150)), '10.20.30-beta.1', ['README.md']],
] as const)('package.json and tsconfig.json of %s are what prettier prints', async (_name, m, version, docs) => {
  const files = emitPackageFiles(m, version, docs);
  for (const file of files) {
    expect(file.preformatted).toBe(true);
    expect(await prettier.format(file.content, { ...PRETTIER_OPTIONS, parser: 'json' })).toBe(file.content);
  }
});
