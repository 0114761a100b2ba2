/**
 * Redirects the client follows itself (fetch runs with `redirect: 'manual'`), so credentials never reach an origin
 * the caller did not choose. fetch on its own drops only `Authorization` on a cross-origin hop, never `x-api-key`.
 */
import type { HttpMethod } from "./operation-spec.js";
import type { Redactor } from "./redact.js";

/**
 * The `redirect` option of `createClient`:
 * - `follow-same-origin`: follow redirects within the origin of `baseUrl`; refuse others with `ApiError` kind `redirect`.
 * - `follow`: follow any http(s) redirect; from the first hop to another origin on, no credential is sent.
 * - `error`: refuse every redirect.
 * Browsers hide redirect targets from scripts (an `opaqueredirect` response), so there every redirect is refused.
 */
export type RedirectPolicy = "follow-same-origin" | "follow" | "error";

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

/** One request as it goes on the wire; header names lower-case. */
export interface WireRequest {
  url: string;
  method: HttpMethod;
  headers: Record<string, string>;
  body: BodyInit | undefined;
}

/** Everything `planRedirect` looks at. */
export interface RedirectInput {
  current: WireRequest;
  status: number;
  /** the raw `Location` header */
  location: string;
  policy: RedirectPolicy;
  /** redirects already followed in this attempt */
  followed: number;
  maxRedirects: number;
  /** origin of the first request of the attempt */
  origin: string;
  /** lower-cased names of the headers that carry the client's credentials */
  credentialHeaders: readonly string[];
  redact: Redactor;
  /** a ReadableStream body was sent: it cannot be sent again */
  isStream: boolean;
}

/** Follow with `next`, or refuse for `reason` (a sentence for the error message). */
export type RedirectDecision =
  { follow: true; next: WireRequest; crossOrigin: boolean } | { follow: false; reason: string };

/** True when a response asks to be followed: 301, 302, 303, 307 or 308 (RFC 9110 §15.4); 300, 304 and 305 do not. */
export function isRedirect(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

/** Decides whether and how to follow one redirect, per the policy, the hop limit and the method/body rules. */
export function planRedirect(input: RedirectInput): RedirectDecision {
  const { current, policy } = input;
  let target: URL;
  try {
    target = new URL(input.location, current.url);
  } catch {
    return { follow: false, reason: "its Location is not a valid URL" };
  }
  if (target.protocol !== "http:" && target.protocol !== "https:")
    return { follow: false, reason: `it goes to a ${target.protocol} URL, not http(s)` };
  if (policy === "error")
    return { follow: false, reason: "redirects are refused (redirect: 'error')" };
  if (input.followed >= input.maxRedirects)
    return { follow: false, reason: `more than ${input.maxRedirects} redirects (maxRedirects)` };
  const crossOrigin = target.origin !== input.origin;
  if (crossOrigin && policy !== "follow")
    return { follow: false, reason: `it leads to another origin (redirect: '${policy}')` };
  if (crossOrigin && holdsSecret(target.href, input.redact))
    return { follow: false, reason: "it leads to another origin with a credential in the URL" };
  // 303 turns any method but HEAD into GET; 301/302 turn POST into GET (as browsers and fetch do); 307/308 keep both.
  const dropBody =
    (input.status === 303 && current.method !== "GET" && current.method !== "HEAD") ||
    (input.status < 303 && current.method === "POST");
  if (!dropBody && current.body !== undefined && input.isStream)
    return refuse("the request body was a stream and cannot be sent again");
  const headers: Record<string, string> = Object.create(null);
  for (const name in current.headers) {
    const value = current.headers[name]!;
    if (dropBody && BODY_HEADERS.includes(name)) continue;
    if (
      crossOrigin &&
      (input.credentialHeaders.includes(name) ||
        ALWAYS_SENSITIVE.includes(name) ||
        holdsSecret(value, input.redact))
    )
      continue;
    headers[name] = value;
  }
  const next: WireRequest = {
    url: target.href,
    method: dropBody ? "GET" : current.method,
    headers,
    body: dropBody ? undefined : current.body,
  };
  return { follow: true, next, crossOrigin };
}

/** The origin of an absolute URL (`https://api.example.com:8443`); the URL itself when it cannot be parsed. */
export function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

function refuse(reason: string): RedirectDecision {
  return { follow: false, reason };
}

/** True when `text` holds a credential as is or once percent-decoded (URL parsers re-encode some characters). */
function holdsSecret(text: string, redact: Redactor): boolean {
  let decoded = text;
  try {
    decoded = decodeURIComponent(text);
  } catch {
    // Not valid percent-encoding: the text as is was checked.
  }
  return redact(text) !== text || redact(decoded) !== decoded;
}
