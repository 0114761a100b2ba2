/**
 * `x-nullable: true` is Swagger 2's vendor spelling of "null is allowed" (AutoRest, go-swagger and NSwag write it);
 * specs converted to OpenAPI 3 by hand or by other tools often still carry it instead of `nullable: true`. Their
 * authors mean null is allowed, servers send it, and mock servers (Prism) honour it, so a client that refused null
 * there would break. The loaded document therefore reads it as `nullable`: a Schema Object with `x-nullable: true`
 * and no `nullable` of its own gets `nullable: true`, and from there types, validators, the API surface and the
 * README treat it exactly as they treat `nullable` (including where a `$ref`'s siblings mean nothing, in 3.0).
 * An explicit `nullable` wins over it; `x-nullable: false` changes nothing; on a Parameter, Request Body or Response
 * Object (where AutoRest also writes it, and where OpenAPI has no `nullable`) it is left alone: the schema inside
 * says what the value may be. The node keeps its place, so every JSON pointer stays the spec's own.
 */
import { isDataKey } from './data-keys.js';

/** Keywords whose value is one subschema. */
const SCHEMA_KEYWORDS = new Set([
  'items', 'not', 'additionalProperties', 'additionalItems', 'contains', 'if', 'then', 'else', 'propertyNames',
  'unevaluatedItems', 'unevaluatedProperties', 'contentSchema',
]);
/** Keywords whose value is a list of subschemas. */
const SCHEMA_LIST_KEYWORDS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);
/** Keywords whose value maps names to subschemas. */
const SCHEMA_MAP_KEYWORDS = new Set(['properties', 'patternProperties', 'dependentSchemas', '$defs', 'definitions']);

/** A walked value: a Schema Object, a map whose keys are names, or other spec structure (paths, operations, ...). */
interface Item {
  node: object;
  kind: 'schema' | 'names' | 'structure';
  /** the key the node sits at (`''` for an array's items: no item is a name map, nor data by its position) */
  key: string;
}

/**
 * Gives every Schema Object of `document` that has `x-nullable: true` and no `nullable` the key `nullable: true`.
 * Changes `document` in place: call it only on a copy that loading made and nobody has seen yet.
 */
export function readXNullable(document: Record<string, unknown>): void {
  const stack: Item[] = [{ node: document, kind: 'structure', key: '' }];
  while (stack.length > 0) {
    const { node, kind, key } = stack.pop()!;
    if (Array.isArray(node)) {
      for (const item of node) push(stack, item, kind, '');
      continue;
    }
    const record = node as Record<string, unknown>;
    if (kind === 'schema') {
      if (record['x-nullable'] === true && !('nullable' in record)) record.nullable = true;
      pushSubschemas(stack, record);
    } else if (kind === 'names') {
      for (const name of Object.keys(record)) push(stack, record[name], 'structure', name);
    } else {
      pushStructure(stack, record, key);
    }
  }
}

function push(stack: Item[], value: unknown, kind: Item['kind'], key: string): void {
  if (typeof value === 'object' && value !== null) stack.push({ node: value, kind, key });
}

function pushSubschemas(stack: Item[], schema: Record<string, unknown>): void {
  for (const k of Object.keys(schema)) {
    const v = schema[k];
    if (SCHEMA_KEYWORDS.has(k) || SCHEMA_LIST_KEYWORDS.has(k)) push(stack, v, 'schema', k);
    else if (SCHEMA_MAP_KEYWORDS.has(k)) pushSchemaMap(stack, v);
  }
}

/**
 * Spec structure: a `schema` is a Schema Object (`components/schemas` a map of them); data (examples, defaults) and
 * `x-` extensions are skipped; a name map's (`paths`, `responses`, `content`, ...) values are structure again, so a
 * parameter called `schema` in `components/parameters` is a Parameter Object.
 */
function pushStructure(stack: Item[], record: Record<string, unknown>, at: string): void {
  for (const k of Object.keys(record)) {
    if (k.startsWith('x-') || isDataKey(k, at)) continue;
    const v = record[k];
    if (k === 'schema') push(stack, v, 'schema', k);
    else if (k === 'schemas' && at === 'components') pushSchemaMap(stack, v);
    // by isDataKey's rule: the keys of `properties`, `responses`, ... are names (even `default`)
    else push(stack, v, isDataKey('default', k) || Array.isArray(v) ? 'structure' : 'names', k);
  }
}

function pushSchemaMap(stack: Item[], map: unknown): void {
  if (typeof map !== 'object' || map === null || Array.isArray(map)) return;
  for (const name of Object.keys(map)) push(stack, (map as Record<string, unknown>)[name], 'schema', name);
}
