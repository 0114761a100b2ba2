import { describe, expect, it } from 'vitest';
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
