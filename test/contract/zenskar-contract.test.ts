/**
 * The Zenskar client against Prism serving the Zenskar spec, static (the spec's examples, else Prism's sampler) and
 * dynamic (seeded): a customer session and a guest session through the operation itself and through the overlay's
 * `createCustomerSession` / `createGuestSession`, a declared 422, and a body our validator refuses, sent anyway.
 *
 * Prism does not know the session rule (the spec states it only in prose), so its answer may be a guest session to
 * a customer-session request. That case is classified explicitly, never waved through: the overlay method must
 * refuse exactly that answer, for `is_guest_session` alone, while the spec's own schema (the operation's 200
 * validator) and Prism accept it; any other outcome fails.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Operation } from '../../src/model/types.js';
import { loadGeneratedClient, type LoadedClient } from './load-client.js';
import { startPrism, type PrismMode, type PrismServer } from './prism.js';
import { callOperation } from './run-contract.js';
import { callSeed, sampleSchema } from './sample-args.js';
import { DEFAULT_SEED } from './seed.js';

const SPEC = 'spec/openapi-20240301.json';
const MODES: PrismMode[] = ['static', 'dynamic'];
const CALL_TIMEOUT_MS = 30_000;

let client: LoadedClient;
let op: Operation;
const servers = new Map<PrismMode, PrismServer>();

beforeAll(async () => {
  client = await loadGeneratedClient(SPEC);
  op = client.model.operations.find((o) => o.methodName === 'createCustomerOrGuestSession')!;
  const started = await Promise.allSettled(MODES.map((mode) => startPrism({ spec: SPEC, mode, seed: String(DEFAULT_SEED), startTimeoutMs: 90_000 })));
  started.forEach((s, i) => s.status === 'fulfilled' && servers.set(MODES[i]!, s.value));
  const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
});

afterAll(async () => {
  await Promise.all([...servers.values()].map((s) => s.stop()));
  await client?.dispose();
});

/** The operation's body as json-schema-faker samples it from the spec, every optional field set. */
function sampledBody(): Record<string, unknown> {
  return sampleSchema(client.document, op.body!.schema, 'full', callSeed(DEFAULT_SEED, 'zenskar-session')) as Record<string, unknown>;
}

/** A customer session (a sampled `uuid` as `customer_id`, no `is_guest_session`) or a guest session. */
function sessionBody(kind: 'customer' | 'guest'): Record<string, unknown> {
  const { customer_id: _id, is_guest_session: _guest, ...rest } = sampledBody();
  if (kind === 'guest') return { ...rest, is_guest_session: true };
  const uuid = sampleSchema(client.document, { type: 'string', format: 'uuid' }, 'full', callSeed(DEFAULT_SEED, 'customer-id'));
  return { ...rest, customer_id: uuid };
}

/** The 200 body Prism answered with, parsed. */
function answered(report: Awaited<ReturnType<typeof callOperation>>): Record<string, unknown> {
  expect(report.response?.status).toBe(200);
  return JSON.parse(report.response!.body) as Record<string, unknown>;
}

describe.each(MODES)('Prism %s', (mode) => {
  const call = (args: unknown, options: Parameters<typeof callOperation>[4] = {}) =>
    callOperation(client, servers.get(mode)!, op, args as never, options, CALL_TIMEOUT_MS);

  it.each(['customer', 'guest'] as const)('createCustomerOrGuestSession with a %s session agrees', async (kind) => {
    const report = await call({ body: sessionBody(kind) });
    expect(report.reason).toBe('resolved (200)');
    expect(report.verdict).toBe('agree');
    expect(report.requestViolations).toEqual([]);
  });

  it.each([
    ['createCustomerSession', 'customer', false],
    ['createGuestSession', 'guest', true],
  ] as const)('%s: resolves a %s session, refuses (for is_guest_session alone) an answer of the other kind', async (methodName, kind, guest) => {
    const report = await call({ body: sessionBody(kind) }, { methodName });
    expect(report.requestViolations).toEqual([]);
    const body = answered(report);
    // the spec allows either kind of session: its schema and Prism accept the answer
    const specValidator = client.module[op.validators.responses['200']!] as (v: unknown) => { ok: boolean };
    expect(specValidator(body).ok).toBe(true);
    expect(report.responseViolations).toEqual([]);
    if (body.is_guest_session === guest) {
      expect(report.verdict).toBe('agree');
      expect(report.client.resolved).toBe(true);
    } else {
      // Prism, not knowing the session rule, answered the other kind: the overlay's check refuses it, and only it
      expect(report.client.kind).toBe('response_validation');
      expect(report.client.errors!.map((e) => [e.loc.join('.'), e.type])).toEqual([['response.is_guest_session', expect.any(String)]]);
    }
  });

  it('a declared 422 (asked of Prism with `Prefer: code=422`) is an ApiError http 422 whose body the schema accepts', async () => {
    const report = await call({ body: sessionBody('customer') }, { methodName: 'createCustomerSession', headers: { Prefer: 'code=422' } });
    expect(report.verdict).toBe('agree');
    expect(report.client).toMatchObject({ resolved: false, kind: 'http', status: 422 });
    expect(report.reason).toMatch(/^ApiError http 422 \(declared as 422\)$/);
  });

  it('a body our validator refuses is refused by Prism too when sent anyway', async () => {
    const bad = { ...sessionBody('customer'), customer_id: 'not-a-uuid', return_url: 42 };
    const refused = await call({ body: bad });
    expect(refused.verdict).toBe('skip');
    expect(refused.request).toBeUndefined();
    const sent = await call({ body: bad }, { clientOptions: { validateRequests: false } });
    expect([...new Set(sent.requestViolations.map((v) => v.location.join('.')))].sort()).toEqual(['request.body.customer_id', 'request.body.return_url']);
    // Prism answers the spec's own 422 for an invalid request
    expect(sent.client).toMatchObject({ kind: 'http', status: 422 });
  });
});
