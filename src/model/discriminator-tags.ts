/**
 * Which tag values of an OpenAPI `discriminator` pick which branch: the rule both the validators (which dispatch on
 * the tag) and the types (which narrow each branch to its tags) follow, so the two never disagree.
 * - every explicit `mapping` entry, in key order, to the schema it names (a bare name means a component schema);
 * - then each `$ref` branch by its component name (the last segment of the reference), unless that name is already a
 *   mapping key or the branch's schema is already reached through the mapping (OpenAPI: a mapped schema is not also
 *   reachable by its implicit name).
 * `identify` turns a reference into what counts as "the same schema" for the caller (`undefined`: it does not
 * resolve; such mapping entries are reported through `onUnresolved` and skipped, such branches skipped).
 * https://spec.openapis.org/oas/v3.1.0#discriminator-object
 */
export function discriminatorTags<T>(
  mapping: Readonly<Record<string, string>>,
  branchRefs: readonly string[],
  identify: (ref: string) => T | undefined,
  onUnresolved: (tag: string, ref: string) => void = () => {},
): Array<[string, T]> {
  const out = new Map<string, T>();
  for (const tag of Object.keys(mapping).sort()) {
    const ref = mapping[tag]!;
    const target = identify(mappingRef(ref));
    if (target === undefined) onUnresolved(tag, ref);
    else out.set(tag, target);
  }
  const mapped = new Set(out.values());
  for (const ref of branchRefs) {
    const name = decodeURIComponent(ref.slice(ref.lastIndexOf('/') + 1));
    const target = identify(ref);
    if (target !== undefined && !out.has(name) && !mapped.has(target)) out.set(name, target);
  }
  return [...out.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** A mapping value as a reference: `Card` names `#/components/schemas/Card`; anything with `/` or `#` is a reference. */
export function mappingRef(value: string): string {
  return value.includes('/') || value.includes('#') ? value : `#/components/schemas/${value}`;
}
