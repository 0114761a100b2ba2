/** Flattens a schema into a `ShapeSurface`: its root type plus one entry per reachable field path. */
import { describeSchema, MAX_DEPTH, type SchemaChild, type SchemaDescription, type WalkContext } from './describe-schema.js';
import type { FieldSurface, ShapeSurface } from './types.js';

/** The shape of `schema` as a client sees it; component refs inside it stay names (`array<ValidationError>`). */
export function flattenShape(schema: unknown, doc: unknown): ShapeSurface {
  const ctx: WalkContext = { doc, refStack: [], depth: 0 };
  const root = describeSchema(schema, ctx);
  const fields: Record<string, FieldSurface> = {};
  collectFields(root, '', fields);
  const shape: ShapeSurface = { type: root.type, nullable: root.nullable, fields };
  if (root.enum) shape.enum = root.enum;
  if (root.discriminator) shape.discriminator = root.discriminator;
  return shape;
}

function collectFields(desc: SchemaDescription, prefix: string, fields: Record<string, FieldSurface>): void {
  for (const child of desc.children) {
    const childDesc = describeSchema(child.schema, child.ctx);
    const path = joinPath(prefix, child);
    // Array items and map values are already spelled out in the parent's type (`array<string>`); they get
    // their own entry only to carry enum values or variants, which must diff one per line.
    if (child.kind === 'property' || childDesc.enum || childDesc.discriminator) addField(fields, path, toField(childDesc, child.required));
    if (child.ctx.depth < MAX_DEPTH) collectFields(childDesc, path, fields);
  }
}

function addField(fields: Record<string, FieldSurface>, path: string, field: FieldSurface): void {
  const existing = fields[path];
  // The same path twice comes from `allOf` members; a field required by any member is required.
  fields[path] = existing ? { ...field, required: existing.required || field.required } : field;
}

function toField(desc: SchemaDescription, required: boolean): FieldSurface {
  const field: FieldSurface = { type: desc.type, required, nullable: desc.nullable };
  if (desc.enum) field.enum = desc.enum;
  if (desc.readOnly) field.readOnly = true;
  if (desc.writeOnly) field.writeOnly = true;
  if (desc.deprecated) field.deprecated = true;
  if (desc.discriminator) field.discriminator = desc.discriminator;
  return field;
}

const PLAIN_NAME = /^[A-Za-z0-9_$@-]+$/;

/** `a.b`, `a[]`, `a{}`; odd property names are quoted (`a["x.y"]`) so paths stay unambiguous. */
export function joinPath(prefix: string, child: Pick<SchemaChild, 'kind' | 'segment'>): string {
  if (child.kind === 'items') return `${prefix}[]`;
  if (child.kind === 'values') return `${prefix}{}`;
  if (!PLAIN_NAME.test(child.segment)) return `${prefix}[${JSON.stringify(child.segment)}]`;
  return prefix === '' ? child.segment : `${prefix}.${child.segment}`;
}
