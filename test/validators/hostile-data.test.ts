import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { emitValidators } from '../../src/emit/validators/index.js';
import { componentEntry, errorsOf, loadValidators } from './load-validators.js';

const doc = {
  components: {
    schemas: {
      Keys: {
        type: 'object',
        required: ['__proto__', 'constructor', 'hasOwnProperty'],
        // JSON.parse: in an object literal `__proto__:` would set the prototype instead of defining a key
        properties: JSON.parse('{"__proto__": {"type": "string"}, "constructor": {"type": "integer"}, "hasOwnProperty": {"type": "boolean"}}') as object,
        additionalProperties: false,
      },
      Open: { type: 'object', required: ['toString'] },
      Tree: { type: 'object', properties: { child: { $ref: '#/components/schemas/Tree' } } },
      List: { type: 'array', items: { type: 'integer' } },
      Unique: { type: 'array', uniqueItems: true },
      Req: { type: 'object', required: ['token', 'extra'], properties: { token: { type: 'string' }, note: { type: 'integer' } } },
    },
  },
};

describe('hostile data', () => {
  it('validates __proto__/constructor/hasOwnProperty as ordinary own keys', async () => {
    const { v } = await loadValidators(doc, [componentEntry('Keys')]);
    const ok = JSON.parse('{"__proto__": "p", "constructor": 1, "hasOwnProperty": true}') as unknown;
    expect(v.validateKeys!(ok).ok).toBe(true);
    const bad = JSON.parse('{"__proto__": 5, "constructor": "x", "hasOwnProperty": "y", "polluted": 1}') as unknown;
    expect(errorsOf(v.validateKeys!(bad))).toEqual([
      { loc: ['__proto__'], msg: 'Input should be a valid string', type: 'string_type' },
      { loc: ['constructor'], msg: 'Input should be a valid integer', type: 'int_type' },
      { loc: ['hasOwnProperty'], msg: 'Input should be a valid boolean', type: 'bool_type' },
      { loc: ['polluted'], msg: 'Extra inputs are not permitted', type: 'extra_forbidden' },
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
  });

  it('inherited properties never satisfy `required`', async () => {
    const { v } = await loadValidators(doc, [componentEntry('Keys'), componentEntry('Open')]);
    expect(errorsOf(v.validateOpen!({})).map((e) => e.loc)).toEqual([['toString']]);
    expect(errorsOf(v.validateKeys!({})).map((e) => e.type)).toEqual(['missing', 'missing', 'missing']);
    const child = Object.create({ __proto__x: 1, constructor: 1 }) as object;
    expect(errorsOf(v.validateKeys!(child)).map((e) => e.loc[0])).toEqual(['__proto__', 'constructor', 'hasOwnProperty']);
  });

  it('deep or self-referencing data hits the depth limit with an error, not a stack overflow', async () => {
    const { v } = await loadValidators(doc, [componentEntry('Tree')]);
    let deep: Record<string, unknown> = {};
    for (let i = 0; i < 100_000; i++) deep = { child: deep };
    const errors = errorsOf(v.validateTree!(deep));
    expect(errors).toHaveLength(1);
    expect(errors[0]!.type).toBe('recursion_loop');
    expect(errors[0]!.loc.length).toBe(257);
    const cyclic: Record<string, unknown> = {};
    cyclic.child = cyclic;
    expect(errorsOf(v.validateTree!(cyclic))[0]!.type).toBe('recursion_loop');
    let shallow: Record<string, unknown> = {};
    for (let i = 0; i < 200; i++) shallow = { child: shallow };
    expect(v.validateTree!(shallow).ok).toBe(true);
  });

  it('100k-item arrays validate (items and uniqueItems hash, not pairwise compare)', async () => {
    const { v } = await loadValidators(doc, [componentEntry('List'), componentEntry('Unique')]);
    const big = Array.from({ length: 100_000 }, (_, i) => i);
    expect(v.validateList!(big).ok).toBe(true);
    expect(v.validateUnique!(big.map((i) => ({ id: i, tags: [i % 7] }))).ok).toBe(true);
    const withBad = [...big];
    withBad[99_999] = 1.5;
    expect(errorsOf(v.validateList!(withBad))).toEqual([
      { loc: [99_999], msg: 'Input should be a valid integer, got a number with a fractional part', type: 'int_from_float' },
    ]);
    const dup = [...big.map((i) => ({ b: i, a: [i] })), { a: [5], b: 5 }];
    expect(errorsOf(v.validateUnique!(dup))).toEqual([
      { loc: [100_000], msg: 'List should have unique items; this item repeats an earlier one', type: 'unique_items' },
    ]);
  });

  it('a getter that re-enters a validator does not corrupt error paths', async () => {
    const { v } = await loadValidators(doc, [componentEntry('Keys'), componentEntry('Open')]);
    const sneaky = {
      get constructor() {
        v.validateOpen!({});
        return 'x';
      },
    };
    expect(errorsOf(v.validateKeys!(sneaky)).map((e) => e.loc)).toEqual([['__proto__'], ['constructor'], ['hasOwnProperty']]);
  });

  describe('own properties only, whatever the prototype chain holds', () => {
    const valid = { token: 't', extra: 1 };
    /** Pollutes Object.prototype with `key` as `how` for the duration of `body`, then removes it again. */
    function withPollution(key: string, how: 'enumerable' | 'hidden' | 'getter', value: unknown, body: () => void): void {
      const proto = Object.prototype as Record<string, unknown>;
      if (how === 'enumerable') proto[key] = value;
      else if (how === 'hidden') Object.defineProperty(Object.prototype, key, { value, configurable: true, writable: true });
      // a getter that hides from a check made on Object.prototype itself and answers for every other object
      else Object.defineProperty(Object.prototype, key, { configurable: true, get(this: unknown) { return this === Object.prototype ? undefined : value; } });
      try {
        body();
      } finally {
        delete proto[key];
      }
    }

    it.each(['enumerable', 'hidden', 'getter'] as const)('a %s polluted Object.prototype neither satisfies `required` nor gets validated, also in optimised code', async (how) => {
      const { v } = await loadValidators(doc, [componentEntry('Req')]);
      const check = v.validateReq!;
      // warm up so the checks run as optimised code when the prototype changes under them
      for (let i = 0; i < 50_000; i++) check(i % 3 === 0 ? { token: 'x', extra: i } : { token: 'x', extra: i, note: i });
      withPollution('token', how, 'from-the-prototype', () => {
        expect(errorsOf(check({ extra: 1 }))).toEqual([{ loc: ['token'], msg: 'Field required', type: 'missing' }]);
        for (let i = 0; i < 20_000; i++) if (check({ extra: 1 }).ok) throw new Error(`inherited token accepted (call ${i})`);
        expect(check(valid).ok).toBe(true);
      });
      withPollution('note', how, 'not an integer', () => {
        for (let i = 0; i < 20_000; i++) if (!check({ token: 'x', extra: i }).ok) throw new Error(`inherited note validated (call ${i})`);
        expect(errorsOf(check({ token: 'x', extra: 1, note: 'own' }))).toEqual([{ loc: ['note'], msg: 'Input should be a valid integer', type: 'int_type' }]);
      });
      expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'token')).toBe(false);
      expect(errorsOf(check({ extra: 1 })).map((e) => e.loc)).toEqual([['token']]);
      expect(check(valid).ok).toBe(true);
    });

    it('inherited properties from any other prototype do not count; null-prototype objects validate like plain ones', async () => {
      const { v } = await loadValidators(doc, [componentEntry('Req')]);
      const check = v.validateReq!;
      for (let i = 0; i < 20_000; i++) check(valid);
      expect(errorsOf(check(Object.create(valid) as object)).map((e) => e.loc)).toEqual([['token'], ['extra']]);
      const viaClass = new (class { get token(): string { return 'accessor on the class prototype'; } extra = 1; })();
      expect(errorsOf(check(viaClass)).map((e) => e.loc)).toEqual([['token']]);
      const bare = Object.assign(Object.create(null) as object, valid);
      expect(check(bare).ok).toBe(true);
      expect(errorsOf(check(Object.create(null) as object)).map((e) => e.type)).toEqual(['missing', 'missing']);
    });

    it('an own property holding undefined is present (and checked), not missing', async () => {
      const { v } = await loadValidators(doc, [componentEntry('Req')]);
      const check = v.validateReq!;
      for (let i = 0; i < 20_000; i++) check(valid);
      expect(errorsOf(check({ token: undefined, extra: undefined }))).toEqual([{ loc: ['token'], msg: 'Input should be a valid string', type: 'string_type' }]);
      expect(errorsOf(check({ ...valid, note: undefined })).map((e) => e.type)).toEqual(['int_type']);
    });

    it('refuses inherited properties after seeing objects of many shapes (the prototype test folds per shape)', async () => {
      const { v } = await loadValidators(doc, [componentEntry('Req')]);
      const check = v.validateReq!;
      // five shapes, valid and invalid, so every property read in the checks is polymorphic when optimised
      const shapes = [valid, { extra: 1, token: 't' }, { token: 't', extra: 1, note: 2 }, { token: 5 }, { note: 'x', token: 't', extra: 0 }];
      for (let i = 0; i < 50_000; i++) check(JSON.parse(JSON.stringify(shapes[i % shapes.length])) as unknown);
      expect(errorsOf(check(Object.create(valid) as object)).map((e) => e.loc)).toEqual([['token'], ['extra']]);
      const viaClass = new (class { get token(): string { return 'inherited'; } extra = 1; })();
      expect(errorsOf(check(viaClass)).map((e) => e.loc)).toEqual([['token']]);
      // JSON.parse makes `__proto__` an own key: it hides the accessor, and nothing below it counts as own
      const shadowed = JSON.parse('{"__proto__": {"token": "t"}, "extra": 1}') as object;
      expect(errorsOf(check(shadowed)).map((e) => e.loc)).toEqual([['token']]);
      expect(check(JSON.parse('{"__proto__": {"x": 1}, "token": "t", "extra": 1}')).ok).toBe(true);
      expect(check(Object.assign(Object.create(null) as object, valid)).ok).toBe(true);
    });

    it('an array carrying the named properties is not an object, also once the checks are optimised', async () => {
      const { v } = await loadValidators(doc, [componentEntry('Req')]);
      const check = v.validateReq!;
      for (let i = 0; i < 50_000; i++) check(i % 2 === 0 ? valid : { token: 't' });
      const arrayLike = Object.assign([] as unknown[], valid);
      for (let i = 0; i < 20_000; i++) if (check(arrayLike).ok) throw new Error(`array accepted as an object (call ${i})`);
      expect(errorsOf(check(arrayLike))).toEqual([{ loc: [], msg: 'Input should be a valid dictionary', type: 'dict_type' }]);
    });
  });

  describe('where `__proto__` is switched off (node --disable-proto)', () => {
    const { content } = emitValidators({ document: doc, dialect: 'openapi-3.1', entries: [componentEntry('Req')] });
    const js = ts.transpileModule(content, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
    // a real Node process with the flag: own properties still decided, through hasOwnProperty
    const script = `import { validateReq as check } from './validators.mjs';
const results = [];
for (let i = 0; i < 20000; i++) check(i % 2 ? { token: 't', extra: i } : { token: 5 });
results.push(check({ token: 't', extra: 1 }).ok, check(Object.create({ token: 't', extra: 1 })).ok, check(JSON.parse('{"__proto__": {"token": "t"}, "extra": 1}')).ok);
results.push(check(Object.assign(Object.create(null), { token: 't', extra: 1 })).ok, check(Object.assign([], { token: 't', extra: 1 })).ok);
process.stdout.write(JSON.stringify(results));`;

    it.each(['throw', 'delete'])('--disable-proto=%s: the same answers, no exception', (mode) => {
      const dir = mkdtempSync(join(tmpdir(), 'zc-disable-proto-'));
      try {
        writeFileSync(join(dir, 'validators.mjs'), js);
        writeFileSync(join(dir, 'run.mjs'), script);
        const r = spawnSync(process.execPath, [`--disable-proto=${mode}`, 'run.mjs'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
        expect(r.stderr).toBe('');
        expect(JSON.parse(r.stdout)).toEqual([true, false, false, true, false]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
