import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { buildValidatorsView } from '../../src/emit/validators/build-view.js';
import { renderValidators } from '../../src/emit/validators/index.js';
import { componentEntry, errorsOf, loadValidators, type Validators } from './load-validators.js';

// How errors are assembled at run time: locs from linked path nodes under an export prefix, the closest anyOf
// branch recorded in place after other errors, type-only unions decided without branch functions, long error lists.

describe('closest-branch reports', () => {
  const doc = {
    components: {
      schemas: {
        Box: {
          type: 'object',
          required: ['name'],
          properties: {
            name: { type: 'string' },
            items: {
              type: 'array',
              items: {
                anyOf: [
                  { type: 'object', required: ['x', 'y', 'z'] },
                  { type: 'object', properties: { a: { type: 'object', required: ['b'], properties: { b: { type: 'integer' } } } } },
                ],
              },
            },
          },
        },
      },
    },
  };

  it('keeps only the closest branch, after the errors recorded before it, with full locs under the prefix', async () => {
    const { v } = await loadValidators(doc, [componentEntry('Box', { locPrefix: ['body'] })]);
    // items/0: both branches fail at the item itself (a tie: the first one is reported, the second one's error dropped);
    // items/1: branch 0 records 2 errors (y, z missing), then branch 1 one error deeper (a.b), which replaces them
    expect(errorsOf(v.validateBox!({ name: 1, items: [7, { x: 1, a: { b: 'no' } }] }))).toEqual([
      { loc: ['body', 'items', 0], msg: 'Input should be a valid dictionary', type: 'dict_type' },
      { loc: ['body', 'items', 1, 'a', 'b'], msg: 'Input should be a valid integer', type: 'int_type' },
      { loc: ['body', 'name'], msg: 'Input should be a valid string', type: 'string_type' },
    ]);
  });

  it('accepts when any branch passes, and reports a deeper branch over one with more errors', async () => {
    const { v } = await loadValidators(doc, [componentEntry('Box')]);
    expect(v.validateBox!({ name: 'n', items: [{ q: 1 }] }).ok).toBe(true);
    expect(errorsOf(v.validateBox!({ name: 'n', items: [{ a: {} }] }))).toEqual([
      { loc: ['items', 0, 'a', 'b'], msg: 'Field required', type: 'missing' },
    ]);
  });
});

describe('type-only unions', () => {
  const doc = {
    components: {
      schemas: {
        Loc: { type: 'array', items: { anyOf: [{ type: 'string' }, { type: 'integer', title: 'index' }] } },
        Num: { oneOf: [{ type: 'integer' }, { type: 'number' }] },
        Ref: { anyOf: [{ $ref: '#/components/schemas/Str' }, { type: ['boolean', 'null'] }] },
        Str: { type: 'string' },
      },
    },
  };

  it('report the first branch type error at the value, and compile to inline type tests', async () => {
    const { v, content } = await loadValidators(doc, ['Loc', 'Num', 'Ref'].map((n) => componentEntry(n)));
    expect(v.validateLoc!(['a', 3]).ok).toBe(true);
    expect(errorsOf(v.validateLoc!(['a', true, 1.5]))).toEqual([
      { loc: [1], msg: 'Input should be a valid string', type: 'string_type' },
      { loc: [2], msg: 'Input should be a valid string', type: 'string_type' },
    ]);
    expect(v.validateNum!(1.5).ok).toBe(true);
    expect(errorsOf(v.validateNum!(2))).toEqual([
      { loc: [], msg: 'Input should match exactly one schema in `oneOf`, but matched several', type: 'one_of_multiple' },
    ]);
    expect(errorsOf(v.validateNum!('2'))).toEqual([{ loc: [], msg: 'Input should be a valid integer', type: 'int_type' }]);
    expect(v.validateRef!(null).ok).toBe(true);
    expect(errorsOf(v.validateRef!(3))).toEqual([{ loc: [], msg: 'Input should be a valid string', type: 'string_type' }]);
    // no branch functions and no closest-branch rerun for these unions
    expect(content).not.toMatch(/function [qvc]_Loc_items_anyOf_\d/);
    expect(content).not.toMatch(/function [qvc]_Num_oneOf_\d/);
    expect(content).not.toMatch(/\bu\((?:e|\(e = en\(e\)\)), /);
  });

  it('leave unions with other keywords to the closest-branch report', async () => {
    const { v, content } = await loadValidators({ components: { schemas: { S: { anyOf: [{ type: 'string', minLength: 2 }, { type: 'integer' }] } } } }, [componentEntry('S')]);
    expect(errorsOf(v.validateS!('a'))).toEqual([{ loc: [], msg: 'String should have at least 2 characters', type: 'string_too_short' }]);
    // in the export's root function `c_S`, the list is made before the report records into it
    expect(content).toMatch(/\bu\(\(e = en\(e\)\), /);
  });
});

describe('long error lists', () => {
  it('collect every error in order (the list starts with room for one and grows)', async () => {
    const doc = { components: { schemas: { L: { type: 'array', items: { type: 'object', required: ['id'], properties: { id: { type: 'integer' } } } } } } };
    const { v } = await loadValidators(doc, [componentEntry('L', { locPrefix: ['response'] })]);
    const value = Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? { id: 'x' } : {}));
    const errors = errorsOf(v.validateL!(value));
    expect(errors).toHaveLength(40);
    expect(errors.map((e) => e.loc)).toEqual(value.map((_, i) => ['response', i, 'id']));
    expect(errors.map((e) => e.type)).toEqual(value.map((_, i) => (i % 2 === 0 ? 'int_type' : 'missing')));
    expect(errors.every((e) => Array.isArray(e.loc) && Object.keys(e).join() === 'loc,msg,type')).toBe(true);
  });
});

describe('an export without a quick variant', () => {
  it('runs the collecting function alone and still answers ok / every error', async () => {
    const doc = { components: { schemas: { P: { type: 'object', required: ['a'], properties: { a: { type: 'integer' }, b: { type: 'string' } } } } } };
    const { view } = buildValidatorsView(doc, [componentEntry('P', { locPrefix: ['body'], typeExpr: 'unknown' })], { dialect: 'openapi-3.1', importTypes: false });
    const content = renderValidators({ ...view, exports: view.exports.map((e) => ({ ...e, quick: '' })) });
    expect(content).not.toMatch(/\(value, 0\)/);
    const js = ts.transpileModule(content, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
    const v = (await import(`data:text/javascript;base64,${Buffer.from(js).toString('base64')}`)) as Validators;
    const good = { a: 1 };
    expect(v.validateP!(good)).toEqual({ ok: true, value: good });
    expect(errorsOf(v.validateP!({ b: 2 }))).toEqual([
      { loc: ['body', 'a'], msg: 'Field required', type: 'missing' },
      { loc: ['body', 'b'], msg: 'Input should be a valid string', type: 'string_type' },
    ]);
  });
});

describe('required properties in the quick pass', () => {
  it('an own undefined fails a required property like an absent one, and the report still tells them apart', async () => {
    const doc = {
      components: {
        schemas: {
          T: { type: 'object', required: ['r', 'u'], properties: { r: { $ref: '#/components/schemas/R' }, u: { anyOf: [{ type: 'string' }, { $ref: '#/components/schemas/R' }] } } },
          // a recursive union: whether it rejects `undefined` is decided within a few levels, never by looping
          R: { anyOf: [{ type: 'integer' }, { type: 'array', items: { $ref: '#/components/schemas/R' } }, { $ref: '#/components/schemas/R' }] },
        },
      },
    };
    const { v } = await loadValidators(doc, [componentEntry('T')]);
    expect(v.validateT!({ r: [1, [2]], u: 'x' }).ok).toBe(true);
    expect(errorsOf(v.validateT!({ r: undefined, u: 'x' })).map((e) => [e.loc, e.type])).toEqual([[['r'], 'int_type']]);
    expect(errorsOf(v.validateT!({ u: 'x' })).map((e) => [e.loc, e.type])).toEqual([[['r'], 'missing']]);
  });
});

describe('constant locs of root functions', () => {
  // Keys a template literal must escape to keep its strings array equal to the key: backtick, `${`, backslash, CR/LF
  // (a template turns a raw CR into LF), line separators, a lone surrogate, and two segments in one loc.
  const KEYS = ['plain', 'back`tick', '${x}', 'back\\slash', 'cr\r\nlf', 'sep\u2028\u2029', 'lone\ud800', '__proto__', '$'];
  const doc = {
    components: {
      schemas: {
        T: {
          type: 'object',
          required: KEYS,
          properties: { ...Object.fromEntries(KEYS.map((k) => [k, { type: 'integer' }])), inner: { type: 'object', required: ['deep'] } },
        },
      },
    },
  };

  it('carry any key exactly, are frozen, and are one array per site shared by every call', async () => {
    const { v, content } = await loadValidators(doc, [componentEntry('T')]);
    expect(content).toContain('lc`back\\`tick`');
    expect(content).toContain('lc`inner${0}deep`');
    const first = errorsOf(v.validateT!({ inner: {} }));
    expect(first).toHaveLength(KEYS.length + 1);
    expect(new Set(first.map((e) => JSON.stringify(e.loc)))).toEqual(new Set([JSON.stringify(['inner', 'deep']), ...KEYS.map((k) => JSON.stringify([k]))]));
    for (const e of first) expect(Object.isFrozen(e.loc)).toBe(true);
    const again = errorsOf(v.validateT!({ inner: {} }));
    expect(again.map((e) => e.loc)).toEqual(first.map((e) => e.loc));
    again.forEach((e, i) => expect(e.loc).toBe(first[i]!.loc));
    // the object itself fails at its root: the empty loc, frozen too
    const root = errorsOf(v.validateT!(5));
    expect(root).toEqual([{ loc: [], msg: 'Input should be a valid dictionary', type: 'dict_type' }]);
    expect(Object.isFrozen(root[0]!.loc)).toBe(true);
  });

  it('a prefixed export copies them: the constants stay as they were', async () => {
    const { v } = await loadValidators(doc, [componentEntry('T'), componentEntry('T', { exportName: 'validateBody', locPrefix: ['body'] })]);
    const plain = errorsOf(v.validateT!({ inner: {} }));
    const body = errorsOf(v.validateBody!({ inner: {} }));
    expect(body.map((e) => e.loc)).toEqual(plain.map((e) => ['body', ...e.loc]));
    expect(errorsOf(v.validateT!({ inner: {} })).map((e) => e.loc)).toEqual(plain.map((e) => e.loc));
  });
});
