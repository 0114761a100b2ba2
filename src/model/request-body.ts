import { childPtr } from '../load/pointer.js';
import { deref } from '../load/resolve-ref.js';
import { bodyKindOf, chooseMediaType } from './media-type.js';
import type { RequestBody } from './types.js';

/**
 * Builds the request body: picks one media type (JSON first), records how to encode it.
 * https://spec.openapis.org/oas/v3.1.0#request-body-object
 */
export function buildRequestBody(doc: unknown, raw: unknown, pointer: string): RequestBody | undefined {
  if (raw === undefined) return undefined;
  const body = deref(doc, raw) as Record<string, unknown>;
  const content = (body.content ?? {}) as Record<string, { schema?: unknown }>;
  const mediaType = chooseMediaType(Object.keys(content));
  if (mediaType === undefined) return undefined;
  const schemaPointer = childPtr(pointer, 'content', mediaType, 'schema');
  return {
    pointer,
    required: body.required === true,
    mediaType,
    kind: bodyKindOf(mediaType),
    schemaPointer,
    schema: content[mediaType]!.schema ?? {},
    description: typeof body.description === 'string' ? body.description : undefined,
  };
}
