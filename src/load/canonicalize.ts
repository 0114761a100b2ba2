/**
 * Returns a deep copy of `value` with every object's keys in sorted order (arrays keep theirs), so that
 * everything emitted from it is independent of the key order of the input file. Own enumerable keys only;
 * `__proto__` is copied as a plain data key, never as a prototype.
 */
export function canonicalize<T>(value: T): T {
  return copySorted(value) as T;
}

function copySorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copySorted);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort(compareKeys)) {
    const copy = copySorted((value as Record<string, unknown>)[key]);
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
