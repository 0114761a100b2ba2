/** The observation points of a client (`hooks` option): their payloads, which never hold a secret, and how they run. */
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

/** Observation points; payloads hold no secrets. A hook that throws is ignored: observing must not break a call. */
export interface TransportHooks {
  onRequest?(event: RequestEvent): void;
  onResponse?(event: ResponseEvent): void;
  onRetry?(event: RetryEvent): void;
  onRedirect?(event: RedirectEvent): void;
}

/** Runs a hook; its failure is not the call's failure. */
export function emitHook(hook: () => void): void {
  try {
    hook();
  } catch {
    // Observers must not change the outcome of a call.
  }
}
