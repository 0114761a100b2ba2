import { describe, expect, it } from 'vitest';
import { basic, bearer, collectSecrets, selectCredentials, type Credential } from '../../src/runtime/auth.js';
import { trimBaseUrl } from '../../src/runtime/build-request.js';
import { ApiError, isApiError } from '../../src/runtime/errors.js';
import { inferResponseKind, parseJsonText, pickResponseSpec } from '../../src/runtime/parse-response.js';
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
  it('parseJsonText: empty is undefined, invalid is reported with the raw text', () => {
    expect(parseJsonText('  ')).toEqual({ ok: true, value: undefined });
    expect(parseJsonText('{"a":')).toMatchObject({ ok: false, raw: '{"a":' });
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
    expect(bearer('abc')).toBe('Bearer abc');
    expect(basic('Aladdin', 'open sesame')).toBe('Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==');
    expect(basic('test', '123£')).toBe('Basic dGVzdDoxMjPCow==');
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
    const chosen = selectCredentials(security as unknown as string[][] | undefined, {
      Key: key,
      Org: org,
      Missing: undefined,
    });
    expect(chosen).toEqual(expected);
  });

  it('collects token parts of Bearer/Basic values as secrets', () => {
    const secrets = collectSecrets({ a: { in: 'header', name: 'Authorization', value: 'Bearer tok' }, b: undefined }, [
      '',
      'pw',
    ]);
    expect(secrets.sort()).toEqual(['Bearer tok', 'pw', 'tok']);
  });

  it('trimBaseUrl drops trailing slashes only', () => {
    expect(trimBaseUrl('https://api.example.com/v1//')).toBe('https://api.example.com/v1');
    expect(trimBaseUrl('https://api.example.com')).toBe('https://api.example.com');
  });
});

describe('ApiError', () => {
  it('is recognised across copies by its brand, and keeps secrets out of every field', () => {
    const error = new ApiError({
      kind: 'network',
      operation: 'op',
      method: 'GET',
      url: 'https://x/y?k=s3cr3t-value',
      detail: 'refused s3cr3t-value',
      cause: { name: 'Error', message: 'connect s3cr3t-value', code: 'ECONNREFUSED' },
      secrets: ['s3cr3t-value'],
    });
    expect(isApiError(error)).toBe(true);
    expect(isApiError({ ...error, [Symbol.for('openapi-client-runtime.ApiError')]: true })).toBe(true);
    expect(isApiError(new Error('x'))).toBe(false);
    expect(error.message).toBe('op: GET https://x/y?k=[REDACTED] failed: network error (refused [REDACTED])');
    expect(error.cause).toEqual({ name: 'Error', message: 'connect [REDACTED]', code: 'ECONNREFUSED' });
    expect(error.name).toBe('ApiError');
    expect(String(error)).toBe(`ApiError: ${error.message}`);
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ kind: 'network', url: 'https://x/y?k=[REDACTED]' });
  });

  it('summarises validation errors in the message', () => {
    const errors = Array.from({ length: 7 }, (_, i) => ({ loc: ['body', i], msg: `m${i}`, type: 't' }));
    const error = new ApiError({ kind: 'request_validation', operation: 'op', method: 'POST', url: 'u', errors });
    expect(error.message).toBe(
      'op: request not sent, it is invalid: body.0: m0; body.1: m1; body.2: m2; body.3: m3; body.4: m4; and 2 more',
    );
  });
});
