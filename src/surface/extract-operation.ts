/** Extracts one operation's client-visible surface: parameters, request body and responses. */
import { getAtPointer } from '../load/pointer.js';
import { flattenShape } from './flatten-shape.js';
import { arrayAt, compareStrings, isObject, objectAt, sortedKeys, stringAt, type JsonObject } from './json-value.js';
import { normaliseSecurity } from './extract-globals.js';
import { hasNoBody } from '../model/operation.js';
import { isIgnoredParameter } from '../model/parameter.js';
import type { HttpMethod } from '../model/types.js';
import { apiKeyPlaces, isFilledByCredential, normaliseSecurity as securityAlternatives } from '../model/security.js';
import type { OperationSurface, ParameterSurface, RequestBodySurface, ResponseSurface } from './types.js';

const MAX_REF_HOPS = 32;

/** Follows `$ref` chains of non-schema objects (parameters, bodies, responses, path items); `{}` when unresolvable. */
export function resolveObject(node: unknown, doc: unknown): JsonObject {
  let current = node;
  for (let hop = 0; hop < MAX_REF_HOPS && isObject(current); hop++) {
    const ref = stringAt(current, '$ref');
    if (ref === undefined) return current;
    current = ref.startsWith('#') ? getAtPointer(doc, ref) : undefined;
  }
  return {};
}

/** The input to `extractOperation`. `method` is lower-case, as the spec writes it. */
export interface OperationInput {
  method: string;
  path: string;
  operation: JsonObject;
  pathItem: JsonObject;
  methodName: string;
}

/** Describes one operation. */
export function extractOperation(input: OperationInput, doc: unknown): OperationSurface {
  const { operation } = input;
  const out: OperationSurface = {
    method: input.methodName,
    tags: arrayAt(operation, 'tags').filter((t): t is string => typeof t === 'string').sort(compareStrings),
    deprecated: operation['deprecated'] === true,
    parameters: extractParameters(input, doc),
    responses: extractResponses(objectAt(operation, 'responses'), doc),
  };
  const operationId = stringAt(operation, 'operationId');
  if (operationId !== undefined) out.operationId = operationId;
  if (Array.isArray(operation['security'])) out.security = normaliseSecurity(operation['security']);
  // the client sends no body with GET or HEAD (src/model/operation.ts `hasNoBody`)
  if (operation['requestBody'] !== undefined && !hasNoBody(input.method as HttpMethod)) out.requestBody = extractRequestBody(operation['requestBody'], doc);
  return out;
}

/**
 * Path-level parameters apply unless the operation redefines the same `in` + `name`. Parameters the client does
 * not expose (ignored headers, those a credential fills: src/model/hidden-parameters.ts) are not part of it.
 */
function extractParameters(input: OperationInput, doc: unknown): Record<string, ParameterSurface> {
  const out: Record<string, ParameterSurface> = {};
  const all = [...arrayAt(input.pathItem, 'parameters'), ...arrayAt(input.operation, 'parameters')];
  const security = securityAlternatives(input.operation['security']) ?? securityAlternatives((doc as JsonObject)['security']);
  const apiKeys = apiKeyPlaces(doc);
  for (const raw of all) {
    const param = resolveObject(raw, doc);
    const name = stringAt(param, 'name');
    const location = stringAt(param, 'in');
    if (name === undefined || location === undefined) continue;
    if (isIgnoredParameter(location, name) || isFilledByCredential({ in: location, name }, security, apiKeys)) {
      delete out[`${location}:${name}`];
      continue;
    }
    out[`${location}:${name}`] = extractParameter(param, name, location, doc);
  }
  return out;
}

function extractParameter(param: JsonObject, name: string, location: string, doc: unknown): ParameterSurface {
  const schema = 'schema' in param ? param['schema'] : preferredMedia(objectAt(param, 'content'))?.schema;
  const shape = flattenShape(schema, doc);
  const out: ParameterSurface = {
    name,
    in: location,
    // Path parameters are always required, whatever the spec says (OpenAPI 3.x §4.8.12.1).
    required: location === 'path' || param['required'] === true,
    type: shape.type,
    nullable: shape.nullable,
  };
  if (shape.enum) out.enum = shape.enum;
  if (param['deprecated'] === true) out.deprecated = true;
  return out;
}

/** The media type a JSON client uses: `application/json`, else any `*json`, else the first in sorted order. */
export function preferredMedia(content: JsonObject): { type: string; schema: unknown } | undefined {
  const types = sortedKeys(content);
  const chosen =
    types.find((t) => t === 'application/json') ?? types.find((t) => /[/+]json\b/.test(t)) ?? types[0];
  if (chosen === undefined) return undefined;
  return { type: chosen, schema: objectAt(content, chosen)['schema'] };
}

function extractRequestBody(raw: unknown, doc: unknown): RequestBodySurface {
  const body = resolveObject(raw, doc);
  const content = objectAt(body, 'content');
  const media = preferredMedia(content);
  const shape = media ? flattenShape(media.schema, doc) : { type: 'none', nullable: false, fields: {} };
  return { ...shape, required: body['required'] === true, media: sortedKeys(content) };
}

function extractResponses(responses: JsonObject, doc: unknown): Record<string, ResponseSurface> {
  const out: Record<string, ResponseSurface> = {};
  for (const status of sortedKeys(responses)) {
    if (status.startsWith('x-')) continue;
    const response = resolveObject(responses[status], doc);
    const content = objectAt(response, 'content');
    const media = preferredMedia(content);
    const shape = media ? flattenShape(media.schema, doc) : { type: 'none', nullable: false, fields: {} };
    out[status] = { ...shape, media: sortedKeys(content) };
  }
  return out;
}
