/**
 * One call of an operation: checks the arguments, sends with retries, redirects and a deadline, decodes and checks
 * the response. It settles with the value or rejects with an `ApiError`, never anything else.
 *
 * The deadline does not hand fetch an AbortSignal (Node's fetch spends 20–40 µs per request on one): the call rejects
 * at its deadline on its own, and a response that still arrives has its body cancelled. A caller's `signal` is handed
 * to fetch, so it also closes the connection.
 */
import { selectCredentials } from "./auth.js";
import { type Core, HEADER_NAME, type PreparedOperation, UNSAFE_HEADER_VALUE } from "./core.js";
import { ApiError, type ApiErrorInit, type ValidationIssue } from "./errors.js";
import { emitHook } from "./hooks.js";
import type { CallOptions, HttpMethod, OperationSpec, RequestArgs } from "./operation-spec.js";
import {
  decodeBody,
  decodeErrorBody,
  discardBody,
  hasNoBody,
  inferResponseKind,
  pickResponseSpec,
} from "./parse-response.js";
import { REDACTED, type Redactor, redactValue } from "./redact.js";
import {
  checkRedirectOptions,
  isRedirect,
  originOf,
  planRedirect,
  type RedirectPolicy,
  type WireRequest,
} from "./redirects.js";
import { isCompatibleDeviation, isResponsePolicy, type ResponsePolicy } from "./response-policy.js";
import {
  backoffDelay,
  checkRetryOptions,
  isCount,
  isRetryableNetworkError,
  isRetryableStatus,
  networkErrorCode,
  resolveRetryPolicy,
  retryDelay,
  type RetryPolicy,
} from "./retry-policy.js";
import { encodeStrict } from "./serialize-params.js";

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
  redirect: RedirectPolicy;
  maxRedirects: number;
  validateResponses: ResponsePolicy;
  timeoutMs: number;
  endsAt: number;
  signal: AbortSignal | undefined;
  /** set once the deadline passed or the caller aborted: the call has rejected, the rest is cleanup */
  stopped: "timeout" | "aborted" | undefined;
  /** the response being read, so a stop can cancel its body */
  response: Response | undefined;
  /** ends a wait between attempts early */
  wake: (() => void) | undefined;
}

/** Settings of a call: the core's, with the call's options applied. */
type CallSettings = Pick<
  Call,
  "retry" | "redirect" | "maxRedirects" | "validateResponses" | "timeoutMs" | "signal"
> & { validateRequests: boolean; headers: Record<string, string> | undefined };

/**
 * Calls `op` with `args`. Resolves with the decoded response value; rejects only with `ApiError`. Never throws.
 */
export function call(
  core: Core,
  op: OperationSpec,
  args: RequestArgs,
  options?: CallOptions,
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let c: Call | ValidationIssue[];
    try {
      c = begin(core, op, args, options);
    } catch (error) {
      c = [{ loc: [], msg: `request cannot be encoded: ${reasonOf(error)}`, type: "value_error" }];
    }
    if (Array.isArray(c)) {
      reject(
        new ApiError({
          kind: "request_validation",
          operation: op.name,
          method: op.method,
          url: core.baseUrl + op.path,
          errors: redactIssues(c, core.redact),
        }),
      );
      return;
    }
    const state = c;
    const stop = (reason: "timeout" | "aborted"): void => {
      if (state.stopped) return;
      state.stopped = reason;
      state.wake?.();
      if (state.response) void discardBody(state.response);
      reject(stoppedError(state));
    };
    const onAbort = (): void => stop("aborted");
    const timer =
      state.timeoutMs < 2_147_483_647 ? setTimeout(stop, state.timeoutMs, "timeout") : undefined;
    if (state.signal?.aborted) stop("aborted");
    else state.signal?.addEventListener("abort", onAbort);
    const done = (): void => {
      clearTimeout(timer);
      state.signal?.removeEventListener("abort", onAbort);
    };
    run(state).then(
      (value) => {
        done();
        resolve(value);
      },
      (error: unknown) => {
        done();
        // Only a bug of this runtime ends here with something else than an ApiError: still an ApiError.
        const detail = core.redact(reasonOf(error));
        reject(isApiError(error) ? error : fail(state, { kind: "network", detail }));
      },
    );
  });
}

function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** Checks the options and arguments and assembles the first request; the issues that forbid sending it, if any. */
function begin(
  core: Core,
  op: OperationSpec,
  args: RequestArgs,
  options: CallOptions | undefined,
): Call | ValidationIssue[] {
  const settings = callSettings(core, options);
  if (Array.isArray(settings)) return settings;
  const a: RequestArgs = args ?? {};
  if (typeof a !== "object")
    return [{ loc: [], msg: "arguments must be an object", type: "type_error" }];
  const errors: ValidationIssue[] = settings.validateRequests ? validateArgs(op, a) : [];
  const prepared = core.prepared.get(op) ?? prepareOperation(core, op);
  let path = op.path;
  let query: readonly string[] = prepared.query;
  let shownQuery: readonly string[] = prepared.shownQuery;
  let headers = prepared.headers;
  let cookies = prepared.cookies;
  let isStream = false;
  let body: BodyInit | undefined;
  let extra: Array<[string, string]> | undefined;
  if (op.params && op.serialize) {
    const serialized = op.serialize(op.params, op.path, a);
    errors.push(...serialized.errors);
    path = serialized.path;
    if (serialized.query.length > 0) {
      query = [...serialized.query, ...query];
      shownQuery = [...serialized.query, ...shownQuery];
    }
    if (serialized.cookies.length > 0) cookies = [...cookies, ...serialized.cookies];
    if (serialized.headers.length > 0) extra = serialized.headers;
  }
  let contentType: string | undefined;
  if (a.body !== undefined && op.body) {
    const encoded = op.body.encode(a.body, op.body.mediaType);
    if ("loc" in encoded) errors.push(encoded);
    else {
      body = encoded.body;
      isStream = encoded.isStream === true;
      contentType = encoded.contentType;
      if (contentType === op.body.mediaType) headers = prepared.headersWithBody;
      // multipart: fetch writes the content-type itself (only it knows the boundary), so none may be set
      else (extra ??= []).push(["content-type", contentType ?? ""]);
    }
  }
  if (cookies !== prepared.cookies) (extra ??= []).push(["cookie", cookies.join("; ")]);
  if (settings.headers !== undefined) {
    if (typeof settings.headers !== "object" || settings.headers === null)
      errors.push({ loc: ["options", "headers"], msg: "must be an object", type: "type_error" });
    else
      for (const [name, value] of Object.entries(settings.headers))
        (extra ??= []).push([name, value]);
  }
  if (extra) {
    const merged: Record<string, string> = Object.assign(Object.create(null), headers);
    for (const [name, value] of extra) {
      if (!HEADER_NAME.test(name))
        errors.push({
          loc: ["header", name],
          msg: "header name is not a valid HTTP token",
          type: "value_error",
        });
      else if (typeof value !== "string" || UNSAFE_HEADER_VALUE.test(value))
        // The value is not quoted in the message: it may be a credential.
        errors.push({
          loc: ["header", name],
          msg: "header value must be a string without CR, LF, NUL, other control characters or characters beyond Latin-1",
          type: "value_error",
        });
      else merged[name.toLowerCase()] = value;
    }
    if (merged["content-type"] === "") delete merged["content-type"];
    headers = merged;
  }
  if (errors.length > 0) return errors;
  const base = core.baseUrl + path;
  const url = query.length > 0 ? `${base}?${query.join("&")}` : base;
  return {
    core,
    op,
    first: { url, method: op.method, headers, body },
    shownUrl: core.redact(shownQuery.length > 0 ? `${base}?${shownQuery.join("&")}` : base),
    isStream,
    credentialHeaders: prepared.credentialHeaders,
    ...settings,
    endsAt: Date.now() + settings.timeoutMs,
    stopped: undefined,
    response: undefined,
    wake: undefined,
  };
}

/** The core's settings with the call's options applied; the issues of invalid options. */
function callSettings(
  core: Core,
  options: CallOptions | undefined,
): CallSettings | ValidationIssue[] {
  const base: CallSettings = {
    retry: core.retry,
    redirect: core.redirect,
    maxRedirects: core.maxRedirects,
    validateRequests: core.validateRequests,
    validateResponses: core.validateResponses,
    timeoutMs: core.timeoutMs,
    signal: undefined,
    headers: undefined,
  };
  if (options === undefined) return base;
  if (typeof options !== "object" || options === null)
    return [{ loc: ["options"], msg: "call options must be an object", type: "type_error" }];
  const { signal, timeoutMs, retry, maxRetries, redirect, maxRedirects } = options;
  const problems = [
    ...checkRetryOptions(retry, maxRetries),
    ...checkRedirectOptions(redirect, maxRedirects),
  ];
  if (timeoutMs !== undefined && !isCount(timeoutMs))
    problems.push(["timeoutMs", "must be a number ≥ 0 (Infinity: no deadline)"]);
  if (
    signal !== undefined &&
    (typeof signal !== "object" ||
      signal === null ||
      typeof signal.aborted !== "boolean" ||
      typeof signal.addEventListener !== "function")
  )
    problems.push(["signal", "must be an AbortSignal"]);
  if (options.validateRequests !== undefined && typeof options.validateRequests !== "boolean")
    problems.push(["validateRequests", "must be a boolean"]);
  if (options.validateResponses !== undefined && !isResponsePolicy(options.validateResponses))
    problems.push(["validateResponses", 'must be true, false or "strict"']);
  if (problems.length > 0)
    return problems.map(([name, msg]) => ({
      loc: ["options", ...name.split(".")],
      msg,
      type: "value_error",
    }));
  return {
    retry:
      retry === undefined && maxRetries === undefined
        ? core.retry
        : resolveRetryPolicy(retry, maxRetries, core.retry),
    redirect: redirect ?? core.redirect,
    maxRedirects: maxRedirects ?? core.maxRedirects,
    validateRequests: options.validateRequests ?? core.validateRequests,
    validateResponses: options.validateResponses ?? core.validateResponses,
    timeoutMs: timeoutMs ?? core.timeoutMs,
    signal,
    headers: options.headers,
  };
}

/** Runs the per-location validators; a required body that is missing is reported as `missing`. */
function validateArgs(op: OperationSpec, args: RequestArgs): ValidationIssue[] {
  const errors: ValidationIssue[] = [];
  const validate = op.validate;
  if (validate) {
    for (const location of ["path", "query", "header", "cookie"] as const) {
      const validator = validate[location];
      if (validator) errors.push(...check(validator, args[location] ?? {}, location));
    }
  }
  if (args.body === undefined) {
    if (op.body?.required) errors.push({ loc: ["body"], msg: "Field required", type: "missing" });
  } else if (validate?.body) {
    errors.push(...check(validate.body, args.body, "body"));
  }
  return errors;
}

/** A validator's issues (none when valid); a validator that throws (a getter in the value) yields one issue. */
function check(
  validator: (value: unknown) => { ok: boolean; errors?: ValidationIssue[] | undefined },
  value: unknown,
  at: string,
): ValidationIssue[] {
  try {
    const result = validator(value);
    return result.ok ? [] : (result.errors ?? []);
  } catch (error) {
    return [{ loc: [at], msg: `validator failed: ${reasonOf(error)}`, type: "validator_error" }];
  }
}

/** Works out, once per core and operation, the headers and credential pieces every call of it sends. */
function prepareOperation(core: Core, op: OperationSpec): PreparedOperation {
  const credentials = selectCredentials(op.security, core.credentials);
  const headers: Record<string, string> = Object.create(null);
  if (op.accept) headers["accept"] = op.accept;
  Object.assign(headers, core.headers);
  const query: string[] = [];
  const shownQuery: string[] = [];
  const cookies: string[] = [];
  const credentialHeaders: string[] = ["authorization", "proxy-authorization"];
  for (const c of credentials) {
    const name = encodeStrict(c.name);
    if (c.in === "header") {
      headers[c.name.toLowerCase()] = c.value;
      credentialHeaders.push(c.name.toLowerCase());
    } else if (c.in === "query") {
      query.push(`${name}=${encodeStrict(c.value)}`);
      shownQuery.push(`${name}=${REDACTED}`);
    } else {
      cookies.push(`${name}=${encodeStrict(c.value)}`);
    }
  }
  if (cookies.length > 0) {
    headers["cookie"] = cookies.join("; ");
    credentialHeaders.push("cookie");
  }
  const headersWithBody: Record<string, string> = Object.assign(Object.create(null), headers);
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
      if (c.stopped || isApiError(error)) throw error;
      failure = networkError(c, error);
      const code = networkErrorCode(error);
      if (!(attempt <= retries && isRetryableNetworkError(c.retry, op.method, code))) throw failure;
    }
    let delayMs: number;
    if (response) {
      if (!(attempt <= retries && isRetryableStatus(c.retry, op.method, response.status)))
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
      reason: status === undefined ? "network" : "http",
      ...(status === undefined ? {} : { status }),
    }));
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, delayMs);
      c.wake = () => {
        clearTimeout(timer);
        resolve();
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
  let wire = c.first;
  let shownUrl = c.shownUrl;
  let origin: string | undefined;
  for (let followed = 0; ; followed++) {
    const hop = wire;
    const hopUrl = shownUrl;
    emitHook(core.hooks, "onRequest", () => ({
      operation: op.name,
      method: hop.method,
      url: hopUrl,
      headers: shownHeaders(hop.headers, c.credentialHeaders, core.redact),
      attempt,
    }));
    const init: RequestInit & { duplex?: "half" } = {
      method: hop.method,
      headers: hop.headers,
      redirect: "manual",
    };
    if (hop.body !== undefined) {
      init.body = hop.body;
      // Node's fetch needs `duplex` for a stream body; browsers ignore unknown init members.
      if (c.isStream) init.duplex = "half";
    }
    if (c.signal) init.signal = c.signal;
    const response = await fetchFn(hop.url, init);
    if (c.stopped) {
      void discardBody(response);
      throw stoppedError(c);
    }
    c.response = response;
    const status = response.status;
    emitHook(core.hooks, "onResponse", () => ({
      operation: op.name,
      method: hop.method,
      url: hopUrl,
      status,
      headers: shownResponseHeaders(response.headers, core.redact),
      attempt,
    }));
    if (response.type === "opaqueredirect")
      throw fail(c, {
        kind: "redirect",
        detail:
          "the browser does not show scripts where a redirect goes, so the client cannot check its origin; point baseUrl at the final URL",
      });
    const location = isRedirect(status) ? response.headers.get("location") : null;
    if (location === null) return response;
    void discardBody(response);
    origin ??= originOf(c.first.url);
    const decision = planRedirect({
      current: hop,
      status,
      location,
      policy: c.redirect,
      followed,
      maxRedirects: c.maxRedirects,
      origin,
      credentialHeaders: c.credentialHeaders,
      redact: core.redact,
      isStream: c.isStream,
    });
    if (!decision.follow)
      throw fail(c, {
        kind: "redirect",
        status,
        location: shownLocation(location, hop.url, core.redact),
        detail: decision.reason,
      });
    wire = decision.next;
    shownUrl = core.redact(wire.url);
    const next = { location: shownUrl, crossOrigin: decision.crossOrigin };
    emitHook(core.hooks, "onRedirect", () => ({
      operation: op.name,
      method: hop.method,
      url: hopUrl,
      status,
      attempt,
      redirect: followed + 1,
      ...next,
    }));
  }
}

/** Decodes a received response into the call's result, or throws its final error. */
async function settle(c: Call, response: Response): Promise<unknown> {
  const { op, core } = c;
  const status = response.status;
  const declared = pickResponseSpec(op.responses, status);
  const policy = c.validateResponses;
  try {
    if (status < 200 || status > 299) {
      const body = await decodeErrorBody(response);
      const matches =
        !policy ||
        !declared?.validate ||
        accepts(check(declared.validate, body, "response"), policy);
      throw fail(c, {
        kind: "http",
        status,
        body: redactValue(body, core.redact),
        bodyMatchesSchema: matches,
      });
    }
    if (hasNoBody(op.method, status)) {
      void discardBody(response);
      return undefined;
    }
    const decoded = await decodeBody(
      response,
      declared?.kind ?? inferResponseKind(response.headers.get("content-type")),
    );
    if (!decoded.ok) {
      throw fail(c, {
        kind: "response_validation",
        status,
        body: core.redact(decoded.raw),
        errors: [
          {
            loc: ["response"],
            msg: `response body is not valid JSON: ${decoded.reason}`,
            type: "json_invalid",
          },
        ],
      });
    }
    if (!policy || !declared?.validate) return decoded.value;
    let errors: ValidationIssue[];
    try {
      const checked = declared.validate(decoded.value);
      if (checked.ok) return checked.value;
      errors = checked.errors;
    } catch (error) {
      errors = [
        { loc: ["response"], msg: `validator failed: ${reasonOf(error)}`, type: "validator_error" },
      ];
    }
    if (policy === true && isCompatibleDeviation(errors)) {
      emitHook(core.hooks, "onResponseDeviation", () => ({
        operation: op.name,
        method: op.method,
        url: c.shownUrl,
        status,
        deviations: redactIssues(errors, core.redact),
      }));
      return decoded.value;
    }
    throw fail(c, {
      kind: "response_validation",
      status,
      body: redactValue(decoded.value, core.redact),
      errors,
    });
  } catch (error) {
    if (c.stopped) throw stoppedError(c);
    throw isApiError(error) ? error : networkError(c, error);
  }
}

/** True when a validator's errors (none: valid) pass under `policy`. */
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
    const inner = (error as { cause?: unknown } | null)?.cause;
    const source = inner instanceof Error ? inner : error;
    name = source instanceof Error ? source.name : "Error";
    message = c.core.redact(source instanceof Error ? source.message : String(source));
    code = networkErrorCode(error);
  } catch {
    // A thrown value that cannot even be read (a hostile fetch stub): it stays "Error".
  }
  return fail(c, {
    kind: "network",
    detail: code ?? message,
    cause: code === undefined ? { name, message } : { name, message, code },
  });
}

/**
 * Validation issues with long credentials removed from their texts. `loc` stays an array, `type` and the keys stay as
 * they are; a short credential is left alone here: its words are the client's own vocabulary (see redact.ts).
 */
function redactIssues(errors: ValidationIssue[], redact: Redactor): ValidationIssue[] {
  const clean = (text: string): string => redact.long(text);
  if (
    errors.every(
      (e) => clean(e.msg) === e.msg && e.loc.every((l) => typeof l !== "string" || clean(l) === l),
    )
  )
    return errors;
  return errors.map((e) => ({
    loc: e.loc.map((l) => (typeof l === "string" ? clean(l) : l)),
    msg: clean(e.msg),
    type: e.type,
  }));
}

/** Request headers fit for hooks: credential headers fully redacted, credentials removed from all others. */
function shownHeaders(
  headers: Readonly<Record<string, string>>,
  credentialHeaders: readonly string[],
  redact: Redactor,
): Record<string, string> {
  const shown: Record<string, string> = Object.create(null);
  for (const name in headers)
    shown[name] = credentialHeaders.includes(name) ? REDACTED : redact(headers[name]!);
  return shown;
}

/** Response headers fit for hooks: `set-cookie` fully redacted, credentials removed from all others. */
function shownResponseHeaders(headers: Headers, redact: Redactor): Record<string, string> {
  const shown: Record<string, string> = Object.create(null);
  headers.forEach((value, name) => {
    shown[name] = name === "set-cookie" ? REDACTED : redact(value);
  });
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
    return error instanceof Error ? error.message : String(error);
  } catch {
    return "unknown error";
  }
}
