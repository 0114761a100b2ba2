import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, runMain, snapshotDir, SPEC, tempDir } from '../helpers/cli.js';
import { readFileSync } from 'node:fs';

const seed = JSON.parse(readFileSync(SPEC, 'utf8')) as Record<string, any>;

/** An output folder with a previous generation in it, to prove that a failed run leaves it untouched. */
function previousOutput(): string {
  const out = join(tempDir(), 'generated');
  mkdirSync(join(out, 'src'), { recursive: true });
  writeFileSync(join(out, 'package.json'), '{"name":"previous","version":"1.2.3"}\n');
  writeFileSync(join(out, 'src/index.ts'), 'export const previous = true;\n');
  return out;
}

function writeSpec(text: string, name = 'spec.json'): string {
  const file = join(tempDir(), name);
  writeFileSync(file, text);
  return file;
}

describe('bad input: one clear line, exit 1, output untouched', () => {
  const cases: Array<[string, () => string, RegExp]> = [
    ['missing spec file', () => join(tempDir(), 'nope.json'), /nope\.json#\s+spec file not found/],
    ['invalid JSON (line and column)', () => writeSpec('{\n  "openapi": "3.1.0",\n  "info": {,\n}'), /spec\.json:3:12\s+invalid JSON at line 3, column 12/],
    ['not OpenAPI', () => writeSpec('{"hello": "world"}'), /spec\.json#\s+expected an OpenAPI 3\.0 or 3\.1 document/],
    ['Swagger 2.0', () => writeSpec('{"swagger": "2.0", "info": {}}'), /Swagger 2\.0 document[\s\S]*hint: convert it/],
    ['unknown openapi version', () => writeSpec('{"openapi": "4.0.0", "info": {"title": "x", "version": "1"}}'), /spec\.json#\/openapi\s+`openapi: "4\.0\.0"` is not a supported version/],
    [
      'unresolved $ref (its JSON pointer)',
      () => {
        const doc = structuredClone(seed);
        doc.components.schemas.HTTPValidationError.properties.detail.items.$ref = '#/components/schemas/Nope';
        return writeSpec(JSON.stringify(doc));
      },
      /spec\.json#\/components\/schemas\/HTTPValidationError\/properties\/detail\/items\s+`\$ref` at `[^`]+` points to `#\/components\/schemas\/Nope`, which does not exist/,
    ],
  ];

  it.each(cases)('%s', async (_name, makeSpec, message) => {
    const out = previousOutput();
    const before = snapshotDir(out);
    const { code, stderr } = await runMain(['generate', '--spec', makeSpec(), '--out', out]);
    expect(code).toBe(1);
    expect(stderr).toMatch(message);
    expect(stderr.split('\n').filter((l) => l.startsWith('error')).length).toBe(1);
    expect(snapshotDir(out)).toEqual(before);
  });

  it('--help prints usage and exits 0 (a real process)', () => {
    const { code, stdout } = runCli(['generate', '--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/--spec/);
    expect(stdout).toMatch(/--out/);
    expect(stdout).toMatch(/--check/);
  });

  it('an unknown option is a usage error (exit 2)', async () => {
    const { code, stderr } = await runMain(['generate', '--spce', 'x.json']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/Unknown argument/);
  });
});
