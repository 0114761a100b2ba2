/** Builds the API surface snapshot of a loaded, bundled OpenAPI document. */
import { extractSecuritySchemes, extractServers, normaliseSecurity } from './extract-globals.js';
import { extractOperation, resolveObject } from './extract-operation.js';
import { flattenShape } from './flatten-shape.js';
import { arrayAt, isObject, objectAt, sortKeysDeep, sortedKeys } from './json-value.js';
import { SURFACE_FORMAT, type ApiSurface, type ExtractOptions, type OperationSurface, type ShapeSurface } from './types.js';

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/**
 * A deterministic snapshot of what client code can see in `doc` (read-only; all `$ref`s internal).
 * `opts.methodName` receives the lower-case HTTP method, as the spec spells it.
 */
export function extractSurface(doc: unknown, opts: ExtractOptions): ApiSurface {
  const root = isObject(doc) ? doc : {};
  const surface: ApiSurface = {
    format: SURFACE_FORMAT,
    servers: extractServers(root),
    securitySchemes: extractSecuritySchemes(root, (node) => resolveObject(node, doc)),
    security: normaliseSecurity(arrayAt(root, 'security')),
    operations: extractOperations(root, opts),
    schemas: extractSchemas(root),
  };
  return sortKeysDeep(surface);
}

function extractOperations(doc: Readonly<Record<string, unknown>>, opts: ExtractOptions): Record<string, OperationSurface> {
  const paths = objectAt(doc, 'paths');
  const out: Record<string, OperationSurface> = {};
  for (const path of sortedKeys(paths)) {
    const pathItem = resolveObject(paths[path], doc);
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method];
      if (!isObject(operation)) continue;
      const operationId = typeof operation['operationId'] === 'string' ? operation['operationId'] : undefined;
      const methodName = opts.methodName(operationId === undefined ? { method, path } : { method, path, operationId });
      out[operationKey(method, path)] = extractOperation({ method, path, operation, pathItem, methodName }, doc);
    }
  }
  return out;
}

/** `"POST /customers/session"`: the key of an operation in the surface and in change reports. */
export function operationKey(method: string, path: string): string {
  return `${method.toUpperCase()} ${path}`;
}

function extractSchemas(doc: Readonly<Record<string, unknown>>): Record<string, ShapeSurface> {
  const schemas = objectAt(objectAt(doc, 'components'), 'schemas');
  const out: Record<string, ShapeSurface> = {};
  for (const name of sortedKeys(schemas)) out[name] = flattenShape(schemas[name], doc);
  return out;
}
