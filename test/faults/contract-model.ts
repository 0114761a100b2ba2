/**
 * What the client contract predicts for one call: the outcomes it allows, given the arguments, the options and the
 * server's faults in order. Where the contract leaves a choice (is a sparse array valid? is a body read that fails
 * retried?), every allowed outcome is listed; the test then only requires a well-formed ApiError of one of them.
 */
import type { Fault } from './fault-server.js';
import type { Validity } from './hostile-inputs.js';
import type { HttpMethod } from './packages-under-test.js';

export type ErrorKind = 'request_validation' | 'http' | 'network' | 'timeout' | 'aborted' | 'response_validation' | 'redirect';

export type Expected =
  | { outcome: 'value'; value: 'undefined' | 'any' }
  | { outcome: 'error'; kind: ErrorKind; status?: number; errorType?: string }
  /** anything well-formed: the caller switched validation off and sent what the contract does not describe */
  | { outcome: 'any' };

export type RedirectPolicy = 'follow-same-origin' | 'follow' | 'error';

/** Everything the prediction depends on, with the client's and the call's options already merged. */
export interface CallPlan {
  method: HttpMethod;
  faults: readonly Fault[];
  successStatus: number;
  errorStatus: number;
  declaresJsonBody: boolean;
  args: Validity;
  options: Validity;
  aborted: boolean;
  validateRequests: boolean;
  validateResponses: boolean | 'strict';
  maxRetries: number;
  redirect: RedirectPolicy;
  maxRedirects: number;
  deadlineMs: number;
  /** the `x-api-key` the server echoes into a redirect target is a unique secret (so `follow` must refuse it) */
  echoedKeyUnique: boolean;
}

/** Deadlines below this are short enough that a loaded machine may reach them in any scenario. */
const SHORT_DEADLINE = 1000;
const IDEMPOTENT: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE']);
const RETRIED_IDEMPOTENT: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);
const RETRIED_ANY: ReadonlySet<number> = new Set([429, 503]);

const error = (kind: ErrorKind, extra: { status?: number; errorType?: string } = {}): Expected => ({ outcome: 'error', kind, ...extra });

/** The outcomes the contract allows for the call. */
export function predict(plan: CallPlan): Expected[] {
  const refused = error('request_validation');
  if (plan.options === 'invalid') return [refused];
  const out: Expected[] = plan.options === 'either' ? [refused] : [];
  if (!plan.validateRequests && plan.args !== 'valid') return [...out, refused, { outcome: 'any' }];
  if (plan.args === 'invalid') return [...out, refused, ...(plan.aborted ? [error('aborted')] : [])];
  if (plan.args === 'either') out.push(refused);
  if (plan.aborted) return [...out, error('aborted')];
  const sent = simulate(plan, 0, plan.maxRetries, 0);
  // Arguments sent in a form the contract leaves open may draw an answer of another shape.
  if (plan.args === 'either') sent.push(error('response_validation'));
  // Options the contract may read either way (`timeoutMs: 0`) can also end the call on a deadline.
  const mayTimeOut = plan.deadlineMs < SHORT_DEADLINE || plan.options === 'either';
  return dedupe([...out, ...sent, ...(mayTimeOut ? [error('timeout')] : [])]);
}

/** The outcomes from request number `n` on, with `retries` retries left and `hops` redirects followed in this attempt. */
function simulate(plan: CallPlan, n: number, retries: number, hops: number): Expected[] {
  const fault = plan.faults[Math.min(n, plan.faults.length - 1)] ?? 'ok';
  const idempotent = IDEMPOTENT.has(plan.method);
  // A retry whose wait would pass the deadline is not made: the call fails at once with the error at hand, which a
  // short deadline makes possible at every retry.
  const retryOr = (failure: Expected, retryable: boolean): Expected[] =>
    retryable && retries > 0
      ? [...(plan.deadlineMs < SHORT_DEADLINE ? [failure] : []), ...simulate(plan, n + 1, retries - 1, 0)]
      : [failure];
  const http = (status: number): Expected[] =>
    retryOr(error('http', { status }), (idempotent ? RETRIED_IDEMPOTENT : RETRIED_ANY).has(status));
  const bodyStatus = plan.successStatus === 204 ? 200 : plan.successStatus;
  const redirect = (crossOrigin: boolean): Expected[] => {
    const refusedHop = error('redirect', { status: 307 });
    if (plan.redirect === 'error' || hops >= plan.maxRedirects) return [refusedHop];
    const follow = simulate(plan, n + 1, retries, hops + 1);
    if (!crossOrigin) return fault === 'redirect-echo' ? [refusedHop, ...follow] : follow;
    if (plan.redirect === 'follow-same-origin' || plan.echoedKeyUnique) return [refusedHop];
    // `follow` and a target whose echoed key is a word: the contract does not say whether it counts as holding one
    return [refusedHop, error('network'), ...follow];
  };
  const badBody = (errorType?: string): Expected[] => {
    const invalid = error('response_validation', { status: bodyStatus, ...(errorType ? { errorType } : {}) });
    if (!plan.declaresJsonBody) return [error('response_validation', { status: bodyStatus }), { outcome: 'value', value: 'any' }];
    return plan.validateResponses === false ? [invalid, { outcome: 'value', value: 'any' }] : [invalid];
  };
  // A body under a status the operation does not declare (deleteItem's 200) may be left unread.
  const unreadBody: Expected[] = plan.declaresJsonBody ? [] : [{ outcome: 'value', value: 'any' }];
  switch (fault) {
    case 'ok':
      return [{ outcome: 'value', value: plan.successStatus === 204 ? 'undefined' : 'any' }];
    case 'declared-error':
    case 'declared-error-html':
    case 'echo-declared-error':
      return http(plan.errorStatus);
    case 'server-error-invalid-json':
    case 'echo-text-error':
      return http(500);
    case 'reset-before-response':
    case 'close-before-response':
    case 'garbage-response':
      return retryOr(error('network'), idempotent);
    case 'bad-gzip':
      // a body that cannot be decompressed: a failed read, or a body that is not JSON
      return [error('network'), ...badBody(), ...(idempotent ? retryOr(error('network'), true) : []), ...unreadBody];
    case 'redirect-without-location':
      // nothing to follow: the 302 is the answer
      return [error('http', { status: 302 }), error('redirect', { status: 302 })];
    case 'redirect-to-other-scheme':
      return [error('redirect', { status: 307 })];
    case 'deeply-nested-json':
      return badBody();
    case 'deeply-nested-error':
      return http(plan.errorStatus);
    case 'json-with-bom':
      // a byte order mark may be dropped by the decoder (WHATWG "UTF-8 decode") or make the text invalid JSON
      return [{ outcome: 'value', value: 'any' }, ...badBody('json_invalid')];
    case 'refused':
      return [error('network')];
    case 'reset-during-body':
      // whether a body that breaks off is retried is left open, and so is whether an undeclared one is read at all
      return [error('network'), ...(idempotent ? retryOr(error('network'), true) : []), ...unreadBody];
    case 'truncated-json':
    case 'invalid-json':
    case 'html-as-json':
      return badBody('json_invalid');
    case 'text-instead-of-json':
    case 'empty-success':
    case 'echo-success':
      return badBody();
    case 'no-content-with-body':
      return [{ outcome: 'value', value: 'undefined' }];
    case 'headers-then-hang':
    case 'slow-drip':
      return [error('timeout'), ...unreadBody];
    case 'never-answer':
      return [error('timeout')];
    case 'redirect-loop':
    case 'redirect-echo':
      return redirect(false);
    case 'redirect-away':
      return redirect(true);
    case 'retry-after-past':
    case 'retry-after-garbage':
      return retryOr(error('http', { status: 429 }), true);
    case 'retry-after-far':
      // capped at 60 s, which is past any deadline here: the call fails at once with the 503
      return [error('http', { status: 503 })];
  }
}

function dedupe(list: Expected[]): Expected[] {
  const seen = new Set<string>();
  return list.filter((e) => {
    const key = JSON.stringify(e);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** How a call ended: with a value, or with an error (already known to be an ApiError). */
export type Settlement =
  | { resolved: true; value: unknown }
  | { resolved: false; error: { kind: unknown; status: unknown; errors?: unknown } };

/** True when the settlement is one of the expected outcomes. */
export function matches(expected: readonly Expected[], settled: Settlement): boolean {
  return expected.some((e) => {
    if (e.outcome === 'any') return true;
    if (e.outcome === 'value') return settled.resolved && (e.value === 'any' || settled.value === undefined);
    if (settled.resolved) return false;
    const err = settled.error;
    if (err.kind !== e.kind) return false;
    if (e.status !== undefined && err.status !== e.status) return false;
    if (e.errorType !== undefined) {
      const types = Array.isArray(err.errors) ? err.errors.map((i: { type?: unknown }) => i.type) : [];
      if (!types.includes(e.errorType)) return false;
    }
    return true;
  });
}

/** The outcomes as short text, for failure messages. */
export function describeExpected(expected: readonly Expected[]): string {
  return expected
    .map((e) =>
      e.outcome === 'any'
        ? 'anything well-formed'
        : e.outcome === 'value'
          ? `value${e.value === 'undefined' ? ' undefined' : ''}`
          : `${e.kind}${e.status === undefined ? '' : ` ${e.status}`}${e.errorType ? ` (${e.errorType})` : ''}`,
    )
    .join(' | ');
}
