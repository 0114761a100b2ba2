/**
 * Removal of credentials from text that came from outside or is about to be shown: server bodies, response headers,
 * redirect targets, the shown URL, network error messages. Text and structures the client writes itself (operation
 * names, validation errors, object keys) are never rewritten, so a credential that is also an ordinary word (`type`,
 * `o`) cannot corrupt them.
 */

/** What replaces a credential in shown text. */
export const REDACTED = "[REDACTED]";

/**
 * A credential this long or longer is removed wherever it occurs; a shorter one only where it stands alone (not
 * inside a longer run of letters, digits and `_`), since as a substring it would hit ordinary words — and a real secret
 * is never that short.
 */
export const MIN_SUBSTRING_SECRET = 8;

/** A nested value deeper than this is checked as a whole instead of walked, so hostile JSON cannot overflow the stack. */
const MAX_WALK_DEPTH = 64;

/** Removes credentials from a string; built once per client from its credentials. */
export interface Redactor {
  /** every credential, long ones anywhere, short ones as whole tokens */
  (text: string): string;
  /** only the long credentials: for messages whose words the client wrote itself (its own `long` is itself) */
  long: Redactor;
}

/**
 * Builds the redactor for `secrets`: each in every form it can take in stored text (as is, percent-encoded as URLs,
 * forms and the client itself encode it, JSON-escaped), longest first so a secret containing another is replaced whole. If a replacement leaves
 * a secret behind (the marker itself can complete one), the text is scrubbed by deleting until none is left.
 */
export function createRedactor(secrets: readonly string[]): Redactor {
  const longForms: string[] = [];
  const short: string[] = [];
  for (const secret of secrets) {
    if (!secret) continue;
    const encoded = encodeURIComponent(secret);
    // the client's own query and cookie encoding also escapes !'()*
    const strict = encoded.replace(
      /[!'()*]/g,
      (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
    );
    const forms = [
      secret,
      encoded,
      strict,
      ...[encoded, strict].map((e) => e.replace(/%20/g, "+")),
    ];
    forms.push(JSON.stringify(secret).slice(1, -1));
    (secret.length < MIN_SUBSTRING_SECRET ? short : longForms).push(...forms);
  }
  const source = (forms: string[]): string =>
    [...new Set(forms)]
      .sort((a, b) => b.length - a.length)
      .map((form) => form.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"))
      .join("|");
  const scrubber = (pattern: string) => {
    const re = new RegExp(pattern, "g");
    return (text: string): string => {
      if (!pattern) return text;
      let out = text.replace(re, REDACTED);
      // Each deletion shortens the text, so this ends.
      while (out.search(re) >= 0) out = out.replace(re, "");
      return out;
    };
  };
  const longSource = source(longForms);
  const shortSource = short[0] ? `(?<!\\w)(${source(short)})(?!\\w)` : "";
  // The long-only redactor is a Redactor too, whose `long` is itself: `redactValue` can walk a text with either.
  const long = scrubber(longSource) as Redactor;
  long.long = long;
  return Object.assign(scrubber([longSource, shortSource].filter(Boolean).join("|")), { long });
}

/**
 * Returns `value` with credentials removed from every string inside it (`redact`); keys change only where a long
 * credential occurs in them (`redact.long`), so a body's shape stays what its type says. Unchanged subtrees are
 * returned as they are; changed objects are rebuilt with `defineProperty`, so a `__proto__` key stays an own
 * property. Values that are not plain data (a Blob) are kept as they are.
 */
export function redactValue(value: unknown, redact: Redactor, depth = 0): unknown {
  if (typeof value === "string") return redact(value);
  if (value === null || typeof value !== "object") return value;
  const proto: unknown = Object.getPrototypeOf(value);
  const isArray = Array.isArray(value);
  if (!isArray && proto !== Object.prototype && proto !== null) return value;
  if (depth >= MAX_WALK_DEPTH) {
    // Too deep to walk: kept only when its JSON text can be made and has nothing to remove.
    try {
      const text = JSON.stringify(value);
      return redact(text) === text ? value : REDACTED;
    } catch {
      return REDACTED;
    }
  }
  let changed = false;
  const out: Record<string, unknown> | unknown[] = isArray ? [] : {};
  for (const [key, child] of Object.entries(value)) {
    const safeKey = isArray ? key : redact.long(key);
    const safeChild = redactValue(child, redact, depth + 1);
    changed ||= safeKey !== key || safeChild !== child;
    Object.defineProperty(out, safeKey, {
      value: safeChild,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  if (isArray) (out as unknown[]).length = (value as unknown[]).length;
  return changed ? out : value;
}
