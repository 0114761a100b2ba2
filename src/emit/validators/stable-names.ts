import { createHash } from 'node:crypto';
import { parsePtr } from '../../load/pointer.js';

// Names in the generated module are derived from what they name (a schema's pointer, a constant's content, a
// property's name), never from a counter, so adding a schema, a constant or a property renames nothing else and a
// golden diff stays about the edit (test/generator/golden-locality.test.ts holds it).

/** A short, deterministic hex digest of `text` (names only, not security). */
export function shortHash(text: string, length = 6): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}

/**
 * `text` as an identifier fragment: ASCII letters, digits and `_` kept; anything else (or a cut) makes it lossy,
 * and a lossy fragment gets a digest of the original so that two texts never share a fragment.
 */
export function identifierPart(text: string, maxLength = 40): string {
  const kept = text.replace(/[^A-Za-z0-9_]/g, '_').slice(0, maxLength);
  if (kept === text && kept !== '') return kept;
  return `${kept}_${shortHash(text)}`;
}

/**
 * The stem of the function validating the schema at `pointer` (in `file`, for a remote document):
 * `#/components/schemas/Pet/properties/tag` → `Pet_properties_tag`, `#` → `root`.
 */
export function schemaStem(pointer: string, file: string | undefined): string {
  let segs: string[];
  try {
    segs = parsePtr(pointer);
  } catch {
    segs = [pointer];
  }
  if (segs[0] === 'components' && segs[1] === 'schemas' && segs.length > 2) segs = segs.slice(2);
  const stem = segs.length === 0 ? 'root' : segs.map((s) => identifierPart(s)).join('_');
  return file === undefined ? stem : `r${shortHash(file)}_${stem}`;
}
