import { walkSchemas } from './walk-schemas.js';

/**
 * Rewrites, in openapi-typescript's private copy of the document, the schema keywords it types wrongly into
 * equivalent ones it types right. `copy` must be a private copy: it is changed in place.
 * - `const: null` gets `type: "null"`: openapi-typescript skips a null `const` and, finding no type, prints `unknown`.
 * - `patternProperties` on an object whose `additionalProperties` is absent or `true`: other keys may hold anything,
 *   so the patterns are replaced by `additionalProperties: true` (`{ [key: string]: unknown }`); openapi-typescript
 *   would print an index signature of the patterns' types, rejecting keys the schema allows.
 * - in OpenAPI 3.1 (`refSiblingsApply`), `nullable: true` beside a `$ref`: the validators admit null there (a 3.1
 *   `$ref`'s siblings apply), but openapi-typescript prints the reference alone, so the `$ref` moves into an
 *   `allOf` (printed `X | null`). In 3.0 a `$ref`'s siblings mean nothing, to both.
 * - an object with no properties and `additionalProperties: false` gets `patternProperties: { "": false }` (every key
 *   matches, no value is allowed): with `emptyObjectsUnknown` (see emit/types.ts typesOptions), which makes a bare
 *   `type: object` `Record<string, unknown>`, it would otherwise be typed as open too.
 */
export function rewriteKeywordsForTypes(copy: unknown, refSiblingsApply: boolean): void {
  walkSchemas(copy, (node) => rewriteSchemaKeywords(node, refSiblingsApply));
}

/** {@link rewriteKeywordsForTypes} for one node of the walk (so that one walk of a large copy can do several jobs). */
export function rewriteSchemaKeywords(node: Record<string, unknown>, refSiblingsApply: boolean): void {
  if ('const' in node && node.const === null) node.type = 'null';
  if (refSiblingsApply && node.nullable === true && typeof node.$ref === 'string') {
    node.allOf = [{ $ref: node.$ref }, ...(Array.isArray(node.allOf) ? node.allOf : [])];
    delete node.$ref;
  }
  if (hasEntries(node.patternProperties) && isOpen(node.additionalProperties)) {
    delete node.patternProperties;
    node.additionalProperties = true;
  }
  if (isClosedEmptyObject(node)) node.patternProperties = { '': false };
}

/** `additionalProperties` that lets any other key hold any value. */
function isOpen(additional: unknown): boolean {
  return additional === undefined || additional === true || (isRecord(additional) && Object.keys(additional).length === 0);
}

/** An object type with no property, no pattern and `additionalProperties: false`, and nothing combined into it. */
function isClosedEmptyObject(node: Record<string, unknown>): boolean {
  const type = node.type;
  const isObject = type === 'object' || (Array.isArray(type) && type.includes('object'));
  return (
    isObject &&
    node.additionalProperties === false &&
    !hasEntries(node.properties) &&
    !hasEntries(node.patternProperties) &&
    node.allOf === undefined &&
    node.anyOf === undefined &&
    node.oneOf === undefined
  );
}

function hasEntries(value: unknown): boolean {
  return isRecord(value) && Object.keys(value).length > 0;
}

/** A JSON object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
