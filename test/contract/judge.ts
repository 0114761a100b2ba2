/**
 * The verdict on one call: `agree` when Prism saw nothing wrong with the request and the outcome is what the spec
 * prescribes for the answer Prism gave (a valid answer is taken: resolved, or an ApiError `http` of a declared
 * status; an answer that breaks its schema — Prism says so itself — is refused for the same reasons); `disagree`
 * otherwise; `skip` when our own request validator refused the sample (nothing was sent); `crash` when the client
 * threw something that is not an ApiError.
 */
import type { Operation, Response } from '../../src/model/types.js';
import type { ClientModule } from './load-client.js';
import type { Exchange, ReceivedResponse, SentRequest } from './recorder.js';

export type Verdict = 'agree' | 'disagree' | 'skip' | 'crash';

/** One entry of Prism's `sl-violations` header, or of the `validation` list of its own problem answers. */
export interface Violation {
  location: string[];
  severity: string;
  code?: string | number;
  message: string;
}

/** Prism's own answer (not from the spec): `https://stoplight.io/prism/errors#<NAME>`. */
export interface PrismProblem {
  type: string;
  title: string;
  status: number;
  detail: string;
  validation?: Violation[];
}

/** What the client did with the call. */
export interface ClientOutcome {
  resolved: boolean;
  kind?: string;
  status?: number;
  message?: string;
  errors?: Array<{ loc: ReadonlyArray<string | number>; msg: string; type: string }>;
  /** what the client resolved with or put in `err.body` (cut for the report) */
  body?: unknown;
  /** deviations the response policy tolerated and reported to `hooks.onResponseDeviation` */
  deviations?: Array<{ loc: ReadonlyArray<string | number>; msg: string; type: string }>;
}

export interface CallReport {
  verdict: Verdict;
  /** one line: why (or, when agreeing, what came back) */
  reason: string;
  request?: SentRequest;
  response?: ReceivedResponse;
  /** Prism's error-severity violations of our request */
  requestViolations: Violation[];
  /** Prism's own judgement of the answer it gave (a static example that breaks its schema shows up here) */
  responseViolations: Violation[];
  prismProblem?: PrismProblem;
  client: ClientOutcome;
}

const PRISM_ERRORS = 'https://stoplight.io/prism/errors#';

/** The verdict on a call that settled with `value` or threw `thrown`, given what was exchanged on the wire. */
export function judgeCall(
  module: ClientModule,
  op: Operation,
  settled: { ok: true; value: unknown } | { ok: false; error: unknown },
  exchanges: readonly Exchange[],
  deviations: NonNullable<ClientOutcome['deviations']> = [],
): CallReport {
  const last = exchanges.at(-1);
  const client = { ...clientOutcome(module, settled), ...(deviations.length > 0 ? { deviations } : {}) };
  const base = {
    ...(last ? { request: last.request } : {}),
    ...(last?.response ? { response: last.response } : {}),
    client,
  };
  const violations = last?.response ? parseViolations(last.response) : [];
  const requestViolations = violations.filter((v) => v.location[0] === 'request' && v.severity === 'Error');
  const responseViolations = violations.filter((v) => v.location[0] === 'response');
  const prismProblem = last?.response ? parseProblem(last.response) : undefined;
  const report = (verdict: Verdict, reason: string): CallReport => ({
    verdict, reason, ...base, requestViolations, responseViolations, ...(prismProblem ? { prismProblem } : {}),
  });

  if (!settled.ok && !module.isApiError(settled.error)) {
    const error = settled.error;
    return report('crash', `threw a non-ApiError: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  }
  if (client.kind === 'request_validation' && exchanges.length === 0) {
    return report('skip', `our request validator refused the sample: ${describeErrors(client.errors)}`);
  }
  if (requestViolations.length > 0) {
    return report('disagree', `Prism found the request invalid: ${requestViolations.map(describeViolation).join('; ')}`);
  }
  if (prismProblem && /#NO_(PATH|METHOD)_MATCHED_ERROR$/.test(prismProblem.type) && /[#?]/.test(op.path)) {
    // `/#X-Amz-Target=...` or `/search?query={q}`: a fragment never reaches a server and a query is not part of the
    // path (RFC 3986 §3), so no request can match the path as the spec writes it; Prism routes it literally (or to the same path without the fragment, which has other methods)
    return report('skip', `the spec's path \`${op.path}\` holds a ${op.path.includes('#') ? 'fragment' : 'query'}, which no request carries to a server; Prism cannot route it (not a verdict on the client)`);
  }
  if (prismProblem && prismProblem.status >= 500) {
    // Prism accepted the request but could not build an answer (a media type it cannot serialise, no schema to
    // generate from): there is no answer from the spec to judge the client by
    return report('skip', `Prism could not answer (its own ${prismProblem.status} ${prismProblem.title})`);
  }
  if (prismProblem) {
    const details = prismProblem.validation?.map(describeViolation).join('; ');
    return report('disagree', `Prism answered ${prismProblem.status} ${prismProblem.title}: ${prismProblem.detail}${details ? ` (${details})` : ''}`);
  }
  // What the spec prescribes depends on the answer: a valid one is taken, one that breaks its schema is refused.
  // Prism judges its own answer (a static example that breaks its schema, or its sampler ignoring a constraint),
  // so our validator's verdict is checked against an independent one, both ways.
  // the client checks JSON bodies only (text and binary ones are handed over as they are), so Prism's view of
  // another body says nothing about the client
  const offSpec = isJsonResponse(last?.response) ? bodyViolations(responseViolations) : [];
  if (client.resolved) {
    // the default response policy takes an answer that deviates only as a compatible API change would, and reports it
    const tolerated = client.deviations ?? [];
    if (offSpec.length > 0 && tolerated.length > 0 && sameRejection(tolerated, offSpec) && coversAll(offSpec, tolerated)) {
      return report('agree', `resolved (${last?.response?.status ?? ''}) with deviations the response policy tolerates, where Prism finds them too: ${describeErrors(tolerated)}`);
    }
    if (offSpec.length > 0) {
      return report('disagree', `resolved, but Prism says its ${last?.response?.status ?? ''} answer breaks the schema: ${offSpec.map(describeViolation).join('; ')}`);
    }
    return report('agree', `resolved (${last?.response?.status ?? 'no response'})`);
  }
  if (client.kind === 'http' || client.kind === 'redirect') {
    const status = client.status ?? 0;
    const declared = declaredResponse(op, status);
    if (!declared && status >= 500 && /problem\+json/.test(last?.response?.headers['content-type'] ?? '')) {
      // Prism failing inside (`{"type":"TypeError",...}`): no answer from the spec to judge the client by
      return report('skip', `Prism could not answer (an undeclared ${status}: ${oneLineBody(last?.response?.body)})`);
    }
    if (!declared) return report('disagree', `ApiError ${client.kind} with status ${status}, which the operation does not declare`);
    const problem = bodyProblem(module, op, declared, settled.ok ? undefined : (settled.error as { body?: unknown }).body);
    if (problem && !sameRejection(problem.errors, offSpec)) return report('disagree', `ApiError ${client.kind} ${status}: ${problem.text}${prismSays(offSpec)}`);
    if (!problem && offSpec.length > 0) {
      return report('disagree', `ApiError ${client.kind} ${status}: our validator accepts the body, Prism says it breaks the schema: ${offSpec.map(describeViolation).join('; ')}`);
    }
    return report('agree', `ApiError ${client.kind} ${status} (declared as ${declared.status})${problem ? `; the body breaks the schema, as Prism says too: ${problem.text}` : ''}`);
  }
  if (client.kind === 'response_validation') {
    const what = `our response validator rejected Prism's ${last?.response?.status ?? ''} answer: ${describeErrors(client.errors)}`;
    // Prism cuts a long violation list: then each violation it kept must be one of ours
    const cut = (last?.response?.headers['sl-violations'] ?? '').startsWith('Too many violations!');
    const same = cut ? offSpec.length > 0 && coversAll(offSpec, client.errors ?? []) : sameRejection(client.errors ?? [], offSpec);
    if (same) return report('agree', `${what}; Prism says its answer breaks the schema there too`);
    return report('disagree', `${what}${prismSays(offSpec)}`);
  }
  return report('disagree', `ApiError ${client.kind}: ${client.message ?? ''}`);
}

function isJsonResponse(response: ReceivedResponse | undefined): boolean {
  const type = (response?.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  return type === 'application/json' || type === 'text/json' || type.endsWith('+json');
}

/** Prism's violations of the response body (not its headers). */
function bodyViolations(violations: readonly Violation[]): Violation[] {
  return violations.filter((v) => v.location[0] === 'response' && v.location[1] === 'body' && v.severity === 'Error');
}

/**
 * Our validator and Prism reject the same answer for the same reasons: every error of ours lies on the path of one
 * of Prism's body violations (one path a prefix of the other: Prism reports a missing property at its object, we
 * at the property). A rejection Prism does not share is ours alone.
 */
function sameRejection(errors: readonly NonNullable<ClientOutcome['errors']>[number][], offSpec: readonly Violation[]): boolean {
  if (errors.length === 0 || offSpec.length === 0) return false;
  const prismPaths = offSpec.map((v) => v.location.slice(2).map(String));
  return errors.every((e) => {
    // our locs start with `response` (the client's prefix for a body)
    const ours = e.loc.slice(e.loc[0] === 'response' ? 1 : 0).map(String);
    return prismPaths.some((theirs) => isPrefix(ours, theirs) || isPrefix(theirs, ours));
  });
}

/** Every one of Prism's body violations lies on the path of one of our errors. */
function coversAll(offSpec: readonly Violation[], errors: readonly NonNullable<ClientOutcome['errors']>[number][]): boolean {
  const ours = errors.map((e) => e.loc.slice(e.loc[0] === 'response' ? 1 : 0).map(String));
  return offSpec.every((v) => {
    const theirs = v.location.slice(2).map(String);
    return ours.some((path) => isPrefix(path, theirs) || isPrefix(theirs, path));
  });
}

function isPrefix(a: readonly string[], b: readonly string[]): boolean {
  return a.length <= b.length && a.every((segment, i) => segment === b[i]);
}

function prismSays(offSpec: readonly Violation[]): string {
  return offSpec.length > 0 ? ` (Prism says its answer breaks the schema elsewhere: ${offSpec.map(describeViolation).join('; ')})` : ' (Prism says its answer is valid)';
}

/** The declared response a status falls under: the exact code, then its range (`4XX`), then `default`. */
export function declaredResponse(op: Operation, status: number): Response | undefined {
  const code = String(status);
  return (
    op.responses.find((r) => r.status === code) ??
    op.responses.find((r) => r.status === `${code[0]}XX`) ??
    op.responses.find((r) => r.status === 'default')
  );
}

/** Why an error body does not match the schema of its declared response (our generated validator decides). */
function bodyProblem(module: ClientModule, op: Operation, declared: Response, body: unknown): { text: string; errors: NonNullable<ClientOutcome['errors']> } | undefined {
  const name = op.validators.responses[declared.status];
  if (!name || declared.kind !== 'json') return undefined;
  const validate = module[name] as ((value: unknown) => { ok: boolean; errors?: ClientOutcome['errors'] }) | undefined;
  if (typeof validate !== 'function') return { text: `the package exports no ${name}`, errors: [] };
  const result = validate(body);
  if (result.ok) return undefined;
  const errors = result.errors ?? [];
  return { text: `the body does not match the ${declared.status} schema: ${describeErrors(errors)}`, errors };
}

function clientOutcome(module: ClientModule, settled: { ok: true; value: unknown } | { ok: false; error: unknown }): ClientOutcome {
  if (settled.ok) return { resolved: true, body: cut(settled.value) };
  const error = settled.error as Record<string, unknown>;
  if (!module.isApiError(error)) return { resolved: false, message: String(error) };
  return {
    resolved: false,
    kind: String(error.kind),
    ...(typeof error.status === 'number' ? { status: error.status } : {}),
    message: String(error.message),
    // all of them: matching against Prism's violations needs every one (the report is cut when printed)
    ...(Array.isArray(error.errors) ? { errors: (error.errors as ClientOutcome['errors'])!.slice(0, 500) } : {}),
    ...(error.body !== undefined ? { body: cut(error.body) } : {}),
  };
}

/** Prism's `sl-violations` header (JSON, possibly prefixed with "Too many violations! " and cut). */
export function parseViolations(response: ReceivedResponse): Violation[] {
  const header = response.headers['sl-violations'];
  if (!header) return [];
  const text = header.replace(/^Too many violations! /, '');
  try {
    return JSON.parse(text) as Violation[];
  } catch {
    // cut in the middle (Prism cuts the header at 8 kB): keep every entry that is complete
    const entries = text.match(/\{"location":\[[^\]]*\],"severity":"[A-Za-z]+"(?:,"code":(?:"[^"]*"|\d+))?,"message":"(?:[^"\\]|\\.)*"\}/g) ?? [];
    return entries.flatMap((entry) => {
      try {
        return [JSON.parse(entry) as Violation];
      } catch {
        return [];
      }
    });
  }
}

/** Prism's own problem answer, told apart from the spec's answers by its `type`. */
export function parseProblem(response: ReceivedResponse): PrismProblem | undefined {
  if (!/problem\+json/i.test(response.headers['content-type'] ?? '')) return undefined;
  try {
    const body = JSON.parse(response.body) as Partial<PrismProblem>;
    return typeof body.type === 'string' && body.type.startsWith(PRISM_ERRORS) ? (body as PrismProblem) : undefined;
  } catch {
    return undefined;
  }
}

function oneLineBody(body: string | undefined): string {
  return (body ?? '').replace(/\s+/g, ' ').slice(0, 120);
}

function describeViolation(v: Violation): string {
  return `${v.location.join('.')}: ${v.message}`;
}

function describeErrors(errors: ClientOutcome['errors']): string {
  if (!errors || errors.length === 0) return '(no errors listed)';
  return errors.slice(0, 3).map((e) => `${e.loc.join('.')} ${e.type} (${e.msg})`).join('; ') + (errors.length > 3 ? `; +${errors.length - 3} more` : '');
}

function cut(value: unknown): unknown {
  if (value === undefined) return undefined;
  if (value instanceof Blob) return `<Blob ${value.size} B>`;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  if (text === undefined) return undefined;
  return text.length > 2_000 ? `${text.slice(0, 2_000)}…` : value;
}
