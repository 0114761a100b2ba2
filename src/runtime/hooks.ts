/** The observation points of a client (`hooks` option): their payloads, which never hold a credential, and how they run. */
import type { ValidationIssue } from "./errors.js";
import type { HttpMethod } from "./operation-spec.js";

/** Sent to `onRequest` before each request goes out, redirected ones included. Credential headers and query values are redacted. */
export interface RequestEvent {
  operation: string;
  method: HttpMethod;
  url: string;
  headers: Readonly<Record<string, string>>;
  /** 1 for the first try */
  attempt: number;
}

/** Sent to `onResponse` for each response received (a redirect too), before its body is read. */
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
  reason: "http" | "network";
  status?: number;
}

/** Sent to `onRedirect` before a redirect is followed (refused ones end the call with an `ApiError` of kind `redirect`). */
export interface RedirectEvent {
  operation: string;
  /** the method of the redirected request; the next one's may differ (303 → GET) */
  method: HttpMethod;
  url: string;
  status: number;
  /** where the next request goes, secrets redacted */
  location: string;
  /** true when it leaves the origin of the first request: it carries no credential */
  crossOrigin: boolean;
  attempt: number;
  /** 1 for the first redirect of this attempt */
  redirect: number;
}

/**
 * Sent to `onResponseDeviation` when a response was accepted although it deviates from the spec in ways a compatible
 * change of the API produces (`validateResponses: true`): a new enum value, a new union variant, a new property, an
 * echoed writeOnly property. The call resolved with the value as received.
 */
export interface ResponseDeviationEvent {
  operation: string;
  method: HttpMethod;
  url: string;
  status: number;
  /** what the response's validator reported, every one of a compatible kind */
  deviations: ValidationIssue[];
}

/**
 * Observation points; payloads hold no credential. Hooks observe and cannot change a call: one that throws or
 * returns a rejected promise is isolated — the call goes on as if it had returned, and the failure is dropped
 * (catch inside the hook to see it).
 */
export interface TransportHooks {
  onRequest?(event: RequestEvent): unknown;
  onResponse?(event: ResponseEvent): unknown;
  onRetry?(event: RetryEvent): unknown;
  onRedirect?(event: RedirectEvent): unknown;
  onResponseDeviation?(event: ResponseDeviationEvent): unknown;
}

/** Runs one hook with its payload, built only when the hook is set; neither a throw nor a rejection escapes. */
export function emitHook<K extends keyof TransportHooks>(
  hooks: TransportHooks | undefined,
  name: K,
  payload: () => Parameters<NonNullable<TransportHooks[K]>>[0],
): void {
  try {
    const hook = hooks?.[name] as ((event: unknown) => unknown) | undefined;
    if (typeof hook !== "function") return;
    const result = hook.call(hooks, payload()) as { then?: unknown } | null | undefined;
    if (typeof result?.then === "function") Promise.resolve(result).catch(ignore);
  } catch {
    // Observers must not change the outcome of a call.
  }
}

function ignore(): void {}
