import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../../src/run.js';
import { ROOT, SPEC, tempDir } from '../helpers/cli.js';
import { compile, expectErrorLines } from './compile.js';

const FIXTURES = join(ROOT, 'test/overlays/fixtures');
/** tsc's "Unused '@ts-expect-error' directive." */
const UNUSED_DIRECTIVE = 2578;

describe('session types (compiled by tsc, exactOptionalPropertyTypes on)', () => {
  it('both valid shapes compile and every invalid shape is a type error', () => {
    const files = ['session-rule.ts', 'session-convenience.ts'].map((f) => join(FIXTURES, f));
    expect(compile(files)).toEqual([]);
  });

  it('can fail: without the overlay, each @ts-expect-error of the rule goes unused and nothing else breaks', async () => {
    const { files } = await generate({ spec: SPEC, overlays: false });
    expect(files).toBeDefined();
    const dir = tempDir('zc-no-overlay-');
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
    for (const file of files ?? []) {
      mkdirSync(dirname(join(dir, 'generated', file.path)), { recursive: true });
      writeFileSync(join(dir, 'generated', file.path), file.content);
    }
    const source = readFileSync(join(FIXTURES, 'session-rule.ts'), 'utf8');
    const fixture = join(dir, 'fixtures/session-rule.ts');
    mkdirSync(dirname(fixture), { recursive: true });
    writeFileSync(fixture, source.replace("'../../../generated/src/index.js'", "'../generated/src/index.js'"));
    const diagnostics = compile([fixture]);
    expect(expectErrorLines(source)).toHaveLength(7);
    expect(diagnostics.map((d) => [d.line, d.code])).toEqual(expectErrorLines(source).map((line) => [line, UNUSED_DIRECTIVE]));
  });
});
