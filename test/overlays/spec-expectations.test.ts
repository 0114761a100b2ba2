import { describe, expect, it } from 'vitest';
import { absent, nullable, objectSchema, requiredList } from '../../src/overlays/spec-expectations.js';

describe('spec expectations', () => {
  const uuidOrNull = nullable('#/p', 'string', 'uuid');

  it.each([
    ['3.1 anyOf', { anyOf: [{ type: 'string', format: 'uuid' }, { type: 'null' }], title: 'Customer Id' }],
    ['3.1 anyOf, null first', { anyOf: [{ type: 'null' }, { type: 'string', format: 'uuid' }] }],
    ['3.1 type list', { type: ['string', 'null'], format: 'uuid' }],
    ['3.0 nullable', { type: 'string', format: 'uuid', nullable: true }],
  ])('a nullable uuid string holds in any spelling: %s', (_name, node) => {
    expect(uuidOrNull.test(node)).toBeUndefined();
  });

  it.each([
    ['absent', undefined, 'nothing there'],
    ['not nullable', { type: 'string', format: 'uuid', title: 'Customer Id' }, '`{"type":"string","format":"uuid"}`'],
    ['no format', { anyOf: [{ type: 'string' }, { type: 'null' }] }, '`{"anyOf":[{"type":"string"},{"type":"null"}]}`'],
    ['a third branch', { anyOf: [{ type: 'string', format: 'uuid' }, { type: 'null' }, { type: 'integer' }] }, expect.stringContaining('integer')],
  ])('and fails, saying what was found, when %s', (_name, node, found) => {
    expect(uuidOrNull.test(node)).toEqual(found);
  });

  it('absent, objectSchema and requiredList', () => {
    expect(absent('#/s/oneOf', 'oneOf', 'why').test(undefined)).toBeUndefined();
    expect(absent('#/s/oneOf', 'oneOf', 'why').test([{ required: ['a'] }])).toBe('`[{"required":["a"]}]`');
    expect(objectSchema('#/s').test({ type: 'object', properties: {} })).toBeUndefined();
    expect(objectSchema('#/s').test({ type: 'string' })).toBe('`{"type":"string"}`');
    const none = requiredList('#/s/required', ['a', 'b'], false, 'why');
    expect([none.test(undefined), none.test(['c']), none.test(['c', 'b'])]).toEqual([undefined, undefined, '`["c","b"]`']);
    const all = requiredList('#/s/required', ['a'], true, 'why');
    expect([all.test(['a']), all.test(undefined)]).toEqual([undefined, 'nothing there']);
  });
});
