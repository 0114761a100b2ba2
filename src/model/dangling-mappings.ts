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
  const stack: Array<{ node: unknown; path: string[] }> = [{ node: document, path: [] }];
  while (stack.length > 0) {
    const { node, path } = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    const record = node as Record<string, unknown>;
    const mapping = (record.discriminator as { mapping?: unknown } | undefined)?.mapping;
    if (typeof mapping === 'object' && mapping !== null && !Array.isArray(record)) {
      for (const [key, value] of Object.entries(mapping)) {
        if (!resolves(document, schemas, value)) {
          mappings.push({ at: [...path, 'discriminator', 'mapping'], key });
        }
      }
    }
    for (const key of Object.keys(record)) {
      if (key !== 'example' && key !== 'examples' && key !== 'enum' && key !== 'const') stack.push({ node: record[key], path: [...path, key] });
    }
  }
  mappings.sort((a, b) => (ptr(...a.at, a.key) < ptr(...b.at, b.key) ? -1 : 1));
  const issues = mappings.map((m): Issue => ({
    severity: 'warning',
    code: 'unresolvable-discriminator-mapping',
    pointer: ptr(...m.at, m.key),
    message: `\`discriminator.mapping\` value is neither a \`#\` reference that resolves nor a component schema name; the type ignores this entry`,
    hint: 'point the mapping at `#/components/schemas/<Name>` (bundle external files first)',
  }));
  return { mappings, issues };
}

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
  try {
    return getAtPointer(document, value) !== undefined;
  } catch {
    return false; // not a valid JSON pointer
  }
}
