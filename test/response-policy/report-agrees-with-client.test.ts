/**
 * The change report and the client's response policy come from one classification (src/surface/deployed-clients.ts
 * reads the runtime's COMPATIBLE_DEVIATIONS): this holds them to what really happens. For every entry of the table, a
 * spec is changed by that entry's change kind, a client generated from the OLD spec meets an answer valid under the
 * NEW spec from a real loopback server, and: the report calls the change harmless for deployed clients, the default
 * client resolves with the value as received and reports the deviation, `"strict"` rejects, and the old standalone
 * validator rejects. For the response changes the report says break deployed clients, the default client rejects.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPATIBLE_DEVIATION_TYPES } from '../../src/emit/validators/compatible-deviations.js';
import { COMPATIBLE_DEVIATIONS } from '../../src/runtime/response-policy.js';
import { compareSurfaces, extractSurface, type ChangeKind, type SurfaceReport } from '../../src/surface/index.js';
import { sendJson, startLoopback, type Loopback } from '../runtime/loopback-server.js';
import { methodName } from '../surface/spec-builder.js';
import { generateAndImport, settle, type DeviationEvent, type GeneratedPackage, type Result } from './generated-package.js';
import { OPERATIONS, petsSpec, responseValidator, schema, type OperationName } from './pets-api.js';

type Doc = Record<string, any>; // `any`: the edits reach deep into a JSON document

/** A newer version of the API: how its spec differs, and one answer it gives that the old spec did not allow. */
interface NewerApi {
  /** the change kind the report must find */
  kind: ChangeKind;
  edit(doc: Doc): void;
  op: OperationName;
  answer: unknown;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** One newer API per entry of the runtime's table; typed by its keys, so a new entry without one does not compile. */
const TOLERATED: Record<keyof typeof COMPATIBLE_DEVIATIONS, NewerApi> = {
  enum: {
    kind: 'enum-value-added',
    edit: (d) => schema(d, 'PetKind').enum.push('hamster'),
    op: 'listPets',
    answer: { items: [], kinds: ['cat', 'hamster'], next: null },
  },
  extra_forbidden: {
    kind: 'field-added',
    edit: (d) => (schema(d, 'Cat').properties.indoor = { type: 'boolean' }),
    op: 'getPet',
    answer: { kind: 'cat', name: 'Tom', lives: 9, indoor: true },
  },
  union_tag_invalid: {
    kind: 'variant-added',
    edit: (d) => {
      d['components']['schemas'].Bird = {
        type: 'object',
        additionalProperties: false,
        required: ['kind', 'name', 'wings'],
        properties: { kind: { type: 'string' }, name: { type: 'string' }, wings: { type: 'integer' } },
      };
      schema(d, 'Pet').oneOf.push(ref('Bird'));
      schema(d, 'Pet').discriminator.mapping.bird = '#/components/schemas/Bird';
    },
    op: 'getPet',
    answer: { kind: 'bird', name: 'Tweety', wings: 2 },
  },
  write_only: {
    kind: 'field-read-only-changed',
    edit: (d) => delete schema(d, 'Owner').properties.password.writeOnly,
    op: 'createOwner',
    answer: { id: 'o1', name: 'Ann', password: 'secret', favourite: 'cat' },
  },
};

/** Response changes that break deployed clients, by the report; each answer must be rejected by default. */
const BREAKING: Array<NewerApi & { name: string }> = [
  {
    name: 'required response field removed',
    kind: 'field-removed',
    edit: (d) => {
      delete schema(d, 'Cat').properties.lives;
      schema(d, 'Cat').required = ['kind', 'name'];
    },
    op: 'getPet',
    answer: { kind: 'cat', name: 'Tom' },
  },
  { name: 'response field made optional', kind: 'field-optional', edit: (d) => (schema(d, 'Dog').required = ['kind', 'name']), op: 'getPet', answer: { kind: 'dog', name: 'Rex' } },
  {
    name: 'response field made nullable',
    kind: 'field-nullable',
    edit: (d) => (schema(d, 'Cat').properties.name = { type: ['string', 'null'] }),
    op: 'getPet',
    answer: { kind: 'cat', name: null, lives: 1 },
  },
  {
    name: 'response type widened (integer → number)',
    kind: 'type-changed',
    edit: (d) => (schema(d, 'Cat').properties.lives = { type: 'number', minimum: 0, maximum: 9 }),
    op: 'getPet',
    answer: { kind: 'cat', name: 'Tom', lives: 2.5 },
  },
  {
    name: 'required response field made writeOnly (no longer sent)',
    kind: 'field-read-only-changed',
    edit: (d) => (schema(d, 'Owner').properties.name.writeOnly = true),
    op: 'createOwner',
    answer: { id: 'o1', favourite: null },
  },
  {
    name: 'enum value of another JSON type added',
    kind: 'enum-value-added',
    edit: (d) => (schema(d, 'Cat').properties.colour = { enum: ['black', 'white', 'tabby', 7] }),
    op: 'getPet',
    answer: { kind: 'cat', name: 'Tom', lives: 9, colour: 7 },
  },
];

/** Changes outside the table that deployed clients survive, by the report: the default client must resolve. */
const SURVIVED: Array<NewerApi & { name: string }> = [
  {
    name: 'response no longer limited to an enum (its values are `enum` deviations)',
    kind: 'enum-constraint-removed',
    edit: (d) => (schema(d, 'Cat').properties.colour = { type: 'string' }),
    op: 'getPet',
    answer: { kind: 'cat', name: 'Tom', lives: 9, colour: 'ginger' },
  },
  {
    name: 'optional response field removed',
    kind: 'field-removed',
    edit: (d) => delete schema(d, 'Cat').properties.colour,
    op: 'getPet',
    answer: { kind: 'cat', name: 'Tom', lives: 9 },
  },
];

let api: Loopback;
let dir = '';
let old: GeneratedPackage;
const oldSurface = extractSurface(petsSpec(), { methodName });

beforeAll(async () => {
  api = await startLoopback();
  dir = mkdtempSync(join(tmpdir(), 'response-policy-'));
  old = (await generateAndImport(petsSpec(), join(dir, 'old'))).pkg;
});

afterAll(async () => {
  await api?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Edits the spec, checks the answer is valid under the new spec, and returns the report from old to new. */
async function newerVersion(newer: NewerApi): Promise<SurfaceReport> {
  const doc = petsSpec();
  newer.edit(doc);
  const valid = (await responseValidator(doc, OPERATIONS[newer.op].response))(newer.answer);
  expect(valid, 'the answer must be valid under the newer spec').toMatchObject({ ok: true });
  return compareSurfaces(oldSurface, extractSurface(doc, { methodName }));
}

/** Calls the old client's operation, served `answer`; `events` collects what `onResponseDeviation` received. */
function callOld(newer: NewerApi, options: Record<string, unknown> = {}) {
  const op = OPERATIONS[newer.op];
  api.handle((_req, res) => sendJson(res, op.status, newer.answer));
  const events: DeviationEvent[] = [];
  const client = old.createClient({ baseUrl: api.baseUrl, maxRetries: 0, hooks: { onResponseDeviation: (e: DeviationEvent) => events.push(e) }, ...options });
  return { events, result: settle(client[op.method]!(op.args)) };
}

function oldValidator(newer: NewerApi): (value: unknown) => Result {
  return old[OPERATIONS[newer.op].validator] as (value: unknown) => Result;
}

describe('one table for the report and the client', () => {
  it('the validator compiler tolerates exactly the error types the runtime table names', () => {
    expect([...COMPATIBLE_DEVIATION_TYPES].sort()).toEqual(Object.keys(COMPATIBLE_DEVIATIONS).sort());
  });

  it.each(Object.keys(COMPATIBLE_DEVIATIONS))('`%s`: deployed clients keep working, by the report and in fact', async (type) => {
    const newer = TOLERATED[type as keyof typeof COMPATIBLE_DEVIATIONS];
    expect(newer, `no newer API for table entry ${type}`).toBeDefined();
    expect(newer.kind).toBe(COMPATIBLE_DEVIATIONS[type as keyof typeof COMPATIBLE_DEVIATIONS]);
    const report = await newerVersion(newer);
    // the report finds the change the table names and says deployed clients keep working
    const change = report.changes.find((c) => c.kind === newer.kind);
    expect(change, JSON.stringify(report.changes)).toBeDefined();
    expect((change?.deployed ?? change)?.severity).toBe('compatible');
    expect(report.deployedBreaking).toBe(0);
    // the default client resolves with the value as received and reports the deviation
    const byDefault = callOld(newer);
    expect(await byDefault.result).toEqual({ value: newer.answer });
    expect(byDefault.events).toHaveLength(1);
    expect(byDefault.events[0]).toMatchObject({ operation: OPERATIONS[newer.op].method, status: OPERATIONS[newer.op].status });
    expect(byDefault.events[0]!.deviations.map((d) => d.type)).toEqual([type]);
    // "strict" rejects, and so does the standalone validator, with the same error
    const strict = await callOld(newer, { validateResponses: 'strict' }).result;
    expect(strict.error).toMatchObject({ name: 'ApiError', kind: 'response_validation' });
    expect(strict.error?.errors?.map((e) => e.type)).toEqual([type]);
    const standalone = oldValidator(newer)(newer.answer);
    expect(standalone.ok).toBe(false);
    expect(standalone.ok ? [] : standalone.errors.map((e) => e.type)).toEqual([type]);
  });

  it.each(BREAKING)('$name: breaks deployed clients, by the report and in fact', async (newer) => {
    const report = await newerVersion(newer);
    const change = report.changes.find((c) => c.kind === newer.kind);
    expect(change, JSON.stringify(report.changes)).toBeDefined();
    expect((change?.deployed ?? change)?.severity).toBe('breaking');
    const byDefault = callOld(newer);
    const { error } = await byDefault.result;
    expect(error).toMatchObject({ name: 'ApiError', kind: 'response_validation', status: OPERATIONS[newer.op].status });
    expect(error?.errors?.some((e) => !(e.type in COMPATIBLE_DEVIATIONS))).toBe(true);
    expect(byDefault.events).toEqual([]);
  });

  it.each(SURVIVED)('$name: deployed clients keep working, by the report and in fact', async (newer) => {
    const report = await newerVersion(newer);
    const change = report.changes.find((c) => c.kind === newer.kind);
    expect((change?.deployed ?? change)?.severity).toBe('compatible');
    expect(report.deployedBreaking).toBe(0);
    expect(await callOld(newer).result).toEqual({ value: newer.answer });
  });
});
