import fc from 'fast-check';
import { expect, it } from 'vitest';
import { childPtr, escapeToken, getAtPointer, parsePtr, ptr } from '../../src/load/pointer.js';

it('any segments survive a round trip through a pointer (~, /, %, unicode, empty)', () => {
  const segment = fc.oneof(fc.string(), fc.constantFrom('~', '/', '%', '~1', '~0', '%25', 'a%41', '', '🦀'), fc.nat());
  fc.assert(
    fc.property(fc.array(segment, { maxLength: 6 }), (segments) => {
      expect(parsePtr(ptr(...segments))).toEqual(segments.map(String));
      expect(parsePtr(childPtr(ptr('a'), ...segments))).toEqual(['a', ...segments.map(String)]);
    }),
    { numRuns: 2000 },
  );
});

it('escapes exactly ~, / and %', () => {
  expect(escapeToken('a/b~c%d')).toBe('a~1b~0c%25d');
  expect(escapeToken('plain_name-1')).toBe('plain_name-1');
  expect(escapeToken(7)).toBe('7');
  expect(ptr('paths', '/users/{id}', 'get')).toBe('#/paths/~1users~1{id}/get');
});

it('reads own properties only', () => {
  const doc = { a: { 'b/c': 1, '%41': 2 } };
  expect(getAtPointer(doc, ptr('a', 'b/c'))).toBe(1);
  expect(getAtPointer(doc, ptr('a', '%41'))).toBe(2);
  expect(getAtPointer(doc, ptr('a', 'toString'))).toBeUndefined();
});
