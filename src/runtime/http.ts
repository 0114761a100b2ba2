/** The transport a generated client calls: checks, sends with retries and a deadline, decodes, and fails only with ApiError. */
import { type Credential, collectSecrets, selectCredentials } from "./auth.js";
import { type PreparedRequest, prepareRequest, trimBaseUrl } from "./build-request.js";
import { type CallDeadline, sleep, startDeadline } from "./deadline.js";
import { ApiError, type ApiErrorInit, type SafeCause } from "./errors.js";
import { redactHeaders, toHeaderMap } from "./headers.js";
import type { CallOptions, HttpMethod, OperationSpec, RequestArgs } from "./operation-spec.js";
import {
  decodeBody,
  decodeErrorBody,
  discardBody,
  hasNoBody,
  inferResponseKind,
  pickResponseSpec,
} from "./parse-response.js";
import { emitHook, type RetryEvent, type TransportHooks } from "./hooks.js";
import { redactText, redactUrl } from "./redact.js";
import {
  checkRedirectOptions,
  DEFAULT_REDIRECT_POLICY,
  isRedirect,
  originOf,
  planRedirect,
  type RedirectPolicy,
  resolveMaxRedirects,
  type WireRequest,
} from "./redirects.js";
import { runValidator } from "./run-validator.js";
import {
  backoffDelay,
  checkRetryOptions,
  isRetryableNetworkError,
  isRetryableStatus,
  networkErrorCode,
  resolveRetryPolicy,
  retryDelay,
  type RetryOptions,
  type RetryPolicy,
} from "./retry-policy.js";

export type { Credential } from "./auth.js";
export { basic, bearer } from "./auth.js";
export { trimBaseUrl } from "./build-request.js";
export type {
  BodyKind,
  CallOptions,
  HttpMethod,
  OperationSpec,
  ParamSpec,
  ParamStyle,
  RequestArgs,
  RequestBodySpec,
  ResponseKind,
  ResponseSpec,
  Validator,
} from "./operation-spec.js";
export { ApiError, isApiError } from "./errors.js";
export type {
  ApiErrorKind,
  HttpBodyOf,
  HttpErrorShape,
  ValidationIssue,
  ValidationResult,
} from "./errors.js";
export type {
  RedirectEvent,
  RequestEvent,
  ResponseEvent,
  RetryEvent,
  TransportHooks,
} from "./hooks.js";
export type { RedirectPolicy } from "./redirects.js";
export type { RetryJitter, RetryOptions } from "./retry-policy.js";

/** Settings of one client instance. Optional fields also take `undefined`, so a client can spread its own options in. */
export interface TransportConfig {
  baseUrl: string;
  fetch?: typeof fetch | undefined;
  headers?: Record<string, string> | undefined;
  /** deadline for a whole call, retries and waits included; default 60_000 */
  timeoutMs?: number | undefined;
  /** shorthand for `retry.maxRetries` (which wins); default 2 */
  maxRetries?: number | undefined;
  /** backoff, which failures are retried, `Retry-After`; see `RetryOptions` for the defaults */
  retry?: RetryOptions | undefined;
  /** default 'follow-same-origin'; see `RedirectPolicy` */
  redirect?: RedirectPolicy | undefined;
  /** most redirects followed in one attempt; default 5 */
  maxRedirects?: number | undefined;
  /** default true */
  validateRequests?: boolean | undefined;
  /** default true */
  validateResponses?: boolean | undefined;
  /** by security scheme name; values already final (e.g. 'Bearer abc' via `bearer()`) */
  credentials: Record<string, Credential | undefined>;
  /** raw secret strings to scrub everywhere (credential values, raw tokens, passwords) */
  secrets: string[];
  hooks?: TransportHooks | undefined;
}

/** What a generated client calls for every operation. Rejects only with `ApiError`. */
export interface Transport {
  call(spec: OperationSpec, args: RequestArgs, options?: CallOptions): Promise<unknown>;
}

const DEFAULT_TIMEOUT_MS = 60_000;
/** Why an `opaqueredirect` cannot be followed, for the error message. */
const OPAQUE_REDIRECT =
  "the browser does not show scripts where a redirect goes, so the client cannot check its origin; point baseUrl at the final URL";

/** Everything one call needs, fixed at its start. */
interface Run {
  config: TransportConfig;
  spec: OperationSpec;
  request: PreparedRequest;
  deadline: CallDeadline;
  timeoutMs: number;
  secrets: string[];
  retry: RetryPolicy;
  fail(init: Omit<ApiErrorInit, "operation" | "method" | "secrets" | "url">): ApiError;
}

type Outcome =
  | { type: "value"; value: unknown }
  | { type: "error"; error: ApiError }
  | {
      type: "retry";
      delayMs: number;
      reason: "http" | "network";
      status?: number;
      error?: ApiError;
    };

/**
 * Creates the transport of one client; `config` is read at each call, nothing is cached between calls.
 * Throws a RangeError naming every invalid retry or redirect setting: a mistake is reported once, at creation.
 */
export function createTransport(config: TransportConfig): Transport {
  const problems = [
    ...checkRetryOptions(config.retry, config.maxRetries),
    ...checkRedirectOptions(config.redirect, config.maxRedirects),
  ];
  if (problems.length > 0) throw new RangeError(`invalid client options: ${problems.join("; ")}`);
  return { call: (spec, args, options) => callOperation(config, spec, args ?? {}, options ?? {}) };
}

async function callOperation(
  config: TransportConfig,
  spec: OperationSpec,
  args: RequestArgs,
  options: CallOptions,
): Promise<unknown> {
  const problems = [
    ...checkRetryOptions(options.retry, options.maxRetries),
    ...checkRedirectOptions(options.redirect, options.maxRedirects),
  ];
  if (problems.length > 0) throw new RangeError(`invalid call options: ${problems.join("; ")}`);
  const secrets = collectSecrets(config.credentials, config.secrets);
  const credentials = selectCredentials(spec.security, config.credentials);
  const context = {
    baseUrl: config.baseUrl,
    headers: config.headers,
    credentials,
    validateRequests: config.validateRequests ?? true,
  };
  const prepared = prepareSafely(context, spec, args, options);
  const failAt =
    (url: string) => (init: Omit<ApiErrorInit, "operation" | "method" | "secrets" | "url">) =>
      new ApiError({ ...init, operation: spec.name, method: spec.method, url, secrets });
  if (!prepared.ok) {
    throw failAt(trimBaseUrl(config.baseUrl) + spec.path)({
      kind: "request_validation",
      errors: prepared.errors,
    });
  }
  const request = { ...prepared.value, displayUrl: redactText(prepared.value.displayUrl, secrets) };
  const effective = withCallOverrides(config, options);
  const timeoutMs = options.timeoutMs ?? config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const deadline = startDeadline(options.signal, timeoutMs);
  const retry = resolveRetryPolicy(effective.retry, effective.maxRetries);
  const run: Run = {
    config: effective,
    spec,
    request,
    deadline,
    timeoutMs,
    secrets,
    retry,
    fail: failAt(request.displayUrl),
  };
  try {
    return await sendWithRetries(run);
  } finally {
    deadline.dispose();
  }
}

/**
 * The transport settings for one call: its own retry and redirect options win, retry settings field by field (a
 * call's `retry: { maxRetries: 0 }` keeps the client's backoff). Retry count: the call's `retry.maxRetries`, then
 * its `maxRetries`, then the client's `retry.maxRetries`, then the client's `maxRetries`.
 */
function withCallOverrides(config: TransportConfig, options: CallOptions): TransportConfig {
  if (
    options.retry === undefined &&
    options.maxRetries === undefined &&
    options.redirect === undefined &&
    options.maxRedirects === undefined
  ) {
    return config;
  }
  const retry: RetryOptions = { ...config.retry, ...definedFields(options.retry ?? {}) };
  if (options.retry?.maxRetries === undefined && options.maxRetries !== undefined)
    retry.maxRetries = options.maxRetries;
  return {
    ...config,
    retry,
    redirect: options.redirect ?? config.redirect,
    maxRedirects: options.maxRedirects ?? config.maxRedirects,
  };
}

/** The fields of `record` that are set (an explicit `undefined` does not reset the client's setting). */
function definedFields<T extends object>(record: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(record).filter(([, v]) => v !== undefined),
  ) as Partial<T>;
}

/** `prepareRequest`, with anything it throws (a body JSON.stringify cannot encode, a circular value) as an issue. */
function prepareSafely(
  ...input: Parameters<typeof prepareRequest>
): ReturnType<typeof prepareRequest> {
  try {
    return prepareRequest(...input);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      errors: [{ loc: [], msg: `request cannot be encoded: ${reason}`, type: "value_error" }],
    };
  }
}

/** Attempts until success, a final error, the retry budget or the deadline; waits end early on abort. */
async function sendWithRetries(run: Run): Promise<unknown> {
  const retries = run.request.body.isStream ? 0 : run.retry.maxRetries;
  for (let attempt = 1; ; attempt++) {
    if (run.deadline.reason()) throw stoppedError(run);
    const outcome = await attemptOnce(run, attempt, attempt <= retries);
    if (outcome.type === "value") return outcome.value;
    if (outcome.type === "error") throw outcome.error;
    if (outcome.error && outcome.delayMs > run.deadline.remainingMs()) throw outcome.error;
    const { spec, request } = run;
    const event: RetryEvent = {
      operation: spec.name,
      method: spec.method,
      url: request.displayUrl,
      attempt,
      delayMs: outcome.delayMs,
      reason: outcome.reason,
      ...(outcome.status === undefined ? {} : { status: outcome.status }),
    };
    emitHook(() => run.config.hooks?.onRetry?.(event));
    try {
      await sleep(outcome.delayMs, run.deadline.signal);
    } catch {
      throw stoppedError(run);
    }
  }
}

/** One attempt (the first request and any redirects it follows) and the decision about its result. */
async function attemptOnce(run: Run, attempt: number, mayRetry: boolean): Promise<Outcome> {
  const { spec } = run;
  let sent: Response | ApiError;
  try {
    sent = await sendFollowingRedirects(run, attempt);
  } catch (error) {
    const failure = failureOf(run, error);
    const retry =
      failure.kind === "network" &&
      mayRetry &&
      isRetryableNetworkError(run.retry, spec.method, networkErrorCode(error));
    return retry
      ? {
          type: "retry",
          delayMs: backoffDelay(attempt, run.retry, Math.random),
          reason: "network",
          error: failure,
        }
      : { type: "error", error: failure };
  }
  if (sent instanceof ApiError) return { type: "error", error: sent };
  const response = sent;
  if (mayRetry && isRetryableStatus(run.retry, spec.method, response.status)) {
    const delayMs = retryDelay(
      attempt,
      run.retry,
      response.headers.get("retry-after"),
      Date.now(),
      Math.random,
    );
    if (delayMs <= run.deadline.remainingMs()) {
      await discardBody(response);
      return { type: "retry", delayMs, reason: "http", status: response.status };
    }
  }
  try {
    return await settle(run, response);
  } catch (error) {
    return { type: "error", error: failureOf(run, error) };
  }
}

/**
 * Sends the request with `redirect: 'manual'` and follows redirects per the `redirect` policy (see redirects.ts).
 * Resolves with the final response, or with the `redirect` error of a redirect not followed.
 */
async function sendFollowingRedirects(run: Run, attempt: number): Promise<Response | ApiError> {
  const { request } = run;
  const first: WireRequest = {
    url: request.url,
    method: run.spec.method,
    headers: request.headers,
    body: request.body.body,
  };
  const origin = originOf(request.url) ?? request.url;
  const maxRedirects = resolveMaxRedirects(run.config.maxRedirects);
  let hop = { wire: first, shownUrl: request.displayUrl };
  for (let followed = 0; ; followed++) {
    const response = await sendHop(run, hop.wire, hop.shownUrl, attempt);
    if (response.type === "opaqueredirect") {
      return run.fail({ kind: "redirect", detail: OPAQUE_REDIRECT });
    }
    const location = response.headers.get("location");
    if (!isRedirect(response.status, location)) return response;
    await discardBody(response);
    const decision = planRedirect({
      current: hop.wire,
      status: response.status,
      location,
      policy: run.config.redirect ?? DEFAULT_REDIRECT_POLICY,
      followed,
      maxRedirects,
      origin,
      credentialHeaders: request.credentialHeaders,
      secrets: run.secrets,
      isStream: request.body.isStream,
    });
    const status = response.status;
    if (!decision.follow) {
      const shown =
        decision.location === undefined
          ? {}
          : { location: redactUrl(decision.location, run.secrets) };
      return run.fail({ kind: "redirect", status, detail: decision.reason, ...shown });
    }
    const next = { wire: decision.next, shownUrl: redactUrl(decision.next.url, run.secrets) };
    const { name: operation } = run.spec;
    const event = {
      operation,
      method: hop.wire.method,
      url: hop.shownUrl,
      status,
      attempt,
      redirect: followed + 1,
    };
    emitHook(() =>
      run.config.hooks?.onRedirect?.({
        ...event,
        location: next.shownUrl,
        crossOrigin: decision.crossOrigin,
      }),
    );
    hop = next;
  }
}

/** One request on the wire, reported to `onRequest` and `onResponse`; redirects are returned, not followed. */
async function sendHop(
  run: Run,
  wire: WireRequest,
  shownUrl: string,
  attempt: number,
): Promise<Response> {
  const { request } = run;
  const base = { operation: run.spec.name, method: wire.method, url: shownUrl, attempt };
  const shownHeaders = redactHeaders(wire.headers, request.credentialHeaders, run.secrets);
  emitHook(() => run.config.hooks?.onRequest?.({ ...base, headers: shownHeaders }));
  const fetchFn = run.config.fetch ?? globalThis.fetch;
  const isStream = request.body.isStream && wire.body !== undefined;
  // Node's fetch needs `duplex` for a stream body; browsers ignore unknown init members.
  const init: RequestInit & { duplex?: "half" } = {
    method: wire.method,
    headers: [...wire.headers],
    signal: run.deadline.signal,
    redirect: "manual",
    ...(wire.body === undefined ? {} : { body: wire.body }),
    ...(isStream ? { duplex: "half" as const } : {}),
  };
  const response = await untilStopped(fetchFn(wire.url, init), run.deadline.signal);
  const responseHeaders = (): Record<string, string> =>
    redactHeaders(toHeaderMap(response.headers), new Set(["set-cookie"]), run.secrets);
  emitHook(() =>
    run.config.hooks?.onResponse?.({
      ...base,
      status: response.status,
      headers: responseHeaders(),
    }),
  );
  return response;
}

/** Settles with `promise`, or rejects when `signal` fires first: the deadline holds even for a fetch that ignores signals. */
function untilStopped<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onStop = (): void => reject(new DOMException("stopped", "AbortError"));
    if (signal.aborted) onStop();
    else signal.addEventListener("abort", onStop, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onStop);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onStop);
        reject(error);
      },
    );
  });
}

/** Decodes a received response into the call's result or its final error. */
async function settle(run: Run, response: Response): Promise<Outcome> {
  const { spec, fail } = run;
  const status = response.status;
  const declared = pickResponseSpec(spec.responses, status);
  const validateResponses = run.config.validateResponses ?? true;
  if (status < 200 || status > 299) {
    const body = await decodeErrorBody(response);
    const matches =
      !validateResponses ||
      !declared?.validate ||
      runValidator(declared.validate, body, ["response"]).ok;
    return {
      type: "error",
      error: fail({ kind: "http", status, body, bodyMatchesSchema: matches }),
    };
  }
  if (hasNoBody(spec.method, status)) {
    await discardBody(response);
    return { type: "value", value: undefined };
  }
  const decoded = await decodeBody(
    response,
    declared?.kind ?? inferResponseKind(response.headers.get("content-type")),
  );
  if (!decoded.ok) {
    const errors = [
      {
        loc: ["response"],
        msg: `response body is not valid JSON: ${decoded.reason}`,
        type: "json_invalid",
      },
    ];
    return {
      type: "error",
      error: fail({ kind: "response_validation", status, body: decoded.raw, errors }),
    };
  }
  if (!validateResponses || !declared?.validate) return { type: "value", value: decoded.value };
  const checked = runValidator(declared.validate, decoded.value, ["response"]);
  if (checked.ok) return { type: "value", value: checked.value };
  return {
    type: "error",
    error: fail({
      kind: "response_validation",
      status,
      body: decoded.value,
      errors: checked.errors,
    }),
  };
}

/** Classifies a rejected fetch or body read: our deadline, the caller's abort, or the network. */
function failureOf(run: Run, error: unknown): ApiError {
  if (run.deadline.reason()) return stoppedError(run);
  const cause = safeCause(error);
  return run.fail({ kind: "network", cause, detail: cause.code ?? cause.message });
}

function stoppedError(run: Run): ApiError {
  return run.deadline.reason() === "timeout"
    ? run.fail({ kind: "timeout", detail: `deadline of ${run.timeoutMs} ms` })
    : run.fail({ kind: "aborted" });
}

/** Name, code and message only — of the innermost cause when fetch wraps it (`TypeError: fetch failed`). */
function safeCause(error: unknown): SafeCause {
  const inner = (error as { cause?: unknown } | null)?.cause;
  const source = inner instanceof Error ? inner : error;
  const name = source instanceof Error ? source.name : "Error";
  const message = source instanceof Error ? source.message : String(source);
  const code = networkErrorCode(error);
  return code === undefined ? { name, message } : { name, message, code };
}
