import { toLiteral } from '../literal.js';
import { atKey, childGen, constant, fail, followPureRefs, blockVar, freshVar, inPlaceGen, propertyVar, type Gen } from './context.js';
import { childPtr } from '../../load/pointer.js';
import { genSchema, knownTypes } from './gen-schema.js';
import { compilePattern, plural } from './gen-string.js';
import { isPlainObject, sortedKeys } from './schema-index.js';

/**
 * properties/required (own properties only: inherited ones never count), readOnly/writeOnly per usage,
 * additionalProperties/patternProperties/propertyNames (one `for…in` loop, no key array), dependentRequired,
 * dependentSchemas, minProperties/maxProperties. `x` is a non-array object here.
 */
export function genObjectKeywords(g: Gen, x: string, s: Record<string, unknown>): string {
  const o = freshVar(g, 'o');
  const props = isPlainObject(s.properties) ? s.properties : {};
  const required = Array.isArray(s.required) ? s.required.filter((r): r is string => typeof r === 'string') : [];
  const own: Own = { o, q: freshVar(g, 'q'), used: false };
  const out: string[] = [];
  for (const name of sortedKeys(props)) out.push(genProperty(g, own, name, props[name], required.includes(name)));
  for (const name of required) {
    if (Object.prototype.hasOwnProperty.call(props, name)) continue;
    const xv = propertyVar(g, name);
    out.push(`${readOwn(g, own, name, xv)}\nif (!(${ownTest(own, name, xv)})) ${fail(g, 'missing', undefined, toLiteral(name))}`);
  }
  out.push(genKeyLoop(g, o, s, props), genDependencies(g, x, o, s), genPropertyCount(g, o, s));
  if (g.ann !== undefined && s.additionalProperties !== undefined) out.push(`${g.ann}.pa = true;`);
  let body = out.filter((c) => c !== '').join('\n');
  if (own.used) body = declareProtoTest(own, body);
  if (body === '') return '';
  g.ctx.helpers.add('H');
  return `const ${o} = ${x} as Record<string, unknown>;\n${body}`;
}

/**
 * How a generated object check tells own properties from inherited ones without calling `hasOwnProperty` for
 * every property (~90 instructions each in V8, not inlined). For `const v = o[k]`:
 * - `v !== undefined`: `v` is own when `o`'s prototype is `Object.prototype` (or null) and `k in Object.prototype`
 *   is false. `Object.prototype` is an immutable-prototype object with a null prototype, so `in` there looks at
 *   its own keys only and runs no user code; it sees every kind of pollution (enumerable or not, data or
 *   accessor). Else (another prototype, or a polluted key) `hasOwnProperty` decides.
 * - `v === undefined`: absent unless `k in o` (then `hasOwnProperty` decides: an own `undefined` is present).
 * Once optimised, V8 folds both `in` tests and `getPrototypeOf` to constants guarded by the maps it already
 * checks, and drops that code when `Object.prototype` changes, so the own-property path costs about what a plain
 * `o.k !== undefined` does. `pq(o)` must run after a property read, where the object's map is known (before any
 * read, `getPrototypeOf` is a builtin call: measured 131 → 276 instructions per call on the session response), and
 * at most once per object (a call in every test cost up to +48%; all reads first, up to +35% on invalid input).
 * So `q` is declared empty before the reads and filled by the first test that needs it (`q ??= pq(o)`): the same
 * instruction counts as computing it after the first read, and no line that moves when a property is added.
 */
interface Own {
  o: string;
  /** the variable caching `pq(o)`: the object's prototype is `Object.prototype` or null (undefined until needed) */
  q: string;
  used: boolean;
}

/**
 * Above this much code for one object, `pq(o)` is computed up front (`const q = pq(o)`) instead of lazily. TypeScript
 * follows every read of a `let` back through the control flow to its last assignment and gives up past ~2000 flow
 * nodes ("too large for control flow analysis", TS2563: GitHub's and Stripe's big objects); for objects that big the
 * eager call costs nothing that shows. Small objects (the session schemas) keep the lazy, faster form.
 */
const EAGER_PROTO_TEST_ABOVE_CHARS = 6000;

/** Declares the object's prototype test: lazily filled for small objects, computed once up front for big ones. */
function declareProtoTest(own: Own, body: string): string {
  if (body.length <= EAGER_PROTO_TEST_ABOVE_CHARS) return `let ${own.q}: boolean | undefined;\n${body}`;
  return `const ${own.q} = pq(${own.o});\n${body.split(`(${own.q} ??= pq(${own.o}))`).join(own.q)}`;
}

/** `const xv = o[key];` */
function readOwn(g: Gen, own: Own, name: string, xv: string): string {
  g.ctx.helpers.add('pq');
  own.used = true;
  return `const ${xv} = ${own.o}[${toLiteral(name)}];`;
}

/**
 * A boolean expression: `name` is an own property of the object (its value already read into `xv`). With
 * `undefinedFails` (the quick variant, a required property whose schema rejects `undefined`), an own `undefined`
 * fails like an absent property, so the `k in o` test for it is left out.
 */
function ownTest(own: Own, name: string, xv: string, undefinedFails = false): string {
  const key = toLiteral(name);
  const has = `H.call(${own.o}, ${key})`;
  const defined = `((${own.q} ??= pq(${own.o})) && !(${key} in OP)) || ${has}`;
  if (undefinedFails) return `${xv} !== undefined && (${defined})`;
  return `${xv} !== undefined ? ${defined} : ${key} in ${own.o} && ${has}`;
}

/**
 * True when the schema fails on `undefined` whatever else it says (`type`, `enum`, `const`, `false`, a union of such
 * branches, an allOf with one): no JSON type, value or constant is `undefined`.
 */
function rejectsUndefined(g: Gen, sub: unknown, depth = 0): boolean {
  const node = followPureRefs(g, { ...g.at, node: sub }).node;
  if (node === false) return true;
  // a few levels of unions are plenty; recursive unions (`A: {anyOf: [{$ref: A}, ...]}`) must end somewhere
  if (!isPlainObject(node) || depth > 4) return false;
  if (knownTypes(node.type) !== undefined || Array.isArray(node.enum) || Object.prototype.hasOwnProperty.call(node, 'const')) return true;
  const deeper = (b: unknown): boolean => rejectsUndefined(g, b, depth + 1);
  const all = (list: unknown): boolean => Array.isArray(list) && list.length > 0 && list.every(deeper);
  return all(node.anyOf) || all(node.oneOf) || (Array.isArray(node.allOf) && node.allOf.some(deeper));
}

function genProperty(g: Gen, own: Own, name: string, sub: unknown, isRequired: boolean): string {
  const key = toLiteral(name);
  const xv = propertyVar(g, name);
  const forbidden = forbiddenBy(g, sub);
  if (forbidden) {
    return `${readOwn(g, own, name, xv)}\nif (${ownTest(own, name, xv)}) ${fail(g, forbidden, undefined, key)}`;
  }
  const code = genSchema(atKey(childGen(g, sub, 'properties', name), key), xv);
  const missing = isRequired ? fail(g, 'missing', undefined, key) : '';
  const note = g.ann === undefined ? '' : `${g.ann}.p.add(${key});\n`;
  if (code === '' && note === '' && missing === '') return '';
  const read = readOwn(g, own, name, xv);
  if (code === '' && note === '') return `${read}\nif (!(${ownTest(own, name, xv)})) ${missing}`;
  const undefinedFails = g.quick && isRequired && code !== '' && rejectsUndefined(g, sub);
  const present = `${read}\nif (${ownTest(own, name, xv, undefinedFails)}) {\n${note}${code}\n}`;
  return missing === '' ? present : `${present} else ${missing}`;
}

/** `read_only` when a request must not carry the property, `write_only` for a response; else undefined. */
function forbiddenBy(g: Gen, sub: unknown): string | undefined {
  if (g.usage === 'any') return undefined;
  const direct = isPlainObject(sub) ? sub : undefined;
  const target = followPureRefs(g, { ...g.at, node: sub }).node;
  const flag = (k: string): boolean => direct?.[k] === true || (isPlainObject(target) && target[k] === true);
  if (g.usage === 'request' && flag('readOnly')) return 'read_only';
  if (g.usage === 'response' && flag('writeOnly')) return 'write_only';
  return undefined;
}

function genKeyLoop(g: Gen, o: string, s: Record<string, unknown>, props: Record<string, unknown>): string {
  const patterns = isPlainObject(s.patternProperties) ? s.patternProperties : {};
  const additional = s.additionalProperties;
  const hasAdditional = additional !== undefined && additional !== true;
  const hasNames = s.propertyNames !== undefined && s.propertyNames !== true;
  if (!hasAdditional && !hasNames && Object.keys(patterns).length === 0) return '';
  const [k, m] = [freshVar(g, 'k'), freshVar(g, 'm')];
  const body: string[] = [];
  if (hasNames) body.push(genPropertyName(g, k, s.propertyNames));
  for (const pattern of sortedKeys(patterns)) {
    const re = compilePattern(g, pattern, childPtr(g.at.pointer, 'patternProperties', pattern));
    if (re === undefined) continue;
    const xv = blockVar(g);
    const code = genSchema(atKey(childGen(g, patterns[pattern], 'patternProperties', pattern), k), xv);
    const note = g.ann === undefined ? '' : `${g.ann}.p.add(${k});\n`;
    body.push(`if (${re}.test(${k})) {\n${note}${hasAdditional ? `${m} = true;\n` : ''}${code === '' ? '' : `const ${xv} = ${o}[${k}];\n${code}`}\n}`);
  }
  if (hasAdditional) {
    const known = sortedKeys(props);
    const isKnown = known.length === 0 ? 'false' : known.length <= 8
      ? known.map((n) => `${k} === ${toLiteral(n)}`).join(' || ')
      : `${constant(g.ctx, 'S', `new Set<unknown>(${toLiteral(known)})`)}.has(${k})`;
    const xv = blockVar(g);
    const code = additional === false
      ? fail(g, 'extra_forbidden', undefined, k)
      : genSchema(atKey(childGen(g, additional, 'additionalProperties'), k), xv);
    const apply = additional === false ? code : `{\nconst ${xv} = ${o}[${k}];\n${code}\n}`;
    body.unshift(`let ${m} = ${isKnown};`);
    body.push(`if (!${m}) ${apply}`);
  }
  return `for (const ${k} in ${o}) {\nif (!H.call(${o}, ${k})) continue;\n${body.join('\n')}\n}`;
}

function genPropertyName(g: Gen, k: string, schema: unknown): string {
  const xv = blockVar(g);
  const code = genSchema(atKey(childGen(g, schema, 'propertyNames'), k), xv);
  return code === '' ? '' : `{\nconst ${xv}: unknown = ${k};\n${code}\n}`;
}

function genDependencies(g: Gen, x: string, o: string, s: Record<string, unknown>): string {
  const out: string[] = [];
  const req = isPlainObject(s.dependentRequired) ? s.dependentRequired : {};
  for (const name of sortedKeys(req)) {
    const needs = Array.isArray(req[name]) ? (req[name] as unknown[]).filter((n): n is string => typeof n === 'string') : [];
    const msg = toLiteral(`Field required when '${name}' is present`);
    const checks = needs.map((n) => `if (!H.call(${o}, ${toLiteral(n)})) ${fail(g, 'missing', msg, toLiteral(n))}`);
    if (checks.length > 0) out.push(`if (H.call(${o}, ${toLiteral(name)})) {\n${checks.join('\n')}\n}`);
  }
  const deps = isPlainObject(s.dependentSchemas) ? s.dependentSchemas : {};
  for (const name of sortedKeys(deps)) {
    const xv = blockVar(g);
    const code = genSchema(inPlaceGen(g, deps[name], 'dependentSchemas', name), xv);
    if (code !== '') out.push(`if (H.call(${o}, ${toLiteral(name)})) {\nconst ${xv}: unknown = ${x};\n${code}\n}`);
  }
  return out.join('\n');
}

function genPropertyCount(g: Gen, o: string, s: Record<string, unknown>): string {
  const min = typeof s.minProperties === 'number' && s.minProperties > 0 ? s.minProperties : undefined;
  const max = typeof s.maxProperties === 'number' ? s.maxProperties : undefined;
  if (min === undefined && max === undefined) return '';
  g.ctx.helpers.add('nk');
  const c = freshVar(g, 'c');
  const out = [`const ${c} = nk(${o});`];
  if (min !== undefined) out.push(`if (${c} < ${min}) ${fail(g, 'too_short', `${toLiteral(`Dictionary should have at least ${min} ${plural(min, 'item')} after validation, not `)} + ${c}`)}`);
  if (max !== undefined) out.push(`if (${c} > ${max}) ${fail(g, 'too_long', `${toLiteral(`Dictionary should have at most ${max} ${plural(max, 'item')} after validation, not `)} + ${c}`)}`);
  return out.join('\n');
}
