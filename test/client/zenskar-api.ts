/** Test helpers for the generated client: a loopback server playing the Zenskar API, a client bound to it, and leak checks. */
import { inspect } from 'node:util';
import { expect } from 'vitest';
import {
  type ClientOptions,
  type CreateCustomerOrGuestSessionError,
  type CreateCustomerOrGuestSessionHttpError,
  type CustomerSessionResponseSchema,
  createClient,
  isApiError,
} from '../../generated/src/index.js';
import { type Loopback, sendJson, startLoopback } from '../runtime/loopback-server.js';

// Distinctive values, so a leak is found by plain substring search.
export const API_KEY = 'zk_live_Sup3rSecretKey_7f3a9c';
export const ORGANISATION = 'org_acme_4411';
export const CUSTOMER_ID = '3fa85f64-5717-4562-b3fc-2c963f66afa6';

/** A well-formed 200 body of POST /customers/session. */
export const SESSION: CustomerSessionResponseSchema = {
  session_token: 'sess_tok_abc123',
  redirect_url: 'https://portal.example.com/acme/home',
  is_guest_session: false,
};

/** Starts the fake API; by default it answers every request with {@link SESSION}. */
export async function startZenskarApi(): Promise<Loopback> {
  const api = await startLoopback();
  api.handle((_req, res) => sendJson(res, 200, SESSION));
  return api;
}

/** The generated client pointed at `baseUrl`, with the test credentials and no retries unless asked. */
export function createTestClient(baseUrl: string, overrides: Partial<ClientOptions> = {}) {
  return createClient({ apiKey: API_KEY, organisation: ORGANISATION, baseUrl, maxRetries: 0, ...overrides });
}

/** Awaits a call expected to fail and returns its error, typed as the operation's ApiError. */
export async function rejectionOf(promise: Promise<unknown>): Promise<CreateCustomerOrGuestSessionError> {
  const outcome = await promise.then(
    (value) => ({ settled: 'resolved' as const, value }),
    (error: unknown) => ({ settled: 'rejected' as const, error }),
  );
  if (outcome.settled === 'resolved') throw new Error(`expected a rejection, got ${JSON.stringify(outcome.value)}`);
  if (!isApiError<CreateCustomerOrGuestSessionHttpError>(outcome.error))
    throw new Error(`expected an ApiError, got ${String(outcome.error)}`);
  return outcome.error;
}

/** Every way an error gets printed or logged: none of them may contain a credential. */
export function expectNoCredentials(error: Error): void {
  const renderings: Record<string, string> = {
    message: error.message,
    stack: String(error.stack),
    'String()': String(error),
    'JSON.stringify': JSON.stringify(error),
    'util.inspect': inspect(error, { depth: Infinity, showHidden: true }),
    cause: inspect(error.cause, { depth: Infinity }),
  };
  for (const [how, text] of Object.entries(renderings)) {
    expect(text, `${how} of a ${String((error as { kind?: unknown }).kind)} error leaks the API key`).not.toContain(
      API_KEY,
    );
    expect(text, `${how} leaks the organisation credential`).not.toContain(ORGANISATION);
  }
}
