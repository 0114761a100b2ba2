/**
 * The validators of the schema-keyword cases (openapi-31-schemas, openapi-30-schemas, x-nullable, openapi-31-nullable,
 * recursion), run on concrete values through the generated package's own `src/validators.ts`: what the spec admits
 * passes, everything else is rejected with the error's `loc` and `type`.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { errorsOf, loadCaseValidators, type CaseIssue, type CaseValidators } from './case-package.js';

/** The `loc` and `type` of each error (the message wording is the validators' own tests' business). */
function locTypes(errors: CaseIssue[]): Array<[Array<string | number>, string]> {
  return errors.map((e) => [e.loc, e.type]);
}

describe('openapi-31-schemas validators', () => {
  let v: CaseValidators;
  beforeAll(async () => {
    v = await loadCaseValidators('openapi-31-schemas');
  }, 60_000);

  const create = {
    customer: { id: 'cus_1' },
    memo: null,
    external_ref: 12,
    period: ['2024-01-01', '2024-01-31'],
    lines: [{ sku: 'consulting', quantity: 1, unit: 'hour' }],
  };
  const invoice = {
    object: 'invoice',
    api_version: 2,
    voided: null,
    sort: { field: 'created_at', order: 'desc' },
    customer: { id: 'cus_1' },
    memo: 'thanks',
    lines: [],
    tags: ['batch', 1, 2],
  };

  it('type arrays admit each listed type and apply the keywords of each', () => {
    for (const memo of [null, 'Thanks!']) expect(v.validateInvoiceCreate!({ ...create, memo }).ok).toBe(true);
    for (const ref of [1, 'PO-1']) expect(v.validateInvoiceCreate!({ ...create, external_ref: ref }).ok).toBe(true);
    expect(locTypes(errorsOf(v.validateInvoiceCreate!({ ...create, memo: 5, external_ref: 1.5 })))).toEqual([
      [['external_ref'], 'int_type'],
      [['memo'], 'string_type'],
    ]);
    // minimum applies to the integer, minLength to the string, maxLength to the non-null memo
    expect(locTypes(errorsOf(v.validateInvoiceCreate!({ ...create, external_ref: 0, memo: 'x'.repeat(21) })))).toEqual([
      [['external_ref'], 'greater_than_equal'],
      [['memo'], 'string_too_long'],
    ]);
    expect(locTypes(errorsOf(v.validateInvoiceCreate!({ ...create, external_ref: 'ab' })))).toEqual([[['external_ref'], 'string_too_short']]);
  });

  it('a type-array path parameter admits an integer or a string and nothing else', () => {
    expect(v.validateGetInvoicePath!({ invoice_id: 42 }).ok).toBe(true);
    expect(v.validateGetInvoicePath!({ invoice_id: 'inv_42' }).ok).toBe(true);
    expect(locTypes(errorsOf(v.validateGetInvoicePath!({ invoice_id: true })))).toEqual([[['path', 'invoice_id'], 'int_type']]);
  });

  it('`const` (string, number, null, object) admits exactly its value; object key order does not matter', () => {
    expect(v.validateInvoice!(invoice).ok).toBe(true);
    expect(v.validateInvoice!({ ...invoice, sort: { order: 'desc', field: 'created_at' } }).ok).toBe(true);
    const wrong = { ...invoice, object: 'invoices', api_version: 2.000001, voided: 0, sort: { field: 'created_at', order: 'desc', x: 1 } };
    expect(locTypes(errorsOf(v.validateInvoice!(wrong)))).toEqual([
      [['api_version'], 'literal_error'],
      [['object'], 'literal_error'],
      [['sort'], 'literal_error'],
      [['voided'], 'literal_error'],
    ]);
    // `voided: undefined` is not `null`: the key is required and must hold null
    expect(locTypes(errorsOf(v.validateInvoice!({ ...invoice, voided: undefined })))).toEqual([[['voided'], 'literal_error']]);
  });

  it('`prefixItems` with `items: false` is a closed tuple; `minItems` still counts', () => {
    expect(locTypes(errorsOf(v.validateInvoiceCreate!({ ...create, period: ['2024-01-01', '2024-13-01', '2024-02-01'] })))).toEqual([
      [['period', 1], 'date_parsing'],
      [['period', 2], 'never'],
    ]);
    expect(locTypes(errorsOf(v.validateInvoiceCreate!({ ...create, period: ['2024-01-01'] })))).toEqual([[['period'], 'too_short']]);
  });

  it('`prefixItems` with an `items` schema checks the rest against it; without `items` the rest is free', () => {
    expect(v.validateInvoice!({ ...invoice, tags: [] }).ok).toBe(true);
    expect(v.validateInvoice!({ ...invoice, location: [] }).ok).toBe(true);
    expect(v.validateInvoice!({ ...invoice, location: [52.5, 13.4, 'Berlin', { zoom: 3 }] }).ok).toBe(true);
    expect(locTypes(errorsOf(v.validateInvoice!({ ...invoice, tags: [1, 'a', 3, 'b'], location: ['52.5'] })))).toEqual([
      [['location', 0], 'float_type'],
      [['tags', 0], 'string_type'],
      [['tags', 1], 'int_type'],
      [['tags', 3], 'int_type'],
    ]);
  });

  it('`$ref` into `$defs` (and from one `$defs` entry to another) validates the target', () => {
    const lines = [{ sku: 'a', quantity: 1 }, { sku: 'b', quantity: 0, unit: 'day' }, { quantity: 1 }];
    expect(locTypes(errorsOf(v.validateInvoiceCreate!({ ...create, lines })))).toEqual([
      [['lines', 1, 'quantity'], 'greater_than'],
      [['lines', 1, 'unit'], 'enum'],
      [['lines', 2, 'sku'], 'missing'],
    ]);
  });

  it('enums with null and with mixed types admit exactly their members (no coercion: 1 is not "1", false is not 0)', () => {
    for (const status of ['draft', 'open', null]) expect(v.validateInvoiceCreate!({ ...create, status }).ok).toBe(true);
    for (const priority of [1, 'high', null, false]) expect(v.validateInvoiceCreate!({ ...create, priority }).ok).toBe(true);
    for (const priority of ['1', 0, true, 'HIGH']) {
      expect(locTypes(errorsOf(v.validateInvoiceCreate!({ ...create, priority })))).toEqual([[['priority'], 'enum']]);
    }
    expect(locTypes(errorsOf(v.validateInvoiceCreate!({ ...create, status: 'paid' })))).toEqual([[['status'], 'enum']]);
  });

  it('`$ref` with a sibling `description` still validates the referenced schema', () => {
    expect(locTypes(errorsOf(v.validateInvoiceCreate!({ ...create, customer: { name: 'x' } })))).toEqual([[['customer', 'id'], 'missing']]);
  });

  it('`contentEncoding`/`contentMediaType` annotate: any string passes, a non-string does not', () => {
    expect(v.validateInvoiceCreate!({ ...create, attachment: 'not base64 at all!' }).ok).toBe(true);
    expect(locTypes(errorsOf(v.validateInvoiceCreate!({ ...create, attachment: 1 })))).toEqual([[['attachment'], 'string_type']]);
  });

  it('`patternProperties` checks matching keys; `additionalProperties: false` then rejects the others', () => {
    const ok = { ...create, custom_fields: { x_po: 'PO-1' }, counters: { page_count: 2, label: 'free' } };
    expect(v.validateInvoiceCreate!(ok).ok).toBe(true);
    const bad = { ...create, custom_fields: { x_po: 1, other: 'b' }, counters: { page_count: '2' } };
    expect(locTypes(errorsOf(v.validateInvoiceCreate!(bad)))).toEqual([
      [['counters', 'page_count'], 'int_type'],
      [['custom_fields', 'x_po'], 'string_type'],
      [['custom_fields', 'other'], 'extra_forbidden'],
    ]);
  });

  it('the request body and response validators of the operations check the same schemas', () => {
    expect(v.validateCreateInvoiceBody!(create).ok).toBe(true);
    expect(locTypes(errorsOf(v.validateCreateInvoiceBody!({ ...create, extra: 1 })))).toEqual([[['body', 'extra'], 'extra_forbidden']]);
    expect(v.validateGetInvoiceResponse200!(invoice).ok).toBe(true);
    expect(errorsOf(v.validateGetInvoiceResponse200!({ ...invoice, object: 'customer' })).map((e) => e.type)).toEqual(['literal_error']);
  });
});

describe('openapi-30-schemas validators', () => {
  let v: CaseValidators;
  beforeAll(async () => {
    v = await loadCaseValidators('openapi-30-schemas');
  }, 60_000);

  const customer = {
    id: 'cus_1',
    nickname: null,
    age: null,
    address: null,
    tier: null,
    metadata: { plan: 'pro' },
    settings: { locale: 'en' },
  };
  const payment = { amount: 10, discount_rate: 0, method: { type: 'card', last4: '4242' } };

  it('`nullable` admits null on primitives, an allOf-wrapped $ref, an enum and a nullable object schema', () => {
    expect(v.validateCustomer!({ ...customer, shipping: null }).ok).toBe(true);
    const filled = { ...customer, nickname: 'Al', age: 3, address: { line1: 'Main St 1', country: 'DE' }, tier: 'gold', shipping: { line1: 'x' } };
    expect(v.validateCustomer!(filled).ok).toBe(true);
  });

  it('a nullable field is still typed and still required', () => {
    const bad = { ...customer, nickname: 1, age: -1, address: { line1: 'x', country: 'DEU' }, tier: 'bronze', shipping: 3 };
    expect(locTypes(errorsOf(v.validateCustomer!(bad)))).toEqual([
      [['address', 'country'], 'string_too_long'],
      [['age'], 'greater_than_equal'],
      [['nickname'], 'string_type'],
      [['shipping'], 'dict_type'],
      [['tier'], 'enum'],
    ]);
    const { nickname: _, ...withoutNickname } = customer;
    expect(locTypes(errorsOf(v.validateCustomer!(withoutNickname)))).toEqual([[['nickname'], 'missing']]);
  });

  it('`nullable` with an enum that does not list null admits null, and only the members besides', () => {
    expect(v.validateCustomerUpdate!({ status: null }).ok).toBe(true);
    expect(v.validateCustomerUpdate!({ status: 'archived' }).ok).toBe(true);
    expect(locTypes(errorsOf(v.validateCustomerUpdate!({ status: 'deleted' })))).toEqual([[['status'], 'enum']]);
  });

  // "tier": { "type": "string", "enum": ["gold", "silver", null], "nullable": true }: null passes, so the message
  // names it, as 3.1's `type: [string, "null"]` enum does.
  it('the enum message of a nullable enum names null too', () => {
    expect(v.validateCustomer!({ ...customer, tier: null }).ok).toBe(true);
    expect(errorsOf(v.validateCustomer!({ ...customer, tier: 'bronze' }))[0]!.msg).toBe("Input should be 'gold', 'silver' or null");
  });

  it('without `nullable`, null is rejected', () => {
    expect(locTypes(errorsOf(v.validateCustomer!({ ...customer, id: null, metadata: null })))).toEqual([
      [['id'], 'string_type'],
      [['metadata'], 'dict_type'],
    ]);
  });

  it('boolean exclusiveMinimum/exclusiveMaximum make the bound exclusive; `false` keeps it inclusive', () => {
    expect(v.validatePaymentCreate!({ ...payment, amount: 0.01, discount_rate: 0.99, installments: 1 }).ok).toBe(true);
    expect(locTypes(errorsOf(v.validatePaymentCreate!({ ...payment, amount: 0, discount_rate: 1, installments: 0 })))).toEqual([
      [['amount'], 'greater_than'],
      [['discount_rate'], 'less_than'],
      [['installments'], 'greater_than_equal'],
    ]);
  });

  it('a discriminator with mapping picks the branch by mapping key and reports only that branch', () => {
    expect(v.validatePaymentCreate!({ ...payment, method: { type: 'bank_account', iban: 'DE89' } }).ok).toBe(true);
    expect(locTypes(errorsOf(v.validatePaymentCreate!({ ...payment, method: { type: 'card', iban: 'DE89' } })))).toEqual([
      [['method', 'last4'], 'missing'],
    ]);
    expect(locTypes(errorsOf(v.validatePaymentCreate!({ ...payment, method: { type: 'card', last4: '42' } })))).toEqual([
      [['method', 'last4'], 'string_pattern_mismatch'],
    ]);
    // the schema name is not a tag when a mapping names the tags
    expect(locTypes(errorsOf(v.validatePaymentCreate!({ ...payment, method: { type: 'Card', last4: '4242' } })))).toEqual([
      [['method', 'type'], 'union_tag_invalid'],
    ]);
    expect(locTypes(errorsOf(v.validatePaymentCreate!({ ...payment, method: { last4: '4242' } })))).toEqual([[['method'], 'union_tag_not_found']]);
  });

  it('a discriminator member validated on its own checks its own schema only: its tag is any string, as its type says', () => {
    // Card's schema says `type: string`; only PaymentMethod's union ties 'card' to it (types: `Card & { type: "card" }`)
    expect(v.validateCard!({ type: 'bank_account', last4: '4242' }).ok).toBe(true);
    expect(locTypes(errorsOf(v.validatePaymentMethod!({ type: 'bank_account', last4: '4242' })))).toEqual([[['iban'], 'missing']]);
  });

  it('a discriminator without mapping uses the schema names as tags', () => {
    expect(v.validateEvent!({ event_type: 'CustomerDeleted', customer_id: 'cus_1' }).ok).toBe(true);
    expect(v.validateEvent!({ event_type: 'CustomerCreated', customer: { ...customer } }).ok).toBe(true);
    expect(locTypes(errorsOf(v.validateEvent!({ event_type: 'CustomerCreated', customer_id: 'cus_1' })))).toEqual([[['customer'], 'missing']]);
    expect(locTypes(errorsOf(v.validateEvent!({ event_type: 'customer.deleted', customer_id: 'c' })))).toEqual([[['event_type'], 'union_tag_invalid']]);
    // a list response checks every item: `loc` is response, index, path in the item
    const events = [{ event_type: 'CustomerDeleted', customer_id: 'c' }, { event_type: 'CustomerCreated', customer: { ...customer, id: 1 } }];
    expect(locTypes(errorsOf(v.validateListEventsResponse200!(events)))).toEqual([[['response', 1, 'customer', 'id'], 'string_type']]);
  });

  it('additionalProperties: a schema checks every extra value, `true` admits anything, `false` rejects extras', () => {
    expect(v.validateCustomer!({ ...customer, metadata: {}, extra: { nested: [1, { a: null }] } }).ok).toBe(true);
    const bad = { ...customer, metadata: { plan: 1, note: 'x'.repeat(51) }, settings: { locale: 'en', theme: 'dark' } };
    expect(locTypes(errorsOf(v.validateCustomer!(bad)))).toEqual([
      [['metadata', 'plan'], 'string_type'],
      [['metadata', 'note'], 'string_too_long'],
      [['settings', 'theme'], 'extra_forbidden'],
    ]);
    expect(locTypes(errorsOf(v.validateCustomer!({ ...customer, extra: [] })))).toEqual([[['extra'], 'dict_type']]);
  });

  it('`type: object` alone is free-form: any properties, but an object', () => {
    expect(v.validateCustomerUpdate!({ preferences: { theme: 'dark', digest: { weekly: true } } }).ok).toBe(true);
    expect(locTypes(errorsOf(v.validateCustomerUpdate!({ preferences: ['dark'] })))).toEqual([[['preferences'], 'dict_type']]);
  });
});

describe('x-nullable validators (OpenAPI 3.0)', () => {
  let v: CaseValidators;
  beforeAll(async () => {
    v = await loadCaseValidators('x-nullable');
  }, 60_000);

  const story = { id: 's_1', title: 'A', subtitle: 'B', tags: ['a'] };

  it('`x-nullable: true` on a Schema Object admits null: a property, array items, the array, an enum, a component', () => {
    const nulls = { ...story, title: null, tags: null, status: null, revision: null };
    expect(v.validateStory!(nulls).ok).toBe(true);
    expect(v.validateStory!({ ...story, tags: ['a', null] }).ok).toBe(true);
    expect(v.validateRevision!(null).ok).toBe(true);
    // in a response (the null Prism's dynamic answers hold, and real servers send) and in a request body
    expect(v.validateGetStoryResponse200!(nulls).ok).toBe(true);
    expect(v.validateUpdateStoryBody!({ title: null }).ok).toBe(true);
  });

  it('the schema is still checked when the value is not null; required stays required', () => {
    expect(locTypes(errorsOf(v.validateStory!({ ...story, title: 5, tags: [1], status: 'gone', revision: { number: 0 } })))).toEqual([
      [['revision', 'number'], 'greater_than_equal'],
      [['status'], 'enum'],
      [['tags', 0], 'string_type'],
      [['title'], 'string_type'],
    ]);
    expect(locTypes(errorsOf(v.validateUpdateStoryBody!({ title: '' })))).toEqual([[['body', 'title'], 'string_too_short']]);
    const { title: _, ...untitled } = story;
    expect(locTypes(errorsOf(v.validateStory!(untitled)))).toEqual([[['title'], 'missing']]);
  });

  it('the enum message names null, as for `nullable`', () => {
    expect(errorsOf(v.validateStory!({ ...story, status: 'gone' }))[0]!.msg).toBe("Input should be 'draft', 'published' or null");
  });

  it('null stays refused where `nullable: false` is explicit, `x-nullable` is false, or beside a 3.0 `$ref`', () => {
    expect(locTypes(errorsOf(v.validateStory!({ ...story, subtitle: null, published: null, outline: null })))).toEqual([
      [['outline'], 'dict_type'],
      [['published'], 'bool_type'],
      [['subtitle'], 'string_type'],
    ]);
  });

  it('`x-nullable` on a Parameter Object is left alone', () => {
    expect(locTypes(errorsOf(v.validateGetStoryQuery!({ view: null })))).toEqual([[['query', 'view'], 'string_type']]);
  });
});

describe('openapi-31-nullable validators', () => {
  let v: CaseValidators;
  beforeAll(async () => {
    v = await loadCaseValidators('openapi-31-nullable');
  }, 60_000);

  const account = { id: 'a_1', nickname: 'Al', legacy_code: 7, plan: { name: 'pro' }, owner: { name: 'o' }, note: 'n' };

  it('`nullable: true` and `x-nullable: true` admit null in 3.1 too, beside a `$ref` as well', () => {
    expect(v.validateAccount!({ ...account, nickname: null, legacy_code: null, plan: null, note: null }).ok).toBe(true);
  });

  it('a non-null value is still checked against the schema, the `$ref` target included', () => {
    expect(locTypes(errorsOf(v.validateAccount!({ ...account, nickname: 'x'.repeat(21), legacy_code: 'x', plan: {} })))).toEqual([
      [['legacy_code'], 'int_type'],
      [['nickname'], 'string_too_long'],
      [['plan', 'name'], 'missing'],
    ]);
  });

  it('without either, null is refused', () => {
    expect(locTypes(errorsOf(v.validateAccount!({ ...account, id: null, owner: null })))).toEqual([
      [['id'], 'string_type'],
      [['owner'], 'dict_type'],
    ]);
  });
});

describe('recursion validators', () => {
  let v: CaseValidators;
  beforeAll(async () => {
    v = await loadCaseValidators('recursion');
  }, 60_000);

  it('a self-recursive tree is checked at every depth', () => {
    const leaf = (name: string): object => ({ name, children: [] });
    expect(v.validateCategory!({ name: 'a', children: [{ name: 'b', children: [leaf('c')] }], parent: leaf('root') }).ok).toBe(true);
    const bad = { name: 'a', children: [{ name: 'b', children: [{ name: 'c', children: [1] }] }], parent: { name: 'p' } };
    expect(locTypes(errorsOf(v.validateCategory!(bad)))).toEqual([
      [['children', 0, 'children', 0, 'children', 0], 'dict_type'],
      [['parent', 'children'], 'missing'],
    ]);
  });

  it('mutually recursive schemas (Employee → Team → Employee) are checked through both', () => {
    const ok = { name: 'a', team: { lead: { name: 'b', team: { lead: { name: 'c' }, members: [] } }, members: [{ name: 'd' }] } };
    expect(v.validateEmployee!(ok).ok).toBe(true);
    const bad = { name: 'a', team: { lead: { name: 'b', team: { lead: { name: 1 }, members: [] } }, members: [{}] } };
    expect(locTypes(errorsOf(v.validateEmployee!(bad)))).toEqual([
      [['team', 'lead', 'team', 'lead', 'name'], 'string_type'],
      [['team', 'members', 0, 'name'], 'missing'],
    ]);
    expect(v.validateGetEmployeeResponse200!(ok).ok).toBe(true);
  });

  it('recursion through a oneOf reports the closest branch at the nested location', () => {
    const ok = { all: [{ field: 'status', equals: 'open' }, { all: [{ field: 'tier', equals: 'gold' }] }] };
    expect(v.validateFilter!(ok).ok).toBe(true);
    expect(v.validateValidateFilter2Body!(ok).ok).toBe(true);
    const bad = { all: [{ field: 'status', equals: 'open' }, { all: [{ field: 'tier' }] }] };
    expect(locTypes(errorsOf(v.validateFilter!(bad)))).toEqual([[['all', 1, 'all', 0, 'equals'], 'missing']]);
  });

  it('recursion through additionalProperties, alone and in a union', () => {
    const home = { name: 'home', entries: { docs: { name: 'docs', entries: { old: { name: 'old', entries: {} } } } } };
    expect(v.validateDirectory!(home).ok).toBe(true);
    const badHome = { name: 'home', entries: { docs: { name: 'docs', entries: { old: { entries: {} } } } } };
    expect(locTypes(errorsOf(v.validateDirectory!(badHome)))).toEqual([[['entries', 'docs', 'entries', 'old', 'name'], 'missing']]);
    expect(v.validateLabels!({ env: 'prod', team: { name: 'billing', owner: { email: 'a@example.com' } } }).ok).toBe(true);
    const badLabels = errorsOf(v.validateLabels!({ env: 'prod', team: { name: 'billing', size: 3 } }));
    expect(badLabels.map((e) => e.loc)).toEqual([['team', 'size']]);
  });

  it('recursion inside `$defs` (a comment\'s replies are comments)', () => {
    const ok = { root: { text: 'a', replies: [{ text: 'b', replies: [{ text: 'c', replies: [] }] }] } };
    expect(v.validateThread!(ok).ok).toBe(true);
    const bad = { root: { text: 'a', replies: [{ text: 'b', replies: [{ text: 3, replies: [] }] }] } };
    expect(locTypes(errorsOf(v.validateThread!(bad)))).toEqual([[['root', 'replies', 0, 'replies', 0, 'text'], 'string_type']]);
  });

  it('a cyclic value is rejected with recursion_loop, not a stack overflow', () => {
    const cyclic: { name: string; children: unknown[] } = { name: 'loop', children: [] };
    cyclic.children.push(cyclic);
    const errors = errorsOf(v.validateCategory!(cyclic));
    expect(errors.map((e) => e.type)).toEqual(['recursion_loop']);
  });
});
