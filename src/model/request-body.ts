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
  const schema = content[mediaType]!.schema ?? {};
  const kind = bodyKindOf(mediaType);
  return {
    pointer,
    required: body.required === true,
    mediaType,
    kind,
    schemaPointer,
    schema,
    description: typeof body.description === 'string' ? body.description : undefined,
    opaqueText: kind === 'text' && !describesString(deref(doc, schema)),
  };
}

/** A schema whose values are strings (or may be): a text body checked against it is the string itself. */
function describesString(schema: unknown): boolean {
  if (typeof schema !== 'object' || schema === null) return false;
  const type = (schema as { type?: unknown }).type;
  return type === 'string' || (Array.isArray(type) && type.includes('string'));
}
