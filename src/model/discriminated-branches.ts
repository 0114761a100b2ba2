import { resolvesInDocument } from './dangling-mappings.js';
import { discriminatorTags } from './discriminator-tags.js';
import { isRecord } from './keywords-for-types.js';
import { walkSchemas } from './walk-schemas.js';

/**
 * Types a discriminated union the way its validator checks it (edits the private copy given to openapi-typescript).
 *
 * openapi-typescript writes the tag into each mapped component (`Card: { type: "card"; … }`), so `Card` on its own,
 * and `validateCard`'s result, claim a tag that Card's schema does not require: `validateCard` accepts
 * `{ type: "bank", … }` and would hand it out typed as a Card. Here each `$ref` branch of an `anyOf`/`oneOf` with a
 * `discriminator` becomes `allOf: [branch, { tag: one of the branch's tags }]` and the `discriminator` is dropped:
 * the union prints as `Card & { type: "card" } | …` (it still narrows on the tag), and `Card` keeps `type: string`.
 * The tags are the ones the validator dispatches on (discriminator-tags.ts). Where the validator cannot use the
 * discriminator (an inline branch), it checks the plain `oneOf`/`anyOf`, and the union is typed as that.
 *
 * A discriminator without `anyOf`/`oneOf` (the `allOf` inheritance pattern: `Cat: allOf [Pet, …]`, the tag in `Pet`)
 * picks nothing in the validators, and is dropped too: openapi-typescript would type each child's tag as the child's
 * name (`createMode: "ServerPropertiesForDefaultCreate"` in Azure's MySQL spec, whose parent's enum allows
 * "Default", …), a value the validator, checking the parent's enum, rejects. The children keep the parent's tag type.
 */
export function narrowDiscriminatedBranches(copy: unknown): void {
  const unions: Array<Record<string, unknown>> = [];
  walkSchemas(copy, (node) => {
    if (!isRecord(node.discriminator)) return;
    if (Array.isArray(node.oneOf) || Array.isArray(node.anyOf)) unions.push(node);
    else delete node.discriminator;
  });
  for (const node of unions) {
    const { propertyName, mapping } = node.discriminator as { propertyName?: unknown; mapping?: unknown };
    delete node.discriminator;
    if (typeof propertyName !== 'string') continue;
    const refsByTag = Object.fromEntries(isRecord(mapping) ? Object.entries(mapping).filter((e): e is [string, string] => typeof e[1] === 'string') : []);
    for (const kw of ['anyOf', 'oneOf'] as const) {
      const branches = node[kw];
      if (!Array.isArray(branches) || !branches.every((b) => isRecord(b) && typeof b.$ref === 'string')) continue;
      const refs = (branches as Array<{ $ref: string }>).map((b) => b.$ref);
      const tags = discriminatorTags(refsByTag, refs, (ref) => (resolvesInDocument(copy, ref) ? ref : undefined));
      node[kw] = branches.map((branch: { $ref: string }) => {
        const own = tags.filter(([, ref]) => ref === branch.$ref).map(([tag]) => tag);
        if (own.length === 0) return branch;
        const tag = { type: 'string', enum: own };
        return { allOf: [branch, { type: 'object', required: [propertyName], properties: { [propertyName]: tag } }] };
      });
    }
  }
}
