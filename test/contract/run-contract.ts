/**
 * The contract check of one spec: generate its client, start Prism, call every operation through the client
 * (required arguments only, then with the optional ones too) and judge each call (see judge.ts).
 */
import { deref } from '../../src/load/resolve-ref.js';
import type { Operation, SecurityScheme } from '../../src/model/types.js';
import { judgeCall, type CallReport } from './judge.js';
import { GeneratorFailure, loadGeneratedClient, type LoadedClient } from './load-client.js';
import { startPrism, type PrismMode, type PrismServer } from './prism.js';
import { Recorder } from './recorder.js';
import { callSeed, sampleArgs, sampleSchema, unusableSample, type CallArgs, type Variant } from './sample-args.js';

export interface ContractOptions {
  spec: string;
  modes: readonly PrismMode[];
  /** seeds the argument sampler and Prism's dynamic answers */
  seed: number;
  startTimeoutMs?: number;
  /** deadline of one client call */
  callTimeoutMs?: number;
  /** samples drawn per call before giving up on one our validator accepts */
  attempts?: number;
  /** progress lines */
  log?: (line: string) => void;
}

/** One call's result, with what was called. */
export interface CallResult extends CallReport {
  operation: string;
  method: string;
  path: string;
  mode: PrismMode;
  /** `required`, `full`, or `required+full` when both variants sample the same arguments */
  variant: string;
}

export interface ContractReport {
  spec: string;
  seed: number;
  modes: PrismMode[];
  /** the run could not start: the generator refused the spec (a crash), or Prism could not serve it */
  failure?: { kind: 'generator' | 'prism' | 'harness'; message: string };
  calls: CallResult[];
  totals: Totals;
}

export interface Totals {
  passed: number;
  failed: number;
  skipped: number;
  crashed: number;
  /** operations with at least one call sent */
  operationsCalled: number;
  /** of those, operations none of whose calls disagreed or crashed */
  operationsAgreed: number;
}

/**
 * Credentials of the generated client: a dummy for every security scheme, long enough to find in any text. The
 * credential that stands for a declared `Authorization` header parameter gets what a user would pass: a value of that
 * parameter's schema (`^Bearer\s[\w-]+$`, say), sampled like the arguments.
 */
export function dummyCredentials(
  schemes: readonly SecurityScheme[],
  document?: Record<string, unknown>,
): { options: Record<string, unknown>; secrets: string[]; headers: string[] } {
  const options: Record<string, unknown> = {};
  const secrets: string[] = [];
  const headers: string[] = [];
  for (const scheme of schemes) {
    const value = (scheme.fromParameter && document && parameterSample(document, scheme)) || `dummy-${scheme.optionName}-credential`;
    if (scheme.kind === 'basic') {
      options[scheme.optionName] = { username: 'contract-user', password: value };
    } else {
      options[scheme.optionName] = value;
    }
    secrets.push(value);
    if (scheme.in === 'header') headers.push(scheme.name);
  }
  return { options, secrets, headers };
}

/** A sample of the schema of the parameter at the scheme's pointer, when it is a non-empty string. */
function parameterSample(document: Record<string, unknown>, scheme: SecurityScheme): string | undefined {
  const param = deref(document, { $ref: scheme.pointer }) as { schema?: unknown } | undefined;
  const value = param?.schema === undefined ? undefined : sampleSchema(document, param.schema, 'required', callSeed(0, scheme.pointer));
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** Runs the check; never throws for a spec problem (those end up in `failure` or in the calls). */
export async function runContract(options: ContractOptions): Promise<ContractReport> {
  const modes = [...options.modes];
  const empty = (failure: ContractReport['failure']): ContractReport => ({
    spec: options.spec, seed: options.seed, modes, ...(failure ? { failure } : {}), calls: [], totals: totalsOf([]),
  });
  let client: LoadedClient;
  try {
    client = await loadGeneratedClient(options.spec);
  } catch (error) {
    return empty({ kind: error instanceof GeneratorFailure ? 'generator' : 'harness', message: errorText(error) });
  }
  const servers: PrismServer[] = [];
  try {
    // both modes at once: each has its own Prism, and most of the time is spent waiting on them
    const started = await Promise.allSettled(
      modes.map((mode) => startPrism(prismOptions(options, mode))),
    );
    for (const s of started) if (s.status === 'fulfilled') servers.push(s.value);
    const refused = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (refused) return empty({ kind: 'prism', message: errorText(refused.reason) });
    try {
      const perMode = await Promise.all(modes.map((mode, i) => callAll(client, servers, i, mode, options)));
      const calls = perMode.flat();
      return { spec: options.spec, seed: options.seed, modes, calls, totals: totalsOf(calls) };
    } catch (error) {
      return empty({ kind: 'prism', message: errorText(error) });
    }
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await client.dispose();
  }
}

/**
 * Calls every operation against one Prism. A request that makes Prism itself crash is recorded as skipped, with
 * Prism's last words, and a fresh Prism serves the remaining calls.
 */
async function callAll(client: LoadedClient, servers: PrismServer[], index: number, mode: PrismMode, options: ContractOptions): Promise<CallResult[]> {
  const results: CallResult[] = [];
  for (const op of client.model.operations) {
    for (const { variant, args } of plannedCalls(client, op, options)) {
      const server = servers[index]!;
      const report = await callOperation(client, server, op, args, {}, options.callTimeoutMs ?? 30_000);
      const lostConnection = report.client.kind === 'network' || report.client.kind === 'timeout';
      if (server.exited() || (lostConnection && (await hasDied(server)))) {
        const words = server.output().split('\n').filter((line) => /Error/.test(line) && !line.includes('__contract_probe__')).slice(0, 2).join(' | ');
        // no answer to judge the client by; Prism's last words say why (see RESULTS.md for what makes it crash)
        report.verdict = 'skip';
        report.reason = `Prism crashed on this request: ${words || server.output().slice(-300)}`;
        servers[index] = await startPrism(prismOptions(options, mode));
      }
      results.push({ operation: op.methodName, method: op.method.toUpperCase(), path: op.path, mode, variant, ...report });
    }
    options.log?.(`${mode} ${op.methodName}: ${results.slice(-2).map((r) => r.verdict).join(', ')}`);
  }
  return results;
}

/** After a failed exchange the process may take a moment to exit. */
async function hasDied(server: PrismServer): Promise<boolean> {
  for (let i = 0; i < 5 && !server.exited(); i++) {
    try {
      await fetch(`${server.url}/__contract_probe__/alive`, { signal: AbortSignal.timeout(1_000) });
      return false;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return server.exited();
}

function prismOptions(options: ContractOptions, mode: PrismMode) {
  return { spec: options.spec, mode, seed: String(options.seed), startTimeoutMs: options.startTimeoutMs ?? 60_000 };
}

/** The distinct calls of one operation: `required` and `full`, merged when they sample the same arguments. */
export function plannedCalls(client: LoadedClient, op: Operation, options: Pick<ContractOptions, 'seed' | 'attempts'>): Array<{ variant: string; args: CallArgs }> {
  const planned = (['required', 'full'] as const).map((variant) => ({ variant, args: drawArgs(client, op, variant, options) }));
  if (JSON.stringify(planned[0]!.args) === JSON.stringify(planned[1]!.args)) return [{ variant: 'required+full', args: planned[0]!.args }];
  return planned;
}

/**
 * Samples until one is drawn that our request validators accept (a few seeds, all derived from the run's seed);
 * the last one is returned either way, so that the client's refusal is what the report shows.
 */
function drawArgs(client: LoadedClient, op: Operation, variant: Variant, options: Pick<ContractOptions, 'seed' | 'attempts'>): CallArgs {
  const attempts = options.attempts ?? 8;
  let args: CallArgs = {};
  for (let attempt = 0; attempt < attempts; attempt++) {
    try {
      args = sampleArgs(client.document, op, variant, callSeed(options.seed, op.methodName, variant, attempt));
    } catch {
      continue;
    }
    if (unusableSample(op, args) === undefined && acceptedByOwnValidators(client, op, args)) return args;
  }
  return args;
}

function acceptedByOwnValidators(client: LoadedClient, op: Operation, args: CallArgs): boolean {
  const v = op.validators;
  const checks: Array<[string | undefined, unknown]> = [
    [v.path, args.path ?? {}], [v.query, args.query ?? {}], [v.header, args.header ?? {}], [v.cookie, args.cookie ?? {}],
  ];
  if (args.body !== undefined) checks.push([v.body, args.body]);
  return checks.every(([name, value]) => {
    const validate = name ? (client.module[name] as ((x: unknown) => { ok: boolean }) | undefined) : undefined;
    return !validate || validate(value).ok;
  });
}

/** Calls `op` through a fresh client whose fetch records the exchange, and judges the outcome. */
export async function callOperation(
  client: LoadedClient,
  server: PrismServer,
  op: Operation,
  args: CallArgs,
  callOptions: { headers?: Record<string, string>; methodName?: string; clientOptions?: Record<string, unknown> },
  timeoutMs: number,
): Promise<CallReport> {
  const credentials = dummyCredentials(client.model.securitySchemes, client.document);
  const recorder = new Recorder(credentials.secrets, credentials.headers);
  let settled: { ok: true; value: unknown } | { ok: false; error: unknown };
  const deviations: Array<{ loc: ReadonlyArray<string | number>; msg: string; type: string }> = [];
  try {
    const api = client.module.createClient({
      ...credentials.options,
      baseUrl: server.url,
      fetch: recorder.fetch,
      maxRetries: 0,
      timeoutMs,
      redirect: 'error',
      hooks: { onResponseDeviation: (event: { deviations: typeof deviations }) => deviations.push(...event.deviations) },
      ...callOptions.clientOptions,
    });
    const method = api[callOptions.methodName ?? op.methodName] as (a: unknown, o?: unknown) => Promise<unknown>;
    if (typeof method !== 'function') throw new Error(`the client has no method ${callOptions.methodName ?? op.methodName}`);
    settled = { ok: true, value: await method(args, callOptions.headers ? { headers: callOptions.headers } : undefined) };
  } catch (error) {
    settled = { ok: false, error };
  }
  return judgeCall(client.module, op, settled, recorder.exchanges, deviations);
}

/** Counts calls and operations; an operation agrees when none of its sent calls disagreed or crashed. */
export function totalsOf(calls: readonly CallResult[]): Totals {
  const count = (v: string) => calls.filter((c) => c.verdict === v).length;
  const byOp = new Map<string, CallResult[]>();
  for (const c of calls) byOp.set(c.operation, [...(byOp.get(c.operation) ?? []), c]);
  let called = 0;
  let agreed = 0;
  for (const opCalls of byOp.values()) {
    const sent = opCalls.filter((c) => c.verdict !== 'skip');
    if (sent.length === 0) continue;
    called++;
    if (sent.every((c) => c.verdict === 'agree')) agreed++;
  }
  return { passed: count('agree'), failed: count('disagree') + count('crash'), skipped: count('skip'), crashed: count('crash'), operationsCalled: called, operationsAgreed: agreed };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
