/**
 * How the fault matrix judges one call: it must have settled in time with a value or a well-formed
 * ApiError of an expected kind, leave no unhandled rejection behind, and show no credential in any rendering of
 * the error or of a hook payload.
 */
import { inspect } from 'node:util';
import { type CredentialValue, findLeak, MARKER } from './credentials.js';
import { describeExpected, type Expected, matches } from './contract-model.js';
import type { CredentialOption, PublicApi } from './packages-under-test.js';
import { type HookCall, safely } from './recording-hooks.js';
import type { Observed } from './settle.js';

const KINDS = ['request_validation', 'http', 'network', 'timeout', 'aborted', 'response_validation', 'redirect'];

/** One credential of the call: where it travels and its value. */
export type CallCredential = CredentialOption & CredentialValue;

export interface CallContext {
  api: PublicApi;
  operation: string;
  method: string;
  credentials: readonly CallCredential[];
  hookCalls: readonly HookCall[];
}

/** Fails (throws) unless `observed` is a settlement the contract allows and everything about it is well-formed. */
export function expectContractOutcome(observed: Observed, expected: readonly Expected[], context: CallContext): void {
  if (observed.type === 'threw') fail(`the call threw synchronously instead of rejecting: ${describe(observed.error)}`);
  if (observed.type === 'not-a-promise') fail(`the call returned ${describe(observed.value)} instead of a promise`);
  if (observed.type === 'pending') fail(`the call did not settle within ${observed.afterMs} ms (deadline + slack)`);
  expectHookPayloadsClean(context);
  if (observed.type === 'resolved') {
    if (!matches(expected, { resolved: true, value: observed.value }))
      fail(`the call resolved with ${describe(observed.value)}; expected ${describeExpected(expected)}`);
    return;
  }
  const error = observed.error;
  if (!context.api.isApiError(error) || !(error instanceof context.api.ApiError))
    fail(`the call rejected with something other than an ApiError: ${describe(error)}`);
  const err = error as ApiErrorLike;
  expectWellFormedError(err, context);
  if (!matches(expected, { resolved: false, error: err }))
    fail(`the call rejected with ${err.kind}${err.status === undefined ? '' : ` ${String(err.status)}`} (${err.message.slice(0, 300)}); expected ${describeExpected(expected)}`);
  expectNoCredentialShown(errorRenderings(err), context.credentials);
  expectEchoedCredentialsScrubbed(err, context);
}

export interface ApiErrorLike extends Error {
  kind: string;
  operation: unknown;
  method: unknown;
  url: unknown;
  status: unknown;
  body: unknown;
  errors: unknown;
  location?: unknown;
  hasStatus(status: number): unknown;
}

/** The ApiError's fields have the contract's types and say what the client did. */
export function expectWellFormedError(err: ApiErrorLike, context: Pick<CallContext, 'operation' | 'method'>): void {
  const where = `ApiError ${String(err.kind)}`;
  check(err.name === 'ApiError', `${where}: name is ${describe(err.name)}`);
  check(KINDS.includes(err.kind), `${where}: kind is not one of the contract's`);
  check(err.operation === context.operation, `${where}: operation is ${describe(err.operation)}, not ${context.operation}`);
  check(err.method === context.method, `${where}: method is ${describe(err.method)}, not ${context.method}`);
  check(typeof err.url === 'string', `${where}: url is ${describe(err.url)}`);
  check(typeof err.message === 'string' && err.message.includes(context.operation), `${where}: the message does not name the operation intact: ${describe(err.message)}`);
  const isStatus = Number.isInteger(err.status) && (err.status as number) >= 100 && (err.status as number) <= 599;
  if (err.kind === 'http' || err.kind === 'response_validation') check(isStatus, `${where}: status is ${describe(err.status)}`);
  else if (err.kind === 'request_validation') check(err.status === undefined, `${where}: status is ${describe(err.status)}, but nothing was sent`);
  else check(err.status === undefined || isStatus, `${where}: status is ${describe(err.status)}`);
  const needsErrors = err.kind === 'request_validation' || err.kind === 'response_validation';
  if (needsErrors || err.errors !== undefined) {
    check(Array.isArray(err.errors) && (!needsErrors || err.errors.length > 0), `${where}: errors is ${describe(err.errors)}`);
    (err.errors as unknown[]).forEach((issue, i) => expectIssue(issue, `${where}: errors[${i}]`));
  }
  check(typeof err.hasStatus === 'function' && typeof err.hasStatus(typeof err.status === 'number' ? err.status : 0) === 'boolean', `${where}: hasStatus does not answer a boolean`);
  let json: string;
  try {
    json = JSON.stringify(err);
  } catch (error) {
    fail(`${where}: JSON.stringify(err) throws ${describe(error)}`);
  }
  const shown = JSON.parse(json) as Record<string, unknown>;
  check(shown.kind === err.kind && shown.operation === err.operation, `${where}: JSON.stringify does not show kind and operation`);
  for (const [how, render] of [['String(err)', () => String(err)], ['util.inspect(err)', () => inspect(err)]] as const) {
    try {
      render();
    } catch (error) {
      fail(`${where}: ${how} throws ${describe(error)}`);
    }
  }
}

function expectIssue(issue: unknown, where: string): void {
  const i = issue as { loc?: unknown; msg?: unknown; type?: unknown } | null;
  check(i !== null && typeof i === 'object', `${where} is ${describe(issue)}`);
  check(Array.isArray(i!.loc) && i!.loc.every((part) => typeof part === 'string' || Number.isInteger(part)), `${where}.loc is ${describe(i!.loc)}: ${describe(issue)}`);
  check(typeof i!.msg === 'string', `${where}.msg is ${describe(i!.msg)}: ${describe(issue)}`);
  check(typeof i!.type === 'string', `${where}.type is ${describe(i!.type)}: ${describe(issue)}`);
}

/** Every way an ApiError gets printed, logged or serialised. */
export function errorRenderings(err: ApiErrorLike): Record<string, string> {
  return {
    message: err.message,
    stack: String(err.stack),
    'String(err)': String(err),
    'JSON.stringify(err)': safely(() => JSON.stringify(err)),
    // deep enough for every echo the server writes; a 100 000-level body cannot be shown whole by anything
    'util.inspect(err)': inspect(err, { depth: 12, showHidden: true }),
    'err.body': typeof err.body === 'string' ? err.body : `${safely(() => JSON.stringify(err.body))} ${inspect(err.body, { depth: 12 })}`,
    'err.url': String(err.url),
    'err.location': String(err.location),
    'err.errors': safely(() => JSON.stringify(err.errors)),
    'err.cause': inspect(err.cause, { depth: 12, showHidden: true }),
  };
}

/** No unique credential (or a unique piece of a long one) in any rendering, in any encoding. */
export function expectNoCredentialShown(renderings: Record<string, string>, credentials: readonly CallCredential[]): void {
  for (const credential of credentials) {
    if (!credential.unique) continue;
    const leak = findLeak(renderings, credential.value);
    if (leak !== undefined) fail(`credential ${credential.option} leaks: ${leak}`);
  }
}

/** Hook payloads: no unique credential anywhere; credential headers shown as the marker; client-written fields intact. */
function expectHookPayloadsClean(context: CallContext): void {
  const renderings = Object.fromEntries(context.hookCalls.flatMap((call, i) => [[`${call.hook}#${i} (JSON)`, call.json], [`${call.hook}#${i} (inspect)`, call.inspected]]));
  expectNoCredentialShown(renderings, context.credentials);
  for (const call of context.hookCalls) {
    const payload = call.payload as Record<string, unknown>;
    check(payload.operation === context.operation, `${call.hook} payload operation is ${describe(payload.operation)}, not ${context.operation}`);
    if (call.hook !== 'onRequest') continue;
    const headers = lowerCased(payload.headers);
    for (const credential of context.credentials) {
      // (absent after a hop to another origin, where no credential is sent)
      const shown = headers[credential.name];
      if (credential.in === 'header') check(shown === MARKER || shown === undefined, `onRequest shows header ${credential.name} as ${describe(shown)}, not ${MARKER}`);
    }
  }
}

/**
 * Where only a credential could have put a value (an echoed header, cookie or query parameter), that value is not
 * the credential, however short or word-like it is.
 */
function expectEchoedCredentialsScrubbed(err: ApiErrorLike, context: CallContext): void {
  const echo = (err.body as { echo?: { url?: unknown; headers?: unknown } } | null)?.echo;
  const headerSources: Array<[string, Record<string, string>]> = [];
  const urlSources: Array<[string, unknown]> = [['err.url', err.url], ['err.location', err.location]];
  if (echo && typeof echo === 'object') {
    headerSources.push(['err.body.echo.headers', lowerCased(echo.headers)]);
    urlSources.push(['err.body.echo.url', echo.url]);
  }
  if (typeof err.body === 'string') headerSources.push(['err.body (text)', headersInText(err.body)]);
  for (const call of context.hookCalls) {
    const payload = call.payload as Record<string, unknown>;
    const headers = lowerCased(payload.headers);
    headerSources.push([`${call.hook} headers`, headers]);
    headerSources.push([`${call.hook} echo headers`, {
      'x-api-key': headers['x-echo-key'] ?? '',
      organisation: headers['x-echo-organisation'] ?? '',
      authorization: headers['x-echo-auth'] ?? '',
      cookie: headers['x-echo-cookie'] ?? '',
    }]);
    urlSources.push([`${call.hook} url`, payload.url], [`${call.hook} location`, payload.location]);
  }
  for (const credential of context.credentials) {
    const v = credential.value;
    if (v === MARKER || !(credential.unique || /^[A-Za-z0-9]+$/.test(v) || v.length >= 8)) continue;
    for (const [where, headers] of headerSources) {
      const shown = shownCredential(credential, headers);
      check(shown !== v, `${where} shows credential ${credential.option} (${describe(v)}) as it was sent`);
    }
    for (const [where, url] of urlSources) {
      const params = queryOf(url);
      const names = credential.in === 'query' ? [credential.name] : credential.name === 'x-api-key' ? ['echo'] : [];
      for (const name of names) check(params.get(name) !== v, `${where} shows credential ${credential.option} (${describe(v)}) in its query`);
    }
  }
}

/** The value a header source shows where the client put `credential`, if it shows one. */
function shownCredential(credential: CallCredential, headers: Record<string, string>): string | undefined {
  if (credential.in === 'header') return headers[credential.name];
  if (credential.in === 'bearer') return /^Bearer (.*)$/.exec(headers.authorization ?? '')?.[1];
  if (credential.in === 'cookie') {
    for (const pair of (headers.cookie ?? '').split(/;\s*/)) {
      const [name, ...rest] = pair.split('=');
      if (name === credential.name) return decodeSafely(rest.join('='));
    }
  }
  return undefined;
}

function headersInText(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^([a-z0-9-]+): (.*)$/.exec(line);
    if (match) out[match[1]!] = match[2]!;
  }
  return out;
}

function queryOf(url: unknown): URLSearchParams {
  if (typeof url !== 'string') return new URLSearchParams();
  try {
    return new URL(url, 'http://relative.invalid').searchParams;
  } catch {
    return new URLSearchParams();
  }
}

function lowerCased(headers: unknown): Record<string, string> {
  if (headers === null || typeof headers !== 'object') return {};
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), Array.isArray(value) ? value.join(', ') : String(value)]));
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** A short description of any value, also of hostile ones. */
export function describe(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message}${value.stack ? `\n${value.stack.split('\n').slice(1, 4).join('\n')}` : ''}`;
  const text = safely(() => inspect(value, { depth: 3, breakLength: Infinity }));
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

function check(condition: boolean, message: string): asserts condition {
  if (!condition) fail(message);
}

function fail(message: string): never {
  throw new Error(message);
}
