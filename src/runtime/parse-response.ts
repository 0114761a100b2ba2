/** Response handling: which declared response applies to a status, and decoding the body per its kind. */
import type { ResponseKind, ResponseSpec } from "./operation-spec.js";

/** The declared response for `status`: the exact code first, then its range (`2XX`, any case), then `default`. */
export function pickResponseSpec(
  responses: readonly ResponseSpec[],
  status: number,
): ResponseSpec | undefined {
  const range = `${Math.floor(status / 100)}XX`;
  return (
    responses.find((r) => r.status === String(status)) ??
    responses.find((r) => r.status.toUpperCase() === range) ??
    responses.find((r) => r.status === "default")
  );
}

/** How to decode an undeclared response: by its content-type. */
export function inferResponseKind(contentType: string | null): ResponseKind {
  if (!contentType) return "text";
  if (isJsonMediaType(contentType)) return "json";
  return /^text\/|[/+](xml|html|csv)\b|^application\/(x-www-form|javascript)/i.test(contentType)
    ? "text"
    : "binary";
}

/** `application/json`, `application/problem+json`, `application/vnd.x+json; charset=utf-8`, `text/json` */
export function isJsonMediaType(contentType: string): boolean {
  return /^(application\/([^;]*\+)?json|text\/json)\s*(;|$)/i.test(contentType.trim());
}

/** True when the response has no body by definition (RFC 9110): HEAD, 204, 205, 304. */
export function hasNoBody(method: string, status: number): boolean {
  return method === "HEAD" || status === 204 || status === 205 || status === 304;
}

/**
 * Reads a body per its kind. `json`: empty text is `undefined`; text that does not parse is returned as `value` with
 * the reason in `error`. `error` (the body of an error response): JSON when the response says JSON and it parses,
 * else the text. `JSON.parse` keeps `__proto__` as an own key and the value is never merged into another object, so
 * a hostile body cannot pollute prototypes.
 */
export async function decodeBody(
  response: Response,
  kind: ResponseKind | "error",
): Promise<{ value: unknown; error?: string }> {
  if (kind === "empty") return { value: await discardBody(response) };
  if (kind === "binary") return { value: await response.blob() };
  const text = await response.text();
  const isJson = kind === "json" || isJsonMediaType(response.headers.get("content-type") ?? "");
  if (kind === "text" || !isJson || (kind === "error" && text === "")) return { value: text };
  if (text.trim() === "") return { value: undefined };
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (error) {
    return kind === "error" ? { value: text } : { value: text, error: (error as Error).message };
  }
}

/** Releases a body we will not read, so the connection can be reused (or closed, for one that never ends). */
export async function discardBody(response: Response): Promise<undefined> {
  try {
    await response.body?.cancel();
  } catch {
    // Already consumed, locked or errored: nothing left to release.
  }
  return undefined;
}
