import { UNRESOLVABLE_MAPPING_HINT, unresolvableMappingMessage } from '../../model/dangling-mappings.js';
import { discriminatorTags as sharedDiscriminatorTags } from '../../model/discriminator-tags.js';
import { toLiteral } from '../literal.js';
import {
  addIssue, childGen, constant, errorList, fail, checkCall, blockVar, followPureRefs, freshVar, inPlaceGen, joinCode, pathArg, record, type Gen,
} from './context.js';
import { callFor, functionFor, quickFor } from './functions.js';
import { childPtr } from '../../load/pointer.js';
import { genSchema, knownTypes, typeFailure, typeTest } from './gen-schema.js';
import { describeChoices } from './gen-value.js';
import { isPlainObject, resolveSchemaRef, sortedKeys } from './schema-index.js';

/** allOf (inlined), anyOf/oneOf (shared branch functions, closest-branch errors), discriminator, not, if/then/else. */
export function genApplicators(g: Gen, x: string, s: Record<string, unknown>): string {
  const out: string[] = [];
  if (Array.isArray(s.allOf)) s.allOf.forEach((sub, i) => out.push(inlineSame(g, x, inPlaceGen(g, sub, 'allOf', i))));
  const disc = discriminatorOf(s);
  for (const kw of ['anyOf', 'oneOf'] as const) {
    const branches = s[kw];
    if (!Array.isArray(branches)) continue;
    const generic = g.ann !== undefined && !(kw === 'anyOf' && isNullableIdiom(branches))
      ? genWithEvaluation(g, x, kw, branches)
      : kw === 'anyOf' ? genAnyOf(g, x, branches) : genOneOf(g, x, branches);
    out.push(disc !== undefined && g.ann === undefined ? genDiscriminator(g, x, kw, branches, disc, generic) : generic);
  }
  if (Object.prototype.hasOwnProperty.call(s, 'not')) {
    const fn = quickFor(g, childGen(g, s.not, 'not').at);
    out.push(`if (${fn}(${x}, d + 1)) ${fail(g, 'not')}`);
  }
  out.push(genConditional(g, x, s));
  return joinCode(out);
}

/** A subschema applied to the same value, inlined in a block with its own `unknown`-typed variable. */
function inlineSame(g: Gen, x: string, sub: Gen): string {
  const xv = blockVar(g);
  const code = genSchema(sub, xv);
  return code === '' ? '' : `{\nconst ${xv}: unknown = ${x};\n${code}\n}`;
}

/** The module constant listing the collecting branch functions of an anyOf/oneOf (for the error report). */
function branchList(g: Gen, kw: string, branches: unknown[]): string {
  g.ctx.helpers.add('F').add('u').add('r');
  const names = branches.map((b, i) => functionFor({ ...g, quick: false }, childGen(g, b, kw, i).at));
  return constant(g.ctx, 'A', `[${names.join(', ')}] as F[]`);
}

/** Yes/no calls of each branch on `x`: direct calls V8 can inline (a loop over a function array is megamorphic). */
function branchCalls(g: Gen, kw: string, branches: unknown[], x: string): string[] {
  return branches.map((b, i) => `${quickFor(g, childGen(g, b, kw, i).at)}(${x}, d + 1)`);
}

/**
 * The failure of an anyOf/oneOf: stop (quick), or report the closest branch / the multiple match. `closest` is the
 * code reporting the closest branch when it is known at generation time (type-only branches).
 */
function unionFailure(g: Gen, kw: 'anyOf' | 'oneOf', x: string, c: string, branches: unknown[], closest?: string): string {
  if (g.quick) return 'return false;';
  closest ??= `u(${errorList(g)}, ${x}, d + 1, ${pathArg(g)}, ${branchList(g, kw, branches)}${kw === 'oneOf' ? ', true' : ''});`;
  if (kw === 'anyOf') return `{ ${closest} }`;
  const many = toLiteral('Input should match exactly one schema in `oneOf`, but matched several');
  return `{ if (${c} === 0) ${closest} else ${record(g, '"one_of_multiple"', many)}; }`;
}

/** `anyOf [X, {type: null}]` (the OpenAPI 3.1 nullable idiom) becomes `x === null || X`, inlined. */
function genAnyOf(g: Gen, x: string, branches: unknown[]): string {
  const nullAt = branches.findIndex(isNullOnly);
  if (isNullableIdiom(branches)) {
    const other = 1 - nullAt;
    const code = inlineSame(g, x, inPlaceGen(g, branches[other], 'anyOf', other));
    return code === '' ? '' : `if (${x} !== null) ${code}`;
  }
  const typed = typeOnlyBranches(g, 'anyOf', branches);
  if (typed) {
    const test = typed.map((t) => `(${typeTest(t, x)})`).join(' || ');
    return `if (!(${test})) ${unionFailure(g, 'anyOf', x, '', branches, typeFailure(g, x, typed[0]!))}`;
  }
  const yes = branches.length === 0 ? 'false' : branchCalls(g, 'anyOf', branches, x).join(' || ');
  return `if (!(${yes})) ${unionFailure(g, 'anyOf', x, '', branches)}`;
}

function genOneOf(g: Gen, x: string, branches: unknown[]): string {
  const c = freshVar(g, 'c');
  const typed = typeOnlyBranches(g, 'oneOf', branches);
  const tests = typed ? typed.map((t) => `(${typeTest(t, x)})`) : branchCalls(g, 'oneOf', branches, x);
  const count = branches.length === 0 ? '0' : tests.map((test) => `(${test} ? 1 : 0)`).join(' + ');
  const closest = typed ? typeFailure(g, x, typed[0]!) : undefined;
  return `{\nconst ${c} = ${count};\nif (${c} !== 1) ${unionFailure(g, 'oneOf', x, c, branches, closest)}\n}`;
}

/** Keys a branch may have besides `type` and still be decided by its type test alone. */
const TYPE_ONLY_KEYS = new Set(['type', 'title', 'description', '$comment', 'examples', 'example', 'deprecated', 'default']);

/**
 * The types of each branch when every branch (after pure `$ref`s) is only a `type` plus annotations; else undefined.
 * Such a union is decided by inline type tests (no branch functions), and when it fails, every branch has exactly one
 * error, at the value itself: the closest branch is the first (the tie rule of `u`), with no closest-branch rerun.
 */
function typeOnlyBranches(g: Gen, kw: string, branches: unknown[]): string[][] | undefined {
  if (g.ann !== undefined || branches.length === 0) return undefined;
  const out: string[][] = [];
  for (const [i, b] of branches.entries()) {
    const node = followPureRefs(g, childGen(g, b, kw, i).at).node;
    const types = isPlainObject(node) && Object.keys(node).every((k) => TYPE_ONLY_KEYS.has(k)) ? knownTypes(node.type) : undefined;
    if (types === undefined) return undefined;
    out.push(types);
  }
  return out;
}

function isNullableIdiom(branches: unknown[]): boolean {
  return branches.length === 2 && branches.some(isNullOnly);
}

/**
 * anyOf/oneOf inside a schema that tracks evaluated properties/items: every branch runs (no short-circuit) with its
 * own record, and only passing branches contribute to the enclosing one.
 */
function genWithEvaluation(g: Gen, x: string, kw: 'anyOf' | 'oneOf', branches: unknown[]): string {
  const ev = g.ann!;
  g.ctx.helpers.add('G').add('nev').add('mg');
  const evList = constant(g.ctx, 'A', `[${branches.map((b, i) => quickFor(g, childGen(g, b, kw, i).at, true)).join(', ')}] as G[]`);
  const [c, w, i, t] = ['c', 'w', 'i', 't'].map((p) => freshVar(g, `${p}${kw === 'anyOf' ? 'y' : 'o'}`)) as [string, string, string, string];
  const failure = `if (${c} ${kw === 'anyOf' ? '=== 0' : '!== 1'}) ${unionFailure(g, kw, x, c, branches)}`;
  return `{
let ${c} = 0;
let ${w} = nev();
for (let ${i} = 0; ${i} < ${evList}.length; ${i}++) {
const ${t} = nev();
if (${evList}[${i}]!(${x}, d + 1, ${t})) { ${c}++; ${kw === 'anyOf' ? `mg(${ev}, ${t});` : `${w} = ${t};`} }
}
${failure}${kw === 'oneOf' ? ` else mg(${ev}, ${w});` : ''}
}`;
}

function isNullOnly(b: unknown): boolean {
  return isPlainObject(b) && b.type === 'null' && Object.keys(b).every((k) => ['type', 'title', 'description'].includes(k));
}

function genConditional(g: Gen, x: string, s: Record<string, unknown>): string {
  if (!Object.prototype.hasOwnProperty.call(s, 'if')) return '';
  const then = Object.prototype.hasOwnProperty.call(s, 'then') ? inlineSame(g, x, inPlaceGen(g, s.then, 'then')) : '';
  const els = Object.prototype.hasOwnProperty.call(s, 'else') ? inlineSame(g, x, inPlaceGen(g, s.else, 'else')) : '';
  if (then === '' && els === '' && g.ann === undefined) return '';
  const withEv = g.ann !== undefined;
  const fn = quickFor(g, childGen(g, s.if, 'if').at, withEv);
  const l = freshVar(g, 'l');
  if (withEv) g.ctx.helpers.add('nev').add('mg');
  const rec = withEv ? `const ${l}r = nev();\n` : '';
  const merge = withEv ? `mg(${g.ann}, ${l}r);\n` : '';
  return `{\n${rec}const ${l}t = ${fn}(${x}, d + 1${withEv ? `, ${l}r` : ''});\nif (${l}t) {\n${merge}${then}\n} else {\n${els}\n}\n}`;
}

interface Discriminator {
  propertyName: string;
  mapping: Record<string, string>;
}

function discriminatorOf(s: Record<string, unknown>): Discriminator | undefined {
  const d = s.discriminator;
  if (!isPlainObject(d) || typeof d.propertyName !== 'string') return undefined;
  const mapping: Record<string, string> = {};
  if (isPlainObject(d.mapping)) for (const k of sortedKeys(d.mapping)) if (typeof d.mapping[k] === 'string') mapping[k] = d.mapping[k] as string;
  return { propertyName: d.propertyName, mapping };
}

/**
 * OpenAPI `discriminator`: the tag property picks the one branch to apply (explicit `mapping` first, then each
 * `$ref` branch's schema name). Non-objects fall back to the plain anyOf/oneOf check. An unknown tag is what a newer
 * version of the API sends for a variant it added: one `union_tag_invalid` error and nothing else from the union (the
 * variant's schema is unknown), which the client tolerates in a response. Only a string can be a tag: any other value
 * there is a `string_type` error, never tolerated; a missing tag is `union_tag_not_found`.
 */
function genDiscriminator(g: Gen, x: string, kw: string, branches: unknown[], disc: Discriminator, generic: string): string {
  const tags = discriminatorTags(g, kw, branches, disc);
  if (tags === undefined) return generic;
  const [o, t] = [freshVar(g, 'od'), freshVar(g, 'td')];
  const prop = toLiteral(disc.propertyName);
  const allowed = describeChoices(tags.map(([tag]) => tag));
  const cases = tags.map(([tag, fn]) => `case ${toLiteral(tag)}: ${checkCall(g, callFor(g, fn, x))} break;`);
  const unknownMsg = `"Input tag '" + ${t} + ${toLiteral(`' found using '${disc.propertyName}' does not match any of the expected tags: ${allowed}`)}`;
  const unknown = g.quick
    ? 'return false;'
    : `if (typeof ${t} === "string") ${fail(g, 'union_tag_invalid', unknownMsg, prop)} else ${fail(g, 'string_type', undefined, prop)}`;
  g.ctx.helpers.add('H');
  return `if (typeof ${x} === "object" && ${x} !== null && !Array.isArray(${x})) {
const ${o} = ${x} as Record<string, unknown>;
if (!H.call(${o}, ${prop})) ${fail(g, 'union_tag_not_found', toLiteral(`Unable to extract tag using discriminator '${disc.propertyName}'`))}
else {
const ${t} = ${o}[${prop}];
switch (${t}) {
${cases.join('\n')}
default: ${unknown}
}
}
} else {
${generic}
}`;
}

function discriminatorTags(g: Gen, kw: string, branches: unknown[], disc: Discriminator): Array<[string, string]> | undefined {
  const inline = branches.findIndex((b) => !isPlainObject(b) || typeof b.$ref !== 'string');
  const refs = inline === -1 ? branches.map((b) => (b as { $ref: string }).$ref) : [];
  const identify = (ref: string): string | undefined => {
    const target = resolveSchemaRef(g.ctx.index, ref, g.at);
    return target === undefined ? undefined : functionFor(g, target);
  };
  const tags = sharedDiscriminatorTags(disc.mapping, refs, identify, (tag, ref) => {
    // as on the types side (src/model/dangling-mappings.ts): a leftover entry (`pet.yml`) must not block the spec
    const at = { ...g, at: { ...g.at, pointer: childPtr(g.at.pointer, 'discriminator', 'mapping', tag) } };
    addIssue(at, 'warning', 'unresolvable-discriminator-mapping', unresolvableMappingMessage(ref), UNRESOLVABLE_MAPPING_HINT);
  });
  if (inline === -1) return tags;
  addIssue(g, 'warning', 'unsupported-discriminator', `\`discriminator\` needs \`$ref\` branches; \`${kw}/${inline}\` is inline, so the plain \`${kw}\` check is used`);
  return undefined;
}
