import { isDataKey } from '../load/data-keys.js';
import { toLiteral } from './literal.js';

/**
 * openapi-typescript (through its resolver) reads spec maps through their prototype (`node.hasOwnProperty(...)`,
 * `schemes[name].type`) and percent-decodes names, so a schema, property or scheme named `hasOwnProperty`,
 * `constructor` or `50%` crashes it or comes out renamed. We hand it a copy in which such names are replaced by
 * placeholders, and put the real names back, as string literals, in the source it prints.
 */
export interface ShieldedDocument {
  document: unknown;
  /** Puts the real names back into openapi-typescript's output. */
  restore(source: string): string;
}

const PROTOTYPE_NAMES = new Set(Object.getOwnPropertyNames(Object.prototype));

function isUnsafeName(name: string): boolean {
  return PROTOTYPE_NAMES.has(name) || name.includes('%');
}

/** Replaces unsafe names (keys, `$ref` segments, `required` entries, operationIds) in a copy of `document`. */
export function shieldNames(document: unknown): ShieldedDocument {
  // chosen when the first unsafe name is met (most documents have none, and serialising GitHub's costs ~60 ms)
  let prefix: string | undefined;
  const byName = new Map<string, string>();
  const placeholder = (name: string): string => {
    let p = byName.get(name);
    if (!p) byName.set(name, (p = `${(prefix ??= unusedPrefix(document))}${byName.size}Z`));
    return p;
  };
  const rename = (name: string): string => (isUnsafeName(name) ? placeholder(name) : name);
  const copy = copyRenamed(document, '', rename);
  // made outside this scope: a closure made here would keep `document` (which `placeholder` reads) alive for as
  // long as `restore` is, and openapi-typescript's tree is printed in between
  return { document: copy, restore: byName.size === 0 ? unchanged : restorer(byName) };
}

const unchanged = (source: string): string => source;

/** Puts each shielded name (its placeholder in `byName`) back into a printed source, as a string literal. */
function restorer(byName: ReadonlyMap<string, string>): (source: string) => string {
  return (source) => {
    let out = source;
    // longest placeholders first, so `zcName1Z` never matches inside `zcName12Z`
    for (const [name, p] of [...byName].sort((a, b) => b[1].length - a[1].length)) {
      // `*\/` is the same string as `*/` in a literal, and cannot close a comment the name may land in
      const literal = toLiteral(name).replace(/\*\//g, '*\\/');
      out = out.split(`"${p}"`).join(literal).split(p).join(literal);
    }
    return out;
  };
}

/** A placeholder prefix that occurs nowhere in the document (its keys and strings). */
function unusedPrefix(document: unknown): string {
  const text = JSON.stringify(document);
  let prefix = 'zcName';
  while (text.includes(prefix)) prefix += 'X';
  return prefix;
}

/**
 * Values that are data, not spec structure (openapi-typescript prints them in JSDoc): their keys are still renamed
 * (its resolver walks them too, and `hasOwnProperty` there crashes it) but their strings are never rewritten.
 */
function isData(key: string, parentKey: string): boolean {
  return isDataKey(key, parentKey) || key === 'value' || key.startsWith('x-');
}

function copyRenamed(value: unknown, key: string, rename: (name: string) => string, parentKey = '', inData = false): unknown {
  const data = inData || isData(key, parentKey);
  if (Array.isArray(value)) {
    return key === 'required' && !data
      ? value.map((v) => (typeof v === 'string' ? rename(v) : v))
      : value.map((v) => copyRenamed(v, '', rename, key, data));
  }
  if (typeof value !== 'object' || value === null) {
    if (typeof value !== 'string' || data) return value;
    if (key === '$ref') return renameRef(value, rename);
    if (key === 'operationId' || key === 'propertyName') return rename(value);
    return value;
  }
  const out: Record<string, unknown> = {};
  const record = value as Record<string, unknown>;
  for (const k of Object.keys(record)) {
    const name = rename(k);
    const copied = copyRenamed(record[k], k, rename, key, data);
    // `__proto__` (an unsafe name, so never what `rename` returns) would set the prototype if assigned
    if (name === '__proto__') Object.defineProperty(out, name, { value: copied, enumerable: true, writable: true, configurable: true });
    else out[name] = copied;
  }
  return out;
}

/** `#/components/schemas/50%25` → `#/components/schemas/<placeholder>`; segments are URI- and pointer-escaped. */
function renameRef(ref: string, rename: (name: string) => string): string {
  const hash = ref.indexOf('#');
  if (hash < 0) return ref;
  const segments = ref.slice(hash + 1).split('/').map((seg) => {
    let raw: string;
    try {
      raw = decodeURIComponent(seg);
    } catch {
      raw = seg;
    }
    raw = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const renamed = rename(raw);
    return renamed === raw ? seg : renamed;
  });
  return `${ref.slice(0, hash)}#${segments.join('/')}`;
}
