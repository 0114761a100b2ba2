import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient, isApiError } from '../../generated/src/index.js';
import { type Loopback, startLoopback } from '../runtime/loopback-server.js';

// Hostile server answers end to end, through the GENERATED client (generated/src) against a 127.0.0.1 server. The runtime's
// own tests cover the rest in depth: test/runtime/transport.test.ts ("`__proto__` keys in a JSON body stay own
// data", "a path value with ../ stays inside its segment", CR/LF header cases), serialize-params.test.ts
// (percent-encoding), secret-redaction.test.ts (property test over every error kind). The seed spec has no path
// parameter, so `../` in a path is covered there only.

const API_KEY = 'zk_live_hostile_9d8c7b';
let api: Loopback;
beforeEach(async () => {
  api = await startLoopback();
});
afterEach(() => api.close());

const SESSION_TEXT = '{"session_token":"t","redirect_url":"https://x.example/","is_guest_session":false,"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}';

function client() {
  return createClient({ apiKey: API_KEY, organisation: 'org', baseUrl: api.baseUrl, maxRetries: 0 });
}

describe('the generated client with hostile responses and arguments', () => {
  it('`__proto__` and `constructor` keys in a 200 body stay own data and pollute nothing', async () => {
    api.handle((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(SESSION_TEXT));
    const result = (await client().createCustomerOrGuestSession({ body: { is_guest_session: true, return_url: 'https://x.example/' } })) as Record<string, unknown>;
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(result, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((result as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('`__proto__` in a 422 body stays data in the ApiError', async () => {
    api.handle((_req, res) => res.writeHead(422, { 'content-type': 'application/json' }).end('{"detail":[],"__proto__":{"polluted":"yes"}}'));
    const error = await client().createCustomerOrGuestSession({ body: { is_guest_session: true, return_url: 'https://x.example/' } }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isApiError(error) && error.kind).toBe('http');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a per-call header with CR/LF is refused before anything is sent, and the key is not in the error', async () => {
    const error = await client()
      .createCustomerOrGuestSession({ body: { is_guest_session: true, return_url: 'https://x.example/' } }, { headers: { 'x-trace': 'a\r\nx-admin: 1' } })
      .then(() => undefined, (e: unknown) => e);
    expect(isApiError(error)).toBe(true);
    expect(api.hits).toHaveLength(0);
    expect(JSON.stringify(error) + String(error) + ((error as Error).stack ?? '')).not.toContain(API_KEY);
  });
});
