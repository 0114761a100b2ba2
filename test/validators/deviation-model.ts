/**
 * A reference model of what the validators' error types promise about a value, written from the definition rather
 * than from the compiler: `valid` (the schema accepts it), `compatible` (a newer version of the schema that only adds
 * enum values of a listed JSON type, properties of closed objects or discriminator variants, or lets a response carry
 * `writeOnly` properties, accepts it: each place may have added what the value needs) or `broken` (no such version
 * does). A `oneOf` that no branch matches is `compatible` only when exactly one branch is: with two, the value could
 * be either variant, which is no compatible change either.
 *
 * It covers the keywords the property tests use: `$ref`, `type`, `enum`, `const`, `properties`, `required`,
 * `additionalProperties`, `patternProperties`, `unevaluatedProperties`, `items`, `minLength`, `maximum`, `allOf`,
 * `anyOf`, `oneOf`, `not`, `discriminator` (with a `mapping` for every branch) and `readOnly`/`writeOnly`.
 */
export type Verdict = 'valid' | 'compatible' | 'broken';
export type Usage = 'request' | 'response' | 'any';

type Schema = boolean | Record<string, unknown>;

interface Outcome {
  verdict: Verdict;
  /** the property names this schema evaluated (for an enclosing `unevaluatedProperties`) */
  evaluated: Set<string>;
}

const RANK: Record<Verdict, number> = { valid: 0, compatible: 1, broken: 2 };

function worse(a: Verdict, b: Verdict): Verdict {
  return RANK[a] >= RANK[b] ? a : b;
}

/** The model's verdict on `value` against the component `name` of `doc`, in requests, responses or neither. */
export function classifyValue(doc: { components: { schemas: Record<string, Schema> } }, name: string, value: unknown, usage: Usage): Verdict {
  const resolve = (ref: string): Schema => {
    const prefix = '#/components/schemas/';
    if (!ref.startsWith(prefix)) throw new Error(`model: unsupported $ref ${ref}`);
    const target = doc.components.schemas[ref.slice(prefix.length)];
    if (target === undefined) throw new Error(`model: unresolved $ref ${ref}`);
    return target;
  };
  return classify({ resolve, usage }, resolve(`#/components/schemas/${name}`), value).verdict;
}

interface Ctx {
  resolve: (ref: string) => Schema;
  usage: Usage;
}

function classify(ctx: Ctx, s: Schema, v: unknown): Outcome {
  const evaluated = new Set<string>();
  if (s === true) return { verdict: 'valid', evaluated };
  if (s === false) return { verdict: 'broken', evaluated };
  if (s.type !== undefined && !hasType(s.type, v)) return { verdict: 'broken', evaluated };
  let verdict: Verdict = 'valid';
  const add = (o: Outcome): void => {
    verdict = worse(verdict, o.verdict);
    if (o.verdict !== 'broken') for (const k of o.evaluated) evaluated.add(k);
  };
  if (typeof s.$ref === 'string') add(classify(ctx, ctx.resolve(s.$ref), v));
  if (Array.isArray(s.enum)) verdict = worse(verdict, enumVerdict(s, v));
  if ('const' in s && !jsonEqual(s.const, v)) verdict = 'broken';
  if (typeof v === 'string' && typeof s.minLength === 'number' && [...v].length < s.minLength) verdict = 'broken';
  if (typeof v === 'number' && typeof s.maximum === 'number' && v > s.maximum) verdict = 'broken';
  if (isObject(v)) add(objectKeywords(ctx, s, v));
  if (Array.isArray(v) && s.items !== undefined) for (const item of v) add(classify(ctx, s.items as Schema, item));
  if (Array.isArray(s.allOf)) for (const sub of s.allOf as Schema[]) add(classify(ctx, sub, v));
  for (const kw of ['anyOf', 'oneOf'] as const) {
    const branches = s[kw] as Schema[] | undefined;
    if (branches === undefined) continue;
    const disc = s.discriminator as { propertyName: string; mapping: Record<string, string> } | undefined;
    add(disc !== undefined && isObject(v) ? discriminated(ctx, disc, v) : union(ctx, kw, branches, v));
  }
  if (s.not !== undefined && classify(ctx, s.not as Schema, v).verdict === 'valid') verdict = 'broken';
  if (isObject(v) && s.unevaluatedProperties !== undefined) {
    for (const k of Object.keys(v)) {
      if (evaluated.has(k)) continue;
      verdict = worse(verdict, s.unevaluatedProperties === false ? 'compatible' : classify(ctx, s.unevaluatedProperties as Schema, v[k]).verdict);
    }
  }
  return { verdict, evaluated };
}

/** A listed value is valid; a missing one of a JSON type the list has could be added by a newer version. */
function enumVerdict(s: Record<string, unknown>, v: unknown): Verdict {
  const listed = (s.enum as unknown[]).filter((e) => s.type === undefined || hasType(s.type, e));
  if (listed.some((e) => jsonEqual(e, v))) return 'valid';
  return listed.some((e) => jsonType(e) === jsonType(v)) ? 'compatible' : 'broken';
}

function objectKeywords(ctx: Ctx, s: Record<string, unknown>, o: Record<string, unknown>): Outcome {
  const props = (s.properties ?? {}) as Record<string, Schema>;
  const patterns = (s.patternProperties ?? {}) as Record<string, Schema>;
  const evaluated = new Set<string>();
  let verdict: Verdict = 'valid';
  for (const name of (s.required ?? []) as string[]) {
    if (!Object.hasOwn(o, name) && role(ctx, props[name]) === 'checked') verdict = 'broken';
  }
  for (const [k, value] of Object.entries(o)) {
    let matched = false;
    if (Object.hasOwn(props, k)) {
      matched = true;
      evaluated.add(k);
      verdict = worse(verdict, role(ctx, props[k]) === 'forbidden' ? 'compatible' : classify(ctx, props[k]!, value).verdict);
    }
    for (const [pattern, sub] of Object.entries(patterns)) {
      if (!new RegExp(pattern, 'u').test(k)) continue;
      matched = true;
      evaluated.add(k);
      verdict = worse(verdict, classify(ctx, sub, value).verdict);
    }
    if (matched || s.additionalProperties === undefined) continue;
    evaluated.add(k);
    verdict = worse(verdict, s.additionalProperties === false ? 'compatible' : classify(ctx, s.additionalProperties as Schema, value).verdict);
  }
  return { verdict, evaluated };
}

/** `forbidden`: a writeOnly property in a response; `optional`: a readOnly one in a request (not required). */
function role(ctx: Ctx, sub: Schema | undefined): 'forbidden' | 'optional' | 'checked' {
  if (typeof sub !== 'object') return 'checked';
  const target = typeof sub.$ref === 'string' ? ctx.resolve(sub.$ref) : sub;
  const flag = (k: string): boolean => sub[k] === true || (typeof target === 'object' && target[k] === true);
  if (ctx.usage === 'response' && flag('writeOnly')) return 'forbidden';
  if (ctx.usage === 'request' && flag('readOnly')) return 'optional';
  return 'checked';
}

function union(ctx: Ctx, kw: 'anyOf' | 'oneOf', branches: Schema[], v: unknown): Outcome {
  const outcomes = branches.map((b) => classify(ctx, b, v));
  const count = (verdict: Verdict): number => outcomes.filter((o) => o.verdict === verdict).length;
  const evaluated = new Set(outcomes.filter((o) => o.verdict === 'valid').flatMap((o) => [...o.evaluated]));
  let verdict: Verdict;
  if (kw === 'anyOf') verdict = count('valid') > 0 ? 'valid' : count('compatible') > 0 ? 'compatible' : 'broken';
  else if (count('valid') > 0) verdict = count('valid') === 1 ? 'valid' : 'broken';
  else verdict = count('compatible') === 1 ? 'compatible' : 'broken';
  return { verdict, evaluated };
}

/** The mapped branch for a known tag; an unknown string tag is a variant a newer version added. */
function discriminated(ctx: Ctx, disc: { propertyName: string; mapping: Record<string, string> }, o: Record<string, unknown>): Outcome {
  const none = new Set<string>();
  if (!Object.hasOwn(o, disc.propertyName)) return { verdict: 'broken', evaluated: none };
  const tag = o[disc.propertyName];
  if (typeof tag !== 'string') return { verdict: 'broken', evaluated: none };
  if (!Object.hasOwn(disc.mapping, tag)) return { verdict: 'compatible', evaluated: none };
  return classify(ctx, { $ref: disc.mapping[tag] }, o);
}

function hasType(type: unknown, v: unknown): boolean {
  const types = Array.isArray(type) ? type : [type];
  return types.some((t) => (t === 'integer' ? Number.isInteger(v) : jsonType(v) === t));
}

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && jsonEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
