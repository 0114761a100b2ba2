/**
 * Request body encoders, one per kind (JSON, URL-encoded form, multipart, binary, text). Generated code names the one
 * its operation needs, so a bundle holds only the encoders its operations use.
 */
import type { ValidationIssue } from "./errors.js";
import type { EncodedBody } from "./operation-spec.js";
import { toText } from "./to-text.js";

/** `application/json` and `+json` types: the value as JSON text. */
export function json(value: unknown, mediaType: string): EncodedBody | ValidationIssue {
  const text = JSON.stringify(value) as string | undefined;
  return text === undefined
    ? { loc: ["body"], msg: "a function or symbol cannot be sent as JSON", type: "type_error" }
    : { body: text, contentType: mediaType };
}

/**
 * `text/*` and XML: the document's text, sent as it is. An object is refused rather than sent as JSON under a text or
 * XML content type, which no server of that type would read.
 */
export function text(value: unknown, mediaType: string): EncodedBody | ValidationIssue {
  return typeof value === "object" && value !== null
    ? { loc: ["body"], msg: `expected the ${mediaType} document as a string`, type: "type_error" }
    : { body: String(value), contentType: mediaType };
}

/**
 * `application/x-www-form-urlencoded`, `form` style with `explode: true`: arrays repeat, object properties spread.
 * A `URLSearchParams` is sent as it is.
 */
export function form(value: unknown, mediaType: string): EncodedBody {
  if (value instanceof URLSearchParams) return { body: value, contentType: mediaType };
  const body = new URLSearchParams();
  for (const [name, field] of fieldsOf(value)) {
    if (field == null) continue;
    if (Array.isArray(field)) {
      for (const item of field as unknown[]) if (item != null) body.append(name, toText(item));
    } else if (isPlainObject(field)) {
      for (const [key, inner] of Object.entries(field))
        if (inner != null) body.append(key, toText(inner));
    } else {
      body.append(name, toText(field));
    }
  }
  return { body, contentType: mediaType };
}

/**
 * `multipart/form-data`: Blob/File values become file parts, arrays repeat the part, objects are JSON text. fetch
 * writes the content-type itself (only it knows the boundary). A `FormData` is sent as it is.
 */
export function multipart(value: unknown): EncodedBody {
  if (value instanceof FormData) return { body: value, contentType: undefined };
  const body = new FormData();
  const append = (name: string, item: unknown): void => {
    if (item == null) return;
    if (item instanceof Blob) body.append(name, item);
    else body.append(name, toText(item));
  };
  for (const [name, field] of fieldsOf(value)) {
    if (Array.isArray(field)) for (const item of field as unknown[]) append(name, item);
    else append(name, field);
  }
  return { body, contentType: undefined };
}

/** Binary bodies pass through; a declared wildcard type (`*\/*`, `image/*`) yields to the Blob's own type. */
export function binary(value: unknown, mediaType: string): EncodedBody | ValidationIssue {
  const declared = mediaType.includes("*") ? undefined : mediaType;
  if (value instanceof Blob)
    return { body: value, contentType: declared ?? (value.type || undefined) };
  if (typeof value === "string" || value instanceof ArrayBuffer || ArrayBuffer.isView(value))
    return { body: value as BodyInit, contentType: declared };
  if (typeof ReadableStream !== "undefined" && value instanceof ReadableStream)
    return { body: value, contentType: declared, isStream: true };
  return {
    loc: ["body"],
    msg: "expected a Blob, ArrayBuffer, typed array, ReadableStream or string",
    type: "type_error",
  };
}

function fieldsOf(value: unknown): Array<[string, unknown]> {
  return typeof value === "object" && value !== null ? Object.entries(value) : [];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
