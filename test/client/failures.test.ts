/** The generated client against a loopback server: every way POST /customers/session can fail, and that no failure leaks a credential. */
import { afterEach, beforeEach, describe, expect, expectTypeOf, it } from 'vitest';
import { ApiError, type HTTPValidationError } from '../../generated/src/index.js';
import { closedPortUrl, type Loopback, sendJson } from '../runtime/loopback-server.js';
import {
  API_KEY,
  CUSTOMER_ID,
  SESSION,
  createTestClient,
  expectNoCredentials,
  rejectionOf,
  startZenskarApi,
} from './zenskar-api.js';

let api: Loopback;
// A fresh server per test: a request a timed-out or aborted call left in flight cannot land in the next test's hits.
beforeEach(async () => {
  api = await startZenskarApi();
});
afterEach(() => api.close());

const body = { customer_id: CUSTOMER_ID, return_url: 'https://app.example.com/back' };

/** Calls the operation once with `body` on a client for the fake API. */
function callSession(overrides: Parameters<typeof createTestClient>[1] = {}) {
  return createTestClient(api.baseUrl, overrides).createCustomerOrGuestSession({ body });
}

describe('HTTP error responses', () => {
  it('422 with detail rejects with kind http, the parsed body, and hasStatus(422) narrows it', async () => {
    const detail = [{ loc: ['body', 'customer_id'], msg: 'Customer not found', type: 'value_error' }];
    api.handle((_req, res) => sendJson(res, 422, { detail }));
    const error = await rejectionOf(callSession());

    expect(error).toBeInstanceOf(ApiError);
    expect(error.kind).toBe('http');
    expect(error.status).toBe(422);
    expect(error.body).toEqual({ detail });
    expect(error.operation).toBe('createCustomerOrGuestSession');
    expect(error.message).toContain('422');
    expectTypeOf(error.body).toBeUnknown();
    expect(error.hasStatus(422)).toBe(true);
    if (!error.hasStatus(422)) return;
    expectTypeOf(error.body).toEqualTypeOf<HTTPValidationError>();
    expectTypeOf(error.status).toEqualTypeOf<422>();
    expect(error.body.detail?.[0]?.msg).toBe('Customer not found');
    expectNoCredentials(error);
  });

  it('hasStatus is false for another status, and for a 422 whose body breaks the declared schema', async () => {
    api.handle((_req, res) => sendJson(res, 422, { detail: 'not a list' }));
    const malformed = await rejectionOf(callSession());
    expect(malformed.kind).toBe('http');
    expect(malformed.status).toBe(422);
    expect(malformed.body).toEqual({ detail: 'not a list' });
    expect(malformed.hasStatus(422)).toBe(false);

    api.handle((_req, res) => sendJson(res, 404, { detail: 'nope' }));
    const notFound = await rejectionOf(callSession());
    expect(notFound.status).toBe(404);
    expect(notFound.hasStatus(422)).toBe(false);
  });

  it('500 with a text body rejects with kind http and the text as body; an echoed key is redacted', async () => {
    api.handle((req, res) =>
      res
        .writeHead(500, { 'content-type': 'text/plain' })
        .end(`Internal Server Error (key ${String(req.headers['x-api-key'])})`),
    );
    const error = await rejectionOf(callSession());
    expect(error.kind).toBe('http');
    expect(error.status).toBe(500);
    expect(error.body).toBe('Internal Server Error (key [REDACTED])');
    expect(error.hasStatus(422)).toBe(false);
    expect(api.hits).toHaveLength(1);
    expectNoCredentials(error);
  });
});

describe('transport failures', () => {
  it('connection refused rejects with kind network', async () => {
    const client = createTestClient(await closedPortUrl());
    const error = await rejectionOf(client.createCustomerOrGuestSession({ body }));
    expect(error.kind).toBe('network');
    expect(error.status).toBeUndefined();
    expect(error.message).toContain('ECONNREFUSED');
    expectNoCredentials(error);
  });

  it('a server that never answers rejects with kind timeout after timeoutMs', async () => {
    api.handle(() => undefined);
    const error = await rejectionOf(callSession({ timeoutMs: 40 }));
    expect(error.kind).toBe('timeout');
    expect(error.message).toContain('40 ms');
    expectNoCredentials(error);
  });

  it('a per-call timeoutMs overrides the client one', async () => {
    api.handle(() => undefined);
    const client = createTestClient(api.baseUrl, { timeoutMs: 60_000 });
    const error = await rejectionOf(client.createCustomerOrGuestSession({ body }, { timeoutMs: 30 }));
    expect(error.kind).toBe('timeout');
  });

  it('aborting the signal while the request is in flight rejects with kind aborted', async () => {
    const controller = new AbortController();
    // The server aborts on the caller's behalf once the request has arrived, so no timing is involved.
    api.handle(() => controller.abort());
    const client = createTestClient(api.baseUrl);
    const error = await rejectionOf(client.createCustomerOrGuestSession({ body }, { signal: controller.signal }));
    expect(error.kind).toBe('aborted');
    expect(api.hits).toHaveLength(1);
    expectNoCredentials(error);
  });

  it('an already aborted signal rejects with kind aborted and sends nothing', async () => {
    const client = createTestClient(api.baseUrl);
    const error = await rejectionOf(client.createCustomerOrGuestSession({ body }, { signal: AbortSignal.abort() }));
    expect(error.kind).toBe('aborted');
    expect(api.hits).toHaveLength(0);
  });
});

describe('malformed 200 responses', () => {
  const withoutToken = { redirect_url: SESSION.redirect_url, is_guest_session: false };

  it('a body missing session_token rejects with kind response_validation and the issue located', async () => {
    api.handle((_req, res) => sendJson(res, 200, withoutToken));
    const error = await rejectionOf(callSession());
    expect(error.kind).toBe('response_validation');
    expect(error.status).toBe(200);
    expect(error.errors).toEqual([{ loc: ['response', 'session_token'], msg: 'Field required', type: 'missing' }]);
    expect(error.body).toEqual(withoutToken);
    expectNoCredentials(error);
  });

  it('every problem of the body is reported', async () => {
    api.handle((_req, res) => sendJson(res, 200, { session_token: 7, is_guest_session: 'no' }));
    const error = await rejectionOf(callSession());
    expect(error.errors).toEqual([
      { loc: ['response', 'is_guest_session'], msg: 'Input should be a valid boolean', type: 'bool_type' },
      { loc: ['response', 'redirect_url'], msg: 'Field required', type: 'missing' },
      { loc: ['response', 'session_token'], msg: 'Input should be a valid string', type: 'string_type' },
    ]);
  });

  it('a body that is not JSON rejects with kind response_validation and keeps the raw text', async () => {
    api.handle((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"session_token": '));
    const error = await rejectionOf(callSession());
    expect(error.kind).toBe('response_validation');
    expect(error.status).toBe(200);
    expect(error.body).toBe('{"session_token": ');
    expect(error.errors).toHaveLength(1);
    expect(error.errors?.[0]).toMatchObject({ loc: ['response'], type: 'json_invalid' });
    expect(error.errors?.[0]?.msg).toMatch(/^not valid JSON/);
    expectNoCredentials(error);
  });

  it('with validateResponses: false the malformed body is returned as received', async () => {
    api.handle((_req, res) => sendJson(res, 200, withoutToken));
    await expect(callSession({ validateResponses: false })).resolves.toEqual(withoutToken);
  });

  it('the key does not leak even when a malformed body echoes it', async () => {
    api.handle((req, res) => sendJson(res, 200, { echoed: req.headers['x-api-key'] }));
    const error = await rejectionOf(callSession());
    expect(error.kind).toBe('response_validation');
    expect(JSON.stringify(error.body)).not.toContain(API_KEY);
    expectNoCredentials(error);
  });
});
