/**
 * Which parts of an OpenAPI document are data (example, default, enum and const values) rather than structure:
 * a `$ref` or a name inside data is text, never followed or renamed. One rule for every walker of the document.
 */

/** Keywords whose values are data. */
const DATA_KEYS = new Set(['example', 'examples', 'default', 'enum', 'const', 'x-examples']);

/** Maps keyed by user-chosen names: a key there (a property called `default`, the `default` response) is a name. */
const NAMED_MAPS = new Set([
  'properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas', 'schemas', 'parameters', 'responses',
  'requestBodies', 'headers', 'paths', 'pathItems', 'callbacks', 'links', 'content', 'encoding', 'mapping',
  'securitySchemes',
]);

/** Whether the value at `key`, inside an object that itself sits at `containerKey`, is data. */
export function isDataKey(key: string, containerKey: string): boolean {
  return DATA_KEYS.has(key) && !NAMED_MAPS.has(containerKey);
}
