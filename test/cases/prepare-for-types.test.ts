/**
 * Table tests for the changes made to openapi-typescript's private copy of the spec (src/model/inline-refs.ts,
 * object-enums.ts, keywords-for-types.ts, discriminated-branches.ts; src/emit/open-tuples.ts, recursive-aliases.ts).
 */
import { describe, expect, it } from 'vitest';
import { inlineUntypeableRefs, isTypeableRef } from '../../src/model/inline-refs.js';
import { dropObjectEnums, findObjectEnums } from '../../src/model/object-enums.js';
import { rewriteKeywordsForTypes } from '../../src/model/keywords-for-types.js';
import { narrowDiscriminatedBranches } from '../../src/model/discriminated-branches.js';
import { findTupleSchemas, markTuples, printTuples } from '../../src/emit/open-tuples.js';
import { findArrayCycles, hoistCyclicSchemas, wrapCyclicSchemas } from '../../src/emit/recursive-aliases.js';

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

describe('rewriteKeywordsForTypes', () => {
  const rewrite = (schema: unknown, refSiblingsApply = false): unknown => {
    const doc = { components: { schemas: { S: structuredClone(schema) } } };
    rewriteKeywordsForTypes(doc, refSiblingsApply);
    return doc.components.schemas.S;
  };
  it.each<[string, unknown, unknown]>([
    ['const null gets type null', { const: null }, { const: null, type: 'null' }],
    ['a non-null const stays', { const: 0 }, { const: 0 }],
    [
      'open patternProperties become additionalProperties: true',
      { type: 'object', patternProperties: { _n$: { type: 'integer' } } },
      { type: 'object', additionalProperties: true },
    ],
    [
      'patternProperties beside additionalProperties: {} too',
      { type: 'object', patternProperties: { _n$: { type: 'integer' } }, additionalProperties: {} },
      { type: 'object', additionalProperties: true },
    ],
    [
      'closed patternProperties stay',
      { type: 'object', patternProperties: { _n$: { type: 'integer' } }, additionalProperties: false },
      { type: 'object', patternProperties: { _n$: { type: 'integer' } }, additionalProperties: false },
    ],
    [
      'patternProperties beside an additionalProperties schema stay (the index type is their union)',
      { type: 'object', patternProperties: { _n$: { type: 'integer' } }, additionalProperties: { type: 'string' } },
      { type: 'object', patternProperties: { _n$: { type: 'integer' } }, additionalProperties: { type: 'string' } },
    ],
    [
      'an object closed with no properties admits no key',
      { type: ['object', 'null'], additionalProperties: false },
      { type: ['object', 'null'], additionalProperties: false, patternProperties: { '': false } },
    ],
    [
      'a closed object with properties stays',
      { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: false },
      { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: false },
    ],
    [
      'a closed object combined with others stays (the index signature would clash with their members)',
      { type: 'object', allOf: [{ $ref: '#/components/schemas/A' }], additionalProperties: false },
      { type: 'object', allOf: [{ $ref: '#/components/schemas/A' }], additionalProperties: false },
    ],
    [
      'properties named after keywords are names, not keywords',
      { type: 'object', properties: { const: { type: 'string' }, patternProperties: { type: 'string' } } },
      { type: 'object', properties: { const: { type: 'string' }, patternProperties: { type: 'string' } } },
    ],
    ['data is left alone', { example: { const: null, patternProperties: { a: {} } } }, { example: { const: null, patternProperties: { a: {} } } }],
    ['3.0: `nullable` beside a `$ref` means nothing and stays', { $ref: '#/components/schemas/A', nullable: true }, { $ref: '#/components/schemas/A', nullable: true }],
  ])('%s', (_, schema, expected) => {
    expect(rewrite(schema)).toEqual(expected);
  });

  it.each<[string, unknown, unknown]>([
    [
      '`nullable` beside a `$ref` moves the `$ref` into an allOf (printed `A | null`)',
      { $ref: '#/components/schemas/A', nullable: true, description: 'd' },
      { allOf: [{ $ref: '#/components/schemas/A' }], nullable: true, description: 'd' },
    ],
    [
      'in front of an allOf already there',
      { $ref: '#/components/schemas/A', nullable: true, allOf: [{ $ref: '#/components/schemas/B' }] },
      { allOf: [{ $ref: '#/components/schemas/A' }, { $ref: '#/components/schemas/B' }], nullable: true },
    ],
    ['a `$ref` without `nullable` stays', { $ref: '#/components/schemas/A', description: 'd' }, { $ref: '#/components/schemas/A', description: 'd' }],
  ])('3.1: %s', (_, schema, expected) => {
    expect(rewrite(schema, true)).toEqual(expected);
  });
});

describe('open tuples', () => {
  const L = { const: 'mL' };
  const R = { const: 'mR' };
  const S = { const: 'mS' };
  const E = { const: 'mE' };
  const str = { type: 'string' };
  const int = { type: 'integer' };
  it.each<[string, Record<string, unknown>, unknown[] | undefined]>([
    ['prefixItems + items: optional prefix, typed rest', { type: 'array', prefixItems: [str], items: int }, [L, str, R, S, int, E]],
    ['minItems requires the prefix', { type: 'array', prefixItems: [str, int], items: int, minItems: 1 }, [str, L, int, R, S, int, E]],
    ['no items: any rest', { type: 'array', prefixItems: [str] }, [L, str, R, S, {}, E]],
    ['items: true: any rest', { type: 'array', prefixItems: [str], items: true }, [L, str, R, S, {}, E]],
    ['maxItems cuts the prefix and the rest', { type: 'array', prefixItems: [str, int, str], maxItems: 2, minItems: 2 }, [str, int]],
    ['2019-09 items array + additionalItems', { type: ['array', 'null'], items: [str], additionalItems: false }, [L, str, R]],
    ['closed and complete: left as openapi-typescript prints it', { type: 'array', prefixItems: [str, int], items: false, minItems: 2 }, undefined],
    ['no type: array: openapi-typescript prints no tuple', { prefixItems: [str] }, undefined],
    ['items: false: always empty', { type: 'array', items: false }, []],
    ['maxItems: 0: always empty', { type: 'array', items: str, maxItems: 0 }, []],
    ['an empty prefix with items: the items', { type: 'array', prefixItems: [], items: str }, [S, str, E]],
    ['a plain array is no tuple', { type: 'array', items: str, minItems: 1 }, undefined],
  ])('%s', (_, schema, expected) => {
    const doc = { components: { schemas: { T: structuredClone(schema) } } };
    const found = findTupleSchemas(doc);
    expect(found.length).toBe(expected === undefined ? 0 : 1);
    markTuples(found, 'm');
    const T = doc.components.schemas.T as Record<string, unknown>;
    if (expected === undefined) return expect(T).toEqual(schema);
    expect(T.prefixItems).toEqual(expected);
    expect(T).not.toHaveProperty('items');
    expect(T).not.toHaveProperty('additionalItems');
  });

  it('prints the markers as optional and rest elements, wherever the printer broke the lines', () => {
    const printed = '[\n  "mL",\n  string | number,\n  "mR",\n  "mS", components["schemas"]["A"], "mE"\n]';
    expect(printTuples(printed, 'm')).toBe('[\n  (string | number)?,\n  ...(components["schemas"]["A"])[]\n]');
  });
});

describe('array cycles', () => {
  const ref = (name: string): { $ref: string } => ({ $ref: `#/components/schemas/${name}` });
  it.each<[string, Record<string, unknown>, string[]]>([
    ['an array of itself', { J: { type: 'array', items: ref('J') } }, ['J']],
    ['a union with an array of itself', { J: { type: ['string', 'array'], items: ref('J') } }, ['J']],
    ['through a union and another array schema', { T: { anyOf: [str(), ref('F')] }, F: { type: 'array', items: ref('T') }, X: ref('T') }, ['T', 'F']],
    ['through tuple elements', { P: { type: 'array', prefixItems: [str(), ref('P')] } }, ['P']],
    ['through object members: resolved lazily, fine as it is', { N: { type: 'object', properties: { kids: { type: 'array', items: ref('N') } } } }, []],
    ['through unions only: no array to defer, not ours to fix', { A: { anyOf: [ref('B')] }, B: { oneOf: [ref('A'), str()] } }, []],
    ['an array of another, acyclic', { A: { type: 'array', items: ref('B') }, B: str() }, []],
  ])('%s', (_, schemas, expected) => {
    expect(findArrayCycles({ components: { schemas } })).toEqual(expected);
  });

  it('hoists each wrapped schema into an alias that refers to the others by alias, and keeps its JSDoc on the member', () => {
    const doc = { components: { schemas: { J: { description: 'any JSON', type: ['string', 'array'], items: ref('J') } as Record<string, unknown> } } };
    wrapCyclicSchemas(doc, ['J'], 'm');
    expect(doc.components.schemas.J).toEqual({
      description: 'any JSON',
      type: 'array',
      prefixItems: [{ const: 'mC0' }, { description: 'any JSON', type: ['string', 'array'], items: ref('J') }, { const: 'mD0' }],
    });
    const printed = 'interface components {\n  schemas: {\n    /** any JSON */\n    J: [\n      "mC0",\n      string | components["schemas"]["J"][],\n      "mD0"\n    ];\n  };\n}';
    const hoisted = hoistCyclicSchemas(printed, ['J'], 'm', new Set(['J']));
    expect(hoisted.split('\n').filter((line) => !line.startsWith('/**'))).toEqual([
      'interface components {',
      '  schemas: {',
      '    /** any JSON */',
      '    J: $RecursiveJ;',
      '  };',
      '}',
      'type $RecursiveJ = string | $RecursiveJ[];',
    ]);
  });
});

function str(): { type: string } {
  return { type: 'string' };
}

function innermostRef(node: unknown): unknown {
  let n = node as { items?: unknown; $ref?: unknown; type?: unknown };
  for (let depth = 0; depth < 5 && n.$ref === undefined; depth++) {
    expect(n.type).toBe('array');
    n = n.items as typeof n;
  }
  return n.$ref;
}

describe('discriminated unions (narrowDiscriminatedBranches)', () => {
  const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
  const tagged = (name: string, prop: string, tags: string[]) => ({
    allOf: [ref(name), { type: 'object', required: [prop], properties: { [prop]: { type: 'string', enum: tags } } }],
  });
  const docWith = (union: object) => ({
    components: { schemas: { U: union, A: { type: 'object' }, B: { type: 'object' }, C: { type: 'object' } } },
  });
  const unionOf = (doc: { components: { schemas: Record<string, unknown> } }) => doc.components.schemas.U;

  it('narrows each $ref branch to its mapping keys and drops the discriminator (the members stay as they are)', () => {
    const doc = docWith({ oneOf: [ref('A'), ref('B')], discriminator: { propertyName: 'kind', mapping: { a: '#/components/schemas/A', b: 'B' } } });
    narrowDiscriminatedBranches(doc);
    expect(unionOf(doc)).toEqual({ oneOf: [tagged('A', 'kind', ['a']), tagged('B', 'kind', ['b'])] });
    expect(doc.components.schemas.A).toEqual({ type: 'object' });
  });

  it('an unmapped branch is tagged with its name; a mapped one only by its keys (several allowed)', () => {
    const doc = docWith({ anyOf: [ref('A'), ref('B')], discriminator: { propertyName: 't', mapping: { x: 'A', y: 'A' } } });
    narrowDiscriminatedBranches(doc);
    expect(unionOf(doc)).toEqual({ anyOf: [tagged('A', 't', ['x', 'y']), tagged('B', 't', ['B'])] });
  });

  it('a name taken as a mapping key is not also the implicit tag of the branch with that name', () => {
    const doc = docWith({ oneOf: [ref('A'), ref('B')], discriminator: { propertyName: 't', mapping: { B: 'A' } } });
    narrowDiscriminatedBranches(doc);
    expect(unionOf(doc)).toEqual({ oneOf: [tagged('A', 't', ['B']), ref('B')] });
  });

  it('with an inline branch (validated as the plain oneOf) nothing is narrowed, and the discriminator is dropped', () => {
    const doc = docWith({ oneOf: [ref('A'), { type: 'object' }], discriminator: { propertyName: 't' } });
    narrowDiscriminatedBranches(doc);
    expect(unionOf(doc)).toEqual({ oneOf: [ref('A'), { type: 'object' }] });
  });

  it('a discriminator without anyOf/oneOf (allOf inheritance) is dropped: it picks nothing in the validators', () => {
    const doc = docWith({ type: 'object', discriminator: { propertyName: 't' } });
    narrowDiscriminatedBranches(doc);
    expect(unionOf(doc)).toEqual({ type: 'object' });
  });
});
