import { describe, expect, it } from 'vitest';
import type { ParamSpec, ParamStyle, RequestArgs, SerializedParams } from '../../src/runtime/operation-spec.js';
import {
  encodeAllowReserved,
  encodeStrict,
  serializeCookieParam,
  serializeHeaderParam,
  serializePathParam,
  queryParams,
  serializeQueryParam,
} from '../../src/runtime/serialize-params.js';

// The OpenAPI 3.1.1 "Style Examples" table (§4.8.12.4), parameter `color`.
const empty = '';
const string = 'blue';
const array = ['blue', 'black', 'brown'];
const object = { R: 100, G: 200, B: 150 };

function param(style: ParamStyle, explode: boolean, where: ParamSpec['in'] = 'query'): ParamSpec {
  return { name: 'color', in: where, style, explode, allowReserved: false };
}

describe('path styles follow the OpenAPI style table', () => {
  it.each([
    ['matrix', false, ';color', ';color=blue', ';color=blue,black,brown', ';color=R,100,G,200,B,150'],
    ['matrix', true, ';color', ';color=blue', ';color=blue;color=black;color=brown', ';R=100;G=200;B=150'],
    ['label', false, '.', '.blue', '.blue,black,brown', '.R,100,G,200,B,150'],
    ['label', true, '.', '.blue', '.blue.black.brown', '.R=100.G=200.B=150'],
    ['simple', false, '', 'blue', 'blue,black,brown', 'R,100,G,200,B,150'],
    ['simple', true, '', 'blue', 'blue,black,brown', 'R=100,G=200,B=150'],
  ] as const)('%s explode=%s', (style, explode, e, s, a, o) => {
    const spec = param(style, explode, 'path');
    expect([empty, string, array, object].map((v) => serializePathParam(spec, v))).toEqual([e, s, a, o]);
  });

  it('percent-encodes every character that could change the path', () => {
    const spec = param('simple', false, 'path');
    expect(serializePathParam(spec, '../admin?x=1#f')).toBe('..%2Fadmin%3Fx%3D1%23f');
    expect(serializePathParam(spec, "a b/c\\d!'()*")).toBe('a%20b%2Fc%5Cd%21%27%28%29%2A');
    expect(serializePathParam(spec, 'é\uD800')).toBe('%C3%A9%EF%BF%BD');
  });

  it('skips null and undefined, and JSON-encodes `content` params', () => {
    expect(serializePathParam(param('simple', false, 'path'), null)).toBeUndefined();
    expect(serializePathParam(param('simple', false, 'path'), undefined)).toBeUndefined();
    const json = { ...param('simple', false, 'path'), json: true };
    expect(serializePathParam(json, { a: [1] })).toBe('%7B%22a%22%3A%5B1%5D%7D');
  });
});

describe('query styles follow the OpenAPI style table', () => {
  it.each([
    ['form', false, ['color='], ['color=blue'], ['color=blue,black,brown'], ['color=R,100,G,200,B,150']],
    [
      'form',
      true,
      ['color='],
      ['color=blue'],
      ['color=blue', 'color=black', 'color=brown'],
      ['R=100', 'G=200', 'B=150'],
    ],
    ['spaceDelimited', false, null, null, ['color=blue%20black%20brown'], ['color=R%20100%20G%20200%20B%20150']],
    ['pipeDelimited', false, null, null, ['color=blue%7Cblack%7Cbrown'], ['color=R%7C100%7CG%7C200%7CB%7C150']],
    ['deepObject', true, null, null, null, ['color%5BR%5D=100', 'color%5BG%5D=200', 'color%5BB%5D=150']],
  ] as const)('%s explode=%s', (style, explode, e, s, a, o) => {
    const spec = param(style, explode);
    const cells = [e, s, a, o];
    [empty, string, array, object].forEach((value, i) => {
      const expected = cells[i];
      if (expected !== null && expected !== undefined) expect(serializeQueryParam(spec, value)).toEqual(expected);
    });
  });

  it('falls back to form for cells the table marks n/a', () => {
    expect(serializeQueryParam(param('spaceDelimited', true), array)).toEqual([
      'color=blue',
      'color=black',
      'color=brown',
    ]);
    expect(serializeQueryParam(param('pipeDelimited', false), 'blue')).toEqual(['color=blue']);
    expect(serializeQueryParam(param('deepObject', true), 'blue')).toEqual(['color=blue']);
  });

  it('skips null/undefined values, empty arrays and null items', () => {
    expect(serializeQueryParam(param('form', true), undefined)).toEqual([]);
    expect(serializeQueryParam(param('form', true), null)).toEqual([]);
    expect(serializeQueryParam(param('form', true), [])).toEqual([]);
    expect(serializeQueryParam(param('form', true), ['a', null, 'b'])).toEqual(['color=a', 'color=b']);
    expect(serializeQueryParam(param('form', true), { a: 1, b: null })).toEqual(['a=1']);
  });

  it('encodes values so `&`, `=` and `#` stay inside the value', () => {
    expect(serializeQueryParam(param('form', true), 'a&b=c#d e+f')).toEqual(['color=a%26b%3Dc%23d%20e%2Bf']);
    expect(serializeQueryParam(param('form', false), ['x,y', 'z'])).toEqual(['color=x%2Cy,z']);
  });

  it('allowReserved keeps reserved characters but never `#` or `&`', () => {
    const spec = { ...param('form', true), allowReserved: true };
    expect(serializeQueryParam(spec, 'a/b?c:d@e,f;g=h&i#j%20k%zz')).toEqual(['color=a/b?c:d@e,f;g=h%26i%23j%20k%25zz']);
    expect(encodeAllowReserved('[x] !$')).toBe('[x]%20!$');
  });

  it('deepObject nests objects and repeats array items', () => {
    const spec = param('deepObject', true);
    expect(serializeQueryParam(spec, { a: { b: 'c' }, d: [1, 2], e: null })).toEqual([
      'color%5Ba%5D%5Bb%5D=c',
      'color%5Bd%5D=1',
      'color%5Bd%5D=2',
    ]);
  });

  it('JSON-encodes `content: application/json` params and dates as ISO text', () => {
    expect(serializeQueryParam({ ...param('form', true), json: true }, { a: 'b c' })).toEqual([
      'color=%7B%22a%22%3A%22b%20c%22%7D',
    ]);
    expect(serializeQueryParam(param('form', true), new Date(Date.UTC(2024, 0, 2)))).toEqual([
      'color=2024-01-02T00%3A00%3A00.000Z',
    ]);
  });
});

describe('header and cookie params', () => {
  it('headers use simple style without percent-encoding', () => {
    expect(serializeHeaderParam(param('simple', false, 'header'), array)).toBe('blue,black,brown');
    expect(serializeHeaderParam(param('simple', true, 'header'), object)).toBe('R=100,G=200,B=150');
    expect(serializeHeaderParam(param('simple', false, 'header'), 'a b/c')).toBe('a b/c');
    expect(serializeHeaderParam(param('simple', false, 'header'), undefined)).toBeUndefined();
  });

  it('cookies use form style with encoded values so `;` cannot add a cookie', () => {
    expect(serializeCookieParam(param('form', true, 'cookie'), 'a; admin=1')).toEqual(['color=a%3B%20admin%3D1']);
    expect(serializeCookieParam(param('form', false, 'cookie'), array)).toEqual(['color=blue,black,brown']);
  });

  it('encodeStrict leaves only RFC 3986 unreserved characters', () => {
    const allowed = /^[A-Za-z0-9\-._~%]*$/;
    const sample = Array.from({ length: 256 }, (_, i) => String.fromCharCode(i)).join('') + '😀';
    expect(encodeStrict(sample)).toMatch(allowed);
    expect(decodeURIComponent(encodeStrict(sample))).toBe(sample);
  });
});

describe('a required query parameter that would send nothing', () => {
  const topic = (required: boolean): ParamSpec => ({ ...param('form', true), name: 'topic', required });
  const serializeQuery = (params: ParamSpec[], args: RequestArgs): SerializedParams => {
    const out: SerializedParams = { path: '/sub', query: [], headers: [], cookies: [], errors: [] };
    queryParams(params, args, out);
    return out;
  };

  it.each([[[]], [{}], [[null]]])('%j is refused with loc query.topic, not silently left out', (value) => {
    const out = serializeQuery([topic(true)], { query: { topic: value } });
    expect(out.query).toEqual([]);
    expect(out.errors).toEqual([
      { loc: ['query', 'topic'], msg: 'Field required: an empty array or object sends nothing', type: 'missing' },
    ]);
  });

  it('is sent when it has items; an optional one may be empty; a missing one is left to the request validator', () => {
    expect(serializeQuery([topic(true)], { query: { topic: ['a', 'b'] } })).toMatchObject({
      query: ['topic=a', 'topic=b'],
      errors: [],
    });
    expect(serializeQuery([topic(false)], { query: { topic: [] } })).toMatchObject({ query: [], errors: [] });
    expect(serializeQuery([topic(true)], { query: {} })).toMatchObject({ query: [], errors: [] });
  });
});
