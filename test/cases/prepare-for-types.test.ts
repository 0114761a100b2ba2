/** Table tests for the changes made to openapi-typescript's private copy of the spec (src/model/inline-refs.ts, object-enums.ts). */
import { describe, expect, it } from 'vitest';
import { inlineUntypeableRefs, isTypeableRef } from '../../src/model/inline-refs.js';
import { dropObjectEnums, findObjectEnums } from '../../src/model/object-enums.js';

describe('isTypeableRef', () => {
  it.each([
    ['#/components/schemas/A', true],
    ['#/components/parameters/p', true],
    ['#/components/schemas/A/properties/b', true],
    ['#/components/schemas/A/properties/b/properties/c', true],
    ['#/components/schemas/A/properties/properties', true],
    ['#/paths/~1a/get/responses/200', true],
    ['#/paths/~1a/post/requestBody', true],
    ['#/components/schemas/A/items', false],
    ['#/components/schemas/A/additionalProperties', false],
    ['#/components/schemas/A/definitions/b', false],
    ['#/components/schemas/A/properties/b/items', false],
    ['#/paths/~1a/get/parameters/0', false],
    ['#/paths/~1a/get/parameters/0/schema', false],
    ['#/paths/~1a/get/responses/200/content/application~1json/schema', false],
    ['#/definitions/A', false],
  ])('%s → %s', (ref, expected) => {
    expect(isTypeableRef(ref)).toBe(expected);
  });
});

describe('inlineUntypeableRefs', () => {
  it('inlines copies, leaves typeable refs and data alone, hoists a recursive target', () => {
    const doc = {
      paths: {
        '/a': {
          get: {
            parameters: [{ name: 'id', in: 'path', schema: { type: 'string' } }],
            // `default` is data in a schema, but the catch-all response here
            responses: { default: { content: { schema: { $ref: '#/paths/~1a/get/parameters/0/schema' } as unknown } } },
          },
        },
      },
      components: {
        schemas: {
          A: { type: 'object', definitions: { node: { type: 'array', items: { $ref: '#/components/schemas/A/definitions/node' } } } },
          B: {
            properties: {
              id: { $ref: '#/paths/~1a/get/parameters/0/schema' },
              node: { $ref: '#/components/schemas/A/definitions/node' },
              a: { $ref: '#/components/schemas/A' },
              // a property called `default` is a name, not a default value: its ref is inlined like any other
              default: { $ref: '#/paths/~1a/get/parameters/0/schema' },
            },
            example: { $ref: '#/paths/~1a/get/parameters/0/schema' },
          },
        },
      },
    };
    inlineUntypeableRefs(doc);
    const B = doc.components.schemas.B as unknown as { properties: Record<string, unknown>; example: unknown };
    expect(B.properties.id).toEqual({ type: 'string' });
    expect(B.properties.id).not.toBe(doc.paths['/a'].get.parameters[0]!.schema);
    expect(B.properties.a).toEqual({ $ref: '#/components/schemas/A' });
    expect(B.properties.default).toEqual({ type: 'string' });
    expect(doc.paths['/a'].get.responses.default.content.schema).toEqual({ type: 'string' });
    expect(B.example).toEqual({ $ref: '#/paths/~1a/get/parameters/0/schema' });
    // the recursion ends in a $ref to a copy hoisted under components/schemas (after an unrolling or two)
    const hoisted = '#/components/schemas/A~1definitions~1node';
    expect(innermostRef(B.properties.node)).toBe(hoisted);
    expect(innermostRef((doc.components.schemas as Record<string, unknown>)['A/definitions/node'])).toBe(hoisted);
    expect(JSON.stringify(doc)).not.toContain('"#/components/schemas/A/definitions/node"');
  });
});

describe('object enums', () => {
  it('finds type: object schemas with an enum, reports their pointers, and drops the enum from a copy', () => {
    const doc = {
      components: {
        schemas: {
          G: { type: 'object', enum: ['PKW'], properties: { name: { type: 'string' } } },
          S: { type: 'string', enum: ['a'] },
          E: { type: 'string', example: { type: 'object', enum: ['x'] } },
        },
      },
    };
    const found = findObjectEnums(doc);
    expect(found.issues.map((i) => i.pointer)).toEqual(['#/components/schemas/G/enum']);
    dropObjectEnums(doc);
    expect(doc.components.schemas.G).not.toHaveProperty('enum');
    expect(doc.components.schemas.S.enum).toEqual(['a']);
    expect(doc.components.schemas.E.example.enum).toEqual(['x']);
  });
});

function innermostRef(node: unknown): unknown {
  let n = node as { items?: unknown; $ref?: unknown; type?: unknown };
  for (let depth = 0; depth < 5 && n.$ref === undefined; depth++) {
    expect(n.type).toBe('array');
    n = n.items as typeof n;
  }
  return n.$ref;
}
