/** The transport a generated client calls: checks, sends with retries and a deadline, decodes, and fails only with ApiError. */
import { type Credential, collectSecrets, selectCredentials } from './auth.js';
import { type PreparedRequest, prepareRequest, trimBaseUrl } from './build-request.js';
import { type CallDeadline, sleep, startDeadline } from './deadline.js';
import { ApiError, type ApiErrorInit, type SafeCause } from './errors.js';
import { redactHeaders, toHeaderMap } from './headers.js';
import type { CallOptions, HttpMethod, OperationSpec, RequestArgs } from './operation-spec.js';
import {
  decodeBody,
  decodeErrorBody,
  discardBody,
  hasNoBody,
  inferResponseKind,
  pickResponseSpec,
} from './parse-response.js';
import { redactText } from './redact.js';
import { runValidator } from './run-validator.js';
import {
  backoffDelay,
  isRetryableNetworkError,
  isRetryableStatus,
  networkErrorCode,
  parseRetryAfter,
} from './retry-policy.js';

export type { Credential } from './auth.js';
export { basic, bearer } from './auth.js';
export { trimBaseUrl } from './build-request.js';
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
} from './operation-spec.js';
export { ApiError, isApiError } from './errors.js';
export type { ApiErrorKind, HttpBodyOf, HttpErrorShape, ValidationIssue, ValidationResult } from './errors.js';

/** Sent to `onRequest` before each attempt. Credential headers and query values are redacted. */
export interface RequestEvent {
  operation: string;
  method: HttpMethod;
  url: string;
  headers: Readonly<Record<string, string>>;
  /** 1 for the first try */
  attempt: number;
}

/** Sent to `onResponse` for each response received, before its body is read. */
export interface ResponseEvent {
  operation: string;
  method: HttpMethod;
  url: string;
  status: number;
  headers: Readonly<Record<string, string>>;
  attempt: number;
}

/** Sent to `onRetry` before waiting to retry a failed attempt. */
export interface RetryEvent {
  operation: string;
  method: HttpMethod;
  url: string;
  /** the attempt that failed */
  attempt: number;
  delayMs: number;
  reason: 'http' | 'network';
  status?: number;
}

/** Observation points; payloads hold no secrets. A hook that throws is ignored: observing must not break a call. */
export interface TransportHooks {
  onRequest?(event: RequestEvent): void;
  onResponse?(event: ResponseEvent): void;
  onRetry?(event: RetryEvent): void;
}

/** Settings of one client instance. Optional fields also take `undefined`, so a client can spread its own options in. */
export interface TransportConfig {
  baseUrl: string;
  fetch?: typeof fetch | undefined;
  headers?: Record<string, string> | undefined;
  /** deadline for a whole call, retries and waits included; default 60_000 */
  timeoutMs?: number | undefined;
  /** default 2 */
  maxRetries?: number | undefined;
  /** default true */
  validateRequests?: boolean | undefined;
  /** default true */
  validateResponses?: boolean | undefined;
  /** by security scheme name; values already final (e.g. 'Bearer abc' via `bearer()`) */
  credentials: Record<string, Credential | undefined>;
  /** raw secret strings to scrub everywhere (credential values, raw tokens, passwords) */
  secrets: string[];
  hooks?: TransportHooks | undefined;
  /** first backoff step; default 250 */
  retryBaseDelayMs?: number | undefined;
  /** largest backoff step; default 8_000 */
  retryMaxDelayMs?: number | undefined;
  /** longest `Retry-After` wait honoured; longer requests are shortened to it; default 60_000 */
  maxRetryAfterMs?: number | undefined;
}

/** What a generated client calls for every operation. Rejects only with `ApiError`. */
export interface Transport {
  call(spec: OperationSpec, args: RequestArgs, options?: CallOptions): Promise<unknown>;
}

const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_MAX_RETRIES = 2;

/** Everything one call needs, fixed at its start. */
interface Run {
  config: TransportConfig;
  spec: OperationSpec;
  request: PreparedRequest;
  deadline: CallDeadline;
  timeoutMs: number;
  secrets: string[];
  fail(init: Omit<ApiErrorInit, 'operation' | 'method' | 'secrets' | 'url'>): ApiError;
}

type Outcome =
  | { type: 'value'; value: unknown }
  | { type: 'error'; error: ApiError }
  | { type: 'retry'; delayMs: number; reason: 'http' | 'network'; status?: number; error?: ApiError };

/** Creates the transport of one client; `config` is read at each call, nothing is cached between calls. */
export function createTransport(config: TransportConfig): Transport {
  return { call: (spec, args, options) => callOperation(config, spec, args ?? {}, options ?? {}) };
}

async function callOperation(
  config: TransportConfig,
  spec: OperationSpec,
  args: RequestArgs,
  options: CallOptions,
): Promise<unknown> {
  const secrets = collectSecrets(config.credentials, config.secrets);
  const credentials = selectCredentials(spec.security, config.credentials);
  const context = {
    baseUrl: config.baseUrl,
    headers: config.headers,
    credentials,
    validateRequests: config.validateRequests ?? true,
  };
  const prepared = prepareSafely(context, spec, args, options);
  const failAt = (url: string) => (init: Omit<ApiErrorInit, 'operation' | 'method' | 'secrets' | 'url'>) =>
    new ApiError({ ...init, operation: spec.name, method: spec.method, url, secrets });
  if (!prepared.ok) {
    throw failAt(trimBaseUrl(config.baseUrl) + spec.path)({ kind: 'request_validation', errors: prepared.errors });
  }
  const request = { ...prepared.value, displayUrl: redactText(prepared.value.displayUrl, secrets) };
  const timeoutMs = options.timeoutMs ?? config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const deadline = startDeadline(options.signal, timeoutMs);
  const run: Run = { config, spec, request, deadline, timeoutMs, secrets, fail: failAt(request.displayUrl) };
  try {
    return await sendWithRetries(run);
  } finally {
    deadline.dispose();
  }
}

/** `prepareRequest`, with anything it throws (a body JSON.stringify cannot encode, a circular value) as an issue. */
function prepareSafely(...input: Parameters<typeof prepareRequest>): ReturnType<typeof prepareRequest> {
  try {
    return prepareRequest(...input);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, errors: [{ loc: [], msg: `request cannot be encoded: ${reason}`, type: 'value_error' }] };
  }
}

/** Attempts until success, a final error, the retry budget or the deadline; waits end early on abort. */
async function sendWithRetries(run: Run): Promise<unknown> {
  const retries = run.request.body.isStream ? 0 : Math.max(0, Math.floor(run.config.maxRetries ?? DEFAULT_MAX_RETRIES));
  for (let attempt = 1; ; attempt++) {
    if (run.deadline.reason()) throw stoppedError(run);
    const outcome = await attemptOnce(run, attempt, attempt <= retries);
    if (outcome.type === 'value') return outcome.value;
    if (outcome.type === 'error') throw outcome.error;
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
    emit(() => run.config.hooks?.onRetry?.(event));
    try {
      await sleep(outcome.delayMs, run.deadline.signal);
    } catch {
      throw stoppedError(run);
    }
  }
}

/** One fetch and the decision about its result. */
async function attemptOnce(run: Run, attempt: number, mayRetry: boolean): Promise<Outcome> {
  const { spec, request } = run;
  const base = { operation: spec.name, method: spec.method, url: request.displayUrl, attempt };
  emit(() =>
    run.config.hooks?.onRequest?.({
      ...base,
      headers: redactHeaders(request.headers, request.credentialHeaders, run.secrets),
    }),
  );
  let response: Response;
  try {
    response = await sendOnce(run);
  } catch (error) {
    const failure = failureOf(run, error);
    const retry =
      failure.kind === 'network' && mayRetry && isRetryableNetworkError(spec.method, networkErrorCode(error));
    return retry
      ? { type: 'retry', delayMs: backoff(run, attempt), reason: 'network', error: failure }
      : { type: 'error', error: failure };
  }
  const responseHeaders = (): Record<string, string> =>
    redactHeaders(toHeaderMap(response.headers), new Set(['set-cookie']), run.secrets);
  emit(() => run.config.hooks?.onResponse?.({ ...base, status: response.status, headers: responseHeaders() }));
  if (mayRetry && isRetryableStatus(spec.method, response.status)) {
    const delayMs = retryDelay(run, attempt, response);
    if (delayMs <= run.deadline.remainingMs()) {
      await discardBody(response);
      return { type: 'retry', delayMs, reason: 'http', status: response.status };
    }
  }
  try {
    return await settle(run, response);
  } catch (error) {
    return { type: 'error', error: failureOf(run, error) };
  }
}

function sendOnce(run: Run): Promise<Response> {
  const { request } = run;
  const fetchFn = run.config.fetch ?? globalThis.fetch;
  // Node's fetch needs `duplex` for a stream body; browsers ignore unknown init members.
  const init: RequestInit & { duplex?: 'half' } = {
    method: run.spec.method,
    headers: [...request.headers],
    signal: run.deadline.signal,
    ...(request.body.body === undefined ? {} : { body: request.body.body }),
    ...(request.body.isStream ? { duplex: 'half' as const } : {}),
  };
  return untilStopped(fetchFn(request.url, init), run.deadline.signal);
}

/** Settles with `promise`, or rejects when `signal` fires first: the deadline holds even for a fetch that ignores signals. */
function untilStopped<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onStop = (): void => reject(new DOMException('stopped', 'AbortError'));
    if (signal.aborted) onStop();
    else signal.addEventListener('abort', onStop, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onStop);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onStop);
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
    const matches = !validateResponses || !declared?.validate || runValidator(declared.validate, body, ['response']).ok;
    return { type: 'error', error: fail({ kind: 'http', status, body, bodyMatchesSchema: matches }) };
  }
  if (hasNoBody(spec.method, status)) {
    await discardBody(response);
    return { type: 'value', value: undefined };
  }
  const decoded = await decodeBody(response, declared?.kind ?? inferResponseKind(response.headers.get('content-type')));
  if (!decoded.ok) {
    const errors = [{ loc: ['response'], msg: `response body is not valid JSON: ${decoded.reason}`, type: 'json_invalid' }];
    return { type: 'error', error: fail({ kind: 'response_validation', status, body: decoded.raw, errors }) };
  }
  if (!validateResponses || !declared?.validate) return { type: 'value', value: decoded.value };
  const checked = runValidator(declared.validate, decoded.value, ['response']);
  if (checked.ok) return { type: 'value', value: checked.value };
  return {
    type: 'error',
    error: fail({ kind: 'response_validation', status, body: decoded.value, errors: checked.errors }),
  };
}

/** Classifies a rejected fetch or body read: our deadline, the caller's abort, or the network. */
function failureOf(run: Run, error: unknown): ApiError {
  if (run.deadline.reason()) return stoppedError(run);
  const cause = safeCause(error);
  return run.fail({ kind: 'network', cause, detail: cause.code ?? cause.message });
}

function stoppedError(run: Run): ApiError {
  return run.deadline.reason() === 'timeout'
    ? run.fail({ kind: 'timeout', detail: `deadline of ${run.timeoutMs} ms` })
    : run.fail({ kind: 'aborted' });
}

/** Name, code and message only — of the innermost cause when fetch wraps it (`TypeError: fetch failed`). */
function safeCause(error: unknown): SafeCause {
  const inner = (error as { cause?: unknown } | null)?.cause;
  const source = inner instanceof Error ? inner : error;
  const name = source instanceof Error ? source.name : 'Error';
  const message = source instanceof Error ? source.message : String(source);
  const code = networkErrorCode(error);
  return code === undefined ? { name, message } : { name, message, code };
}

function retryDelay(run: Run, attempt: number, response: Response): number {
  const asked = parseRetryAfter(response.headers.get('retry-after'), Date.now());
  if (asked === undefined) return backoff(run, attempt);
  return Math.min(asked, run.config.maxRetryAfterMs ?? 60_000);
}

function backoff(run: Run, attempt: number): number {
  return backoffDelay(attempt, run.config.retryBaseDelayMs ?? 250, run.config.retryMaxDelayMs ?? 8_000, Math.random);
}

/** Runs a hook; its failure is not the call's failure. */
function emit(hook: () => void): void {
  try {
    hook();
  } catch {
    // Observers must not change the outcome of a call.
  }
}
