import type { BodyKind, ResponseKind } from './types.js';

/** `application/json`, `application/problem+json`, `application/vnd.api+json; charset=utf-8`, `text/json`... */
export function isJsonMediaType(mediaType: string): boolean {
  const base = mediaType.split(';')[0]!.trim().toLowerCase();
  return base === 'application/json' || base === 'text/json' || base.endsWith('+json') || base === '*/*+json';
}

/** How a request body of this media type is encoded. */
export function bodyKindOf(mediaType: string): BodyKind {
  const base = mediaType.split(';')[0]!.trim().toLowerCase();
  if (isJsonMediaType(base)) return 'json';
  if (base === 'application/x-www-form-urlencoded') return 'form';
  if (base.startsWith('multipart/')) return 'multipart';
  if (base.startsWith('text/') || base === 'application/xml' || base.endsWith('+xml')) return 'text';
  return 'binary';
}

/** How a response body of this media type is decoded. */
export function responseKindOf(mediaType: string | undefined): ResponseKind {
  if (mediaType === undefined) return 'empty';
  const kind = bodyKindOf(mediaType);
  return kind === 'json' ? 'json' : kind === 'binary' ? 'binary' : 'text';
}

/** Preference when an operation offers several media types: JSON first, then the rest in a fixed order. */
const KIND_RANK: Record<BodyKind, number> = { json: 0, form: 1, multipart: 2, text: 3, binary: 4 };

/** `application/json` itself (parameters aside): every JSON server reads it, while `text/json` is a legacy alias. */
function isPlainJson(mediaType: string): boolean {
  return mediaType.split(';')[0]!.trim().toLowerCase() === 'application/json';
}

/** Picks the media type the client uses from a `content` map, deterministically. */
export function chooseMediaType(mediaTypes: readonly string[]): string | undefined {
  return [...mediaTypes].sort((a, b) => {
    const rank = KIND_RANK[bodyKindOf(a)] - KIND_RANK[bodyKindOf(b)];
    if (rank !== 0) return rank;
    // `application/json` before other JSON types (`text/json` is shorter, but servers with a strict JSON body parser,
    // Prism among them, read only `application/json` and `application/*+json` as JSON)
    const plain = Number(isPlainJson(b)) - Number(isPlainJson(a));
    if (plain !== 0) return plain;
    // the plain type before vendor variants (`application/json` before `application/vnd.x+json`)
    return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
  })[0];
}
