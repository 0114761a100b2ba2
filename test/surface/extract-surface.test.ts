/** The snapshot itself: what it records, that it is deterministic, and that odd schemas terminate. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractSurface, formatSurfaceJson, parseSurfaceJson } from '../../src/surface/index.js';
import { buildSpec, methodName, nullable, obj, ref } from './spec-builder.js';

const seed: unknown = JSON.parse(readFileSync(new URL('../../spec/openapi-20240301.json', import.meta.url), 'utf8'));

/** Rebuilds every object with its keys in reverse order: a spec written in another key order. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reverseKeys(v)]));
}

describe('extractSurface on the bundled spec', () => {
  it('matches the committed snapshot', async () => {
    await expect(formatSurfaceJson(extractSurface(seed, { methodName }))).toMatchFileSnapshot('__golden__/seed-api-surface.json');
  });

  it('is byte-identical across runs and input key orders', () => {
    const once = formatSurfaceJson(extractSurface(seed, { methodName }));
    expect(formatSurfaceJson(extractSurface(seed, { methodName }))).toBe(once);
    expect(formatSurfaceJson(extractSurface(reverseKeys(seed), { methodName }))).toBe(once);
  });

  it('does not modify the document', () => {
    const copy = structuredClone(seed);
    extractSurface(copy, { methodName });
    expect(copy).toEqual(seed);
  });

  it('reads back what it writes', () => {
    const surface = extractSurface(seed, { methodName });
    expect(parseSurfaceJson(formatSurfaceJson(surface))).toEqual({ ok: true, surface });
    expect(parseSurfaceJson('{"format": 99}')).toMatchObject({ ok: false });
    expect(parseSurfaceJson('not json')).toMatchObject({ ok: false });
  });
});

describe('extractSurface details', () => {
  it('normalises nullability written three ways', () => {
    const doc = buildSpec({
      response: obj({
        a: nullable({ type: 'string', format: 'uuid' }),
        b: { type: ['integer', 'null'] },
        c: { type: 'string', nullable: true },
        d: { type: 'string', enum: ['x', null] },
      }),
    });
    const fields = extractSurface(doc, { methodName }).operations['POST /things']?.responses['200']?.fields;
    expect(fields).toEqual({
      a: { type: 'string(uuid)', required: false, nullable: true },
      b: { type: 'integer', required: false, nullable: true },
      c: { type: 'string', required: false, nullable: true },
      d: { type: 'string', required: false, nullable: true, enum: ['x'] },
    });
  });

  it('`nullable` beside a `$ref` makes a field nullable in 3.1 (its siblings apply), not in 3.0 (as to types and validators)', () => {
    const parts = { response: obj({ a: { ...ref('Item'), nullable: true } }), schemas: { Item: obj({ id: { type: 'string' } }) } };
    const field = (openapi: string) => extractSurface({ ...buildSpec(parts), openapi }, { methodName }).operations['POST /things']?.responses['200']?.fields['a'];
    expect(field('3.1.0')).toEqual({ type: 'Item', required: false, nullable: true });
    expect(field('3.0.3')).toEqual({ type: 'Item', required: false, nullable: false });
  });

  it('keeps component refs as names and lists their fields once, under schemas', () => {
    const doc = buildSpec({ response: ref('Page'), schemas: { Page: obj({ items: { type: 'array', items: ref('Item') } }), Item: obj({ id: { type: 'string' } }, ['id']) } });
    const surface = extractSurface(doc, { methodName });
    expect(surface.operations['POST /things']?.responses['200']).toMatchObject({ type: 'Page', fields: {} });
    expect(surface.schemas['Page']?.fields).toEqual({ items: { type: 'array<Item>', required: false, nullable: false } });
    expect(surface.schemas['Item']?.fields).toEqual({ id: { type: 'string', required: true, nullable: false } });
  });

  it('terminates on self-referencing schemas, through components and through inline refs', () => {
    const doc = buildSpec({
      response: ref('Node'),
      schemas: {
        Node: obj({ children: { type: 'array', items: ref('Node') }, parent: ref('Node') }),
        Chain: obj({ link: obj({ next: { $ref: '#/components/schemas/Chain/properties/link' } }) }),
      },
    });
    const surface = extractSurface(doc, { methodName });
    expect(surface.schemas['Node']?.fields['children']?.type).toBe('array<Node>');
    expect(surface.schemas['Chain']?.fields).toMatchObject({
      link: { type: 'object' },
      'link.next': { type: 'object' },
      'link.next.next': { type: 'recursive(#/components/schemas/Chain/properties/link)' },
    });
  });

  it('caps very deep inline nesting instead of walking it all', () => {
    let schema: Record<string, unknown> = { type: 'string' };
    for (let i = 0; i < 40; i++) schema = obj({ n: schema });
    const fields = extractSurface(buildSpec({ response: schema }), { methodName }).operations['POST /things']?.responses['200']?.fields ?? {};
    const depth = Math.max(...Object.keys(fields).map((p) => p.split('.').length));
    expect(depth).toBeGreaterThan(5);
    expect(depth).toBeLessThan(20);
  });

  it('merges path-level parameters, lets the operation override them, and makes path parameters required', () => {
    const doc = buildSpec({ params: [{ name: 'limit', in: 'query', required: true, schema: { type: 'integer' } }] });
    const paths = doc['paths'] as Record<string, Record<string, unknown>>;
    const pathItem = paths['/things'] as Record<string, unknown>;
    pathItem['parameters'] = [
      { name: 'limit', in: 'query', schema: { type: 'string' } },
      { name: 'org', in: 'path', schema: { type: 'string' } },
    ];
    const params = extractSurface(doc, { methodName }).operations['POST /things']?.parameters;
    expect(params).toEqual({
      'path:org': { name: 'org', in: 'path', required: true, type: 'string', nullable: false },
      'query:limit': { name: 'limit', in: 'query', required: true, type: 'integer', nullable: false },
    });
  });

  it('records the credential an Authorization header parameter stands for, where no scheme of the operation sends that header', () => {
    const auth = { name: 'Authorization', in: 'header', required: true, schema: { type: 'string' } };
    const implicit = extractSurface(buildSpec({ params: [auth] }), { methodName });
    expect(implicit.securitySchemes['Authorization']).toBe('apiKey header Authorization (declared as a parameter)');
    // required beside the API key of the global requirement, in every alternative
    expect(implicit.operations['POST /things']?.security).toEqual(['Authorization+key']);
    expect(implicit.operations['POST /things']?.parameters).toEqual({});

    // a bearer scheme sends Authorization itself: the parameter is only ignored, as OpenAPI says
    const bearer = buildSpec({
      params: [auth],
      securitySchemes: { Bearer: { type: 'http', scheme: 'bearer' } },
      security: [{ Bearer: [] }],
    });
    const declared = extractSurface(bearer, { methodName });
    expect(declared.securitySchemes).toEqual({ Bearer: 'http bearer' });
    expect(declared.operations['POST /things']?.security).toBeUndefined();
  });

  it('passes the integrator the lower-case method, the path and the operationId', () => {
    const seen: unknown[] = [];
    extractSurface(buildSpec(), { methodName: (op) => (seen.push(op), 'm') });
    expect(seen).toEqual([{ method: 'post', path: '/things', operationId: 'create-thing' }]);
  });

  it('merges allOf members, quotes odd property names and records markers', () => {
    const doc = buildSpec({
      response: { allOf: [ref('Base'), obj({ 'x.y': { type: 'string', readOnly: true, deprecated: true } }, ['x.y'])] },
      schemas: { Base: obj({ id: { type: 'string' } }) },
    });
    const response = extractSurface(doc, { methodName }).operations['POST /things']?.responses['200'];
    expect(response?.type).toBe('Base&object');
    expect(response?.fields).toEqual({ '["x.y"]': { type: 'string', required: true, nullable: false, readOnly: true, deprecated: true } });
  });
});
