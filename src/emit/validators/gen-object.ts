import { toLiteral } from '../literal.js';
import { atKey, childGen, constant, fail, followPureRefs, blockVar, freshVar, inPlaceGen, joinCode, joinLines, keyVar, propertyVar, type Gen } from './context.js';
import { childPtr } from '../../load/pointer.js';
import { genSchema, knownTypes } from './gen-schema.js';
import { compilePattern, plural } from './gen-string.js';
import { hasAnyKeyword, isPlainObject, sortedKeys } from './schema-index.js';

/**
 * properties/required (own properties only: inherited ones never count), readOnly/writeOnly per usage (see `roleOf`),
 * additionalProperties/patternProperties/propertyNames (one `for…in` loop, no key array), dependentRequired,
 * dependentSchemas, minProperties/maxProperties. `x` is a non-array object here.
 */
export function genObjectKeywords(g: Gen, x: string, s: Record<string, unknown>): string {
  if (!hasAnyKeyword(s, OBJECT_KEYWORDS)) return '';
  const o = freshVar(g, 'o');
  const props = isPlainObject(s.properties) ? s.properties : {};
  const required = Array.isArray(s.required) ? s.required.filter((r): r is string => typeof r === 'string') : [];
  const own: Own = { o, q: freshVar(g, 'q'), eager: !g.quick, used: false, keys: new Map() };
  const out: string[] = [];
  for (const name of sortedKeys(props)) out.push(ownBlock(g, genProperty(g, own, name, props[name], required.includes(name))));
  for (const name of required) {
    if (Object.prototype.hasOwnProperty.call(props, name)) continue;
    const xv = propertyVar(g, name);
    out.push(ownBlock(g, `${readOwn(g, own, name, xv)}\nif (!(${ownTest(own, name, xv)})) ${fail(g, 'missing', undefined, toLiteral(name))}`));
  }
  out.push(genKeyLoop(g, o, s, props), genDependencies(g, x, o, s), genPropertyCount(g, o, s));
  if (g.ann !== undefined && s.additionalProperties !== undefined) out.push(`${g.ann}.pa = true;`);
  let body = joinCode(out);
  if (own.used) body = declareProtoTest(own, body);
  if (body === '') return '';
  g.ctx.helpers.add('H');
  return `const ${o} = ${x} as Record<string, unknown>;\n${body}`;
}

/** Every keyword `genObjectKeywords` reads. */
const OBJECT_KEYWORDS = [
  'properties', 'required', 'additionalProperties', 'patternProperties', 'propertyNames', 'dependentRequired', 'dependentSchemas',
  'minProperties', 'maxProperties',
] as const;

/**
 * One property's statements; in collecting code in a block of their own, so that a minifier gives the locals of
 * every property the same short names and the blocks differ only in the property's name and checks (gzip finds the
 * rest repeated: see `readOwn`).
 */
function ownBlock(g: Gen, code: string): string {
  return g.quick || code === '' ? code : `{\n${code}\n}`;
}

/**
 * How a generated object check tells own properties from inherited ones without calling `hasOwnProperty` for
 * every property (~90-150 instructions each in V8, not inlined). For `const v = o[k]`:
 * - `v !== undefined`: `v` is own when `o`'s prototype is `Object.prototype` and `k in Object.prototype` is false.
 *   `Object.prototype` is an immutable-prototype object with a null prototype, so `in` there looks at its own keys
 *   only and runs no user code; it sees every kind of pollution (enumerable or not, data or accessor). Else
 *   (another prototype or none, or a polluted key) `hasOwnProperty` decides.
 * - `v === undefined`: absent unless `k in o` (then `hasOwnProperty` decides: an own `undefined` is present).
 * The prototype is read as `o["__proto__"]`, through `Object.prototype`'s accessor: V8 folds that read to a
 * constant per map it has seen, however many (a validator sees objects of several shapes: valid, invalid, with
 * optional fields). `Object.getPrototypeOf(o)`, measured before, folds only while one shape has been seen; with
 * more it is a runtime call per object (~200 instructions), which made the session response with one error 0.81×
 * ajv's speed. An own `__proto__` key (JSON.parse makes one from `"__proto__"` in the text) shadows the accessor;
 * its value, JSON data, is never `Object.prototype`, so such an object takes the `hasOwnProperty` path. Only code
 * can build an object that fools the test (an own `__proto__` property defined to hold `Object.prototype` on an
 * object with another prototype); data cannot. `PR` is false where the accessor is missing or throws
 * (`node --disable-proto=delete|throw`): every test then asks `hasOwnProperty`.
 * `Object.prototype` and `in` on it fold to constants with a dependency that V8 drops when `Object.prototype`
 * changes, so the own-property path costs about what a plain `o.k !== undefined` does. The prototype test runs at
 * most once per object (a test in every property check cost up to +48%): `q` is declared empty before the reads
 * and filled by the first test that needs it (`q ??= ...`), so no line moves when a property is added.
 */
interface Own {
  o: string;
  /** the variable caching the prototype test: the object's prototype is `Object.prototype` (undefined until needed) */
  q: string;
  /**
   * the test is written as `q` at each property, computed up front (collecting code: see `declareProtoTest`); else
   * as `(q ??= …)`, which `declareProtoTest` may still turn into `q`
   */
  eager: boolean;
  used: boolean;
  /** property name → the expression naming it in the own-property test (see `readOwn`) */
  keys: Map<string, string>;
}

/**
 * Above this much code for one object, yes/no code computes the prototype test up front (`const q = ...`) too.
 * TypeScript follows every read of a `let` back through the control flow to its last assignment and gives up past
 * ~2000 flow nodes ("too large for control flow analysis", TS2563: GitHub's and Stripe's big objects); for objects
 * that big the eager test costs nothing that shows. Small objects (the session schemas) keep the lazy, faster form.
 */
const EAGER_PROTO_TEST_ABOVE_CHARS = 6000;

/**
 * Declares the object's prototype test: in yes/no code lazily filled (the valid path of a small object), else
 * computed once up front. Collecting code runs on invalid input, where nearly every object reads a property, and
 * the shorter test at each property keeps the session operation's bundle within ajv's size.
 */
function declareProtoTest(own: Own, body: string): string {
  if (!own.eager && body.length <= EAGER_PROTO_TEST_ABOVE_CHARS) return `let ${own.q}: boolean | undefined;\n${body}`;
  // collecting code wrote the up-front test at each property already (rewriting a big body copied all of it)
  const eager = own.eager ? body : body.split(lazyProtoTest(own)).join(own.q);
  return `const ${own.q} = ${protoTest(own)};\n${eager}`;
}

/**
 * The object's prototype is `Object.prototype` (see `Own`). `PR === true`, not `PR &&`: a bundler turns the module's
 * `const PR` into a `var` whose type V8 does not know, and `PR && …` then made `q` "any value", tested with a full
 * truthiness check (~15 instructions) at every property (valid session response 149 → 89 instructions).
 */
function protoTest(own: Own): string {
  return `PR === true && ${own.o}["__proto__"] === Object.prototype`;
}

/**
 * `const xv = o[key];`. Collecting code names the key once in a local (`const n0_id = "id"; const x0_id = o0[n0_id];`)
 * that the own-property test uses three times more: a minifier keeps the one-letter local where it would repeat
 * the literal, which took 41 of the 173 bytes the session request's bundle had to lose (gzip). The local is a
 * constant, so optimised code is the same; yes/no code, whose speed is the valid path's, keeps the literal.
 */
function readOwn(g: Gen, own: Own, name: string, xv: string): string {
  g.ctx.helpers.add('PR');
  own.used = true;
  if (g.quick) return `const ${xv} = ${own.o}[${toLiteral(name)}];`;
  const key = keyVar(g, name);
  own.keys.set(name, key);
  return `const ${key} = ${toLiteral(name)};\nconst ${xv} = ${own.o}[${key}];`;
}

/** A boolean expression: `name` is an own property of the object (its value already read into `xv`). */
function ownTest(own: Own, name: string, xv: string): string {
  const key = own.keys.get(name) ?? toLiteral(name);
  return `${xv} !== undefined ? ${definedOwnTest(own, key)} : ${key} in ${own.o} && H.call(${own.o}, ${key})`;
}

/** A boolean expression: the property `key` (a literal), whose value is known not to be `undefined`, is own. */
function definedOwnTest(own: Own, key: string): string {
  return `(${own.eager ? own.q : lazyProtoTest(own)} && !(${key} in Object.prototype)) || H.call(${own.o}, ${key})`;
}

/** The prototype test computed by its first use: `(q ??= …)`. */
function lazyProtoTest(own: Own): string {
  return `(${own.q} ??= ${protoTest(own)})`;
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

function genProperty(g: Gen, own: Own, name: string, sub: unknown, listedRequired: boolean): string {
  const key = toLiteral(name);
  const xv = propertyVar(g, name);
  const role = roleOf(g, sub);
  if (role === 'forbidden') {
    return `${readOwn(g, own, name, xv)}\nif (${ownTest(own, name, xv)}) ${fail(g, 'write_only', undefined, key)}`;
  }
  const isRequired = listedRequired && role === 'checked';
  const code = genSchema(atKey(childGen(g, sub, 'properties', name), key), xv);
  const missing = isRequired ? fail(g, 'missing', undefined, key) : '';
  const note = g.ann === undefined ? '' : `${g.ann}.p.add(${key});\n`;
  if (code === '' && note === '' && missing === '') return '';
  const read = readOwn(g, own, name, xv);
  if (code === '' && note === '') return `${read}\nif (!(${ownTest(own, name, xv)})) ${missing}`;
  if (g.quick && isRequired && code !== '' && note === '' && rejectsUndefined(g, sub)) {
    // The value's checks come first: they fail on `undefined` (absent, or an own `undefined`: both fail here), so
    // only the own-property test is left after them, and no `!== undefined` test before (+10% on the valid session
    // response, whose three properties are all like this).
    // (in a block of its own when it declares locals: a sibling property's code may use the same names)
    const checks = /\b(?:const|let) /.test(code) ? `{\n${code}\n}` : code;
    return `${read}\n${checks}\nif (!(${definedOwnTest(own, key)})) return false;`;
  }
  const present = `${read}\nif (${ownTest(own, name, xv)}) {\n${note}${code}\n}`;
  return missing === '' ? present : `${present} else ${missing}`;
}

/**
 * How a property's flags apply in this usage (OpenAPI 3.1, Schema Object `readOnly`/`writeOnly`):
 * - `forbidden`: a `writeOnly` property in a response. Its presence is one `write_only` error and its value is not
 *   checked: the response types leave the property out, so no typed code reads it, and a server that echoes what it
 *   was sent is a compatible deviation the client tolerates.
 * - `optional`: a `readOnly` property in a request: `required` does not apply, but a value that is present is checked.
 *   OpenAPI says it SHOULD NOT be sent, not MUST NOT, and a value read with GET, edited and sent back with PUT
 *   carries it; servers ignore it.
 * - `checked`: everything else, and every property under usage `any` (component validators).
 */
function roleOf(g: Gen, sub: unknown): 'forbidden' | 'optional' | 'checked' {
  if (g.usage === 'any') return 'checked';
  const direct = isPlainObject(sub) ? sub : undefined;
  const target = followPureRefs(g, { ...g.at, node: sub }).node;
  const flag = (k: string): boolean => direct?.[k] === true || (isPlainObject(target) && target[k] === true);
  if (g.usage === 'response') return flag('writeOnly') ? 'forbidden' : 'checked';
  return flag('readOnly') ? 'optional' : 'checked';
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
  return `for (const ${k} in ${o}) {\nif (!H.call(${o}, ${k})) continue;\n${joinLines(body)}\n}`;
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
  return joinLines(out);
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
