/**
 * The core of a client: its settings checked and resolved once, its credentials, and what each operation's calls
 * share. `createCore` (generated) builds one; `createClient` wraps one; operation functions take one.
 */
import { type Credential, type CredentialInput, resolveCredential } from "./auth.js";
import type { TransportHooks } from "./hooks.js";
import type { OperationSpec } from "./operation-spec.js";
import { createRedactor, type Redactor } from "./redact.js";
import { checkRedirectOptions, type RedirectPolicy } from "./redirects.js";
import { isResponsePolicy, type ResponsePolicy } from "./response-policy.js";
import {
  checkRetryOptions,
  isCount,
  resolveRetryPolicy,
  type RetryOptions,
  type RetryPolicy,
} from "./retry-policy.js";

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

/** What every call of one operation on one core shares, worked out at its first call. */
export interface PreparedOperation {
  /** the headers of a call without a body (accept, the client's headers, credentials), names lower-case */
  headers: Readonly<Record<string, string>>;
  /** the same with the body's declared content-type */
  headersWithBody: Readonly<Record<string, string>>;
  /** `name=value` pairs of query credentials, and the same with the value redacted */
  query: readonly string[];
  shownQuery: readonly string[];
  /** `name=value` pieces of cookie credentials */
  cookies: readonly string[];
  /** lower-cased names of the headers that carry a credential */
  credentialHeaders: readonly string[];
}

/** A client's resolved settings, credentials and per-operation caches. Pass it to operation functions; do not change it. */
export interface Core {
  readonly baseUrl: string;
  readonly fetch: typeof fetch | undefined;
  /** the client's headers, names lower-case, checked */
  readonly headers: Readonly<Record<string, string>>;
  /** by security scheme name */
  readonly credentials: ReadonlyMap<string, Credential>;
  readonly redact: Redactor;
  readonly timeoutMs: number;
  readonly retry: RetryPolicy;
  readonly redirect: RedirectPolicy;
  readonly maxRedirects: number;
  readonly validateRequests: boolean;
  readonly validateResponses: ResponsePolicy;
  readonly hooks: TransportHooks | undefined;
  readonly prepared: Map<OperationSpec, PreparedOperation>;
}

/** A header name: an HTTP token. */
export const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** What a header value must not hold: CR, LF, NUL and other controls split or truncate headers; beyond Latin-1 is not a ByteString. */
export const UNSAFE_HEADER_VALUE = /[\u0000-\u0008\u000A-\u001F\u007F\u0100-\uFFFF]/;

/**
 * Builds a core from settings and the spec's credentials (generated code describes them). Throws a TypeError naming
 * the option for an unusable credential, and a RangeError naming every invalid setting: a mistake is reported once,
 * at creation, not at every call.
 */
export function makeCore(
  settings: CoreSettings,
  defaultBaseUrl: string,
  credentialInputs: readonly CredentialInput[],
): Core {
  const credentials = new Map<string, Credential>();
  const secrets: string[] = [];
  for (const input of credentialInputs) {
    const resolved = resolveCredential(input);
    if (!resolved) continue;
    credentials.set(input.scheme, resolved.credential);
    secrets.push(...resolved.secrets);
  }
  const s = settings ?? {};
  const problems: Array<[string, string]> = [
    ...checkRetryOptions(s.retry, s.maxRetries),
    ...checkRedirectOptions(s.redirect, s.maxRedirects),
  ];
  const baseUrl = s.baseUrl ?? defaultBaseUrl;
  // A path (`/api`) is for browsers, where fetch resolves it against the page.
  if (typeof baseUrl !== "string" || !/^(?:[A-Za-z][A-Za-z0-9+.-]*:|\/)/.test(baseUrl))
    problems.push([
      "baseUrl",
      "must be an absolute URL (https://...) or a path from the page's origin",
    ]);
  if (s.timeoutMs !== undefined && !isCount(s.timeoutMs))
    problems.push(["timeoutMs", "must be a number ≥ 0 (Infinity: no deadline)"]);
  if (s.fetch !== undefined && typeof s.fetch !== "function")
    problems.push(["fetch", "must be a function"]);
  if (s.validateRequests !== undefined && typeof s.validateRequests !== "boolean")
    problems.push(["validateRequests", "must be a boolean"]);
  if (s.validateResponses !== undefined && !isResponsePolicy(s.validateResponses))
    problems.push(["validateResponses", 'must be true, false or "strict"']);
  if (s.hooks !== undefined && (typeof s.hooks !== "object" || s.hooks === null))
    problems.push(["hooks", "must be an object of hook functions"]);
  const headers: Record<string, string> = Object.create(null);
  if (s.headers !== undefined && (typeof s.headers !== "object" || s.headers === null))
    problems.push(["headers", "must be an object of header names and values"]);
  for (const [name, value] of Object.entries(s.headers ?? {})) {
    if (!HEADER_NAME.test(name) || typeof value !== "string" || UNSAFE_HEADER_VALUE.test(value))
      problems.push([
        `headers.${name}`,
        "must be a valid HTTP header name with a printable Latin-1 value",
      ]);
    else headers[name.toLowerCase()] = value;
  }
  if (problems.length > 0)
    throw new RangeError(
      `invalid client options: ${problems.map(([name, problem]) => `${name} ${problem}`).join("; ")}`,
    );
  return {
    baseUrl: baseUrl.replace(/\/+$/, ""),
    fetch: s.fetch,
    headers,
    credentials,
    redact: createRedactor(secrets),
    timeoutMs: s.timeoutMs ?? 60_000,
    retry: resolveRetryPolicy(s.retry, s.maxRetries),
    redirect: s.redirect ?? "follow-same-origin",
    maxRedirects: s.maxRedirects ?? 5,
    validateRequests: s.validateRequests ?? true,
    validateResponses: s.validateResponses ?? true,
    hooks: s.hooks,
    prepared: new Map(),
  };
}
