/**
 * The generated packages the fault matrix drives, through their public API only: the Zenskar package (generated/)
 * and the fault-matrix spec's package (test/faults/spec.json: a credential in every location, parameters in every
 * location, a JSON body, declared 4xx responses, a 204). Each comes with what its API answers when it behaves, and
 * with arguments for every operation, valid and hostile.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import * as zenskar from '../../generated/src/index.js';
import { generate } from '../../src/run.js';
import type { ReceivedRequest } from '../runtime/loopback-server.js';
import type { Answer, ApiAnswers } from './fault-server.js';
import { bodyWith, type Case, cyclic, hostileVariants, labelled, plain, sparse, WRONG_TYPE_ARGS } from './hostile-inputs.js';

/** What a generated package exports, as a consumer sees it. */
export interface PublicApi {
  createClient(options: Record<string, unknown>): Record<string, unknown>;
  createCore?: (options: Record<string, unknown>) => unknown;
  ApiError: abstract new (...args: never[]) => Error;
  isApiError(value: unknown): boolean;
}

/** Where a credential travels: `in` and the header, query or cookie name. */
export interface CredentialOption {
  option: string;
  in: 'header' | 'query' | 'cookie' | 'bearer';
  name: string;
}

export type HttpMethod = 'GET' | 'POST' | 'DELETE';

export interface OperationUnderTest {
  name: string;
  method: HttpMethod;
  /** status of a success response */
  successStatus: number;
  /** status of the declared error response */
  errorStatus: number;
  /** a JSON body is declared for the status the body faults use (the success status, or 200 where that is 204) */
  declaresJsonBody: boolean;
  args: fc.Arbitrary<Case>;
}

export interface PackageUnderTest {
  label: string;
  api: PublicApi;
  credentials: readonly CredentialOption[];
  operations: readonly OperationUnderTest[];
}

const SPEC = fileURLToPath(new URL('./spec.json', import.meta.url));

/**
 * Generates the fault-matrix spec's package (as `npm run generate` would, without overlays) into a temporary
 * folder and imports its entry point.
 */
export async function loadFaultSpecPackage(): Promise<PublicApi> {
  const result = await generate({ spec: SPEC, packageVersion: '1.0.0', overlays: false });
  if (!result.files) throw new Error(`test/faults/spec.json did not generate: ${JSON.stringify(result.issues)}`);
  const dir = mkdtempSync(join(tmpdir(), 'zc-faults-'));
  for (const file of result.files) {
    mkdirSync(dirname(join(dir, file.path)), { recursive: true });
    writeFileSync(join(dir, file.path), file.content);
  }
  return (await import(join(dir, 'src/index.ts'))) as PublicApi;
}

/** A return URL for session bodies built by hand. */
const RETURN_URL = 'https://example.com/done';

function withHostile(valid: fc.Arbitrary<Record<string, unknown>>, specific: readonly Case[]): fc.Arbitrary<Case> {
  return fc.oneof(
    { weight: 4, arbitrary: valid.map((v) => plain(v)) },
    { weight: 2, arbitrary: valid.chain((v) => fc.constantFrom(...hostileVariants(v))) },
    { weight: 2, arbitrary: fc.constantFrom(...specific) },
    { weight: 1, arbitrary: fc.constantFrom(...WRONG_TYPE_ARGS) },
  );
}

// --- the Zenskar package -------------------------------------------------------------------------------------

const customerBody = fc.record(
  {
    customer_id: fc.uuid({ version: 4 }),
    return_url: fc.webUrl(),
    idle_timeout: fc.option(fc.integer({ min: 0, max: 86_400 })),
    session_key: fc.option(fc.string({ maxLength: 12 })),
    is_guest_session: fc.constantFrom(false, null),
  },
  { requiredKeys: ['customer_id', 'return_url'] },
);
const guestBody = fc.record({ is_guest_session: fc.constant(true), return_url: fc.webUrl() });
const CUSTOMER = { customer_id: '3fa85f64-5717-4562-b3fc-2c963f66afa6', return_url: RETURN_URL };

const GUEST = { is_guest_session: true, return_url: RETURN_URL };

/** Session arguments around a valid `base` body that break the schema or the session rule, or cannot be encoded. */
function sessionHostile(base: Record<string, unknown>): Case[] {
  return [
    plain({ body: { return_url: RETURN_URL } }, 'invalid'),
    plain({ body: { ...CUSTOMER, is_guest_session: true } }, 'invalid'),
    plain({ body: { customer_id: 'not-a-uuid', return_url: RETURN_URL } }, 'invalid'),
    plain({ body: { customer_id: CUSTOMER.customer_id } }, 'invalid'),
    plain({ body: null }, 'invalid'),
    plain({ body: [base] }, 'invalid'),
    bodyWith(base, 'idle_timeout', 'a BigInt', 'invalid', () => 3600n),
    bodyWith(base, 'idle_timeout', 'NaN', 'invalid', () => Number.NaN),
    bodyWith(base, 'return_url', 'a huge string', 'valid', () => `https://example.com/${'x'.repeat(200_000)}`),
    bodyWith(base, 'session_key', 'a cyclic object', 'invalid', () => cyclic()),
    bodyWith(base, 'metadata', 'a cyclic object (an unknown field)', 'invalid', () => cyclic()),
    bodyWith(base, 'metadata', 'a sparse array (an unknown field)', 'either', () => sparse('a')),
    bodyWith(base, 'session_key', 'a symbol', 'invalid', () => Symbol('key')),
    bodyWith(base, 'toJSON', 'a function returning something else', 'either', () => () => ({ evil: true })),
    bodyWith(base, 'session_key', 'a lone surrogate', 'either', () => '\ud800'),
  ];
}

const zenskarSession = (name: string, valid: fc.Arbitrary<Record<string, unknown>>, hostile: readonly Case[]): OperationUnderTest => ({
  name,
  method: 'POST',
  successStatus: 200,
  errorStatus: 422,
  declaresJsonBody: true,
  args: withHostile(valid, hostile),
});

/** The Zenskar package, as committed in generated/. */
export const ZENSKAR: PackageUnderTest = {
  label: 'zenskar-client',
  api: zenskar as unknown as PublicApi,
  credentials: [
    { option: 'apiKey', in: 'header', name: 'x-api-key' },
    { option: 'organisation', in: 'header', name: 'organisation' },
  ],
  operations: [
    zenskarSession('createCustomerOrGuestSession', fc.oneof(customerBody, guestBody).map((body) => ({ body })), sessionHostile(CUSTOMER)),
    zenskarSession('createCustomerSession', customerBody.map((body) => ({ body })), [...sessionHostile(CUSTOMER), plain({ body: GUEST }, 'invalid')]),
    zenskarSession('createGuestSession', guestBody.map((body) => ({ body })), [...sessionHostile(GUEST), plain({ body: CUSTOMER }, 'invalid')]),
  ],
};

// --- the fault-matrix spec's package ----------------------------------------------------------------------------

const itemId = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 });
const getItemArgs = fc.record(
  {
    path: fc.record({ itemId }),
    query: fc.record(
      { limit: fc.integer({ min: 1, max: 100 }), tags: fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 }) },
      { requiredKeys: [] },
    ),
    header: fc.record({ 'x-request-id': fc.stringMatching(/^[!-~]{1,16}$/) }, { requiredKeys: [] }),
    cookie: fc.record({ theme: fc.constantFrom('light', 'dark') }, { requiredKeys: [] }),
  },
  { requiredKeys: ['path'] },
);
const ITEM = { path: { itemId: 'item_1' } };
const withQuery = (label: string, validity: 'invalid' | 'either', query: () => unknown): Case =>
  labelled(`query = ${label}`, validity, () => ({ ...ITEM, query: query() }));

const GET_ITEM_HOSTILE: readonly Case[] = [
  plain({ path: {} }, 'invalid'),
  plain({ path: { itemId: '' } }, 'invalid'),
  plain({ path: { itemId: 42 } }, 'invalid'),
  plain({ query: { limit: 5 } }, 'invalid'),
  withQuery('{ limit: 0 }', 'invalid', () => ({ limit: 0 })),
  withQuery('{ limit: 1.5 }', 'invalid', () => ({ limit: 1.5 })),
  withQuery("{ limit: '5' }", 'invalid', () => ({ limit: '5' })),
  withQuery('{ limit: 5n }', 'invalid', () => ({ limit: 5n })),
  withQuery('{ tags: a cyclic array }', 'invalid', () => {
    const tags: unknown[] = ['a'];
    tags.push(tags);
    return { tags };
  }),
  withQuery('{ tags: a sparse array }', 'either', () => ({ tags: sparse('a', 'b') })),
  withQuery("{ tags: 'a' }", 'invalid', () => ({ tags: 'a' })),
  labelled("cookie theme 'blue'", 'invalid', () => ({ ...ITEM, cookie: { theme: 'blue' } })),
  labelled('header x-request-id with CR LF', 'invalid', () => ({ ...ITEM, header: { 'x-request-id': 'a\r\nx-admin: 1' } })),
  labelled('header x-request-id beyond Latin-1', 'either', () => ({ ...ITEM, header: { 'x-request-id': 'id-€' } })),
  labelled('path itemId a lone surrogate', 'either', () => ({ path: { itemId: '\udc00' } })),
  labelled('path itemId ../../admin', 'valid', () => ({ path: { itemId: '../../admin' } })),
];

const itemCreateBody = fc.record(
  {
    name: fc.string({ minLength: 1, maxLength: 20 }),
    count: fc.nat(1000),
    tags: fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 }),
    meta: fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), fc.string({ maxLength: 6 }), { maxKeys: 3 }),
  },
  { requiredKeys: ['name'] },
);
const ITEM_BODY = { name: 'widget', count: 1 };
const CREATE_ITEM_HOSTILE: readonly Case[] = [
  plain({ body: {} }, 'invalid'),
  plain({ body: { name: '' } }, 'invalid'),
  plain({ body: 'widget' }, 'invalid'),
  plain({ body: null }, 'invalid'),
  plain({ body: [] }, 'invalid'),
  plain({ body: { name: 1 } }, 'invalid'),
  bodyWith(ITEM_BODY, 'count', '-1', 'invalid', () => -1),
  bodyWith(ITEM_BODY, 'count', '1.5', 'invalid', () => 1.5),
  bodyWith(ITEM_BODY, 'count', 'NaN', 'invalid', () => Number.NaN),
  bodyWith(ITEM_BODY, 'count', 'Infinity', 'invalid', () => Number.POSITIVE_INFINITY),
  bodyWith(ITEM_BODY, 'count', '1n (a BigInt)', 'invalid', () => 1n),
  bodyWith(ITEM_BODY, 'count', '-0', 'either', () => -0),
  bodyWith(ITEM_BODY, 'meta', '{ a: 1 }', 'invalid', () => ({ a: 1 })),
  bodyWith(ITEM_BODY, 'meta', 'a cyclic object', 'invalid', () => cyclic({ a: 'b' })),
  bodyWith(ITEM_BODY, 'tags', '[1]', 'invalid', () => [1]),
  bodyWith(ITEM_BODY, 'tags', 'a sparse array', 'either', () => sparse('a')),
  bodyWith(ITEM_BODY, 'tags', 'a cyclic array', 'invalid', () => {
    const tags: unknown[] = [];
    tags.push(tags);
    return tags;
  }),
  bodyWith(ITEM_BODY, 'name', 'a huge string', 'valid', () => 'x'.repeat(300_000)),
  bodyWith(ITEM_BODY, 'name', 'a function', 'invalid', () => () => 'widget'),
  bodyWith(ITEM_BODY, 'name', 'a symbol', 'invalid', () => Symbol('widget')),
  bodyWith(ITEM_BODY, 'name', 'a Date', 'invalid', () => new Date(0)),
  bodyWith(ITEM_BODY, 'toJSON', 'a function returning something else', 'either', () => () => ({ evil: true })),
  labelled('body a proxy whose every trap throws', 'invalid', () => ({
    body: new Proxy({}, { ownKeys: () => { throw new Error('ownKeys refuses'); }, get: () => { throw new Error('get refuses'); } }),
  })),
  labelled('JSON body with an own __proto__ key', 'valid', () => ({ body: JSON.parse('{"name":"widget","__proto__":{"polluted":true}}') })),
];

/** The fault-matrix spec's package; `api` from `loadFaultSpecPackage`. */
export function faultSpecPackage(api: PublicApi): PackageUnderTest {
  return {
    label: 'fault-matrix spec',
    api,
    credentials: [
      { option: 'accessToken', in: 'bearer', name: 'authorization' },
      { option: 'apiKey', in: 'header', name: 'x-api-key' },
      { option: 'token', in: 'query', name: 'token' },
      { option: 'sid', in: 'cookie', name: 'sid' },
    ],
    operations: [
      {
        name: 'getItem',
        method: 'GET',
        successStatus: 200,
        errorStatus: 404,
        declaresJsonBody: true,
        args: withHostile(getItemArgs, GET_ITEM_HOSTILE),
      },
      {
        name: 'createItem',
        method: 'POST',
        successStatus: 201,
        errorStatus: 422,
        declaresJsonBody: true,
        args: withHostile(itemCreateBody.map((body) => ({ body })), CREATE_ITEM_HOSTILE),
      },
      {
        name: 'deleteItem',
        method: 'DELETE',
        successStatus: 204,
        errorStatus: 404,
        declaresJsonBody: false,
        args: withHostile(fc.record({ path: fc.record({ itemId }) }), GET_ITEM_HOSTILE.slice(0, 4)),
      },
    ],
  };
}

const VALIDATION_ERROR = { detail: [{ loc: ['body', 'name'], msg: 'Field required', type: 'missing' }] };
const ITEM_RESPONSE = { id: 'item_1', name: 'widget', count: 1 };

function jsonBody(req: ReceivedRequest): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(req.body.toString('utf8'));
    return parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** What both APIs answer when they behave, by method and path. */
export const ANSWERS: ApiAnswers = {
  success(req, path): Answer {
    if (path === '/customers/session') {
      const guest = jsonBody(req).is_guest_session === true;
      return { status: 200, body: { session_token: 'sess_tok_1', redirect_url: 'https://portal.example.com/home', is_guest_session: guest } };
    }
    if (path === '/items') return { status: 201, body: ITEM_RESPONSE };
    if (req.method === 'DELETE') return { status: 204 };
    return { status: 200, body: ITEM_RESPONSE };
  },
  declaredError(req, path): Answer {
    if (path === '/customers/session' || path === '/items') return { status: 422, body: VALIDATION_ERROR };
    return { status: 404, body: { detail: 'no such item' } };
  },
};
