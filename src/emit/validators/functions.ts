import {
  commentSafe, errorList, flattened, pathArg, pickForm, fixedMessage, extendDynamicScope, followPureRefs, nodeId, type CompiledFn, type CompileContext, type DynBindings,
  type FormSites, type Gen, type SchemaPlace, type Usage,
} from './context.js';
import type { SchemaAt } from './schema-index.js';
import { genSchema } from './gen-schema.js';
import { sharedStem } from './shared-schemas.js';
import { schemaStem, shortHash } from './stable-names.js';

/**
 * The name of the internal function validating `target` (compiled once per schema node, usage and dynamic scope,
 * so `$ref` recursion is just a call). Compilation is queued, never recursive, so deep `$ref` chains are fine.
 */
export function functionFor(g: Pick<Gen, 'ctx' | 'usage' | 'dyn' | 'quick'>, target: SchemaAt, withEv = false): string {
  const { ctx } = g;
  const at = compiledSchema(g, target);
  const usage: Usage = ctx.index.usesReadWrite && dependsOnUsage(ctx, at.node) ? g.usage : 'any';
  const dyn = extendDynamicScope(ctx, g.dyn, at.base);
  const key = `${nodeKey(ctx, at.node)}|${usage}|${dynamicKey(ctx, dyn)}|${withEv ? 'ev' : ''}|${g.quick ? 'q' : 'c'}`;
  const known = ctx.fnByKey.get(key);
  if (known) return known;
  const name = functionName(ctx, key, at, usage, dyn, withEv, g.quick);
  const params = `x: unknown, ${g.quick ? '' : 'e: ValidationIssue[], '}d: number${g.quick ? '' : ', p: L'}${withEv ? ', ev: Ev' : ''}`;
  const slot: CompiledFn = { name, params, origin: commentSafe(`${g.quick ? 'yes/no: ' : ''}${schemaPlace(ctx, at).origin}`), body: '', kind: g.quick ? 'quick' : 'collecting' };
  if (withEv) ctx.helpers.add('Ev');
  ctx.fns.push(slot);
  ctx.fnByKey.set(key, name);
  if (g.quick && !hasQuickCode(ctx, at)) {
    // too big for V8 to inline anyway: the yes/no answer is the collecting function's, errors thrown away
    const full = functionFor({ ...g, quick: false }, at, withEv);
    slot.body = `return ${full}(x, [], d, null${withEv ? ', ev' : ''});`;
    return name;
  }
  ctx.pending.push(() => {
    // every Gen has every field, in this order (spreads copy it): property reads on them see one shape
    slot.seed = { ctx, at, usage, dyn, depth: 0, vars: {}, ann: withEv ? 'ev' : undefined, loc: [], quick: g.quick, root: false, forms: undefined };
    // the root form calls the same functions in the same order as the collecting one (they differ only in how an
    // error is recorded), so the functions and constants it creates, and their names, are the same either way
    if (ctx.rootFirst.has(name) && slot.seed.ann === undefined && !g.quick) compileBothForms(slot, slot.seed);
    else slot.body = genFunctionBody(slot.seed);
  });
  return name;
}

/** The schema a function for `target` compiles: past pure `$ref`s, and one copy for identical subschemas (shared-schemas.ts). */
function compiledSchema(g: Pick<Gen, 'ctx'>, target: SchemaAt): SchemaAt {
  const reached = followPureRefs(g as Gen, target);
  return g.ctx.index.sameContent.get(reached.node as object)?.representative ?? reached;
}

/**
 * Whether the function for `target` has yes/no code of its own; without it (schemas of 12+ nodes) its quick variant
 * runs the collecting one, so an export should call the collecting one directly.
 */
export function hasQuickVariant(g: Pick<Gen, 'ctx'>, target: SchemaAt): boolean {
  return hasQuickCode(g.ctx, compiledSchema(g, target));
}

function hasQuickCode(ctx: CompileContext, at: SchemaAt): boolean {
  return (ctx.index.contents.get(at.node as object)?.weight ?? 0) < QUICK_VARIANT_MAX_SIZE;
}

/**
 * Whether the schema validates differently in requests and responses. Usually only when a readOnly/writeOnly flag
 * is reachable from it; a schema the survey did not see (a remote loaded while compiling) is assumed to.
 */
function dependsOnUsage(ctx: CompileContext, node: unknown): boolean {
  const { contents, usageDependent } = ctx.index;
  if (usageDependent === undefined || typeof node !== 'object' || node === null || !contents.has(node)) return true;
  return usageDependent.has(node);
}

/**
 * Schemas with at least this many schema nodes get no separate yes/no code: their quick variant runs the collecting
 * one (errors thrown away). V8 never inlines functions that big (its limit is 460 bytes of bytecode, a few
 * properties), and their quick code was a third of the module on big specs (GitHub 32 → 24: −0.8 MB, 16: −1.5 MB).
 * The price: an invalid value is walked twice in full. 12: above `ValidationError` (7 nodes), whose quick variant is
 * inlined into the 422 body's item loop; the session request body (14 nodes) runs one collecting pass, which the
 * bench measured faster on valid, one-error and many-error input alike (1516 / 365 / 973 instructions against 1564 /
 * 433 / 1058) and which takes the session operation's validators under ajv's size (1606 against 1618 bytes).
 */
const QUICK_VARIANT_MAX_SIZE = 12;

/**
 * `v_Pet` (collecting) / `q_Pet` (quick), from the schema's pointer plus what else tells functions of one schema
 * apart (usage, evaluation record, dynamic scope), so the name does not depend on which other functions exist.
 * Two pointers can still share a stem (`A_b` and `A/b`); the later one then gets a digest of its key.
 */
function functionName(ctx: CompileContext, key: string, at: SchemaAt, usage: Usage, dyn: DynBindings, withEv: boolean, quick: boolean): string {
  const bound = [...dyn.entries()].map(([anchor, to]) => `${anchor}=${to.file ?? ''}${to.pointer}`).sort().join(',');
  const scope = ctx.index.usesDynamicRef && dyn.size > 0 ? `_dyn${shortHash(bound)}` : '';
  const suffix = `${usage === 'any' ? '' : `_${usage === 'request' ? 'req' : 'res'}`}${withEv ? '_ev' : ''}${scope}`;
  const wanted = `${quick ? 'q' : 'v'}_${schemaPlace(ctx, at).stem}${suffix}`;
  const owner = ctx.fnNames.get(wanted);
  const name = owner === undefined || owner === key ? wanted : `${wanted}_${shortHash(key)}`;
  ctx.fnNames.set(name, key);
  return name;
}

/**
 * Where `at` sits relative to the shared subschema it is in (or is): that group's content-derived stem and the
 * pointer below its representative (`/properties/owner/anyOf/0`, or ''). Functions there are named and described
 * from these (`s_Repository_1a2b3c4d_properties_owner_anyOf_0`), so which copy represents the group never shows.
 * Undefined outside shared subschemas.
 */
function sharedPlace(ctx: CompileContext, at: SchemaAt): { stem: string; rest: string } | undefined {
  const stems = ctx.index.sharedStems;
  if (stems.size === 0) return undefined;
  const file = at.file ?? '';
  // pointer tokens escape `/` as `~1`, so every `/` ends a prefix that is itself a pointer
  for (let end = at.pointer.length; end > 0; end = at.pointer.lastIndexOf('/', end - 1)) {
    const shared = stems.get(`${file}${at.pointer.slice(0, end)}`);
    if (shared !== undefined) return { stem: sharedStem(ctx.index, shared), rest: at.pointer.slice(end) };
  }
  return undefined;
}

/**
 * What functions compiled from `at` are named and described from (`functionStem`, `originOf`), once per place: every
 * function of a schema (yes/no, collecting, per usage) asks, and each answer walks the pointer's prefixes.
 */
function schemaPlace(ctx: CompileContext, at: SchemaAt): SchemaPlace {
  const key = `${at.file ?? ''}${at.pointer}`;
  let place = ctx.places.get(key);
  if (place === undefined) ctx.places.set(key, (place = { stem: functionStem(ctx, at), origin: originOf(ctx, at) }));
  return place;
}

/** The schema part of a function name: from the pointer, or inside a shared subschema from its content. */
function functionStem(ctx: CompileContext, at: SchemaAt): string {
  const inShared = sharedPlace(ctx, at);
  if (inShared === undefined) return schemaStem(at.pointer, at.file);
  return inShared.rest === '' ? inShared.stem : `${inShared.stem}_${schemaStem(`#${inShared.rest}`, undefined)}`;
}

/** The comment above a function: the schema's pointer, or for a shared subschema what is shared. */
function originOf(ctx: CompileContext, at: SchemaAt): string {
  const inShared = sharedPlace(ctx, at);
  if (inShared === undefined) return `${at.file ?? ''}${at.pointer}`;
  return `one function for identical schemas in several places${inShared.rest === '' ? '' : `: ${inShared.rest} in them`}`;
}

/** Compiles every queued function (each may queue more). */
export function drainPending(ctx: CompileContext): void {
  for (let job = ctx.pending.shift(); job; job = ctx.pending.shift()) job();
}

function genFunctionBody(g: Gen): string {
  g.ctx.helpers.add('r');
  return flattened(collectingBody(g, genSchema(g, 'x')));
}

/** A collecting (or quick) function's body around the statements `code` validating `x`: depth guard, result. */
function collectingBody(g: Gen, code: string): string {
  const max = g.ctx.opts.maxDepth;
  if (g.quick) return `if (d > ${max}) return false;\n${code}${code === '' ? '' : '\n'}return true;`;
  const guard = `if (d > ${max}) { r(e, p, "recursion_loop", ${fixedMessage('recursion_loop')}); return false; }`;
  // Valid when this call recorded no error. (A `let v` flag, read once at the end of a long function, made TypeScript
  // follow every branch back to its assignments and give up: TS2563 on GitHub's and Stripe's big schemas.)
  return code === '' ? `${guard}\nreturn true;` : `${guard}\nconst before = e.length;\n${code}\nreturn e.length === before;`;
}

/**
 * Turns collecting function `fn` into an export's root function `c_X(x, d, p)`, returning the error list (`NO` when
 * there is none): its body is generated again with `root` set (see `Gen`). Only for functions no other function or
 * constant calls (exports call them with `d = 0`, `p = null`, and take the list); returns the new name.
 * What it saves on the session response with one error, besides the allocation on valid input of exports without a
 * quick variant: the list made up front, the `r` helper's path walk, the error count kept to answer yes/no.
 */
export function rootFunction(ctx: CompileContext, fn: CompiledFn): string {
  const seed = fn.seed;
  if (seed === undefined || seed.quick || seed.ann !== undefined) throw new Error(`no root variant for ${fn.name}`);
  const name = `c_${fn.name.slice(2)}`;
  if (ctx.fnNames.has(name)) throw new Error(`function name ${name} taken`);
  ctx.fnNames.set(name, `root:${fn.name}`);
  const code = fn.rootCode ?? genRootCode(seed);
  ctx.helpers.add('NO');
  Object.assign(fn, { name, kind: 'root', params: 'x: unknown, d: number, p: L', body: `let e: ValidationIssue[] = NO;${code === '' ? '' : `\n${code}`}\nreturn e;` });
  delete fn.rootCode;
  delete fn.bothForms;
  return name;
}

/** The statements of the root form of the function `seed` generates (see `rootFunction`). */
function genRootCode(seed: Gen): string {
  return genSchema({ ...seed, vars: {}, root: true }, 'x');
}

/**
 * Compiles function `fn` in both forms at once (see `CompileContext.rootFirst`): keeps the root form's statements
 * in `rootCode` (what the scan for callers reads) and the code of both in `bothForms`.
 */
function compileBothForms(fn: CompiledFn, seed: Gen): void {
  const sites: FormSites = { collecting: [], root: [] };
  const code = genSchema({ ...seed, vars: {}, forms: sites }, 'x');
  fn.rootCode = pickForm(code, sites, 'root');
  fn.bothForms = { code, sites };
}

/** Gives a function compiled in both forms (`CompileContext.rootFirst`) that stays a collecting one its collecting body. */
export function compileDeferred(fn: CompiledFn): void {
  if (fn.rootCode === undefined) return;
  const both = fn.bothForms!;
  delete fn.rootCode;
  delete fn.bothForms;
  fn.seed!.ctx.helpers.add('r');
  fn.body = collectingBody(fn.seed!, pickForm(both.code, both.sites, 'collecting'));
}

/** The call of function `fn` (of `g`'s variant) on `x` for the current value; `ev` passes an evaluation record. */
export function callFor(g: Gen, fn: string, x: string, ev?: string): string {
  const tail = ev === undefined ? '' : `, ${ev}`;
  // A shared copy was inlined before and is never recursive by itself: its call keeps the depth, so `recursion_loop`
  // fires at the same data depth as without sharing.
  const depth = g.ctx.index.sharedRefs.has(g.at.node as object) ? 'd' : 'd + 1';
  return g.quick ? `${fn}(${x}, ${depth}${tail})` : `${fn}(${x}, ${errorList(g)}, ${depth}, ${pathArg(g)}${tail})`;
}

/** The name of the quick (yes/no) variant of the function for `target`, whatever variant `g` generates. */
export function quickFor(g: Gen, target: SchemaAt, withEv = false): string {
  return functionFor({ ...g, quick: true }, target, withEv);
}

function nodeKey(ctx: CompileContext, node: unknown): string {
  return typeof node === 'object' && node !== null ? String(nodeId(ctx, node)) : `v${String(node)}`;
}

function dynamicKey(ctx: CompileContext, dyn: DynBindings): string {
  if (!ctx.index.usesDynamicRef) return '';
  return [...dyn.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, at]) => `${name}=${nodeKey(ctx, at.node)}`)
    .join(',');
}
