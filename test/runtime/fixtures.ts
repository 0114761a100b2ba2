/** Hand-written operation specs and validators, shaped like what the generator emits for the seed spec. */
import type { ValidationIssue, ValidationResult } from '../../src/runtime/errors.js';
import type { OperationSpec } from './transport.js';
import type { TransportConfig } from './transport.js';

export interface SessionResponse {
  session_id: string;
}
export interface HTTPValidationError {
  detail: ValidationIssue[];
}
/** The declared error responses of the session operation, as a generated client would type them. */
export type SessionErrors = { status: 422; body: HTTPValidationError } | { status: number; body: unknown };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Requires `customer_id` (string) unless `is_guest_session` is true. */
export function validateSessionRequest(value: unknown): ValidationResult<unknown> {
  if (!isObject(value))
    return { ok: false, errors: [{ loc: ['body'], msg: 'Input should be an object', type: 'type_error' }] };
  if (value['is_guest_session'] === true || typeof value['customer_id'] === 'string') return { ok: true, value };
  return { ok: false, errors: [{ loc: ['body', 'customer_id'], msg: 'Field required', type: 'missing' }] };
}

export function validateSessionResponse(value: unknown): ValidationResult<unknown> {
  return isObject(value) && typeof value['session_id'] === 'string'
    ? { ok: true, value }
    : { ok: false, errors: [{ loc: ['body', 'session_id'], msg: 'Field required', type: 'missing' }] };
}

export function validateHttpValidationError(value: unknown): ValidationResult<unknown> {
  return isObject(value) && Array.isArray(value['detail'])
    ? { ok: true, value }
    : { ok: false, errors: [{ loc: ['body', 'detail'], msg: 'Field required', type: 'missing' }] };
}

/** POST /customers/session, as in the seed spec. */
export const sessionSpec: OperationSpec = {
  name: 'createCustomerOrGuestSession',
  method: 'POST',
  path: '/customers/session',
  params: [],
  body: { mediaType: 'application/json', kind: 'json', required: true },
  validate: { body: validateSessionRequest },
  responses: [
    { status: '200', kind: 'json', mediaType: 'application/json', validate: validateSessionResponse },
    { status: '422', kind: 'json', mediaType: 'application/json', validate: validateHttpValidationError },
  ],
  security: [['ApiTokenAuth', 'OrganisationAuth']],
};

export const API_KEY = 'zk_live_5ecret-Key_123';
export const ORGANISATION = 'org-42';

/** A transport config for the seed spec's two header credentials, with tiny retry waits. */
export function sessionConfig(baseUrl: string, overrides: Partial<TransportConfig> = {}): TransportConfig {
  return {
    baseUrl,
    credentials: {
      ApiTokenAuth: { in: 'header', name: 'x-api-key', value: API_KEY },
      OrganisationAuth: { in: 'header', name: 'organisation', value: ORGANISATION },
    },
    secrets: [API_KEY],
    retry: { baseDelayMs: 1, maxDelayMs: 2 },
    ...overrides,
  };
}

/** Runs a promise that must reject and returns the rejection. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to reject, it resolved');
}
