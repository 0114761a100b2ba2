/** The generated client's `redirect` and `retry` options, end to end against two loopback origins. */
import type { ServerResponse } from 'node:http';
import { afterEach, beforeEach, describe, expect, expectTypeOf, it } from 'vitest';
import type { ClientOptions } from '../../generated/src/index.js';
import type { Loopback } from '../runtime/loopback-server.js';
import {
  API_KEY,
  CUSTOMER_ID,
  ORGANISATION,
  SESSION,
  createTestClient,
  expectNoCredentials,
  rejectionOf,
  startZenskarApi,
} from './zenskar-api.js';

let api: Loopback;
/** Another port on 127.0.0.1: another origin, recording whether it ever saw a credential. */
let other: Loopback;
beforeEach(async () => {
  [api, other] = await Promise.all([startZenskarApi(), startZenskarApi()]);
});
afterEach(async () => {
  await Promise.all([api.close(), other.close()]);
});

const body = { customer_id: CUSTOMER_ID, return_url: 'https://app.example.com/back' };
const moved = (res: ServerResponse, status: number, location: string) => res.writeHead(status, { location }).end();
const call = (options: Partial<ClientOptions> = {}) =>
  createTestClient(api.baseUrl, options).createCustomerOrGuestSession({ body });
const sawCredential = (server: Loopback) =>
  server.hits.some(
    (h) => JSON.stringify(h.headers).includes(API_KEY) || JSON.stringify(h.headers).includes(ORGANISATION),
  );

describe('redirects', () => {
  it('a same-origin 307 is followed with the credentials and the body', async () => {
    api.handle((req, res) =>
      req.url === '/customers/session'
        ? moved(res, 307, '/v2/customers/session')
        : res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(SESSION)),
    );
    await expect(call()).resolves.toEqual(SESSION);
    expect(api.hits.map((h) => [h.method, h.url, h.headers['x-api-key']])).toEqual([
      ['POST', '/customers/session', API_KEY],
      ['POST', '/v2/customers/session', API_KEY],
    ]);
    expect(JSON.parse(api.hits[1]!.body.toString('utf8'))).toEqual(body);
  });

  it('by default a cross-origin redirect fails with kind redirect; the other origin is never contacted', async () => {
    api.handle((_req, res) => moved(res, 302, `${other.baseUrl}/collect?k=${API_KEY}`));
    const error = await rejectionOf(call());
    expect(error.kind).toBe('redirect');
    expect(error.status).toBe(302);
    expect(error.location).toBe(`${other.baseUrl}/collect?k=[REDACTED]`);
    expect(other.hits).toHaveLength(0);
    expectNoCredentials(error);
  });

  it("redirect: 'follow' reaches the other origin without x-api-key or organisation", async () => {
    api.handle((_req, res) => moved(res, 308, `${other.baseUrl}/customers/session`));
    await expect(call({ redirect: 'follow' })).resolves.toEqual(SESSION);
    expect(other.hits).toHaveLength(1);
    expect(sawCredential(other)).toBe(false);
    expect(sawCredential(api)).toBe(true);
  });

  it("redirect: 'error' and maxRedirects are passed through", async () => {
    api.handle((_req, res) => moved(res, 302, '/again'));
    expect((await rejectionOf(call({ redirect: 'error' }))).message).toContain("redirect: 'error'");
    api.hits.length = 0;
    expect((await rejectionOf(call({ maxRedirects: 1 }))).message).toContain('more than 1 redirects');
    expect(api.hits).toHaveLength(2);
  });

  it('option types', () => {
    expectTypeOf<ClientOptions['redirect']>().toEqualTypeOf<'follow-same-origin' | 'follow' | 'error' | undefined>();
    expectTypeOf<NonNullable<ClientOptions['retry']>['jitter']>().toEqualTypeOf<
      'equal' | 'full' | 'none' | undefined
    >();
  });
});

describe('the retry option', () => {
  it('retries the POST on 500 when the caller says it is safe, with the configured backoff', async () => {
    api.handle((_req, res) =>
      api.hits.length < 3
        ? res.writeHead(500).end()
        : res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(SESSION)),
    );
    const delays: number[] = [];
    const retry = { maxRetries: 2, methods: ['POST' as const], baseDelayMs: 2, jitter: 'none' as const };
    await expect(call({ retry, hooks: { onRetry: (e) => delays.push(e.delayMs) } })).resolves.toEqual(SESSION);
    expect(delays).toEqual([2, 4]);
  });

  it('by default a POST 500 is final', async () => {
    api.handle((_req, res) => res.writeHead(500).end());
    expect((await rejectionOf(call({ retry: { maxRetries: 2, baseDelayMs: 1 } }))).status).toBe(500);
    expect(api.hits).toHaveLength(1);
  });

  it('an invalid setting makes createClient throw a RangeError naming it', () => {
    expect(() => createTestClient(api.baseUrl, { retry: { maxDelayMs: -1 } })).toThrow(/retry\.maxDelayMs/);
    expect(() => createTestClient(api.baseUrl, { redirect: 'manual' as never })).toThrow(RangeError);
  });
});
