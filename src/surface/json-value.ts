/** Small read-only helpers over untyped JSON, so the extractor never casts ad hoc. */

/** A JSON object seen through `unknown`. */
export type JsonObject = Readonly<Record<string, unknown>>;

/** True for a non-null, non-array object. */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The object at `key`, or an empty object (absent and malformed read the same: nothing to describe). */
export function objectAt(node: JsonObject, key: string): JsonObject {
  const value = node[key];
  return isObject(value) ? value : {};
}

/** The array at `key`, or an empty array. */
export function arrayAt(node: JsonObject, key: string): readonly unknown[] {
  const value = node[key];
  return Array.isArray(value) ? value : [];
}

/** The string at `key`, or `undefined`. */
export function stringAt(node: JsonObject, key: string): string | undefined {
  const value = node[key];
  return typeof value === 'string' ? value : undefined;
}

/** Own keys in code-unit order: locale-independent, so output never depends on the machine. */
export function sortedKeys(node: JsonObject): string[] {
  return Object.keys(node).sort(compareStrings);
}

/** Code-unit string comparison for `Array.prototype.sort`. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Deep copy with object keys sorted at every level; arrays keep their order. */
export function sortKeysDeep<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => sortKeysDeep(item)) as T;
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of sortedKeys(value)) out[key] = sortKeysDeep(value[key]);
  return out as T;
}

/**
 * Whether two JSON values are equal: same primitives, arrays of equal items in order, objects with the same own keys
 * (in any order) holding equal values. A key holding `undefined` counts as present, so the answer is never "equal"
 * for values some code could tell apart by their keys.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) {
    if (!Object.prototype.hasOwnProperty.call(b, key)) return false;
    if (!sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
  }
  return true;
}
