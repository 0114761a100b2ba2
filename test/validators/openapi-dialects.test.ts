import { describe, expect, it } from 'vitest';
import { componentEntry, errorsOf, loadValidators } from './load-validators.js';

const pets = (discriminator: object) => ({
  openapi: '3.0.3',
  components: {
    schemas: {
      Pet: { oneOf: [{ $ref: '#/components/schemas/Cat' }, { $ref: '#/components/schemas/Dog' }], discriminator },
      Cat: { type: 'object', required: ['pet_type', 'meows'], properties: { pet_type: { type: 'string' }, meows: { type: 'boolean' } } },
      Dog: { type: 'object', required: ['pet_type', 'barks'], properties: { pet_type: { type: 'string' }, barks: { type: 'boolean' } } },
    },
  },
});

describe('OpenAPI 3.0 schemas', () => {
  const doc = {
    openapi: '3.0.3',
    components: {
      schemas: {
        Thing: {
          type: 'object',
          properties: {
            name: { type: 'string', nullable: true },
            count: { type: 'integer', minimum: 0, exclusiveMinimum: true, maximum: 10, exclusiveMaximum: false },
            ratio: { type: 'number', maximum: 1, exclusiveMaximum: true },
            ref: { $ref: '#/components/schemas/Leaf', description: '3.0 ignores $ref siblings', type: 'integer' },
          },
        },
        Leaf: { type: 'string' },
      },
    },
  };

  it('`nullable: true` admits null; without it null is a type error', async () => {
    const { v } = await loadValidators(doc, [componentEntry('Thing')], 'openapi-3.0');
    expect(v.validateThing!({ name: null }).ok).toBe(true);
    expect(errorsOf(v.validateThing!({ count: null }))).toEqual([{ loc: ['count'], msg: 'Input should be a valid integer', type: 'int_type' }]);
  });

  it('boolean exclusiveMinimum/Maximum turn minimum/maximum exclusive', async () => {
    const { v } = await loadValidators(doc, [componentEntry('Thing')], 'openapi-3.0');
    expect(errorsOf(v.validateThing!({ count: 0, ratio: 1 }))).toEqual([
      { loc: ['count'], msg: 'Input should be greater than 0', type: 'greater_than' },
      { loc: ['ratio'], msg: 'Input should be less than 1', type: 'less_than' },
    ]);
    expect(v.validateThing!({ count: 10, ratio: 0.99 }).ok).toBe(true);
  });

  it('siblings of `$ref` are ignored in 3.0 (the referenced string schema wins)', async () => {
    const { v } = await loadValidators(doc, [componentEntry('Thing')], 'openapi-3.0');
    expect(v.validateThing!({ ref: 'text' }).ok).toBe(true);
  });

  it('the same schema in 3.1 applies `$ref` siblings', async () => {
    const { v } = await loadValidators(doc, [componentEntry('Thing')], 'openapi-3.1');
    expect(errorsOf(v.validateThing!({ ref: 'text' }))[0]).toMatchObject({ loc: ['ref'], type: 'int_type' });
  });
});

describe('discriminator', () => {
  it('picks the branch by implicit schema name and reports only that branch', async () => {
    const { v } = await loadValidators(pets({ propertyName: 'pet_type' }), [componentEntry('Pet')], 'openapi-3.0');
    expect(v.validatePet!({ pet_type: 'Cat', meows: true }).ok).toBe(true);
    expect(errorsOf(v.validatePet!({ pet_type: 'Dog', meows: true }))).toEqual([{ loc: ['barks'], msg: 'Field required', type: 'missing' }]);
  });

  it('uses an explicit mapping and names the unknown value and the allowed ones', async () => {
    const mapping = { cat: '#/components/schemas/Cat', dog: 'Dog' };
    const { v } = await loadValidators(pets({ propertyName: 'pet_type', mapping }), [componentEntry('Pet')], 'openapi-3.0');
    expect(v.validatePet!({ pet_type: 'dog', barks: false }).ok).toBe(true);
    expect(errorsOf(v.validatePet!({ pet_type: 'cow' }))).toEqual([
      { loc: ['pet_type'], msg: "Input tag 'cow' found using 'pet_type' does not match any of the expected tags: 'cat' or 'dog'", type: 'union_tag_invalid' },
    ]);
    expect(errorsOf(v.validatePet!({ barks: true }))).toEqual([{ loc: [], msg: "Unable to extract tag using discriminator 'pet_type'", type: 'union_tag_not_found' }]);
  });

  it('ignores a mapping entry that does not resolve, with a warning at the entry (as the types do)', async () => {
    const mapping = { cat: '#/components/schemas/Cat', cow: 'cow.yml', moo: '#/components/schemas/Nope' };
    const { v, issues } = await loadValidators(pets({ propertyName: 'pet_type', mapping }), [componentEntry('Pet')], 'openapi-3.0');
    expect(issues.map((i) => [i.severity, i.code, i.pointer])).toEqual([
      ['warning', 'unresolvable-discriminator-mapping', '#/components/schemas/Pet/discriminator/mapping/cow'],
      ['warning', 'unresolvable-discriminator-mapping', '#/components/schemas/Pet/discriminator/mapping/moo'],
    ]);
    expect(v.validatePet!({ pet_type: 'cat', meows: true }).ok).toBe(true);
    expect(v.validatePet!({ pet_type: 'Dog', barks: true }).ok).toBe(true);
    expect(errorsOf(v.validatePet!({ pet_type: 'cow' }))).toEqual([
      { loc: ['pet_type'], msg: "Input tag 'cow' found using 'pet_type' does not match any of the expected tags: 'Dog' or 'cat'", type: 'union_tag_invalid' },
    ]);
  });
});

describe('unions without a discriminator', () => {
  it('oneOf/anyOf failures report the branch that came closest, not every branch', async () => {
    const doc = {
      components: {
        schemas: {
          U: {
            anyOf: [
              { type: 'string' },
              { type: 'object', required: ['a', 'b'], properties: { a: { type: 'integer' }, b: { type: 'integer' } } },
              { type: 'object', required: ['c'], properties: { c: { type: 'object', required: ['d'] } } },
            ],
          },
        },
      },
    };
    const { v } = await loadValidators(doc, [componentEntry('U')]);
    expect(errorsOf(v.validateU!({ c: {} }))).toEqual([{ loc: ['c', 'd'], msg: 'Field required', type: 'missing' }]);
    expect(errorsOf(v.validateU!(5))).toEqual([{ loc: [], msg: 'Input should be a valid string', type: 'string_type' }]);
  });
});

describe('readOnly / writeOnly per usage', () => {
  const doc = {
    components: {
      schemas: {
        User: {
          type: 'object',
          required: ['id', 'password', 'name'],
          properties: { id: { type: 'string', readOnly: true }, password: { type: 'string', writeOnly: true }, name: { type: 'string' } },
        },
      },
    },
  };
  const load = () => loadValidators(doc, [
    componentEntry('User', { exportName: 'req', usage: 'request', locPrefix: ['body'] }),
    componentEntry('User', { exportName: 'res', usage: 'response' }),
    componentEntry('User', { exportName: 'any' }),
  ]);

  it('a request need not send a required readOnly property, and may send it back as read (GET, edit, PUT)', async () => {
    const { v } = await load();
    expect(v.req!({ password: 'p', name: 'n' }).ok).toBe(true);
    const roundTrip = { id: 'x', password: 'p', name: 'n' };
    expect(v.req!(roundTrip)).toEqual({ ok: true, value: roundTrip, errors: undefined });
  });

  it('a readOnly property that is sent is still checked against its schema', async () => {
    const { v } = await load();
    expect(errorsOf(v.req!({ id: 5, password: 'p', name: 'n' }))).toEqual([{ loc: ['body', 'id'], msg: 'Input should be a valid string', type: 'string_type' }]);
  });

  it('a response need not carry a required writeOnly property; one that it carries is one write_only error', async () => {
    const { v } = await load();
    expect(v.res!({ id: 'x', name: 'n' }).ok).toBe(true);
    expect(errorsOf(v.res!({ id: 'x', password: 'p', name: 'n' }))).toEqual([{ loc: ['password'], msg: 'Field is write-only and must not be received', type: 'write_only' }]);
    // its value is not checked: the response types leave the property out, so nothing reads it
    expect(errorsOf(v.res!({ id: 'x', password: 5, name: 'n' })).map((e) => e.type)).toEqual(['write_only']);
  });

  it('a component validator (usage any) requires both', async () => {
    const { v } = await load();
    expect(errorsOf(v.any!({ name: 'n' })).map((e) => e.loc)).toEqual([['id'], ['password']]);
  });
});
