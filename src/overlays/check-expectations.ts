import type { Issue } from '../issue.js';
import { getAtPointer } from '../load/pointer.js';
import type { Overlay } from './types.js';

/**
 * Checks an overlay's expectations against the loaded spec, before anything is applied. An expectation below a
 * pointer already reported missing is skipped: one renamed schema is one message, not one per property.
 */
export function checkExpectations(overlay: Overlay, document: unknown, file: string): Issue[] {
  const issues: Issue[] = [];
  const missing: string[] = [];
  for (const expectation of overlay.expectations) {
    if (missing.some((m) => expectation.pointer.startsWith(`${m}/`))) continue;
    const node = getAtPointer(document, expectation.pointer);
    const found = expectation.test(node);
    if (found === undefined) continue;
    if (node === undefined) missing.push(expectation.pointer);
    issues.push({
      severity: 'error',
      code: 'overlay-expectation-failed',
      file,
      pointer: expectation.pointer,
      message: `overlay '${overlay.name}': expected ${expectation.expected}, found ${found}`,
      hint: `the spec no longer matches what overlay '${overlay.name}' was written for (src/overlays/${overlay.name}.ts): update the overlay, or drop it from src/config.ts if the spec now states the rule itself`,
    });
  }
  return issues;
}

/** A short JSON rendering of a spec node for messages. */
export function describeNode(node: unknown, max = 120): string {
  const text = JSON.stringify(node) ?? String(node);
  return `\`${text.length > max ? `${text.slice(0, max - 1)}…` : text}\``;
}
