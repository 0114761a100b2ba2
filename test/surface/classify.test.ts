/**
 * The classification matrix, one small spec pair per row. Each row asserts the complete list of changes
 * (kind, severity, location, path), so a spurious extra change fails the row as much as a wrong verdict.
 */
import { describe, expect, it } from 'vitest';
import { COMPATIBLE_DEVIATIONS } from '../../src/runtime/response-policy.js';
import type { ClassifyInput } from '../../src/surface/classify-change.js';
import { isTolerated, responseDeviation, TYPE_ERROR } from '../../src/surface/deployed-clients.js';
import { buildReport, diffSurface, extractSurface, renderMarkdown, renderText, type SurfaceChange } from '../../src/surface/index.js';
import { buildSpec, methodName, nullable, obj, ref, type SpecParts } from './spec-builder.js';

type Expected = [kind: SurfaceChange['kind'], severity: SurfaceChange['severity'], location: SurfaceChange['location'], path: string];

interface Row {
  name: string;
  before: SpecParts;
  after: SpecParts;
  expect: Expected[];
}

function changesBetween(before: SpecParts, after: SpecParts): SurfaceChange[] {
  return diffSurface(extractSurface(buildSpec(before), { methodName }), extractSurface(buildSpec(after), { methodName }));
}

const str = { type: 'string' };
const int = { type: 'integer' };
const num = { type: 'number' };
const colour = (...values: string[]): Record<string, unknown> => ({ type: 'string', enum: values });
const req = (properties: Record<string, unknown>, required: string[] = []): SpecParts => ({ request: obj(properties, required) });
const res = (properties: Record<string, unknown>, required: string[] = []): SpecParts => ({ response: obj(properties, required) });

const requestRows: Row[] = [
  { name: 'optional request field added', before: req({ a: str }), after: req({ a: str, b: str }), expect: [['field-added', 'compatible', 'request', 'b']] },
  { name: 'required request field added', before: req({ a: str }), after: req({ a: str, b: str }, ['b']), expect: [['field-added', 'breaking', 'request', 'b']] },
  { name: 'request field removed', before: req({ a: str, b: str }), after: req({ a: str }), expect: [['field-removed', 'breaking', 'request', 'b']] },
  { name: 'request field became required', before: req({ a: str }), after: req({ a: str }, ['a']), expect: [['field-required', 'breaking', 'request', 'a']] },
  { name: 'request field became optional', before: req({ a: str }, ['a']), after: req({ a: str }), expect: [['field-optional', 'compatible', 'request', 'a']] },
  { name: 'request field became nullable', before: req({ a: str }), after: req({ a: nullable(str) }), expect: [['field-nullable', 'compatible', 'request', 'a']] },
  { name: 'request field no longer nullable', before: req({ a: nullable(str) }), after: req({ a: str }), expect: [['field-non-nullable', 'breaking', 'request', 'a']] },
  { name: 'request type narrowed (number → integer)', before: req({ a: num }), after: req({ a: int }), expect: [['type-changed', 'breaking', 'request', 'a']] },
  { name: 'request type widened (integer → number)', before: req({ a: int }), after: req({ a: num }), expect: [['type-changed', 'compatible', 'request', 'a']] },
  { name: 'request format added (string → string(uuid))', before: req({ a: str }), after: req({ a: { type: 'string', format: 'uuid' } }), expect: [['type-changed', 'breaking', 'request', 'a']] },
  { name: 'request union widened (string → integer|string)', before: req({ a: str }), after: req({ a: { anyOf: [str, int] } }), expect: [['type-changed', 'compatible', 'request', 'a']] },
  { name: 'request array items widened', before: req({ a: { type: 'array', items: int } }), after: req({ a: { type: 'array', items: num } }), expect: [['type-changed', 'compatible', 'request', 'a']] },
  { name: 'request type replaced (string → integer)', before: req({ a: str }), after: req({ a: int }), expect: [['type-changed', 'breaking', 'request', 'a']] },
  { name: 'request enum value added', before: req({ c: colour('red') }), after: req({ c: colour('red', 'blue') }), expect: [['enum-value-added', 'compatible', 'request', 'c']] },
  { name: 'request enum value removed', before: req({ c: colour('red', 'blue') }), after: req({ c: colour('red') }), expect: [['enum-value-removed', 'breaking', 'request', 'c']] },
  { name: 'request field limited to an enum', before: req({ c: str }), after: req({ c: colour('red') }), expect: [['enum-constraint-added', 'breaking', 'request', 'c']] },
  { name: 'request field no longer limited to an enum', before: req({ c: colour('red') }), after: req({ c: str }), expect: [['enum-constraint-removed', 'compatible', 'request', 'c']] },
  {
    name: 'enum value added inside an array in a request',
    before: req({ cs: { type: 'array', items: colour('red') } }),
    after: req({ cs: { type: 'array', items: colour('red', 'blue') } }),
    expect: [['enum-value-added', 'compatible', 'request', 'cs[]']],
  },
];

const responseRows: Row[] = [
  { name: 'response field added', before: res({ a: str }), after: res({ a: str, b: str }, ['b']), expect: [['field-added', 'compatible', 'response', 'b']] },
  { name: 'response field removed', before: res({ a: str, b: str }), after: res({ a: str }), expect: [['field-removed', 'breaking', 'response', 'b']] },
  { name: 'response field became optional', before: res({ a: str }, ['a']), after: res({ a: str }), expect: [['field-optional', 'breaking', 'response', 'a']] },
  { name: 'response field became required', before: res({ a: str }), after: res({ a: str }, ['a']), expect: [['field-required', 'compatible', 'response', 'a']] },
  { name: 'response field became nullable', before: res({ a: str }), after: res({ a: nullable(str) }), expect: [['field-nullable', 'breaking', 'response', 'a']] },
  { name: 'response field no longer nullable', before: res({ a: nullable(str) }), after: res({ a: str }), expect: [['field-non-nullable', 'compatible', 'response', 'a']] },
  { name: 'response type widened (integer → number)', before: res({ a: int }), after: res({ a: num }), expect: [['type-changed', 'breaking', 'response', 'a']] },
  { name: 'response type narrowed (number → integer)', before: res({ a: num }), after: res({ a: int }), expect: [['type-changed', 'compatible', 'response', 'a']] },
  { name: 'response enum value added', before: res({ c: colour('red') }), after: res({ c: colour('red', 'blue') }), expect: [['enum-value-added', 'breaking', 'response', 'c']] },
  { name: 'response enum value removed', before: res({ c: colour('red', 'blue') }), after: res({ c: colour('red') }), expect: [['enum-value-removed', 'breaking', 'response', 'c']] },
  { name: 'response field limited to an enum', before: res({ c: str }), after: res({ c: colour('red') }), expect: [['enum-constraint-added', 'compatible', 'response', 'c']] },
  { name: 'response field no longer limited to an enum', before: res({ c: colour('red') }), after: res({ c: str }), expect: [['enum-constraint-removed', 'breaking', 'response', 'c']] },
  {
    name: 'nested object added: only its root is reported',
    before: res({ a: str }),
    after: res({ a: str, addr: obj({ city: str, zip: str }, ['zip']) }),
    expect: [['field-added', 'compatible', 'response', 'addr']],
  },
  {
    name: 'field added inside an existing nested object',
    before: res({ addr: obj({ city: str }) }),
    after: res({ addr: obj({ city: str, zip: str }) }),
    expect: [['field-added', 'compatible', 'response', 'addr.zip']],
  },
  {
    name: 'field removed inside array items',
    before: res({ items: { type: 'array', items: obj({ id: str, note: str }) } }),
    after: res({ items: { type: 'array', items: obj({ id: str }) } }),
    expect: [['field-removed', 'breaking', 'response', 'items[].note']],
  },
];

const q = (name: string, required = false, schema: unknown = str): Record<string, unknown> => ({ name, in: 'query', required, schema });

const parameterRows: Row[] = [
  { name: 'optional query parameter added', before: {}, after: { params: [q('limit')] }, expect: [['param-added', 'compatible', 'parameter', 'query:limit']] },
  { name: 'required query parameter added', before: {}, after: { params: [q('limit', true)] }, expect: [['param-added', 'breaking', 'parameter', 'query:limit']] },
  { name: 'parameter removed', before: { params: [q('limit')] }, after: {}, expect: [['param-removed', 'breaking', 'parameter', 'query:limit']] },
  { name: 'parameter became required', before: { params: [q('limit')] }, after: { params: [q('limit', true)] }, expect: [['param-required', 'breaking', 'parameter', 'query:limit']] },
  { name: 'parameter became optional', before: { params: [q('limit', true)] }, after: { params: [q('limit')] }, expect: [['param-optional', 'compatible', 'parameter', 'query:limit']] },
  {
    name: 'parameter enum value removed',
    before: { params: [q('sort', false, colour('asc', 'desc'))] },
    after: { params: [q('sort', false, colour('asc'))] },
    expect: [['enum-value-removed', 'breaking', 'parameter', 'query:sort']],
  },
  {
    name: 'parameter type narrowed',
    before: { params: [q('limit', false, num)] },
    after: { params: [q('limit', false, int)] },
    expect: [['type-changed', 'breaking', 'parameter', 'query:limit']],
  },
];

const bodyRows: Row[] = [
  { name: 'required request body added', before: {}, after: { request: obj({ a: str }) }, expect: [['request-body-added', 'breaking', 'request', '']] },
  { name: 'optional request body added', before: {}, after: { request: obj({ a: str }), requestRequired: false }, expect: [['request-body-added', 'compatible', 'request', '']] },
  { name: 'request body removed', before: { request: obj({ a: str }) }, after: {}, expect: [['request-body-removed', 'breaking', 'request', '']] },
  {
    name: 'request body became required',
    before: { request: obj({ a: str }), requestRequired: false },
    after: { request: obj({ a: str }) },
    expect: [['request-body-required', 'breaking', 'request', '']],
  },
  {
    name: 'request body type changed from object to array',
    before: { request: obj({ a: str }) },
    after: { request: { type: 'array', items: str } },
    expect: [['type-changed', 'breaking', 'request', ''], ['field-removed', 'breaking', 'request', 'a']],
  },
  {
    name: 'success response added',
    before: { operation: { responses: { '200': { description: 'ok' } } } },
    after: { operation: { responses: { '200': { description: 'ok' }, '201': { description: 'created' } } } },
    expect: [['response-added', 'breaking', 'response', '']],
  },
  {
    name: 'error response added',
    before: { operation: { responses: { '200': { description: 'ok' } } } },
    after: { operation: { responses: { '200': { description: 'ok' }, '404': { description: 'missing' } } } },
    expect: [['response-added', 'compatible', 'response', '']],
  },
];

const other = { post: { operationId: 'list-others', responses: { '204': { description: 'none' } } } };

const operationRows: Row[] = [
  { name: 'operation added', before: {}, after: { paths: { '/others': other } }, expect: [['operation-added', 'compatible', 'operation', '']] },
  { name: 'operation removed', before: { paths: { '/others': other } }, after: {}, expect: [['operation-removed', 'breaking', 'operation', '']] },
  { name: 'client method renamed', before: {}, after: { operation: { operationId: 'make-thing' } }, expect: [['operation-renamed', 'breaking', 'operation', '']] },
  {
    name: 'operationId changed, method name the same',
    before: {},
    after: { operation: { operationId: 'Create_Thing' } },
    expect: [['operation-id-changed', 'compatible', 'operation', '']],
  },
  {
    name: 'operation moved to another path, same method name',
    before: { paths: { '/others': other } },
    after: { paths: { '/v2/others': other } },
    expect: [['operation-moved', 'compatible', 'operation', '']],
  },
  { name: 'operation deprecated', before: {}, after: { operation: { deprecated: true } }, expect: [['operation-deprecated', 'compatible', 'operation', '']] },
  { name: 'operation-level security added', before: {}, after: { operation: { security: [] } }, expect: [['security-changed', 'breaking', 'security', '']] },
];

const globalRows: Row[] = [
  { name: 'default server changed', before: {}, after: { servers: ['https://eu.example.com'] }, expect: [['server-changed', 'breaking', 'server', 'default']] },
  {
    name: 'second server added',
    before: {},
    after: { servers: ['https://api.example.com', 'https://eu.example.com'] },
    expect: [['server-added', 'compatible', 'server', 'https://eu.example.com']],
  },
  {
    name: 'security scheme header renamed',
    before: {},
    after: { securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'authorization' } } },
    expect: [['security-scheme-changed', 'breaking', 'security', 'key']],
  },
  {
    name: 'global security gains an alternative',
    before: {},
    after: { security: [{ key: [] }, { bearer: [] }], securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'x-api-key' }, bearer: { type: 'http', scheme: 'bearer' } } },
    expect: [['security-changed', 'compatible', 'security', ''], ['security-scheme-added', 'compatible', 'security', 'bearer']],
  },
  {
    name: 'global security replaced',
    before: {},
    after: { security: [{ bearer: [] }], securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'x-api-key' }, bearer: { type: 'http', scheme: 'bearer' } } },
    expect: [['security-changed', 'breaking', 'security', ''], ['security-scheme-added', 'compatible', 'security', 'bearer']],
  },
];

const shared = (thing: Record<string, unknown>, extra: Record<string, unknown> = {}): SpecParts => ({
  request: ref('Thing'),
  response: ref('Thing'),
  schemas: { Thing: thing, ...extra },
});

const schemaRows: Row[] = [
  { name: 'optional field added to a schema used both ways', before: shared(obj({ a: str })), after: shared(obj({ a: str, b: str })), expect: [['field-added', 'compatible', 'schema', 'b']] },
  { name: 'field made required in a schema used both ways', before: shared(obj({ a: str })), after: shared(obj({ a: str }, ['a'])), expect: [['field-required', 'breaking', 'schema', 'a']] },
  {
    name: 'required readOnly field added to a schema used both ways (only received)',
    before: shared(obj({ a: str })),
    after: shared(obj({ a: str, id: { type: 'string', readOnly: true } }, ['id'])),
    expect: [['field-added', 'compatible', 'schema', 'id']],
  },
  {
    name: 'change in a schema reached through another schema',
    before: { response: ref('Page'), schemas: { Page: obj({ items: { type: 'array', items: ref('Item') } }), Item: obj({ id: str, n: int }) } },
    after: { response: ref('Page'), schemas: { Page: obj({ items: { type: 'array', items: ref('Item') } }), Item: obj({ id: str }) } },
    expect: [['field-removed', 'breaking', 'schema', 'n']],
  },
  { name: 'schema removed', before: { schemas: { Old: obj({ a: str }) } }, after: {}, expect: [['schema-removed', 'breaking', 'schema', '']] },
  { name: 'schema added', before: {}, after: { schemas: { New: obj({ a: str }) } }, expect: [['schema-added', 'compatible', 'schema', '']] },
  {
    name: 'unused schema: a removed field is judged both ways',
    before: { schemas: { Loose: obj({ a: str, b: str }) } },
    after: { schemas: { Loose: obj({ a: str }) } },
    expect: [['field-removed', 'breaking', 'schema', 'b']],
  },
];

const summarise = (c: SurfaceChange): Expected => [c.kind, c.severity, c.location, c.path];

describe('classification matrix', () => {
  it.each([...requestRows, ...responseRows, ...parameterRows, ...bodyRows, ...operationRows, ...globalRows, ...schemaRows])(
    '$name',
    (row) => {
      expect(changesBetween(row.before, row.after).map(summarise)).toEqual(row.expect);
    },
  );

  it('identical specs produce no changes', () => {
    expect(changesBetween(req({ a: str }), req({ a: str }))).toEqual([]);
  });
});

describe('what the report says about a change', () => {
  it('a new enum value in a response names exhaustive switches', () => {
    const [change] = changesBetween(res({ c: colour('red') }), res({ c: colour('red', 'blue') }));
    expect(change).not.toHaveProperty('before');
    expect(change).toMatchObject({ after: '"blue"', operation: 'POST /things', status: '200' });
    expect(change?.why).toMatch(/exhaustive `switch`/);
  });

  it('a change inside a shared schema is reported once, with every operation and side it reaches', () => {
    const list = { post: { operationId: 'list-things', responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'array', items: ref('Thing') } } } } } } };
    const changes = changesBetween({ ...shared(obj({ a: str })), paths: { '/list': list } }, { ...shared(obj({ a: str }, ['a'])), paths: { '/list': list } });
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ component: 'Thing', operations: ['POST /list', 'POST /things'], usedIn: ['request', 'response'] });
    // breaking for what callers send, harmless for what they receive: the reason says which side is which
    expect(changes[0]?.why).toMatch(/^in requests: calls that omit it .*; in responses: the field is now always present/);
  });

  it('a renamed method carries both names', () => {
    const [change] = changesBetween({}, { operation: { operationId: 'make-thing' } });
    expect(change).toMatchObject({ before: 'createThing', after: 'makeThing', operation: 'POST /things' });
  });

  it('a moved operation is diffed against its new self', () => {
    const moved = (required: string[]): SpecParts => ({
      paths: { [required.length ? '/v2/others' : '/others']: { post: { ...other.post, requestBody: { content: { 'application/json': { schema: obj({ a: str }, required) } } } } } },
    });
    const changes = changesBetween(moved([]), moved(['a'])).map(summarise);
    expect(changes).toEqual([['operation-moved', 'compatible', 'operation', ''], ['field-required', 'breaking', 'request', 'a']]);
  });
});

describe('discriminated unions', () => {
  const branch = obj({ kind: str }, ['kind']);
  const pets = (names: string[], mapping?: Record<string, string>): SpecParts => ({
    response: obj({ pet: ref('Pet'), pets: { type: 'array', items: ref('Pet') } }, ['pet']),
    schemas: {
      Pet: { oneOf: names.map(ref), discriminator: { propertyName: 'kind', ...(mapping ? { mapping } : {}) } },
      Cat: branch,
      Dog: branch,
      Bird: branch,
    },
  });

  it('records the tags the validators dispatch on, and nothing for a union without a discriminator', () => {
    const surface = extractSurface(buildSpec(pets(['Cat', 'Dog'], { cat: 'Cat' })), { methodName });
    expect(surface.schemas['Pet']).toMatchObject({ type: 'Cat|Dog', discriminator: { property: 'kind', variants: { Dog: 'Dog', cat: 'Cat' } } });
    const plain = extractSurface(buildSpec({ response: obj({ a: { oneOf: [ref('Cat'), ref('Dog')] } }), schemas: { Cat: branch, Dog: branch } }), { methodName });
    expect(JSON.stringify(plain)).not.toContain('discriminator');
  });

  it('an inline branch makes the validators check a plain union: no tags are recorded', () => {
    const surface = extractSurface(buildSpec({ response: { oneOf: [ref('Cat'), branch], discriminator: { propertyName: 'kind' } }, schemas: { Cat: branch } }), { methodName });
    expect(JSON.stringify(surface)).not.toContain('discriminator');
  });

  const rows: Row[] = [
    { name: 'variant added to a union received in responses', before: pets(['Cat', 'Dog']), after: pets(['Cat', 'Dog', 'Bird']), expect: [['variant-added', 'breaking', 'schema', '']] },
    { name: 'variant removed from a union received in responses', before: pets(['Cat', 'Dog', 'Bird']), after: pets(['Cat', 'Dog']), expect: [['variant-removed', 'breaking', 'schema', '']] },
    {
      name: 'a tag that now selects another schema is a type change',
      before: pets(['Cat', 'Dog'], { cat: 'Cat', dog: 'Dog' }),
      after: pets(['Cat', 'Bird'], { cat: 'Cat', dog: 'Bird' }),
      expect: [['type-changed', 'breaking', 'schema', '']],
    },
    {
      name: 'variant added to an inline union in array items (the array type change is the variant)',
      before: { response: obj({ ps: { type: 'array', items: { oneOf: [ref('Cat'), ref('Dog')], discriminator: { propertyName: 'kind' } } } }), schemas: { Cat: branch, Dog: branch, Bird: branch } },
      after: { response: obj({ ps: { type: 'array', items: { oneOf: [ref('Cat'), ref('Dog'), ref('Bird')], discriminator: { propertyName: 'kind' } } } }), schemas: { Cat: branch, Dog: branch, Bird: branch } },
      expect: [['variant-added', 'breaking', 'response', 'ps[]']],
    },
    {
      name: 'variant added to a union sent in requests',
      before: { request: ref('Pet'), schemas: pets(['Cat', 'Dog']).schemas! },
      after: { request: ref('Pet'), schemas: pets(['Cat', 'Dog', 'Bird']).schemas! },
      expect: [['variant-added', 'compatible', 'schema', '']],
    },
  ];

  it.each(rows)('$name', (row) => {
    expect(changesBetween(row.before, row.after).map(summarise)).toEqual(row.expect);
  });
});

describe('what the change does to clients already deployed', () => {
  /** kind, code verdict, and the deployed verdict where it differs (`-` where it agrees) */
  type Deployed = [kind: SurfaceChange['kind'], severity: SurfaceChange['severity'], deployed: SurfaceChange['severity'] | '-'];
  const deployedOf = (c: SurfaceChange): Deployed => [c.kind, c.severity, c.deployed?.severity ?? '-'];
  const secret = (marker: Record<string, unknown>): Record<string, unknown> => ({ type: 'string', ...marker });
  const rows: Array<{ name: string; before: SpecParts; after: SpecParts; expect: Deployed[] }> = [
    { name: 'response enum value added', before: res({ c: colour('red') }), after: res({ c: colour('red', 'blue') }), expect: [['enum-value-added', 'breaking', 'compatible']] },
    {
      name: 'response enum value of another JSON type added (a type error for the old validator)',
      before: res({ c: { enum: ['red'] } }),
      after: res({ c: { enum: ['red', 5] } }),
      expect: [['enum-value-added', 'breaking', '-'], ['type-changed', 'breaking', '-']],
    },
    { name: 'response enum value removed', before: res({ c: colour('red', 'blue') }), after: res({ c: colour('red') }), expect: [['enum-value-removed', 'breaking', 'compatible']] },
    { name: 'response no longer limited to an enum', before: res({ c: colour('red') }), after: res({ c: str }), expect: [['enum-constraint-removed', 'breaking', 'compatible']] },
    { name: 'response field added', before: res({ a: str }), after: res({ a: str, b: str }, ['b']), expect: [['field-added', 'compatible', '-']] },
    { name: 'required response field removed', before: res({ a: str, b: str }, ['b']), after: res({ a: str }), expect: [['field-removed', 'breaking', '-']] },
    { name: 'optional response field removed', before: res({ a: str, b: str }), after: res({ a: str }), expect: [['field-removed', 'breaking', 'compatible']] },
    { name: 'response field made optional', before: res({ a: str }, ['a']), after: res({ a: str }), expect: [['field-optional', 'breaking', '-']] },
    { name: 'response field made nullable', before: res({ a: str }), after: res({ a: nullable(str) }), expect: [['field-nullable', 'breaking', '-']] },
    { name: 'response type widened', before: res({ a: int }), after: res({ a: num }), expect: [['type-changed', 'breaking', '-']] },
    { name: 'response field, writeOnly before, now echoed', before: res({ s: secret({ writeOnly: true }) }), after: res({ s: str }), expect: [['field-read-only-changed', 'compatible', '-']] },
    {
      name: 'required response field made writeOnly (no longer sent)',
      before: res({ s: str }, ['s']),
      after: res({ s: secret({ writeOnly: true }) }, ['s']),
      expect: [['field-read-only-changed', 'breaking', '-']],
    },
    { name: 'client method renamed', before: {}, after: { operation: { operationId: 'make-thing' } }, expect: [['operation-renamed', 'breaking', 'compatible']] },
    {
      name: 'operation moved to another path',
      before: { paths: { '/others': other } },
      after: { paths: { '/v2/others': other } },
      expect: [['operation-moved', 'compatible', 'breaking']],
    },
    { name: 'schema removed', before: { schemas: { Old: obj({ a: str }) } }, after: {}, expect: [['schema-removed', 'breaking', 'compatible']] },
    { name: 'request enum value removed', before: req({ c: colour('red', 'blue') }), after: req({ c: colour('red') }), expect: [['enum-value-removed', 'breaking', '-']] },
    {
      name: 'enum value added in a schema used both ways',
      before: shared(obj({ c: colour('red') })),
      after: shared(obj({ c: colour('red', 'blue') })),
      expect: [['enum-value-added', 'breaking', 'compatible']],
    },
  ];

  it.each(rows)('$name', (row) => {
    expect(changesBetween(row.before, row.after).map(deployedOf)).toEqual(row.expect);
  });

  it('a tolerated deviation names its validator error type and the hook that receives it', () => {
    const [change] = changesBetween(res({ c: colour('red') }), res({ c: colour('red', 'blue') }));
    expect(change?.deployed?.why).toMatch(/resolves such a response with the value as received and reports the `enum` deviation to `hooks.onResponseDeviation`/);
  });

  it('the report counts the changes that break deployed clients and says so where the count differs', () => {
    const report = buildReport(changesBetween(res({ c: colour('red') }, ['c']), res({ c: colour('red', 'blue') })));
    expect(report).toMatchObject({ breaking: 2, deployedBreaking: 1 });
    expect(renderMarkdown(report)).toMatch(/^### API changes: 2 breaking, 0 compatible changes, suggested bump: \*\*major\*\*; for clients already deployed: 1 breaking\n/);
    expect(renderMarkdown(report)).toContain('**Deployed clients keep working:** the new value may arrive');
    expect(renderText(report)).toContain('      deployed clients keep working: the new value may arrive');
    const optional = report.changes.find((c) => c.kind === 'field-optional');
    expect(optional).toBeDefined();
    expect(optional).not.toHaveProperty('deployed'); // both verdicts agree
  });
});

describe('the runtime table, read by the report', () => {
  it('each entry is the deviation its change kind makes a deployed client report, and one it tolerates', () => {
    const facts: Partial<Record<SurfaceChange['kind'], Partial<ClassifyInput>>> = {
      'field-read-only-changed': { markers: { before: 'writeOnly', after: 'read-write' } },
    };
    for (const [type, kind] of Object.entries(COMPATIBLE_DEVIATIONS)) {
      expect(responseDeviation({ kind, ...facts[kind] }), kind).toBe(type);
      expect(isTolerated(type)).toBe(true);
    }
    expect(isTolerated('missing')).toBe(false);
    expect(isTolerated(TYPE_ERROR)).toBe(false);
  });
});
