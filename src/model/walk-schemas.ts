import { isDataKey } from '../load/data-keys.js';

/** A walk position: the path is a linked list, turned into an array only for the nodes a visitor keeps. */
interface Step {
  node: unknown;
  up: Step | undefined;
  key: string;
  /** the object's keys are names (it is the value of `properties`, `schemas`, …), so it is no schema itself */
  isMap: boolean;
}

/**
 * Calls `visit` on every object of `root` that can be a schema (or another spec object): data keywords
 * (`example`, `enum`, `const`, …), `x-` extensions and the name maps themselves (`properties`, `schemas`, …, whose
 * keys are names: a property called `type` is not a `type` keyword) are skipped; the values of name maps are visited.
 * `path()` gives the node's location as pointer segments. Iterative, so a deep document cannot overflow the stack.
 */
export function walkSchemas(root: unknown, visit: (node: Record<string, unknown>, path: () => string[]) => void): void {
  const stack: Step[] = [{ node: root, up: undefined, key: '', isMap: false }];
  while (stack.length > 0) {
    const step = stack.pop()!;
    const record = step.node as Record<string, unknown>;
    const isArray = Array.isArray(record);
    if (!isArray && !step.isMap) visit(record, () => pathOf(step));
    for (const key of Object.keys(record)) {
      if (!isArray && !step.isMap && (isDataKey(key, step.key) || key.startsWith('x-'))) continue;
      const child = record[key];
      if (typeof child !== 'object' || child === null) continue;
      stack.push({ node: child, up: step, key, isMap: !isArray && !step.isMap && !Array.isArray(child) && isNameMap(key) });
    }
  }
}

/** Whether the object at `key` maps names to values (`properties`, `schemas`, …): by isDataKey's rule, even `default` is a name there. */
function isNameMap(key: string): boolean {
  return !isDataKey('default', key);
}

function pathOf(step: Step): string[] {
  const path: string[] = [];
  for (let s: Step | undefined = step; s?.up !== undefined; s = s.up) path.push(s.key);
  return path.reverse();
}
