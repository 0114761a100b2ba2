/**
 * OpenAPI's integer formats are asserted as ajv-formats reads them (and Prism, which uses it): `int32` is a signed
 * 32-bit integer, `int64` an integer of any size (a JavaScript number past 2^53 has already lost its low digits).
 * `type: integer` reports a fraction itself; the format adds only what the type does not check.
 */
import { describe, expect, it } from 'vitest';
import { errorsOf, loadValidators, schemaEntry } from './load-validators.js';

const entries = [
  schemaEntry('int32', { type: 'integer', format: 'int32' }),
  schemaEntry('number32', { type: 'number', format: 'int32' }),
  schemaEntry('number64', { type: 'number', format: 'int64' }),
  schemaEntry('int64', { type: 'integer', format: 'int64' }),
];

describe('integer formats', () => {
  it('int32 admits exactly the signed 32-bit integers; int64 any integer', async () => {
    const { v } = await loadValidators({}, entries, 'openapi-3.0');
    const types = (name: string, x: number): string[] => {
      const r = v[name]!(x);
      return r.ok ? [] : r.errors.map((e) => e.type);
    };
    for (const x of [0, -1, 2147483647, -2147483648]) expect({ x, t: types('int32', x) }).toEqual({ x, t: [] });
    for (const x of [2147483648, -2147483649, 1.7e12]) expect({ x, t: types('int32', x) }).toEqual({ x, t: ['int32_parsing'] });
    expect(types('int32', 1.5)).toEqual(['int_from_float']);
    expect(types('number32', 1.5)).toEqual(['int32_parsing']);
    expect(types('number32', 7)).toEqual([]);
    expect(types('number64', 1.5)).toEqual(['int64_parsing']);
    expect(types('number64', 2 ** 60)).toEqual([]);
    expect(types('int64', 1.5)).toEqual(['int_from_float']);
    expect(errorsOf(v['number32']!(2 ** 40))).toEqual([{ loc: [], msg: 'Input should be a 32-bit integer', type: 'int32_parsing' }]);
  });
});
