/** Diffs two shapes (a body, a response, a component schema): root type, then every field path. */
import { nameOf, makeChange, type ChangeContext } from './change-context.js';
import type { Marker } from './classify-change.js';
import { compareTypes } from './compare-types.js';
import { splitTopLevel } from './describe-schema.js';
import { compareStrings } from './json-value.js';
import type { Direction, DiscriminatorSurface, FieldSurface, ShapeSurface, SurfaceChange } from './types.js';

type EnumValues = NonNullable<FieldSurface['enum']>;

/** The parts of a field or a root that can change in place. */
interface NodeState {
  type: string;
  nullable: boolean;
  required?: boolean;
  enum?: EnumValues;
  readOnly?: true;
  writeOnly?: true;
  deprecated?: true;
  discriminator?: DiscriminatorSurface;
}

/** All changes between two shapes at the same place. */
export function diffShape(ctx: ChangeContext, before: ShapeSurface, after: ShapeSurface): SurfaceChange[] {
  // Only the root's own type: a body's `required` is about the body, not a field, and is diffed by the caller.
  const root = (shape: ShapeSurface): NodeState => {
    const state: NodeState = { type: shape.type, nullable: shape.nullable };
    if (shape.enum) state.enum = shape.enum;
    if (shape.discriminator) state.discriminator = shape.discriminator;
    return state;
  };
  const [b, a] = [root(before), root(after)];
  const explained = typeChangeExplained('', b, a, before.fields, after.fields);
  return [...diffNode(ctx, '', b, a, explained), ...diffFields(ctx, before.fields, after.fields)];
}

/** Added, removed and changed fields; a field under an added or removed parent is covered by the parent's change. */
export function diffFields(
  ctx: ChangeContext,
  before: Record<string, FieldSurface>,
  after: Record<string, FieldSurface>,
): SurfaceChange[] {
  const removed = Object.keys(before).filter((p) => !(p in after));
  const added = Object.keys(after).filter((p) => !(p in before));
  const out: SurfaceChange[] = [];
  for (const path of removed) {
    if (hasAncestorIn(path, removed)) continue;
    const field = before[path] as FieldSurface;
    if (isElementPath(path)) {
      if (field.enum) out.push(enumConstraintChange(ctx, path, field.enum, undefined, field));
    } else {
      const facts = { path, message: `${nameOf(ctx, path)} removed`, before: describeField(field), required: field.required };
      out.push(makeChange(ctx, 'field-removed', { ...facts, directions: directionsOf(ctx, field) }));
    }
  }
  for (const path of added) {
    if (hasAncestorIn(path, added)) continue;
    const field = after[path] as FieldSurface;
    if (isElementPath(path)) {
      if (field.enum) out.push(enumConstraintChange(ctx, path, undefined, field.enum, field));
    } else {
      out.push(fieldAdded(ctx, path, field));
    }
  }
  for (const path of Object.keys(before)) {
    const b = before[path];
    const a = after[path];
    if (b && a) out.push(...diffNode(ctx, path, b, a, typeChangeExplained(path, b, a, before, after)));
  }
  return out;
}

function fieldAdded(ctx: ChangeContext, path: string, field: FieldSurface): SurfaceChange {
  const label = field.required ? 'required' : 'optional';
  return makeChange(ctx, 'field-added', {
    path,
    message: `${nameOf(ctx, path)} added (${label})`,
    after: describeField(field),
    required: field.required,
    directions: directionsOf(ctx, field),
  });
}

/** `string`, `string | null`, `string? | null`: the field's type as a reviewer reads it in the table. */
function describeField(field: NodeState): string {
  const optional = field.required === false ? '?' : '';
  return `${field.type}${optional}${field.nullable ? ' | null' : ''}`;
}

/**
 * Items/values entries (`a[]`, `a{}`) exist only to carry enum values or variants, so their coming and going is an
 * enum change (a union's coming and going shows in the parent's type).
 */
function isElementPath(path: string): boolean {
  return path.endsWith('[]') || path.endsWith('{}');
}

function hasAncestorIn(path: string, paths: readonly string[]): boolean {
  return paths.some((p) => p !== path && path.startsWith(p) && ['.', '[', '{'].includes(path.charAt(p.length)));
}

/** A `readOnly` field is only received, a `writeOnly` field only sent. */
function directionsOf(ctx: ChangeContext, ...states: NodeState[]): Direction[] {
  const dirs = ctx.directions.filter(
    (d) => !states.every((s) => (d === 'request' ? s.readOnly : s.writeOnly)),
  );
  return dirs.length > 0 ? dirs : ctx.directions;
}

/**
 * In-place changes of one field (or of the root when `path` is `''`). `explained`: the type changed only by variants
 * of a discriminated union, reported one by one instead.
 */
function diffNode(ctx: ChangeContext, path: string, b: NodeState, a: NodeState, explained: boolean): SurfaceChange[] {
  const out: SurfaceChange[] = [];
  const name = nameOf(ctx, path);
  const facts = { path, directions: directionsOf(ctx, b, a) };
  if (b.required !== undefined && a.required !== undefined && b.required !== a.required) {
    const kind = a.required ? 'field-required' : 'field-optional';
    const [before, after] = a.required ? ['optional', 'required'] : ['required', 'optional'];
    out.push(makeChange(ctx, kind, { ...facts, before, after, message: `${name} is now ${after}` }));
  }
  if (b.nullable !== a.nullable) {
    const kind = a.nullable ? 'field-nullable' : 'field-non-nullable';
    const message = a.nullable ? `${name} may now be \`null\`` : `${name} can no longer be \`null\``;
    out.push(makeChange(ctx, kind, { ...facts, message, before: describeField({ ...b, required: true }), after: describeField({ ...a, required: true }) }));
  }
  const relation = compareTypes(b.type, a.type);
  if (relation !== 'same' && !explained) {
    const message = `${name} changed type (${relation})`;
    out.push(makeChange(ctx, 'type-changed', { ...facts, message, before: b.type, after: a.type, relation }));
  }
  out.push(...diffEnum(ctx, path, b, a));
  out.push(...diffVariants(ctx, path, b, a));
  out.push(...diffMarkers(ctx, path, b, a));
  return out;
}

/** Tags added to or removed from a union discriminated by the same property on both sides. */
function diffVariants(ctx: ChangeContext, path: string, b: NodeState, a: NodeState): SurfaceChange[] {
  const [before, after] = [b.discriminator, a.discriminator];
  if (!before || !after || before.property !== after.property) return [];
  const directions = directionsOf(ctx, b, a);
  const name = nameOf(ctx, path);
  const describe = (tag: string, type: string): string => `${type} (${before.property}: ${JSON.stringify(tag)})`;
  const added = Object.keys(after.variants).filter((tag) => !(tag in before.variants));
  const removed = Object.keys(before.variants).filter((tag) => !(tag in after.variants));
  return [
    ...added.map((tag) =>
      makeChange(ctx, 'variant-added', { path, directions, after: describe(tag, after.variants[tag]!), message: `${name} gained variant \`${tag}\`` }),
    ),
    ...removed.map((tag) =>
      makeChange(ctx, 'variant-removed', { path, directions, before: describe(tag, before.variants[tag]!), message: `${name} lost variant \`${tag}\`` }),
    ),
  ];
}

/**
 * Whether the node's type changed only by variants of a discriminated union coming and going, at the node itself or
 * in its array items / map values (`array<Cat|Dog>` → `array<Bird|Cat|Dog>`), where the variants are reported.
 */
function typeChangeExplained(
  path: string,
  b: NodeState,
  a: NodeState,
  before: Record<string, FieldSurface>,
  after: Record<string, FieldSurface>,
): boolean {
  if (variantsExplainType(b, a)) return true;
  return (['[]', '{}'] as const).some((suffix) => {
    const [eb, ea] = [before[path + suffix], after[path + suffix]];
    const wrap = (e: FieldSurface): string => `${suffix === '[]' ? 'array' : 'map'}<${e.nullable && e.type !== 'unknown' ? `${e.type}|null` : e.type}>`;
    return eb !== undefined && ea !== undefined && b.type === wrap(eb) && a.type === wrap(ea) && typeChangeExplained(path + suffix, eb, ea, before, after);
  });
}

/** Same tag property, every tag on both sides picks the same variant, and the members besides the variants agree. */
function variantsExplainType(b: NodeState, a: NodeState): boolean {
  const [before, after] = [b.discriminator, a.discriminator];
  if (!before || !after || before.property !== after.property) return false;
  if (Object.keys(before.variants).some((tag) => tag in after.variants && before.variants[tag] !== after.variants[tag])) return false;
  const others = (type: string, d: DiscriminatorSurface): string | undefined => {
    const members = splitTopLevel(type, '|');
    const variants = new Set(Object.values(d.variants));
    if (![...variants].every((v) => members.includes(v))) return undefined;
    return members.filter((m) => !variants.has(m)).sort(compareStrings).join('|');
  };
  const rest = others(b.type, before);
  return rest !== undefined && rest === others(a.type, after);
}

function diffEnum(ctx: ChangeContext, path: string, b: NodeState, a: NodeState): SurfaceChange[] {
  if (!b.enum && !a.enum) return [];
  if (!b.enum || !a.enum) return [enumConstraintChange(ctx, path, b.enum, a.enum, b, a)];
  const before = new Set(b.enum.map((v) => JSON.stringify(v)));
  const after = new Set(a.enum.map((v) => JSON.stringify(v)));
  const directions = directionsOf(ctx, b, a);
  const name = nameOf(ctx, path);
  // a validator reports `enum` only for a value of a JSON type some listed value has; another type is a type error
  const listedTypes = new Set(b.enum.map((v) => typeof v));
  const sameJsonType = (text: string): boolean => listedTypes.has(typeof JSON.parse(text));
  return [
    ...[...after].filter((v) => !before.has(v)).map((v) =>
      makeChange(ctx, 'enum-value-added', { path, directions, after: v, sameJsonType: sameJsonType(v), message: `${name} gained enum value \`${v}\`` }),
    ),
    ...[...before].filter((v) => !after.has(v)).map((v) =>
      makeChange(ctx, 'enum-value-removed', { path, directions, before: v, message: `${name} lost enum value \`${v}\`` }),
    ),
  ];
}

function enumConstraintChange(
  ctx: ChangeContext,
  path: string,
  before: EnumValues | undefined,
  after: EnumValues | undefined,
  ...states: NodeState[]
): SurfaceChange {
  const name = nameOf(ctx, path);
  const list = (values: EnumValues): string => values.map((v) => JSON.stringify(v)).join(' | ');
  const directions = directionsOf(ctx, ...states);
  if (after) {
    return makeChange(ctx, 'enum-constraint-added', { path, directions, after: list(after), message: `${name} is now limited to listed values` });
  }
  return makeChange(ctx, 'enum-constraint-removed', { path, directions, before: list(before ?? []), message: `${name} is no longer limited to listed values` });
}

function diffMarkers(ctx: ChangeContext, path: string, b: NodeState, a: NodeState): SurfaceChange[] {
  const out: SurfaceChange[] = [];
  const name = nameOf(ctx, path);
  if (!b.deprecated && a.deprecated) {
    out.push(makeChange(ctx, 'field-deprecated', { path, message: `${name} is now deprecated` }));
  }
  const marker = (s: NodeState): Marker => (s.readOnly ? 'readOnly' : s.writeOnly ? 'writeOnly' : 'read-write');
  if (marker(b) !== marker(a)) {
    const facts = { path, before: marker(b), after: marker(a), message: `${name} is now ${marker(a)}` };
    const required = b.required === undefined ? {} : { required: b.required };
    out.push(makeChange(ctx, 'field-read-only-changed', { ...facts, ...required, markers: { before: marker(b), after: marker(a) } }));
  }
  return out;
}
