import { describe, expect, it } from 'vitest';
import ts from 'typescript';
import {
  createTypeNameRegistry, methodNameFromPath, NameRegistry, schemaTypeName, toCamelCase, toIdentifier, toPascalCase,
} from '../../src/model/naming.js';

describe('toCamelCase', () => {
  it.each([
    ['Create-customer-or-guest-session', 'createCustomerOrGuestSession'],
    ['get_user_by_id', 'getUserById'],
    ['getUserByID', 'getUserByID'],
    ['listHTTPRoutes', 'listHTTPRoutes'],
    ['GET /pets', 'getPets'],
    ['user.name', 'userName'],
    ['über-größe', 'überGröße'],
    ['  spaced  out ', 'spacedOut'],
    ['2fa-enable', '2faEnable'],
  ])('%s → %s', (input, expected) => {
    expect(toCamelCase(input)).toBe(expected);
  });
});

describe('toPascalCase', () => {
  it.each([
    ['HTTPValidationError', 'HTTPValidationError'],
    ['CreateSessionRequestSchema', 'CreateSessionRequestSchema'],
    ['my-schema.v1', 'MySchemaV1'],
    ['snake_case_name', 'SnakeCaseName'],
  ])('%s → %s', (input, expected) => {
    expect(toPascalCase(input)).toBe(expected);
  });
});

describe('toIdentifier', () => {
  it.each([
    ['delete', 'delete_'],
    ['2faEnable', '_2faEnable'],
    ['', 'fallback'],
    ['ok', 'ok'],
  ])('%s → %s', (input, expected) => {
    expect(toIdentifier(input, 'fallback')).toBe(expected);
  });
});

describe('methodNameFromPath', () => {
  it('derives a name from method and path, parameters as "by"', () => {
    expect(methodNameFromPath('get', '/users/{user_id}/posts')).toBe('getUsersByUserIdPosts');
    expect(methodNameFromPath('delete', '/')).toBe('delete');
  });
});

describe('NameRegistry', () => {
  it('suffixes later claims of the same name', () => {
    const r = new NameRegistry();
    expect([r.claim('a'), r.claim('a'), r.claim('a')]).toEqual(['a', 'a2', 'a3']);
  });

  it('gives schema names that differ only in case or separators distinct type names', () => {
    const r = createTypeNameRegistry();
    const names = ['user_name', 'userName', 'UserName', 'Error', 'string', '1st'].map((n) => schemaTypeName(r, n));
    expect(names).toEqual(['UserName', 'UserName2', 'UserName3', 'ErrorSchema', 'StringSchema', '_1st']);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('toIdentifier agrees with TypeScript on every character', () => {
  // ASCII is decided without loading TypeScript; the rest by TypeScript's tables: both must be TypeScript's answer.
  const codes = [...Array.from({ length: 0x80 }, (_, i) => i), 0xaa, 0xb5, 0xdf, 0x391, 0x4e2d, 0x200c, 0x200d, 0x2028, 0x1f600, 0x10400];
  it.each(codes)('U+%s', (code) => {
    const ch = String.fromCodePoint(code);
    const part = ts.isIdentifierPart(code, ts.ScriptTarget.ESNext);
    const start = ts.isIdentifierStart(code, ts.ScriptTarget.ESNext);
    expect(toIdentifier(`q${ch}`, 'fallback') === `q${ch}`).toBe(part);
    expect(toIdentifier(ch, 'x')).toBe(part ? (start ? ch : `_${ch}`) : 'x');
  });
});
