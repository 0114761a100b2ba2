import type { Issue } from '../issue.js';
import { getAtPointer } from './pointer.js';

/** A node that is a JSON Reference (`{ $ref: '...' }`). */
export function isRef(node: unknown): node is { $ref: string } {
  return typeof node === 'object' && node !== null && typeof (node as { $ref?: unknown }).$ref === 'string';
}

/**
 * Follows `$ref`s (internal, `#/...`) from `node` until a non-reference node. `at` is the pointer of `node`,
 * used in the issue when the chain is broken or loops.
 */
export function resolveRef(
  doc: unknown,
  node: unknown,
  at: string,
): { value: unknown; pointer: string } | { issue: Issue } {
  let current = node;
  let pointer = at;
  const chain: string[] = [];
  while (isRef(current)) {
    const target = current.$ref;
    if (!target.startsWith('#')) {
      return { issue: refIssue('external-ref', pointer, `\`$ref\` at \`${pointer}\` points outside the document (\`${target}\`), which was not bundled`) };
    }
    const loopStart = chain.indexOf(target);
    if (loopStart !== -1) return { issue: circularIssue(chain.slice(loopStart)) };
    chain.push(target);
    const value = getAtPointer(doc, target);
    if (value === undefined) {
      return {
        issue: refIssue('unresolved-ref', pointer, `\`$ref\` at \`${pointer}\` points to \`${target}\`, which does not exist`),
      };
    }
    current = value;
    pointer = target;
  }
  return { value: current, pointer };
}

/** Like resolveRef, for callers that have already checked every reference (model building runs after checkSpec). */
export function deref(doc: unknown, node: unknown): unknown {
  const result = resolveRef(doc, node, '#');
  if ('issue' in result) throw new Error(`internal: unchecked reference: ${result.issue.message}`);
  return result.value;
}

/**
 * One issue per loop, whichever of its members (or of the refs leading into it) the walk met first: it is placed
 * at the loop's smallest pointer and lists the loop from there, so the same loop always reads the same.
 */
function circularIssue(loop: string[]): Issue {
  const first = loop.reduce((min, p, i) => (p < loop[min]! ? i : min), 0);
  const ordered = [...loop.slice(first), ...loop.slice(0, first)];
  const path = [...ordered, ordered[0]!].map((p) => `\`${p}\``).join(' → ');
  return refIssue('circular-ref', ordered[0]!, `\`$ref\`s loop without ever reaching a schema: ${path}`);
}

function refIssue(code: string, pointer: string, message: string): Issue {
  const hint =
    code === 'unresolved-ref'
      ? 'fix the pointer (JSON pointer segments escape `/` as `~1` and `~` as `~0`) or add the missing component'
      : code === 'circular-ref'
        ? 'a reference cycle needs a schema with content somewhere in it'
        : undefined;
  return { severity: 'error', code, pointer, message, ...(hint ? { hint } : {}) };
}
