import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, snapshotDir, SPEC, tempDir } from '../helpers/cli.js';
import { buildBigSpec } from './big-spec.js';

// Extends test/generator/bad-input.test.ts (missing file, invalid JSON, not OpenAPI, Swagger 2.0, unknown version,
// unresolved $ref) with the rest of the catalogue of bad input. Each case goes through the real CLI.

const seed = JSON.parse(readFileSync(SPEC, 'utf8')) as Record<string, any>;

function previousOutput(): string {
  const out = join(tempDir(), 'generated');
  mkdirSync(join(out, 'src'), { recursive: true });
  writeFileSync(join(out, 'package.json'), '{"name":"previous","version":"1.2.3"}\n');
  writeFileSync(join(out, 'src/index.ts'), 'export const previous = true;\n');
  return out;
}

/** Writes files into a fresh folder and returns the path of the first one (the spec). */
function writeSpec(files: Record<string, string>): string {
  const dir = tempDir('zc-bad-');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return join(dir, Object.keys(files)[0]!);
}

function seedWith(patch: (doc: Record<string, any>) => void): string {
  const doc = structuredClone(seed);
  patch(doc);
  return JSON.stringify(doc);
}

/** `n` levels of `open`, a leaf, `n` levels of `close`, as text: JSON.stringify itself overflows on such values. */
function nested(n: number, open: string, leaf: string, close: string): string {
  return `${open.repeat(n)}${leaf}${close.repeat(n)}`;
}

function seedWithSchemaText(name: string, schemaText: string): string {
  return JSON.stringify(seed).replace('"schemas":{', `"schemas":{${JSON.stringify(name)}:${schemaText},`);
}

type Case = [name: string, makeSpec: () => string, message: RegExp];

const cases: Case[] = [
  ['unreadable: a folder given as the spec', () => tempDir(), /zc-[^#\s]*#\s+spec file cannot be read: it is not a regular file but a directory[\s\S]*hint:/],
  ['unreadable: a device that never ends', () => '/dev/zero', /\/dev\/zero#\s+spec file cannot be read: it is not a regular file but a device/],
  [
    'invalid YAML (line and column)',
    () => writeSpec({ 'spec.yaml': 'openapi: 3.1.0\ninfo:\n  title: x\n  version: "1"\npaths: {\n' }),
    /spec\.yaml:\d+:\d+\s+invalid YAML at line \d+, column \d+/,
  ],
  [
    'invalid YAML: duplicate key',
    () => writeSpec({ 'spec.yaml': 'openapi: 3.1.0\ninfo:\n  title: x\n  title: y\n  version: "1"\npaths: {}\n' }),
    /spec\.yaml:4:3\s+invalid YAML at line 4, column 3: Map keys must be unique/,
  ],
  [
    'external $ref escaping the spec folder',
    () => writeSpec({ 'api/spec.json': seedWith((d) => { d.components.schemas.X = { $ref: '../../etc/passwd' }; }) }),
    /api\/spec\.json#\/components\/schemas\/X\s+`\$ref` points to `\.\.\/\.\.\/etc\/passwd`, which leaves the spec's folder[\s\S]*hint:/,
  ],
  [
    'external $ref to a URL',
    () => writeSpec({ 'spec.json': seedWith((d) => { d.components.schemas.X = { $ref: 'https://attacker.example/x.json' }; }) }),
    /spec\.json#\/components\/schemas\/X\s+`\$ref` points to a URL \(`https:\/\/attacker\.example\/x\.json`\); remote references are refused \(the generator never uses the network\)[\s\S]*hint:/,
  ],
  [
    'circular $ref without a base case (reported once)',
    () => writeSpec({
      'spec.json': seedWith((d) => {
        d.components.schemas.A = { $ref: '#/components/schemas/B' };
        d.components.schemas.B = { $ref: '#/components/schemas/A' };
        d.components.schemas.HTTPValidationError.properties.loop = { $ref: '#/components/schemas/B' };
      }),
    }),
    /spec\.json#\/components\/schemas\/A\s+`\$ref`s loop without ever reaching a schema: `#\/components\/schemas\/A` → `#\/components\/schemas\/B` → `#\/components\/schemas\/A`/,
  ],
  [
    'absurd nesting: a schema 10,000 levels deep (JSON)',
    () => writeSpec({ 'spec.json': seedWithSchemaText('Deep', nested(10_000, '{"type":"array","items":', '{"type":"string"}', '}')) }),
    /spec\.json#\/components\/schemas\/Deep\s+the value here nests more than 100 levels deep[\s\S]*hint:/,
  ],
  [
    'absurd nesting: a default 10,000 arrays deep',
    () => writeSpec({ 'spec.json': seedWithSchemaText('Deep', `{"default":${nested(10_000, '[', '0', ']')}}`) }),
    /spec\.json#\/components\/schemas\/Deep\s+the value here nests more than 100 levels deep/,
  ],
  [
    'absurd nesting: a schema 10,000 levels deep (YAML)',
    () => writeSpec({ 'spec.yaml': `openapi: 3.1.0\ninfo: {title: x, version: "1"}\npaths: {}\ncomponents:\n  schemas:\n    D: ${nested(10_000, '{"items":', '{}', '}')}\n` }),
    /spec\.yaml#\s+the document nests too deeply to be parsed/,
  ],
  [
    'absurd nesting: just over the limit',
    () => writeSpec({ 'spec.json': seedWithSchemaText('Deep', nested(120, '{"type":"object","additionalProperties":', '{"type":"string"}', '}')) }),
    /spec\.json#\/components\/schemas\/Deep\s+the value here nests more than 100 levels deep/,
  ],
  [
    'duplicate operationIds',
    () => writeSpec({
      'spec.json': seedWith((d) => {
        d.paths['/customers/again'] = structuredClone(d.paths['/customers/session']);
      }),
    }),
    /spec\.json#\/paths\/~1customers~1session\/post\/operationId\s+`operationId` "Create-customer-or-guest-session" is already used at `#\/paths\/~1customers~1again\/post\/operationId`[\s\S]*hint:/,
  ],
  [
    'a 50 MB spec fails clearly, before reading it (bounded memory)',
    () => writeSpec({ 'big.json': buildBigSpec(50 * 1024 * 1024) }),
    /big\.json#\s+spec file is (49\.9|50\.0) MB; with this heap the limit is \d+\.\d MB \(generation would run out of memory\)[\s\S]*hint: split the spec/,
  ],
];

describe('bad input catalogue: exit 1, one error naming file and pointer, output untouched', () => {
  it.each(cases)('%s', (_name, makeSpec, message) => {
    const out = previousOutput();
    const before = snapshotDir(out);
    const { code, stderr } = runCli(['generate', '--spec', makeSpec(), '--out', out]);
    expect(stderr).not.toMatch(/internal error|RangeError|Maximum call stack/);
    expect(code).toBe(1);
    expect(stderr).toMatch(message);
    expect(stderr.split('\n').filter((l) => l.startsWith('error')).length).toBe(1);
    expect(snapshotDir(out)).toEqual(before);
  });
});

describe('large specs generate', () => {
  it('a 600 kB spec of ordinary operations generates', () => {
    const out = join(tempDir(), 'generated');
    const spec = writeSpec({ 'big.json': buildBigSpec(600_000) });
    const { code, stderr } = runCli(['generate', '--spec', spec, '--out', out]);
    expect(stderr).not.toMatch(/error/);
    expect(code).toBe(0);
    expect(readFileSync(join(out, 'src/client.ts'), 'utf8')).toMatch(/createThing0\(/);
  }, 120_000);

  // About 3 minutes and 3 GB: run with ZC_SLOW_TESTS=1.
  it.runIf(process.env.ZC_SLOW_TESTS === '1')('a 15 MB spec (GitHub-sized) generates', () => {
    const out = join(tempDir(), 'generated');
    const spec = writeSpec({ 'big.json': buildBigSpec(15_000_000) });
    const { code, stderr } = runCli(['generate', '--spec', spec, '--out', out]);
    expect(stderr).not.toMatch(/error/);
    expect(code).toBe(0);
  }, 900_000);
});
