/** Per-call retry and redirect options over the client's, against real loopback servers (two origins). */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isApiError } from '../../src/runtime/errors.js';
import { createTransport, type OperationSpec, type TransportConfig } from './transport.js';
import { rejectionOf } from './fixtures.js';
import { type Loopback, sendJson, startLoopback } from './loopback-server.js';

let api: Loopback;
let other: Loopback;
beforeAll(async () => {
  [api, other] = await Promise.all([startLoopback(), startLoopback()]);
});
afterAll(async () => {
  await Promise.all([api.close(), other.close()]);
});
beforeEach(() => {
  api.hits.length = 0;
  other.hits.length = 0;
  other.handle((_req, res) => sendJson(res, 200, { from: 'other' }));
});

const GET: OperationSpec = { name: 'op', method: 'GET', path: '/op', params: [], responses: [{ status: '200', kind: 'json', mediaType: 'application/json' }] };

const transport = (overrides: Partial<TransportConfig> = {}) =>
  createTransport({ baseUrl: api.baseUrl, credentials: {}, secrets: [], retry: { baseDelayMs: 1, maxDelayMs: 2 }, ...overrides });

/** Answers 503 `failures` times, then 200. */
function failFirst(failures: number): void {
  api.handle((_req, res) => {
    if (api.hits.length <= failures) res.writeHead(503).end('busy');
    else sendJson(res, 200, { ok: true });
  });
}

async function kindOf(promise: Promise<unknown>): Promise<string> {
  const error = await rejectionOf(promise);
  return isApiError(error) ? error.kind : `not an ApiError: ${String(error)}`;
}

describe('per-call retry', () => {
  it('retry: { maxRetries: 0 } on one call stops retries for that call only', async () => {
    failFirst(1);
    expect(await kindOf(transport({ maxRetries: 3 }).call(GET, {}, { retry: { maxRetries: 0 } }))).toBe('http');
    expect(api.hits).toHaveLength(1);
    api.hits.length = 0;
    failFirst(1);
    await expect(transport({ maxRetries: 3 }).call(GET, {})).resolves.toEqual({ ok: true });
    expect(api.hits).toHaveLength(2);
  });

  it('maxRetries on the call beats the client’s retry.maxRetries; the call’s retry.maxRetries beats both', async () => {
    failFirst(5);
    await rejectionOf(transport({ retry: { maxRetries: 4, baseDelayMs: 1, maxDelayMs: 2 } }).call(GET, {}, { maxRetries: 1 }));
    expect(api.hits).toHaveLength(2);
    api.hits.length = 0;
    failFirst(5);
    await rejectionOf(transport().call(GET, {}, { maxRetries: 4, retry: { maxRetries: 2 } }));
    expect(api.hits).toHaveLength(3);
  });

  it('a call that widens the statuses retries what the client would not', async () => {
    api.handle((_req, res) => {
      if (api.hits.length === 1) res.writeHead(409).end('conflict');
      else sendJson(res, 200, { ok: true });
    });
    await expect(transport().call(GET, {}, { retry: { statuses: [409] } })).resolves.toEqual({ ok: true });
    expect(api.hits).toHaveLength(2);
  });

  it('invalid per-call settings reject with a request_validation ApiError naming them, before anything is sent', async () => {
    const error = await rejectionOf(transport().call(GET, {}, { retry: { maxDelayMs: -1 }, maxRedirects: -2 }));
    expect(isApiError(error) && error.kind).toBe('request_validation');
    expect(isApiError(error) && error.errors?.map((e) => e.loc)).toEqual([
      ['options', 'retry', 'maxDelayMs'],
      ['options', 'maxRedirects'],
    ]);
    expect(api.hits).toHaveLength(0);
  });
});

describe('per-call redirect', () => {
  function redirectToOther(): void {
    api.handle((_req, res) => res.writeHead(302, { location: `${other.baseUrl}/op` }).end());
  }

  it('redirect: "follow" on one call follows a cross-origin redirect the client refuses by default', async () => {
    redirectToOther();
    expect(await kindOf(transport().call(GET, {}))).toBe('redirect');
    expect(other.hits).toHaveLength(0);
    await expect(transport().call(GET, {}, { redirect: 'follow' })).resolves.toEqual({ from: 'other' });
    expect(other.hits).toHaveLength(1);
  });

  it('redirect: "error" on one call refuses even a same-origin redirect', async () => {
    api.handle((req, res) => {
      if (req.url === '/op') res.writeHead(307, { location: '/moved' }).end();
      else sendJson(res, 200, { moved: true });
    });
    await expect(transport().call(GET, {})).resolves.toEqual({ moved: true });
    api.hits.length = 0;
    expect(await kindOf(transport().call(GET, {}, { redirect: 'error' }))).toBe('redirect');
    expect(api.hits).toHaveLength(1);
  });

  it('maxRedirects on the call bounds that call', async () => {
    api.handle((req, res) => {
      const n = Number(req.url?.split('/').pop() ?? 0) || 0;
      if (n < 3) res.writeHead(302, { location: `/hop/${n + 1}` }).end();
      else sendJson(res, 200, { hops: n });
    });
    await expect(transport().call(GET, {})).resolves.toEqual({ hops: 3 });
    expect(await kindOf(transport().call(GET, {}, { maxRedirects: 2 }))).toBe('redirect');
  });
});
