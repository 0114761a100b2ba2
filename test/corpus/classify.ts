/** Grouping corpus failures by cause, so a report reads "12 specs: TS2300 duplicate identifier in client.ts". */
import type { PackageDiagnostic } from './typecheck.js';

/** What happened to one spec. */
export type SpecOutcome =
  | { id: string; status: 'pass' }
  | { id: string; status: 'fail'; cause: string; detail: string };

/** A cause with the specs that failed of it. */
export interface FailureGroup {
  cause: string;
  ids: string[];
  example: string;
}

/** Strips the spec-specific parts (quoted names, numbers) from a message so equal causes group together. */
export function normaliseMessage(message: string): string {
  return message
    .split('\n')[0]!
    .replace(/'[^']*'/g, "'…'")
    .replace(/"[^"]*"/g, '"…"')
    .replace(/`[^`]*`/g, '`…`')
    .replace(/\d+/g, 'N')
    .slice(0, 160);
}

/** The cause of a failed typecheck: the first diagnostic's code, file and normalised message. */
export function typecheckCause(diagnostics: readonly PackageDiagnostic[]): { cause: string; detail: string } {
  const first = diagnostics[0]!;
  const file = first.file?.replace(/^src\//, '') ?? '(program)';
  return {
    cause: `tsc TS${first.code} in ${file}: ${normaliseMessage(first.message)}`,
    detail: `${diagnostics.length} diagnostic(s) (${countByFileAndCode(diagnostics)}); first at ${first.file ?? '?'}:${first.line ?? '?'}: ${first.message.split('\n')[0]!.slice(0, 300)}`,
  };
}

/** `validators.ts TS2563 ×88, types.ts TS2339 ×2`: where a package's diagnostics are, biggest first. */
export function countByFileAndCode(diagnostics: readonly PackageDiagnostic[]): string {
  const counts = new Map<string, number>();
  for (const d of diagnostics) {
    const key = `${d.file?.replace(/^src\//, '') ?? '(program)'} TS${d.code}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([k, n]) => `${k} ×${n}`).join(', ');
}

/** Groups failures by cause, biggest group first. */
export function groupFailures(outcomes: readonly SpecOutcome[]): FailureGroup[] {
  const groups = new Map<string, FailureGroup>();
  for (const o of outcomes) {
    if (o.status !== 'fail') continue;
    const g = groups.get(o.cause) ?? { cause: o.cause, ids: [], example: o.detail };
    g.ids.push(o.id);
    groups.set(o.cause, g);
  }
  return [...groups.values()].sort((a, b) => b.ids.length - a.ids.length || (a.cause < b.cause ? -1 : 1));
}

/** Prints pass rate and grouped failures. */
export function formatReport(title: string, outcomes: readonly SpecOutcome[]): string {
  const passed = outcomes.filter((o) => o.status === 'pass').length;
  const rate = outcomes.length === 0 ? 0 : (100 * passed) / outcomes.length;
  const lines = [`${title}: ${passed}/${outcomes.length} passed (${rate.toFixed(1)}%)`];
  for (const g of groupFailures(outcomes)) {
    lines.push(`  ${g.ids.length} × ${g.cause}`, `      e.g. ${g.example}`, `      specs: ${g.ids.join(', ')}`);
  }
  return lines.join('\n');
}
