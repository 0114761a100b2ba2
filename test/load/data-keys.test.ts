import { describe, expect, it } from 'vitest';
import { isDataKey } from '../../src/load/data-keys.js';

describe('isDataKey: data (example/default/enum/const values) vs structure', () => {
  it.each([
    ['example', 'Pet', true],
    ['default', 'limit', true],
    ['enum', 'status', true],
    ['const', 'kind', true],
    ['examples', 'application/json', true],
    ['default', 'responses', false], // the catch-all response
    ['default', 'properties', false], // a property called `default`
    ['enum', 'properties', false],
    ['example', 'schemas', false], // a schema called `example`
    ['items', 'Pet', false],
    ['$ref', 'Pet', false],
  ])('%s under %s → %s', (key, container, expected) => {
    expect(isDataKey(key, container)).toBe(expected);
  });
});
