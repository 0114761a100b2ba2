/**
 * Redirects the client follows itself (fetch runs with `redirect: 'manual'`), so credentials never reach an origin
 * the caller did not choose. fetch on its own drops only `Authorization` on a cross-origin hop, never `x-api-key`.
 */
import type { HeaderMap } from "./headers.js";
import type { HttpMethod } from "./operation-spec.js";
import { containsSecret, mayContainSecret } from "./redact.js";

/**
 * The `redirect` option of `createClient`:
 * - `follow-same-origin`: follow redirects within the origin of `baseUrl`; refuse others with `ApiError` kind `redirect`.
 * - `follow`: follow any http(s) redirect; from the first hop to another origin on, no credential is sent.
 * - `error`: refuse every redirect.
 * Browsers hide redirect targets from scripts (an `opaqueredirect` response), so there every redirect is refused.
 */
export type RedirectPolicy = "follow-same-origin" | "follow" | "error";

/** The policy when `redirect` is not given. */
export const DEFAULT_REDIRECT_POLICY: RedirectPolicy = "follow-same-origin";
/** The hop limit when `maxRedirects` is not given: real APIs need one or two; a loop ends quickly. */
export const DEFAULT_MAX_REDIRECTS = 5;
const POLICIES: readonly string[] = ["follow-same-origin", "follow", "error"];

/** Statuses that redirect a request to `Location` (RFC 9110 §15.4); 300, 304 and 305 do not. */
const FOLLOWABLE: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);
/** Headers describing a body; dropped with it (Fetch standard "request-body-header name"). */
const BODY_HEADERS: readonly string[] = [
  "content-type",
  "content-length",
  "content-encoding",
  "content-language",
  "content-location",
];
/** Headers that carry credentials whoever set them; never sent across origins (fetch itself drops only the first). */
const ALWAYS_SENSITIVE: readonly string[] = ["authorization", "proxy-authorization", "cookie"];

/** One request as it goes on the wire. */
export interface WireRequest {
  url: string;
  method: HttpMethod;
  headers: HeaderMap;
  body: BodyInit | undefined;
}

/** Everything `planRedirect` looks at. */
export interface RedirectInput {
  current: WireRequest;
  status: number;
  /** the raw `Location` header */
  location: string | null;
  policy: RedirectPolicy;
  /** redirects already followed in this attempt */
  followed: number;
  maxRedirects: number;
  /** origin of the first request of the attempt */
  origin: string;
  /** lower-cased names of the headers that carry the client's credentials */
  credentialHeaders: ReadonlySet<string>;
  secrets: readonly string[];
  /** a ReadableStream body was sent: it cannot be sent again */
  isStream: boolean;
}

/** Follow with `next`, or refuse for `reason` (a sentence for the error message; `location` is the resolved target if any). */
export type RedirectDecision =
  | { follow: true; next: WireRequest; crossOrigin: boolean }
  | { follow: false; reason: string; location?: string };

/** True when a response asks to be followed: 301, 302, 303, 307 or 308 with a `Location`. */
export function isRedirect(status: number, location: string | null): boolean {
  return FOLLOWABLE.has(status) && location !== null;
}

/** Decides whether and how to follow one redirect, per the policy, the hop limit and the method/body rules. */
export function planRedirect(input: RedirectInput): RedirectDecision {
  const { current, policy } = input;
  const target = resolveLocation(input.location, current.url);
  if (target === undefined) return { follow: false, reason: "its Location is not a valid URL" };
  const location = target.href;
  if (target.protocol !== "http:" && target.protocol !== "https:") {
    return { follow: false, reason: `it goes to a ${target.protocol} URL, not http(s)`, location };
  }
  if (policy === "error")
    return { follow: false, reason: "redirects are refused (redirect: 'error')", location };
  if (input.followed >= input.maxRedirects) {
    return {
      follow: false,
      reason: `more than ${input.maxRedirects} redirects (maxRedirects)`,
      location,
    };
  }
  const crossOrigin = target.origin !== input.origin;
  if (crossOrigin && policy !== "follow") {
    return {
      follow: false,
      reason: `it leads to another origin (redirect: '${policy}')`,
      location,
    };
  }
  if (crossOrigin && mayContainSecret(location, input.secrets)) {
    return {
      follow: false,
      reason: "it leads to another origin with a credential in the URL",
      location,
    };
  }
  const dropBody = changesToGet(input.status, current.method);
  if (!dropBody && current.body !== undefined && input.isStream) {
    return {
      follow: false,
      reason: "the request body was a stream and cannot be sent again",
      location,
    };
  }
  const headers = new Map(current.headers);
  if (dropBody) for (const name of BODY_HEADERS) headers.delete(name);
  if (crossOrigin) stripCredentials(headers, input.credentialHeaders, input.secrets);
  const next: WireRequest = {
    url: location,
    method: dropBody ? "GET" : current.method,
    headers,
    body: dropBody ? undefined : current.body,
  };
  return { follow: true, next, crossOrigin };
}

/** What is wrong with the redirect settings (empty when all is well); meant to be thrown at creation. */
export function checkRedirectOptions(policy: unknown, maxRedirects: unknown): string[] {
  const problems: string[] = [];
  if (policy !== undefined && !POLICIES.includes(policy as string)) {
    problems.push(`redirect must be one of ${POLICIES.join(", ")}, got ${String(policy)}`);
  }
  if (
    maxRedirects !== undefined &&
    !(Number.isInteger(maxRedirects) && (maxRedirects as number) >= 0)
  ) {
    problems.push(`maxRedirects must be an integer ≥ 0, got ${String(maxRedirects)}`);
  }
  return problems;
}

/** `maxRedirects` as given when it is an integer ≥ 0, else the default: a bad value must never mean "no limit". */
export function resolveMaxRedirects(maxRedirects: number | undefined): number {
  return Number.isInteger(maxRedirects) && (maxRedirects as number) >= 0
    ? (maxRedirects as number)
    : DEFAULT_MAX_REDIRECTS;
}

/** The origin of an absolute URL (`https://api.example.com:8443`), or `undefined` for an unparsable one. */
export function originOf(url: string): string | undefined {
  return resolveLocation(url, undefined)?.origin;
}

/** 303 turns any method but HEAD into GET; 301/302 turn POST into GET (as browsers and fetch do); 307/308 change nothing. */
function changesToGet(status: number, method: HttpMethod): boolean {
  return (
    (status === 303 && method !== "GET" && method !== "HEAD") ||
    ((status === 301 || status === 302) && method === "POST")
  );
}

function resolveLocation(location: string | null, base: string | undefined): URL | undefined {
  if (location === null) return undefined;
  try {
    return new URL(location, base);
  } catch {
    return undefined;
  }
}

/** Removes every header that carries a credential: the client's own, the always-sensitive ones, and any holding a secret. */
function stripCredentials(
  headers: HeaderMap,
  credentialHeaders: ReadonlySet<string>,
  secrets: readonly string[],
): void {
  for (const [name, value] of [...headers]) {
    if (
      credentialHeaders.has(name) ||
      ALWAYS_SENSITIVE.includes(name) ||
      containsSecret(value, secrets)
    ) {
      headers.delete(name);
    }
  }
}
