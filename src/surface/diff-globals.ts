/** Diffs servers, security schemes and the global security requirement. */
import { makeChange, type ChangeContext } from './change-context.js';
import { diffSecurityRequirements } from './diff-operation.js';
import type { ApiSurface, SurfaceChange } from './types.js';

/** Server and security changes between two surfaces. */
export function diffGlobals(before: ApiSurface, after: ApiSurface): SurfaceChange[] {
  const security: ChangeContext = { location: 'security', directions: ['request'], rootLabel: 'security' };
  return [
    ...diffServers(before.servers, after.servers),
    ...diffSecuritySchemes(before.securitySchemes, after.securitySchemes),
    ...diffSecurityRequirements(security, before.security, after.security),
  ];
}

/** The first server is the client's default base URL, so it is compared on its own; the rest as a set. */
function diffServers(before: string[], after: string[]): SurfaceChange[] {
  const ctx: ChangeContext = { location: 'server', directions: ['request'], rootLabel: 'servers' };
  const out: SurfaceChange[] = [];
  const [bDefault, aDefault] = [before[0], after[0]];
  if (bDefault !== aDefault) {
    const facts = { path: 'default', message: 'default server (the base URL the client uses unless told otherwise) changed' };
    out.push(makeChange(ctx, 'server-changed', { ...facts, before: bDefault ?? '', after: aDefault ?? '' }));
  }
  for (const url of after) {
    if (!before.includes(url) && url !== aDefault) out.push(makeChange(ctx, 'server-added', { path: url, after: url, message: `server ${url} added` }));
  }
  for (const url of before) {
    if (!after.includes(url) && url !== bDefault) out.push(makeChange(ctx, 'server-removed', { path: url, before: url, message: `server ${url} removed` }));
  }
  return out;
}

function diffSecuritySchemes(before: Record<string, string>, after: Record<string, string>): SurfaceChange[] {
  const ctx: ChangeContext = { location: 'security', directions: ['request'], rootLabel: 'security' };
  const out: SurfaceChange[] = [];
  for (const name of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const [b, a] = [before[name], after[name]];
    if (b === a) continue;
    if (b === undefined && a !== undefined) {
      out.push(makeChange(ctx, 'security-scheme-added', { path: name, after: a, message: `security scheme \`${name}\` added` }));
    } else if (a === undefined && b !== undefined) {
      out.push(makeChange(ctx, 'security-scheme-removed', { path: name, before: b, message: `security scheme \`${name}\` removed` }));
    } else if (a !== undefined && b !== undefined) {
      out.push(makeChange(ctx, 'security-scheme-changed', { path: name, before: b, after: a, message: `security scheme \`${name}\` changed` }));
    }
  }
  return out;
}
