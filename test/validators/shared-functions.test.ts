import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { compileSchemaModule } from '../../src/emit/validators/index.js';
import { componentEntry, errorsOf, loadValidators, type Result } from './load-validators.js';

// Identical inline subschemas (GitHub's webhooks repeat `repository`, `user`, ... hundreds of times) compile into
// one function called from every copy; these tests pin that down and that nothing else changes.

/** An inline address object: 9 schema nodes, above the sharing threshold. */
const address = (title = 'Address') => ({
  title,
  type: 'object',
  required: ['street', 'city'],
  properties: {
    street: { type: 'string', minLength: 1 },
    city: { type: 'string' },
    zip: { type: 'string', pattern: '^[0-9]{5}$' },
    country: { type: 'string', enum: ['DE', 'FR', 'US'] },
    lines: { type: 'array', items: { type: 'string' } },
    geo: { type: 'object', properties: { lat: { type: 'number' } } },
  },
});

/** A document whose `Order` holds the same address inline twice, and `Customer` a third time. */
const orders = (billing = address(), shipping = address(), customer = address()) => ({
  openapi: '3.1.0',
  components: {
    schemas: {
      Order: { type: 'object', properties: { billing, shipping, id: { type: 'integer' } } },
      Customer: { type: 'object', properties: { home: customer, name: { type: 'string' } } },
    },
  },
});

/** Names of the schema functions whose body mentions `needle` (the module's top-level items are separated by blank lines). */
function functionsMentioning(content: string, needle: string): string[] {
  return content
    .split('\n\n')
    .map((item) => /^(?:\/\/.*\n)?function ([qvc]_\w+)/.exec(item) && item)
    .filter((item): item is string => typeof item === 'string' && item.includes(needle))
    .map((item) => /function ([qvc]_\w+)/.exec(item)![1]!);
}

/** The module's schema functions (`q_`, `v_`, `c_`), without the runtime helpers and exports. */
function schemaCode(content: string): string {
  return content.split('\n\n').filter((item) => /^(?:\/\/.*\n)?function [qvc]_\w+/.test(item)).join('\n\n');
}

function shuffleKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(shuffleKeys);
  if (typeof v !== 'object' || v === null) return v;
  return Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, shuffleKeys(x)]));
}

async function loadModule(content: string): Promise<{ validate: (v: unknown) => Result }> {
  const js = ts.transpileModule(content, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
  return import(`data:text/javascript;base64,${Buffer.from(js).toString('base64')}`);
}

describe('identical subschemas compile once', () => {
  const entries = [componentEntry('Order'), componentEntry('Customer')];

  it('three copies of a big inline object: one function for all, called from each place', async () => {
    const { content } = await loadValidators(orders(), entries);
    // the checks of the address (its `zip` property) live in one function pair only
    const withZip = functionsMentioning(content, '"zip"');
    expect(withZip).toHaveLength(2);
    const shared = withZip.find((name) => name.startsWith('v_'))!;
    expect(shared).toMatch(/^v_s_Address_[0-9a-f]{8}$/);
    expect(withZip).toContain(`q${shared.slice(1)}`);
    expect(content.match(new RegExp(`\\b${shared}\\(`, 'g'))?.length).toBeGreaterThanOrEqual(3);
  });

  it('is smaller than compiling every copy', async () => {
    const sharedModule = (await loadValidators(orders(), entries)).content;
    // different titles make the copies different content, so each is compiled where it stands
    const distinct = (await loadValidators(orders(address('A'), address('B'), address('C')), entries)).content;
    expect(schemaCode(distinct).match(/"zip"/g)?.length).toBeGreaterThanOrEqual(3);
    // the schema functions only: the shared module also carries the runtime helper `r` (recording below a path),
    // which the distinct one, all inline in the exports' root functions, does without
    expect(schemaCode(sharedModule).length).toBeLessThan(schemaCode(distinct).length * 0.7);
  });

  it('small identical subschemas stay inline', async () => {
    const small = { type: 'object', properties: { a: { type: 'string' }, b: { type: 'integer' } } };
    const doc = { openapi: '3.1.0', components: { schemas: { Pair: { type: 'object', properties: { x: small, y: structuredClone(small) } } } } };
    const { content } = await loadValidators(doc, [componentEntry('Pair')]);
    // the export's root function alone (only the export calls it; it needs no yes/no pass before it)
    expect(content.match(/^function [qvc]_\w+/gm)).toEqual(['function c_Pair']);
  });

  it('an inline copy of a component calls the component function', async () => {
    const doc = orders();
    (doc.components.schemas as Record<string, unknown>).Address = address();
    const { content } = await loadValidators(doc, [...entries, componentEntry('Address')]);
    expect(functionsMentioning(content, '"zip"')).toEqual(['q_Address', 'v_Address']);
    // from the root function of the Order export (one pass: valid input runs it): the yes/no check first, and only
    // for a rejected address the collecting call, with the error list made before it records into it
    expect(content).toMatch(/if \(!q_Address\(x0_billing, d\)\)\s*v_Address\(x0_billing, \(e = en\(e\)\), d, \[p, "billing"\] as const\)/);
  });
});

describe('errors inside a shared function', () => {
  it('carry the full loc of the copy they were found in, export prefix included', async () => {
    const doc = orders();
    const { v } = await loadValidators(doc, [componentEntry('Order', { locPrefix: ['body'] }), componentEntry('Customer')]);
    const errors = errorsOf(v.validateOrder!({ billing: { street: '', city: 'x', geo: { lat: 'n' } }, shipping: { city: 1, zip: '1' } }));
    expect(errors.map((e) => [e.loc, e.type])).toEqual([
      [['body', 'billing', 'geo', 'lat'], 'float_type'],
      [['body', 'billing', 'street'], 'string_too_short'],
      [['body', 'shipping', 'city'], 'string_type'],
      [['body', 'shipping', 'street'], 'missing'],
      [['body', 'shipping', 'zip'], 'string_pattern_mismatch'],
    ]);
    expect(errorsOf(v.validateCustomer!({ home: { street: 'a', city: 'b', lines: ['ok', 2] } })).map((e) => e.loc)).toEqual([['home', 'lines', 1]]);
    expect(v.validateOrder!({ billing: { street: 'a', city: 'b' }, shipping: { street: 'c', city: 'd', zip: '12345' } }).ok).toBe(true);
  });

  it('are those of the same schema compiled without sharing', async () => {
    const value = { billing: { street: 5, zip: 'x', country: 'XX', extra: 1 }, shipping: [], id: 1.5 };
    const shared = (await loadValidators(orders(), [componentEntry('Order')])).v;
    const distinct = (await loadValidators(orders(address('A'), address('B')), [componentEntry('Order')])).v;
    expect(errorsOf(shared.validateOrder!(value))).toEqual(errorsOf(distinct.validateOrder!(value)));
  });

  it('a shared copy inside a recursive schema does not change the depth at which recursion_loop fires', async () => {
    const tree = (a: object, b: object) => ({
      $defs: { node: { type: 'object', properties: { a, b, next: { $ref: '#/$defs/node' } } } },
      $ref: '#/$defs/node',
    });
    // `next.next` is the last node within the depth limit (the root `$ref` is the first call): its copies must
    // still be checked, its `next` is one too deep
    const leaf = { street: 's', city: 'c' };
    const value = { a: leaf, next: { b: leaf, next: { a: leaf, b: { city: 1 }, next: {} } } };
    const opts = { dialect: 'json-schema-2020-12' as const, maxDepth: 3 };
    const shared = await loadModule(compileSchemaModule(tree(address(), address()), opts).content);
    const distinct = await loadModule(compileSchemaModule(tree(address('A'), address('B')), opts).content);
    const expected = errorsOf(distinct.validate(value));
    expect(expected.map((e) => [e.loc, e.type])).toEqual([
      [['next', 'next', 'b', 'city'], 'string_type'],
      [['next', 'next', 'b', 'street'], 'missing'],
      [['next', 'next', 'next'], 'recursion_loop'],
    ]);
    expect(errorsOf(shared.validate(value))).toEqual(expected);
  });

  it('a shared copy applied in place (allOf) still reports what it evaluated to unevaluatedProperties', async () => {
    const schema = {
      type: 'object',
      properties: {
        x: { allOf: [address()], unevaluatedProperties: false },
        y: { allOf: [address()], unevaluatedProperties: false },
      },
    };
    const mod = await loadModule(compileSchemaModule(schema, { dialect: 'json-schema-2020-12' }).content);
    expect(mod.validate({ x: { street: 'a', city: 'b', zip: '12345' } }).ok).toBe(true);
    expect(errorsOf(mod.validate({ y: { street: 'a', city: 'b', other: 1 } })).map((e) => [e.loc, e.type])).toEqual([[['y', 'other'], 'extra_forbidden']]);
  });

  it('big shared schemas as anyOf branches still answer yes/no correctly', async () => {
    const schema = { type: 'object', properties: { p: { anyOf: [address(), { type: 'string' }] }, q: { anyOf: [address(), { type: 'integer' }] } } };
    const mod = await loadModule(compileSchemaModule(schema, { dialect: 'json-schema-2020-12' }).content);
    expect(mod.validate({ p: { street: 'a', city: 'b' }, q: 3 }).ok).toBe(true);
    expect(mod.validate({ p: 'text', q: { street: 'a', city: 'b' } }).ok).toBe(true);
    expect(errorsOf(mod.validate({ q: { street: '', city: 'b' } })).map((e) => e.loc)).toEqual([['q', 'street']]);
  });
});

describe('schemas too big for V8 to inline', () => {
  /** 40 properties: far above what V8 inlines, so no separate yes/no code is generated for it. */
  const big = { type: 'object', required: ['f0'], properties: Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`f${i}`, { type: 'integer' }])) };

  it('answer yes/no through their collecting function, with the same verdicts', async () => {
    const schema = { anyOf: [big, { type: 'string' }] };
    const { content } = compileSchemaModule(schema, { dialect: 'json-schema-2020-12' });
    expect(content).toMatch(/function q_anyOf_0\$\(x: unknown, d: number\): boolean \{\nreturn v_anyOf_0\(x, \[\], d, null\);\n\}/);
    expect(content).toMatch(/^const q_anyOf_0 = q_anyOf_0\$;$/m);
    const mod = await loadModule(content);
    expect(mod.validate({ f0: 1, f39: 2 }).ok).toBe(true);
    expect(mod.validate([]).ok).toBe(false);
    expect(mod.validate('s').ok).toBe(true);
    expect(errorsOf(mod.validate({ f0: 1, f7: 'x' })).map((e) => [e.loc, e.type])).toEqual([[['f7'], 'int_type']]);
    expect(errorsOf(mod.validate({ f1: 1 })).map((e) => [e.loc, e.type])).toEqual([[['f0'], 'missing']]);
  });

  it('are checked by their export in one collecting pass', async () => {
    const { content } = compileSchemaModule(big, { dialect: 'json-schema-2020-12' });
    expect(content).not.toMatch(/function q_root/);
    const mod = await loadModule(content);
    expect(mod.validate({ f0: 1 })).toEqual({ ok: true, value: { f0: 1 } });
    expect(errorsOf(mod.validate({ f0: 'a', f1: 'b' })).map((e) => [e.loc, e.type])).toEqual([[['f0'], 'int_type'], [['f1'], 'int_type']]);
  });
});

describe('request and response functions', () => {
  // `Account` reaches a readOnly flag through `$ref`s (Account → Owner → Audit.id); `Tag` reaches none
  const doc = {
    openapi: '3.1.0',
    components: {
      schemas: {
        Account: { type: 'object', properties: { owner: { $ref: '#/components/schemas/Owner' }, tag: { $ref: '#/components/schemas/Tag' } } },
        Owner: { type: 'object', properties: { audit: { $ref: '#/components/schemas/Audit' }, name: { type: 'string' } } },
        Audit: { type: 'object', required: ['id'], properties: { id: { type: 'string', readOnly: true }, at: { type: 'string' } } },
        Tag: { type: 'object', required: ['label'], properties: { label: { type: 'string' } } },
      },
    },
  };
  const entries = ['request', 'response'].flatMap((usage) =>
    ['Account', 'Tag'].map((name) => componentEntry(name, { exportName: `${usage}${name}`, usage: usage as 'request' | 'response' })),
  );

  it('are one function when no readOnly/writeOnly flag is reachable, two otherwise', async () => {
    const { content } = await loadValidators(doc, entries);
    // collecting code: the root functions of the Account exports, and the functions nested schemas share
    const names = content.match(/^function [vc]_\w+/gm)!.map((f) => f.slice('function '.length)).sort();
    expect(names).toEqual(['c_Account_req', 'c_Account_res', 'v_Audit_req', 'v_Audit_res', 'v_Owner_req', 'v_Owner_res', 'v_Tag']);
  });

  it('still treat readOnly as not required in requests only, through the chain of `$ref`s', async () => {
    const { v } = await loadValidators(doc, entries);
    const account = { owner: { audit: { at: 't' } }, tag: { label: 'x' } };
    expect(v.requestAccount!(account).ok).toBe(true);
    expect(errorsOf(v.responseAccount!(account)).map((e) => [e.loc, e.type])).toEqual([[['owner', 'audit', 'id'], 'missing']]);
    expect(errorsOf(v.requestTag!({})).map((e) => [e.loc, e.type])).toEqual([[['label'], 'missing']]);
    expect(errorsOf(v.responseAccount!({ tag: {} })).map((e) => [e.loc, e.type])).toEqual([[['tag', 'label'], 'missing']]);
  });
});

describe('output of shared functions', () => {
  it('is the same whatever the key order of the document', async () => {
    const entries = [componentEntry('Order'), componentEntry('Customer')];
    const a = (await loadValidators(orders(), entries)).content;
    const b = (await loadValidators(shuffleKeys(orders()), entries)).content;
    expect(b).toBe(a);
    expect((await loadValidators(orders(), entries)).content).toBe(a);
  });

  it('names a shared function from its content: adding another copy elsewhere renames nothing', async () => {
    const entries = [componentEntry('Order'), componentEntry('Customer')];
    const before = functionsMentioning((await loadValidators(orders(), entries)).content, '"zip"');
    const doc = orders();
    (doc.components.schemas as Record<string, unknown>).Aardvark = { type: 'object', properties: { den: address() } };
    const after = functionsMentioning((await loadValidators(doc, [componentEntry('Aardvark'), ...entries])).content, '"zip"');
    expect(after).toEqual(before);
  });

});
