import { isPlainObject, resolveSchemaRef, type SchemaAt, type SchemaIndex } from './schema-index.js';

/**
 * The schema nodes whose validation depends on usage (request: `readOnly` properties not required, response:
 * `writeOnly` ones rejected): those from which a `readOnly`/`writeOnly` flag can be reached through subschemas and `$ref`s. Every
 * other function compiles to the same code for requests and responses, so it is compiled once (GitHub: ~40% of the
 * module were `_req`/`_res` twins). `children` lists each surveyed node's object subschemas; a node outside it,
 * an unresolved `$ref` or a `$dynamicRef` counts as dependent (the safe answer).
 */
export function findUsageDependent(index: SchemaIndex, children: ReadonlyMap<object, { children: Array<Record<string, unknown>> }>): Set<object> {
  const upward = new Map<object, object[]>();
  const link = (from: object, to: object): void => {
    const list = upward.get(from);
    if (list) list.push(to);
    else upward.set(from, [to]);
  };
  const resolved = new Map<string, SchemaAt | undefined>();
  const dependent = new Set<object>();
  const pending: object[] = [];
  const mark = (node: object): void => {
    if (dependent.has(node)) return;
    dependent.add(node);
    pending.push(node);
  };
  for (const [node, info] of children) {
    for (const child of info.children) link(child, node);
    const s = node as Record<string, unknown>;
    if (s.readOnly === true || s.writeOnly === true || typeof s.$dynamicRef === 'string') mark(node);
    if (typeof s.$ref !== 'string') continue;
    const target = resolveCached(index, node, s.$ref, resolved);
    if (target !== undefined && isPlainObject(target.node) && children.has(target.node)) link(target.node, node);
    else if (target === undefined || isPlainObject(target.node)) mark(node);
  }
  // everything that contains or refers to a dependent node depends too
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) for (const up of upward.get(node) ?? []) mark(up);
  return dependent;
}

/** The target of `node`'s `$ref`; a ref means the same from every node of a resource (GitHub repeats each thousands of times). */
function resolveCached(index: SchemaIndex, node: object, ref: string, cache: Map<string, SchemaAt | undefined>): SchemaAt | undefined {
  const at = index.located.get(node);
  if (at === undefined) return undefined;
  const key = `${at.file ?? ''}|${at.base}|${ref}`;
  if (cache.has(key)) return cache.get(key);
  const target = resolveSchemaRef(index, ref, at);
  cache.set(key, target);
  return target;
}
