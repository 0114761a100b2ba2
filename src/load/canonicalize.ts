/** Asks a copy to note whether any object in it has a key (so that a pass about a rare key can be skipped). */
export interface KeyNote {
  key: string;
  found: boolean;
}

/**
 * Returns a deep copy of `value` with every object's keys in sorted order (arrays keep theirs), so that
 * everything emitted from it is independent of the key order of the input file. Own enumerable keys only;
 * `__proto__` is copied as a plain data key, never as a prototype. With `note`, sets `note.found` when some object
 * of the copy, at any depth, has the key `note.key`.
 */
export function canonicalize<T>(value: T, note?: KeyNote): T {
  return copySorted(value, note) as T;
}

function copySorted(value: unknown, note: KeyNote | undefined): unknown {
  if (Array.isArray(value)) return value.map((v) => copySorted(v, note));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort(compareKeys)) {
    if (note !== undefined && key === note.key) note.found = true;
    const copy = copySorted((value as Record<string, unknown>)[key], note);
    // an assignment makes the same own data property, except for `__proto__` (Object.prototype's setter), and is
    // much cheaper than defining it
    if (key === '__proto__') Object.defineProperty(out, key, { value: copy, enumerable: true, writable: true, configurable: true });
    else out[key] = copy;
  }
  return out;
}

/** Code-unit order, as `Array.prototype.sort` without locale: identical on every machine. */
function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
