/**
 * Parameters the client neither exposes nor sends (see parameter.ts `isIgnoredParameter` and security.ts
 * `isFilledByCredential`) are taken out of openapi-typescript's private copy of the spec too, so that the `paths`
 * types and the client's arguments list the same parameters. A path item that hides nothing is left as it is, so
 * the types of every other spec stay byte-identical.
 */
import { deref } from '../load/resolve-ref.js';
import { isIgnoredParameter } from './parameter.js';
import { apiKeyPlaces, isFilledByCredential, normaliseSecurity, type ApiKeyPlaces } from './security.js';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

type Params = unknown[];

/** Removes hidden parameters from the operations (and path items) of `copy`, in place. */
export function dropHiddenParameters(copy: Record<string, unknown>): void {
  const paths = copy.paths;
  if (typeof paths !== 'object' || paths === null) return;
  const apiKeys = apiKeyPlaces(copy);
  for (const item of Object.values(paths as Record<string, unknown>)) {
    // a path item behind a `$ref` is shared: leave it (openapi-typescript prints the target as it is)
    if (typeof item !== 'object' || item === null || '$ref' in item) continue;
    dropFromPathItem(copy, item as Record<string, unknown>, apiKeys);
  }
}

function dropFromPathItem(copy: Record<string, unknown>, item: Record<string, unknown>, apiKeys: ApiKeyPlaces): void {
  const ops = METHODS.filter((m) => typeof item[m] === 'object' && item[m] !== null).map((m) => item[m] as Record<string, unknown>);
  const pathLevel: Params = Array.isArray(item.parameters) ? item.parameters : [];
  const security = (op: Record<string, unknown>) => normaliseSecurity(op.security) ?? normaliseSecurity(copy.security);
  const hidden = (raw: unknown, op: Record<string, unknown> | undefined): boolean => {
    const p = deref(copy, raw) as { in?: unknown; name?: unknown } | undefined;
    if (typeof p !== 'object' || p === null || typeof p.in !== 'string' || typeof p.name !== 'string') return false;
    if (isIgnoredParameter(p.in, p.name)) return true;
    return op !== undefined && isFilledByCredential({ in: p.in, name: p.name }, security(op), apiKeys);
  };
  for (const op of ops) {
    if (Array.isArray(op.parameters) && op.parameters.some((raw) => hidden(raw, op))) {
      op.parameters = op.parameters.filter((raw) => !hidden(raw, op));
    }
  }
  // a path-level parameter hidden for some operations only moves down into the others
  const keep: Params = [];
  let changed = false;
  for (const raw of pathLevel) {
    const overriddenIn = (op: Record<string, unknown>) => Array.isArray(op.parameters) && op.parameters.some((o) => sameParameter(copy, o, raw));
    const visibleIn = ops.filter((op) => !overriddenIn(op) && !hidden(raw, op));
    const hiddenSomewhere = hidden(raw, undefined) || ops.some((op) => !overriddenIn(op) && hidden(raw, op));
    if (!hiddenSomewhere) {
      keep.push(raw);
      continue;
    }
    changed = true;
    for (const op of visibleIn) op.parameters = [...(Array.isArray(op.parameters) ? op.parameters : []), raw];
  }
  if (!changed) return;
  if (keep.length > 0) item.parameters = keep;
  else delete item.parameters;
}

function sameParameter(copy: unknown, a: unknown, b: unknown): boolean {
  const pa = deref(copy, a) as { in?: unknown; name?: unknown } | undefined;
  const pb = deref(copy, b) as { in?: unknown; name?: unknown } | undefined;
  return !!pa && !!pb && pa.in === pb.in && pa.name === pb.name;
}
