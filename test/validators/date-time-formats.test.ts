/**
 * The date and time formats read characters (no regex, no slices). These tests hold them to a plain statement of
 * the same grammar, written as the regular expressions RFC 3339 reads as, with one widening: a numeric offset may
 * leave out its colon (`-0700`, ISO 8601's basic form, which real servers send). The generated validators must agree
 * with it on values near valid ones (a character replaced or inserted), on any string, and on the grammar's own strings.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadValidators, schemaEntry } from './load-validators.js';
import { nearValid } from './near-valid.js';

const DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (y: number): boolean => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);

function date(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (m === null) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= (mo === 2 && isLeap(y) ? 29 : DAYS[mo]!);
}

function time(s: string): boolean {
  const m = /^(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:z|([+-])(\d{2}):?(\d{2}))$/i.exec(s);
  if (m === null) return false;
  const [h, mi, sec, oh, om] = [m[1], m[2], m[3], m[5] ?? '0', m[6] ?? '0'].map(Number) as [number, number, number, number, number];
  if (h > 23 || mi > 59 || sec > 60 || oh > 23 || om > 59) return false;
  // a leap second: only where UTC reads 23:59
  const utc = h * 60 + mi - (m[4] === '-' ? -1 : 1) * (oh * 60 + om);
  return sec < 60 || ((utc % 1440) + 1440) % 1440 === 23 * 60 + 59;
}

const dateTime = (s: string): boolean => /^.{10}[Tt]/s.test(s) && date(s.slice(0, 10)) && time(s.slice(11));

const FORMATS = { date, time, 'date-time': dateTime } as const;

const SEEDS = [
  '2024-02-29T23:59:60Z', '1990-12-31T15:59:60-08:00', '2000-02-29', '1900-02-29', '2100-02-29', '23:59:60Z',
  '12:00:00.123+05:30', '2021-04-31T00:00:00z', '0000-02-29t00:00:00.5-23:59', '2024-12-31t23:59:59.999999999+14:00',
  '2015-01-01T05:18:23-0700', '1998-12-31T15:59:60-0800', '08:30:06+0000', '12:00:00.5-2359',
];
const CHARS = [...'0123456789-:.+zZtT ', '\u0663', '\n', 'Z0'];

const grammar = fc.stringMatching(/^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d{0,3})?([zZ]|[+-]\d{2}:?\d{2})$/);

describe('date and time formats', () => {
  for (const [format, reference] of Object.entries(FORMATS)) {
    it(`${format}: agrees with the RFC 3339 grammar on near-valid values, any string and the grammar's own`, async () => {
      const { v } = await loadValidators({}, [schemaEntry('check', { type: 'string', format })]);
      const check = v['check']!;
      const texts = fc.oneof(nearValid(SEEDS, CHARS), grammar, fc.string({ maxLength: 30 }), grammar.map((s) => s.slice(11)), grammar.map((s) => s.slice(0, 10)));
      let accepted = 0;
      fc.assert(fc.property(texts, (s) => {
        const ok = check(s).ok;
        if (ok) accepted++;
        expect({ s, ok }).toEqual({ s, ok: reference(s) });
      }), { numRuns: 3000 });
      // the inputs reach both answers (a generator that only made invalid strings would prove little)
      expect(accepted).toBeGreaterThan(20);
    });
  }

  it('leap years and leap seconds at the edges', async () => {
    const { v } = await loadValidators({}, [schemaEntry('check', { type: 'string', format: 'date-time' })]);
    const ok = (s: string) => v['check']!(s).ok;
    expect(['2000-02-29T00:00:00Z', '2024-02-29T00:00:00Z', '1998-12-31T23:59:60Z', '1998-12-31T15:59:60-08:00'].map(ok)).toEqual([true, true, true, true]);
    expect(['1900-02-29T00:00:00Z', '2023-02-29T00:00:00Z', '1998-12-31T23:58:60Z', '1998-12-31T23:59:60+01:00'].map(ok)).toEqual([false, false, false, false]);
    expect(['2024-01-01T00:00:00.Z', '2024-01-01T00:00:00', '2024-01-01 00:00:00Z'].map(ok)).toEqual([false, false, false]);
  });

  it('an offset without its colon is accepted; one without minutes, or with a broken colon form, is not', async () => {
    const { v } = await loadValidators({}, [schemaEntry('dt', { type: 'string', format: 'date-time' }), schemaEntry('t', { type: 'string', format: 'time' })]);
    const dt = (s: string) => v['dt']!(s).ok;
    const t = (s: string) => v['t']!(s).ok;
    expect(['2015-01-01T05:18:23-0700', '2024-01-01T00:00:00+0100', '2024-01-01T00:00:00.123+0000', '1998-12-31T15:59:60-0800'].map(dt)).toEqual([true, true, true, true]);
    expect(['08:30:06+0000', '08:30:06.5-0830'].map(t)).toEqual([true, true]);
    // no minutes (the JSON Schema Test Suite's "1985-04-12T23:20:50+01"), a half colon form, out of range, too long
    expect(['1985-04-12T23:20:50+01', '2024-01-01T00:00:00+01:', '2024-01-01T00:00:00+010', '2024-01-01T00:00:00+2400',
      '2024-01-01T00:00:00+0160', '2024-01-01T00:00:00+01000', '2024-01-01T00:00:00+01:0', '2024-01-01T00:00:00+0:100'].map(dt))
      .toEqual([false, false, false, false, false, false, false, false]);
    expect(['08:30:06+01', '08:30:06-08:0', '08:30:06-8:000', '23:59:60+0100'].map(t)).toEqual([false, false, false, false]);
  });
});
