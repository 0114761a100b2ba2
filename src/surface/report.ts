/** The change report in its JSON form, and the snapshot file that the next run compares against. */
import { suggestBump } from './bump.js';
import { diffSurface } from './diff-surface.js';
import { isObject, sortKeysDeep } from './json-value.js';
import { SURFACE_FORMAT, type ApiSurface, type SurfaceChange, type SurfaceReport } from './types.js';

/** Counts and the suggested bump for a list of (already sorted) changes. */
export function buildReport(changes: readonly SurfaceChange[]): SurfaceReport {
  const breaking = changes.filter((c) => c.severity === 'breaking').length;
  const deployedBreaking = changes.filter((c) => (c.deployed ?? c).severity === 'breaking').length;
  return { bump: suggestBump(changes), breaking, compatible: changes.length - breaking, deployedBreaking, changes: [...changes] };
}

/** The report for going from `before` to `after`. */
export function compareSurfaces(before: ApiSurface, after: ApiSurface): SurfaceReport {
  return buildReport(diffSurface(before, after));
}

/** `generated/api-surface.json` content: sorted keys, 2-space indent, trailing newline. */
export function formatSurfaceJson(surface: ApiSurface): string {
  return `${JSON.stringify(sortKeysDeep(surface), null, 2)}\n`;
}

/**
 * `formatSurfaceJson` of a surface `extractSurface` made, without sorting it again: its keys are sorted already, and
 * an object's own key order is all JSON.stringify reads (integer-like keys come first either way).
 */
export function formatExtractedSurfaceJson(surface: ApiSurface): string {
  return `${JSON.stringify(surface, null, 2)}\n`;
}

/** The result of reading a snapshot back: the surface, or why it cannot be used as a baseline. */
export type ParsedSurface = { ok: true; surface: ApiSurface } | { ok: false; reason: string };

/** Reads a snapshot written by `formatSurfaceJson`; a foreign or older format is refused, not misread. */
export function parseSurfaceJson(text: string): ParsedSurface {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `not JSON: ${(error as Error).message}` };
  }
  if (!isObject(value) || value['format'] !== SURFACE_FORMAT) {
    return { ok: false, reason: `not an API surface snapshot of format ${SURFACE_FORMAT}` };
  }
  const shaped = ['operations', 'schemas', 'securitySchemes'].every((k) => isObject(value[k])) &&
    Array.isArray(value['servers']) && Array.isArray(value['security']);
  return shaped ? { ok: true, surface: value as unknown as ApiSurface } : { ok: false, reason: 'snapshot is missing required sections' };
}
