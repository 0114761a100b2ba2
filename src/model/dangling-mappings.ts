import type { Issue } from '../issue.js';
import { getAtPointer, ptr } from '../load/pointer.js';

/** A `discriminator.mapping` entry openapi-typescript cannot resolve: where the mapping object is, and its key. */
export interface DanglingMapping {
  /** path segments of the `mapping` object */
  at: string[];
  key: string;
}

/**
 * Finds `discriminator.mapping` values that are neither resolvable `#...` references nor names of component schemas
 * (e.g. `volume.yml` left behind by a bundler): openapi-typescript tries to read them as files and throws.
 * They are dropped from the copy given to it, with a warning; the union itself is still typed from `oneOf`.
 * https://spec.openapis.org/oas/v3.1.0#discriminator-object
 */
export function findDanglingMappings(document: unknown): { mappings: DanglingMapping[]; issues: Issue[] } {
  const schemas = ((document as { components?: { schemas?: object } }).components?.schemas ?? {}) as Record<string, unknown>;
  const mappings: DanglingMapping[] = [];
  // each node's path is its parent's plus its key, spelled out only for a mapping found (most documents have none)
  const stack: Frame[] = [{ node: document, key: '', parent: undefined }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const node = frame.node;
    if (typeof node !== 'object' || node === null) continue;
    const record = node as Record<string, unknown>;
    const mapping = (record.discriminator as { mapping?: unknown } | undefined)?.mapping;
    if (typeof mapping === 'object' && mapping !== null && !Array.isArray(record)) {
      for (const [key, value] of Object.entries(mapping)) {
        if (!resolves(document, schemas, value)) {
          mappings.push({ at: [...pathOf(frame), 'discriminator', 'mapping'], key });
        }
      }
    }
    for (const key of Object.keys(record)) {
      if (key !== 'example' && key !== 'examples' && key !== 'enum' && key !== 'const') stack.push({ node: record[key], key, parent: frame });
    }
  }
  mappings.sort((a, b) => (ptr(...a.at, a.key) < ptr(...b.at, b.key) ? -1 : 1));
  const issues = mappings.map((m): Issue => ({
    severity: 'warning',
    code: 'unresolvable-discriminator-mapping',
    pointer: ptr(...m.at, m.key),
    message: unresolvableMappingMessage(getAtPointer(document, ptr(...m.at, m.key))),
    hint: UNRESOLVABLE_MAPPING_HINT,
  }));
  return { mappings, issues };
}

/** A node met by `findDanglingMappings`: under key `key` of its parent's node (the root: no parent). */
interface Frame {
  node: unknown;
  key: string;
  parent: Frame | undefined;
}

function pathOf(frame: Frame): string[] {
  const path: string[] = [];
  for (let f: Frame | undefined = frame; f?.parent !== undefined; f = f.parent) path.push(f.key);
  return path.reverse();
}

/**
 * The warning's text, shared with the validator compiler (which meets the same entry): the two are then one issue
 * in the generator's report (`run.ts` drops exact duplicates), not two lines about the same pointer.
 */
export function unresolvableMappingMessage(value: unknown): string {
  return `\`discriminator.mapping\` value ${JSON.stringify(value)} is neither a \`#\` reference that resolves nor a component schema name; the generated types and validators ignore this entry`;
}

export const UNRESOLVABLE_MAPPING_HINT = 'point the mapping at `#/components/schemas/<Name>` (bundle external files first)';

/** Deletes the dangling entries from `copy` (a private copy of the document, never the loaded spec). */
export function dropMappings(copy: unknown, mappings: readonly DanglingMapping[]): void {
  for (const m of mappings) {
    let node = copy as Record<string, unknown> | undefined;
    for (const segment of m.at) node = node?.[segment] as Record<string, unknown> | undefined;
    if (node) delete node[m.key];
  }
}

function resolves(document: unknown, schemas: Record<string, unknown>, value: unknown): boolean {
  if (typeof value !== 'string') return false;
  if (!value.startsWith('#')) return Object.hasOwn(schemas, value);
  return resolvesInDocument(document, value);
}

/** `ref` is a `#…` reference to something in `document` (false for other references and invalid pointers). */
export function resolvesInDocument(document: unknown, ref: string): boolean {
  if (!ref.startsWith('#')) return false;
  try {
    return getAtPointer(document, ref) !== undefined;
  } catch {
    return false; // not a valid JSON pointer
  }
}
