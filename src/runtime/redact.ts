/** Removal of secret strings (API keys, tokens, passwords) from any text or parsed value the client keeps or reports. */

/** What replaces a secret in stored text. */
export const REDACTED = "[REDACTED]";

/** A nested value deeper than this is checked as a whole instead of walked, so hostile JSON cannot overflow the stack. */
const MAX_WALK_DEPTH = 64;

/**
 * Every form in which a secret can show up in text we store: as is, percent-encoded (URLs, cookies, form bodies)
 * and JSON-escaped (JSON bodies). Empty strings are dropped (they would match everywhere); longest first so a
 * secret containing another is replaced whole.
 */
export function expandSecrets(secrets: readonly string[]): string[] {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (typeof secret !== "string" || secret === "") continue;
    forms.add(secret);
    forms.add(encodeURIComponent(secret));
    forms.add(encodeURIComponent(secret).replace(/%20/g, "+"));
    forms.add(new URLSearchParams([["", secret]]).toString().slice(1));
    forms.add(JSON.stringify(secret).slice(1, -1));
  }
  return [...forms].filter((s) => s !== "").sort((a, b) => b.length - a.length);
}

/** Returns `text` with every secret (in every form, see `expandSecrets`) replaced, guaranteed to contain none of them. */
export function redactText(text: string, secrets: readonly string[]): string {
  const forms = expandSecrets(secrets);
  if (forms.length === 0) return text;
  let out = text;
  for (const form of forms) out = out.split(form).join(REDACTED);
  if (!forms.some((form) => out.includes(form))) return out;
  // The marker itself (or a join around it) can contain a short secret: fall back to deleting until none is left.
  // Each deletion shortens the text, so this ends.
  while (forms.some((form) => out.includes(form))) {
    for (const form of forms) out = out.split(form).join("");
  }
  return out;
}

/** True when `text` holds any form of any secret. */
export function containsSecret(text: string, secrets: readonly string[]): boolean {
  return expandSecrets(secrets).some((form) => text.includes(form));
}

/**
 * True when `text` might hold a secret even after `redactText`: as is, percent-decoded, or case-folded (a URL parser
 * lower-cases host names and percent-encodes only some characters, which makes forms `expandSecrets` cannot list).
 */
export function mayContainSecret(text: string, secrets: readonly string[]): boolean {
  const forms = expandSecrets(secrets);
  if (forms.length === 0) return false;
  const folded = [text, percentDecode(text)].map((t) => t.toLowerCase());
  return forms.some((form) => folded.some((t) => t.includes(form.toLowerCase())));
}

/**
 * A URL fit to show (errors, hooks): secrets replaced; if some form of one may remain, only its origin is kept,
 * and not even that if the origin itself may hold one.
 */
export function redactUrl(url: string, secrets: readonly string[]): string {
  const shown = redactText(url, secrets);
  if (!mayContainSecret(shown.split(REDACTED).join(" "), secrets)) return shown;
  const origin = originOrUndefined(url);
  return origin !== undefined && !mayContainSecret(origin, secrets)
    ? `${origin}/${REDACTED}`
    : REDACTED;
}

/**
 * Returns `value` with secrets removed from every string and key inside it. Unchanged subtrees are returned as is;
 * changed objects are rebuilt with `defineProperty`, so a `__proto__` key stays an own property and never
 * becomes a prototype.
 */
export function redactValue(value: unknown, secrets: readonly string[]): unknown {
  if (expandSecrets(secrets).length === 0) return value;
  return redactAt(value, secrets, 0);
}

function redactAt(value: unknown, secrets: readonly string[], depth: number): unknown {
  if (typeof value === "string") return redactText(value, secrets);
  if (value === null || typeof value !== "object") return value;
  if (!isPlainData(value)) return value;
  if (depth >= MAX_WALK_DEPTH) {
    // Too deep to walk; a subtree that cannot even be serialised to check is dropped rather than trusted.
    const text = safeStringify(value);
    return text === undefined || containsSecret(text, secrets) ? REDACTED : value;
  }
  if (Array.isArray(value)) {
    const items = value.map((item: unknown) => redactAt(item, secrets, depth + 1));
    return items.every((item, i) => item === value[i]) ? value : items;
  }
  const out: Record<string, unknown> = {};
  let changed = false;
  for (const [key, child] of Object.entries(value)) {
    const safeKey = redactText(key, secrets);
    const safeChild = redactAt(child, secrets, depth + 1);
    changed ||= safeKey !== key || safeChild !== child;
    Object.defineProperty(out, safeKey, {
      value: safeChild,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return changed ? out : value;
}

/** Decodes every run of valid %XX escapes; runs that are not valid UTF-8 stay as they are. */
function percentDecode(text: string): string {
  return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

function originOrUndefined(url: string): string | undefined {
  try {
    const { origin } = new URL(url);
    return origin === "null" ? undefined : origin;
  } catch {
    return undefined;
  }
}

function isPlainData(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return Array.isArray(value) || proto === Object.prototype || proto === null;
}

function safeStringify(value: unknown): string | undefined {
  try {
    return JSON.stringify(value) ?? "";
  } catch {
    return undefined;
  }
}
