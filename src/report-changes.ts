import type { LoadedSpec } from './load/load-spec.js';
import type { ApiModel } from './model/types.js';
import {
  buildReport, compareSurfaces, extractSurface, operationKey, parseSurfaceJson, type ApiSurface, type SurfaceReport,
} from './surface/index.js';

/** Where the API surface snapshot lives in the output folder (reviewable in the golden diff). */
export const SURFACE_FILE = 'api-surface.json';

/** The API surface of the spec about to be generated, with method names exactly as the client names them. */
export function surfaceOf(spec: LoadedSpec, model: ApiModel): ApiSurface {
  return surfaceWithNames(spec.document, new Map(clientMethodNames(model)));
}

/** Each operation's client method name, by operation key (what the types worker is sent to make the surface). */
export function clientMethodNames(model: ApiModel): Array<[string, string]> {
  return model.operations.map((o) => [operationKey(o.method, o.path), o.methodName]);
}

/** The API surface of `document`, its operations named by `names` (operation key → client method name). */
export function surfaceWithNames(document: unknown, names: ReadonlyMap<string, string>): ApiSurface {
  return extractSurface(document, {
    methodName: (op) => names.get(operationKey(op.method, op.path)) ?? op.operationId ?? `${op.method} ${op.path}`,
  });
}

/**
 * Compares the new surface (`nextSnapshot` is its snapshot text) with the snapshot already in the output folder.
 * `undefined` when there is no usable snapshot (first generation, or an older snapshot format), with the reason.
 * A snapshot the same as the new one (a spec update that leaves the API as it was) is read no further: an
 * unchanged surface has no changes.
 */
export function reportChanges(
  previousSnapshot: string | undefined,
  nextSnapshot: string,
  next: () => ApiSurface,
): { report?: SurfaceReport; reason?: string } {
  if (previousSnapshot === undefined) return { reason: `no previous ${SURFACE_FILE}: nothing to compare with` };
  if (previousSnapshot === nextSnapshot) return { report: buildReport([]) };
  const parsed = parseSurfaceJson(previousSnapshot);
  if (!parsed.ok) return { reason: `previous ${SURFACE_FILE} not usable: ${parsed.reason}` };
  return { report: compareSurfaces(parsed.surface, next()) };
}
