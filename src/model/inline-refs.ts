import { isDataKey } from '../load/data-keys.js';
import { getAtPointer, parsePtr, ptr } from '../load/pointer.js';

/**
 * Whether openapi-typescript prints a working type for a local `$ref` to `pointer`. It turns the pointer into an
 * indexed-access type, dropping `properties` segments only: `#/components/schemas/A` and
 * `#/components/schemas/A/properties/b` work, while `…/items`, `…/additionalProperties`, `…/parameters/1/schema`
 * or `…/content/application~1json/schema` name members its types do not have (TS2339). Response and request body
 * objects under `#/paths` keep their shape in its output (`paths[p][m]["responses"][200]`).
 */
export function isTypeableRef(pointer: string): boolean {
  let segments: string[];
  try {
    segments = parsePtr(pointer);
  } catch {
    return true; // not a local pointer: left to the loader's and openapi-typescript's own handling
  }
  const [root, section] = segments;
  if (root === 'components') {
    if (segments.length === 3) return true;
    if (section !== 'schemas') return false;
    return segments.length % 2 === 1 && segments.slice(3).every((s, i) => i % 2 === 1 || s === 'properties');
  }
  if (root === 'paths') {
    const [, , , kind, status] = segments;
    return (segments.length === 5 && kind === 'responses' && status !== undefined) || (segments.length === 4 && kind === 'requestBody');
  }
  return false;
}

/**
 * Replaces, in place, every local `$ref` openapi-typescript cannot print (see {@link isTypeableRef}) by a copy of
 * its target, so that specs referring into `#/paths/…/schema` or `…/items` (brex.io, conjur.local, codat.io) get
 * correct types. `document` must be a private copy. A reference met again inside its own copy (a recursive schema)
 * points instead at a copy of its target added under `components/schemas`, named after the pointer
 * (`A/definitions/node`). A reference that does not resolve is left as it is. Then every `$defs` keyword is
 * dropped (see {@link dropDefsKeywords}). Returns how many references were replaced.
 */
export function inlineUntypeableRefs(document: unknown): number {
  let count = 0;
  const typeable = new Map<string, boolean>();
  const needsInline = (ref: string): boolean => {
    let ok = typeable.get(ref);
    if (ok === undefined) typeable.set(ref, (ok = isTypeableRef(ref)));
    return !ok;
  };
  const visit = (node: unknown, expanding: ReadonlySet<string>, parentKey = ''): void => {
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (!Array.isArray(record) && isDataKey(key, parentKey)) continue;
      const child = record[key];
      const ref = refOf(child);
      if (ref === undefined || !needsInline(ref)) {
        visit(child, expanding, key);
        continue;
      }
      const target = getAtPointer(document, ref);
      if (typeof target !== 'object' || target === null) continue;
      count++;
      if (expanding.has(ref)) {
        record[key] = { $ref: hoist(ref, target) };
        continue;
      }
      const copy = structuredClone(target);
      record[key] = copy;
      visit(copy, new Set([...expanding, ref]), key);
    }
  };
  const hoisted = new Map<string, string>();
  const hoist = (ref: string, target: object): string => {
    let to = hoisted.get(ref);
    if (to !== undefined) return to;
    const schemas = componentSchemas(document);
    let name = parsePtr(ref).slice(2).join('/');
    while (Object.hasOwn(schemas, name)) name += '_';
    to = ptr('components', 'schemas', name);
    hoisted.set(ref, to);
    const copy = structuredClone(target);
    schemas[name] = copy;
    visit(copy, new Set([ref]));
    return to;
  };
  visit(document, new Set());
  dropDefsKeywords(document);
  return count;
}

/**
 * Deletes, in place, every `$defs` keyword of `document` (a private copy whose references into `$defs` are already
 * inlined: none of them is typeable). openapi-typescript would print it as a required `$defs` member of the
 * schema's object type, a property no value has: a request body with `$defs` would ask the caller for one.
 * A property, schema or parameter named `$defs` is a name, not the keyword, and stays.
 */
export function dropDefsKeywords(document: unknown): void {
  // `isMap`: the object's keys are names (it sits at a `properties`, `schemas`, … keyword, not at a name)
  const visit = (node: unknown, parentKey: string, isMap: boolean): void => {
    if (typeof node !== 'object' || node === null) return;
    if (Array.isArray(node)) {
      for (const item of node) visit(item, '', false);
      return;
    }
    const record = node as Record<string, unknown>;
    const defs = record.$defs;
    if (!isMap && typeof defs === 'object' && defs !== null && !Array.isArray(defs)) delete record.$defs;
    for (const key of Object.keys(record)) {
      if (!isDataKey(key, parentKey)) visit(record[key], key, !isMap && isNameMap(key));
    }
  };
  visit(document, '', false);
}

/** Whether the object at `key` maps names to values (`properties`, `schemas`, …): by isDataKey's rule, even `default` is a name there. */
function isNameMap(key: string): boolean {
  return !isDataKey('default', key);
}

function refOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const ref = (value as { $ref?: unknown }).$ref;
  return typeof ref === 'string' && ref.startsWith('#') ? ref : undefined;
}

/** `document.components.schemas`, created when missing. */
function componentSchemas(document: unknown): Record<string, unknown> {
  const doc = document as { components?: { schemas?: Record<string, unknown> } };
  doc.components ??= {};
  doc.components.schemas ??= {};
  return doc.components.schemas;
}
