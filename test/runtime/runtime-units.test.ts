import { describe, expect, it } from 'vitest';
import { basic, bearer, resolveCredential, selectCredentials, type Credential } from '../../src/runtime/auth.js';
import { ApiError, isApiError } from '../../src/runtime/errors.js';
import { decodeBody, inferResponseKind, pickResponseSpec } from '../../src/runtime/parse-response.js';
import type { ResponseSpec } from '../../src/runtime/operation-spec.js';
import {
  backoffDelay,
  isRetryableStatus,
  networkErrorCode,
  parseRetryAfter,
  resolveRetryPolicy,
} from '../../src/runtime/retry-policy.js';

describe('pickResponseSpec: exact status, then range, then default', () => {
  const responses: ResponseSpec[] = [
    { status: 'default', kind: 'text' },
    { status: '2xx', kind: 'binary' },
    { status: '200', kind: 'json' },
    { status: '4XX', kind: 'text' },
    { status: '404', kind: 'empty' },
  ];
  it.each([
    [200, 'json'],
    [201, 'binary'],
    [404, 'empty'],
    [409, 'text'],
    [500, 'text'],
  ] as const)('%i → %s', (status, kind) => {
    expect(pickResponseSpec(responses, status)?.kind).toBe(kind);
  });
  it('is undefined when nothing matches', () => {
    expect(pickResponseSpec([{ status: '200', kind: 'json' }], 500)).toBeUndefined();
  });
});

describe('decoding helpers', () => {
  it.each([
    ['application/json; charset=utf-8', 'json'],
    ['application/problem+json', 'json'],
    ['text/html', 'text'],
    ['application/xml', 'text'],
    ['image/png', 'binary'],
    ['application/octet-stream', 'binary'],
  ] as const)('content-type %s decodes as %s', (contentType, kind) => {
    expect(inferResponseKind(contentType)).toBe(kind);
  });
  it('decodeBody: empty JSON is undefined, invalid JSON is reported with the raw text', async () => {
    const json = (text: string, type = 'application/json') => new Response(text, { headers: { 'content-type': type } });
    expect(await decodeBody(json('  '), 'json')).toEqual({ value: undefined });
    expect(await decodeBody(json('{"a":'), 'json')).toMatchObject({ value: '{"a":', error: expect.any(String) });
    expect(await decodeBody(json('{"a":1}'), 'error')).toEqual({ value: { a: 1 } });
    expect(await decodeBody(json('{"a":'), 'error')).toEqual({ value: '{"a":' });
    expect(await decodeBody(json('{"a":1}', 'text/plain'), 'error')).toEqual({ value: '{"a":1}' });
  });
});

describe('retry policy', () => {
  it('Retry-After: seconds, HTTP date, garbage', () => {
    const now = Date.UTC(2024, 0, 1, 0, 0, 0);
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter('Mon, 01 Jan 2024 00:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Sun, 31 Dec 2023 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-1', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
  it('backoff doubles per retry, is capped, and jitters within [½, 1] of the step', () => {
    const policy = resolveRetryPolicy({ baseDelayMs: 100, maxDelayMs: 1000 });
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, policy, () => 1))).toEqual([100, 200, 400, 800, 1000]);
    expect([1, 2, 3].map((n) => backoffDelay(n, policy, () => 0))).toEqual([50, 100, 200]);
  });
  it('by default POST and PATCH retry only 429 and 503', () => {
    const policy = resolveRetryPolicy(undefined);
    expect([408, 429, 500, 502, 503, 504].filter((s) => isRetryableStatus(policy, 'POST', s))).toEqual([429, 503]);
    expect([408, 429, 500, 502, 503, 504].filter((s) => isRetryableStatus(policy, 'GET', s))).toHaveLength(6);
  });
  it('reads the error code Node puts on fetch failures, also inside an AggregateError', () => {
    expect(networkErrorCode(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } }))).toBe(
      'ECONNRESET',
    );
    const aggregate = { cause: { errors: [{ code: 'ECONNREFUSED' }] } };
    expect(networkErrorCode(aggregate)).toBe('ECONNREFUSED');
    expect(networkErrorCode(new TypeError('Failed to fetch'))).toBeUndefined();
  });
});

describe('credentials', () => {
  it('bearer and basic build RFC values (basic over UTF-8)', () => {
    expect(bearer('abc', 'token')[0]).toBe('Bearer abc');
    expect(basic({ username: 'Aladdin', password: 'open sesame' }, 'auth')[0]).toBe('Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==');
    expect(basic({ username: 'test', password: '123£' }, 'auth')[0]).toBe('Basic dGVzdDoxMjPCow==');
  });

  const key: Credential = { in: 'header', name: 'x-api-key', value: 'k' };
  const org: Credential = { in: 'header', name: 'organisation', value: 'o' };
  it.each([
    ['no security', undefined, []],
    ['empty security', [], []],
    ['optional auth', [[]], []],
    ['all of one set', [['Key', 'Org']], [key, org]],
    ['first complete alternative', [['Missing'], ['Org']], [org]],
    ['empty alternative over an incomplete one', [['Key', 'Missing'], []], []],
    ['the most complete alternative when none is complete', [['Missing'], ['Key', 'Missing']], [key]],
  ] as const)('%s', (_name, security, expected) => {
    const chosen = selectCredentials(security as unknown as string[][] | undefined, new Map([
      ['Key', key],
      ['Org', org],
    ]));
    expect(chosen).toEqual(expected);
  });

  it('a bearer credential is sent as `Bearer <token>`; the token is the secret', () => {
    const input = { option: 'token', scheme: 'Auth', in: 'header', name: 'authorization', format: bearer, required: true } as const;
    expect(resolveCredential({ ...input, value: 'tok' })).toEqual({
      credential: { in: 'header', name: 'authorization', value: 'Bearer tok' },
      secrets: ['tok'],
    });
  });

  it('a basic credential: both parts and the encoded pair are secrets; an empty password is allowed', () => {
    const input = { option: 'auth', scheme: 'Basic', in: 'header', name: 'authorization', format: basic, required: true } as const;
    const resolved = resolveCredential({ ...input, value: { username: 'sk_live_key', password: '' } });
    expect(resolved?.credential.value).toBe(`Basic ${btoa('sk_live_key:')}`);
    expect(resolved?.secrets).toEqual(['sk_live_key', '', btoa('sk_live_key:')]);
  });

  it('an optional credential that is not given is left out; a required one is refused by name', () => {
    const input = { option: 'apiKey', scheme: 'Key', in: 'header', name: 'x-api-key' } as const;
    expect(resolveCredential({ ...input, required: false, value: undefined })).toBeUndefined();
    expect(() => resolveCredential({ ...input, required: true, value: undefined })).toThrow(
      new TypeError('apiKey must be a non-empty string, got undefined'),
    );
  });

  it.each([
    ['empty', ''],
    ['a newline', 'a\nb'],
    ['a NUL', 'a\u0000b'],
    ['beyond Latin-1', 'kéy€'],
    ['a leading space', ' key'],
    ['a trailing space', 'key '],
  ])('a header credential with %s is refused at creation with a TypeError naming the option', (_name, value) => {
    const input = { option: 'apiKey', scheme: 'Key', in: 'header', name: 'x-api-key', required: true } as const;
    expect(() => resolveCredential({ ...input, value })).toThrow(TypeError);
    expect(() => resolveCredential({ ...input, value })).toThrow(/^apiKey /);
  });
});

describe('ApiError', () => {
  it('is recognised across copies by its brand; its message, cause and JSON say what failed', () => {
    const error = new ApiError({
      kind: 'network',
      operation: 'op',
      method: 'GET',
      url: 'https://x/y?k=[REDACTED]',
      detail: 'ECONNREFUSED',
      cause: { name: 'Error', message: 'connect ECONNREFUSED', code: 'ECONNREFUSED' },
    });
    expect(isApiError(error)).toBe(true);
    expect(isApiError({ ...error, [Symbol.for('openapi-client-runtime.ApiError')]: true })).toBe(true);
    expect(isApiError(new Error('x'))).toBe(false);
    expect(error.message).toBe('op: GET https://x/y?k=[REDACTED] failed: network error (ECONNREFUSED)');
    expect(error.cause).toEqual({ name: 'Error', message: 'connect ECONNREFUSED', code: 'ECONNREFUSED' });
    expect(error.name).toBe('ApiError');
    expect(String(error)).toBe(`ApiError: ${error.message}`);
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({
      message: error.message,
      kind: 'network',
      url: 'https://x/y?k=[REDACTED]',
    });
  });

  it('summarises validation errors in the message', () => {
    const errors = Array.from({ length: 7 }, (_, i) => ({ loc: ['body', i], msg: `m${i}`, type: 't' }));
    const error = new ApiError({ kind: 'request_validation', operation: 'op', method: 'POST', url: 'u', errors });
    expect(error.message).toBe(
      'op: request not sent, it is invalid: body.0: m0; body.1: m1; body.2: m2; body.3: m3; body.4: m4; and 2 more',
    );
  });
});
