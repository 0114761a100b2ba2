/**
 * Concrete cases the fault matrix found, each kept as a named test. Each runs through the same prediction and
 * checks as the matrix (see scenario.ts): the call settles in time with the contract's outcome, a well-formed
 * ApiError, no unhandled rejection, no credential in any rendering, and with word-like credentials the same
 * validation errors as with unique ones.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isApiError } from '../../generated/src/index.js';
import { trapProcessFailures } from './settle.js';
import type { CredentialValue } from './credentials.js';
import { type Fault, type FaultServer, startFaultServer } from './fault-server.js';
import { type CallOptionsCase, callOptions, type Case, labelled, NO_OPTIONS, plain } from './hostile-inputs.js';
import { ANSWERS, faultSpecPackage, loadFaultSpecPackage, type PackageUnderTest, ZENSKAR } from './packages-under-test.js';
import { type ClientSettings, runScenario, type RunResult } from './scenario.js';

let server: FaultServer;
let trap: ReturnType<typeof trapProcessFailures>;
let faultSpec: PackageUnderTest;

beforeAll(async () => {
  server = await startFaultServer(ANSWERS);
  faultSpec = faultSpecPackage(await loadFaultSpecPackage());
  trap = trapProcessFailures();
});

afterAll(async () => {
  try {
    await server.close();
  } finally {
    trap.restore();
  }
});

const word = (value: string): CredentialValue => ({ value, unique: false });
const secret = (value: string): CredentialValue => ({ value, unique: true });
const KEY = secret('zk_live_RegressionKey_5d1e');
const ORG = secret('org_regression_8c2b');
/** Unique values for the fault-matrix spec's accessToken, apiKey, token and sid, in that order. */
const FOUR = [secret('at_regression_token_41f0'), secret('ak_regression_key_93bd'), secret('qt_regression_query_2e7a'), secret('sid_regression_cookie_6c55')];

interface Call {
  operation: string;
  credentials: CredentialValue[];
  args: Case;
  faults?: Fault[];
  client?: Partial<ClientSettings>;
  options?: CallOptionsCase;
}

/** Runs one concrete call against the fault server through the matrix's checks. */
function expectContract(pkg: () => PackageUnderTest, call: Call): Promise<RunResult> {
  const operation = pkg().operations.find((o) => o.name === call.operation);
  if (!operation) throw new Error(`no operation ${call.operation}`);
  return runScenario(
    {
      operation,
      credentials: call.credentials,
      args: call.args,
      faults: call.faults ?? ['ok'],
      client: { retries: 'off', hooks: 'observe', defaultHeaders: false, ...call.client },
      options: call.options ?? NO_OPTIONS,
      style: 'method',
    },
    pkg(),
    server,
    trap.take,
  );
}

const zenskar = () => ZENSKAR;
const spec = () => faultSpec;
const RETURN_URL = 'https://example.com/done';

describe('word-like credentials do not corrupt what the client writes itself', () => {
  it('organisation `o` and a session body without customer_id: request_validation, `loc` intact (not a TypeError from the message builder)', async () => {
    const { observed } = await expectContract(zenskar, {
      operation: 'createCustomerSession',
      credentials: [word('k'), word('o')],
      args: plain({ body: { return_url: RETURN_URL } }, 'invalid'),
    });
    const error = (observed as { error: { errors: unknown } }).error;
    expect(error.errors).toContainEqual({ loc: ['body'], msg: expect.any(String), type: 'session_exclusivity' });
  });

  it('apiKey `loc` and a response that fails validation: response_validation, not `network`', () =>
    expectContract(spec, {
      operation: 'getItem',
      credentials: [FOUR[0]!, word('loc'), FOUR[2]!, FOUR[3]!],
      args: plain({ path: { itemId: 'item_1' } }),
      faults: ['truncated-json'],
    }));

  it('apiKey `msg`: every validation error keeps its `msg`', () =>
    expectContract(spec, {
      operation: 'deleteItem',
      credentials: [FOUR[0]!, word('msg'), FOUR[2]!, FOUR[3]!],
      args: plain({ path: {} }, 'invalid'),
    }));

  it('organisation `type`: every validation error keeps its `type`', () =>
    expectContract(zenskar, {
      operation: 'createGuestSession',
      credentials: [KEY, word('type')],
      args: plain({ body: { is_guest_session: true } }, 'invalid'),
    }));

  it('apiKey `e`: the message names the operation intact', () =>
    expectContract(zenskar, {
      operation: 'createCustomerSession',
      credentials: [word('e'), ORG],
      args: plain({ body: { customer_id: '3fa85f64-5717-4562-b3fc-2c963f66afa6', return_url: RETURN_URL } }),
      faults: ['declared-error'],
    }));

  it('sid `id`: a body that is not JSON is reported with type `json_invalid`', () =>
    expectContract(spec, {
      operation: 'getItem',
      credentials: [FOUR[0]!, FOUR[1]!, FOUR[2]!, word('id')],
      args: plain({ path: { itemId: 'item_1' } }),
      faults: ['invalid-json'],
    }));

  it('accessToken `a`: a validation message ("Input should be a valid integer") is not rewritten', () =>
    expectContract(spec, {
      operation: 'createItem',
      credentials: [word('a'), FOUR[1]!, FOUR[2]!, FOUR[3]!],
      args: plain({ body: { name: 'widget', count: 1.5 } }, 'invalid'),
    }));

  it('organisation `customer_id`: the session rule\'s message ("Give either customer_id ...") is not rewritten', () =>
    expectContract(zenskar, {
      operation: 'createCustomerOrGuestSession',
      credentials: [KEY, word('customer_id')],
      args: plain({ body: { customer_id: '3fa85f64-5717-4562-b3fc-2c963f66afa6', return_url: RETURN_URL, is_guest_session: true } }, 'invalid'),
    }));

  it('organisation `customer_id`: a validation error keeps loc ["body", "customer_id"]', () =>
    expectContract(zenskar, {
      operation: 'createCustomerOrGuestSession',
      credentials: [KEY, word('customer_id')],
      args: plain({ body: { customer_id: 'not-a-uuid', return_url: RETURN_URL } }, 'invalid'),
    }));

  it('token `:`: the reason an argument cannot be encoded is not rewritten', () =>
    expectContract(spec, {
      operation: 'createItem',
      credentials: [FOUR[0]!, FOUR[1]!, word(':'), FOUR[3]!],
      args: labelled('body a proxy whose every trap throws', 'invalid', () => ({
        body: new Proxy({}, { ownKeys: () => { throw new Error('ownKeys refuses'); }, get: () => { throw new Error('get refuses'); } }),
      })),
    }));
});

describe('invalid per-call options are a request_validation ApiError, and nothing is sent', () => {
  const cases: Array<[string, () => unknown]> = [
    ['retry: { maxRetries: -1 } (not a RangeError)', () => ({ retry: { maxRetries: -1 } })],
    ["redirect: 'sideways' (not a RangeError)", () => ({ redirect: 'sideways' })],
    ['maxRedirects: -1 (not a RangeError)', () => ({ maxRedirects: -1 })],
    ['signal: {} (not a TypeError)', () => ({ signal: {} })],
    ['signal: an object with aborted and addEventListener only (no unhandled TypeError)', () => ({ signal: { aborted: false, addEventListener() {} } })],
    ['timeoutMs: NaN (not sent)', () => ({ timeoutMs: Number.NaN })],
    ["headers: 'x-trace' (not sent)", () => ({ headers: 'x-trace' })],
    ["validateRequests: 'yes' (not sent)", () => ({ validateRequests: 'yes' })],
    ["validateResponses: 'maybe' (not sent)", () => ({ validateResponses: 'maybe' })],
    ['a getter that throws (not that Error)', () => Object.defineProperty({}, 'timeoutMs', { enumerable: true, get: () => { throw new Error('getter refuses'); } })],
  ];
  it.each(cases)('%s', async (label, make) => {
    const before = server.hits.length;
    await expectContract(zenskar, {
      operation: 'createGuestSession',
      credentials: [KEY, ORG],
      args: plain({ body: { is_guest_session: true, return_url: RETURN_URL } }),
      options: callOptions(label, 'invalid', make),
    });
    expect(server.hits.length).toBe(before);
  });

  it("timeoutMs: -1 against a server that never answers settles at once instead of hanging", () =>
    expectContract(zenskar, {
      operation: 'createGuestSession',
      credentials: [KEY, ORG],
      args: plain({ body: { is_guest_session: true, return_url: RETURN_URL } }),
      faults: ['never-answer'],
      options: callOptions('timeoutMs: -1', 'invalid', () => ({ timeoutMs: -1 })),
    }));
});

describe('per-call options the contract adds', () => {
  it('validateResponses: true for one call wins over the client’s false', () =>
    expectContract(zenskar, {
      operation: 'createGuestSession',
      credentials: [KEY, ORG],
      args: plain({ body: { is_guest_session: true, return_url: RETURN_URL } }),
      faults: ['echo-success'],
      client: { validateResponses: false },
      options: callOptions('validateResponses: true', 'valid', () => ({ validateResponses: true })),
    }));
});

describe('hooks are observers', () => {
  it('an onRequest that returns a rejected promise leaves no unhandled rejection and the call resolves', async () => {
    const { observed } = await expectContract(zenskar, {
      operation: 'createGuestSession',
      credentials: [KEY, ORG],
      args: plain({ body: { is_guest_session: true, return_url: RETURN_URL } }),
      client: { hooks: 'reject' },
    });
    expect(observed.type).toBe('resolved');
  });
});

describe('credentials with characters URL encoders disagree on are still removed from what the server echoes', () => {
  it("a query credential with ' and * (encoded %27 and %2A) echoed in an error body", () =>
    expectContract(spec, {
      operation: 'getItem',
      credentials: [FOUR[0]!, FOUR[1]!, secret("it's*a-secret-token"), FOUR[3]!],
      args: plain({ path: { itemId: 'item_1' } }),
      faults: ['echo-declared-error'],
    }));

  it("a cookie credential with ' and * echoed in a text error body and a response header", () =>
    expectContract(spec, {
      operation: 'getItem',
      credentials: [FOUR[0]!, FOUR[1]!, FOUR[2]!, secret("it's*a-session-cookie")],
      args: plain({ path: { itemId: 'item_1' } }),
      faults: ['echo-text-error'],
    }));

  it("a query credential with ' and * in the Location of a redirect that is not followed: message and location", () =>
    expectContract(spec, {
      operation: 'getItem',
      credentials: [FOUR[0]!, FOUR[1]!, secret("it's*a-secret-token"), FOUR[3]!],
      args: plain({ path: { itemId: 'item_1' } }),
      faults: ['redirect-loop'],
      client: { maxRedirects: 0, hooks: 'none' },
    }));

  it("a query credential with ' and * in the Location of a redirect, seen by onResponse and onRedirect", () =>
    expectContract(spec, {
      operation: 'getItem',
      credentials: [FOUR[0]!, FOUR[1]!, secret("it's*a-secret-token"), FOUR[3]!],
      args: plain({ path: { itemId: 'item_1' } }),
      faults: ['redirect-echo', 'ok'],
    }));
});

it('the package under test is the generated one (isApiError comes from generated/)', () => {
  expect(typeof isApiError).toBe('function');
});
