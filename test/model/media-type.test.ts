/**
 * Which media type of a `content` map the client uses: JSON first, and of the JSON types `application/json` itself
 * (a server with a strict JSON body parser reads `text/json` as text: Prism answers such a body with 422), then the
 * shortest, so the plain type comes before vendor variants.
 */
import { describe, expect, it } from 'vitest';
import { chooseMediaType } from '../../src/model/media-type.js';

describe('chooseMediaType', () => {
  it.each([
    [['text/json', 'application/json'], 'application/json'],
    [['text/json', 'application/json; charset=utf-8'], 'application/json; charset=utf-8'],
    [['application/json-patch+json', 'text/json', 'application/*+json', 'application/json'], 'application/json'],
    [['application/vnd.api+json', 'application/json'], 'application/json'],
    [['application/xml', 'text/json', 'application/*+json'], 'text/json'],
    [['application/vnd.b+json', 'application/vnd.a+json'], 'application/vnd.a+json'],
    [['multipart/form-data', 'application/x-www-form-urlencoded'], 'application/x-www-form-urlencoded'],
    [['application/octet-stream', 'text/plain'], 'text/plain'],
    [[], undefined],
  ])('%j → %s', (mediaTypes, expected) => {
    expect(chooseMediaType(mediaTypes)).toBe(expected);
  });
});
