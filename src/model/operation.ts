import type { Issue } from '../issue.js';
import { childPtr } from '../load/pointer.js';
import { mergeParameters } from './parameter.js';
import { buildRequestBody } from './request-body.js';
import { buildResponses } from './response.js';
import { apiKeyPlaces, isFilledByCredential, normaliseSecurity } from './security.js';
import type { HttpMethod, Operation } from './types.js';

/** An operation before `assignNames` has seen all operations. */
export type UnnamedOperation = Omit<Operation, 'methodName' | 'typeStem' | 'validators'>;

/**
 * Builds one operation; names are filled in later by `assignOperationNames`, which sees all operations.
 * https://spec.openapis.org/oas/v3.1.0#operation-object
 */
export function buildOperation(
  doc: Record<string, unknown>,
  path: string,
  resolvedItem: Record<string, unknown>,
  method: HttpMethod,
  pathItemPointer: string,
): UnnamedOperation {
  const op = resolvedItem[method] as Record<string, unknown>;
  const pointer = childPtr(pathItemPointer, method);
  const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
  const security = normaliseSecurity(op.security) ?? normaliseSecurity(doc.security);
  const apiKeys = apiKeyPlaces(doc);
  const params = mergeParameters(
    doc,
    { raw: Array.isArray(resolvedItem.parameters) ? resolvedItem.parameters : [], pointer: childPtr(pathItemPointer, 'parameters') },
    { raw: Array.isArray(op.parameters) ? op.parameters : [], pointer: childPtr(pointer, 'parameters') },
  );
  return {
    pointer,
    method,
    path,
    operationId: text(op.operationId),
    tags: Array.isArray(op.tags) ? op.tags.filter((t): t is string => typeof t === 'string') : [],
    summary: text(op.summary),
    description: text(op.description),
    deprecated: op.deprecated === true,
    // a credential of the operation fills its parameter of the same place and name (see isFilledByCredential)
    params: params.filter((p) => !isFilledByCredential(p, security, apiKeys)),
    // fetch refuses a body on GET and HEAD, where it has no defined meaning either (RFC 9110 §9.3.1, §9.3.2)
    body: hasNoBody(method) ? undefined : buildRequestBody(doc, op.requestBody, childPtr(pointer, 'requestBody')),
    responses: buildResponses(doc, op.responses, childPtr(pointer, 'responses')),
    security,
  };
}

/** Methods whose requests the client sends without a body. */
export function hasNoBody(method: HttpMethod): boolean {
  return method === 'get' || method === 'head';
}

/** A warning for a request body the client will not send (see {@link hasNoBody}). */
export function ignoredBodyIssue(op: Record<string, unknown>, method: HttpMethod, pointer: string): Issue | undefined {
  if (!hasNoBody(method) || op.requestBody === undefined) return undefined;
  return {
    severity: 'warning',
    code: 'request-body-ignored',
    pointer: childPtr(pointer, 'requestBody'),
    message: `a \`requestBody\` on ${method.toUpperCase()} is not exposed: fetch cannot send a body with ${method.toUpperCase()}, and HTTP gives it no meaning`,
    hint: 'move the input to query parameters, or make the operation a POST',
  };
}
