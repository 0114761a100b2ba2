/** Groups report rows the way reviewers read them: per operation, per shared schema, then global changes. */
import type { SurfaceChange, Verdict } from './types.js';

/** One heading's worth of changes. */
export interface ChangeGroup {
  kind: 'global' | 'operation' | 'schema';
  /** the operation key or the schema name; `''` for global changes */
  name: string;
  /** for a shared schema: the sides it travels on and the operations it reaches */
  usedIn?: string[];
  operations?: string[];
  changes: SurfaceChange[];
}

/** Groups `changes` (already sorted) in first-seen order, so the output order follows `sortChanges`. */
export function groupChanges(changes: readonly SurfaceChange[]): ChangeGroup[] {
  const groups = new Map<string, ChangeGroup>();
  for (const change of changes) {
    const group = groups.get(groupKey(change)) ?? newGroup(change);
    group.changes.push(change);
    groups.set(groupKey(change), group);
  }
  return [...groups.values()];
}

function groupKey(change: SurfaceChange): string {
  return change.operation !== undefined ? `op ${change.operation}` : `schema ${change.component ?? ''}`;
}

function newGroup(change: SurfaceChange): ChangeGroup {
  if (change.operation !== undefined) return { kind: 'operation', name: change.operation, changes: [] };
  if (change.component === undefined) return { kind: 'global', name: '', changes: [] };
  return {
    kind: 'schema',
    name: change.component,
    usedIn: change.usedIn ?? [],
    operations: change.operations ?? [],
    changes: [],
  };
}

/** A group's heading; `code` wraps names (backticks in Markdown, nothing on a terminal). */
export function describeGroup(group: ChangeGroup, code: (s: string) => string): string {
  if (group.kind === 'global') return 'Servers and security';
  if (group.kind === 'operation') return code(group.name);
  const ops = group.operations ?? [];
  const usage = ops.length === 0
    ? 'not used by any operation'
    : `used in ${(group.usedIn ?? []).join(' and ')} of ${ops.map(code).join(', ')}`;
  return `schema ${code(group.name)} (${usage})`;
}

/** Where in its group a change is: `request body`, `response 200`, `parameter`, ... */
export function describeWhere(change: SurfaceChange): string {
  switch (change.location) {
    case 'request':
      return 'request body';
    case 'response':
      return `response ${change.status ?? ''}`.trim();
    case 'schema':
      return (change.usedIn ?? []).length > 0 ? (change.usedIn ?? []).join('+') : 'schema';
    default:
      return change.location;
  }
}

/** `before → after`, with `—` for a side that does not exist. */
export function describeBeforeAfter(change: SurfaceChange, quote: (s: string) => string): string {
  if (change.before === undefined && change.after === undefined) return '';
  const side = (value: string | undefined): string => (value === undefined || value === '' ? '—' : quote(value));
  return `${side(change.before)} → ${side(change.after)}`;
}

/** `2 breaking, 3 compatible changes` */
export function describeCounts(breaking: number, compatible: number): string {
  return `${breaking} breaking, ${compatible} compatible change${breaking + compatible === 1 ? '' : 's'}`;
}

/** `Deployed clients keep working` / `Deployed clients break`: the verdict for clients built from the old spec. */
export function describeDeployed(deployed: Verdict): string {
  return `Deployed clients ${deployed.severity === 'breaking' ? 'break' : 'keep working'}`;
}
