/**
 * The result cache's key (src/emission-cache.ts) covers every input of emit → overlay → format, and a document is
 * cached only when its JSON text stands for it exactly. (That a change to the code, a template or a runtime module
 * is a miss is held by test/launch/stale-code.test.ts, on a copy of the repository.)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EmissionCache, exactJson, type EmissionInputs } from '../../src/emission-cache.js';
import { tempDir } from '../helpers/cli.js';

const inputs = (over: Partial<EmissionInputs> & { document?: Record<string, unknown> } = {}): EmissionInputs => ({
  spec: { file: 'spec/api.json', dialect: 'openapi-3.1', document: over.document ?? { openapi: '3.1.0', info: { title: 't', version: '1' } } },
  packageVersion: '1.0.0',
  overlays: 'configured',
  ...over,
});

describe('exactJson', () => {
  it('the JSON text, key order kept, of a document JSON can hold exactly', () => {
    expect(exactJson({ b: 1, a: [true, null, 'x', 1.5e-7], __proto__x: {} })).toBe('{"b":1,"a":[true,null,"x",1.5e-7],"__proto__x":{}}');
  });

  it.each([
    ['-0', { a: -0 }],
    ['NaN', { a: [Number.NaN] }],
    ['Infinity', { a: Number.POSITIVE_INFINITY }],
    ['undefined', { a: undefined }],
    ['a hole', { a: [1, , 2] }],
    ['a non-plain object', { a: new Date(0) }],
    ['a bigint', { a: 1n }],
  ])('undefined (never cached) for %s', (_, document) => {
    expect(exactJson(document)).toBeUndefined();
  });
});

describe('the key', () => {
  const cache = new EmissionCache(tempDir('zc-keys-'), 'build-1');
  const base = cache.key(inputs())!;

  it('is the same for the same inputs', () => {
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(cache.key(inputs())).toBe(base);
  });

  it.each([
    ['the spec path', inputs({ spec: { ...inputs().spec, file: 'other/api.json' } })],
    ['the dialect', inputs({ spec: { ...inputs().spec, dialect: 'openapi-3.0' } })],
    ['the document', inputs({ document: { openapi: '3.1.0', info: { title: 't', version: '2' } } })],
    ['the document key order', inputs({ document: { info: { title: 't', version: '1' }, openapi: '3.1.0' } })],
    ['the package version', inputs({ packageVersion: '1.0.1' })],
    ['the overlays', inputs({ overlays: false })],
  ])('changes with %s', (_, changed) => {
    expect(cache.key(changed)).not.toBe(base);
  });

  it('changes with the build', () => {
    expect(new EmissionCache(tempDir('zc-keys-'), 'build-2').key(inputs())).not.toBe(base);
  });

  it('is undefined for a document JSON cannot hold exactly', () => {
    expect(cache.key(inputs({ document: { openapi: '3.1.0', x: -0 } }))).toBeUndefined();
  });

  it('is made of the texts loading read when they are known (they stand for the document)', () => {
    const read = (sourceDigest: string, document: Record<string, unknown> = inputs().spec.document) =>
      cache.key(inputs({ spec: { ...inputs().spec, document, sourceDigest } }));
    const fromSources = read('a'.repeat(64));
    expect(fromSources).toMatch(/^[0-9a-f]{64}$/);
    expect(fromSources).not.toBe(base);
    expect(read('b'.repeat(64))).not.toBe(fromSources);
    // the document is not read again: one JSON cannot hold exactly is cached too
    expect(read('a'.repeat(64), { openapi: '3.1.0', x: -0 })).toBe(fromSources);
  });
});

describe('entries', () => {
  it('an emission UTF-8 cannot hold exactly (a lone surrogate) is not kept', async () => {
    const cache = new EmissionCache(tempDir('zc-entries-'), 'build-1');
    const key = cache.key(inputs())!;
    await cache.write(key, { files: [{ path: 'a.ts', content: '/** \ud800 */\n' }], issues: [] });
    expect(cache.read(key)).toBeUndefined();
  });

  it('what is written is read back; a corrupt entry or one under another key is a miss', async () => {
    const dir = tempDir('zc-entries-');
    const cache = new EmissionCache(dir, 'build-1');
    const key = cache.key(inputs())!;
    const emission = {
      files: [
        { path: 'a.ts', content: 'x\n' },
        { path: 'ü/b.json', content: '{"é": "\u2028"}\n' },
        { path: 'empty', content: '' },
        { path: 'replacement.md', content: 'a real \ufffd is kept\n' },
      ],
      issues: [{ severity: 'warning' as const, code: 'c', pointer: '#', message: 'm' }],
    };
    expect(cache.read(key)).toBeUndefined();
    await cache.write(key, emission);
    expect(cache.read(key)).toEqual(emission);
    const entry = join(dir, `${key}.json`);
    const written = readFileSync(entry);
    writeFileSync(entry, written.subarray(0, written.length - 1)); // cut short
    expect(cache.read(key)).toBeUndefined();
    writeFileSync(entry, Buffer.concat([written, Buffer.from('x')])); // grown
    expect(cache.read(key)).toBeUndefined();
    writeFileSync(entry, '{"key":');
    expect(cache.read(key)).toBeUndefined();
    const other = cache.key(inputs({ packageVersion: '2.0.0' }))!;
    writeFileSync(join(dir, `${other}.json`), written); // another key's entry under this name
    expect(cache.read(other)).toBeUndefined();
  });
});
