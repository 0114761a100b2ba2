import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createClient,
  isApiError,
  validateCreateCustomerOrGuestSessionBody,
  validateCreateSessionRequestSchema,
  validateCustomerSessionRequest,
  validateGuestSessionRequest,
  type ApiError,
} from '../../generated/src/index.js';
import { startLoopback, type Loopback } from '../runtime/loopback-server.js';

const customer_id = '6f1c1d8e-8f5e-4d8a-9f55-1f0c2b3a4d5e';
const return_url = 'https://example.com/back';

const VALID = {
  customer: { customer_id, return_url },
  'customer, is_guest_session false': { customer_id, is_guest_session: false, return_url },
  'customer, is_guest_session null': { customer_id, is_guest_session: null, return_url, idle_timeout: 60 },
  guest: { is_guest_session: true as const, return_url },
  'guest, customer_id null': { is_guest_session: true, customer_id: null, return_url, session_key: 'k' },
};

const INVALID = {
  'both set': [{ customer_id, is_guest_session: true, return_url }, /not both/],
  'neither set': [{ return_url }, /Give customer_id for a customer session, or is_guest_session=true/],
  'neither set (nulls)': [{ customer_id: null, is_guest_session: null, return_url }, /Give customer_id/],
  'is_guest_session false without customer': [{ is_guest_session: false, return_url }, /false asks for a customer session/],
} as const;

describe('session validators (generated/src/validators.ts)', () => {
  it.each(Object.entries(VALID))('accepts %s, returning the value unchanged', (_name, value) => {
    const copy = structuredClone(value);
    expect(validateCreateSessionRequestSchema(value)).toEqual({ ok: true, value: copy });
    const body = validateCreateCustomerOrGuestSessionBody(value);
    expect(body.ok && body.value).toBe(value);
  });

  it.each(Object.entries(INVALID))('rejects %s with a session_exclusivity error', (_name, [value, msg]) => {
    const schema = validateCreateSessionRequestSchema(value);
    expect(schema).toEqual({ ok: false, errors: [{ loc: [], msg: expect.stringMatching(msg), type: 'session_exclusivity' }] });
    const body = validateCreateCustomerOrGuestSessionBody(value);
    expect(body).toEqual({ ok: false, errors: [{ loc: ['body'], msg: expect.stringMatching(msg), type: 'session_exclusivity' }] });
  });

  it('collects the rule with the schema errors', () => {
    const result = validateCreateSessionRequestSchema({ customer_id: 'not-a-uuid', is_guest_session: true });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.map((e) => [e.loc.join('.'), e.type])).toEqual([
      ['customer_id', 'uuid_parsing'],
      ['return_url', 'missing'],
      ['', 'session_exclusivity'],
    ]);
  });

  it('the kind validators accept their kind only', () => {
    expect(validateCustomerSessionRequest(VALID.customer).ok).toBe(true);
    expect(validateGuestSessionRequest(VALID.guest).ok).toBe(true);
    expect(validateCustomerSessionRequest(VALID.guest)).toMatchObject({
      ok: false,
      errors: [{ loc: [], type: 'session_exclusivity', msg: expect.stringMatching(/customer session needs customer_id/) }],
    });
    expect(validateGuestSessionRequest(VALID.customer)).toMatchObject({
      ok: false,
      errors: [{ loc: [], type: 'session_exclusivity', msg: expect.stringMatching(/guest session needs is_guest_session=true/) }],
    });
  });
});

describe('session client against a loopback server', () => {
  let server: Loopback;
  beforeAll(async () => {
    server = await startLoopback();
  });
  afterAll(() => server.close());

  const client = () => createClient({ apiKey: 'k-secret', organisation: 'org', baseUrl: server.baseUrl, maxRetries: 0 });
  const answer = (is_guest_session: boolean) =>
    server.handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ redirect_url: 'https://r', session_token: 't', is_guest_session }));
    });
  const rejection = (promise: Promise<unknown>): Promise<ApiError> =>
    promise.then(
      () => {
        throw new Error('expected the call to fail');
      },
      (error: unknown) => {
        if (!isApiError(error)) throw error;
        return error;
      },
    );

  it.each(Object.entries(INVALID))('createCustomerOrGuestSession sends nothing for %s', async (_name, [body]) => {
    const hits = server.hits.length;
    const error = await rejection(client().createCustomerOrGuestSession({ body: body as never }));
    expect(error.kind).toBe('request_validation');
    expect(error.errors).toEqual([{ loc: ['body'], msg: expect.any(String), type: 'session_exclusivity' }]);
    expect(server.hits.length).toBe(hits);
  });

  it('createCustomerSession sends the body and resolves with a customer session', async () => {
    answer(false);
    const hits = server.hits.length;
    const result = await client().createCustomerSession({ body: VALID.customer });
    expect(result).toEqual({ redirect_url: 'https://r', session_token: 't', is_guest_session: false });
    expect(server.hits.length).toBe(hits + 1);
    expect(JSON.parse(server.hits.at(-1)!.body.toString('utf8'))).toEqual(VALID.customer);
  });

  it('createGuestSession resolves with a guest session', async () => {
    answer(true);
    const result = await client().createGuestSession({ body: VALID.guest });
    expect(result.is_guest_session).toBe(true);
    expect(JSON.parse(server.hits.at(-1)!.body.toString('utf8'))).toEqual(VALID.guest);
  });

  it('the convenience methods are also listed by tag, beside the operation they refine', async () => {
    answer(true);
    const c = client();
    expect(c.byTag.customers.createGuestSession).toBe(c.createGuestSession);
    expect(c.byTag.customers.createCustomerSession).toBe(c.createCustomerSession);
    const result = await c.byTag.customers.createGuestSession({ body: VALID.guest });
    expect(result.is_guest_session).toBe(true);
  });

  it('a 200 that disagrees with the convenience method is a response_validation error', async () => {
    answer(true);
    const asCustomer = await rejection(client().createCustomerSession({ body: VALID.customer }));
    expect(asCustomer).toMatchObject({ kind: 'response_validation', status: 200, operation: 'createCustomerSession' });
    expect(asCustomer.errors).toEqual([
      { loc: ['response', 'is_guest_session'], msg: expect.stringMatching(/should be false/), type: 'session_kind_mismatch' },
    ]);
    answer(false);
    const asGuest = await rejection(client().createGuestSession({ body: VALID.guest }));
    expect(asGuest).toMatchObject({ kind: 'response_validation', status: 200, operation: 'createGuestSession' });
    expect(asGuest.errors?.[0]?.type).toBe('session_kind_mismatch');
  });

  it('the operation method itself accepts either kind of response', async () => {
    answer(true);
    await expect(client().createCustomerOrGuestSession({ body: VALID.customer })).resolves.toMatchObject({ is_guest_session: true });
  });

  it('a convenience method sends nothing for a body of the other kind', async () => {
    const hits = server.hits.length;
    const asCustomer = await rejection(client().createCustomerSession({ body: VALID.guest as never }));
    const asGuest = await rejection(client().createGuestSession({ body: VALID.customer as never }));
    for (const error of [asCustomer, asGuest]) {
      expect(error.kind).toBe('request_validation');
      expect(error.errors?.map((e) => [e.loc, e.type])).toEqual([[['body'], 'session_exclusivity']]);
    }
    expect(asGuest.message).toMatch(/^createGuestSession: request not sent/);
    expect(server.hits.length).toBe(hits);
  });
});
