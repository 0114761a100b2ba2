/** Diffs two API surfaces into classified changes, in a deterministic order. */
import { makeChange, type ChangeContext } from './change-context.js';
import { diffGlobals } from './diff-globals.js';
import { diffOperation, type GlobalSecurity } from './diff-operation.js';
import { diffShape } from './diff-shape.js';
import { compareStrings, sameJson } from './json-value.js';
import { computeSchemaUsage, mergeUsage } from './schema-usage.js';
import type { ApiSurface, Direction, OperationSurface, SurfaceChange } from './types.js';

/** Every change from `before` to `after`, classified breaking/compatible from the client user's side. */
export function diffSurface(before: ApiSurface, after: ApiSurface): SurfaceChange[] {
  const security: GlobalSecurity = { before: before.security, after: after.security };
  return sortChanges([
    ...diffGlobals(before, after),
    ...diffOperations(before.operations, after.operations, security),
    ...diffSchemas(before, after),
  ]);
}

/**
 * Operations are matched by `METHOD /path`. An operation that disappears while another with the same client
 * method name appears has moved: it is reported once, and its contents are diffed against its new self.
 */
function diffOperations(
  before: Record<string, OperationSurface>,
  after: Record<string, OperationSurface>,
  security: GlobalSecurity,
): SurfaceChange[] {
  const out: SurfaceChange[] = [];
  const added = Object.keys(after).filter((k) => !(k in before)).sort(compareStrings);
  for (const key of Object.keys(before).sort(compareStrings)) {
    const b = before[key] as OperationSurface;
    const a = after[key];
    if (a) {
      // an unchanged operation has nothing to report (most of them, in a spec update): skip the diff's work
      if (!sameJson(b, a)) out.push(...diffOperation(key, b, a, security));
      continue;
    }
    const movedTo = added.find((k) => after[k]?.method === b.method);
    const ctx: ChangeContext = { location: 'operation', directions: ['request'], rootLabel: 'the operation', operation: key };
    if (movedTo === undefined) {
      out.push(makeChange(ctx, 'operation-removed', { path: '', before: b.method, message: `operation removed (client method \`${b.method}\`)` }));
      continue;
    }
    added.splice(added.indexOf(movedTo), 1);
    out.push(makeChange(ctx, 'operation-moved', { path: '', before: key, after: movedTo, message: `\`${b.method}\` moved from ${key} to ${movedTo}` }));
    out.push(...diffOperation(movedTo, b, after[movedTo] as OperationSurface, security));
  }
  for (const key of added) {
    const a = after[key] as OperationSurface;
    const ctx: ChangeContext = { location: 'operation', directions: ['request'], rootLabel: 'the operation', operation: key };
    out.push(makeChange(ctx, 'operation-added', { path: '', after: a.method, message: `operation added (client method \`${a.method}\`)` }));
  }
  return out;
}

/** A change inside a shared schema is reported once, with the operations it reaches and the sides it travels on. */
function diffSchemas(before: ApiSurface, after: ApiSurface): SurfaceChange[] {
  // an unchanged schema has nothing to report; the usage (a walk of every operation) is needed only by changes
  const names = [...new Set([...Object.keys(before.schemas), ...Object.keys(after.schemas)])]
    .filter((name) => !sameJson(before.schemas[name], after.schemas[name]))
    .sort(compareStrings);
  if (names.length === 0) return [];
  const [usageBefore, usageAfter] = [computeSchemaUsage(before), computeSchemaUsage(after)];
  const out: SurfaceChange[] = [];
  for (const name of names) {
    const usage = mergeUsage(usageBefore.get(name), usageAfter.get(name));
    // An unused schema is still an exported type that code may use either way: judge it on both sides.
    const directions: Direction[] = usage.directions.length > 0 ? usage.directions : ['request', 'response'];
    const ctx: ChangeContext = {
      location: 'schema',
      directions,
      rootLabel: 'the schema',
      component: name,
      operations: usage.operations,
      usedIn: usage.directions,
    };
    const [b, a] = [before.schemas[name], after.schemas[name]];
    if (b && a) out.push(...diffShape(ctx, b, a));
    else if (a) out.push(makeChange(ctx, 'schema-added', { path: '', after: a.type, message: `schema \`${name}\` added` }));
    else if (b) out.push(makeChange(ctx, 'schema-removed', { path: '', before: b.type, message: `schema \`${name}\` removed` }));
  }
  return out;
}

const LOCATION_ORDER = ['server', 'security', 'operation', 'parameter', 'request', 'response', 'schema'];

/** Global changes first, then by operation, then by schema; within a place by status, path and kind. */
export function sortChanges(changes: readonly SurfaceChange[]): SurfaceChange[] {
  const group = (c: SurfaceChange): string => (c.operation !== undefined ? `1 ${c.operation}` : c.component !== undefined ? `2 ${c.component}` : '0');
  const keyOf = (c: SurfaceChange): string[] => [
    group(c),
    String(LOCATION_ORDER.indexOf(c.location)).padStart(2, '0'),
    c.status ?? '',
    c.path,
    c.kind,
    c.before ?? '',
    c.after ?? '',
  ];
  const compare = (a: SurfaceChange, b: SurfaceChange): number => {
    const [ka, kb] = [keyOf(a), keyOf(b)];
    for (let i = 0; i < ka.length; i++) {
      const order = compareStrings(ka[i] ?? '', kb[i] ?? '');
      if (order !== 0) return order;
    }
    return 0;
  };
  return [...changes].sort(compare);
}
