/** When a failed attempt is worth repeating, and how long to wait first. */
import type { HttpMethod } from './operation-spec.js';

const IDEMPOTENT: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE']);
const RETRY_STATUS_IDEMPOTENT: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);
/** For POST/PATCH only answers saying the request was not processed: too many requests, unavailable. */
const RETRY_STATUS_UNSAFE: ReadonlySet<number> = new Set([429, 503]);

/** True for methods a server must treat as idempotent (RFC 9110 §9.2.2). */
export function isIdempotent(method: HttpMethod): boolean {
  return IDEMPOTENT.has(method);
}

/** True when an HTTP status may be retried for this method. */
export function isRetryableStatus(method: HttpMethod, status: number): boolean {
  return (isIdempotent(method) ? RETRY_STATUS_IDEMPOTENT : RETRY_STATUS_UNSAFE).has(status);
}

/** True when a network failure may be retried: any for idempotent methods, only a refused connection otherwise. */
export function isRetryableNetworkError(method: HttpMethod, code: string | undefined): boolean {
  return isIdempotent(method) || code === 'ECONNREFUSED';
}

/** Exponential backoff with jitter: a random delay in [½, 1] × min(max, base × 2^(retry−1)). */
export function backoffDelay(retry: number, baseMs: number, maxMs: number, random: () => number): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, retry - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
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
  if (typeof code === 'string') return code;
  const first = (cause as { errors?: unknown[] } | null | undefined)?.errors?.[0];
  const inner = (first as { code?: unknown } | null | undefined)?.code;
  return typeof inner === 'string' ? inner : undefined;
}
