import { childPtr } from '../load/pointer.js';
import { deref } from '../load/resolve-ref.js';
import { isJsonMediaType } from './media-type.js';
import type { Param, ParamLocation, ParamStyle } from './types.js';

const LOCATIONS: readonly ParamLocation[] = ['path', 'query', 'header', 'cookie'];

/** Header parameters OpenAPI says SHALL be ignored: the client sets these headers itself. */
const IGNORED_HEADERS: ReadonlySet<string> = new Set(['accept', 'content-type', 'authorization']);

/**
 * A header parameter named `Accept`, `Content-Type` or `Authorization` (in any case): "the parameter definition SHALL
 * be ignored" (https://spec.openapis.org/oas/v3.1.0#fixed-fields-9). The client derives `Accept` from the declared
 * responses, `Content-Type` from the body and `Authorization` from the credentials, so such a parameter is neither
 * exposed nor sent.
 */
export function isIgnoredParameter(location: unknown, name: unknown): boolean {
  return location === 'header' && typeof name === 'string' && IGNORED_HEADERS.has(name.toLowerCase());
}

/**
 * Builds one parameter with OpenAPI's defaults filled in: style `form` for query/cookie and `simple` for
 * path/header, `explode` true only for `form`, path params always required. `undefined` for a parameter the
 * client ignores (see {@link isIgnoredParameter}) or that is not a parameter at all.
 * https://spec.openapis.org/oas/v3.1.0#parameter-object
 */
export function buildParameter(doc: unknown, raw: unknown, pointer: string): Param | undefined {
  const p = deref(doc, raw) as Record<string, unknown>;
  const location = p.in as ParamLocation;
  if (!LOCATIONS.includes(location) || typeof p.name !== 'string' || isIgnoredParameter(location, p.name)) return undefined;
  const style = (typeof p.style === 'string' ? p.style : location === 'query' || location === 'cookie' ? 'form' : 'simple') as ParamStyle;
  const content = p.content as Record<string, { schema?: unknown }> | undefined;
  const contentType = content ? Object.keys(content)[0] : undefined;
  const schema = contentType ? (content![contentType]!.schema ?? {}) : (p.schema ?? {});
  return {
    pointer,
    name: p.name,
    in: location,
    required: location === 'path' ? true : p.required === true,
    style,
    explode: typeof p.explode === 'boolean' ? p.explode : style === 'form',
    allowReserved: p.allowReserved === true,
    json: contentType !== undefined && isJsonMediaType(contentType),
    schema,
    description: typeof p.description === 'string' ? p.description : undefined,
    deprecated: p.deprecated === true,
  };
}

/**
 * Merges path-level and operation-level parameters (the operation's win on the same name+location) and sorts
 * them by location, then name.
 */
export function mergeParameters(
  doc: unknown,
  pathLevel: { raw: unknown[]; pointer: string },
  opLevel: { raw: unknown[]; pointer: string },
): Param[] {
  const byKey = new Map<string, Param>();
  for (const { raw, pointer } of [pathLevel, opLevel]) {
    raw.forEach((entry, i) => {
      const param = buildParameter(doc, entry, childPtr(pointer, i));
      if (param) byKey.set(`${param.in}\u0000${param.name}`, param);
    });
  }
  return [...byKey.values()].sort(
    (a, b) => LOCATIONS.indexOf(a.in) - LOCATIONS.indexOf(b.in) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
}
