/** Response handling: which declared response applies to a status, and decoding the body per its kind. */
import type { ResponseKind, ResponseSpec } from "./operation-spec.js";

/** Result of reading a body: the decoded value, or the raw text and why it could not be decoded. */
export type DecodedBody = { ok: true; value: unknown } | { ok: false; raw: string; reason: string };

/** The declared response for `status`: the exact code first, then its range (`2XX`, any case), then `default`. */
export function pickResponseSpec(
  responses: readonly ResponseSpec[],
  status: number,
): ResponseSpec | undefined {
  const exact = String(status);
  const range = `${Math.floor(status / 100)}XX`;
  return (
    responses.find((r) => r.status === exact) ??
    responses.find((r) => r.status.toUpperCase() === range) ??
    responses.find((r) => r.status === "default")
  );
}

/** How to decode an undeclared response: by its content-type. */
export function inferResponseKind(contentType: string | null): ResponseKind {
  if (contentType === null || contentType === "") return "text";
  if (isJsonMediaType(contentType)) return "json";
  if (
    /^text\/|[/+](xml|html|csv)\b|^application\/(x-www-form-urlencoded|javascript)/i.test(
      contentType,
    )
  )
    return "text";
  return "binary";
}

/** `application/json`, `application/problem+json`, `application/vnd.x+json; charset=utf-8`, ... */
export function isJsonMediaType(contentType: string): boolean {
  const essence = contentType.split(";")[0]!.trim().toLowerCase();
  return essence === "application/json" || essence.endsWith("+json") || essence === "text/json";
}

/** True when the response has no body by definition (RFC 9110): HEAD, 204, 205, 304. */
export function hasNoBody(method: string, status: number): boolean {
  return method === "HEAD" || status === 204 || status === 205 || status === 304;
}

/**
 * Decodes a success body. JSON: empty → `undefined`, invalid → not ok. `JSON.parse` keeps `__proto__` as an own
 * key and the value is never merged into another object, so a hostile body cannot pollute prototypes.
 */
export async function decodeBody(response: Response, kind: ResponseKind): Promise<DecodedBody> {
  switch (kind) {
    case "empty":
      await discardBody(response);
      return { ok: true, value: undefined };
    case "binary":
      return { ok: true, value: await response.blob() };
    case "text":
      return { ok: true, value: await response.text() };
    default:
      return parseJsonText(await response.text());
  }
}

/** Parses JSON text; empty (or whitespace) text is `undefined`. */
export function parseJsonText(text: string): DecodedBody {
  if (text.trim() === "") return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, raw: text, reason: (error as Error).message };
  }
}

/** An error body: JSON when the response says JSON and it parses, otherwise the text. */
export async function decodeErrorBody(response: Response): Promise<unknown> {
  const text = await response.text();
  const contentType = response.headers.get("content-type");
  if (text === "" || contentType === null || !isJsonMediaType(contentType)) return text;
  const parsed = parseJsonText(text);
  return parsed.ok ? parsed.value : text;
}

/** Releases a body we will not read, so the connection can be reused (or closed, for one that never ends). */
export function discardBody(response: Response): Promise<void> {
  try {
    return (response.body?.cancel() ?? Promise.resolve()).catch(() => undefined);
  } catch {
    // Already consumed, locked or errored: nothing left to release.
    return Promise.resolve();
  }
}
