import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMPATIBLE_DEVIATION_TYPES } from '../../src/emit/validators/compatible-deviations.js';
import { emitValidators } from '../../src/emit/validators/index.js';
import { classifyValue, type Verdict } from './deviation-model.js';
import { componentEntry, errorsOf, loadValidators, type Result } from './load-validators.js';

// The client resolves a response whose errors all have a compatible-deviation type (a value, property or variant a
// newer version of the API added) and rejects any other. So the types must classify exactly: each of the four only
// where such an addition explains the value, and every other deviation some other type, however it is reached
// (union branches, nested unions, `const`, `not`).

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const types = (r: Result) => errorsOf(r).map((e) => e.type);

/** What our errors say: accepted, only compatible deviations, or something else too. */
function verdictOf(r: Result): Verdict {
  if (r.ok) return 'valid';
  return r.errors.every((e) => COMPATIBLE_DEVIATION_TYPES.includes(e.type)) ? 'compatible' : 'broken';
}

describe('enum', () => {
  const doc = {
    components: {
      schemas: {
        Typed: { type: 'string', enum: ['a', 'b'] },
        Untyped: { enum: ['a', 'b'] },
        Mixed: { enum: ['a', 1, null] },
        Nullable: { type: ['string', 'null'], enum: ['a', 'b'] },
        Impossible: { type: 'string', enum: [1, 2] },
      },
    },
  };
  const load = async () => (await loadValidators(doc, ['Typed', 'Untyped', 'Mixed', 'Nullable', 'Impossible'].map((n) => componentEntry(n)))).v;

  it('is the error of a value missing from the list that has the JSON type of a listed value', async () => {
    const v = await load();
    expect(errorsOf(v.validateTyped!('c'))).toEqual([{ loc: [], msg: "Input should be 'a' or 'b'", type: 'enum' }]);
    expect(types(v.validateUntyped!('c'))).toEqual(['enum']);
    expect(types(v.validateMixed!('c'))).toEqual(['enum']);
    expect(types(v.validateMixed!(2.5))).toEqual(['enum']);
  });

  it('is never the error of a value of another JSON type: that gets the listed values\' type error', async () => {
    const v = await load();
    expect(errorsOf(v.validateUntyped!(5))).toEqual([{ loc: [], msg: 'Input should be a valid string', type: 'string_type' }]);
    expect(errorsOf(v.validateMixed!(true))).toEqual([{ loc: [], msg: 'Input should be a valid string, a valid integer or null', type: 'string_type' }]);
    expect(types(v.validateMixed!({}))).toEqual(['string_type']);
    // `type` allows null, the list does not: null is no value a newer version could add to a list of strings
    expect(types(v.validateNullable!(null))).toEqual(['string_type']);
    expect(types(v.validateTyped!(5))).toEqual(['string_type']);
    expect(types(v.validateImpossible!('a'))).toEqual(['never']);
  });

  it('adds no code where `type` already guarantees the listed type', () => {
    const { content } = emitted(doc, ['Typed']);
    // one type test per function (yes/no and collecting), one `string_type` error: the type check's
    expect((content.match(/"string_type"/g) ?? []).length).toBe(1);
  });
});

describe('extra_forbidden', () => {
  const doc = {
    components: {
      schemas: {
        Closed: {
          type: 'object',
          required: ['id'],
          additionalProperties: false,
          patternProperties: { '^x-': { type: 'string' } },
          properties: { id: { type: 'integer' }, tags: { type: 'array', items: ref('Tag') } },
        },
        Tag: { type: 'object', additionalProperties: false, properties: { name: { type: 'string' } } },
        Base: { type: 'object', required: ['id'], properties: { id: { type: 'integer' } } },
        Sealed: { allOf: [ref('Base')], properties: { kind: { type: 'string' } }, unevaluatedProperties: false },
      },
    },
  };

  it('is one error per property beyond the closed object, next to every other error of the object', async () => {
    const { v } = await loadValidators(doc, [componentEntry('Closed'), componentEntry('Sealed')]);
    expect(errorsOf(v.validateClosed!({ id: 'one', extra: 1, 'x-note': 5, more: 2, tags: [{ name: 'a', colour: 'red' }] }))).toEqual([
      { loc: ['id'], msg: 'Input should be a valid integer', type: 'int_type' },
      { loc: ['tags', 0, 'colour'], msg: 'Extra inputs are not permitted', type: 'extra_forbidden' },
      { loc: ['extra'], msg: 'Extra inputs are not permitted', type: 'extra_forbidden' },
      { loc: ['x-note'], msg: 'Input should be a valid string', type: 'string_type' },
      { loc: ['more'], msg: 'Extra inputs are not permitted', type: 'extra_forbidden' },
    ]);
    expect(types(v.validateClosed!({ id: 1, extra: 1, 'x-note': 'ok' }))).toEqual(['extra_forbidden']);
  });

  it('comes from unevaluatedProperties: false too, with the evaluated properties still checked', async () => {
    const { v } = await loadValidators(doc, [componentEntry('Sealed')]);
    expect(errorsOf(v.validateSealed!({ id: 1, kind: 'k', extra: true })).map((e) => [e.loc, e.type])).toEqual([[['extra'], 'extra_forbidden']]);
    expect(errorsOf(v.validateSealed!({ id: 'x', extra: true })).map((e) => [e.loc, e.type])).toEqual([
      [['id'], 'int_type'],
      [['extra'], 'extra_forbidden'],
    ]);
  });
});

describe('discriminator tags', () => {
  const doc = {
    components: {
      schemas: {
        Pet: { oneOf: [ref('Cat'), ref('Dog')], discriminator: { propertyName: 'kind' } },
        Cat: { type: 'object', required: ['kind', 'lives'], properties: { kind: { type: 'string' }, lives: { type: 'integer' } } },
        Dog: { type: 'object', required: ['kind'], properties: { kind: { type: 'string' } } },
      },
    },
  };

  it('an unknown string tag is one union_tag_invalid error and nothing else from the union', async () => {
    const { v } = await loadValidators(doc, [componentEntry('Pet')]);
    expect(errorsOf(v.validatePet!({ kind: 'Cow', lives: 'many' }))).toEqual([
      { loc: ['kind'], msg: "Input tag 'Cow' found using 'kind' does not match any of the expected tags: 'Cat' or 'Dog'", type: 'union_tag_invalid' },
    ]);
  });

  it('a tag of another type is a type error, a missing one union_tag_not_found, a known one its branch\'s errors', async () => {
    const { v } = await loadValidators(doc, [componentEntry('Pet')]);
    expect(errorsOf(v.validatePet!({ kind: 5 }))).toEqual([{ loc: ['kind'], msg: 'Input should be a valid string', type: 'string_type' }]);
    expect(types(v.validatePet!({ kind: null }))).toEqual(['string_type']);
    expect(types(v.validatePet!({ lives: 1 }))).toEqual(['union_tag_not_found']);
    expect(errorsOf(v.validatePet!({ kind: 'Cat', lives: 'many' })).map((e) => [e.loc, e.type])).toEqual([[['lives'], 'int_type']]);
  });
});

describe('write_only', () => {
  const doc = {
    components: {
      schemas: {
        Login: {
          type: 'object',
          required: ['user', 'password', 'otp'],
          additionalProperties: false,
          properties: { user: { type: 'string' }, password: { type: 'string', writeOnly: true }, otp: { type: 'integer', writeOnly: true } },
        },
      },
    },
  };

  it('is one error per writeOnly property a response carries, whatever its value', async () => {
    const { v } = await loadValidators(doc, [componentEntry('Login', { usage: 'response' })]);
    expect(errorsOf(v.validateLogin!({ user: 'u', password: 'p', otp: 'x' }))).toEqual([
      { loc: ['otp'], msg: 'Field is write-only and must not be received', type: 'write_only' },
      { loc: ['password'], msg: 'Field is write-only and must not be received', type: 'write_only' },
    ]);
    expect(v.validateLogin!({ user: 'u' }).ok).toBe(true);
  });
});

describe('unions', () => {
  const doc = {
    components: {
      schemas: {
        Circle: { type: 'object', required: ['r'], additionalProperties: false, properties: { r: { type: 'number' }, unit: { enum: ['cm', 'in'] } } },
        Square: { type: 'object', required: ['side'], additionalProperties: false, properties: { side: { type: 'number' }, unit: { enum: ['cm', 'in'] } } },
        Deep: { type: 'object', properties: { a: { type: 'object', properties: { b: { type: 'object', required: ['c'] } } } } },
        AnyShape: { anyOf: [ref('Deep'), ref('Circle')] },
        OneShape: { oneOf: [ref('Circle'), ref('Square')] },
        Literal: { oneOf: [{ const: 'x' }, { const: 'y' }] },
        Maybe: { oneOf: [{ type: 'null' }, ref('Unit')] },
        Unit: { type: 'string', enum: ['cm', 'in'] },
      },
    },
  };
  const load = async () => (await loadValidators(doc, ['AnyShape', 'OneShape', 'Literal', 'Maybe'].map((n) => componentEntry(n)))).v;

  it('report a branch that fails only by compatible deviations before a closer-looking one', async () => {
    const v = await load();
    // Deep fails two levels down; Circle only by a property it does not list: the value is a Circle of a newer version
    expect(errorsOf(v.validateAnyShape!({ r: 1, a: { b: {} } })).map((e) => [e.loc, e.type])).toEqual([[['a'], 'extra_forbidden']]);
    expect(types(v.validateMaybe!('mm'))).toEqual(['enum']);
  });

  it('a oneOf that two branches would match but for new properties is ambiguous: one_of_multiple', async () => {
    const v = await load();
    expect(errorsOf(v.validateOneShape!({ r: 1, side: 2 })).map((e) => [e.loc, e.type])).toEqual([
      [['side'], 'extra_forbidden'],
      [[], 'one_of_multiple'],
    ]);
    expect(types(v.validateOneShape!({ r: 1, unit: 'mm' }))).toEqual(['enum']);
  });

  it('a const is no enum: a new value there is never a compatible deviation', async () => {
    const v = await load();
    expect(types(v.validateLiteral!('z'))).toEqual(['literal_error']);
  });
});

it('a `type` listing no JSON type this compiler knows is ignored with a warning (the module still compiles)', async () => {
  const { v, issues } = await loadValidators({ components: { schemas: { T: { type: 'text', minLength: 2 } } } }, [componentEntry('T')]);
  expect(issues.map((i) => [i.code, i.message])).toEqual([['invalid-schema', '`type` has unknown entries: ["text"]; they are ignored']]);
  expect(v.validateT!(5).ok).toBe(true);
  expect(types(v.validateT!('a'))).toEqual(['string_too_short']);
});

describe('agree with the reference model on valid values mutated both ways', () => {
  // Schemas with every path to the four types: enums typed, untyped and mixed, closed objects with pattern
  // properties, a discriminated union with a const and an enum tag, unions without one (nested, nullable, ambiguous),
  // `not`, unevaluatedProperties and writeOnly.
  const doc = {
    components: {
      schemas: {
        Shelter: {
          type: 'object',
          required: ['pets'],
          additionalProperties: false,
          properties: {
            pets: { type: 'array', items: ref('Pet') },
            status: { type: 'string', enum: ['open', 'closed'] },
            address: { anyOf: [ref('Address'), { type: 'null' }] },
            shape: ref('Shape'),
            choice: { oneOf: [{ anyOf: [ref('Circle'), ref('Square')] }, { type: 'string', minLength: 2 }] },
            notCircle: { not: ref('Circle') },
            literal: { const: 'x' },
            mixed: { enum: ['a', 1, null, true] },
            sealed: ref('Sealed'),
          },
        },
        Pet: {
          oneOf: [ref('Cat'), ref('Dog')],
          discriminator: { propertyName: 'kind', mapping: { cat: '#/components/schemas/Cat', dog: '#/components/schemas/Dog' } },
        },
        Cat: {
          type: 'object',
          required: ['kind', 'name'],
          additionalProperties: false,
          properties: { kind: { type: 'string', enum: ['cat'] }, name: { type: 'string' }, lives: { type: 'integer', maximum: 9 }, color: ref('Color') },
        },
        Dog: {
          type: 'object',
          required: ['kind', 'name'],
          additionalProperties: false,
          properties: { kind: { const: 'dog' }, name: { type: 'string' }, owner: ref('Owner') },
        },
        Color: { enum: ['black', 'white', 'ginger'] },
        Owner: {
          type: 'object',
          required: ['id', 'password'],
          additionalProperties: false,
          properties: { id: { type: 'integer' }, password: { type: 'string', writeOnly: true }, role: { type: ['string', 'null'], enum: ['admin', 'user', null] } },
        },
        Address: { type: 'object', additionalProperties: false, patternProperties: { '^x-': { type: 'string' } }, properties: { city: { type: 'string' }, zip: { type: 'string', minLength: 3 } } },
        Shape: { oneOf: [ref('Circle'), ref('Square'), { type: 'null' }] },
        Circle: { type: 'object', required: ['r'], additionalProperties: false, properties: { r: { type: 'number' }, unit: { enum: ['cm', 'in'] } } },
        Square: { type: 'object', required: ['side'], additionalProperties: false, properties: { side: { type: 'number' }, unit: { enum: ['cm', 'in'] } } },
        Base: { type: 'object', required: ['id'], properties: { id: { type: 'integer' } } },
        Sealed: { allOf: [ref('Base')], properties: { tag: { type: 'string', enum: ['t1', 't2'] } }, unevaluatedProperties: false },
      },
    },
  };
  /** Valid values; a request and a component validator also need the owner's writeOnly password. */
  const seedsFor = (usage: string): unknown[] => (usage === 'response' ? seeds : JSON.parse(JSON.stringify(seeds).replaceAll('"owner":{', '"owner":{"password":"pw",')));
  const seeds = [
    { pets: [] },
    {
      pets: [
        { kind: 'cat', name: 'Tom', lives: 7, color: 'ginger' },
        { kind: 'dog', name: 'Rex', owner: { id: 1, role: 'admin' } },
      ],
      status: 'open',
      address: { city: 'Oslo', zip: '0150', 'x-floor': '2' },
      shape: { r: 2, unit: 'cm' },
      choice: { side: 3 },
      notCircle: { side: 1 },
      literal: 'x',
      mixed: 1,
      sealed: { id: 3, tag: 't1' },
    },
    { pets: [{ kind: 'dog', name: 'Fido', owner: { id: 2, role: null } }], address: null, shape: null, choice: 'ab', mixed: null },
  ];

  it.each(['response', 'request', 'any'] as const)('usage %s', async (usage) => {
    await expectAgreement(doc, 'Shelter', usage, mutatedValue(seedsFor(usage), KEYS, VALUES));
  });

  it('its strict part (valid or not) agrees with ajv where no discriminator or usage is involved', async () => {
    const require = createRequire(import.meta.url);
    const Ajv2020 = (require('ajv/dist/2020.js') as { default: new (o: object) => AjvLike }).default;
    const ajv = new Ajv2020({ strict: false });
    const plain = { components: { schemas: { ...doc.components.schemas, Pet: { oneOf: [ref('Cat'), ref('Dog')] } } } };
    ajv.addSchema(plain, 'doc');
    const check = ajv.getSchema('doc#/components/schemas/Shelter')!;
    fc.assert(
      fc.property(mutatedValue(seeds, KEYS, VALUES), (value) => {
        expect(check(value)).toBe(classifyValue(plain, 'Shelter', value, 'any') === 'valid');
      }),
      { numRuns: 800 },
    );
  });
});

describe('agree with the reference model on small union values mutated both ways', () => {
  // Unions without a discriminator, where the branch reported decides the verdict: a branch failing only by
  // compatible deviations against a deeper-failing one, two such branches in a oneOf (ambiguous), nested unions,
  // nullable unions, consts.
  const doc = {
    components: {
      schemas: {
        Root: {
          type: 'object',
          additionalProperties: false,
          properties: {
            one: { oneOf: [ref('Circle'), ref('Square'), { type: 'null' }] },
            any: { anyOf: [ref('Deep'), ref('Circle')] },
            nested: { oneOf: [{ anyOf: [ref('Circle'), ref('Square')] }, { type: 'string', enum: ['a', 'b'] }] },
            maybe: { oneOf: [{ type: 'null' }, ref('Unit')] },
            lit: { oneOf: [{ const: 'x' }, { const: 'y' }] },
          },
        },
        Circle: { type: 'object', required: ['r'], additionalProperties: false, properties: { r: { type: 'number' }, unit: ref('Unit') } },
        Square: { type: 'object', required: ['side'], additionalProperties: false, properties: { side: { type: 'number' }, unit: ref('Unit') } },
        Deep: { type: 'object', properties: { a: { type: 'object', properties: { b: { type: 'object', required: ['c'] } } } } },
        Unit: { type: 'string', enum: ['cm', 'in'] },
      },
    },
  };
  const seeds = [
    { one: { r: 1 }, any: { r: 1, unit: 'cm' }, nested: { side: 2 }, maybe: 'cm', lit: 'x' },
    { one: { side: 1, unit: 'in' }, any: { a: { b: { c: 1 } } }, nested: 'a', maybe: null, lit: 'y' },
    { one: null, any: { a: {} }, nested: { r: 3, unit: 'in' } },
  ];
  const keys = ['r', 'side', 'unit', 'a', 'b', 'c', 'extra'];
  const values = [1, 2.5, 'cm', 'mm', 'x', 'a', 'q', null, true, {}, { c: 1 }, { b: {} }];

  it('usage any', async () => {
    await expectAgreement(doc, 'Root', 'any', mutatedValue(seeds, keys, values));
  });
});

/**
 * Checks that our verdict (see `verdictOf`) is the model's on every generated value, and that the values reach every
 * verdict often enough for the agreement to mean something.
 */
async function expectAgreement(doc: Parameters<typeof classifyValue>[0], name: string, usage: 'request' | 'response' | 'any', values: fc.Arbitrary<unknown>): Promise<void> {
  const { v } = await loadValidators(doc, [componentEntry(name, { usage })]);
  const validate = v[`validate${name}`]!;
  const seen: Record<Verdict, number> = { valid: 0, compatible: 0, broken: 0 };
  fc.assert(
    fc.property(values, (value) => {
      const model = classifyValue(doc, name, value, usage);
      seen[model]++;
      const result = validate(value);
      if (verdictOf(result) !== model) throw new Error(`model says ${model}, errors: ${JSON.stringify(result.ok ? [] : result.errors)}`);
    }),
    { numRuns: 1500 },
  );
  for (const verdict of ['valid', 'compatible', 'broken'] as const) expect(seen[verdict]).toBeGreaterThan(100);
}

type AjvLike = { addSchema(s: object, k: string): void; getSchema(k: string): ((v: unknown) => boolean) | undefined };

/** The emitted module's text (for checks on the code itself). */
function emitted(doc: object, names: string[]): { content: string } {
  return emitValidators({ document: doc, dialect: 'openapi-3.1', entries: names.map((n) => componentEntry(n)) });
}

/** Pieces mutations put into shelters: strings that are and are not listed anywhere, numbers, every other JSON type. */
const VALUES: unknown[] = ['zzz', 'cat', 'dog', 'cm', 'mm', 'open', 'admin', 'a', 'x', 't1', '', 5, 2.5, -1, 0, true, false, null, [], {}, [1], { a: 1 }, { r: 1 }];
const KEYS = ['extra', 'name', 'kind', 'r', 'side', 'unit', 'password', 'id', 'x-note', 'tag', 'zip', 'role', 'owner', 'pets'];

type Mutation = { at: number; op: 'add' | 'delete' | 'replace' | 'newString' | 'push' | 'pop'; key: string; value: unknown };

/**
 * A seed with up to three mutations at random places: a property added (compatible where the object is closed) or
 * removed, a value replaced by one of any type, a string changed to one no list has (a new enum value or tag), an
 * array item repeated or dropped.
 */
function mutatedValue(seeds: unknown[], keys: string[], values: unknown[]): fc.Arbitrary<unknown> {
  const mutation = fc.record({
    at: fc.nat(),
    op: fc.constantFrom('add', 'add', 'delete', 'replace', 'newString', 'newString', 'push', 'pop'),
    key: fc.constantFrom(...keys),
    value: fc.constantFrom(...values),
  }) as fc.Arbitrary<Mutation>;
  return fc.tuple(fc.constantFrom(...seeds), fc.array(mutation, { maxLength: 3 })).map(([seed, mutations]) => {
    const root = { value: structuredClone(seed) };
    for (const m of mutations) apply(root, m);
    return root.value;
  });
}

function apply(root: { value: unknown }, m: Mutation): void {
  const places: Array<{ holder: Record<string | number, unknown>; key: string | number }> = [];
  const walk = (holder: Record<string | number, unknown>, key: string | number): void => {
    places.push({ holder, key });
    const x = holder[key];
    if (Array.isArray(x)) x.forEach((_, i) => walk(x as unknown as Record<number, unknown>, i));
    else if (typeof x === 'object' && x !== null) for (const k of Object.keys(x)) walk(x as Record<string, unknown>, k);
  };
  walk(root as Record<string, unknown>, 'value');
  const { holder, key } = places[m.at % places.length]!;
  const x = holder[key];
  if (m.op === 'add' && typeof x === 'object' && x !== null && !Array.isArray(x)) (x as Record<string, unknown>)[m.key] = structuredClone(m.value);
  else if (m.op === 'delete' && typeof x === 'object' && x !== null && !Array.isArray(x)) {
    const keys = Object.keys(x);
    if (keys.length > 0) delete (x as Record<string, unknown>)[keys[m.at % keys.length]!];
  } else if (m.op === 'newString' && typeof x === 'string') holder[key] = `${x}-new`;
  else if (m.op === 'push' && Array.isArray(x) && x.length > 0) x.push(structuredClone(x[m.at % x.length]));
  else if (m.op === 'pop' && Array.isArray(x)) x.pop();
  else if (m.op === 'replace') holder[key] = structuredClone(m.value);
}

