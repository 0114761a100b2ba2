import {
  commentSafe, tableMessage, extendDynamicScope, followPureRefs, nodeId, type CompileContext, type DynBindings, type Gen, type Usage,
} from './context.js';
import type { SchemaAt } from './schema-index.js';
import { genSchema } from './gen-schema.js';

/**
 * The name of the internal function validating `target` (compiled once per schema node, usage and dynamic scope,
 * so `$ref` recursion is just a call). Compilation is queued, never recursive, so deep `$ref` chains are fine.
 */
export function functionFor(g: Pick<Gen, 'ctx' | 'usage' | 'dyn'>, target: SchemaAt, withEv = false): string {
  const { ctx } = g;
  const at = followPureRefs(g as Gen, target);
  const usage: Usage = ctx.index.usesReadWrite ? g.usage : 'any';
  const dyn = extendDynamicScope(ctx, g.dyn, at.base);
  const key = `${nodeKey(ctx, at.node)}|${usage}|${dynamicKey(ctx, dyn)}|${withEv ? 'ev' : ''}`;
  const known = ctx.fnByKey.get(key);
  if (known) return known;
  const name = `s${ctx.fns.length}`;
  const params = `x: unknown, e: E, d: number, p: L${withEv ? ', ev: Ev' : ''}`;
  const slot = { name, params, origin: commentSafe(`${at.file ?? ''}${at.pointer}`), body: '' };
  if (withEv) ctx.helpers.add('Ev');
  ctx.fns.push(slot);
  ctx.fnByKey.set(key, name);
  ctx.pending.push(() => {
    slot.body = genFunctionBody({ ctx, at, usage, dyn, vars: { n: 0 }, ann: withEv ? 'ev' : undefined, loc: [] });
  });
  return name;
}

/** Compiles every queued function (each may queue more). */
export function drainPending(ctx: CompileContext): void {
  for (let job = ctx.pending.shift(); job; job = ctx.pending.shift()) job();
}

function genFunctionBody(g: Gen): string {
  g.ctx.helpers.add('r');
  const code = genSchema(g, 'x');
  const guard = `if (d > ${g.ctx.opts.maxDepth}) { if (e !== null) r(e, p, null, "recursion_loop", ${tableMessage(g, 'recursion_loop')}); return false; }`;
  return code === '' ? `${guard}\nreturn true;` : `${guard}\nlet v = true;\n${code}\nreturn v;`;
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
