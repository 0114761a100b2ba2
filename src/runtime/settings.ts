/**
 * The settings a client and each of its calls take, and their one set of checks: `createCore` throws a RangeError
 * naming every bad setting, a call rejects with a `request_validation` ApiError naming every bad call option.
 */
import type { TransportHooks } from "./hooks.js";
import type { RedirectPolicy } from "./redirects.js";
import type { ResponsePolicy } from "./response-policy.js";
import type { RetryOptions } from "./retry-policy.js";

/** The settings of a client besides its credentials. Optional fields also take `undefined`. */
export interface CoreSettings {
  /** base URL of the API; default: the spec's first server */
  baseUrl?: string | undefined;
  /** the fetch implementation; default: `globalThis.fetch` at the time of each call */
  fetch?: typeof fetch | undefined;
  /** headers sent with every request (per-call headers override them) */
  headers?: Record<string, string> | undefined;
  /** deadline of a whole call, retries and waits included, in ms; `Infinity` for none; default 60_000 */
  timeoutMs?: number | undefined;
  /** shorthand for `retry.maxRetries` (which wins); default 2 */
  maxRetries?: number | undefined;
  /** backoff, which failures are retried, `Retry-After`; see `RetryOptions` for the defaults */
  retry?: RetryOptions | undefined;
  /** default 'follow-same-origin'; see `RedirectPolicy` */
  redirect?: RedirectPolicy | undefined;
  /** most redirects followed in one attempt; default 5 */
  maxRedirects?: number | undefined;
  /** check arguments before sending; default true */
  validateRequests?: boolean | undefined;
  /** what to do with responses that deviate from the spec; default true (see `ResponsePolicy`) */
  validateResponses?: ResponsePolicy | undefined;
  hooks?: TransportHooks | undefined;
}

/** Per-call options; each overrides the client's setting of the same name for this call. */
export interface CallOptions {
  /** aborts the call (kind `aborted`); it is also handed to fetch, so the connection is closed at once */
  signal?: AbortSignal | undefined;
  /** deadline for this call (all attempts and waits), in milliseconds; `Infinity` for none */
  timeoutMs?: number | undefined;
  /** extra headers; these win over every other header source */
  headers?: Record<string, string> | undefined;
  /** retry settings, field by field over the client's (`retry: { maxRetries: 0 }`: no retry) */
  retry?: RetryOptions | undefined;
  /** shorthand for `retry.maxRetries` */
  maxRetries?: number | undefined;
  redirect?: RedirectPolicy | undefined;
  /** most redirects followed per attempt */
  maxRedirects?: number | undefined;
  validateRequests?: boolean | undefined;
  validateResponses?: ResponsePolicy | undefined;
}

/** What a setting must be: a test and the words for the message. A nested record checks an object's fields. */
type Rule = [test: (value: unknown) => boolean, expected: string] | { [field: string]: Rule };

const isCount = (v: unknown): boolean => typeof v === "number" && v >= 0;
const isBoolean = (v: unknown): boolean => typeof v === "boolean";
const isObject = (v: unknown): boolean => typeof v === "object" && v !== null;
const isStatusList = (v: unknown): boolean =>
  Array.isArray(v) && v.every((s) => Number.isInteger(s) && s >= 100 && s <= 599);
const METHODS: readonly unknown[] = [
  "GET",
  "HEAD",
  "OPTIONS",
  "PUT",
  "DELETE",
  "TRACE",
  "POST",
  "PATCH",
];
const POLICIES: readonly unknown[] = ["follow-same-origin", "follow", "error"];
const JITTERS: readonly unknown[] = ["equal", "full", "none"];
const COUNT: Rule = [isCount, "a number ≥ 0"];
const STATUSES: Rule = [isStatusList, "a list of HTTP status codes"];

// Plain literals only (no calls at module level), so a bundle that does not check settings drops all of this.
const RULES: Record<string, Rule> = {
  baseUrl: [
    // A path (`/api`) is for browsers, where fetch resolves it against the page.
    (v) => typeof v === "string" && /^([a-z][a-z\d+.-]*:|\/)/i.test(v),
    "an absolute URL, or a path from the page's origin",
  ],
  fetch: [(v) => typeof v === "function", "a function"],
  headers: [isObject, "an object of header names and values"],
  hooks: [isObject, "an object of hook functions"],
  signal: [
    (v) =>
      isObject(v) &&
      typeof (v as AbortSignal).aborted === "boolean" &&
      typeof (v as AbortSignal).addEventListener === "function" &&
      typeof (v as AbortSignal).removeEventListener === "function",
    "an AbortSignal",
  ],
  timeoutMs: [isCount, "a number ≥ 0 (Infinity: no deadline)"],
  maxRetries: COUNT,
  redirect: [(v) => POLICIES.includes(v), "follow-same-origin, follow or error"],
  maxRedirects: [(v) => Number.isInteger(v) && (v as number) >= 0, "an integer ≥ 0"],
  validateRequests: [isBoolean, "a boolean"],
  validateResponses: [(v) => isBoolean(v) || v === "strict", 'true, false or "strict"'],
  retry: {
    maxRetries: COUNT,
    baseDelayMs: COUNT,
    maxDelayMs: COUNT,
    maxRetryAfterMs: COUNT,
    jitter: [(v) => JITTERS.includes(v), "equal, full or none"],
    retryAfter: [isBoolean, "a boolean"],
    statuses: STATUSES,
    nonIdempotentStatuses: STATUSES,
    methods: [
      (v) => Array.isArray(v) && v.every((m) => METHODS.includes(m)),
      "a list of HTTP methods",
    ],
  },
};

/**
 * What is wrong with `settings` (client settings or call options), as `[path, problem]` pairs; empty when all is
 * well. Only the fields that are set are looked at; unknown ones (a client's credential options) are left alone.
 */
export function checkSettings(
  settings: object,
  rules: Record<string, Rule> = RULES,
  prefix: string[] = [],
): Array<[path: string[], problem: string]> {
  const problems: Array<[string[], string]> = [];
  for (const key of Object.keys(settings)) {
    const rule = rules[key];
    const value: unknown = (settings as Record<string, unknown>)[key];
    if (rule === undefined || value === undefined) continue;
    const path = [...prefix, key];
    if (!Array.isArray(rule)) {
      if (!isObject(value)) problems.push([path, "must be an object"]);
      else problems.push(...checkSettings(value as object, rule, path));
    } else if (!rule[0](value)) {
      problems.push([path, `must be ${rule[1]}`]);
    }
  }
  return problems;
}
