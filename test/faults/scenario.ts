/**
 * One cell of the fault matrix — a package's operation called with some credentials, arguments and options against
 * a server with some faults — as a fast-check arbitrary, and how it is run and judged.
 */
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { type CallCredential, type CallContext, describe, expectContractOutcome } from './call-checks.js';
import { type HookCall, HOOK_MODES, type HookMode, makeHooks } from './recording-hooks.js';
import { letRejectionsSurface, type Observed, settleWithin } from './settle.js';
import { type CallPlan, predict, type RedirectPolicy } from './contract-model.js';
import { credentialValue, type CredentialValue } from './credentials.js';
import { FAULTS, type Fault, type FaultServer, HANGING_FAULTS } from './fault-server.js';
import { type CallOptionsCase, callOptionsCase, type Case, NO_OPTIONS, SHORT_DEADLINE_MS } from './hostile-inputs.js';
import type { OperationUnderTest, PackageUnderTest } from './packages-under-test.js';

/** Client settings the matrix varies (credentials, base URL, deadline and hooks are added per scenario). */
export interface ClientSettings {
  retries: 'off' | 'fast' | 'default-backoff';
  redirect?: RedirectPolicy;
  maxRedirects?: number;
  validateResponses?: boolean | 'strict';
  hooks: HookMode;
  defaultHeaders: boolean;
}

export type CallStyle = 'method' | 'standalone';

export interface Scenario {
  operation: OperationUnderTest;
  credentials: CredentialValue[];
  args: Case;
  faults: Fault[];
  client: ClientSettings;
  options: CallOptionsCase;
  style: CallStyle;
}

/** The deadline of calls whose server does not hang: generous, so that only a real hang reaches it. */
export const LONG_DEADLINE_MS = 5000;
/** How long past its deadline a call may take to settle before the test calls it hung. */
export const SETTLE_SLACK_MS = 5000;

const RETRIES = {
  off: { maxRetries: 0 },
  fast: { maxRetries: 2, retry: { baseDelayMs: 1, maxDelayMs: 4 } },
  'default-backoff': { maxRetries: 1 },
} as const;

const printable = (credential: CredentialValue): CredentialValue =>
  ({
    ...credential,
    [fc.toStringMethod]: () =>
      credential.value.length > 40 ? `${credential.unique ? 'unique ' : ''}${JSON.stringify(credential.value.slice(0, 24))}…(${credential.value.length} chars)` : JSON.stringify(credential.value),
  }) as CredentialValue;

const clientSettings: fc.Arbitrary<ClientSettings> = fc.record(
  {
    retries: fc.constantFrom('off', 'fast', 'fast', 'default-backoff'),
    redirect: fc.constantFrom<RedirectPolicy>('follow-same-origin', 'follow', 'error'),
    maxRedirects: fc.constantFrom(0, 1, 3),
    validateResponses: fc.constantFrom<boolean | 'strict'>(true, false, 'strict'),
    hooks: fc.constantFrom(...HOOK_MODES),
    defaultHeaders: fc.boolean(),
  },
  { requiredKeys: ['retries', 'hooks', 'defaultHeaders'] },
);

/** A scenario's faults: one or a few in turn, or a refused connection. */
export const faultsArbitrary: fc.Arbitrary<Fault[]> = fc.oneof(
  { weight: 1, arbitrary: fc.constant<Fault[]>(['refused']) },
  { weight: 12, arbitrary: fc.array(fc.constantFrom(...FAULTS.filter((f) => f !== 'refused')), { minLength: 1, maxLength: 3 }) },
);

/** Scenarios for one package; `standalone` calls are drawn only when the package exports `createCore`. */
export function scenarioArbitrary(pkg: PackageUnderTest): fc.Arbitrary<Scenario> {
  const styles: CallStyle[] = typeof pkg.api.createCore === 'function' ? ['method', 'standalone'] : ['method'];
  const operations = pkg.operations.map((o) => ({ ...o, [fc.toStringMethod]: () => o.name }) as OperationUnderTest);
  return fc.constantFrom(...operations).chain((operation) =>
    fc.record({
      operation: fc.constant(operation),
      credentials: fc.tuple(...pkg.credentials.map(() => credentialValue.map(printable))),
      args: operation.args,
      faults: faultsArbitrary,
      client: clientSettings,
      options: callOptionsCase,
      style: fc.constantFrom(...styles),
    }),
  );
}

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

/** The client's deadline: short when the server will hang (so a hang costs little), long otherwise. */
function clientDeadline(scenario: Scenario): number {
  return scenario.faults.some((f) => HANGING_FAULTS.has(f)) ? SHORT_DEADLINE_MS : LONG_DEADLINE_MS;
}

/** The call's settings as the contract merges them (call over client over defaults), and the outcomes it allows. */
export function planOf(scenario: Scenario, pkg: PackageUnderTest): CallPlan {
  const { operation, client, options } = scenario;
  // Invalid options are never read (a getter may throw); options the contract may ignore count as none.
  const call = options.validity === 'invalid' ? {} : asRecord(options.make());
  const callRetry = asRecord(call.retry);
  const clientRetries = RETRIES[client.retries];
  const clientRetry = asRecord((clientRetries as { retry?: unknown }).retry);
  const pick = <T>(...values: unknown[]): T => values.find((v) => v !== undefined) as T;
  const timeoutMs = typeof call.timeoutMs === 'number' && call.timeoutMs > 0 ? call.timeoutMs : clientDeadline(scenario);
  const signal = call.signal;
  const apiKey = pkg.credentials.findIndex((c) => c.name === 'x-api-key');
  return {
    method: operation.method,
    faults: scenario.faults,
    successStatus: operation.successStatus,
    errorStatus: operation.errorStatus,
    declaresJsonBody: operation.declaresJsonBody,
    args: scenario.args.validity,
    options: options.validity,
    aborted: signal instanceof AbortSignal && signal.aborted,
    validateRequests: pick(call.validateRequests, true),
    validateResponses: pick(call.validateResponses, client.validateResponses, true),
    maxRetries: pick(callRetry.maxRetries, call.maxRetries, clientRetry.maxRetries, clientRetries.maxRetries, 2),
    redirect: pick(call.redirect, client.redirect, 'follow-same-origin'),
    maxRedirects: pick(call.maxRedirects, client.maxRedirects, 5),
    deadlineMs: timeoutMs,
    echoedKeyUnique: scenario.credentials[apiKey]?.unique ?? true,
  };
}

/** `createClient` (or `createCore`) options of a scenario. */
export function clientOptionsOf(
  scenario: Scenario,
  pkg: PackageUnderTest,
  baseUrl: string,
  hookCalls: HookCall[],
  credentials: readonly CredentialValue[] = scenario.credentials,
): Record<string, unknown> {
  const { client } = scenario;
  const options: Record<string, unknown> = {
    baseUrl,
    timeoutMs: clientDeadline(scenario),
    ...RETRIES[client.retries],
  };
  pkg.credentials.forEach((c, i) => {
    options[c.option] = credentials[i]!.value;
  });
  if (client.redirect !== undefined) options.redirect = client.redirect;
  if (client.maxRedirects !== undefined) options.maxRedirects = client.maxRedirects;
  if (client.validateResponses !== undefined) options.validateResponses = client.validateResponses;
  const hooks = makeHooks(client.hooks, hookCalls);
  if (hooks) options.hooks = hooks;
  if (client.defaultHeaders) options.headers = { 'x-client': 'fault-matrix' };
  return options;
}

/** Creates the client or core and starts the call; whatever it throws synchronously is the caller's to report. */
function startCall(scenario: Scenario, pkg: PackageUnderTest, clientOptions: Record<string, unknown>): () => unknown {
  const { api } = pkg;
  const name = scenario.operation.name;
  const args = scenario.args.make();
  // NO_OPTIONS: the call gets one argument, as most calls do; every other case passes what it makes, even undefined
  const withOptions = scenario.options !== NO_OPTIONS;
  const options = scenario.options.make();
  if (scenario.style === 'standalone') {
    const core = api.createCore!(clientOptions);
    const fn = (api as unknown as Record<string, (...a: unknown[]) => unknown>)[name];
    if (typeof fn !== 'function') throw new Error(`the package exports createCore but no standalone ${name}`);
    return () => (withOptions ? fn(core, args, options) : fn(core, args));
  }
  const client = api.createClient(clientOptions);
  const method = client[name] as (...a: unknown[]) => unknown;
  return () => (withOptions ? method(args, options) : method(args));
}

export interface RunResult {
  observed: Observed;
  hookCalls: HookCall[];
}

/** Runs one scenario against the fault server and judges it; throws (with the reason) when the contract is broken. */
export async function runScenario(
  scenario: Scenario,
  pkg: PackageUnderTest,
  server: FaultServer,
  takeProcessFailures: () => unknown[],
): Promise<RunResult> {
  const plan = planOf(scenario, pkg);
  const hookCalls: HookCall[] = [];
  const clientOptions = clientOptionsOf(scenario, pkg, server.scenario(scenario.faults), hookCalls);
  let start: () => unknown;
  try {
    start = startCall(scenario, pkg, clientOptions);
  } catch (error) {
    throw new Error(`creating the client with accepted credentials threw: ${describe(error)}`);
  }
  const observed = await settleWithin(start, plan.deadlineMs + SETTLE_SLACK_MS);
  await letRejectionsSurface();
  const stray = takeProcessFailures();
  if (stray.length > 0) throw new Error(`the call left ${stray.length} unhandled rejection(s) or exception(s): ${stray.map(describe).join('; ')}`);
  const credentials: CallCredential[] = pkg.credentials.map((c, i) => ({ ...c, ...scenario.credentials[i]! }));
  const context: CallContext = { api: pkg.api, operation: scenario.operation.name, method: scenario.operation.method, credentials, hookCalls };
  expectContractOutcome(observed, predict(plan), context);
  if (observed.type === 'rejected' && scenario.credentials.some((c) => !c.unique)) {
    await expectSameValidationWithUniqueCredentials(scenario, pkg, server, observed.error, takeProcessFailures);
  }
  return { observed, hookCalls };
}

/**
 * A request refused before sending cannot depend on the credentials: with unique ones in place of word-like ones,
 * the same call must report the very same errors (so redaction of a short credential corrupted nothing).
 */
async function expectSameValidationWithUniqueCredentials(
  scenario: Scenario,
  pkg: PackageUnderTest,
  server: FaultServer,
  error: unknown,
  takeProcessFailures: () => unknown[],
): Promise<void> {
  const first = error as { kind?: unknown; errors?: unknown };
  if (first.kind !== 'request_validation') return;
  const unique = pkg.credentials.map((c, i) => ({ value: `ref-${c.option}-${i}-Xq7vR2mK9pL4`, unique: true }));
  const options = clientOptionsOf({ ...scenario, client: { ...scenario.client, hooks: 'none' } }, pkg, server.scenario(['ok']), [], unique);
  const reference = await settleWithin(startCall(scenario, pkg, options), LONG_DEADLINE_MS + SETTLE_SLACK_MS);
  await letRejectionsSurface();
  takeProcessFailures();
  const shape = (errors: unknown): unknown =>
    Array.isArray(errors) ? errors.map((e: { loc?: unknown; msg?: unknown; type?: unknown }) => ({ loc: e.loc, msg: e.msg, type: e.type })) : errors;
  const ref = reference.type === 'rejected' ? (reference.error as { kind?: unknown; errors?: unknown }) : undefined;
  if (ref?.kind !== 'request_validation' || !isDeepStrictEqual(shape(ref.errors), shape(first.errors))) {
    throw new Error(
      `with word-like credentials the refused request reports ${describe(shape(first.errors))}, with unique ones ${ref ? `${String(ref.kind)} ${describe(shape(ref.errors))}` : reference.type}`,
    );
  }
}
