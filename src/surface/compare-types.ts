/** Decides whether a normalised type string got wider, narrower, or just different. */
import { splitTopLevel } from './describe-schema.js';

/** How the set of values a type admits changed. */
export type TypeRelation = 'same' | 'widened' | 'narrowed' | 'incompatible';

/** Compares two type strings from the surface (`string(uuid)`, `array<A|B>`, `integer|null`, `unknown`, ...). */
export function compareTypes(before: string, after: string): TypeRelation {
  if (before === after) return 'same';
  const b = splitTopLevel(before, '|');
  const a = splitTopLevel(after, '|');
  if (b.length > 1 || a.length > 1) return compareUnions(b, a);
  return compareSingle(before, after);
}

function covers(wide: string, narrow: string): boolean {
  const relation = compareTypes(narrow, wide);
  return relation === 'same' || relation === 'widened';
}

function compareUnions(before: string[], after: string[]): TypeRelation {
  const afterCoversBefore = before.every((m) => after.some((n) => covers(n, m)));
  const beforeCoversAfter = after.every((n) => before.some((m) => covers(m, n)));
  if (afterCoversBefore && beforeCoversAfter) return 'same';
  if (afterCoversBefore) return 'widened';
  if (beforeCoversAfter) return 'narrowed';
  return 'incompatible';
}

const WRAPPED = /^(array|map)<(.*)>$/;
const FORMATTED = /^([a-z]+)\((.*)\)$/;

function compareSingle(before: string, after: string): TypeRelation {
  if (after === 'unknown') return 'widened';
  if (before === 'unknown') return 'narrowed';
  const bw = WRAPPED.exec(before);
  const aw = WRAPPED.exec(after);
  if (bw && aw) return bw[1] === aw[1] ? compareTypes(bw[2] ?? '', aw[2] ?? '') : 'incompatible';
  if (bw || aw) return 'incompatible';
  return comparePrimitives(before, after);
}

/** `integer` ⊂ `number`; `string(uuid)` ⊂ `string`; two different formats are incompatible. */
function comparePrimitives(before: string, after: string): TypeRelation {
  const [bBase, bFormat] = splitFormat(before);
  const [aBase, aFormat] = splitFormat(after);
  const baseRelation = compareBases(bBase, aBase);
  if (baseRelation === 'incompatible') return 'incompatible';
  const formatRelation: TypeRelation =
    bFormat === aFormat ? 'same' : aFormat === undefined ? 'widened' : bFormat === undefined ? 'narrowed' : 'incompatible';
  if (baseRelation === 'same') return formatRelation;
  if (formatRelation === 'same' || formatRelation === baseRelation) return baseRelation;
  return 'incompatible';
}

function splitFormat(type: string): [string, string | undefined] {
  const match = FORMATTED.exec(type);
  return match ? [match[1] ?? type, match[2]] : [type, undefined];
}

function compareBases(before: string, after: string): TypeRelation {
  if (before === after) return 'same';
  if (before === 'integer' && after === 'number') return 'widened';
  if (before === 'number' && after === 'integer') return 'narrowed';
  return 'incompatible';
}
