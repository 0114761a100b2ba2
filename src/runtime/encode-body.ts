/** Request body encoding by kind: JSON, URL-encoded form, multipart, binary and text. */
import type { ValidationResult } from "./errors.js";
import type { RequestBodySpec } from "./operation-spec.js";
import { toText } from "./serialize-params.js";

/** A body ready for `fetch`, with the content-type to declare (`undefined`: let fetch choose, e.g. multipart's boundary). */
export interface EncodedBody {
  body: BodyInit | undefined;
  contentType: string | undefined;
  /** a ReadableStream can be sent once only: no retries, and fetch needs `duplex: 'half'` */
  isStream: boolean;
}

const NO_BODY: EncodedBody = Object.freeze({
  body: undefined,
  contentType: undefined,
  isStream: false,
});

/** Encodes `value` per the operation's body spec; `undefined` sends no body. Wrong binary values are request errors. */
export function encodeBody(
  spec: RequestBodySpec | undefined,
  value: unknown,
): ValidationResult<EncodedBody> {
  if (!spec || value === undefined) return { ok: true, value: NO_BODY };
  switch (spec.kind) {
    case "json":
      return done(JSON.stringify(value), spec.mediaType);
    case "text":
      return done(toText(value), spec.mediaType);
    case "form":
      return done(value instanceof URLSearchParams ? value : encodeForm(value), spec.mediaType);
    case "multipart":
      return done(value instanceof FormData ? value : encodeMultipart(value), undefined);
    case "binary":
      return encodeBinary(spec.mediaType, value);
  }
}

function done(body: BodyInit, contentType: string | undefined): ValidationResult<EncodedBody> {
  return { ok: true, value: { body, contentType, isStream: false } };
}

/** `application/x-www-form-urlencoded`, `form` style with `explode: true`: arrays repeat, object properties spread. */
function encodeForm(value: unknown): URLSearchParams {
  const form = new URLSearchParams();
  for (const [name, field] of fieldsOf(value)) {
    if (field == null) continue;
    if (Array.isArray(field)) {
      for (const item of field as unknown[]) if (item != null) form.append(name, toText(item));
    } else if (isPlainObject(field)) {
      for (const [key, inner] of Object.entries(field))
        if (inner != null) form.append(key, toText(inner));
    } else {
      form.append(name, toText(field));
    }
  }
  return form;
}

/** `multipart/form-data`: Blob/File values become file parts, arrays repeat the part, objects are JSON text. */
function encodeMultipart(value: unknown): FormData {
  const form = new FormData();
  const append = (name: string, item: unknown): void => {
    if (item == null) return;
    if (item instanceof Blob) form.append(name, item);
    else form.append(name, toText(item));
  };
  for (const [name, field] of fieldsOf(value)) {
    if (Array.isArray(field)) for (const item of field as unknown[]) append(name, item);
    else append(name, field);
  }
  return form;
}

/** Binary bodies pass through; a declared wildcard type (`*\/*`, `image/*`) yields to the Blob's own type. */
function encodeBinary(mediaType: string, value: unknown): ValidationResult<EncodedBody> {
  const declared = mediaType.includes("*") ? undefined : mediaType;
  if (value instanceof Blob) return done(value, declared ?? (value.type || undefined));
  if (typeof value === "string" || value instanceof ArrayBuffer) return done(value, declared);
  if (ArrayBuffer.isView(value)) return done(value as unknown as BodyInit, declared);
  if (typeof ReadableStream !== "undefined" && value instanceof ReadableStream) {
    return { ok: true, value: { body: value, contentType: declared, isStream: true } };
  }
  return {
    ok: false,
    errors: [
      {
        loc: ["body"],
        msg: "expected a Blob, ArrayBuffer, typed array, ReadableStream or string",
        type: "type_error",
      },
    ],
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
