import { toLiteral } from '../literal.js';
import { constant, fail, type Gen } from './context.js';
import { admitsNullable, typeMismatch } from './gen-schema.js';

/** `enum` and `const` (JSON equality: 1 equals 1.0, objects compared deeply, key order ignored). */
export function genValueKeywords(g: Gen, x: string, s: Record<string, unknown>): string {
  const out: string[] = [];
  if (Array.isArray(s.enum)) {
    // Members of another type than `type` allows can never match (the type check ran first and narrowed `x`, so
    // TypeScript would also reject the comparison): they are left out of the check and the message.
    const values: unknown[] = s.enum.filter((v) => allowedByType(s.type, v));
    // OpenAPI's `nullable: true` lets null through before this check (gen-schema.ts): the message says so too
    const nullPasses = s.nullable === true && admitsNullable(g) && !values.includes(null);
    const msg = `Input should be ${describeChoices(nullPasses ? [...values, null] : values)}`;
    out.push(`if (!(${matchAny(g, x, values)})) ${enumFailure(g, x, s.type, values, msg)}`);
  }
  if (Object.prototype.hasOwnProperty.call(s, 'const')) {
    const test = allowedByType(s.type, s.const) ? matchOne(g, x, s.const) : 'false';
    out.push(`if (!(${test})) ${fail(g, 'literal_error', toLiteral(`Input should be ${show(s.const)}`))}`);
  }
  return out.join('\n');
}

/**
 * The failure of an `enum` check. `enum` is the error of a value a newer version of the API could add: one of the JSON
 * type of some listed value (a new string in a list of strings). A value of another JSON type can never be such a
 * value, so it gets the type error of the listed values' types (`string_type`), never `enum`: the client tolerates
 * `enum` in a response as a compatible change, and must not tolerate `5` where only strings are listed. The test of
 * the value's type is emitted only where `type` does not already guarantee it (`type: string` with strings listed).
 */
function enumFailure(g: Gen, x: string, type: unknown, values: unknown[], msg: string): string {
  if (g.quick) return 'return false;';
  const listed = listedTypes(values);
  const enumError = fail(g, 'enum', toLiteral(msg));
  if (typesAllowedBy(type).every((t) => listed.includes(t === 'integer' ? 'number' : t))) return enumError;
  if (listed.length === 0) return fail(g, 'never', toLiteral('No value is allowed here'));
  const isListedType = listed.map((t) => JSON_KINDS[t]!(x)).join(' || ');
  const allIntegers = values.every((v) => typeof v !== 'number' || Number.isInteger(v));
  const named = listed.map((t) => (t === 'number' && allIntegers ? 'integer' : t));
  return `{ if (${isListedType}) ${enumError} else ${typeMismatch(g, named)} }`;
}

/** The JSON types of `values` (`number` for integers too), in the order they first occur. */
function listedTypes(values: unknown[]): string[] {
  const out: string[] = [];
  for (const v of values) {
    const t = Object.keys(JSON_KINDS).find((k) => JSON_TYPES[k]!(v))!;
    if (!out.includes(t)) out.push(t);
  }
  return out;
}

/** Tests that `x` has JSON type `t` (a number of any kind: `number`), as code. */
const JSON_KINDS: Record<string, (x: string) => string> = {
  string: (x) => `typeof ${x} === "string"`,
  number: (x) => `typeof ${x} === "number"`,
  boolean: (x) => `typeof ${x} === "boolean"`,
  null: (x) => `${x} === null`,
  array: (x) => `Array.isArray(${x})`,
  object: (x) => `(typeof ${x} === "object" && ${x} !== null && !Array.isArray(${x}))`,
};

function matchAny(g: Gen, x: string, values: unknown[]): string {
  if (values.length === 0) return 'false';
  const primitives = values.filter((v) => typeof v !== 'object' || v === null);
  if (primitives.length === values.length && values.length > 6) {
    return `${constant(g.ctx, 'S', `new Set<unknown>(${toLiteral(values)})`)}.has(${x})`;
  }
  return values.map((v) => matchOne(g, x, v)).join(' || ');
}

function matchOne(g: Gen, x: string, v: unknown): string {
  if (typeof v !== 'object' || v === null) return `${x} === ${toLiteral(v)}`;
  g.ctx.helpers.add('eq');
  return `eq(${x}, ${constant(g.ctx, 'C', `${toLiteral(v)} as unknown`)})`;
}

const JSON_TYPES: Record<string, (v: unknown) => boolean> = {
  string: (v) => typeof v === 'string',
  number: (v) => typeof v === 'number',
  integer: (v) => typeof v === 'number',
  boolean: (v) => typeof v === 'boolean',
  null: (v) => v === null,
  array: (v) => Array.isArray(v),
  object: (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
};

/** Whether `v` has one of the JSON types `type` lists (any value when `type` is absent or lists none we know). */
function allowedByType(type: unknown, v: unknown): boolean {
  return typesAllowedBy(type).some((t) => JSON_TYPES[t]!(v));
}

/** The JSON types `type` lists (all of them when it is absent or lists none we know). */
function typesAllowedBy(type: unknown): string[] {
  const list = (typeof type === 'string' ? [type] : Array.isArray(type) ? type : []).filter((t): t is string => typeof t === 'string' && t in JSON_TYPES);
  return list.length === 0 ? Object.keys(JSON_TYPES) : list;
}

/** pydantic style: `'a', 'b' or 'c'`. */
export function describeChoices(values: unknown[]): string {
  const shown = values.map(show);
  return shown.length <= 1 ? (shown[0] ?? 'nothing') : `${shown.slice(0, -1).join(', ')} or ${shown[shown.length - 1]}`;
}

function show(v: unknown): string {
  return typeof v === 'string' ? `'${v}'` : JSON.stringify(v) ?? String(v);
}
