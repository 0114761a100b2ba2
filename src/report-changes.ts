import type { LoadedSpec } from './load/load-spec.js';
import type { ApiModel } from './model/types.js';
import {
  compareSurfaces, extractSurface, operationKey, parseSurfaceJson, type ApiSurface, type SurfaceReport,
} from './surface/index.js';

/** Where the API surface snapshot lives in the output folder (reviewable in the golden diff). */
export const SURFACE_FILE = 'api-surface.json';

/** The API surface of the spec about to be generated, with method names exactly as the client names them. */
export function surfaceOf(spec: LoadedSpec, model: ApiModel): ApiSurface {
  const names = new Map(model.operations.map((o) => [operationKey(o.method, o.path), o.methodName]));
  return extractSurface(spec.document, {
    methodName: (op) => names.get(operationKey(op.method, op.path)) ?? op.operationId ?? `${op.method} ${op.path}`,
  });
}

/**
 * Compares the new surface with the snapshot already in the output folder. `undefined` when there is no usable
 * snapshot (first generation, or an older snapshot format), with the reason.
 */
export function reportChanges(previousSnapshot: string | undefined, next: ApiSurface): { report?: SurfaceReport; reason?: string } {
  if (previousSnapshot === undefined) return { reason: `no previous ${SURFACE_FILE}: nothing to compare with` };
  const parsed = parseSurfaceJson(previousSnapshot);
  if (!parsed.ok) return { reason: `previous ${SURFACE_FILE} not usable: ${parsed.reason}` };
  return { report: compareSurfaces(parsed.surface, next) };
}
