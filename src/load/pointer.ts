/** RFC 6901 JSON pointers, written as URI fragments (`#/a/b~1c`). The only place that escapes or unescapes them. */

/**
 * Escapes one reference token: `~` → `~0`, `/` → `~1`, and `%` → `%25`, because the fragment form is
 * percent-decoded on the way back (`parsePtr`): without it a schema named `a%41` would come back as `aA`.
 */
export function escapeToken(token: string | number): string {
  if (typeof token === 'number') return String(token);
  // most tokens need nothing: one scan instead of three replacements (pointers are built for every schema node)
  if (!NEEDS_ESCAPE.test(token)) return token;
  return token.replace(/~/g, '~0').replace(/\//g, '~1').replace(/%/g, '%25');
}

const NEEDS_ESCAPE = /[~/%]/;

/** Builds `#/seg/seg` from raw segments. `ptr()` is the document root `#`. */
export function ptr(...segments: Array<string | number>): string {
  return segments.length === 0 ? '#' : `#/${segments.map(escapeToken).join('/')}`;
}

/** Appends raw segments to an existing pointer. */
export function childPtr(base: string, ...segments: Array<string | number>): string {
  if (segments.length === 0) return base;
  return `${base === '#' ? '#' : base}/${segments.map(escapeToken).join('/')}`;
}

/** Splits `#/a/b~1c` (or `/a/b~1c`) into raw segments; percent-decodes as URI fragments require. */
export function parsePtr(pointer: string): string[] {
  let p = pointer.startsWith('#') ? pointer.slice(1) : pointer;
  if (p === '') return [];
  if (!p.startsWith('/')) throw new Error(`not a JSON pointer: ${pointer}`);
  p = p.slice(1);
  return p.split('/').map(unescapeToken);
}

function unescapeToken(token: string): string {
  const decoded = token.includes('%') ? safeDecode(token) : token;
  return decoded.includes('~') ? decoded.replace(/~1/g, '/').replace(/~0/g, '~') : decoded;
}

function safeDecode(token: string): string {
  try {
    return decodeURIComponent(token);
  } catch {
    return token;
  }
}

/** Reads the value at `pointer` in `doc`; `undefined` when any segment is missing. Own properties only. */
export function getAtPointer(doc: unknown, pointer: string): unknown {
  let node: unknown = doc;
  for (const seg of parsePtr(pointer)) {
    if (node === null || typeof node !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(node, seg)) return undefined;
    node = (node as Record<string, unknown>)[seg];
  }
  return node;
}
