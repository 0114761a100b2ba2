/**
 * One call of an operation: checks the options and arguments, sends with retries, redirects and a deadline, decodes
 * and checks the response. It settles with the value or rejects with an `ApiError`, never anything else.
 *
 * The deadline does not hand fetch an AbortSignal (Node's fetch spends 20–40 µs per request on one): the call rejects
 * at its deadline by itself, and a response that still arrives has its body cancelled. A caller's `signal` is handed
 * to fetch, so it also closes the connection.
 */
import { selectCredentials } from "./auth.js";
import { type Core, HEADER_NAME, type PreparedOperation, UNSAFE_HEADER_VALUE } from "./core.js";
import {
  ApiError,
  type ApiErrorInit,
  type ValidationIssue,
  type ValidationResult,
} from "./errors.js";
import { emitHook } from "./hooks.js";
import type { OperationSpec, RequestArgs, Validator } from "./operation-spec.js";
import {
  decodeBody,
  discardBody,
  hasNoBody,
  inferResponseKind,
  pickResponseSpec,
} from "./parse-response.js";
import { REDACTED, type Redactor, redactValue } from "./redact.js";
import { isRedirect, originOf, planRedirect, type WireRequest } from "./redirects.js";
import { isCompatibleDeviation, type ResponsePolicy } from "./response-policy.js";
import {
  backoffDelay,
  isRetryableNetworkError,
  isRetryableStatus,
  networkErrorCode,
  resolveRetryPolicy,
  retryDelay,
  type RetryPolicy,
} from "./retry-policy.js";
import { encodeStrict } from "./serialize-params.js";
import { type CallOptions, checkSettings } from "./settings.js";

/** The state of one call. */
interface Call {
  core: Core;
  op: OperationSpec;
  first: WireRequest;
  /** the first request's URL as it may be shown: credential query values and secrets redacted */
  shownUrl: string;
  isStream: boolean;
  credentialHeaders: readonly string[];
  retry: RetryPolicy;
  options: CallOptions;
  policy: ResponsePolicy;
  timeoutMs: number;
  endsAt: number;
  /** set once the deadline passed or the caller aborted: the call has rejected, the rest is cleanup */
  stopped?: "timeout" | "aborted";
  /** the response being read, so a stop can cancel its body */
  response?: Response;
  /** ends a wait between attempts early */
  wake?: () => void;
}

const NO_OPTIONS: CallOptions = {};

/** Calls `op` with `args`. Resolves with the decoded response value; rejects only with `ApiError`; never throws. */
export function call(
  core: Core,
  op: OperationSpec,
  args: RequestArgs,
  options?: CallOptions,
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let c: Call | ValidationIssue[];
    try {
      c = begin(core, op, args, options ?? NO_OPTIONS);
    } catch (error) {
      c = [{ loc: [], msg: `request cannot be encoded: ${reasonOf(error)}`, type: "value_error" }];
    }
    if (Array.isArray(c)) {
      const url = core.baseUrl + op.path;
      const init = { kind: "request_validation", errors: c } as const;
      reject(fail({ core, op, shownUrl: url } as Call, init));
      return;
    }
    const state = c;
    const signal = state.options.signal;
    const stop = (reason: "timeout" | "aborted"): void => {
      if (state.stopped) return;
      state.stopped = reason;
      state.wake?.();
      if (state.response) void discardBody(state.response);
      reject(stoppedError(state));
    };
    const onAbort = (): void => stop("aborted");
    // setTimeout fires at once beyond 2^31 - 1 ms: such a deadline is no deadline.
    const timer = state.timeoutMs < 2 ** 31 ? setTimeout(stop, state.timeoutMs, "timeout") : 0;
    if (signal?.aborted) stop("aborted");
    else signal?.addEventListener("abort", onAbort);
    run(state)
      .catch((error: unknown) => {
        // Only a bug of this runtime ends here with something other than an ApiError: still an ApiError.
        throw error instanceof ApiError
          ? error
          : fail(state, { kind: "network", detail: core.redact(reasonOf(error)) });
      })
      .then(resolve, reject)
      .finally(() => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
      });
  });
}

/** Checks the options and arguments and assembles the first request; the issues that forbid sending it, if any. */
function begin(
  core: Core,
  op: OperationSpec,
  args: RequestArgs,
  options: CallOptions,
): Call | ValidationIssue[] {
  const errors: ValidationIssue[] = [];
  if (typeof options !== "object" || options === null)
    return [{ loc: ["options"], msg: "must be an object", type: "type_error" }];
  for (const [path, msg] of checkSettings(options))
    errors.push({ loc: ["options", ...path], msg, type: "value_error" });
  if (errors.length > 0) return errors;
  const a: RequestArgs = args ?? {};
  if (typeof a !== "object") return [{ loc: [], msg: "must be an object", type: "type_error" }];
  if (options.validateRequests ?? core.validateRequests) validateArgs(op, a, errors);
  const prepared = core.prepared.get(op) ?? prepareOperation(core, op);
  let path = op.path;
  let query = prepared.query;
  let shownQuery = prepared.shownQuery;
  let cookies = prepared.cookies;
  let headers = prepared.headers;
  let extra: Array<[string, unknown]> = [];
  if (op.params && op.serialize) {
    const serialized = op.serialize(op.params, op.path, a);
    errors.push(...serialized.errors);
    path = serialized.path;
    query = [...serialized.query, ...query];
    shownQuery = [...serialized.query, ...shownQuery];
    cookies = [...cookies, ...serialized.cookies];
    extra = serialized.headers;
    if (cookies.length > prepared.cookies.length) extra.push(["cookie", cookies.join("; ")]);
  }
  let body: BodyInit | undefined;
  let isStream = false;
  if (a.body !== undefined && op.body) {
    const encoded = op.body.encode(a.body, op.body.mediaType);
    if ("loc" in encoded) errors.push(encoded);
    else {
      ({ body, isStream = false } = encoded);
      if (encoded.contentType === op.body.mediaType) headers = prepared.headersWithBody;
      // multipart: fetch writes the content-type itself (only it knows the boundary), so none may be set
      else extra.push(["content-type", encoded.contentType ?? ""]);
    }
  }
  if (options.headers) extra.push(...Object.entries(options.headers));
  if (extra.length > 0) {
    const merged: Record<string, string> = Object.assign(Object.create(null), headers);
    for (const [name, value] of extra) {
      if (!HEADER_NAME.test(name) || typeof value !== "string" || UNSAFE_HEADER_VALUE.test(value))
        // The value is not quoted: it may be a credential.
        errors.push({
          loc: ["header", name],
          msg: "must be a header name with a printable Latin-1 value",
          type: "value_error",
        });
      else if (value === "") delete merged[name.toLowerCase()];
      else merged[name.toLowerCase()] = value;
    }
    headers = merged;
  }
  if (errors.length > 0) return errors;
  const base = core.baseUrl + path;
  const withQuery = (pairs: readonly string[]): string =>
    pairs.length > 0 ? `${base}?${pairs.join("&")}` : base;
  const timeoutMs = options.timeoutMs ?? core.timeoutMs;
  return {
    core,
    op,
    first: { url: withQuery(query), method: op.method, headers, body },
    shownUrl: core.redact(withQuery(shownQuery)),
    isStream,
    credentialHeaders: prepared.credentialHeaders,
    retry:
      options.retry || options.maxRetries !== undefined
        ? resolveRetryPolicy(options.retry, options.maxRetries, core.retry)
        : core.retry,
    options,
    policy: options.validateResponses ?? core.validateResponses,
    timeoutMs,
    endsAt: Date.now() + timeoutMs,
  };
}

/** Adds the issues of the per-location validators; a required body that is missing is `missing`. */
function validateArgs(op: OperationSpec, args: RequestArgs, errors: ValidationIssue[]): void {
  const validate = op.validate ?? {};
  for (const at of ["path", "query", "header", "cookie", "body"] as const) {
    const validator = validate[at];
    const value = args[at];
    if (at === "body" && value === undefined) {
      if (op.body?.required) errors.push({ loc: ["body"], msg: "Field required", type: "missing" });
    } else if (validator) errors.push(...check(validator, value ?? {}, at));
  }
}

/** A validator's result; a validator that throws (a getter in the value) yields one issue instead. */
function validated(validator: Validator, value: unknown, at: string): ValidationResult<unknown> {
  try {
    return validator(value);
  } catch (error) {
    const msg = `validator failed: ${reasonOf(error)}`;
    return { ok: false, errors: [{ loc: [at], msg, type: "validator_error" }] };
  }
}

/** A validator's issues: none when the value is valid. */
function check(validator: Validator, value: unknown, at: string): ValidationIssue[] {
  return validated(validator, value, at).errors ?? [];
}

/** Works out, once per core and operation, the headers and credential pieces every call of it sends. */
function prepareOperation(core: Core, op: OperationSpec): PreparedOperation {
  const headers: Record<string, string> = Object.create(null);
  if (op.accept) headers["accept"] = op.accept;
  Object.assign(headers, core.headers);
  const query: string[] = [];
  const shownQuery: string[] = [];
  const cookies: string[] = [];
  const credentialHeaders = ["authorization", "proxy-authorization"];
  for (const { in: at, name, value } of selectCredentials(op.security, core.credentials)) {
    const key = encodeStrict(name);
    if (at === "header") {
      headers[name.toLowerCase()] = value;
      credentialHeaders.push(name.toLowerCase());
    } else if (at === "query") {
      query.push(`${key}=${encodeStrict(value)}`);
      shownQuery.push(`${key}=${REDACTED}`);
    } else cookies.push(`${key}=${encodeStrict(value)}`);
  }
  if (cookies.length > 0) {
    headers["cookie"] = cookies.join("; ");
    credentialHeaders.push("cookie");
  }
  const headersWithBody = { ...headers };
  if (op.body) headersWithBody["content-type"] = op.body.mediaType;
  const prepared = { headers, headersWithBody, query, shownQuery, cookies, credentialHeaders };
  core.prepared.set(op, prepared);
  return prepared;
}

/** Attempts until a value, a final error or the retry budget; stops quietly once the call was stopped. */
async function run(c: Call): Promise<unknown> {
  const { op, core } = c;
  const retries = c.isStream ? 0 : c.retry.maxRetries;
  for (let attempt = 1; ; attempt++) {
    let response: Response | undefined;
    let failure: ApiError | undefined;
    try {
      response = await send(c, attempt);
    } catch (error) {
      if (c.stopped || error instanceof ApiError) throw error;
      failure = networkError(c, error);
      const code = networkErrorCode(error);
      if (attempt > retries || !isRetryableNetworkError(c.retry, op.method, code)) throw failure;
    }
    let delayMs: number;
    if (response) {
      if (attempt > retries || !isRetryableStatus(c.retry, op.method, response.status))
        return settle(c, response);
      const retryAfter = response.headers.get("retry-after");
      delayMs = retryDelay(attempt, c.retry, retryAfter, Date.now(), Math.random);
      // A wait past the deadline would only end in a timeout: the answer at hand is the better error.
      if (delayMs > c.endsAt - Date.now()) return settle(c, response);
      void discardBody(response);
    } else {
      delayMs = backoffDelay(attempt, c.retry, Math.random);
      if (delayMs > c.endsAt - Date.now()) throw failure;
    }
    const status = response?.status;
    emitHook(core.hooks, "onRetry", () => ({
      operation: op.name,
      method: op.method,
      url: c.shownUrl,
      attempt,
      delayMs,
      reason: status ? "http" : "network",
      ...(status ? { status } : {}),
    }));
    await new Promise<void>((wake) => {
      const timer = setTimeout(wake, delayMs);
      c.wake = () => {
        clearTimeout(timer);
        wake();
      };
    });
    if (c.stopped) throw stoppedError(c);
  }
}

/**
 * Sends one attempt: the first request, then each redirect the policy allows (fetch runs with `redirect: 'manual'`,
 * see redirects.ts). Resolves with the final response; rejects with the `redirect` error of one not followed.
 */
async function send(c: Call, attempt: number): Promise<Response> {
  const { core, op } = c;
  const fetchFn = core.fetch ?? globalThis.fetch;
  let hop = c.first;
  let shownUrl = c.shownUrl;
  for (let followed = 0; ; followed++) {
    const { method, headers, body } = hop;
    const event = { operation: op.name, method, url: shownUrl, attempt };
    emitHook(core.hooks, "onRequest", () => ({
      ...event,
      headers: shownHeaders(headers, c.credentialHeaders, core.redact),
    }));
    const init: RequestInit & { duplex?: "half" } = { method, headers, redirect: "manual" };
    if (body !== undefined) init.body = body;
    // Node's fetch needs `duplex` for a stream body; browsers ignore unknown init members.
    if (c.isStream && body) init.duplex = "half";
    if (c.options.signal) init.signal = c.options.signal;
    const response = await fetchFn(hop.url, init);
    if (c.stopped) {
      void discardBody(response);
      throw stoppedError(c);
    }
    c.response = response;
    const status = response.status;
    emitHook(core.hooks, "onResponse", () => ({
      ...event,
      status,
      headers: shownHeaders(response.headers, ["set-cookie"], core.redact),
    }));
    if (response.type === "opaqueredirect")
      throw fail(c, {
        kind: "redirect",
        detail:
          "the browser hides where a redirect goes, so its origin cannot be checked; point baseUrl at the final URL",
      });
    const location = isRedirect(status) ? response.headers.get("location") : null;
    if (location === null) return response;
    void discardBody(response);
    const decision = planRedirect({
      current: hop,
      status,
      location,
      policy: c.options.redirect ?? core.redirect,
      followed,
      maxRedirects: c.options.maxRedirects ?? core.maxRedirects,
      origin: originOf(c.first.url),
      credentialHeaders: c.credentialHeaders,
      redact: core.redact,
      isStream: c.isStream,
    });
    if (!decision.follow) {
      const shown = shownLocation(location, hop.url, core.redact);
      throw fail(c, { kind: "redirect", status, location: shown, detail: decision.reason });
    }
    hop = decision.next;
    shownUrl = core.redact(hop.url);
    const next = { location: shownUrl, crossOrigin: decision.crossOrigin, redirect: followed + 1 };
    emitHook(core.hooks, "onRedirect", () => ({ ...event, status, ...next }));
  }
}

/** Decodes a received response into the call's result, or throws its final error. */
async function settle(c: Call, response: Response): Promise<unknown> {
  const { op, core, policy } = c;
  const status = response.status;
  const declared = pickResponseSpec(op.responses, status);
  const validate = policy ? declared?.validate : undefined;
  try {
    if (status < 200 || status > 299) {
      const body = await decodeBody(response, "error");
      const matches = !validate || accepts(check(validate, body.value, "response"), policy);
      const safeBody = redactValue(body.value, core.redact);
      throw fail(c, { kind: "http", status, body: safeBody, bodyMatchesSchema: matches });
    }
    if (hasNoBody(op.method, status)) {
      void discardBody(response);
      return undefined;
    }
    const contentType = response.headers.get("content-type");
    const decoded = await decodeBody(response, declared?.kind ?? inferResponseKind(contentType));
    if (decoded.error)
      throw fail(c, {
        kind: "response_validation",
        status,
        body: core.redact(decoded.value as string),
        errors: [
          { loc: ["response"], msg: `not valid JSON: ${decoded.error}`, type: "json_invalid" },
        ],
      });
    if (!validate) return decoded.value;
    const checked = validated(validate, decoded.value, "response");
    if (checked.ok) return checked.value;
    const errors = checked.errors;
    if (!accepts(errors, policy)) {
      const body = redactValue(decoded.value, core.redact);
      throw fail(c, { kind: "response_validation", status, body, errors });
    }
    emitHook(core.hooks, "onResponseDeviation", () => ({
      operation: op.name,
      method: op.method,
      url: c.shownUrl,
      status,
      deviations: redactIssues(errors, core.redact),
    }));
    return decoded.value;
  } catch (error) {
    if (c.stopped) throw stoppedError(c);
    throw error instanceof ApiError ? error : networkError(c, error);
  }
}

/** True when a validator's issues (none: valid) pass under `policy`. */
function accepts(errors: ValidationIssue[], policy: ResponsePolicy): boolean {
  return errors.length === 0 || (policy === true && isCompatibleDeviation(errors));
}

/** The `ApiError` of this call; `url` is the shown URL, validation issues have long credentials removed. */
function fail(c: Call, init: Omit<ApiErrorInit, "operation" | "method" | "url">): ApiError {
  return new ApiError({
    ...init,
    errors: init.errors && redactIssues(init.errors, c.core.redact),
    operation: c.op.name,
    method: c.op.method,
    url: c.shownUrl,
  });
}

function stoppedError(c: Call): ApiError {
  return c.stopped === "timeout"
    ? fail(c, { kind: "timeout", detail: `deadline of ${c.timeoutMs} ms` })
    : fail(c, { kind: "aborted" });
}

/** A rejected fetch or body read: name, code and message only — of the innermost cause when fetch wraps it. */
function networkError(c: Call, error: unknown): ApiError {
  let name = "Error";
  let message = "";
  let code: string | undefined;
  try {
    const inner = (error as { cause?: unknown }).cause;
    const source = (inner instanceof Error ? inner : error) as Error;
    name = String(source.name);
    message = c.core.redact(String(source.message ?? source));
    code = networkErrorCode(error);
  } catch {
    // A thrown value that cannot even be read (a hostile fetch stub): it stays "Error".
  }
  const cause = code ? { name, message, code } : { name, message };
  return fail(c, { kind: "network", detail: code ?? message, cause });
}

/**
 * Validation issues with long credentials removed from their texts. `loc` stays an array, `type` and the keys stay as
 * they are; a short credential is left alone here: its words are the client's own vocabulary (see redact.ts).
 */
function redactIssues(errors: ValidationIssue[], redact: Redactor): ValidationIssue[] {
  const clean = (text: string | number): string | number =>
    typeof text === "string" ? redact.long(text) : text;
  return errors.map((e) => ({ loc: e.loc.map(clean), msg: clean(e.msg) as string, type: e.type }));
}

/** Headers fit for hooks: credential headers fully redacted, credentials removed from all others. */
function shownHeaders(
  headers: Readonly<Record<string, string>> | Headers,
  credentialHeaders: readonly string[],
  redact: Redactor,
): Record<string, string> {
  const shown: Record<string, string> = Object.create(null);
  const show = (value: string, name: string): void => {
    shown[name] = credentialHeaders.includes(name) ? REDACTED : redact(value);
  };
  if (headers instanceof Headers) headers.forEach(show);
  else for (const name in headers) show(headers[name]!, name);
  return shown;
}

/**
 * A `Location` fit to show: resolved against the request URL, unless the raw header holds a credential — the URL
 * parser lower-cases host names and re-encodes, which could hide one from the redactor — then the raw one, redacted.
 */
function shownLocation(location: string, base: string, redact: Redactor): string {
  if (redact(location) !== location) return redact(location);
  try {
    return redact(new URL(location, base).href);
  } catch {
    return location;
  }
}

function reasonOf(error: unknown): string {
  try {
    return String((error as Error)?.message ?? error);
  } catch {
    return "unknown error";
  }
}
