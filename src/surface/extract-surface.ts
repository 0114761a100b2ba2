/** Builds the API surface snapshot of a loaded, bundled OpenAPI document. */
import {
  authorizationParameter,
  authorizationSetter,
  implicitSchemeName,
  takesImplicitAuthorization,
} from '../model/authorization-parameter.js';
import { normaliseSecurity as securityAlternatives } from '../model/security.js';
import { extractSecuritySchemes, extractServers, normaliseSecurity } from './extract-globals.js';
import { extractOperation, resolveObject } from './extract-operation.js';
import { flattenShape } from './flatten-shape.js';
import { arrayAt, isObject, objectAt, sortKeysDeep, sortedKeys, type JsonObject } from './json-value.js';
import { SURFACE_FORMAT, type ApiSurface, type ExtractOptions, type OperationSurface, type ShapeSurface } from './types.js';

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/**
 * A deterministic snapshot of what client code can see in `doc` (read-only; all `$ref`s internal).
 * `opts.methodName` receives the lower-case HTTP method, as the spec spells it.
 */
export function extractSurface(doc: unknown, opts: ExtractOptions): ApiSurface {
  const root = isObject(doc) ? doc : {};
  const implicit = implicitAuthorization(root);
  const surface: ApiSurface = {
    format: SURFACE_FORMAT,
    servers: extractServers(root),
    securitySchemes: extractSecuritySchemes(root, (node) => resolveObject(node, doc)),
    security: normaliseSecurity(arrayAt(root, 'security')),
    operations: extractOperations(root, opts, implicit),
    schemas: extractSchemas(root),
  };
  if (implicit.used) surface.securitySchemes[implicit.specName] = IMPLICIT_SCHEME;
  return sortKeysDeep(surface);
}

/** How the surface shows the credential an `Authorization` header parameter stands for. */
const IMPLICIT_SCHEME = 'apiKey header Authorization (declared as a parameter)';

/**
 * The credential the model makes of an `Authorization` header parameter that no security scheme of its operation
 * fills (src/model/authorization-parameter.ts): the client takes it as an option, so it is part of the surface
 * like a declared scheme, and the operations that take it require it in every alternative.
 */
interface ImplicitAuthorization {
  specName: string;
  /** an operation's requirement alternatives with the credential, when it takes it */
  security(pathItem: JsonObject, operation: JsonObject): unknown[] | undefined;
  /** set once an operation took it */
  used: boolean;
}

function implicitAuthorization(doc: JsonObject): ImplicitAuthorization {
  const setsAuthorization = authorizationSetter(doc);
  const specName = implicitSchemeName(doc);
  const implicit: ImplicitAuthorization = {
    specName,
    used: false,
    security(pathItem, operation) {
      if (!authorizationParameter(doc, pathItem, operation, '', '')) return undefined;
      const raw = Array.isArray(operation['security']) ? operation['security'] : arrayAt(doc, 'security');
      if (!takesImplicitAuthorization(securityAlternatives(raw) ?? [], setsAuthorization)) return undefined;
      implicit.used = true;
      const requirements = raw.filter(isObject);
      return requirements.length === 0 ? [{ [specName]: [] }] : requirements.map((req) => ({ ...req, [specName]: [] }));
    },
  };
  return implicit;
}

function extractOperations(
  doc: Readonly<Record<string, unknown>>,
  opts: ExtractOptions,
  implicit: ImplicitAuthorization,
): Record<string, OperationSurface> {
  const paths = objectAt(doc, 'paths');
  const out: Record<string, OperationSurface> = {};
  for (const path of sortedKeys(paths)) {
    const pathItem = resolveObject(paths[path], doc);
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method];
      if (!isObject(operation)) continue;
      const operationId = typeof operation['operationId'] === 'string' ? operation['operationId'] : undefined;
      const methodName = opts.methodName(operationId === undefined ? { method, path } : { method, path, operationId });
      const surface = extractOperation({ method, path, operation, pathItem, methodName }, doc);
      const security = implicit.security(pathItem, operation);
      if (security) surface.security = normaliseSecurity(security);
      out[operationKey(method, path)] = surface;
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
