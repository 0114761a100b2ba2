/**
 * Schema keywords whose generated types were once wrong, each held exact now: a consumer snippet
 * states what the types must allow and (with `@ts-expect-error`) forbid, and is typechecked against the
 * generated package. The types come from openapi-typescript driven from src/emit/ (its private copy of the spec is
 * rewritten where it misreads a keyword: model/keywords-for-types.ts, emit/open-tuples.ts, emit/recursive-aliases.ts),
 * not from the validators, which already do what the spec says (schema-validators.test.ts).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GeneratedFile } from '../../src/generated-file.js';
import { generate } from '../../src/run.js';
import { typecheckPackages, type PackageDiagnostic } from '../corpus/typecheck.js';
import { generateCase } from './case-package.js';

/** Declarations every snippet may use. */
const PRELUDE = `
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Present<T> = Exclude<T, undefined>;
export type Unused = Equals<1, 1> | Present<undefined>;
`;

/** A keyword's type: the golden case whose package is checked, and a consumer snippet (what a correct package accepts and rejects). */
interface TypeCheck {
  caseName: string;
  snippet: string;
}

const CHECKS: Record<string, TypeCheck> = {
  // spec (openapi-30-schemas): Card ({type: string, last4}) is a oneOf member of PaymentMethod, whose discriminator
  // maps 'card' to it. openapi-typescript alone writes 'card' into Card itself, so `Card` (and validateCard's result)
  // claimed a tag Card's schema, and so validateCard, does not require: it accepts { type: 'bank_account', … }.
  // Now only the union's branches are narrowed (model/discriminated-branches.ts).
  'discriminator-member-alone': {
    caseName: 'openapi-30-schemas',
    snippet: `
      import type { Card, PaymentMethod } from './src/types.js';
      import { validateCard } from './src/validators.js';
      const alone: Equals<Card['type'], string> = true;
      const result = validateCard({ type: 'bank_account', last4: '4242' });
      const validated: Card | undefined = result.ok ? result.value : undefined;
      const branch: Equals<Extract<PaymentMethod, { type: 'card' }>, Card & { type: 'card' }> = true;
      // narrowing on the tag still reaches the branch's own fields
      const last4 = (m: PaymentMethod): string => (m.type === 'card' ? m.last4 : m.iban);
      // @ts-expect-error a union member's tag is its mapping key
      const wrongTag: PaymentMethod = { type: 'Card', last4: '4242' };
      export { alone, validated, branch, last4, wrongTag };`,
  },
  // spec: "tags": { "type": "array", "prefixItems": [{ "type": "string" }], "items": { "type": "integer" } }
  // openapi-typescript alone prints `[string]` (prefixItems as a closed tuple of required items, `items` and
  // minItems ignored); a prefix item is present only if minItems asks for it, and the rest are integers
  'prefixItems-with-items': {
    caseName: 'openapi-31-schemas',
    snippet: `
      import type { Invoice } from './src/types.js';
      const tagsType: Equals<Invoice['tags'], [string?, ...number[]]> = true;
      const tags: Array<Invoice['tags']> = [[], ['batch'], ['batch', 1, 2]];
      // @ts-expect-error the rest are integers
      const wrongRest: Invoice['tags'] = ['batch', 'x'];
      // @ts-expect-error the first is a string
      const wrongFirst: Invoice['tags'] = [1, 2];
      export { tagsType, tags, wrongRest, wrongFirst };`,
  },
  // spec: "period": prefixItems [date, date], "items": false, "minItems": 2: exactly two strings, as before
  'prefixItems-closed': {
    caseName: 'openapi-31-schemas',
    snippet: `
      import type { InvoiceCreate } from './src/types.js';
      const periodType: Equals<InvoiceCreate['period'], [string, string]> = true;
      export { periodType };`,
  },
  // spec: "location": { "type": "array", "prefixItems": [{ "type": "number" }, { "type": "number" }] } (no items,
  // no minItems): the validator accepts [], [52.5] and [52.5, 13.4, 'Berlin'] (prefixItems neither requires its
  // items nor closes the array); openapi-typescript alone prints `[number, number]`
  'prefixItems-open': {
    caseName: 'openapi-31-schemas',
    snippet: `
      import type { Invoice } from './src/types.js';
      const locationType: Equals<Present<Invoice['location']>, [number?, number?, ...unknown[]]> = true;
      const locations: Array<Present<Invoice['location']>> = [[], [52.5], [52.5, 13.4, 'Berlin']];
      // @ts-expect-error the first two are numbers
      const wrong: Present<Invoice['location']> = ['52.5'];
      export { locationType, locations, wrong };`,
  },
  // spec: "voided": { "const": null }; openapi-typescript alone skips a null const and finds no type: `unknown`
  'const-null': {
    caseName: 'openapi-31-schemas',
    snippet: `
      import type { Invoice } from './src/types.js';
      const voidedType: Equals<Invoice['voided'], null> = true;
      export { voidedType };`,
  },
  // spec: "counters": { "type": "object", "patternProperties": { "_count$": { "type": "integer" } } }
  // (additionalProperties not given: other keys hold anything); openapi-typescript alone prints
  // `{ [key: string]: number }`, which rejects `label: 'free'`, a value the validator accepts
  'patternProperties-open': {
    caseName: 'openapi-31-schemas',
    snippet: `
      import type { InvoiceCreate } from './src/types.js';
      const countersType: Equals<Present<InvoiceCreate['counters']>, { [key: string]: unknown }> = true;
      const counters: Present<InvoiceCreate['counters']> = { page_count: 2, label: 'free' };
      export { countersType, counters };`,
  },
  // spec: "custom_fields": patternProperties { "^x_[a-z]+$": string } and additionalProperties: false: every key
  // is a pattern's, so the values are strings
  'patternProperties-closed': {
    caseName: 'openapi-31-schemas',
    snippet: `
      import type { InvoiceCreate } from './src/types.js';
      const fieldsType: Equals<Present<InvoiceCreate['custom_fields']>, { [key: string]: string }> = true;
      export { fieldsType };`,
  },
  // spec: "preferences": { "type": "object" } (a free-form object: any properties); openapi-typescript alone
  // prints `Record<string, never>`, so `preferences: { theme: 'dark' }`, which the validator and the server
  // accept, did not compile; objects with properties and no additionalProperties stay exact (Settings)
  'free-form-object': {
    caseName: 'openapi-30-schemas',
    snippet: `
      import type { CustomerUpdate, Settings } from './src/types.js';
      const preferencesType: Equals<Present<CustomerUpdate['preferences']>, Record<string, unknown>> = true;
      const update: CustomerUpdate = { preferences: { theme: 'dark', digest: { weekly: true } } };
      // @ts-expect-error Settings lists its properties and allows no others
      const settings: Settings = { locale: 'de', theme: 'dark' };
      export { preferencesType, update, settings };`,
  },
};

// spec: "JsonValue": { "type": [… "object", "array"], "additionalProperties": { "$ref": JsonValue }, "items": { "$ref": JsonValue } }
// openapi-typescript alone prints `JsonValue: … | components["schemas"]["JsonValue"][]` inside the `components`
// interface: a cycle through an array and no object literal is not deferred there, so types.ts did not compile
// (TS2502) and JsonValue silently became `any`. Printed as a top-level recursive alias, it compiles and stays exact.
const JSON_VALUE_SPEC = {
  openapi: '3.1.0',
  info: { title: 'Config store', version: '1.0.0' },
  paths: {
    '/config': {
      get: {
        operationId: 'getConfig',
        responses: { '200': { description: 'config', content: { 'application/json': { schema: { $ref: '#/components/schemas/JsonValue' } } } } },
      },
    },
  },
  components: {
    schemas: {
      JsonValue: {
        type: ['string', 'number', 'boolean', 'null', 'object', 'array'],
        additionalProperties: { $ref: '#/components/schemas/JsonValue' },
        items: { $ref: '#/components/schemas/JsonValue' },
      },
    },
  },
};
const JSON_VALUE_USAGE = `
import type { JsonValue } from './src/types.js';
const config: JsonValue = { retries: 3, hosts: ['a', { weight: 0.5, tags: [true, null] }] };
// @ts-expect-error undefined is not JSON
const bad: JsonValue = { a: [undefined] };
// @ts-expect-error nor is a function, however deep in arrays
const deep: JsonValue = [[[() => 1]]];
/** Narrowing reaches the recursive members: arrays of JsonValue, records of JsonValue. */
function count(value: JsonValue): number {
  if (Array.isArray(value)) return value.reduce((n: number, item) => n + count(item), 0);
  if (typeof value === 'object' && value !== null) return Object.values(value).reduce((n: number, item) => n + count(item), 0);
  return 1;
}
export { config, bad, deep, count };
`;

// More tuples and cycles, in one spec: mutual recursion through a union and an array (Tree/Forest), a recursive
// schema whose name openapi-typescript only sees shielded (`constructor`), minItems/maxItems on tuples, an array
// that is always empty, and an object closed with no properties (which `emptyObjectsUnknown` must not open).
const EDGE_SPEC = {
  openapi: '3.1.0',
  info: { title: 'Edges', version: '1.0.0' },
  paths: {
    '/tree': {
      get: {
        operationId: 'getTree',
        responses: { '200': { description: 'tree', content: { 'application/json': { schema: { $ref: '#/components/schemas/Tree' } } } } },
      },
    },
  },
  components: {
    schemas: {
      Tree: { anyOf: [{ type: 'string' }, { $ref: '#/components/schemas/Forest' }] },
      Forest: { type: 'array', items: { $ref: '#/components/schemas/Tree' } },
      constructor: { type: 'array', items: { anyOf: [{ type: 'integer' }, { $ref: '#/components/schemas/constructor' }] } },
      Pair: { type: 'array', prefixItems: [{ type: 'string' }, { type: 'integer' }], minItems: 1 },
      Fixed: { type: 'array', prefixItems: [{ type: 'string' }, { type: 'integer' }, { type: 'boolean' }], maxItems: 2 },
      Closed: { type: 'object', additionalProperties: false },
      Empty: { type: 'array', items: false },
      // the allOf inheritance pattern (as in Azure's specs): the discriminator picks nothing in the validators, whose
      // check of Cat is Pet's enum plus Cat's own properties; openapi-typescript alone typed Cat's tag as 'Cat'
      Pet: {
        type: 'object',
        required: ['kind'],
        discriminator: { propertyName: 'kind' },
        properties: { kind: { type: 'string', enum: ['cat', 'dog'] } },
      },
      Cat: { allOf: [{ $ref: '#/components/schemas/Pet' }], type: 'object', properties: { lives: { type: 'integer' } } },
    },
  },
};
const EDGE_USAGE = `
import type { components } from './src/types.js';
type S = components['schemas'];
const tree: S['Tree'] = ['a', ['b', []]];
// @ts-expect-error numbers are no trees
const notTree: S['Tree'] = ['a', [1]];
const nested: S['constructor'] = [1, [2, [3]]];
// @ts-expect-error strings are not allowed at any depth
const notNested: S['constructor'] = [1, [['x']]];
const pairType: Equals<S['Pair'], [string, number?, ...unknown[]]> = true;
const fixedType: Equals<S['Fixed'], [string?, number?]> = true;
const closed: S['Closed'] = {};
// @ts-expect-error no property is allowed
const notClosed: S['Closed'] = { a: 1 };
const emptyType: Equals<S['Empty'], []> = true;
const catKind: Equals<S['Cat']['kind'], 'cat' | 'dog'> = true;
const cat: S['Cat'] = { kind: 'cat', lives: 9 };
export { tree, notTree, nested, notNested, pairType, fixedType, closed, notClosed, emptyType, catKind, cat };
`;

/** Diagnostics of the consumer and of the types, the files these gaps are about (others' work in progress elsewhere must not count). */
function relevant(diagnostics: PackageDiagnostic[] | undefined): Array<[number, string]> {
  return (diagnostics ?? []).filter((d) => d.file === 'usage.ts' || d.file === 'src/types.ts').map((d) => [d.code, d.message.split('\n')[0]!]);
}

function packageFiles(files: readonly GeneratedFile[], usage: string): GeneratedFile[] {
  return [...files.filter((f) => f.path.endsWith('.ts') || f.path === 'package.json'), { path: 'usage.ts', content: usage }];
}

describe('schema types that openapi-typescript alone gets wrong', () => {
  let results = new Map<string, Array<[number, string]>>();
  let dir = '';
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'zc-type-gaps-'));
    const caseNames = [...new Set(Object.values(CHECKS).map((c) => c.caseName))];
    const cases = new Map(await Promise.all(caseNames.map(async (name) => [name, await generateCase(name)] as const)));
    const specFile = join(dir, 'json-value.json');
    writeFileSync(specFile, JSON.stringify(JSON_VALUE_SPEC));
    const jsonValue = await generate({ spec: specFile, packageVersion: '1.0.0', overlays: false });
    if (!jsonValue.files) throw new Error(JSON.stringify(jsonValue.issues));
    const edgeFile = join(dir, 'edges.json');
    writeFileSync(edgeFile, JSON.stringify(EDGE_SPEC));
    const edges = await generate({ spec: edgeFile, packageVersion: '1.0.0', overlays: false });
    if (!edges.files) throw new Error(JSON.stringify(edges.issues));
    const diagnostics = typecheckPackages([
      ...Object.entries(CHECKS).map(([id, check]) => ({ id, files: packageFiles(cases.get(check.caseName)!, check.snippet + PRELUDE) })),
      { id: 'json-value', files: packageFiles(jsonValue.files, JSON_VALUE_USAGE) },
      { id: 'edges', files: packageFiles(edges.files, EDGE_USAGE + PRELUDE) },
    ]);
    results = new Map([...diagnostics].map(([id, d]) => [id, relevant(d)]));
  }, 120_000);

  it.each(Object.keys(CHECKS))('%s: the types admit what the schema admits, and reject what it rejects', (id) => {
    expect(results.get(id)).toEqual([]);
  });

  it('a cycle through arrays only (JsonValue) compiles and stays exact', () => {
    expect(results.get('json-value')).toEqual([]);
  });

  it('mutual and shielded cycles, tuple bounds, closed empty objects and an allOf child\'s tag are exact', () => {
    expect(results.get('edges')).toEqual([]);
  });

});
