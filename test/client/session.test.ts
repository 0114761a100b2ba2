/** The generated client (generated/src) against a loopback server playing POST /customers/session: what goes on the wire. */
import { afterEach, beforeEach, describe, expect, expectTypeOf, it } from 'vitest';
import type {
  CreateSessionRequestSchema,
  CustomerSessionResponseSchema,
  GuestSessionRequest,
  ValidationIssue,
} from '../../generated/src/index.js';
import { type Loopback, sendJson } from '../runtime/loopback-server.js';
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
// A fresh server per test, so every hit count belongs to the test that reads it.
beforeEach(async () => {
  api = await startZenskarApi();
});
afterEach(() => api.close());

/** The only request the server received, with its body parsed. */
function onlyHit() {
  expect(api.hits).toHaveLength(1);
  const hit = api.hits[0]!;
  return { ...hit, text: hit.body.toString('utf8') };
}

describe('customer and guest sessions', () => {
  it('a customer session sends POST /customers/session with the credentials, JSON headers and the exact body', async () => {
    const body: CreateSessionRequestSchema = {
      customer_id: CUSTOMER_ID,
      return_url: 'https://app.example.com/back',
      idle_timeout: 900,
      session_key: 'k-1',
    };
    const result = await createTestClient(api.baseUrl).createCustomerOrGuestSession({ body });

    expect(result).toEqual(SESSION);
    expectTypeOf(result).toEqualTypeOf<CustomerSessionResponseSchema>();
    const hit = onlyHit();
    expect(hit.method).toBe('POST');
    expect(hit.url).toBe('/customers/session');
    expect(hit.headers['x-api-key']).toBe(API_KEY);
    expect(hit.headers['organisation']).toBe(ORGANISATION);
    expect(hit.headers['content-type']).toBe('application/json');
    expect(hit.headers['accept']).toBe('application/json');
    expect(hit.text).toBe(JSON.stringify(body));
  });

  it('a guest session sends is_guest_session without customer_id and resolves with the guest answer', async () => {
    const guest = { ...SESSION, is_guest_session: true };
    api.handle((_req, res) => sendJson(res, 200, guest));
    const body: GuestSessionRequest = { is_guest_session: true, return_url: 'https://app.example.com/guest' };
    const result = await createTestClient(api.baseUrl).createCustomerOrGuestSession({ body });

    expect(result).toEqual(guest);
    const hit = onlyHit();
    expect(hit.headers['x-api-key']).toBe(API_KEY);
    expect(hit.headers['organisation']).toBe(ORGANISATION);
    expect(hit.headers['content-type']).toBe('application/json');
    expect(JSON.parse(hit.text)).toStrictEqual(body);
    expect(hit.text).toBe(JSON.stringify(body));
  });

  it('null for the nullable fields is sent as null, not dropped', async () => {
    const body: GuestSessionRequest = {
      customer_id: null,
      idle_timeout: null,
      is_guest_session: true,
      return_url: 'https://x.example',
    };
    await createTestClient(api.baseUrl).createCustomerOrGuestSession({ body });
    expect(JSON.parse(onlyHit().text)).toStrictEqual(body);
  });

  it('a base URL with a trailing slash does not double the slash', async () => {
    await createTestClient(`${api.baseUrl}/`).createCustomerOrGuestSession({
      body: { customer_id: CUSTOMER_ID, return_url: 'https://x.example' },
    });
    expect(onlyHit().url).toBe('/customers/session');
  });

  it('the argument types are exact', () => {
    const client = createTestClient(api.baseUrl);
    type Body = Parameters<typeof client.createCustomerOrGuestSession>[0]['body'];
    expectTypeOf<Body>().toEqualTypeOf<CreateSessionRequestSchema>();
    expectTypeOf<Body['return_url']>().toEqualTypeOf<string>();
    // With exactOptionalPropertyTypes, an optional field takes null (the spec says so) but not undefined.
    expectTypeOf<Body>().toHaveProperty('idle_timeout').toEqualTypeOf<number | null | undefined>();
    // Each body is wrong in exactly one way, so every directive proves one rule (tsc fails on an unused one).
    // @ts-expect-error return_url is required
    const noReturnUrl: Body = { customer_id: CUSTOMER_ID };
    // @ts-expect-error idle_timeout is an integer, not a string
    const textTimeout: Body = { customer_id: CUSTOMER_ID, return_url: 'u', idle_timeout: '60' };
    // @ts-expect-error exactOptionalPropertyTypes: an optional field is omitted or null, never undefined
    const undefinedKey: Body = { customer_id: CUSTOMER_ID, return_url: 'u', session_key: undefined };
    // @ts-expect-error a customer id and a guest session at once (the session-exclusivity overlay)
    const both: Body = { customer_id: CUSTOMER_ID, is_guest_session: true, return_url: 'u' };
    // @ts-expect-error a guest session request has no customer_id
    const guestWithId: GuestSessionRequest = { customer_id: 'c', is_guest_session: true, return_url: 'u' };
    const typeOnly = [noReturnUrl, textTimeout, undefinedKey, both, guestWithId];
    expect(typeOnly).toHaveLength(5);
  });
});

describe('the session rule (session-exclusivity overlay)', () => {
  const customer = { customer_id: CUSTOMER_ID, return_url: 'https://x.example' };
  const guest = { is_guest_session: true, return_url: 'https://x.example' } as const;

  it('customer_id together with is_guest_session: true is refused before sending', async () => {
    const both = { ...customer, is_guest_session: true } as unknown as CreateSessionRequestSchema;
    const error = await rejectionOf(createTestClient(api.baseUrl).createCustomerOrGuestSession({ body: both }));
    expect(error.kind).toBe('request_validation');
    expect(error.errors).toEqual([
      {
        loc: ['body'],
        msg: 'Give either customer_id (a customer session) or is_guest_session=true (a guest session), not both',
        type: 'session_exclusivity',
      },
    ]);
    expect(api.hits).toHaveLength(0);
  });

  it('createCustomerSession sends the customer body and resolves with a customer session', async () => {
    const result = await createTestClient(api.baseUrl).createCustomerSession({ body: customer });
    expect(result).toEqual(SESSION);
    expectTypeOf(result.is_guest_session).toEqualTypeOf<false>();
    expect(onlyHit().text).toBe(JSON.stringify(customer));
  });

  it('createCustomerSession rejects a 200 that reports a guest session', async () => {
    api.handle((_req, res) => sendJson(res, 200, { ...SESSION, is_guest_session: true }));
    const error = await rejectionOf(createTestClient(api.baseUrl).createCustomerSession({ body: customer }));
    expect(error.kind).toBe('response_validation');
    expect(error.operation).toBe('createCustomerSession');
    expect(error.errors?.map(({ loc, type }) => ({ loc, type }))).toEqual([
      { loc: ['response', 'is_guest_session'], type: 'session_kind_mismatch' },
    ]);
  });

  it('createGuestSession sends the guest body and resolves with a guest session', async () => {
    api.handle((_req, res) => sendJson(res, 200, { ...SESSION, is_guest_session: true }));
    const result = await createTestClient(api.baseUrl).createGuestSession({ body: guest });
    expect(result.is_guest_session).toBe(true);
    expectTypeOf(result.is_guest_session).toEqualTypeOf<true>();
    expect(onlyHit().text).toBe(JSON.stringify(guest));
  });

  it('createGuestSession refuses a body with a customer_id before sending', async () => {
    const body = { ...guest, customer_id: CUSTOMER_ID } as unknown as GuestSessionRequest;
    const error = await rejectionOf(createTestClient(api.baseUrl).createGuestSession({ body }));
    expect(error.kind).toBe('request_validation');
    expect(error.operation).toBe('createGuestSession');
    expect(error.errors?.map((e) => e.type)).toEqual(['session_exclusivity']);
    expect(api.hits).toHaveLength(0);
    expectNoCredentials(error);
  });
});

describe('headers', () => {
  it('client headers go with every call; per-call headers add to and override them', async () => {
    const client = createTestClient(api.baseUrl, { headers: { 'x-client': 'c', 'x-trace': 'from-client' } });
    const body = { customer_id: CUSTOMER_ID, return_url: 'https://x.example' };
    await client.createCustomerOrGuestSession({ body }, { headers: { 'x-trace': 'from-call', 'x-call': 'yes' } });
    const hit = onlyHit();
    expect(hit.headers['x-client']).toBe('c');
    expect(hit.headers['x-trace']).toBe('from-call');
    expect(hit.headers['x-call']).toBe('yes');
    expect(hit.headers['x-api-key']).toBe(API_KEY);

    api.hits.length = 0;
    await client.createCustomerOrGuestSession({ body });
    expect(onlyHit().headers['x-trace']).toBe('from-client');
    expect(onlyHit().headers['x-call']).toBeUndefined();
  });
});

describe('request validation', () => {
  const invalid = { customer_id: 'not-a-uuid', idle_timeout: 1.5 } as unknown as CreateSessionRequestSchema;
  const expectedIssues: ValidationIssue[] = [
    { loc: ['body', 'customer_id'], msg: 'Input should be a valid UUID', type: 'uuid_parsing' },
    {
      loc: ['body', 'idle_timeout'],
      msg: 'Input should be a valid integer, got a number with a fractional part',
      type: 'int_from_float',
    },
    { loc: ['body', 'return_url'], msg: 'Field required', type: 'missing' },
  ];

  it('an invalid request is refused with every problem and never reaches the server', async () => {
    const error = await rejectionOf(createTestClient(api.baseUrl).createCustomerOrGuestSession({ body: invalid }));
    expect(error.kind).toBe('request_validation');
    expect(error.errors).toEqual(expectedIssues);
    expect(error.status).toBeUndefined();
    expect(error.message).toContain('body.customer_id');
    expect(api.hits).toHaveLength(0);
    expectNoCredentials(error);
  });

  it('a missing body is refused too', async () => {
    const args = {} as { body: CreateSessionRequestSchema };
    const error = await rejectionOf(createTestClient(api.baseUrl).createCustomerOrGuestSession(args));
    expect(error.kind).toBe('request_validation');
    expect(error.errors).toEqual([{ loc: ['body'], msg: 'Field required', type: 'missing' }]);
    expect(api.hits).toHaveLength(0);
  });

  it('with validateRequests: false the same request is sent as given', async () => {
    const client = createTestClient(api.baseUrl, { validateRequests: false });
    await expect(client.createCustomerOrGuestSession({ body: invalid })).resolves.toEqual(SESSION);
    expect(onlyHit().text).toBe(JSON.stringify(invalid));
  });
});

describe('retries', () => {
  /** Answers 503 (asking to retry at once) `failures` times, then 200. */
  function failThenSucceed(failures: number): void {
    api.handle((_req, res) => {
      if (api.hits.length <= failures) sendJson(res, 503, { detail: 'busy' }, { 'retry-after': '0' });
      else sendJson(res, 200, SESSION);
    });
  }
  const body = { customer_id: CUSTOMER_ID, return_url: 'https://x.example' };

  it('a 503 is retried up to maxRetries times, with the same request each time', async () => {
    failThenSucceed(2);
    const result = await createTestClient(api.baseUrl, { maxRetries: 2 }).createCustomerOrGuestSession({ body });
    expect(result).toEqual(SESSION);
    expect(api.hits).toHaveLength(3);
    for (const hit of api.hits) {
      expect(hit.body.toString('utf8')).toBe(JSON.stringify(body));
      expect(hit.headers['x-api-key']).toBe(API_KEY);
    }
  });

  it('when retries run out, the last 503 rejects as an http error', async () => {
    failThenSucceed(5);
    const error = await rejectionOf(
      createTestClient(api.baseUrl, { maxRetries: 1 }).createCustomerOrGuestSession({ body }),
    );
    expect(api.hits).toHaveLength(2);
    expect(error.kind).toBe('http');
    expect(error.status).toBe(503);
    expect(error.body).toEqual({ detail: 'busy' });
    expectNoCredentials(error);
  });

  it('a 500 to a POST is not retried: the server may have acted on it', async () => {
    api.handle((_req, res) => res.writeHead(500, { 'content-type': 'text/plain' }).end('oops'));
    const error = await rejectionOf(
      createTestClient(api.baseUrl, { maxRetries: 3 }).createCustomerOrGuestSession({ body }),
    );
    expect(error.status).toBe(500);
    expect(api.hits).toHaveLength(1);
  });
});
