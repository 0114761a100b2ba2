/**
 * The core of a client: its settings checked and resolved once, its credentials, and what each operation's calls
 * share. `createCore` (generated) builds one; `createClient` wraps one; operation functions take one.
 */
import { type Credential, type CredentialInput, resolveCredential } from "./auth.js";
import { createDeadlineClock, type DeadlineClock } from "./deadlines.js";
import type { TransportHooks } from "./hooks.js";
import type { OperationSpec } from "./operation-spec.js";
import { createRedactor, type Redactor } from "./redact.js";
import type { RedirectPolicy } from "./redirects.js";
import type { ResponsePolicy } from "./response-policy.js";
import { resolveRetryPolicy, type RetryPolicy } from "./retry-policy.js";
import { checkSettings, type CoreSettings } from "./settings.js";

/** What every call of one operation on one core shares, worked out at its first call. */
export interface PreparedOperation {
  /** the headers of a call without a body (accept, the client's headers, credentials), names lower-case */
  headers: Readonly<Record<string, string>>;
  /** the same with the body's declared content-type */
  headersWithBody: Readonly<Record<string, string>>;
  /** `name=value` pairs of query credentials */
  query: readonly string[];
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
  /** the deadlines of the calls in flight, watched by one timer */
  readonly deadlines: DeadlineClock;
}

/** What `isSendableHeader` refuses, in words; the value is not quoted, since it may be a credential. */
export const UNSENDABLE_HEADER = "must be a header name with a printable Latin-1 value";

/**
 * True when `name` is an HTTP token and `value` a string fetch can send: CR, LF, NUL and other controls split or
 * truncate headers, and text beyond Latin-1 is not a ByteString.
 */
export function isSendableHeader(name: string, value: unknown): value is string {
  return (
    /^[!#$%&'*+\-.^_`|~\w]+$/.test(name) &&
    typeof value === "string" &&
    !/[\0-\x08\n-\x1F\x7F\u0100-\uFFFF]/.test(value)
  );
}

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
  const s: CoreSettings = { ...settings, baseUrl: settings?.baseUrl ?? defaultBaseUrl };
  const problems = checkSettings(s).map(([path, problem]) => `${path.join(".")} ${problem}`);
  const headers: Record<string, string> = Object.create(null);
  for (const [name, value] of Object.entries(s.headers ?? {})) {
    if (!isSendableHeader(name, value)) problems.push(`headers.${name} ${UNSENDABLE_HEADER}`);
    headers[name.toLowerCase()] = value;
  }
  if (problems.length > 0) throw new RangeError(`invalid client options: ${problems.join("; ")}`);
  return {
    baseUrl: s.baseUrl!.replace(/\/+$/, ""),
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
    deadlines: createDeadlineClock(),
  };
}
