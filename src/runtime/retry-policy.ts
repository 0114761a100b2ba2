/** When a failed attempt is worth repeating, and how long to wait first: the `retry` option and its defaults. */
import type { HttpMethod } from "./operation-spec.js";

/** How the backoff step is randomised: `equal` waits [½, 1] × step, `full` [0, 1] × step, `none` exactly the step. */
export type RetryJitter = "equal" | "full" | "none";

/** The `retry` option of `createClient`: every field is optional and falls back to the default shown. */
export interface RetryOptions {
  /** Retries after the first attempt, so at most `maxRetries + 1` attempts. A stream body is never retried. @default 2 */
  maxRetries?: number | undefined;
  /** Methods retried on any of `statuses` and on any network error. @default the idempotent methods of RFC 9110 §9.2.2: GET, HEAD, OPTIONS, PUT, DELETE, TRACE */
  methods?: readonly HttpMethod[] | undefined;
  /** Statuses retried for `methods`. @default [408, 429, 500, 502, 503, 504] */
  statuses?: readonly number[] | undefined;
  /**
   * Statuses retried for every other method (POST, PATCH): only answers saying the request was not processed.
   * A refused connection is retried for every method (the request never reached a server). @default [429, 503]
   */
  nonIdempotentStatuses?: readonly number[] | undefined;
  /** First backoff step in milliseconds; step n is `baseDelayMs × 2^(n−1)`. @default 250 */
  baseDelayMs?: number | undefined;
  /** Largest backoff step in milliseconds. @default 8000 */
  maxDelayMs?: number | undefined;
  /** How the backoff step is randomised, so that many clients do not retry in lockstep. @default "equal" */
  jitter?: RetryJitter | undefined;
  /** Wait as long as a retried response's `Retry-After` header asks instead of the backoff. @default true */
  retryAfter?: boolean | undefined;
  /** Longest `Retry-After` wait honoured; a longer one is shortened to it. The call's deadline still applies. @default 60000 */
  maxRetryAfterMs?: number | undefined;
}

/** `RetryOptions` with every default filled in. */
export interface RetryPolicy {
  maxRetries: number;
  methods: readonly string[];
  statuses: readonly number[];
  nonIdempotentStatuses: readonly number[];
  baseDelayMs: number;
  maxDelayMs: number;
  jitter: RetryJitter;
  retryAfter: boolean;
  maxRetryAfterMs: number;
}

const IDEMPOTENT_METHODS: readonly HttpMethod[] = [
  "GET",
  "HEAD",
  "OPTIONS",
  "PUT",
  "DELETE",
  "TRACE",
];
const ALL_METHODS: readonly unknown[] = [
  "GET",
  "HEAD",
  "OPTIONS",
  "PUT",
  "DELETE",
  "TRACE",
  "POST",
  "PATCH",
];
const JITTERS: readonly unknown[] = ["equal", "full", "none"];

/** The policy when nothing is set. POST/PATCH are retried only on answers saying the request was not processed. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = /* @__PURE__ */ Object.freeze({
  maxRetries: 2,
  methods: IDEMPOTENT_METHODS,
  statuses: [408, 429, 500, 502, 503, 504],
  nonIdempotentStatuses: [429, 503],
  baseDelayMs: 250,
  maxDelayMs: 8_000,
  jitter: "equal",
  retryAfter: true,
  maxRetryAfterMs: 60_000,
});

/**
 * `base` with the fields `options` sets (an explicit `undefined` keeps `base`'s). `maxRetries` is the top-level
 * shorthand; `retry.maxRetries` wins over it. Call `checkRetryOptions` first: this trusts its input.
 */
export function resolveRetryPolicy(
  options: RetryOptions | undefined,
  maxRetries?: number,
  base: RetryPolicy = DEFAULT_RETRY_POLICY,
): RetryPolicy {
  const o = options ?? {};
  return {
    maxRetries: Math.floor(o.maxRetries ?? maxRetries ?? base.maxRetries),
    methods: o.methods ?? base.methods,
    statuses: o.statuses ?? base.statuses,
    nonIdempotentStatuses: o.nonIdempotentStatuses ?? base.nonIdempotentStatuses,
    baseDelayMs: o.baseDelayMs ?? base.baseDelayMs,
    maxDelayMs: o.maxDelayMs ?? base.maxDelayMs,
    jitter: o.jitter ?? base.jitter,
    retryAfter: o.retryAfter ?? base.retryAfter,
    maxRetryAfterMs: o.maxRetryAfterMs ?? base.maxRetryAfterMs,
  };
}

/** What is wrong with retry settings, as `[setting, problem]` pairs (empty when all is well). */
export function checkRetryOptions(options: unknown, maxRetries: unknown): Array<[string, string]> {
  const problems: Array<[string, string]> = [];
  if (maxRetries !== undefined && !isCount(maxRetries))
    problems.push(["maxRetries", `must be a number ≥ 0, got ${show(maxRetries)}`]);
  if (options === undefined) return problems;
  if (typeof options !== "object" || options === null) {
    problems.push(["retry", `must be an object, got ${show(options)}`]);
    return problems;
  }
  const o = options as Record<string, unknown>;
  for (const key of ["maxRetries", "baseDelayMs", "maxDelayMs", "maxRetryAfterMs"]) {
    if (o[key] !== undefined && !isCount(o[key]))
      problems.push([`retry.${key}`, `must be a number ≥ 0, got ${show(o[key])}`]);
  }
  if (o.jitter !== undefined && !JITTERS.includes(o.jitter))
    problems.push(["retry.jitter", `must be one of ${JITTERS.join(", ")}, got ${show(o.jitter)}`]);
  if (o.retryAfter !== undefined && typeof o.retryAfter !== "boolean")
    problems.push(["retry.retryAfter", `must be a boolean, got ${show(o.retryAfter)}`]);
  for (const key of ["statuses", "nonIdempotentStatuses"]) {
    const list = o[key];
    if (
      list !== undefined &&
      !(Array.isArray(list) && list.every((s) => Number.isInteger(s) && s >= 100 && s <= 599))
    ) {
      problems.push([`retry.${key}`, "must be an array of HTTP status codes (100–599)"]);
    }
  }
  const methods = o.methods;
  if (
    methods !== undefined &&
    !(Array.isArray(methods) && methods.every((m) => ALL_METHODS.includes(m)))
  ) {
    problems.push(["retry.methods", `must be an array of: ${ALL_METHODS.join(", ")}`]);
  }
  return problems;
}

/** True when an HTTP status may be retried for this method. */
export function isRetryableStatus(
  policy: RetryPolicy,
  method: HttpMethod,
  status: number,
): boolean {
  return (
    policy.methods.includes(method) ? policy.statuses : policy.nonIdempotentStatuses
  ).includes(status);
}

/** True when a network failure may be retried: any for the retried methods, only a refused connection otherwise. */
export function isRetryableNetworkError(
  policy: RetryPolicy,
  method: HttpMethod,
  code: string | undefined,
): boolean {
  return policy.methods.includes(method) || code === "ECONNREFUSED";
}

/** The wait before retry number `retry` (1-based): min(max, base × 2^(retry−1)), randomised per `jitter`. */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  switch (policy.jitter) {
    case "none":
      return Math.round(step);
    case "full":
      return Math.round(step * random());
    default:
      return Math.round(step / 2 + (step / 2) * random());
  }
}

/** The wait before retrying after a response: its `Retry-After` (capped) when honoured and readable, else the backoff. */
export function retryDelay(
  retry: number,
  policy: RetryPolicy,
  retryAfterHeader: string | null,
  nowMs: number,
  random: () => number,
): number {
  const asked = policy.retryAfter ? parseRetryAfter(retryAfterHeader, nowMs) : undefined;
  return asked === undefined
    ? backoffDelay(retry, policy, random)
    : Math.min(asked, policy.maxRetryAfterMs);
}

/** Milliseconds a `Retry-After` header asks for (delay-seconds or HTTP-date, RFC 9110 §10.2.3); `undefined` if absent or unreadable. */
export function parseRetryAfter(header: string | null, nowMs: number): number | undefined {
  if (header === null) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // Every HTTP-date form starts with a day name; Date.parse alone would also accept '-1' or '2024'.
  if (!/^[A-Za-z]{3}/.test(value)) return undefined;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/** The network error code Node's fetch puts on `cause` (also inside an AggregateError); `undefined` in browsers. */
export function networkErrorCode(error: unknown): string | undefined {
  const cause = (error as { cause?: unknown } | null)?.cause;
  const code = (cause as { code?: unknown } | null | undefined)?.code;
  if (typeof code === "string") return code;
  const first = (cause as { errors?: unknown[] } | null | undefined)?.errors?.[0];
  const inner = (first as { code?: unknown } | null | undefined)?.code;
  return typeof inner === "string" ? inner : undefined;
}

/** A number ≥ 0 (Infinity allowed). */
export function isCount(value: unknown): value is number {
  return typeof value === "number" && value >= 0;
}

/** A setting's value for a message: short, and never a credential (settings hold none). */
export function show(value: unknown): string {
  try {
    return typeof value === "string" ? JSON.stringify(value.slice(0, 40)) : String(value);
  } catch {
    return typeof value;
  }
}
