import { walkSchemas } from '../model/walk-schemas.js';
import { escapeRegExp, markerSchema } from './print-markers.js';

/**
 * Tuple schemas, typed as JSON Schema means them. openapi-typescript prints `prefixItems` (and the older `items`
 * array) as a closed tuple of required elements, `[string]`, ignoring `items`/`additionalItems` and `minItems`;
 * but a prefix item is present only when `minItems` asks for it, and further items are allowed (typed by `items`,
 * anything when it is absent) unless `items: false`. So `prefixItems: [string], items: integer` is
 * `[string?, ...number[]]`, and an open `prefixItems: [number, number]` is `[number?, number?, ...unknown[]]`.
 * TypeScript's optional and rest elements cannot be asked of openapi-typescript, so each optional element and the
 * rest are framed by marker literals in the copy (`"<p>L", T, "<p>R"`), which {@link printTuples} turns into `(T)?`
 * and `...(T)[]` in its output. The parentheses keep a union element whole; prettier drops the needless ones.
 */

/** The `type: array` schemas of `copy` with a tuple prefix whose printed type would be wrong. */
export function findTupleSchemas(copy: unknown): Array<Record<string, unknown>> {
  const found: Array<Record<string, unknown>> = [];
  walkSchemas(copy, (node) => {
    if (isMisprintedTuple(node)) found.push(node);
  });
  return found;
}

/** Whether openapi-typescript would print this node as a tuple other than the one it describes. */
export function isMisprintedTuple(node: Record<string, unknown>): boolean {
  const shape = tupleShape(node);
  // an array that can hold nothing (`items: false`, `maxItems: 0`) is printed `unknown[]`/`T[]` without a prefix
  return shape !== undefined && (shape.rest !== undefined || shape.required < shape.items.length || shape.cut || shape.items.length === 0);
}

/** Rewrites, in place, each schema found by {@link findTupleSchemas} into a marked tuple (see the module comment). */
export function markTuples(nodes: ReadonlyArray<Record<string, unknown>>, prefix: string): void {
  const m = markers(prefix);
  for (const node of nodes) {
    const shape = tupleShape(node);
    if (!shape) continue;
    const elements = shape.items.flatMap((item, i) => (i < shape.required ? [item] : [markerSchema(m.optionalStart), item, markerSchema(m.optionalEnd)]));
    if (shape.rest !== undefined) elements.push(markerSchema(m.restStart), shape.rest, markerSchema(m.restEnd));
    node.prefixItems = elements;
    delete node.items;
    delete node.additionalItems;
  }
}

/** Turns the marker literals of {@link markTuples} in openapi-typescript's output into optional and rest elements. */
export function printTuples(source: string, prefix: string): string {
  const m = markers(prefix);
  const literal = (marker: string): string => escapeRegExp(JSON.stringify(marker));
  return source
    .replace(new RegExp(`${literal(m.optionalStart)},\\s*`, 'g'), '(')
    .replace(new RegExp(`,\\s*${literal(m.optionalEnd)}`, 'g'), ')?')
    .replace(new RegExp(`${literal(m.restStart)},\\s*`, 'g'), '...(')
    .replace(new RegExp(`,\\s*${literal(m.restEnd)}`, 'g'), ')[]');
}

function markers(prefix: string): Record<'optionalStart' | 'optionalEnd' | 'restStart' | 'restEnd', string> {
  return { optionalStart: `${prefix}L`, optionalEnd: `${prefix}R`, restStart: `${prefix}S`, restEnd: `${prefix}E` };
}

interface TupleShape {
  /** the positional item schemas that can be present (`maxItems` cuts them) */
  items: unknown[];
  /** how many of them `minItems` requires */
  required: number;
  /** the schema of items after them; undefined when there can be none */
  rest: unknown;
  /** whether `maxItems` leaves out positional items */
  cut: boolean;
}

/** The tuple a `type: array` schema describes, when it has positional items (openapi-typescript prints only those). */
function tupleShape(node: Record<string, unknown>): TupleShape | undefined {
  const isArrayType = node.type === 'array' || (Array.isArray(node.type) && node.type.includes('array'));
  const parts = isArrayType ? positionalItems(node) : undefined;
  if (parts === undefined) return undefined;
  const { positional, after } = parts;
  const max = typeof node.maxItems === 'number' && node.maxItems >= 0 ? node.maxItems : Infinity;
  const items = positional.slice(0, Math.min(positional.length, max));
  const min = typeof node.minItems === 'number' ? node.minItems : 0;
  const canHaveMore = after !== false && max > items.length;
  // absent or `true`: anything; `{}` prints as `unknown` too
  const rest = canHaveMore ? (after === undefined || after === true ? {} : after) : undefined;
  return { items, required: Math.min(min, items.length), rest, cut: items.length < positional.length };
}

/** The positional item schemas and the schema of the items after them (2020-12 `prefixItems`/`items`, or 2019-09 `items`/`additionalItems`). */
function positionalItems(node: Record<string, unknown>): { positional: unknown[]; after: unknown } | undefined {
  if (Array.isArray(node.prefixItems)) return { positional: node.prefixItems, after: node.items };
  if (Array.isArray(node.items)) return { positional: node.items, after: node.additionalItems };
  // an array that is always empty: the empty tuple
  if (node.items === false || node.maxItems === 0) return { positional: [], after: false };
  return undefined;
}
