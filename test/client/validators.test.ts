/** The validators the generated package exports: one per component schema, all problems collected with their locations. */
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  type CreateSessionRequestSchema,
  validateCreateCustomerOrGuestSessionBody,
  validateCreateCustomerSessionResponse200,
  validateCreateGuestSessionBody,
  validateCreateSessionRequestSchema,
  validateCustomerSessionResponseSchema,
  validateHTTPValidationError,
  validateValidationError,
  type ValidationIssue,
} from '../../generated/src/index.js';
import { youngBytesPerCall } from '../helpers/young-bytes.js';
import { CUSTOMER_ID, SESSION } from './zenskar-api.js';

describe('exported validators', () => {
  it('validateCreateSessionRequestSchema accepts a valid request and types the value', () => {
    const result = validateCreateSessionRequestSchema({ customer_id: CUSTOMER_ID, return_url: 'https://x.example' });
    expect(result).toEqual({ ok: true, value: { customer_id: CUSTOMER_ID, return_url: 'https://x.example' } });
    if (result.ok) expectTypeOf(result.value).toEqualTypeOf<CreateSessionRequestSchema>();
  });

  it('every result has one shape: ok, value, errors, the other outcome\'s key undefined (one object literal)', () => {
    // one literal for both outcomes is what lets V8 drop the valid result in a caller that has seen both (validators
    // README, "One result literal"); two shapes would bring back the merged, allocated result
    const results = [
      validateCreateSessionRequestSchema({ customer_id: CUSTOMER_ID, return_url: 'https://x.example' }),
      validateCreateSessionRequestSchema({}),
      validateCustomerSessionResponseSchema(SESSION),
      validateCustomerSessionResponseSchema({}),
      validateHTTPValidationError({ detail: [] }),
      validateHTTPValidationError({ detail: 1 }),
      validateValidationError({ loc: [], msg: 'm', type: 't' }),
      validateValidationError({}),
      validateCreateCustomerOrGuestSessionBody({ is_guest_session: true, return_url: 'u' }),
      validateCreateCustomerOrGuestSessionBody({}),
    ];
    for (const r of results) {
      expect(Object.keys(r)).toEqual(['ok', 'value', 'errors']);
      expect(r.ok ? r.errors : r.value).toBeUndefined();
    }
    expect(results.map((r) => r.ok)).toEqual([true, false, true, false, true, false, true, false, true, false]);
    // before narrowing, both are readable
    const any = results[1]!;
    expectTypeOf(any.errors).toEqualTypeOf<ValidationIssue[] | undefined>();
  });

  it('a valid value costs one allocation: the result (session rule and kind checks included)', () => {
    const request = { customer_id: CUSTOMER_ID, return_url: 'https://x.example' };
    const guest = { is_guest_session: true, return_url: 'https://x.example' };
    const body422 = { detail: [{ loc: ['body', 0], msg: 'm', type: 't' }] };
    const issue = { loc: ['body'], msg: 'm', type: 't' };
    // the size of a result object, measured the same way (a three-key literal; a counter as its value sometimes cost a
    // heap number too)
    const resultSized = youngBytesPerCall(() => ({ ok: true, value: request, errors: undefined }));
    const cases: Array<[string, () => { ok: boolean }]> = [
      ['request (session rule)', () => validateCreateSessionRequestSchema(request)],
      ['request body (session rule)', () => validateCreateCustomerOrGuestSessionBody(request)],
      ['guest body (kind check)', () => validateCreateGuestSessionBody(guest)],
      ['200 response', () => validateCustomerSessionResponseSchema(SESSION)],
      ['200 of createCustomerSession (kind check)', () => validateCreateCustomerSessionResponse200(SESSION)],
      ['422 body', () => validateHTTPValidationError(body422)],
      ['validation error', () => validateValidationError(issue)],
    ];
    for (const [name, call] of cases) {
      expect(call().ok, name).toBe(true);
      expect({ name, bytes: youngBytesPerCall(call) }).toEqual({ name, bytes: resultSized });
    }
  });

  it('validateCreateSessionRequestSchema collects every problem, each with its loc', () => {
    const result = validateCreateSessionRequestSchema({
      customer_id: 'x',
      idle_timeout: 'soon',
      is_guest_session: 1,
      session_key: 3,
    });
    expect(result).toEqual({
      ok: false,
      errors: [
        { loc: ['customer_id'], msg: 'Input should be a valid UUID', type: 'uuid_parsing' },
        { loc: ['idle_timeout'], msg: 'Input should be a valid integer', type: 'int_type' },
        { loc: ['is_guest_session'], msg: 'Input should be a valid boolean', type: 'bool_type' },
        { loc: ['return_url'], msg: 'Field required', type: 'missing' },
        { loc: ['session_key'], msg: 'Input should be a valid string', type: 'string_type' },
      ],
    });
  });

  it('the operation body validator prefixes locs with body', () => {
    expect(validateCreateCustomerOrGuestSessionBody({ return_url: 5 })).toEqual({
      ok: false,
      errors: [
        { loc: ['body', 'return_url'], msg: 'Input should be a valid string', type: 'string_type' },
        {
          loc: ['body'],
          msg: 'Give customer_id for a customer session, or is_guest_session=true for a guest session',
          type: 'session_exclusivity',
        },
      ],
    });
  });

  it('null is accepted where the spec says anyOf [X, null], unknown properties pass', () => {
    const value = {
      customer_id: null,
      is_guest_session: true,
      idle_timeout: null,
      session_key: null,
      return_url: 'u',
      extra: true,
    };
    expect(validateCreateSessionRequestSchema(value)).toEqual({ ok: true, value });
  });

  it('validateCustomerSessionResponseSchema requires all three fields', () => {
    expect(validateCustomerSessionResponseSchema(SESSION)).toEqual({ ok: true, value: SESSION });
    const result = validateCustomerSessionResponseSchema({});
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.errors.map((e) => e.loc)).toEqual([['is_guest_session'], ['redirect_url'], ['session_token']]);
  });

  it('validateHTTPValidationError and validateValidationError check the nested detail items', () => {
    const item = { loc: ['body', 0], msg: 'bad', type: 'value_error' };
    expect(validateValidationError(item)).toEqual({ ok: true, value: item });
    expect(validateHTTPValidationError({ detail: [item] }).ok).toBe(true);
    expect(validateHTTPValidationError({})).toEqual({ ok: true, value: {} });
    const result = validateHTTPValidationError({ detail: [item, { loc: [true], msg: 'x' }] });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.map((e) => e.loc)).toEqual([
        ['detail', 1, 'loc', 0],
        ['detail', 1, 'type'],
      ]);
    }
  });
});
