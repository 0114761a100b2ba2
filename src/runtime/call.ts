/**
 * One call of an operation: checks the options and arguments, sends with retries, redirects and a deadline, decodes
 * and checks the response. It settles with the value or rejects with an `ApiError`, never anything else.
 *
 * The deadline does not hand fetch an AbortSignal (Node's fetch spends 20–40 µs per request on one): the call rejects
 * at its deadline by itself, and a response that still arrives has its body cancelled. A caller's `signal` is handed
 * to fetch, so it also closes the connection.
 *
 * The state of a call lives in local variables of `call` rather than in an object: every byte of this module is in
 * every bundle, and a minifier shortens local names but not property names.
 */
import { selectCredentials } from "./auth.js";
import { type Core, isSendableHeader, type PreparedOperation, UNSENDABLE_HEADER } from "./core.js";
import {
  ApiError,
  type ApiErrorInit,
  type ValidationIssue,
  type ValidationResult,
} from "./errors.js";
import { unwatchDeadline, watchDeadline } from "./deadlines.js";
import { emitHook } from "./hooks.js";
import type {
  HttpMethod,
  OperationSpec,
  RequestArgs,
  SerializedParams,
  Validator,
} from "./operation-spec.js";
import { decodeBody, discardBody, inferResponseKind, pickResponseSpec } from "./parse-response.js";
import { REDACTED, type Redactor, redactValue } from "./redact.js";
import { isRedirect, originOf, planRedirect, type WireRequest } from "./redirects.js";
import { isCompatibleDeviation } from "./response-policy.js";
import {
  backoffDelay,
  isRetryableNetworkError,
  isRetryableStatus,
  networkErrorCode,
  resolveRetryPolicy,
  retryDelay,
} from "./retry-policy.js";
import { type CallOptions, checkSettings } from "./settings.js";

const NO_OPTIONS: CallOptions = {};

/** Calls `op` with `args`. Resolves with the decoded response value; rejects only with `ApiError`; never throws. */
export function call(
  core: Core,
  op: OperationSpec,
  args: RequestArgs,
  options: CallOptions = NO_OPTIONS,
): Promise<unknown> {
  const { redact, hooks } = core;
  const { name: operation, method } = op;
  /**
   * the first request's URL (the path template until it is filled), redacted only when something shows it: the
   * redactor knows every credential in the forms a query carries it
   */
  let rawUrl = core.baseUrl + op.path;
  let shownUrl: string | undefined;
  const url = (): string => (shownUrl ??= redact(rawUrl));
  /** the error the call rejected with when its deadline passed or it was aborted: what the rest of it ends with */
  let stopped: ApiError | undefined;
  /** the response being read, so a stop can cancel its body */
  let current: Response | undefined;
  /** ends a wait between attempts early */
  let wake = (): void => {};
  const fail = (init: Omit<ApiErrorInit, "operation" | "method" | "url">): ApiError =>
    new ApiError({ ...init, operation, method, url: url() });
  /** A rejected fetch or body read: name, code and message only — of the innermost cause when fetch wraps it. */
  const networkError = (error: unknown): ApiError => {
    const cause: { name: string; message: string; code?: string } = { name: "Error", message: "" };
    try {
      const inner = (error as { cause?: unknown }).cause;
      const source = (inner instanceof Error ? inner : error) as Error;
      cause.name = String(source.name);
      cause.message = redact(reasonOf(source));
      const code = networkErrorCode(error);
      if (code) cause.code = code;
    } catch {
      // A thrown value that cannot even be read (a hostile fetch stub): it stays "Error".
    }
    return fail({ kind: "network", detail: cause.code ?? cause.message, cause });
  };

  let request: Prepared | ValidationIssue[];
  try {
    request = prepare(core, op, args ?? {}, options);
  } catch (error) {
    request = [
      { loc: [], msg: `request cannot be encoded: ${reasonOf(error)}`, type: "value_error" },
    ];
  }
  if (Array.isArray(request))
    return Promise.reject(fail({ kind: "request_validation", errors: request }));
  const { first, isStream, credentialHeaders } = request;
  rawUrl = first.url;
  const fetchFn = core.fetch ?? globalThis.fetch;
  const { signal } = options;
  const timeoutMs = options.timeoutMs ?? core.timeoutMs;
  const endsAt = Date.now() + timeoutMs;
  const retry =
    options.retry || options.maxRetries !== undefined
      ? resolveRetryPolicy(options.retry, options.maxRetries, core.retry)
      : core.retry;
  const retries = isStream ? 0 : retry.maxRetries;
  const policy = options.validateResponses ?? core.validateResponses;

  /**
   * One attempt: the first request, then each redirect the policy allows (see redirects.ts), each reported to the
   * hooks; stops if the call was stopped meanwhile.
   */
  const attemptOnce = async (attempt: number): Promise<Response> => {
    let hop = first;
    let hopUrl = url;
    for (let followed = 0; ; followed++) {
      const sent = hop;
      const event = (): {
        operation: string;
        method: HttpMethod;
        url: string;
        attempt: number;
      } => ({
        operation,
        method: sent.method,
        url: hopUrl(),
        attempt,
      });
      emitHook(hooks, "onRequest", () => ({
        ...event(),
        headers: shownHeaders(sent.headers, credentialHeaders, redact),
      }));
      const init: RequestInit & { duplex?: "half" } = {
        method: hop.method,
        headers: hop.headers,
        redirect: "manual",
      };
      if (hop.body !== undefined) init.body = hop.body;
      // Node's fetch needs `duplex` for a stream body; browsers ignore unknown init members.
      if (isStream) init.duplex = "half";
      if (signal) init.signal = signal;
      let response: Response;
      try {
        response = await fetchFn(hop.url, init);
      } catch (error) {
        throw refusedRequest(hop.url, init) ?? error;
      }
      if (stopped) {
        void discardBody(response);
        throw stopped;
      }
      current = response;
      emitHook(hooks, "onResponse", () => ({
        ...event(),
        status: response.status,
        headers: shownHeaders(response.headers, ["set-cookie"], redact),
      }));
      const status = response.status;
      if (response.type === "opaqueredirect")
        throw fail({
          kind: "redirect",
          detail:
            "the browser hides where it goes, so its origin cannot be checked: point baseUrl at the final URL",
        });
      const location = isRedirect(status) ? response.headers.get("location") : null;
      if (location === null) return response;
      void discardBody(response);
      const decision = planRedirect({
        current: hop,
        status,
        location,
        policy: options.redirect ?? core.redirect,
        followed,
        maxRedirects: options.maxRedirects ?? core.maxRedirects,
        origin: originOf(first.url),
        credentialHeaders,
        redact,
        isStream: !!isStream,
      });
      if (!decision.follow) {
        // The header as sent when it holds a credential: the URL parser lower-cases hosts and re-encodes.
        const shown = redact(redact(location) !== location ? location : (decision.url ?? location));
        throw fail({ kind: "redirect", status, location: shown, detail: decision.reason });
      }
      const redirected = {
        ...event(),
        status,
        crossOrigin: decision.crossOrigin,
        redirect: followed + 1,
      };
      hop = decision.next;
      const nextUrl = redact(hop.url);
      hopUrl = () => nextUrl;
      emitHook(hooks, "onRedirect", () => ({ ...redirected, location: nextUrl }));
    }
  };

  /**
   * Whether fetch rejected because it refuses the request itself (a URL with `user:password@`, a body on GET), which
   * no retry can mend: the same bare TypeError that means a network failure, so the request is built again as a
   * `Request`, which throws for those. Only a failed call pays for it.
   */
  const refusedRequest = (target: string, init: RequestInit): ApiError | undefined => {
    if (stopped || typeof Request !== "function") return undefined;
    try {
      new Request(target, init);
      return undefined;
    } catch (error) {
      const msg = `fetch refuses to send it: ${redact(reasonOf(error))}`;
      return fail({ kind: "request_validation", errors: [{ loc: [], msg, type: "value_error" }] });
    }
  };

  /** Attempts until a value, a final error or the retry budget. */
  const run = async (): Promise<unknown> => {
    for (let attempt = 1; ; attempt++) {
      let response: Response | undefined;
      let failure: ApiError | undefined;
      try {
        response = await attemptOnce(attempt);
      } catch (error) {
        if (stopped || error instanceof ApiError) throw error;
        failure = networkError(error);
        if (!isRetryableNetworkError(retry, method, networkErrorCode(error))) throw failure;
      }
      const status = response?.status;
      if (attempt > retries || (status && !isRetryableStatus(retry, method, status)))
        return response ? settle(response) : Promise.reject(failure);
      const delayMs = response
        ? retryDelay(attempt, retry, response.headers.get("retry-after"), Date.now(), Math.random)
        : backoffDelay(attempt, retry, Math.random);
      // A wait past the deadline would only end in a timeout: the answer at hand is the better error.
      if (delayMs > endsAt - Date.now())
        return response ? settle(response) : Promise.reject(failure);
      if (response) void discardBody(response);
      const reason = status ? "http" : "network";
      emitHook(hooks, "onRetry", () => ({
        operation,
        method,
        url: url(),
        attempt,
        delayMs,
        reason,
        ...(status ? { status } : {}),
      }));
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delayMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      if (stopped) throw stopped;
    }
  };

  /** Decodes a received response into the call's result, or throws its final error. */
  const settle = async (response: Response): Promise<unknown> => {
    const status = response.status;
    const declared = pickResponseSpec(op.responses, status);
    const validate = policy ? declared?.validate : undefined;
    /** A body that deviates from its schema passes when the policy tolerates every deviation: then it is reported. */
    const passes = (errors: ValidationIssue[]): boolean => {
      if (!errors[0]) return true;
      if (policy !== true || !isCompatibleDeviation(errors)) return false;
      const deviations = redactIssues(errors, redact);
      emitHook(hooks, "onResponseDeviation", () => ({
        operation,
        method,
        url: url(),
        status,
        deviations,
      }));
      return true;
    };
    if (status < 200 || status > 299) {
      const { value } = await decodeBody(response, "error");
      const bodyMatchesSchema = !validate || passes(check(validate, value, "response"));
      throw fail({ kind: "http", status, body: redactValue(value, redact), bodyMatchesSchema });
    }
    // No body by definition (RFC 9110): HEAD, 204, 205.
    if (method === "HEAD" || status === 204 || status === 205) return discardBody(response);
    const kind = declared?.kind ?? inferResponseKind(response.headers.get("content-type"));
    const { value, error } = await decodeBody(response, kind);
    if (error !== undefined) {
      const errors = [
        { loc: ["response"], msg: `not valid JSON: ${redact(error)}`, type: "json_invalid" },
      ];
      throw fail({ kind: "response_validation", status, body: redact(value as string), errors });
    }
    const checked = validate
      ? validated(validate, value, "response")
      : { ok: true as const, value };
    if (checked.ok) return checked.value;
    if (passes(checked.errors)) return value;
    // The server's keys and values can show in a response's issues (an extra property's name, a tag): scrubbed.
    const errors = redactIssues(checked.errors, redact);
    throw fail({ kind: "response_validation", status, body: redactValue(value, redact), errors });
  };

  return new Promise((resolve, reject) => {
    const stop = (init: { kind: "timeout" | "aborted"; detail?: string }): void => {
      if (stopped) return;
      stopped = fail(init);
      wake();
      if (current) void discardBody(current);
      reject(stopped);
    };
    const onAbort = (): void => stop({ kind: "aborted" });
    const deadline = {
      endsAt,
      stop: () => stop({ kind: "timeout", detail: `deadline of ${timeoutMs} ms` }),
    };
    watchDeadline(core.deadlines, deadline);
    if (signal?.aborted) onAbort();
    else signal?.addEventListener("abort", onAbort);
    const done = (): void => {
      unwatchDeadline(core.deadlines, deadline);
      try {
        signal?.removeEventListener("abort", onAbort);
      } catch {
        // A signal-like object whose method throws: nothing is left to release.
      }
    };
    run().then(
      (value) => {
        done();
        resolve(value);
      },
      (error: unknown) => {
        done();
        // A stop or a failed body read ends here; only a bug of this runtime would be anything else.
        reject(stopped ?? (error instanceof ApiError ? error : networkError(error)));
      },
    );
  });
}

/** The first request of a call, assembled and checked. */
interface Prepared {
  first: WireRequest;
  isStream: boolean | undefined;
  credentialHeaders: readonly string[];
}

/** Checks the options and arguments and assembles the first request; the issues that forbid sending it, if any. */
function prepare(
  core: Core,
  op: OperationSpec,
  args: RequestArgs,
  options: CallOptions,
): Prepared | ValidationIssue[] {
  if (!options || typeof options !== "object" || typeof args !== "object")
    return [{ loc: [], msg: "arguments and options must be objects", type: "type_error" }];
  const errors: ValidationIssue[] = [];
  if (options !== NO_OPTIONS)
    for (const [path, msg] of checkSettings(options))
      errors.push({ loc: ["options", ...path], msg, type: "value_error" });
  if (errors[0]) return errors;
  if (options.validateRequests ?? core.validateRequests) {
    if (args.body === undefined && op.body?.required)
      errors.push({ loc: ["body"], msg: "Field required", type: "missing" });
    const validate = op.validate ?? {};
    for (const at in validate) {
      const value = args[at as keyof RequestArgs];
      const validator = validate[at as keyof typeof validate]!;
      if (at !== "body" || value !== undefined) errors.push(...check(validator, value ?? {}, at));
    }
  }
  const prepared = core.prepared.get(op) ?? prepareOperation(core, op);
  let { query, headers } = prepared;
  let path = op.path;
  const extra: Array<[string, unknown]> = [];
  if (op.params && op.serialize) {
    const serialized: SerializedParams = { path, query: [], headers: [], cookies: [], errors: [] };
    for (const part of op.serialize) part(op.params, args, serialized);
    errors.push(...serialized.errors);
    path = serialized.path;
    query = [...serialized.query, ...query];
    extra.push(...serialized.headers);
    if (serialized.cookies[0])
      extra.push(["cookie", [...prepared.cookies, ...serialized.cookies].join("; ")]);
  }
  let body: BodyInit | undefined;
  let isStream: boolean | undefined;
  if (args.body !== undefined && op.body) {
    const encoded = op.body.encode(args.body, op.body.mediaType);
    if ("loc" in encoded) errors.push(encoded);
    else {
      ({ body, isStream } = encoded);
      if (encoded.contentType === op.body.mediaType) headers = prepared.headersWithBody;
      // multipart: fetch writes the content-type itself (only it knows the boundary), so none may be set
      else extra.push(["content-type", encoded.contentType ?? ""]);
    }
  }
  if (options.headers) extra.push(...Object.entries(options.headers));
  if (extra[0]) {
    const merged: Record<string, string> = Object.assign(Object.create(null), headers);
    for (const [name, value] of extra) {
      const key = name.toLowerCase();
      if (!isSendableHeader(name, value))
        errors.push({ loc: ["header", name], msg: UNSENDABLE_HEADER, type: "value_error" });
      else if (value) merged[key] = value;
      else delete merged[key];
    }
    headers = merged;
  }
  if (errors[0]) return errors;
  const url = core.baseUrl + path + (query[0] ? `?${query.join("&")}` : "");
  return {
    first: { url, method: op.method, headers, body },
    isStream,
    credentialHeaders: prepared.credentialHeaders,
  };
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
  const cookies: string[] = [];
  const credentialHeaders = ["authorization", "proxy-authorization"];
  // a query or cookie credential's name and value come percent-encoded (see `CredentialInput.encode`)
  for (const { in: at, name, value } of selectCredentials(op.security, core.credentials)) {
    if (at === "header") {
      const key = name.toLowerCase();
      headers[key] = value;
      credentialHeaders.push(key);
    } else (at === "query" ? query : cookies).push(`${name}=${value}`);
  }
  if (cookies[0]) {
    headers["cookie"] = cookies.join("; ");
    credentialHeaders.push("cookie");
  }
  const headersWithBody = { ...headers };
  if (op.body) headersWithBody["content-type"] = op.body.mediaType;
  const prepared = { headers, headersWithBody, query, cookies, credentialHeaders };
  core.prepared.set(op, prepared);
  return prepared;
}

/**
 * A response's validation issues with long credentials removed from their texts, which can quote the server (walked
 * like a body, so unchanged issues are kept as they are); a short credential is left alone here: its words are the
 * client's own vocabulary (see redact.ts). A request's issues are never touched: they are about the caller's own
 * arguments, and the client wrote every word of them.
 */
function redactIssues(errors: ValidationIssue[], redact: Redactor): ValidationIssue[] {
  return redactValue(errors, redact.long) as ValidationIssue[];
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

function reasonOf(error: unknown): string {
  try {
    return String((error as Error)?.message ?? error);
  } catch {
    return "unknown error";
  }
}
