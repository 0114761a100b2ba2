import {
  commentSafe, pathArg, tableMessage, extendDynamicScope, followPureRefs, nodeId, type CompileContext, type DynBindings, type Gen, type Usage,
} from './context.js';
import type { SchemaAt } from './schema-index.js';
import { genSchema } from './gen-schema.js';
import { schemaStem, shortHash } from './stable-names.js';

/**
 * The name of the internal function validating `target` (compiled once per schema node, usage and dynamic scope,
 * so `$ref` recursion is just a call). Compilation is queued, never recursive, so deep `$ref` chains are fine.
 */
export function functionFor(g: Pick<Gen, 'ctx' | 'usage' | 'dyn' | 'quick'>, target: SchemaAt, withEv = false): string {
  const { ctx } = g;
  const at = followPureRefs(g as Gen, target);
  const usage: Usage = ctx.index.usesReadWrite ? g.usage : 'any';
  const dyn = extendDynamicScope(ctx, g.dyn, at.base);
  const key = `${nodeKey(ctx, at.node)}|${usage}|${dynamicKey(ctx, dyn)}|${withEv ? 'ev' : ''}|${g.quick ? 'q' : 'c'}`;
  const known = ctx.fnByKey.get(key);
  if (known) return known;
  const name = functionName(ctx, key, at, usage, dyn, withEv, g.quick);
  const params = `x: unknown, ${g.quick ? '' : 'e: ValidationIssue[], '}d: number${g.quick ? '' : ', p: L'}${withEv ? ', ev: Ev' : ''}`;
  const slot = { name, params, origin: commentSafe(`${g.quick ? 'yes/no: ' : ''}${at.file ?? ''}${at.pointer}`), body: '' };
  if (withEv) ctx.helpers.add('Ev');
  ctx.fns.push(slot);
  ctx.fnByKey.set(key, name);
  ctx.pending.push(() => {
    slot.body = genFunctionBody({ ctx, at, usage, dyn, depth: 0, vars: { used: new Set() }, ann: withEv ? 'ev' : undefined, loc: [], quick: g.quick });
  });
  return name;
}

/**
 * `v_Pet` (collecting) / `q_Pet` (quick), from the schema's pointer plus what else tells functions of one schema
 * apart (usage, evaluation record, dynamic scope), so the name does not depend on which other functions exist.
 * Two pointers can still share a stem (`A_b` and `A/b`); the later one then gets a digest of its key.
 */
function functionName(ctx: CompileContext, key: string, at: SchemaAt, usage: Usage, dyn: DynBindings, withEv: boolean, quick: boolean): string {
  const bound = [...dyn.entries()].map(([anchor, to]) => `${anchor}=${to.file ?? ''}${to.pointer}`).sort().join(',');
  const scope = ctx.index.usesDynamicRef && dyn.size > 0 ? `_dyn${shortHash(bound)}` : '';
  const suffix = `${usage === 'any' ? '' : `_${usage === 'request' ? 'req' : 'res'}`}${withEv ? '_ev' : ''}${scope}`;
  const wanted = `${quick ? 'q' : 'v'}_${schemaStem(at.pointer, at.file)}${suffix}`;
  const owner = ctx.fnNames.get(wanted);
  const name = owner === undefined || owner === key ? wanted : `${wanted}_${shortHash(key)}`;
  ctx.fnNames.set(name, key);
  return name;
}

/** Compiles every queued function (each may queue more). */
export function drainPending(ctx: CompileContext): void {
  for (let job = ctx.pending.shift(); job; job = ctx.pending.shift()) job();
}

function genFunctionBody(g: Gen): string {
  g.ctx.helpers.add('r');
  const code = genSchema(g, 'x');
  const max = g.ctx.opts.maxDepth;
  if (g.quick) return `if (d > ${max}) return false;\n${code}${code === '' ? '' : '\n'}return true;`;
  const guard = `if (d > ${max}) { r(e, p, null, "recursion_loop", ${tableMessage(g, 'recursion_loop')}); return false; }`;
  // Valid when this call recorded no error. (A `let v` flag, read once at the end of a long function, made TypeScript
  // follow every branch back to its assignments and give up: TS2563 on GitHub's and Stripe's big schemas.)
  return code === '' ? `${guard}\nreturn true;` : `${guard}\nconst before = e.length;\n${code}\nreturn e.length === before;`;
}

/** The call of function `fn` (of `g`'s variant) on `x` for the current value; `ev` passes an evaluation record. */
export function callFor(g: Gen, fn: string, x: string, ev?: string): string {
  const tail = ev === undefined ? '' : `, ${ev}`;
  return g.quick ? `${fn}(${x}, d + 1${tail})` : `${fn}(${x}, e, d + 1, ${pathArg(g)}${tail})`;
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
