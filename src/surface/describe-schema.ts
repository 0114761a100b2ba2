/**
 * Turns one JSON Schema node (OpenAPI 3.0 or 3.1 dialect) into a normalised type string plus the child schemas
 * a client can reach through it. References to `#/components/schemas/<Name>` stay names, so a shared schema is
 * described once (in `ApiSurface.schemas`) and a change inside it is reported once.
 */
import { getAtPointer, parsePtr } from '../load/pointer.js';
import { discriminatorTags } from '../model/discriminator-tags.js';
import { arrayAt, compareStrings, isObject, stringAt, type JsonObject } from './json-value.js';
import type { DiscriminatorSurface } from './types.js';

/** Values an `enum` may list in the snapshot. */
export type EnumValue = string | number | boolean | null;

/** Walk state, passed down by value: the document, the non-component refs being expanded, and the depth. */
export interface WalkContext {
  readonly doc: unknown;
  readonly refStack: readonly string[];
  readonly depth: number;
}

/** Past this depth a node keeps its type but its children are not listed (pathological nesting, not a spec error). */
export const MAX_DEPTH = 12;

/** A child position under a node: a property (`name`), array items (`[]`) or map values (`{}`). */
export interface SchemaChild {
  segment: string;
  kind: 'property' | 'items' | 'values';
  required: boolean;
  schema: unknown;
  ctx: WalkContext;
}

/** What one schema node looks like to a client. */
export interface SchemaDescription {
  type: string;
  nullable: boolean;
  enum?: EnumValue[];
  readOnly: boolean;
  writeOnly: boolean;
  deprecated: boolean;
  discriminator?: DiscriminatorSurface;
  children: SchemaChild[];
}

const COMPONENT_PREFIX = ['components', 'schemas'];

/** The component name when `ref` is exactly `#/components/schemas/<Name>`. */
export function componentNameOf(ref: string): string | undefined {
  if (!ref.startsWith('#')) return undefined;
  const segments = safeParse(ref);
  if (segments?.length !== 3 || segments[0] !== COMPONENT_PREFIX[0] || segments[1] !== COMPONENT_PREFIX[1]) {
    return undefined;
  }
  return segments[2];
}

function safeParse(ref: string): string[] | undefined {
  try {
    return parsePtr(ref);
  } catch {
    return undefined;
  }
}

/** Describes `schema`; never throws on odd input (a surface is a best-effort view, spec errors are load's job). */
export function describeSchema(schema: unknown, ctx: WalkContext): SchemaDescription {
  if (schema === true || schema === undefined) return leaf('unknown');
  if (schema === false) return leaf('never');
  if (!isObject(schema)) return leaf('unknown');
  const ref = stringAt(schema, '$ref');
  if (ref !== undefined) return withFlags(describeRef(ref, ctx), schema, refSiblingsApply(ctx.doc));
  return withFlags(describeInline(schema, ctx), schema);
}

/**
 * Whether a `$ref`'s siblings apply: in OpenAPI 3.1, not in 3.0, where `nullable: true` beside a `$ref` admits no
 * null to the types or the validators either (so the snapshot does not call such a field nullable).
 */
function refSiblingsApply(doc: unknown): boolean {
  const version = isObject(doc) ? stringAt(doc, 'openapi') : undefined;
  return version === undefined || !version.startsWith('3.0');
}

function leaf(type: string, nullable = false): SchemaDescription {
  return { type, nullable, readOnly: false, writeOnly: false, deprecated: false, children: [] };
}

function withFlags(desc: SchemaDescription, schema: JsonObject, nullableApplies = true): SchemaDescription {
  return {
    ...desc,
    nullable: desc.nullable || (nullableApplies && schema['nullable'] === true),
    readOnly: desc.readOnly || schema['readOnly'] === true,
    writeOnly: desc.writeOnly || schema['writeOnly'] === true,
    deprecated: desc.deprecated || schema['deprecated'] === true,
  };
}

function describeRef(ref: string, ctx: WalkContext): SchemaDescription {
  const name = componentNameOf(ref);
  if (name !== undefined) return leaf(name);
  // Any other internal ref (into a property, a path, ...) is expanded in place; the stack stops cycles.
  if (ctx.refStack.includes(ref)) return leaf(`recursive(${ref})`);
  const target = ref.startsWith('#') ? getAtPointer(ctx.doc, ref) : undefined;
  if (target === undefined) return leaf(`unresolved(${ref})`);
  return describeSchema(target, { ...ctx, refStack: [...ctx.refStack, ref] });
}

function describeInline(schema: JsonObject, ctx: WalkContext): SchemaDescription {
  const variants = [...arrayAt(schema, 'anyOf'), ...arrayAt(schema, 'oneOf')];
  if (variants.length > 0) {
    const union = describeUnion(variants, ctx);
    const discriminator = describeDiscriminator(schema, ctx);
    return discriminator ? { ...union, discriminator } : union;
  }
  const allOf = arrayAt(schema, 'allOf');
  if (allOf.length > 0) return describeAllOf(schema, allOf, ctx);
  if ('const' in schema) return describeEnum(schema, [schema['const']]);
  const values = arrayAt(schema, 'enum');
  if (values.length > 0) return describeEnum(schema, values);
  return describeTyped(schema, ctx);
}

/** `anyOf`/`oneOf`: `null` members become `nullable`; one remaining member is that member; more become `A|B`. */
function describeUnion(variants: readonly unknown[], ctx: WalkContext): SchemaDescription {
  const members = variants.map((v) => describeSchema(v, ctx));
  const nonNull = members.filter((m) => m.type !== 'null');
  const nullable = nonNull.length < members.length || members.some((m) => m.nullable);
  const only = nonNull[0];
  if (nonNull.length === 1 && only) return { ...only, nullable };
  // Not done: fields of inline object variants are not listed; their changes show only as the `A|B` type.
  return { ...leaf(joinUnion(nonNull.map(typeWithNull))), nullable };
}

/**
 * The tags of a discriminated union, where the validators dispatch on them: a `discriminator` over `oneOf` (else
 * `anyOf`) branches that are all `$ref`s, with the tags the validators use (model/discriminator-tags.ts); each tag's
 * variant is named like the union's members (a component name). Anything else is checked as a plain union.
 */
function describeDiscriminator(schema: JsonObject, ctx: WalkContext): DiscriminatorSurface | undefined {
  const discriminator = schema['discriminator'];
  if (!isObject(discriminator)) return undefined;
  const property = stringAt(discriminator, 'propertyName');
  const branches = arrayAt(schema, 'oneOf').length > 0 ? arrayAt(schema, 'oneOf') : arrayAt(schema, 'anyOf');
  const refs = branches.map((b) => (isObject(b) ? stringAt(b, '$ref') : undefined));
  if (property === undefined || refs.some((r) => r === undefined)) return undefined;
  const mapping = isObject(discriminator['mapping']) ? discriminator['mapping'] : {};
  const entries = Object.entries(mapping).filter((e): e is [string, string] => typeof e[1] === 'string');
  const identify = (ref: string): string | undefined => {
    if (!ref.startsWith('#') || safeParse(ref) === undefined || getAtPointer(ctx.doc, ref) === undefined) return undefined;
    return componentNameOf(ref) ?? ref;
  };
  const tags = discriminatorTags(Object.fromEntries(entries), refs as string[], identify);
  return { property, variants: Object.fromEntries(tags) };
}

function typeWithNull(desc: SchemaDescription): string {
  return desc.nullable && desc.type !== 'unknown' ? `${desc.type}|null` : desc.type;
}

/** Sorted, de-duplicated union members, flattening nested unions so `A|(B|C)` and `C|B|A` read the same. */
export function joinUnion(types: readonly string[]): string {
  const parts = new Set(types.flatMap((t) => splitTopLevel(t, '|')));
  if (parts.has('unknown')) return 'unknown';
  return [...parts].sort(compareStrings).join('|');
}

/** Splits `a|array<b|c>|d` on `sep` outside `<...>` and `(...)`. */
export function splitTopLevel(type: string, sep: '|' | '&'): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < type.length; i++) {
    const ch = type[i];
    if (ch === '<' || ch === '(') depth++;
    else if (ch === '>' || ch === ')') depth--;
    else if (ch === sep && depth === 0) {
      parts.push(type.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(type.slice(start));
  return parts;
}

/** `allOf`: one member is that member (the usual `allOf: [$ref]` + description); more merge their fields. */
function describeAllOf(schema: JsonObject, allOf: readonly unknown[], ctx: WalkContext): SchemaDescription {
  const own = { ...schema, allOf: undefined };
  const hasOwnShape = 'properties' in schema || 'type' in schema;
  const members = hasOwnShape ? [...allOf, own] : [...allOf];
  const described = members.map((m) => describeSchema(m, ctx));
  const first = described[0];
  if (described.length === 1 && first) return first;
  const names = [...new Set(described.map((d) => d.type))].sort(compareStrings);
  return {
    ...leaf(names.join('&')),
    nullable: described.every((d) => d.nullable),
    children: described.flatMap((d) => d.children),
  };
}

function describeEnum(schema: JsonObject, values: readonly unknown[]): SchemaDescription {
  const kept = values.filter(isEnumValue);
  const nonNull = kept.filter((v) => v !== null);
  const declared = declaredTypes(schema).filter((t) => t !== 'null');
  const inferred = [...new Set(nonNull.map(jsonTypeOf))];
  const type = joinUnion(declared.length > 0 ? declared : inferred.length > 0 ? inferred : ['null']);
  const desc = leaf(withFormat(type, schema), kept.length > nonNull.length || declaredTypes(schema).includes('null'));
  return { ...desc, enum: sortEnumValues(nonNull) };
}

function isEnumValue(value: unknown): value is EnumValue {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

function jsonTypeOf(value: EnumValue): string {
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** Sorted by their JSON text, so `[2, 10]` and `["b", "a"]` have one canonical order. */
export function sortEnumValues(values: readonly EnumValue[]): EnumValue[] {
  const unique = new Map(values.map((v) => [JSON.stringify(v), v] as const));
  return [...unique.keys()].sort(compareStrings).map((k) => unique.get(k) as EnumValue);
}

function declaredTypes(schema: JsonObject): string[] {
  const type = schema['type'];
  if (typeof type === 'string') return [type];
  return Array.isArray(type) ? type.filter((t): t is string => typeof t === 'string') : [];
}

function withFormat(type: string, schema: JsonObject): string {
  const format = stringAt(schema, 'format');
  return format !== undefined && !type.includes('|') ? `${type}(${format})` : type;
}

/** Plain `type:` schemas, including 3.1 type arrays (`["string", "null"]`). */
function describeTyped(schema: JsonObject, ctx: WalkContext): SchemaDescription {
  const declared = declaredTypes(schema);
  const nullable = declared.includes('null');
  let types = declared.filter((t) => t !== 'null');
  if (types.length === 0 && nullable) return leaf('null', true);
  if (types.length === 0) types = inferTypes(schema);
  const descs = types.map((t) => describeOfType(t, schema, ctx));
  const first = descs[0];
  if (descs.length === 1 && first) return { ...first, nullable };
  return { ...leaf(joinUnion(descs.map((d) => d.type)), nullable), children: descs.flatMap((d) => d.children) };
}

function inferTypes(schema: JsonObject): string[] {
  if ('properties' in schema || 'additionalProperties' in schema) return ['object'];
  if ('items' in schema) return ['array'];
  return ['unknown'];
}

function describeOfType(type: string, schema: JsonObject, ctx: WalkContext): SchemaDescription {
  if (type === 'object') return describeObject(schema, ctx);
  if (type === 'array') return describeArray(schema, ctx);
  return leaf(withFormat(type, schema));
}

function describeArray(schema: JsonObject, ctx: WalkContext): SchemaDescription {
  const items = schema['items'];
  const inner = { ...ctx, depth: ctx.depth + 1 };
  const itemType = ctx.depth >= MAX_DEPTH ? 'unknown' : typeWithNull(describeSchema(items, inner));
  const child: SchemaChild = { segment: '[]', kind: 'items', required: true, schema: items, ctx: inner };
  return { ...leaf(`array<${itemType}>`), children: [child] };
}

function describeObject(schema: JsonObject, ctx: WalkContext): SchemaDescription {
  const inner = { ...ctx, depth: ctx.depth + 1 };
  const properties = isObject(schema['properties']) ? schema['properties'] : {};
  const required = new Set(arrayAt(schema, 'required').filter((r): r is string => typeof r === 'string'));
  const children: SchemaChild[] = Object.keys(properties)
    .sort(compareStrings)
    .map((name) => ({ segment: name, kind: 'property', required: required.has(name), schema: properties[name], ctx: inner }));
  const extra = schema['additionalProperties'];
  const hasMap = extra === true || isObject(extra);
  if (!hasMap) return { ...leaf('object'), children };
  const valueSchema = extra === true ? true : extra;
  children.push({ segment: '{}', kind: 'values', required: true, schema: valueSchema, ctx: inner });
  if (children.length > 1) return { ...leaf('object'), children };
  const valueType = ctx.depth >= MAX_DEPTH ? 'unknown' : typeWithNull(describeSchema(valueSchema, inner));
  return { ...leaf(`map<${valueType}>`), children };
}
