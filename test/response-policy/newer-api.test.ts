/**
 * A real loopback server answers as a newer version of the API would, to a client generated from the old spec
 * (`test/cases/open-values/spec.json`): every kind of compatible deviation at once resolves by default and is reported
 * with where it is; each kind of breaking deviation rejects; the policy is switchable per client and per call; a
 * throwing hook changes nothing; without a hook nothing is printed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { sendJson, startLoopback, type Loopback } from '../runtime/loopback-server.js';
import { generateAndImport, settle, type DeviationEvent, type GeneratedPackage, type Result } from './generated-package.js';
import { OPERATIONS, petsSpec } from './pets-api.js';

let api: Loopback;
let dir = '';
let pkg: GeneratedPackage;

beforeAll(async () => {
  api = await startLoopback();
  dir = mkdtempSync(join(tmpdir(), 'newer-api-'));
  pkg = (await generateAndImport(petsSpec(), join(dir, 'old'))).pkg;
});

afterAll(async () => {
  await api?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

afterEach(() => {
  vi.restoreAllMocks();
});

/** A page as a newer API sends it: a new enum value in three places, new properties, a new variant. */
const NEWER_PAGE = {
  items: [
    { kind: 'cat', name: 'Tom', lives: 9, colour: 'ginger', indoor: true },
    { kind: 'bird', name: 'Tweety', wings: 2 },
    { kind: 'dog', name: 'Rex', good: true, priority: 4 },
  ],
  kinds: ['cat', 'hamster'],
  next: null,
  total: 3,
};

function client(options: Record<string, unknown> = {}) {
  const events: DeviationEvent[] = [];
  const hooks = { onResponseDeviation: (e: DeviationEvent) => events.push(e) };
  return { events, client: pkg.createClient({ baseUrl: api.baseUrl, maxRetries: 0, hooks, ...options }) };
}

function answer(status: number, body: unknown): void {
  api.handle((_req, res) => sendJson(res, status, body));
}

describe('a newer API, every compatible deviation at once', () => {
  it('resolves with the value as received and reports each deviation where it is', async () => {
    answer(200, NEWER_PAGE);
    const { client: c, events } = client();
    expect(await c['listPets']!()).toEqual(NEWER_PAGE);
    expect(events).toEqual([
      {
        operation: 'listPets',
        method: 'GET',
        url: `${api.baseUrl}/pets`,
        status: 200,
        deviations: expect.arrayContaining([
          expect.objectContaining({ loc: ['response', 'items', 0, 'colour'], type: 'enum' }),
          expect.objectContaining({ loc: ['response', 'items', 0, 'indoor'], type: 'extra_forbidden' }),
          expect.objectContaining({ loc: ['response', 'items', 1, 'kind'], type: 'union_tag_invalid' }),
          expect.objectContaining({ loc: ['response', 'items', 2, 'priority'], type: 'enum' }),
          expect.objectContaining({ loc: ['response', 'kinds', 1], type: 'enum' }),
          expect.objectContaining({ loc: ['response', 'total'], type: 'extra_forbidden' }),
        ]),
      },
    ]);
    expect(events[0]!.deviations).toHaveLength(6);
  });

  it('an echoed writeOnly property is reported too', async () => {
    const owner = { id: 'o1', name: 'Ann', password: 'secret', favourite: 'hamster', tier: 'gold' };
    answer(201, owner);
    const { client: c, events } = client();
    expect(await c['createOwner']!(OPERATIONS.createOwner.args)).toEqual(owner);
    expect(events[0]?.deviations.map((d) => [d.loc, d.type])).toEqual([
      [['response', 'favourite'], 'enum'],
      [['response', 'password'], 'write_only'],
      [['response', 'tier'], 'enum'],
    ]);
  });

  it('"strict" rejects it, as does the standalone validator, and `false` checks nothing', async () => {
    answer(200, NEWER_PAGE);
    const strict = client({ validateResponses: 'strict' });
    const { error } = await settle(strict.client['listPets']!());
    expect(error).toMatchObject({ name: 'ApiError', kind: 'response_validation', status: 200 });
    expect(error?.errors).toHaveLength(6);
    expect(strict.events).toEqual([]);
    const standalone = (pkg['validateListPetsResponse200'] as (v: unknown) => Result)(NEWER_PAGE);
    expect(standalone.ok).toBe(false);
    expect((pkg['validatePetPage'] as (v: unknown) => Result)(NEWER_PAGE).ok).toBe(false);
    const unchecked = client({ validateResponses: false });
    expect(await unchecked.client['listPets']!()).toEqual(NEWER_PAGE);
    expect(unchecked.events).toEqual([]);
  });

  it('each call can choose its own policy', async () => {
    answer(200, NEWER_PAGE);
    const strict = client({ validateResponses: 'strict' });
    expect(await strict.client['listPets']!({}, { validateResponses: true })).toEqual(NEWER_PAGE);
    expect(strict.events).toHaveLength(1);
    const lenient = client();
    expect((await settle(lenient.client['listPets']!({}, { validateResponses: 'strict' }))).error?.kind).toBe('response_validation');
    expect(lenient.events).toEqual([]);
  });

  it('a hook that throws changes nothing, and without a hook nothing is printed', async () => {
    answer(200, NEWER_PAGE);
    const throwing = pkg.createClient({ baseUrl: api.baseUrl, hooks: { onResponseDeviation: () => { throw new Error('hook failed'); } } });
    expect(await throwing['listPets']!()).toEqual(NEWER_PAGE);
    const rejecting = pkg.createClient({ baseUrl: api.baseUrl, hooks: { onResponseDeviation: () => Promise.reject(new Error('hook failed')) } });
    expect(await rejecting['listPets']!()).toEqual(NEWER_PAGE);
    const printed = ['log', 'info', 'warn', 'error', 'debug', 'trace'].map((m) => vi.spyOn(console, m as 'log'));
    const written = [vi.spyOn(process.stdout, 'write'), vi.spyOn(process.stderr, 'write')];
    const silent = pkg.createClient({ baseUrl: api.baseUrl });
    expect(await silent['listPets']!()).toEqual(NEWER_PAGE);
    for (const spy of [...printed, ...written]) expect(spy).not.toHaveBeenCalled();
  });
});

/** One answer per kind of deviation no compatible change explains; each is valid JSON on a 200. */
const BROKEN: Array<{ name: string; body: unknown; type: string }> = [
  { name: 'a required property missing', body: { items: [], kinds: [] }, type: 'missing' },
  { name: 'a wrong type', body: { items: [{ kind: 'cat', name: 'Tom', lives: 'nine' }], kinds: [], next: null }, type: 'int_type' },
  { name: 'null where no null is allowed', body: { items: [{ kind: 'cat', name: null, lives: 1 }], kinds: [], next: null }, type: 'string_type' },
  { name: 'a number out of its bounds', body: { items: [{ kind: 'cat', name: 'Tom', lives: 10 }], kinds: [], next: null }, type: 'less_than_equal' },
  { name: 'an enum value of another JSON type', body: { items: [], kinds: [5], next: null }, type: 'string_type' },
  { name: 'a union member without its tag', body: { items: [{ name: 'Tom', lives: 1 }], kinds: [], next: null }, type: 'union_tag_not_found' },
  { name: 'a tag that is not a string', body: { items: [{ kind: 1, name: 'Tom', lives: 1 }], kinds: [], next: null }, type: 'string_type' },
  { name: 'a union member that is no object', body: { items: ['Tom'], kinds: [], next: null }, type: 'dict_type' },
  { name: 'no object at all', body: ['cat'], type: 'dict_type' },
  {
    name: 'a broken field beside compatible deviations',
    body: { items: [{ kind: 'bird' }, { kind: 'cat', name: 'Tom', lives: 1, indoor: true }], kinds: ['hamster'], next: 5 },
    type: 'string_type',
  },
];

describe('a broken answer', () => {
  it.each(BROKEN)('$name: rejected by default, nothing reported as a deviation', async ({ body, type }) => {
    answer(200, body);
    const { client: c, events } = client();
    const { error } = await settle(c['listPets']!());
    expect(error).toMatchObject({ name: 'ApiError', kind: 'response_validation', status: 200 });
    expect(error?.errors?.map((e) => e.type)).toContain(type);
    expect(events).toEqual([]);
  });

  it('invalid JSON on a 2xx: rejected as `json_invalid`', async () => {
    api.handle((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"items": ['));
    const { error } = await settle(client().client['listPets']!());
    expect(error).toMatchObject({ kind: 'response_validation', errors: [expect.objectContaining({ type: 'json_invalid' })] });
  });
});

describe('error responses and requests', () => {
  it('an error body of a newer API still matches its schema by default (`hasStatus` narrows it), not under "strict"', async () => {
    answer(404, { code: 'archived', detail: 'moved to the archive' });
    const byDefault = await settle(client().client['getPet']!(OPERATIONS.getPet.args));
    expect(byDefault.error).toMatchObject({ kind: 'http', status: 404, body: { code: 'archived' } });
    expect(byDefault.error?.hasStatus(404)).toBe(true);
    const strict = await settle(client({ validateResponses: 'strict' }).client['getPet']!(OPERATIONS.getPet.args));
    expect(strict.error).toMatchObject({ kind: 'http', status: 404 });
    expect(strict.error?.hasStatus(404)).toBe(false);
  });

  it('a tolerated deviation in an error body is reported to onResponseDeviation too', async () => {
    answer(404, { code: 'archived' });
    const { client: c, events } = client();
    await settle(c['getPet']!(OPERATIONS.getPet.args));
    expect(events).toHaveLength(1);
  });

  it('a readOnly property in a request body is accepted and sent as given', async () => {
    api.handle((_req, res) => sendJson(res, 201, { id: 'o1', name: 'Ann', favourite: null }));
    const { client: c } = client();
    await c['createOwner']!({ body: { id: 'chosen-by-caller', name: 'Ann', password: 'p', favourite: null } });
    expect(JSON.parse(api.hits.at(-1)!.body.toString('utf8'))).toEqual({ id: 'chosen-by-caller', name: 'Ann', password: 'p', favourite: null });
  });
});
