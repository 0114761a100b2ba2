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
 * shorthand; `retry.maxRetries` wins over it. Check the options first (settings.ts): this trusts its input.
 */
export function resolveRetryPolicy(
  options: RetryOptions | undefined,
  maxRetries?: number,
  base: RetryPolicy = DEFAULT_RETRY_POLICY,
): RetryPolicy {
  const policy: Record<string, unknown> = { ...base, maxRetries: maxRetries ?? base.maxRetries };
  for (const [key, value] of Object.entries(options ?? {}))
    if (value !== undefined) policy[key] = value;
  policy.maxRetries = Math.floor(policy.maxRetries as number);
  return policy as unknown as RetryPolicy;
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
  const jitter = policy.jitter;
  return Math.round(
    jitter === "none"
      ? step
      : jitter === "full"
        ? step * random()
        : step / 2 + (step / 2) * random(),
  );
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
