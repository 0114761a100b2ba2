import type { OpenAPITSOptions } from 'openapi-typescript';
import type { Issue } from '../issue.js';
import { dropMappings, findDanglingMappings } from '../model/dangling-mappings.js';
import { inlineUntypeableRefs } from '../model/inline-refs.js';
import { dropObjectEnums, findObjectEnums } from '../model/object-enums.js';
import { renderTypes } from './render-types.js';
import { shieldNames } from './shield-names.js';

/**
 * openapi-typescript's part of `src/types.ts` (`paths`, `components`, `operations`, …) for a loaded document, and the
 * warnings about what it had to leave out. The document is never changed: openapi-typescript gets a private copy
 * in which unsafe names are shielded, untypeable refs inlined, object enums and dangling discriminator mappings
 * dropped. Runs in process or in the types worker (types-worker.js); the two give the same text.
 */
export function renderTypesSource(document: unknown, options: OpenAPITSOptions): { source: string; issues: Issue[] } {
  const dangling = findDanglingMappings(document);
  const objectEnums = findObjectEnums(document);
  // shieldNames always returns a private copy, so it can be edited in place from here on
  const shielded = shieldNames(document);
  const copy = shielded.document as Record<string, unknown>;
  inlineUntypeableRefs(copy);
  if (objectEnums.paths.length > 0) dropObjectEnums(copy);
  // issues point into the real document; the mappings to drop are located in the copy
  dropMappings(copy, findDanglingMappings(copy).mappings);
  return { source: shielded.restore(renderTypes(copy, options)), issues: [...dangling.issues, ...objectEnums.issues] };
}
