import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { componentEntry, errorsOf, loadValidators, type Validators } from './load-validators.js';

const doc = JSON.parse(readFileSync('spec/openapi-20240301.json', 'utf8')) as { paths: Record<string, Record<string, { requestBody: { content: Record<string, { schema: unknown }> } }>> };
const bodyPointer = '#/paths/~1customers~1session/post/requestBody/content/application~1json/schema';
const NAMES = ['CreateSessionRequestSchema', 'CustomerSessionResponseSchema', 'HTTPValidationError', 'ValidationError'];
const UUID = '3fa85f64-5717-4562-b3fc-2c963f66afa6';

let v: Validators;
beforeAll(async () => {
  const body = { exportName: 'validateCreateSessionBody', typeExpr: 'types.CreateSessionRequestSchema', schema: doc.paths['/customers/session']!.post!.requestBody.content['application/json']!.schema, pointer: bodyPointer, locPrefix: ['body'], usage: 'request' as const, summary: 'body' };
  const loaded = await loadValidators(doc, [...NAMES.map((n) => componentEntry(n)), body]);
  expect(loaded.issues).toEqual([]);
  v = loaded.v;
});

describe('Zenskar session schemas', () => {
  it('accepts customer and guest sessions and returns the input itself', () => {
    const customer = { customer_id: UUID, return_url: 'https://x.test/back' };
    const r = v.validateCreateSessionBody!(customer);
    expect(r).toEqual({ ok: true, value: customer });
    expect(r.ok && r.value).toBe(customer);
    expect(v.validateCreateSessionBody!({ is_guest_session: true, customer_id: null, return_url: 'u', idle_timeout: 60, session_key: null }).ok).toBe(true);
    expect(v.validateCreateSessionBody!({ return_url: 'u', idle_timeout: 1.0, extra: 'unknown properties pass' }).ok).toBe(true);
  });

  it('reports every error with pydantic-shaped loc/msg/type under the body prefix', () => {
    const errors = errorsOf(v.validateCreateSessionBody!({ customer_id: 'not-a-uuid', is_guest_session: 'yes', idle_timeout: 1.5, session_key: 7 }));
    expect(errors).toEqual([
      { loc: ['body', 'customer_id'], msg: 'Input should be a valid UUID', type: 'uuid_parsing' },
      { loc: ['body', 'idle_timeout'], msg: 'Input should be a valid integer, got a number with a fractional part', type: 'int_from_float' },
      { loc: ['body', 'is_guest_session'], msg: 'Input should be a valid boolean', type: 'bool_type' },
      { loc: ['body', 'return_url'], msg: 'Field required', type: 'missing' },
      { loc: ['body', 'session_key'], msg: 'Input should be a valid string', type: 'string_type' },
    ]);
  });

  it('rejects a non-object body at the prefix itself', () => {
    expect(errorsOf(v.validateCreateSessionBody!([]))).toEqual([{ loc: ['body'], msg: 'Input should be a valid dictionary', type: 'dict_type' }]);
    expect(errorsOf(v.validateCreateSessionRequestSchema!(null))).toEqual([{ loc: [], msg: 'Input should be a valid dictionary', type: 'dict_type' }]);
  });

  it('checks responses, including nested 422 detail items through the shared ValidationError function', () => {
    expect(v.validateCustomerSessionResponseSchema!({ redirect_url: 'r', session_token: 't', is_guest_session: false }).ok).toBe(true);
    expect(errorsOf(v.validateCustomerSessionResponseSchema!({ redirect_url: 'r', is_guest_session: 'no' }))).toEqual([
      { loc: ['is_guest_session'], msg: 'Input should be a valid boolean', type: 'bool_type' },
      { loc: ['session_token'], msg: 'Field required', type: 'missing' },
    ]);
    const detail = [{ loc: ['body', 0], msg: 'm', type: 't' }, { loc: [true], msg: 'm' }];
    expect(errorsOf(v.validateHTTPValidationError!({ detail }))).toEqual([
      { loc: ['detail', 1, 'loc', 0], msg: 'Input should be a valid string', type: 'string_type' },
      { loc: ['detail', 1, 'type'], msg: 'Field required', type: 'missing' },
    ]);
  });

  it('treats integer vs number exactly (1.0 is an integer, 1.5 and "1" are not)', () => {
    expect(v.validateCreateSessionBody!({ return_url: 'u', idle_timeout: 3600.0 }).ok).toBe(true);
    expect(errorsOf(v.validateCreateSessionBody!({ return_url: 'u', idle_timeout: '1' }))[0]!.type).toBe('int_type');
  });
});
