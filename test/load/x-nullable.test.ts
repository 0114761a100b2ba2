/**
 * Swagger 2's `x-nullable: true` is read as `nullable: true` on the loaded document's Schema Objects, and nowhere
 * else: not on Parameter, Request Body or Response Objects, not in example data, not where `nullable` is explicit.
 */
import { describe, expect, it } from 'vitest';
import { emitValidators } from '../../src/emit/validators/index.js';
import { checkDocument } from '../../src/load/load-spec.js';
import { getAtPointer } from '../../src/load/pointer.js';
import { readXNullable } from '../../src/load/x-nullable.js';
import { componentEntry } from '../validators/load-validators.js';

const xn = { type: 'string', 'x-nullable': true };

/** A document with `x-nullable: true` at every kind of place; the pointers below name them. */
function documentWithEveryPlace(): Record<string, unknown> {
  return {
    openapi: '3.0.3',
    info: { title: 't', version: '1' },
    paths: {
      '/a': {
        parameters: [{ name: 'p', in: 'query', 'x-nullable': true, schema: { ...xn } }],
        post: {
          requestBody: {
            'x-nullable': true,
            content: {
              'application/json': {
                schema: { type: 'object', properties: { body: { ...xn } } },
                examples: { e: { value: { schema: { ...xn } } } },
              },
            },
          },
          responses: {
            '200': {
              description: 'ok',
              'x-nullable': true,
              headers: { 'X-H': { schema: { ...xn } } },
              content: { 'application/json': { schema: { type: 'array', items: { ...xn } } } },
            },
          },
        },
      },
    },
    components: {
      parameters: { schema: { name: 'schema', in: 'query', 'x-nullable': true, schema: { ...xn } } },
      schemas: {
        S: {
          type: 'object',
          'x-nullable': true,
          example: { 'x-nullable': true, items: { ...xn } },
          properties: {
            plain: { ...xn },
            no: { type: 'string', 'x-nullable': false },
            explicit: { type: 'string', nullable: false, 'x-nullable': true },
            all: { allOf: [{ ...xn }], anyOf: [{ ...xn }], oneOf: [{ ...xn }], not: { ...xn } },
            map: { type: 'object', additionalProperties: { ...xn }, patternProperties: { '^a': { ...xn } } },
            ref: { $ref: '#/components/schemas/T', 'x-nullable': true },
            'x-nullable': { type: 'object', properties: { inner: { ...xn } } },
          },
        },
        T: { ...xn },
      },
    },
  };
}

describe('readXNullable', () => {
  const doc = documentWithEveryPlace();
  readXNullable(doc);
  const nullableAt = (pointer: string) => (getAtPointer(doc, pointer) as Record<string, unknown>).nullable;

  it.each([
    '#/paths/~1a/parameters/0/schema',
    '#/paths/~1a/post/requestBody/content/application~1json/schema/properties/body',
    '#/paths/~1a/post/responses/200/headers/X-H/schema',
    '#/paths/~1a/post/responses/200/content/application~1json/schema/items',
    '#/components/parameters/schema/schema',
    '#/components/schemas/S',
    '#/components/schemas/S/properties/plain',
    '#/components/schemas/S/properties/all/allOf/0',
    '#/components/schemas/S/properties/all/anyOf/0',
    '#/components/schemas/S/properties/all/oneOf/0',
    '#/components/schemas/S/properties/all/not',
    '#/components/schemas/S/properties/map/additionalProperties',
    '#/components/schemas/S/properties/map/patternProperties/^a',
    '#/components/schemas/S/properties/ref',
    '#/components/schemas/S/properties/x-nullable/properties/inner',
    '#/components/schemas/T',
  ])('a Schema Object gets `nullable: true`: %s', (pointer) => {
    expect(nullableAt(pointer)).toBe(true);
  });

  it.each([
    ['a Parameter Object', '#/paths/~1a/parameters/0'],
    ['a Parameter Object named `schema`', '#/components/parameters/schema'],
    ['a Request Body Object', '#/paths/~1a/post/requestBody'],
    ['a Response Object', '#/paths/~1a/post/responses/200'],
    ['example data in a media type', '#/paths/~1a/post/requestBody/content/application~1json/examples/e/value/schema'],
    ['example data in a schema', '#/components/schemas/S/example'],
    ['example data in a schema, nested', '#/components/schemas/S/example/items'],
    ['`x-nullable: false`', '#/components/schemas/S/properties/no'],
  ])('left alone: %s', (_, pointer) => {
    expect(nullableAt(pointer)).toBeUndefined();
  });

  it('an explicit `nullable` wins', () => {
    expect(nullableAt('#/components/schemas/S/properties/explicit')).toBe(false);
  });

  it('a property called `x-nullable` is a name, not the extension', () => {
    expect(nullableAt('#/components/schemas/S/properties/x-nullable')).toBeUndefined();
  });
});

describe('loading', () => {
  it('reads `x-nullable` into the loaded copy, in 3.0 and 3.1 documents, and leaves the input as it was', () => {
    for (const openapi of ['3.0.3', '3.1.0']) {
      const raw = { ...documentWithEveryPlace(), openapi };
      const before = structuredClone(raw);
      const { spec } = checkDocument('spec.json', raw);
      expect(getAtPointer(spec!.document, '#/components/schemas/S/properties/plain')).toEqual({ type: 'string', 'x-nullable': true, nullable: true });
      expect(raw).toEqual(before);
    }
  });

  it('a document without `x-nullable` loads unchanged', () => {
    const raw = { openapi: '3.0.3', info: { title: 't', version: '1' }, paths: {}, components: { schemas: { A: { type: 'string' } } } };
    expect(checkDocument('spec.json', raw).spec!.document).toEqual(raw);
  });

  it("the validators' issues and errors keep the spec's pointers and locations", () => {
    const raw = {
      openapi: '3.0.3',
      info: { title: 't', version: '1' },
      paths: {},
      components: { schemas: { A: { type: 'object', properties: { code: { type: 'string', pattern: '(', 'x-nullable': true } } } } },
    };
    const { spec } = checkDocument('spec.json', raw);
    const { issues } = emitValidators({ document: spec!.document, dialect: spec!.dialect, entries: [componentEntry('A')] });
    expect(issues.map((i) => [i.code, i.pointer])).toEqual([['invalid-pattern', '#/components/schemas/A/properties/code/pattern']]);
  });
});
