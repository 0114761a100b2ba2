/** Header assembly: case-insensitive layering and refusal of values that could split or smuggle a header. */
import type { ValidationIssue } from "./errors.js";
import { REDACTED, redactText } from "./redact.js";

/** Header name → value, names lower-cased. A Map, so a header named `__proto__` is just a header. */
export type HeaderMap = Map<string, string>;

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** CR, LF and NUL split or truncate headers; other controls and characters beyond Latin-1 are not valid ByteStrings. */
const UNSAFE_VALUE = /[\u0000-\u0008\u000A-\u001F\u007F\u0100-\uFFFF]/;

/** Merges header layers, later layers winning, names compared case-insensitively. */
export function mergeHeaders(
  ...layers: Array<Iterable<readonly [string, string]> | undefined>
): HeaderMap {
  const merged: HeaderMap = new Map();
  for (const layer of layers) {
    if (!layer) continue;
    for (const [name, value] of layer) merged.set(name.toLowerCase(), value);
  }
  return merged;
}

/** Entries of a plain header record, own properties only. */
export function recordEntries(
  record: Readonly<Record<string, string>> | undefined,
): Array<[string, string]> {
  return record ? Object.entries(record).map(([name, value]) => [name, String(value)]) : [];
}

/** One issue per header whose name is not an HTTP token or whose value holds CR, LF, NUL or non-Latin-1 text. */
export function checkHeaders(headers: HeaderMap): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const [name, value] of headers) {
    if (!TOKEN.test(name)) {
      issues.push({
        loc: ["header", name],
        msg: "header name is not a valid HTTP token",
        type: "value_error",
      });
    } else if (UNSAFE_VALUE.test(value)) {
      // The value is not quoted in the message: it may be a credential.
      issues.push({
        loc: ["header", name],
        msg: "header value must not contain CR, LF, NUL, other control characters or characters beyond Latin-1",
        type: "value_error",
      });
    }
  }
  return issues;
}

/** A copy fit for hooks and logs: credential headers fully redacted, secrets removed from all other values. */
export function redactHeaders(
  headers: HeaderMap,
  credentialNames: ReadonlySet<string>,
  secrets: readonly string[],
): Record<string, string> {
  const entries = [...headers].map(([name, value]): [string, string] => [
    name,
    credentialNames.has(name) || name === "authorization" ? REDACTED : redactText(value, secrets),
  ]);
  return Object.fromEntries(entries);
}

/** A fetch `Headers` as a HeaderMap (via forEach, which needs no DOM.Iterable typings). */
export function toHeaderMap(headers: Headers): HeaderMap {
  const map: HeaderMap = new Map();
  headers.forEach((value, name) => map.set(name, value));
  return map;
}
