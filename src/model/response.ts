import { childPtr } from '../load/pointer.js';
import { deref } from '../load/resolve-ref.js';
import { chooseMediaType, responseKindOf } from './media-type.js';
import type { Response } from './types.js';

/**
 * Builds the responses of one operation, sorted: exact codes, then ranges (`2XX`), then `default`.
 * `default` counts as success only when the operation declares no 2xx response at all.
 * https://spec.openapis.org/oas/v3.1.0#responses-object
 */
export function buildResponses(doc: unknown, raw: unknown, pointer: string): Response[] {
  const responses = (raw ?? {}) as Record<string, unknown>;
  const statuses = Object.keys(responses)
    .map((s) => s.toUpperCase())
    .filter((s) => /^[1-5](\d\d|XX)$/.test(s) || s === 'DEFAULT')
    .sort(compareStatus);
  const hasSuccess = statuses.some((s) => s.startsWith('2'));
  return statuses.map((status) => {
    const key = Object.keys(responses).find((k) => k.toUpperCase() === status)!;
    return buildResponse(doc, responses[key], childPtr(pointer, key), key, hasSuccess);
  });
}

function buildResponse(doc: unknown, raw: unknown, pointer: string, key: string, hasSuccess: boolean): Response {
  const response = deref(doc, raw) as Record<string, unknown>;
  const content = (response.content ?? {}) as Record<string, { schema?: unknown }>;
  const mediaType = chooseMediaType(Object.keys(content));
  const status = key.toLowerCase() === 'default' ? 'default' : key.toUpperCase();
  return {
    pointer,
    status,
    description: typeof response.description === 'string' ? response.description : undefined,
    mediaType,
    kind: responseKindOf(mediaType),
    schemaPointer: mediaType === undefined ? undefined : childPtr(pointer, 'content', mediaType, 'schema'),
    schema: mediaType === undefined ? undefined : content[mediaType]!.schema,
    success: status.startsWith('2') || (status === 'default' && !hasSuccess),
  };
}

function rank(status: string): number {
  if (status === 'DEFAULT') return 2;
  return status.endsWith('XX') ? 1 : 0;
}

function compareStatus(a: string, b: string): number {
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}
