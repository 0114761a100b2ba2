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

/**
 * Headers dropped across origins: the client's credential headers, those that carry credentials whoever set them
 * (fetch itself drops only `authorization`), and any whose value holds a credential.
 */
const ALWAYS_SENSITIVE = /^(proxy-)?authorization$|^cookie$/;

/** One request as it goes on the wire; header names lower-case. */
export interface WireRequest {
  url: string;
  method: HttpMethod;
  headers: Readonly<Record<string, string>>;
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

/** Follow with `next`, or refuse for `reason` (a phrase for the error message); `url`: the resolved target, if any. */
export type RedirectDecision =
  | { follow: true; next: WireRequest; crossOrigin: boolean }
  | { follow: false; reason: string; url?: string };

/** True when a response asks to be followed: 301, 302, 303, 307 or 308 (RFC 9110 §15.4); 300, 304 and 305 do not. */
export function isRedirect(status: number): boolean {
  return status > 300 && status < 309 && status !== 304 && status !== 305 && status !== 306;
}

/** Decides whether and how to follow one redirect, per the policy, the hop limit and the method/body rules. */
export function planRedirect(input: RedirectInput): RedirectDecision {
  const { current, policy, status } = input;
  let target: URL;
  try {
    target = new URL(input.location, current.url);
  } catch {
    return { follow: false, reason: "its Location is not a URL" };
  }
  const url = target.href;
  const crossOrigin = target.origin !== input.origin;
  // 303 turns any method but HEAD into GET; 301/302 turn POST into GET (as browsers and fetch do); 307/308 keep both.
  const toGet =
    (status === 303 && current.method !== "GET" && current.method !== "HEAD") ||
    (status < 303 && current.method === "POST");
  const reason = !/^https?:$/.test(target.protocol)
    ? `it goes to a ${target.protocol} URL`
    : policy === "error"
      ? "redirect: 'error'"
      : input.followed >= input.maxRedirects
        ? `more than ${input.maxRedirects} redirects (maxRedirects)`
        : crossOrigin && policy !== "follow"
          ? `it leads to another origin (redirect: '${policy}')`
          : crossOrigin && holdsSecret(url, input.redact)
            ? "it leads to another origin with a credential in the URL"
            : !toGet && current.body !== undefined && input.isStream
              ? "a stream body cannot be sent again"
              : undefined;
  if (reason) return { follow: false, reason, url };
  const headers: Record<string, string> = Object.create(null);
  for (const name in current.headers) {
    const value = current.headers[name]!;
    const drop =
      (toGet && name.startsWith("content-")) ||
      (crossOrigin &&
        (input.credentialHeaders.includes(name) ||
          ALWAYS_SENSITIVE.test(name) ||
          holdsSecret(value, input.redact)));
    if (!drop) headers[name] = value;
  }
  const next = {
    url,
    method: toGet ? "GET" : current.method,
    headers,
    body: toGet ? undefined : current.body,
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
