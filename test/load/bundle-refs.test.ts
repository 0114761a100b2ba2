import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { bundleRefs } from '../../src/load/bundle-refs.js';
import { loadSpec } from '../../src/load/load-spec.js';
import { generate } from '../../src/run.js';

/** Writes files (path → object; `.yaml` as YAML, else JSON; strings verbatim) into a fresh folder; returns it. */
function writeTree(files: Record<string, unknown>, base = mkdtempSync(join(tmpdir(), 'zc-bundle-'))): string {
  for (const [path, content] of Object.entries(files)) {
    const file = join(base, path);
    mkdirSync(dirname(file), { recursive: true });
    const text = typeof content === 'string' ? content : path.endsWith('.yaml') ? stringify(content) : JSON.stringify(content, null, 2);
    writeFileSync(file, text);
  }
  return base;
}

function api(extra: Record<string, unknown> = {}, paths: Record<string, unknown> = {}): Record<string, unknown> {
  return { openapi: '3.1.0', info: { title: 'Pets', version: '1.0.0' }, servers: [{ url: 'https://pets.example' }], paths, ...extra };
}

/** Every `$ref` string in a document. */
function allRefs(node: unknown, out: string[] = []): string[] {
  if (typeof node !== 'object' || node === null) return out;
  if (typeof (node as { $ref?: unknown }).$ref === 'string') out.push((node as { $ref: string }).$ref);
  for (const value of Object.values(node)) allRefs(value, out);
  return out;
}

const petFiles = {
  'openapi.yaml': api(
    { components: { schemas: { Pet: { $ref: './schemas/pet.yaml#/Pet' } } } },
    {
      '/pets/{id}': {
        parameters: [{ $ref: './parameters.yaml#/PetId' }],
        get: {
          operationId: 'getPet',
          responses: { '200': { $ref: './responses.json#/PetFound' } },
        },
      },
    },
  ),
  'schemas/pet.yaml': {
    Pet: {
      type: 'object',
      required: ['id', 'owner'],
      properties: { id: { $ref: '../common/id.json' }, owner: { $ref: '#/Owner' }, tags: { type: 'array', items: { $ref: 'tag.json#/Tag' } } },
    },
    // recursion across files: Owner → Pet → Owner
    Owner: { type: 'object', properties: { name: { type: 'string' }, pets: { type: 'array', items: { $ref: '#/Pet' } } } },
  },
  'schemas/tag.json': { Tag: { type: 'string', enum: ['a', 'b'] } },
  'common/id.json': { type: 'string', format: 'uuid' },
  'parameters.yaml': { PetId: { name: 'id', in: 'path', required: true, schema: { $ref: './common/id.json' } } },
  'responses.json': { PetFound: { description: 'found', content: { 'application/json': { schema: { $ref: './schemas/pet.yaml#/Pet' } } } } },
};

describe('bundleRefs: external files become one document with internal refs only', () => {
  it('bundles schemas into components (named from file and fragment), inlines parameters and responses, follows recursion across files', async () => {
    const dir = writeTree(petFiles);
    const loaded = await loadSpec(join(dir, 'openapi.yaml'));
    expect(loaded.issues).toEqual([]);
    const doc = loaded.spec!.document as any;
    expect(allRefs(doc).every((r) => r.startsWith('#/components/schemas/'))).toBe(true);
    expect(Object.keys(doc.components.schemas).sort()).toEqual(['Owner', 'Pet', 'Tag', 'id']);
    // the root entry that only pointed to a file keeps its name and holds the schema itself
    expect(doc.components.schemas.Pet.properties.owner).toEqual({ $ref: '#/components/schemas/Owner' });
    expect(doc.components.schemas.Owner.properties.pets.items).toEqual({ $ref: '#/components/schemas/Pet' });
    expect(doc.components.schemas.Pet.properties.id).toEqual({ $ref: '#/components/schemas/id' });
    expect(doc.components.schemas.id).toEqual({ type: 'string', format: 'uuid' });
    // non-schema targets are inlined; the schemas inside them still become components
    expect(doc.paths['/pets/{id}'].parameters[0]).toEqual({ in: 'path', name: 'id', required: true, schema: { $ref: '#/components/schemas/id' } });
    expect(doc.paths['/pets/{id}'].get.responses['200'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Pet' });
  });

  it('generates a package from a multi-file spec (types name the bundled schemas)', async () => {
    const dir = writeTree(petFiles);
    const { files, issues } = await generate({ spec: join(dir, 'openapi.yaml') });
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    const types = files!.find((f) => f.path === 'src/types.ts')!.content;
    expect(types).toMatch(/export type Owner = components\["schemas"\]\["Owner"\];/);
    const validators = files!.find((f) => f.path === 'src/validators.ts')!.content;
    expect(validators).toMatch(/export function validatePet\(/);
  });

  it('names colliding targets collision-free and deterministically, whatever the key order', () => {
    const files = (order: 'ab' | 'ba') => {
      const props = order === 'ab'
        ? { a: { $ref: './a/pet.json#/Pet' }, b: { $ref: './b/pet.json#/Pet' }, c: { $ref: './c.json#/Pet' } }
        : { c: { $ref: './c.json#/Pet' }, b: { $ref: './b/pet.json#/Pet' }, a: { $ref: './a/pet.json#/Pet' } };
      return writeTree({
        'spec.json': api({ components: { schemas: { Pet: { type: 'object' }, Holder: { type: 'object', properties: props } } } }),
        'a/pet.json': { Pet: { type: 'string' } },
        'b/pet.json': { Pet: { type: 'integer' } },
        'c.json': { Pet: { type: 'boolean' } },
      });
    };
    const bundle = (dir: string) => {
      const raw = JSON.parse(readFileSync(join(dir, 'spec.json'), 'utf8')) as unknown;
      return bundleRefs(join(dir, 'spec.json'), raw).document as any;
    };
    const one = bundle(files('ab'));
    const two = bundle(files('ba'));
    expect(JSON.stringify(one)).toBe(JSON.stringify(two));
    const names = one.components.schemas.Holder.properties;
    expect(names).toEqual({
      a: { $ref: '#/components/schemas/pet_Pet' },
      b: { $ref: '#/components/schemas/pet_Pet_2' },
      c: { $ref: '#/components/schemas/c_Pet' },
    });
    expect(one.components.schemas.pet_Pet).toEqual({ type: 'string' });
    expect(one.components.schemas.pet_Pet_2).toEqual({ type: 'integer' });
    expect(one.components.schemas.Pet).toEqual({ type: 'object' });
  });

  it('turns a reference back into the root file into an internal one', async () => {
    const dir = writeTree({
      'spec.json': api({ components: { schemas: { Id: { type: 'string' }, Box: { $ref: './box.json' } } } }),
      'box.json': { type: 'object', properties: { id: { $ref: './spec.json#/components/schemas/Id' } } },
    });
    const loaded = await loadSpec(join(dir, 'spec.json'));
    expect(loaded.issues).toEqual([]);
    expect((loaded.spec!.document as any).components.schemas.Box.properties.id).toEqual({ $ref: '#/components/schemas/Id' });
  });

  it('digests every file it read, so a change to a referenced file changes the digest', async () => {
    const dir = writeTree({
      'spec.json': api({ components: { schemas: { Box: { $ref: './box.json' } } } }),
      'box.json': { type: 'object', properties: { id: { type: 'string' } } },
    });
    const digest = async () => (await loadSpec(join(dir, 'spec.json'), { digest: true })).spec!.sourceDigest;
    const first = await digest();
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(await digest()).toBe(first);
    expect((await loadSpec(join(dir, 'spec.json'))).spec!.sourceDigest).toBeUndefined();
    writeFileSync(join(dir, 'box.json'), JSON.stringify({ type: 'object', properties: { id: { type: 'integer' } } }));
    expect(await digest()).not.toBe(first);
  });

  it('leaves a spec without external refs exactly as it was (same object)', () => {
    const doc = api({ components: { schemas: { A: { $ref: '#/components/schemas/B' }, B: { type: 'string' } } } });
    expect(bundleRefs('/nowhere/spec.json', doc).document).toBe(doc);
  });

  it('keeps `__proto__` keys as data while copying', async () => {
    const dir = writeTree({
      'spec.json': `{"openapi":"3.1.0","info":{"title":"x","version":"1"},"paths":{},"components":{"schemas":{"A":{"$ref":"./a.json"}}}}`,
      'a.json': `{"type":"object","properties":{"__proto__":{"type":"string"},"b":{"$ref":"./b.json"}}}`,
      'b.json': `{"type":"string"}`,
    });
    const loaded = await loadSpec(join(dir, 'spec.json'));
    expect(loaded.issues).toEqual([]);
    const props = (loaded.spec!.document as any).components.schemas.A.properties;
    expect(Object.keys(props)).toEqual(['__proto__', 'b']);
    expect(Object.getPrototypeOf(props)).toBe(Object.prototype);
    expect(({} as any).type).toBeUndefined();
  });
});

describe('bundleRefs: refused and broken references name the file and the pointer of the `$ref`', () => {
  const outsideDir = writeTree({ 'secret.json': { type: 'string' } });
  type Expected = { code: string; file: RegExp; pointer: string; message: RegExp };
  const X = '#/components/schemas/X';
  const cases: Array<[string, string, Record<string, unknown>, Expected]> = [
    ['`..` beyond the spec folder', '../../secret.json', {}, { code: 'ref-outside-spec-folder', file: /spec\/spec\.json$/, pointer: X, message: /leaves the spec's folder/ }],
    ['an absolute path', `${outsideDir}/secret.json`, {}, { code: 'ref-outside-spec-folder', file: /spec\/spec\.json$/, pointer: X, message: /leaves the spec's folder/ }],
    ['an https URL', 'https://evil.example/schema.json#/X', {}, { code: 'remote-ref', file: /spec\/spec\.json$/, pointer: X, message: /URL.*never uses the network/ }],
    ['a file: URL', 'file:///etc/passwd', {}, { code: 'remote-ref', file: /spec\/spec\.json$/, pointer: X, message: /URL/ }],
    ['a network-path reference', '//evil.example/x.json', {}, { code: 'remote-ref', file: /spec\/spec\.json$/, pointer: X, message: /URL/ }],
    ['a missing file', './nope.json', {}, { code: 'ref-file-not-found', file: /spec\/spec\.json$/, pointer: X, message: /nope\.json` does not exist/ }],
    ['a missing pointer inside an external file', './a.json#/Nope', { 'spec/a.json': { Yes: {} } }, { code: 'unresolved-ref', file: /spec\/spec\.json$/, pointer: X, message: /points to `\.\/a\.json#\/Nope`, which does not exist/ }],
    ['a URL inside an external file (reported in that file)', './sub/a.json', { 'spec/sub/a.json': { type: 'object', properties: { p: { $ref: 'http://x.example/p.json' } } } }, { code: 'remote-ref', file: /spec\/sub\/a\.json$/, pointer: '#/properties/p', message: /URL/ }],
    ['`..` escaping from a nested external file', './sub/a.json', { 'spec/sub/a.json': { type: 'array', items: { $ref: '../../secret.json' } } }, { code: 'ref-outside-spec-folder', file: /spec\/sub\/a\.json$/, pointer: '#/items', message: /leaves the spec's folder/ }],
    ['invalid JSON in an external file (line and column)', './bad.json', { 'spec/bad.json': '{\n  "type": "string",\n}' }, { code: 'invalid-json', file: /spec\/bad\.json:3:1$/, pointer: '', message: /invalid JSON at line 3, column 1/ }],
    ['invalid YAML in an external file', './bad.yaml', { 'spec/bad.yaml': 'type: string\n  bad: [\n' }, { code: 'invalid-yaml', file: /spec\/bad\.yaml:\d+:\d+$/, pointer: '', message: /invalid YAML/ }],
  ];

  it.each(cases)('%s', async (_name, ref, files, expected) => {
    const root = writeTree({ ...files, 'spec/spec.json': api({ components: { schemas: { X: { $ref: ref } } } }) });
    const loaded = await loadSpec(join(root, 'spec/spec.json'));
    expect(loaded.spec).toBeUndefined();
    expect(loaded.issues).toHaveLength(1);
    const [issue] = loaded.issues;
    expect(issue).toMatchObject({ severity: 'error', code: expected.code, pointer: expected.pointer });
    expect(issue!.file).toMatch(expected.file);
    expect(issue!.message).toMatch(expected.message);
    if (!expected.code.startsWith('invalid-')) expect(issue!.hint).toBeTruthy();
  });

  it('refuses a symlink that resolves outside the spec folder', async () => {
    const outside = writeTree({ 'secret.json': { type: 'string' } });
    const root = writeTree({ 'spec.json': api({ components: { schemas: { S: { $ref: './link/secret.json' } } } }) });
    symlinkSync(outside, join(root, 'link'));
    const loaded = await loadSpec(join(root, 'spec.json'));
    expect(loaded.spec).toBeUndefined();
    expect(loaded.issues).toMatchObject([{ code: 'ref-outside-spec-folder', pointer: '#/components/schemas/S', message: expect.stringMatching(/symlink/) }]);
  });

  it('reports a cycle among non-schema targets once, in the file that holds it', async () => {
    const root = writeTree({
      'spec.json': api({}, { '/a': { get: { parameters: [{ $ref: './p.json#/A' }], responses: { '204': { description: 'ok' } } } } }),
      'p.json': { A: { $ref: '#/B' }, B: { $ref: '#/A' } },
    });
    const loaded = await loadSpec(join(root, 'spec.json'));
    expect(loaded.spec).toBeUndefined();
    expect(loaded.issues).toHaveLength(1);
    expect(loaded.issues[0]).toMatchObject({ code: 'circular-ref', pointer: '#/B', message: expect.stringMatching(/refers back to itself/) });
    expect(loaded.issues[0]!.file).toMatch(/p\.json$/);
  });
});
