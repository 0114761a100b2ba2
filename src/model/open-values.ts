import { isDataKey } from '../load/data-keys.js';
import { getAtPointer } from '../load/pointer.js';
import { discriminatorTags } from './discriminator-tags.js';
import { isRecord } from './keywords-for-types.js';
import type { NameRegistry } from './naming.js';
import type { KnownGuard, SchemaInfo } from './types.js';

/**
 * Where a response can carry a value its type does not list. A newer version of an API may add a value to an enum or
 * a variant to a discriminated union; the client's default response policy passes such a response through as
 * received (src/runtime/response-policy.ts: `enum`, `union_tag_invalid`), so the generated types, which list the
 * known values only, are told to say so: a JSDoc note on each such response field, and an `isKnown<Name>` guard for
 * each such component schema. Both are decided here, from the document alone, so the types worker and the main
 * thread agree.
 */

/** Values an enum may list (object and array values are no type openapi-typescript prints; see object-enums.ts). */
export type EnumValue = string | number | boolean | null;

/** An enum (its listed values), or a discriminated union (its tag property and the tags the validators accept). */
export type OpenValue =
  | { kind: 'enum'; values: EnumValue[] }
  | { kind: 'variant'; property: string; tags: string[] };

/** How a field can carry an unlisted value: itself, or in its array items. */
export interface OpenField {
  open: OpenValue;
  inItems: boolean;
}

/** A document and its internal references, each resolved once (GitHub's spec has ~20 000 `$ref`s to ~1 000 targets). */
export interface DocRefs {
  doc: unknown;
  /** the node `ref` points at; `undefined` for an external, malformed or dangling reference */
  get(ref: string): unknown;
}

export function docRefs(doc: unknown): DocRefs {
  const resolved = new Map<string, unknown>();
  return {
    doc,
    get(ref) {
      if (!ref.startsWith('#')) return undefined;
      if (!resolved.has(ref)) resolved.set(ref, safeGet(doc, ref));
      return resolved.get(ref);
    },
  };
}

const MAX_REF_HOPS = 32;

/** Follows a chain of pure `$ref`s (and one-member `allOf`s, a common way to give a `$ref` a description). */
function follow(refs: DocRefs, schema: unknown): unknown {
  let node = schema;
  for (let hops = 0; hops < MAX_REF_HOPS && isRecord(node); hops++) {
    if (typeof node.$ref === 'string') {
      node = refs.get(node.$ref);
    } else if (Array.isArray(node.allOf) && node.allOf.length === 1 && !('enum' in node) && !('discriminator' in node)) {
      node = node.allOf[0];
    } else {
      return node;
    }
  }
  return undefined;
}

function safeGet(doc: unknown, ref: string): unknown {
  try {
    return getAtPointer(doc, ref);
  } catch {
    return undefined;
  }
}

/**
 * The open value a schema is, after its `$ref`s: a listed `enum` of plain values (a `const` is not open: a newer
 * version cannot add to it; an enum on a `type: object` schema is no type's values), or a `discriminator` over `oneOf` (else `anyOf`) branches that are all `$ref`s, the
 * only unions whose validators report an unknown tag as such.
 */
export function openValueOf(refs: DocRefs, schema: unknown): OpenValue | undefined {
  const node = follow(refs, schema);
  if (!isRecord(node)) return undefined;
  // an enum on a `type: object` schema is typed as the object's shape (object-enums.ts): no listed values to guard
  if (node.type === 'object' && Array.isArray(node.enum) && node.oneOf === undefined) return undefined;
  if (Array.isArray(node.enum)) {
    const values = node.enum;
    const plain = values.every((v) => v === null || ['string', 'number', 'boolean'].includes(typeof v));
    return plain && values.some((v) => v !== null) ? { kind: 'enum', values: values as EnumValue[] } : undefined;
  }
  return discriminatedUnionOf(refs, node);
}

function discriminatedUnionOf(refs: DocRefs, node: Record<string, unknown>): OpenValue | undefined {
  const discriminator = node.discriminator;
  if (!isRecord(discriminator) || typeof discriminator.propertyName !== 'string') return undefined;
  const branches = Array.isArray(node.oneOf) && node.oneOf.length > 0 ? node.oneOf : Array.isArray(node.anyOf) ? node.anyOf : [];
  if (branches.length === 0 || !branches.every((b) => isRecord(b) && typeof b.$ref === 'string')) return undefined;
  const mapping = isRecord(discriminator.mapping)
    ? Object.fromEntries(Object.entries(discriminator.mapping).filter((e): e is [string, string] => typeof e[1] === 'string'))
    : {};
  const branchRefs = branches.map((b) => (b as { $ref: string }).$ref);
  const tags = discriminatorTags(mapping, branchRefs, (ref) => (refs.get(ref) !== undefined ? ref : undefined));
  return tags.length > 0 ? { kind: 'variant', property: discriminator.propertyName, tags: tags.map(([tag]) => tag) } : undefined;
}

/** The open value a field carries: the schema itself, a nullable form of it (`anyOf: [X, null]`), or its array items. */
export function openFieldOf(refs: DocRefs, schema: unknown): OpenField | undefined {
  const node = follow(refs, schema);
  const direct = openValueOf(refs, node) ?? openValueOf(refs, nonNullBranch(node));
  if (direct) return { open: direct, inItems: false };
  if (!isRecord(node) || !isRecord(node.items)) return undefined;
  const items = follow(refs, node.items);
  const inner = openValueOf(refs, items) ?? openValueOf(refs, nonNullBranch(items));
  return inner ? { open: inner, inItems: true } : undefined;
}

/** `X` of `anyOf`/`oneOf: [X, { type: "null" }]`, the usual nullable form. */
function nonNullBranch(node: unknown): unknown {
  if (!isRecord(node) || 'discriminator' in node) return undefined;
  const branches = Array.isArray(node.anyOf) ? node.anyOf : Array.isArray(node.oneOf) ? node.oneOf : undefined;
  if (branches?.length !== 2) return undefined;
  const isNull = (b: unknown): boolean => isRecord(b) && b.type === 'null';
  const rest = branches.filter((b) => !isNull(b));
  return rest.length === 1 ? rest[0] : undefined;
}

/**
 * Every schema a response can reach: from each operation's responses (`paths/…/responses/…/content/…/schema`),
 * through subschemas and internal `$ref`s (name maps such as `properties` are walked, not returned). Iterative; each
 * node is visited once.
 */
export function responseReachable(refs: DocRefs): Set<Record<string, unknown>> {
  const doc = refs.doc;
  const seen = new Set<object>();
  const schemas = new Set<Record<string, unknown>>();
  const stack: Array<{ node: unknown; key: string }> = [];
  const paths = isRecord(doc) && isRecord(doc.paths) ? doc.paths : {};
  for (const item of Object.values(paths)) {
    const pathItem = follow(refs, item);
    if (!isRecord(pathItem)) continue;
    for (const operation of Object.values(pathItem)) {
      if (!isRecord(operation) || !isRecord(operation.responses)) continue;
      for (const raw of Object.values(operation.responses)) {
        const response = follow(refs, raw);
        if (!isRecord(response) || !isRecord(response.content)) continue;
        for (const media of Object.values(response.content)) if (isRecord(media)) stack.push({ node: media.schema, key: 'schema' });
      }
    }
  }
  while (stack.length > 0) {
    const { node, key: container } = stack.pop()!;
    if (typeof node !== 'object' || node === null || seen.has(node)) continue;
    seen.add(node);
    const record = node as Record<string, unknown>;
    if (typeof record.$ref === 'string') stack.push({ node: refs.get(record.$ref), key: '' });
    // in a name map (`properties`, …) every key is a name; elsewhere data, extensions and the tag mapping are skipped
    const isNameMap = !isDataKey('default', container);
    if (!isNameMap && !Array.isArray(record)) schemas.add(record);
    for (const key of Object.keys(record)) {
      const child = record[key];
      if (typeof child !== 'object' || child === null || seen.has(child)) continue;
      if (!isNameMap && (isDataKey(key, container) || key.startsWith('x-') || key === 'discriminator')) continue;
      stack.push({ node: child, key });
    }
  }
  return schemas;
}

/**
 * An `isKnown<Type>` guard for each component schema that is an open value and that a response can reach. Names are
 * claimed among the package's value names after the operations' and validators', so a guard never takes a name
 * they had before, and never a type's name (`export *` of both would clash).
 */
export function buildKnownGuards(
  doc: unknown,
  schemas: readonly SchemaInfo[],
  typeNames: NameRegistry,
  valueNames: NameRegistry,
): KnownGuard[] {
  const refs = docRefs(doc);
  const reachable = responseReachable(refs);
  const guards: KnownGuard[] = [];
  for (const s of schemas) {
    if (!isRecord(s.schema) || !reachable.has(s.schema)) continue;
    const open = openValueOf(refs, s.schema);
    if (!open) continue;
    let name = valueNames.claim(`isKnown${s.typeName}`);
    while (typeNames.has(name)) name = valueNames.claim(`isKnown${s.typeName}`);
    guards.push({ name, typeName: s.typeName, specName: s.specName, open });
  }
  return guards;
}
