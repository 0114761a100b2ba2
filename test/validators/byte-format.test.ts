/**
 * OpenAPI's `byte` format is asserted as RFC 4648 base64 with the standard alphabet and padding: ajv-formats' grammar
 * (which Prism uses). Its regex carries the `m` flag, so it also passes any string one of whose lines is base64
 * ("\n", "QQ==\n!"); the reference here is the same grammar over the whole string. The generated check must agree
 * with it on values near valid ones, on any string and on real encodings.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadValidators, schemaEntry } from './load-validators.js';
import { nearValid } from './near-valid.js';

const reference = (s: string): boolean => /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(s);

const SEEDS = ['', 'QQ==', 'QUI=', 'QUJD', 'aGVsbG8gd29ybGQ+Pz8/', 'AAECAwQFBgcICQ==', '+/+/'];
const CHARS = [...'AZaz09+/=-_ ', '\n', '\u00e9'];

describe('byte format', () => {
  it('agrees with the RFC 4648 grammar on near-valid values, any string and real encodings', async () => {
    const { v } = await loadValidators({}, [schemaEntry('check', { type: 'string', format: 'byte' })]);
    const check = v['check']!;
    const encodings = fc.uint8Array({ maxLength: 40 }).map((bytes) => Buffer.from(bytes).toString('base64'));
    const texts = fc.oneof(nearValid(SEEDS, CHARS), encodings, fc.string({ maxLength: 20 }));
    let accepted = 0;
    fc.assert(
      fc.property(texts, (s) => {
        const ok = check(s).ok;
        if (ok) accepted++;
        expect({ s, ok }).toEqual({ s, ok: reference(s) });
      }),
      { numRuns: 3000 },
    );
    expect(accepted).toBeGreaterThan(20);
  });

  it('refuses the forms a standard decoder would not read, with a message saying what is expected', async () => {
    const { v } = await loadValidators({}, [schemaEntry('check', { type: 'string', format: 'byte' })]);
    const check = v['check']!;
    // unpadded, URL-safe, text that is not base64 at all
    for (const s of ['Se', 'QUI', 'a-_b', 'pariatur laboris officia', 'QQ==\n', '\n']) {
      expect(check(s)).toMatchObject({ ok: false, errors: [{ loc: [], msg: 'Input should be valid base64', type: 'base64_decode' }] });
    }
  });
});
