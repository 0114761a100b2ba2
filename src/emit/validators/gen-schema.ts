import { toLiteral } from '../literal.js';
import { addIssue, atKey, blockVar, childGen, fail, checkCall, freshVar, joinLines, record, fixedMessage, type Gen } from './context.js';
import { callFor, functionFor, hasQuickVariant, quickFor } from './functions.js';
import { genArrayKeywords } from './gen-array.js';
import { genApplicators } from './gen-applicators.js';
import { genNumberKeywords } from './gen-number.js';
import { genObjectKeywords } from './gen-object.js';
import { genStringKeywords } from './gen-string.js';
import { genValueKeywords } from './gen-value.js';
import { isPlainObject, resolveSchemaRef } from './schema-index.js';

/** Keywords we recognise but do not implement: each use is a generation-time `unsupported-keyword` error. */
const UNSUPPORTED = ['$recursiveRef'];

/**
 * Statements that validate the value in variable `x` against the schema `g.at.node`. They run inside a generated
 * function with `e` (errors, or null for a yes/no answer) and `d` (depth) in scope; a collecting function is valid
 * when it recorded no error into `e`.
 */
export function genSchema(g: Gen, x: string): string {
  const s = g.at.node;
  if (s === true) return '';
  if (s === false) return fail(g, 'never', toLiteral('No value is allowed here'));
  if (!isPlainObject(s)) {
    addIssue(g, 'error', 'invalid-schema', `expected a schema (object or boolean), found ${typeof s}`);
    return '';
  }
  for (const k of UNSUPPORTED) {
    if (k in s) addIssue(g, 'error', 'unsupported-keyword', `\`${k}\` is not supported by the validator generator`, 'see src/emit/validators/README.md');
  }
  if (g.ctx.opts.dialect === 'openapi-3.0' && typeof s.$ref === 'string') return genRef(g, x, s.$ref, false);
  const own = ownEvaluationRecord(g, s);
  const sg = own ? { ...g, ann: own.name } : g;
  const rest = [
    typeof s.$ref === 'string' ? genRef(sg, x, s.$ref, false) : '',
    typeof s.$dynamicRef === 'string' ? genRef(sg, x, s.$dynamicRef, true) : '',
    genValueKeywords(sg, x, s),
    genApplicators(sg, x, s),
    own ? genUnevaluated(sg, x, s) : '',
  ].filter((c) => c !== '');
  let code = genTyped(sg, x, s, rest);
  if (own) code = `${own.prologue}\n${code}\n${own.epilogue}`;
  if (s.nullable === true && admitsNullable(g) && code !== '') return `if (${x} !== null) {\n${code}\n}`;
  return code;
}

/**
 * OpenAPI's `nullable: true` admits null, in 3.1 documents too: 3.1 dropped the keyword for `type: [X, "null"]`, but
 * a 3.1 document that still writes it means what 3.0 meant (specs upgraded by changing the version line), its servers
 * send null, and openapi-typescript types it `X | null`. Plain JSON Schema reads it as an unknown keyword.
 */
export function admitsNullable(g: Gen): boolean {
  return g.ctx.opts.dialect !== 'json-schema-2020-12';
}

/**
 * A schema with `unevaluatedProperties`/`unevaluatedItems` keeps its own evaluation record; afterwards it tells
 * the enclosing record (if any) what it evaluated, which is then everything of that kind.
 */
function ownEvaluationRecord(g: Gen, s: Record<string, unknown>): { name: string; prologue: string; epilogue: string } | undefined {
  const props = s.unevaluatedProperties !== undefined;
  const items = s.unevaluatedItems !== undefined;
  if (!props && !items) return undefined;
  g.ctx.helpers.add('nev');
  const name = freshVar(g, 'er');
  const outer = g.ann;
  const epilogue = outer === undefined
    ? ''
    : [`mg(${outer}, ${name});`, props ? `${outer}.pa = true;` : '', items ? `${outer}.i = Infinity;` : ''].join('\n');
  if (outer !== undefined) g.ctx.helpers.add('mg');
  return { name, prologue: `const ${name} = nev();`, epilogue };
}

function genUnevaluated(g: Gen, x: string, s: Record<string, unknown>): string {
  const ev = g.ann!;
  const out: string[] = [];
  if (s.unevaluatedProperties !== undefined && s.unevaluatedProperties !== true) {
    const [o, k, xv] = [freshVar(g, 'ou'), freshVar(g, 'ku'), blockVar(g)];
    const code = s.unevaluatedProperties === false
      ? fail(g, 'extra_forbidden', undefined, k)
      : `{\nconst ${xv} = ${o}[${k}];\n${genSchema(atKey(childGen(g, s.unevaluatedProperties, 'unevaluatedProperties'), k), xv)}\n}`;
    g.ctx.helpers.add('H');
    out.push(`if (typeof ${x} === "object" && ${x} !== null && !Array.isArray(${x}) && !${ev}.pa) {
const ${o} = ${x} as Record<string, unknown>;
for (const ${k} in ${o}) {
if (!H.call(${o}, ${k}) || ${ev}.p.has(${k})) continue;
${code}
}
}`);
  }
  if (s.unevaluatedItems !== undefined && s.unevaluatedItems !== true) {
    const [i, xv] = [freshVar(g, 'iu'), blockVar(g)];
    const code = genSchema(atKey(childGen(g, s.unevaluatedItems, 'unevaluatedItems'), i), xv);
    out.push(`if (Array.isArray(${x})) {
for (let ${i} = ${ev}.i; ${i} < ${x}.length; ${i}++) {
if (${ev}.c.has(${i})) continue;
const ${xv}: unknown = ${x}[${i}];
${code}
}
}`);
  }
  return joinLines(out);
}

const KIND_GUARDS: Record<string, (x: string) => string> = {
  string: (x) => `typeof ${x} === "string"`,
  number: (x) => `typeof ${x} === "number"`,
  array: (x) => `Array.isArray(${x})`,
  object: (x) => `typeof ${x} === "object" && ${x} !== null && !Array.isArray(${x})`,
};

const TYPE_CHECKS: Record<string, (x: string) => string> = {
  string: KIND_GUARDS.string!,
  number: (x) => `typeof ${x} === "number" && Number.isFinite(${x})`,
  integer: (x) => `typeof ${x} === "number" && Number.isInteger(${x})`,
  boolean: (x) => `typeof ${x} === "boolean"`,
  null: (x) => `${x} === null`,
  array: KIND_GUARDS.array!,
  object: KIND_GUARDS.object!,
};

const TYPE_ERRORS: Record<string, [string, string]> = {
  string: ['string_type', 'a valid string'],
  integer: ['int_type', 'a valid integer'],
  number: ['float_type', 'a valid number'],
  boolean: ['bool_type', 'a valid boolean'],
  null: ['none_required', 'null'],
  array: ['list_type', 'a valid list'],
  object: ['dict_type', 'a valid dictionary'],
};

function kindOf(type: string): string | undefined {
  return type === 'integer' ? 'number' : type in KIND_GUARDS ? type : undefined;
}

/** The `type` check, with the keywords that only apply to one kind of value grouped under that kind's guard. */
function genTyped(g: Gen, x: string, s: Record<string, unknown>, rest: string[]): string {
  const kinds: Record<string, string> = {
    string: genStringKeywords(g, x, s),
    number: genNumberKeywords(g, x, s),
    array: genArrayKeywords(g, x, s),
    object: genObjectKeywords(g, x, s),
  };
  const types = readTypes(g, s.type);
  const allowed = types === undefined ? Object.keys(kinds) : [...new Set(types.map(kindOf).filter((k) => k !== undefined))];
  const guarded = allowed
    .filter((k) => kinds[k] !== '')
    .map((k) => (types?.length === 1 ? kinds[k]! : `if (${KIND_GUARDS[k]!(x)}) {\n${kinds[k]}\n}`));
  const body = joinLines([...guarded, ...rest]);
  if (types === undefined) return body;
  if (g.quick && types.length === 1 && types[0] === 'object' && kinds.object !== '') {
    // Yes/no on an object with checks: the array test goes last. By then the property reads have told V8 the value's
    // maps and `Array.isArray` folds to a constant; before them it loads and compares the instance type (+15% on the
    // valid session response). An array reaching the checks is still rejected, only later.
    return `if (!(typeof ${x} === "object" && ${x} !== null)) return false;\nelse {\n${body}\nif (Array.isArray(${x})) return false;\n}`;
  }
  return `if (!(${typeTest(types, x)})) ${typeFailure(g, x, types)}${body === '' ? '' : ` else {\n${body}\n}`}`;
}

/** The boolean expression testing that `x` has one of the JSON types `types` (names `TYPE_CHECKS` knows). */
export function typeTest(types: string[], x: string): string {
  return types.map((t) => TYPE_CHECKS[t]!(x)).join(' || ');
}

/** The JSON types a `type` keyword lists when it lists only known ones (at least one); else undefined. */
export function knownTypes(t: unknown): string[] | undefined {
  const list = typeof t === 'string' ? [t] : Array.isArray(t) ? t : [];
  return list.length > 0 && list.every((x) => typeof x === 'string' && x in TYPE_CHECKS) ? (list as string[]) : undefined;
}

/** The known JSON types `type` lists; undefined (no type check) when it lists none we know. */
function readTypes(g: Gen, t: unknown): string[] | undefined {
  const list = typeof t === 'string' ? [t] : Array.isArray(t) ? t : undefined;
  if (list === undefined) return undefined;
  const known = list.filter((x): x is string => typeof x === 'string' && x in TYPE_CHECKS);
  if (known.length !== list.length) addIssue(g, 'warning', 'invalid-schema', `\`type\` has unknown entries: ${JSON.stringify(list)}; they are ignored`);
  return known.length > 0 ? known : undefined;
}

/** The failure of a `type` check of `x` (quick: stop; collecting: one error, named after the first non-null type). */
export function typeFailure(g: Gen, x: string, types: string[]): string {
  if (types.length === 1 && types[0] === 'integer') {
    if (g.quick) return 'return false;';
    const isNumber = `typeof ${x} === "number"`;
    const msg = `${isNumber} ? ${fixedMessage('int_from_float')} : ${fixedMessage('int_type')}`;
    return `{ ${record(g, `${isNumber} ? "int_from_float" : "int_type"`, msg)}; }`;
  }
  return typeMismatch(g, types);
}

/**
 * The failure of a value that has none of the JSON types `types` (names `TYPE_CHECKS` knows): the error of the first
 * non-null one (`string_type`), with a message naming them all.
 */
export function typeMismatch(g: Gen, types: string[]): string {
  if (types.length === 1) return fail(g, TYPE_ERRORS[types[0]!]![0]);
  const main = types.find((t) => t !== 'null') ?? 'null';
  const phrases = types.map((t) => TYPE_ERRORS[t]![1]);
  const msg = `Input should be ${phrases.slice(0, -1).join(', ')} or ${phrases[phrases.length - 1]}`;
  return fail(g, TYPE_ERRORS[main]![0], toLiteral(msg));
}

/** A `$ref` (or `$dynamicRef`): a call to the target's shared function. */
function genRef(g: Gen, x: string, ref: string, dynamic: boolean): string {
  let target = resolveSchemaRef(g.ctx.index, ref, g.at);
  if (!target) {
    addIssue(g, 'error', 'unresolved-ref', `\`${dynamic ? '$dynamicRef' : '$ref'}\` ${JSON.stringify(ref)} does not resolve`);
    return '';
  }
  if (dynamic) {
    const name = ref.includes('#') ? ref.slice(ref.indexOf('#') + 1) : '';
    const bookend = isPlainObject(target.node) && target.node.$dynamicAnchor === name;
    const bound = g.dyn.get(name);
    if (bookend && bound) target = bound;
  }
  if (target.node === true) return '';
  if (target.node === false) return fail(g, 'never', toLiteral('No value is allowed here'));
  const withEv = g.ann !== undefined;
  const call = callFor(g, functionFor(g, target, withEv), x, withEv ? g.ann : undefined);
  if (!g.quick && !withEv && hasQuickVariant(g, target)) {
    // Collecting: the yes/no check first. A nested value it accepts then costs no path node, no error list (in a root
    // function) and no collecting walk, which matters most in one-pass functions, where valid input runs this code.
    return `if (!${callFor({ ...g, quick: true }, quickFor(g, target), x)}) ${call};`;
  }
  return checkCall(g, call);
}
