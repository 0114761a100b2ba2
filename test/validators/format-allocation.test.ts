/**
 * The success path allocates nothing beyond the result, formats included. Format checks run on every string
 * field that declares one (GitHub's spec has 1,101 date-times, hundreds of emails and URIs), so each asserted
 * format is held to that: the bytes a valid call leaves in the young generation equal a three-key literal's.
 * Slices, `split`, match arrays and regex literals evaluated per call (each makes a new RegExp) all show here.
 */
import { describe, expect, it } from 'vitest';
import { ASSERTED_FORMATS } from '../../src/emit/validators/formats.js';
import { youngBytesPerCall } from '../helpers/young-bytes.js';
import { loadValidators, schemaEntry } from './load-validators.js';

/** Valid values per format, each taking a different path through its check (IP literals, quoted local parts...). */
const VALID: Record<string, string[]> = {
  uuid: ['3fa85f64-5717-4562-b3fc-2c963f66afa6'],
  date: ['2024-02-29'],
  time: ['23:59:60Z', '12:00:00.123+05:30'],
  'date-time': ['2024-02-29T23:59:60Z'],
  email: ['joe.bloggs@example.com', '"joe bloggs"@example.com', 'joe@[127.0.0.1]', 'joe@[IPv6:::1]', 'a@b'],
  uri: ['https://user@example.com:8080/a/b?q=1#f', 'urn:isbn:0451450523', 'http://[2001:db8::7]/c%20d', 'http://[v1.fe]/'],
  ipv4: ['192.168.0.1'],
  byte: ['', 'QQ==', 'QUI=', 'QUJD', 'aGVsbG8gd29ybGQ+Pz8/'],
  ipv6: ['::1', '2001:db8:85a3::8a2e:370:7334', '1:2:3:4:5:6:7:8', '::ffff:192.0.2.128', 'fe80::'],
};

describe('format checks allocate nothing on valid input', () => {
  it('covers every asserted format', () => {
    expect(Object.keys(VALID).sort()).toEqual([...ASSERTED_FORMATS].sort());
  });

  for (const format of ASSERTED_FORMATS) {
    it(`${format}: a valid value leaves only the result in the young generation`, async () => {
      const { v } = await loadValidators({}, [schemaEntry('check', { type: 'string', format }), schemaEntry('plain', { type: 'string' })]);
      const [check, plain] = [v['check']!, v['plain']!];
      // the reference: the same module's check without the format, whose valid call makes only its result (a literal
      // written in the test file instead sometimes read 64 bytes under vitest, where this module's result reads 48)
      for (const value of VALID[format]!) {
        expect({ value, ok: check(value).ok }).toEqual({ value, ok: true });
        expect({ value, bytes: youngBytesPerCall(() => check(value)) }).toEqual({ value, bytes: youngBytesPerCall(() => plain(value)) });
      }
    });
  }
});
