/**
 * Parameter serialisation per OpenAPI 3.1 §4.8.12.4 (`style`/`explode`), which follows RFC 6570 URI templates.
 * Values are percent-encoded at RFC 3986 "unreserved" level, so a value can never change the URL's structure.
 */
import type { ValidationIssue } from "./errors.js";
import type { ParamSpec, RequestArgs, SerializedParams } from "./operation-spec.js";
import { toText } from "./to-text.js";

/** A parameter value reduced to the three shapes the style tables know. */
type Shaped =
  | { shape: "primitive"; text: string }
  | { shape: "array"; items: string[] }
  | { shape: "object"; entries: Array<[string, string]> };

/** RFC 6570 expression operators behind the `simple`, `label`, `matrix` and `form` styles. */
interface Operator {
  first: string;
  sep: string;
  named: boolean;
  ifEmpty: string;
}

const OPERATORS: Readonly<Record<"simple" | "label" | "matrix" | "form", Operator>> =
  /* @__PURE__ */ Object.freeze({
    simple: { first: "", sep: ",", named: false, ifEmpty: "" },
    label: { first: ".", sep: ".", named: false, ifEmpty: "" },
    matrix: { first: ";", sep: ";", named: true, ifEmpty: "" },
    form: { first: "", sep: "&", named: true, ifEmpty: "=" },
  });

type Encode = (text: string) => string;

/** Percent-encodes everything but RFC 3986 unreserved characters (stricter than encodeURIComponent: also `!'()*`). */
export function encodeStrict(text: string): string {
  return encodeURIComponent(toWellFormed(text)).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * `allowReserved: true` encoding: RFC 3986 reserved characters and existing `%XX` escapes pass through, except
 * `#` and `&`, which would end the query or split the pair rather than be part of the value.
 */
export function encodeAllowReserved(text: string): string {
  return toWellFormed(text).replace(
    /%[0-9A-Fa-f]{2}|[^A-Za-z0-9\-._~:/?[\]@!$'()*+,;=]/gu,
    (match) => (match.startsWith("%") && match.length === 3 ? match : encodeURIComponent(match)),
  );
}

/** Serialises one path parameter (`simple`, `label` or `matrix`); `undefined` when the value is null/undefined. */
export function serializePathParam(spec: ParamSpec, value: unknown): string | undefined {
  const shaped = shapeValue(value, spec.json === true);
  if (!shaped) return undefined;
  const style = spec.style === "label" || spec.style === "matrix" ? spec.style : "simple";
  return expand(OPERATORS[style], spec.name, shaped, spec.explode, encodeStrict) ?? "";
}

/** Serialises one query parameter into `name=value` pairs, already encoded; [] when there is nothing to send. */
export function serializeQueryParam(spec: ParamSpec, value: unknown): string[] {
  if (spec.style === "deepObject" && !spec.json && isPlainObject(value)) {
    return serializeDeepObject(
      encodeStrict(spec.name),
      value,
      spec.allowReserved ? encodeAllowReserved : encodeStrict,
    );
  }
  const shaped = shapeValue(value, spec.json === true);
  if (!shaped) return [];
  const encode = spec.allowReserved ? encodeAllowReserved : encodeStrict;
  const delimiter = { spaceDelimited: "%20", pipeDelimited: "%7C" }[spec.style as string];
  if (delimiter !== undefined && !spec.explode && shaped.shape !== "primitive") {
    const parts = shaped.shape === "array" ? shaped.items : shaped.entries.flat();
    return parts.length === 0
      ? []
      : [`${encodeStrict(spec.name)}=${parts.map(encode).join(delimiter)}`];
  }
  const expanded = expand(OPERATORS.form, spec.name, shaped, spec.explode, encode);
  return expanded === undefined ? [] : expanded.split("&").filter((pair) => pair !== "");
}

/** Serialises one header parameter (`simple` style, not percent-encoded); `undefined` when there is nothing to send. */
export function serializeHeaderParam(spec: ParamSpec, value: unknown): string | undefined {
  const shaped = shapeValue(value, spec.json === true);
  if (!shaped) return undefined;
  return expand(OPERATORS.simple, spec.name, shaped, spec.explode, (text) => text);
}

/** Serialises one cookie parameter into `name=value` pieces (`form` style; values percent-encoded so `;` cannot split them). */
export function serializeCookieParam(spec: ParamSpec, value: unknown): string[] {
  const shaped = shapeValue(value, spec.json === true);
  if (!shaped) return [];
  const expanded = expand(OPERATORS.form, spec.name, shaped, spec.explode, encodeStrict);
  return expanded === undefined ? [] : expanded.split("&").filter((pair) => pair !== "");
}

/** RFC 6570 expansion of one variable; `undefined` for an empty array or object (nothing to send). */
function expand(
  op: Operator,
  name: string,
  value: Shaped,
  explode: boolean,
  encode: Encode,
): string | undefined {
  const key = encodeStrict(name);
  if (value.shape === "primitive") {
    if (!op.named) return op.first + encode(value.text);
    return `${op.first}${key}${value.text === "" ? op.ifEmpty : `=${encode(value.text)}`}`;
  }
  if (value.shape === "array") {
    if (value.items.length === 0) return undefined;
    if (!explode)
      return `${op.first}${op.named ? `${key}=` : ""}${value.items.map(encode).join(",")}`;
    return (
      op.first +
      value.items.map((item) => (op.named ? `${key}=${encode(item)}` : encode(item))).join(op.sep)
    );
  }
  if (value.entries.length === 0) return undefined;
  if (!explode) {
    const flat = value.entries.flatMap(([k, v]) => [encode(k), encode(v)]);
    return `${op.first}${op.named ? `${key}=` : ""}${flat.join(",")}`;
  }
  return op.first + value.entries.map(([k, v]) => `${encode(k)}=${encode(v)}`).join(op.sep);
}

/** `deepObject`: `name[key]=value`, nested objects as further brackets, arrays as repeated keys (the spec leaves both open). */
function serializeDeepObject(
  prefix: string,
  value: Record<string, unknown>,
  encode: Encode,
): string[] {
  const pairs: string[] = [];
  for (const [k, v] of Object.entries(value)) {
    const key = `${prefix}%5B${encodeStrict(k)}%5D`;
    if (v === undefined || v === null) continue;
    if (isPlainObject(v)) {
      pairs.push(...serializeDeepObject(key, v, encode));
    } else if (Array.isArray(v)) {
      const items: unknown[] = v;
      pairs.push(
        ...items.filter((item) => item != null).map((item) => `${key}=${encode(toText(item))}`),
      );
    } else {
      pairs.push(`${key}=${encode(toText(v))}`);
    }
  }
  return pairs;
}

/** Reduces a value to a style-table shape; null/undefined (and null items/properties) are left out. */
function shapeValue(value: unknown, json: boolean): Shaped | undefined {
  if (value === undefined || value === null) return undefined;
  if (json) return { shape: "primitive", text: JSON.stringify(value) };
  if (Array.isArray(value)) {
    return { shape: "array", items: value.filter((item) => item != null).map(toText) };
  }
  if (isPlainObject(value)) {
    const entries = Object.entries(value).filter(([, v]) => v != null);
    return { shape: "object", entries: entries.map(([k, v]) => [k, toText(v)]) };
  }
  return { shape: "primitive", text: toText(value) };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Lone UTF-16 surrogates make encodeURIComponent throw; they become U+FFFD as the WHATWG URL parser would do. */
function toWellFormed(text: string): string {
  return text.replace(
    /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    "\uFFFD",
  );
}

/**
 * One location's part of serialising an operation's parameters into `out`. An operation's spec lists only the parts
 * its parameters need, so a bundle holds only those (a path parameter pulls in no query, header or cookie code).
 */
export type ParamSerializer = (
  params: readonly ParamSpec[],
  args: RequestArgs,
  out: SerializedParams,
) => void;

/**
 * Fills the path template in `out.path`: a missing path value, or one that would form a `.`/`..` segment, is an
 * error. Listed for every operation whose path holds a `{name}`.
 */
export const pathParams: ParamSerializer = (params, args, out) => {
  out.path = out.path
    .split("/")
    .map((segment) => {
      let filled = false;
      const result = segment.replace(/\{([^{}]+)\}/g, (_match, name: string) => {
        const spec = params.find((p) => p.in === "path" && p.name === name) ?? {
          name,
          in: "path",
          style: "simple",
          explode: false,
          allowReserved: false,
        };
        const text = serializePathParam(spec, ownValue(args.path, name));
        if (text === undefined)
          out.errors.push({ loc: ["path", name], msg: "Field required", type: "missing" });
        filled = true;
        return text ?? "";
      });
      // The WHATWG URL parser would resolve `.`/`..` (also spelled `%2e`) and change the path.
      const plain = result.replace(/%2e/gi, ".");
      if (filled && (plain === "." || plain === ".."))
        out.errors.push({
          loc: ["path"],
          msg: "path parameters must not form a '.' or '..' segment",
          type: "value_error",
        });
      return result;
    })
    .join("/");
};

/** The query pairs, in declaration order. */
export const queryParams: ParamSerializer = (params, args, out) => {
  for (const p of params) {
    if (p.in !== "query") continue;
    const value = ownValue(args.query, p.name);
    const pairs = serializeQueryParam(p, value);
    // An empty list is undefined in RFC 6570 and a query parameter has no empty value unless the spec allows one
    // (`allowEmptyValue`, deprecated): a required one would silently go missing, so the call is refused instead.
    if (pairs.length === 0 && p.required && value != null)
      out.errors.push({
        loc: ["query", p.name],
        msg: "Field required: an empty array or object sends nothing",
        type: "missing",
      });
    out.query.push(...pairs);
  }
};

/** The header parameters, names lower-cased. */
export const headerParams: ParamSerializer = (params, args, out) => {
  for (const p of params) {
    if (p.in !== "header") continue;
    const text = serializeHeaderParam(p, ownValue(args.header, p.name));
    if (text !== undefined) out.headers.push([p.name.toLowerCase(), text]);
  }
};

/** The cookie pieces. */
export const cookieParams: ParamSerializer = (params, args, out) => {
  for (const p of params) {
    if (p.in === "cookie")
      out.cookies.push(...serializeCookieParam(p, ownValue(args.cookie, p.name)));
  }
};

/** Own properties only, so a parameter named `__proto__` or `constructor` never reads the prototype chain. */
function ownValue(values: object | undefined, name: string): unknown {
  return typeof values === "object" &&
    values !== null &&
    Object.prototype.hasOwnProperty.call(values, name)
    ? (values as Record<string, unknown>)[name]
    : undefined;
}
