/**
 * Property test: valid responses of the spec a client was generated from (`test/cases/open-values/spec.json`),
 * mutated the ways a newer version of the API changes them, served by a real loopback server. Compatible mutations (a
 * new enum value, a new property of a closed object, a new union variant, an echoed writeOnly property) resolve by
 * default with the value as received, each reported once to `onResponseDeviation` with its type, and with no hook
 * nothing is printed; "strict" rejects them. One breaking mutation among any compatible ones rejects by default.
 */
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { COMPATIBLE_DEVIATIONS } from '../../src/runtime/response-policy.js';
import { sendJson, startLoopback, type Loopback } from '../runtime/loopback-server.js';
import { generateAndImport, settle, type DeviationEvent, type GeneratedPackage } from './generated-package.js';
import { OPERATIONS, petsSpec, type OperationName } from './pets-api.js';

type Json = Record<string, unknown>;

const PET_KINDS = ['cat', 'dog'];
const COLOURS = ['black', 'white', 'tabby'];
const TIERS = ['free', 'pro'];
const PRIORITIES = [1, 2, 3];

const name = fc.string({ maxLength: 8 });
const cat = fc.record(
  { kind: fc.constant('cat'), name, lives: fc.integer({ min: 0, max: 9 }), colour: fc.constantFrom(...COLOURS) },
  { requiredKeys: ['kind', 'name', 'lives'] },
);
const dog = fc.record(
  { kind: fc.constant('dog'), name, good: fc.boolean(), priority: fc.constantFrom(...PRIORITIES) },
  { requiredKeys: ['kind', 'name', 'good'] },
);
const page = fc.record({
  items: fc.array(fc.oneof(cat, dog), { maxLength: 4 }),
  kinds: fc.array(fc.constantFrom(...PET_KINDS), { maxLength: 3 }),
  next: fc.option(fc.string({ maxLength: 8 }), { nil: null }),
});
const owner = fc.record(
  { id: name, name, favourite: fc.option(fc.constantFrom(...PET_KINDS), { nil: null }), tier: fc.constantFrom(...TIERS) },
  { requiredKeys: ['id', 'name', 'favourite'] },
);
const valid = fc.oneof(
  fc.record({ op: fc.constant<OperationName>('listPets'), body: page as fc.Arbitrary<Json> }),
  fc.record({ op: fc.constant<OperationName>('createOwner'), body: owner as fc.Arbitrary<Json> }),
);

/** A place a mutation can go, found in the valid value; `apply` edits a copy (it never hides another mutation). */
interface Site {
  type: string;
  apply(value: Json, pick: Pick): void;
}

/** Random material for a mutation: an unknown string or integer, a new key, any JSON value. */
interface Pick {
  text: string;
  int: number;
  key: string;
  json: unknown;
}

const unknownText = (known: readonly string[], text: string): string => (known.includes(text) ? `${text}-new` : text);
const unknownInt = (int: number): number => (PRIORITIES.includes(int) ? int + 100 : int);
const items = (v: Json): Json[] => v['items'] as Json[];

/** Where compatible deviations can be made in `value` (each makes exactly one error at its place). */
function compatibleSites(op: OperationName, value: Json): Site[] {
  const sites: Site[] = [];
  const newKey = (p: Pick): string => `new_${p.key}`;
  if (op === 'listPets') {
    (value['kinds'] as unknown[]).forEach((_, i) => sites.push({ type: 'enum', apply: (v, p) => ((v['kinds'] as unknown[])[i] = unknownText(PET_KINDS, p.text)) }));
    items(value).forEach((item, i) => {
      sites.push({ type: 'extra_forbidden', apply: (v, p) => (items(v)[i]![newKey(p)] = p.json) });
      if ('colour' in item) sites.push({ type: 'enum', apply: (v, p) => (items(v)[i]!['colour'] = unknownText(COLOURS, p.text)) });
      if ('priority' in item) sites.push({ type: 'enum', apply: (v, p) => (items(v)[i]!['priority'] = unknownInt(p.int)) });
    });
    sites.push({ type: 'extra_forbidden', apply: (v, p) => (v[newKey(p)] = p.json) });
    // a new variant is appended, so it hides no other mutation; its fields are none of the old spec's business
    sites.push({ type: 'union_tag_invalid', apply: (v, p) => items(v).push({ kind: unknownText(PET_KINDS, p.text), [newKey(p)]: p.json }) });
  } else {
    sites.push({ type: 'extra_forbidden', apply: (v, p) => (v[newKey(p)] = p.json) });
    sites.push({ type: 'write_only', apply: (v, p) => (v['password'] = p.text) });
    if (value['favourite'] !== null) sites.push({ type: 'enum', apply: (v, p) => (v['favourite'] = unknownText(PET_KINDS, p.text)) });
    if ('tier' in value) sites.push({ type: 'enum', apply: (v, p) => (v['tier'] = unknownText(TIERS, p.text)) });
  }
  return sites;
}

/** Where a deviation no compatible change explains can be made in `value`. */
function breakingSites(op: OperationName, value: Json): Site[] {
  const sites: Site[] = [];
  const required = op === 'listPets' ? ['items', 'kinds', 'next'] : ['id', 'name', 'favourite'];
  for (const key of required) sites.push({ type: 'missing', apply: (v) => delete v[key] });
  if (op === 'listPets') {
    sites.push({ type: 'string_type', apply: (v, p) => (v['next'] = p.int) });
    (value['kinds'] as unknown[]).forEach((_, i) => sites.push({ type: 'string_type', apply: (v, p) => ((v['kinds'] as unknown[])[i] = p.int) }));
    items(value).forEach((item, i) => {
      sites.push({ type: 'union_tag_not_found', apply: (v) => delete items(v)[i]!['kind'] });
      sites.push({ type: 'string_type', apply: (v, p) => (items(v)[i]!['kind'] = p.int) });
      sites.push({ type: 'missing', apply: (v) => delete items(v)[i]!['name'] });
      sites.push({ type: 'string_type', apply: (v) => (items(v)[i]!['name'] = null) });
      if (item['kind'] === 'cat') sites.push({ type: 'less_than_equal', apply: (v, p) => (items(v)[i]!['lives'] = 10 + Math.abs(p.int)) });
      if (item['kind'] === 'dog') sites.push({ type: 'bool_type', apply: (v, p) => (items(v)[i]!['good'] = p.text) });
    });
  } else {
    sites.push({ type: 'string_type', apply: (v, p) => (v['name'] = p.int) });
    sites.push({ type: 'string_type', apply: (v, p) => (v['favourite'] = p.int) });
  }
  return sites;
}

const pick: fc.Arbitrary<Pick> = fc.record({
  text: fc.string({ maxLength: 10 }),
  int: fc.integer({ min: -1000, max: 1000 }),
  key: fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/),
  json: fc.jsonValue({ maxDepth: 2 }),
});

/** Distinct sites chosen by indexes (each site at most once, so each makes exactly one error). */
function choose(sites: Site[], indexes: number[]): Site[] {
  return [...new Set(indexes.map((i) => i % sites.length))].map((i) => sites[i]!);
}

let api: Loopback;
let dir = '';
let pkg: GeneratedPackage;

beforeAll(async () => {
  api = await startLoopback();
  dir = mkdtempSync(join(tmpdir(), 'response-mutations-'));
  pkg = (await generateAndImport(petsSpec(), join(dir, 'old'))).pkg;
});

afterAll(async () => {
  await api?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Serves `body` for `op` and calls the operation with client `options`; collects the deviations reported. */
async function serve(op: OperationName, body: Json, options: Record<string, unknown> = {}) {
  const spec = OPERATIONS[op];
  api.handle((_req, res) => sendJson(res, spec.status, body));
  const events: DeviationEvent[] = [];
  const hooks = { onResponseDeviation: (e: DeviationEvent) => events.push(e) };
  const client = pkg.createClient({ baseUrl: api.baseUrl, maxRetries: 0, hooks, ...options });
  return { events, ...(await settle(client[spec.method]!(spec.args))) };
}

it('valid responses resolve as received, with nothing reported', async () => {
  await fc.assert(
    fc.asyncProperty(valid, async ({ op, body }) => {
      const { value, events } = await serve(op, body);
      expect(value).toEqual(body);
      expect(events).toEqual([]);
    }),
    { numRuns: 50 },
  );
});

it('compatible mutations resolve by default and are each reported; "strict" rejects them', async () => {
  await fc.assert(
    fc.asyncProperty(valid, fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), fc.array(pick, { minLength: 4, maxLength: 4 }), async ({ op, body }, indexes, picks) => {
      const mutated = structuredClone(body);
      const chosen = choose(compatibleSites(op, body), indexes);
      chosen.forEach((site, i) => site.apply(mutated, picks[i]!));
      const { value, error, events } = await serve(op, mutated);
      expect(error).toBeUndefined();
      expect(value).toEqual(mutated);
      expect(events).toHaveLength(1);
      const types = events[0]!.deviations.map((d) => d.type).sort();
      expect(types).toEqual(chosen.map((s) => s.type).sort());
      expect(types.every((t) => t in COMPATIBLE_DEVIATIONS)).toBe(true);
      const strict = await serve(op, mutated, { validateResponses: 'strict' });
      expect(strict.error).toMatchObject({ kind: 'response_validation' });
      expect(strict.events).toEqual([]);
    }),
    { numRuns: 60 },
  );
});

it('with no hook set, a tolerated deviation prints nothing', async () => {
  const printed = ['log', 'info', 'warn', 'error', 'debug', 'trace'].map((m) => vi.spyOn(console, m as 'log'));
  const written = [vi.spyOn(process.stdout, 'write'), vi.spyOn(process.stderr, 'write')];
  try {
    await fc.assert(
      fc.asyncProperty(valid, fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), fc.array(pick, { minLength: 4, maxLength: 4 }), async ({ op, body }, indexes, picks) => {
        const mutated = structuredClone(body);
        choose(compatibleSites(op, body), indexes).forEach((site, i) => site.apply(mutated, picks[i]!));
        const spec = OPERATIONS[op];
        api.handle((_req, res) => sendJson(res, spec.status, mutated));
        const client = pkg.createClient({ baseUrl: api.baseUrl, maxRetries: 0 });
        expect(await client[spec.method]!(spec.args)).toEqual(mutated);
      }),
      { numRuns: 30 },
    );
    for (const spy of [...printed, ...written]) expect(spy).not.toHaveBeenCalled();
  } finally {
    vi.restoreAllMocks();
  }
});

it('one breaking mutation among compatible ones rejects by default, and nothing is reported', async () => {
  await fc.assert(
    fc.asyncProperty(
      valid,
      fc.array(fc.nat(), { maxLength: 3 }),
      fc.nat(),
      fc.array(pick, { minLength: 4, maxLength: 4 }),
      async ({ op, body }, indexes, breakAt, picks) => {
        const mutated = structuredClone(body);
        const sites = breakingSites(op, body);
        const broken = sites[breakAt % sites.length]!;
        choose(compatibleSites(op, body), indexes).forEach((site, i) => site.apply(mutated, picks[i]!));
        // last, at a place of the valid value: new variants are appended, so it never lands inside one
        broken.apply(mutated, picks[3]!);
        const { error, events } = await serve(op, mutated);
        expect(error).toMatchObject({ name: 'ApiError', kind: 'response_validation' });
        expect(error?.errors?.map((e) => e.type)).toContain(broken.type);
        expect(events).toEqual([]);
      },
    ),
    { numRuns: 80 },
  );
});
