/**
 * Example values for the README, built from a schema: the spec's own examples first (`example`, `examples`,
 * `const`, `default`, an `enum` member) where they fit the schema, else a value made from the schema's types,
 * formats and bounds. Deterministic and linear in the size of the schemas it walks; no sampling library, so the same
 * spec always documents the same calls. A value is only used where it fits the generated types: request examples
 * leave out `readOnly` properties (the request types drop them) and fill a discriminator with its branch's tag.
 */
import { getAtPointer } from '../load/pointer.js';

/** No example could be built (an impossible schema, or recursion with no way out). */
export const NO_EXAMPLE: unique symbol = Symbol('no example');
export type Example = unknown | typeof NO_EXAMPLE;

/** Nesting deeper than this is not documented: the example stops at optional parts, or gives up. */
const MAX_DEPTH = 8;

type Schema = Record<string, unknown>;

/** Walk state: the document (to follow `$ref`s), the refs being expanded (recursion), the depth. */
interface Walk {
  doc: unknown;
  refs: readonly string[];
  depth: number;
}

/** Example strings by `format`: values every validator of that format accepts. */
const FORMAT_EXAMPLES: Record<string, string> = {
  uuid: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
  'date-time': '2024-03-01T12:00:00Z',
  date: '2024-03-01',
  time: '12:00:00Z',
  email: 'user@example.com',
  'idn-email': 'user@example.com',
  uri: 'https://example.com/',
  url: 'https://example.com/',
  'uri-reference': 'https://example.com/',
  iri: 'https://example.com/',
  hostname: 'example.com',
  'idn-hostname': 'example.com',
  ipv4: '192.0.2.1',
  ipv6: '2001:db8::1',
  duration: 'P1D',
  byte: 'ZXhhbXBsZQ==',
  binary: 'example bytes',
};

/**
 * An example value for a request part: the first of `explicit` (examples the spec gives beside the schema: a media
 * type's or a parameter's) that fits `schema`, else one built from `schema`. `name`: the property or parameter name,
 * which picks a URL- or email-looking string where the schema says only `string`.
 */
export function exampleFor(doc: unknown, schema: unknown, explicit: readonly unknown[] = [], name = ''): Example {
  const walk: Walk = { doc, refs: [], depth: 0 };
  for (const candidate of explicit) if (fits(schema, candidate, walk)) return candidate;
  return build(schema, walk, name);
}

/** True when the spec gives an example for `schema` itself (so an optional part is worth showing; a `default` is not). */
export function hasOwnExample(doc: unknown, schema: unknown): boolean {
  const node = resolve(doc, schema);
  return node !== undefined && ('example' in node || Array.isArray(node.examples));
}

/** The values the spec offers for `schema` itself, best first. */
function ownExamples(node: Schema): unknown[] {
  const out: unknown[] = [];
  if ('example' in node) out.push(node.example);
  if (Array.isArray(node.examples)) out.push(...node.examples);
  if ('const' in node) out.push(node.const);
  if ('default' in node) out.push(node.default);
  if (Array.isArray(node.enum)) out.push(...node.enum.filter((v) => v !== null));
  return out;
}

function resolve(doc: unknown, schema: unknown, walk?: Walk): Schema | undefined {
  let node = schema;
  for (let hops = 0; isObject(node) && typeof node.$ref === 'string' && hops < 32; hops++) {
    if (walk && walk.refs.includes(node.$ref)) return undefined;
    node = node.$ref.startsWith('#') ? getAtPointer(doc, node.$ref) : undefined;
  }
  if (node === true || node === undefined) return {};
  return isObject(node) ? node : undefined;
}

/** One level deeper through `schema` (its `$ref`s recorded, so a recursive schema is noticed). */
function enter(schema: unknown, walk: Walk): { node: Schema; walk: Walk } | undefined {
  if (walk.depth > MAX_DEPTH) return undefined;
  // copied only on a `$ref`, the rare node: the walk is shared by every node below
  let refs = walk.refs;
  let node = schema;
  for (let hops = 0; isObject(node) && typeof node.$ref === 'string'; hops++) {
    if (refs.includes(node.$ref) || hops > 32) return undefined;
    refs = [...refs, node.$ref];
    node = node.$ref.startsWith('#') ? getAtPointer(walk.doc, node.$ref) : undefined;
  }
  if (node === true || node === undefined) return { node: {}, walk: { ...walk, refs, depth: walk.depth + 1 } };
  return isObject(node) ? { node, walk: { ...walk, refs, depth: walk.depth + 1 } } : undefined;
}

function build(schema: unknown, outer: Walk, name: string): Example {
  const entered = enter(schema, outer);
  if (!entered) return NO_EXAMPLE;
  const { node, walk } = entered;
  for (const candidate of ownExamples(node)) if (fits(node, candidate, walk)) return candidate;
  // the generated type of an enum or const is its values, whatever else the schema says: one of them, or none
  if ('const' in node) return node.const;
  if (Array.isArray(node.enum)) return enumMember(node, node.enum);
  const variants = [...arrayOf(node.oneOf), ...arrayOf(node.anyOf)];
  if (variants.length > 0 && hasObjectShape(node)) return buildShapedVariant(node, variants, walk);
  if (variants.length > 0) return buildVariant(node, variants, walk, name);
  if (Array.isArray(node.allOf)) return buildAllOf(node, node.allOf, walk, name);
  const type = typeOf(node);
  switch (type) {
    case 'object':
      return buildObject(node, walk);
    case 'array':
      return buildArray(node, walk, name);
    case 'string':
      return buildString(node, name);
    case 'integer':
    case 'number':
      return buildNumber(node, type);
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return 'example';
  }
}

/** The first enum member of a type the schema declares (not `null` when there is another), else the first. */
function enumMember(node: Schema, members: unknown[]): Example {
  const declared = typeof node.type === 'string' ? [node.type] : arrayOf(node.type);
  const typed = members.filter((m) => m !== null && (declared.length === 0 || declared.some((t) => hasType(m, t))));
  if (typed.length > 0) return typed[0];
  return members.length > 0 ? members.find((m) => m !== null) ?? members[0] : NO_EXAMPLE;
}

/** The first type a node declares (not `null` when there is another), or what its keywords imply. */
function typeOf(node: Schema): string | undefined {
  const declared = typeof node.type === 'string' ? [node.type] : arrayOf(node.type).filter((t): t is string => typeof t === 'string');
  const type = declared.find((t) => t !== 'null') ?? declared[0];
  if (type !== undefined) return type;
  if (isObject(node.properties) || Array.isArray(node.required)) return 'object';
  if (node.items !== undefined) return 'array';
  return undefined;
}

/** `oneOf` / `anyOf`: the first variant that is not just `null` and can be built; a discriminator gets its tag. */
function buildVariant(node: Schema, variants: unknown[], walk: Walk, name: string): Example {
  const ordered = [...variants.filter((v) => resolve(walk.doc, v)?.type !== 'null'), ...variants.filter((v) => resolve(walk.doc, v)?.type === 'null')];
  const discriminator = isObject(node.discriminator) && typeof node.discriminator.propertyName === 'string' ? node.discriminator : undefined;
  for (const variant of ordered) {
    const value = build(variant, walk, name);
    if (value === NO_EXAMPLE) continue;
    if (!discriminator || !isObject(value)) return value;
    const tag = tagOf(variant, discriminator);
    return tag === undefined ? value : { ...value, [discriminator.propertyName as string]: tag };
  }
  return NO_EXAMPLE;
}

function hasObjectShape(node: Schema): boolean {
  return isObject(node.properties) || Array.isArray(node.required);
}

/**
 * An object with `oneOf`/`anyOf` beside its own properties (`required: [a]` or `required: [b]` variants, GitHub's
 * way of saying "one of these fields"): the object's properties with the first variant's that can be built.
 */
function buildShapedVariant(node: Schema, variants: unknown[], walk: Walk): Example {
  const own = { ...node, oneOf: undefined, anyOf: undefined };
  for (const variant of variants) {
    const resolved = resolve(walk.doc, variant, walk);
    if (!resolved) continue;
    const merged: Schema = {
      ...own,
      properties: { ...(isObject(node.properties) ? node.properties : {}), ...(isObject(resolved.properties) ? resolved.properties : {}) },
      required: [...arrayOf(node.required), ...arrayOf(resolved.required)],
    };
    const value = buildObject(merged, walk);
    if (value !== NO_EXAMPLE) return value;
  }
  return NO_EXAMPLE;
}

/** The discriminator value naming `variant`: its key in `mapping`, else its component name. */
function tagOf(variant: unknown, discriminator: Schema): string | undefined {
  if (!isObject(variant) || typeof variant.$ref !== 'string') return undefined;
  const ref = variant.$ref;
  const mapping = isObject(discriminator.mapping) ? discriminator.mapping : {};
  const key = Object.keys(mapping).find((k) => mapping[k] === ref || mapping[k] === ref.split('/').pop());
  return key ?? safeDecode(ref.split('/').pop() ?? '');
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** `allOf`: every member's object merged (the usual `allOf: [$ref, { properties }]`); a non-object member alone. */
function buildAllOf(node: Schema, members: unknown[], walk: Walk, name: string): Example {
  const own = { ...node, allOf: undefined };
  const parts = [...members, ...(isObject(node.properties) || Array.isArray(node.required) ? [own] : [])].map((m) => build(m, walk, name));
  if (parts.some((p) => p === NO_EXAMPLE)) return NO_EXAMPLE;
  if (parts.every(isObject)) return Object.assign({}, ...(parts as object[]));
  return parts[0];
}

/** Required properties, and optional ones the spec gives an example for; never `readOnly` ones (requests drop them). */
function buildObject(node: Schema, walk: Walk): Example {
  const properties = isObject(node.properties) ? node.properties : {};
  const required = new Set(arrayOf(node.required).filter((r): r is string => typeof r === 'string'));
  const value: Record<string, unknown> = {};
  for (const key of Object.keys(properties)) {
    const property = properties[key];
    const resolved = resolve(walk.doc, property);
    if (resolved?.readOnly === true) continue;
    if (!required.has(key) && !(walk.depth <= 2 && hasOwnExample(walk.doc, property))) continue;
    const built = build(property, walk, key);
    if (built === NO_EXAMPLE) {
      if (required.has(key)) return NO_EXAMPLE;
      continue;
    }
    Object.defineProperty(value, key, { value: built, enumerable: true, writable: true, configurable: true });
  }
  return value;
}

function buildArray(node: Schema, walk: Walk, name: string): Example {
  const min = typeof node.minItems === 'number' ? node.minItems : 0;
  const item = Array.isArray(node.prefixItems) ? NO_EXAMPLE : build(node.items, walk, name);
  if (item === NO_EXAMPLE) return min === 0 ? [] : NO_EXAMPLE;
  return Array.from({ length: Math.max(1, Math.min(min, 3)) }, () => item);
}

function buildString(node: Schema, name: string): string {
  const format = typeof node.format === 'string' ? FORMAT_EXAMPLES[node.format] : undefined;
  const guess = /(^|_|-)(url|uri|href|link)$|Url$|Uri$/.test(name) ? 'https://example.com/' : /email/i.test(name) ? 'user@example.com' : undefined;
  let text = format ?? guess ?? 'string';
  const min = typeof node.minLength === 'number' ? node.minLength : 0;
  const max = typeof node.maxLength === 'number' ? node.maxLength : Infinity;
  if (text.length < min) text = text + 'x'.repeat(Math.min(min, 1000) - text.length);
  return text.length > max ? text.slice(0, max) : text;
}

function buildNumber(node: Schema, type: 'integer' | 'number'): number {
  const min = bound(node.minimum, node.exclusiveMinimum, 1);
  const max = bound(node.maximum, node.exclusiveMaximum, -1);
  const step = typeof node.multipleOf === 'number' && node.multipleOf > 0 ? node.multipleOf : type === 'integer' ? 1 : undefined;
  let value = min ?? (max !== undefined && max < 1 ? max : 1);
  if (step !== undefined) value = Math.ceil(value / step) * step;
  return Number.isFinite(value) ? value : 1;
}

/** The smallest (direction 1) or largest (-1) allowed value from OpenAPI 3.0 boolean or 3.1 numeric exclusive bounds. */
function bound(inclusive: unknown, exclusive: unknown, direction: 1 | -1): number | undefined {
  if (typeof exclusive === 'number') return exclusive + direction;
  if (typeof inclusive !== 'number') return undefined;
  return exclusive === true ? inclusive + direction : inclusive;
}

/**
 * Whether `value` fits `schema`, for the keywords that decide the generated types and the common checks: `type`,
 * `enum`, `const`, `properties`, `required`, `additionalProperties: false`, `items`, `oneOf`/`anyOf`/`allOf`,
 * string lengths and well-known formats, number bounds. A request example must not hold `readOnly` properties.
 */
function fits(schema: unknown, value: unknown, outer: Walk, partOfAllOf = false): boolean {
  const entered = enter(schema, outer);
  if (!entered) return false;
  const { node, walk } = entered;
  if ('const' in node && JSON.stringify(node.const) !== JSON.stringify(value)) return false;
  if (Array.isArray(node.enum) && !node.enum.some((v) => JSON.stringify(v) === JSON.stringify(value))) return false;
  if (Array.isArray(node.allOf) && !node.allOf.every((m) => fits(m, value, walk, true))) return false;
  const variants = [...arrayOf(node.oneOf), ...arrayOf(node.anyOf)];
  // a variant beside the object's own properties may name those properties without listing them
  if (variants.length > 0 && !variants.some((v) => fits(v, value, walk, hasObjectShape(node)))) return false;
  if (value === null) return node.nullable === true || typeOf(node) === undefined || arrayOf(node.type).includes('null') || node.type === 'null' || variants.length > 0;
  const declared = typeof node.type === 'string' ? [node.type] : arrayOf(node.type);
  if (declared.length > 0 && !declared.some((t) => hasType(value, t))) return false;
  if (typeof value === 'string') return fitsString(node, value);
  if (typeof value === 'number') return fitsNumber(node, value);
  if (Array.isArray(value)) return node.items === undefined || value.every((item) => fits(node.items, item, walk));
  if (isObject(value)) return fitsObject(node, value, walk, partOfAllOf || Array.isArray(node.allOf));
  return true;
}

function hasType(value: unknown, type: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return isObject(value);
    case 'null':
      return value === null;
    default:
      return true;
  }
}

function fitsString(node: Schema, value: string): boolean {
  if (typeof node.minLength === 'number' && [...value].length < node.minLength) return false;
  if (typeof node.maxLength === 'number' && [...value].length > node.maxLength) return false;
  if (typeof node.pattern === 'string') {
    try {
      if (!new RegExp(node.pattern, 'u').test(value)) return false;
    } catch {
      return false;
    }
  }
  const format = typeof node.format === 'string' ? node.format : undefined;
  if (format === 'uuid') return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
  if (format === 'date-time') return /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/i.test(value);
  if (format === 'date') return /^\d{4}-\d\d-\d\d$/.test(value);
  if (format === 'email') return /^[^@\s]+@[^@\s]+$/.test(value);
  if (format === 'byte') return value.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(value);
  return true;
}

function fitsNumber(node: Schema, value: number): boolean {
  const min = bound(node.minimum, node.exclusiveMinimum, 1);
  const max = bound(node.maximum, node.exclusiveMaximum, -1);
  if ((node.format === 'int32' || node.format === 'int64') && !Number.isInteger(value)) return false;
  if (node.format === 'int32' && (value < -2147483648 || value > 2147483647)) return false;
  return (min === undefined || value >= min) && (max === undefined || value <= max);
}

/**
 * A key the schema does not list is allowed only where the generated type has an index signature
 * (`additionalProperties: true` or a schema), or where another `allOf` member may list it.
 */
function fitsObject(node: Schema, value: Record<string, unknown>, walk: Walk, open: boolean): boolean {
  const properties = isObject(node.properties) ? node.properties : {};
  const extra = node.additionalProperties;
  for (const key of arrayOf(node.required)) {
    // a required readOnly property is not asked of a request (its type drops it)
    if (typeof key === 'string' && !Object.hasOwn(value, key) && resolve(walk.doc, properties[key])?.readOnly !== true) return false;
  }
  for (const key of Object.keys(value)) {
    if (Object.hasOwn(properties, key)) {
      if (resolve(walk.doc, properties[key])?.readOnly === true || !fits(properties[key], value[key], walk)) return false;
    } else if (isObject(extra) ? !fits(extra, value[key], walk) : extra !== true && !open) {
      return false;
    }
  }
  return true;
}

function arrayOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
