import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isApiError } from '../../src/runtime/errors.js';
import { createTransport, type OperationSpec, type RetryEvent, type TransportConfig } from './transport.js';
import { rejectionOf } from './fixtures.js';
import { closedPortUrl, type Loopback, sendJson, startLoopback } from './loopback-server.js';

let api: Loopback;
beforeAll(async () => {
  api = await startLoopback();
});
afterAll(() => api.close());
beforeEach(() => {
  api.hits.length = 0;
});

const op = (method: OperationSpec['method']): OperationSpec => ({
  name: 'op',
  method,
  path: '/op',
  params: [],
  responses: [{ status: '200', kind: 'json', mediaType: 'application/json' }],
});

/** Answers with the given statuses in turn, then 200. */
function statuses(...sequence: Array<[number, Record<string, string>?]>): void {
  api.handle((_req, res) => {
    const next = sequence[api.hits.length - 1];
    if (next) res.writeHead(next[0], next[1] ?? {}).end('retry me');
    else sendJson(res, 200, { ok: true });
  });
}

function transport(overrides: Partial<TransportConfig> = {}, retries: RetryEvent[] = []) {
  return createTransport({
    baseUrl: api.baseUrl,
    credentials: {},
    secrets: [],
    retry: { baseDelayMs: 1, maxDelayMs: 2 },
    hooks: { onRetry: (event) => retries.push(event) },
    ...overrides,
  });
}

async function kindOf(promise: Promise<unknown>): Promise<string> {
  const error = await rejectionOf(promise);
  return isApiError(error) ? error.kind : `not an ApiError: ${String(error)}`;
}

describe('retries', () => {
  it('GET: 503 then 200 resolves after one retry', async () => {
    statuses([503]);
    const retries: RetryEvent[] = [];
    await expect(transport({}, retries).call(op('GET'), {})).resolves.toEqual({ ok: true });
    expect(api.hits).toHaveLength(2);
    expect(retries).toMatchObject([{ attempt: 1, reason: 'http', status: 503 }]);
  });

  it.each([408, 429, 500, 502, 503, 504])('GET retries %i up to maxRetries, then rejects with it', async (status) => {
    statuses([status], [status], [status], [status]);
    const error = await rejectionOf(transport({ maxRetries: 2 }).call(op('GET'), {}));
    expect(error).toMatchObject({ kind: 'http', status, body: 'retry me' });
    expect(api.hits).toHaveLength(3);
  });

  it.each([
    ['POST', 500, 1],
    ['POST', 502, 1],
    ['PATCH', 504, 1],
    ['POST', 503, 2],
    ['PATCH', 429, 2],
    ['PUT', 500, 2],
    ['DELETE', 502, 2],
  ] as const)('%s on %i: %i hit(s)', async (method, status, hits) => {
    statuses([status]);
    await transport({ maxRetries: 1 })
      .call(op(method), {})
      .catch(() => undefined);
    expect(api.hits).toHaveLength(hits);
  });

  it('4xx other than 408/429 are never retried', async () => {
    statuses([404], [404]);
    expect(await kindOf(transport().call(op('GET'), {}))).toBe('http');
    expect(api.hits).toHaveLength(1);
  });

  it('honours Retry-After in seconds, capped by maxRetryAfterMs', async () => {
    statuses([429, { 'retry-after': '120' }]);
    const retries: RetryEvent[] = [];
    await transport({ retry: { baseDelayMs: 1, maxRetryAfterMs: 3 } }, retries).call(op('POST'), {});
    expect(retries.map((r) => r.delayMs)).toEqual([3]);
  });

  it('honours Retry-After as an HTTP date', async () => {
    statuses([503, { 'retry-after': new Date(Date.now() - 10_000).toUTCString() }]);
    const retries: RetryEvent[] = [];
    await transport({}, retries).call(op('GET'), {});
    expect(retries.map((r) => r.delayMs)).toEqual([0]);
  });

  it('does not wait past the deadline: a Retry-After beyond it ends the call with the HTTP error', async () => {
    statuses([503, { 'retry-after': '3600' }]);
    const error = await rejectionOf(
      transport({ timeoutMs: 5_000, retry: { maxRetryAfterMs: 3_600_000 } }).call(op('GET'), {}),
    );
    expect(error).toMatchObject({ kind: 'http', status: 503 });
    expect(api.hits).toHaveLength(1);
  });

  it('an abort while waiting to retry rejects as aborted without another attempt', async () => {
    statuses([503, { 'retry-after': '30' }]);
    const controller = new AbortController();
    const retrying = createTransport({
      baseUrl: api.baseUrl,
      credentials: {},
      secrets: [],
      hooks: { onRetry: () => controller.abort() },
    });
    expect(await kindOf(retrying.call(op('GET'), {}, { signal: controller.signal }))).toBe('aborted');
    expect(api.hits).toHaveLength(1);
  });

  it('request validation failures are never retried (nothing is sent)', async () => {
    const spec: OperationSpec = {
      ...op('GET'),
      validate: { query: () => ({ ok: false, errors: [{ loc: ['query', 'x'], msg: 'bad', type: 'value_error' }] }) },
    };
    expect(await kindOf(transport().call(spec, {}))).toBe('request_validation');
    expect(api.hits).toHaveLength(0);
  });

  it('connection refused is retried, also for POST (the request never reached a server)', async () => {
    const retries: RetryEvent[] = [];
    const refused = createTransport({
      baseUrl: await closedPortUrl(),
      credentials: {},
      secrets: [],
      retry: { baseDelayMs: 1, maxDelayMs: 1 },
      maxRetries: 2,
      hooks: { onRetry: (event) => retries.push(event) },
    });
    expect(await kindOf(refused.call(op('POST'), {}))).toBe('network');
    expect(retries.map((r) => [r.attempt, r.reason])).toEqual([
      [1, 'network'],
      [2, 'network'],
    ]);
  });

  it('a stream body is sent once only', async () => {
    statuses([503]);
    const spec: OperationSpec = {
      ...op('PUT'),
      body: { mediaType: 'application/octet-stream', kind: 'binary', required: true },
    };
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new Uint8Array([1]));
        controller.close();
      },
    });
    expect(await kindOf(transport().call(spec, { body }))).toBe('http');
    expect(api.hits).toHaveLength(1);
  });
});

describe('the deadline', () => {
  it('holds even for a custom fetch that ignores the abort signal', async () => {
    const never: typeof fetch = () => new Promise<Response>(() => undefined);
    const stuck = createTransport({
      baseUrl: 'http://127.0.0.1:9',
      credentials: {},
      secrets: [],
      fetch: never,
      timeoutMs: 10,
    });
    expect(await kindOf(stuck.call(op('GET'), {}))).toBe('timeout');
  });

  it('uses the custom fetch when given', async () => {
    const seen: string[] = [];
    const custom: typeof fetch = (input) => {
      seen.push(String(input));
      return Promise.resolve(
        new Response('{"ok":1}', { status: 200, headers: { 'content-type': 'application/json' } }),
      );
    };
    const transport = createTransport({
      baseUrl: 'http://example.invalid/',
      credentials: {},
      secrets: [],
      fetch: custom,
    });
    await expect(transport.call(op('GET'), {})).resolves.toEqual({ ok: 1 });
    expect(seen).toEqual(['http://example.invalid/op']);
  });
});

describe('the retry option', () => {
  it('retry.methods makes POST retry like an idempotent method (e.g. with an idempotency key)', async () => {
    statuses([500], [502]);
    const retry = { methods: ['POST' as const], baseDelayMs: 1 };
    await expect(transport({ retry }).call(op('POST'), {})).resolves.toEqual({ ok: true });
    expect(api.hits).toHaveLength(3);
  });

  it('retry.nonIdempotentStatuses: [] stops POST from retrying even a 503', async () => {
    statuses([503]);
    expect(await kindOf(transport({ retry: { nonIdempotentStatuses: [] } }).call(op('POST'), {}))).toBe('http');
    expect(api.hits).toHaveLength(1);
  });

  it('retry.statuses replaces the retried statuses of idempotent methods', async () => {
    statuses([418], [503]);
    const error = await rejectionOf(transport({ retry: { statuses: [418], baseDelayMs: 1 } }).call(op('GET'), {}));
    expect(error).toMatchObject({ kind: 'http', status: 503 });
    expect(api.hits).toHaveLength(2);
  });

  it("retry.jitter 'none' waits exactly base × 2^(n−1), capped by maxDelayMs", async () => {
    statuses([503], [503], [503], [503]);
    const retries: RetryEvent[] = [];
    const retry = { maxRetries: 4, baseDelayMs: 2, maxDelayMs: 5, jitter: 'none' as const };
    await transport({ retry }, retries).call(op('GET'), {});
    expect(retries.map((r) => r.delayMs)).toEqual([2, 4, 5, 5]);
  });

  it('retry.retryAfter: false ignores Retry-After and backs off instead', async () => {
    statuses([503, { 'retry-after': '3600' }]);
    const retries: RetryEvent[] = [];
    await transport({ retry: { retryAfter: false, baseDelayMs: 3, jitter: 'none' } }, retries).call(op('GET'), {});
    expect(retries.map((r) => r.delayMs)).toEqual([3]);
  });

  it('retry.maxRetries wins over the top-level maxRetries shorthand', async () => {
    statuses([503], [503], [503], [503]);
    const call = transport({ maxRetries: 0, retry: { maxRetries: 3, baseDelayMs: 1 } }).call(op('GET'), {});
    expect(await kindOf(call)).toBe('http');
    expect(api.hits).toHaveLength(4);
  });

  it.each([
    [{ retry: { baseDelayMs: -1 } }, 'retry.baseDelayMs must be a number ≥ 0'],
    [{ retry: { maxRetries: Number.NaN } }, 'retry.maxRetries must be a number ≥ 0'],
    [{ maxRetries: -2 }, 'maxRetries must be a number ≥ 0'],
    [{ retry: { jitter: 'some' as never } }, 'retry.jitter must be equal, full or none'],
    [{ retry: { statuses: [5030] } }, 'retry.statuses must be a list of HTTP status codes'],
    [{ retry: { methods: ['get' as never] } }, 'retry.methods must be a list of HTTP methods'],
  ])('invalid settings throw a RangeError at creation: %o', (settings, message) => {
    expect(() => transport(settings)).toThrow(RangeError);
    expect(() => transport(settings)).toThrow(message);
  });
});
