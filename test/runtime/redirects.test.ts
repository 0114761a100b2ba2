/** Redirects against two real loopback servers: `api` (the configured origin) and `other` (another port, so another origin). */
import { inspect } from 'node:util';
import type { ServerResponse } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ApiError, isApiError } from '../../src/runtime/errors.js';
import {
  createTransport,
  type OperationSpec,
  type RedirectEvent,
  type RedirectPolicy,
  type RequestEvent,
  type TransportConfig,
} from './transport.js';
import { API_KEY, ORGANISATION, rejectionOf, sessionConfig, sessionSpec } from './fixtures.js';
import { type Loopback, type ReceivedRequest, sendJson, startLoopback } from './loopback-server.js';

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
  other.handle((_req, res) => sendJson(res, 200, { session_id: 'from-other' }));
});

const BODY = { customer_id: 'c-1' };
const redirectTo = (res: ServerResponse, status: number, location: string): void => {
  res.writeHead(status, { location, 'content-type': 'text/plain' }).end('moved');
};
/** `api` answers its first request with a redirect, later ones with a session. */
function redirectOnce(status: number, location: () => string): void {
  api.handle((_req, res) => {
    if (api.hits.length === 1) redirectTo(res, status, location());
    else sendJson(res, 200, { session_id: 'moved-here' });
  });
}
function client(overrides: Partial<TransportConfig> = {}) {
  return createTransport(sessionConfig(api.baseUrl, { maxRetries: 0, ...overrides }));
}
async function apiErrorOf(promise: Promise<unknown>): Promise<ApiError> {
  const error = await rejectionOf(promise);
  if (!isApiError(error)) throw new Error(`expected an ApiError, got ${String(error)}`);
  return error;
}
/** True when a received request carries any credential of the session fixture, in any header. */
function carriesCredential(hit: ReceivedRequest): boolean {
  return Object.values(hit.headers).some((v) => String(v).includes(API_KEY) || String(v).includes(ORGANISATION));
}
function expectNoSecretIn(error: ApiError): void {
  for (const text of [error.message, String(error.stack), JSON.stringify(error), inspect(error, { depth: 10 })]) {
    expect(text).not.toContain(API_KEY);
  }
}

describe('same-origin redirects are followed with the method and body rules of fetch', () => {
  it.each([307, 308])('%i keeps POST, the body and the credentials', async (status) => {
    redirectOnce(status, () => '/v2/customers/session');
    await expect(client().call(sessionSpec, { body: BODY })).resolves.toEqual({ session_id: 'moved-here' });
    const [, second] = api.hits;
    expect(second).toMatchObject({ method: 'POST', url: '/v2/customers/session' });
    expect(JSON.parse(second!.body.toString('utf8'))).toEqual(BODY);
    expect(second!.headers['content-type']).toBe('application/json');
    expect(second!.headers['x-api-key']).toBe(API_KEY);
    expect(second!.headers['organisation']).toBe(ORGANISATION);
  });

  it.each([301, 302, 303])(
    '%i turns POST into GET without body or content headers, keeps the credentials',
    async (status) => {
      redirectOnce(status, () => `${api.baseUrl}/sessions/latest`);
      await expect(client().call(sessionSpec, { body: BODY })).resolves.toEqual({ session_id: 'moved-here' });
      const [, second] = api.hits;
      expect(second).toMatchObject({ method: 'GET', url: '/sessions/latest' });
      expect(second!.body.length).toBe(0);
      expect(second!.headers['content-type']).toBeUndefined();
      expect(second!.headers['x-api-key']).toBe(API_KEY);
    },
  );

  it.each([
    [301, 'PUT', 'keeps'],
    [302, 'PATCH', 'keeps'],
    [303, 'PUT', 'drops'],
  ] as const)('%i on %s %s the method and body', async (status, method, what) => {
    const spec: OperationSpec = { ...sessionSpec, method, security: [] };
    redirectOnce(status, () => '/elsewhere');
    await client().call(spec, { body: BODY });
    const [, second] = api.hits;
    expect(second!.method).toBe(what === 'keeps' ? method : 'GET');
    expect(second!.body.toString('utf8')).toBe(what === 'keeps' ? JSON.stringify(BODY) : '');
  });

  it('resolves relative Locations against the current URL', async () => {
    api.handle((req, res) => {
      if (req.url === '/customers/session') redirectTo(res, 307, 'v2/session?x=1');
      else if (req.url === '/customers/v2/session?x=1') redirectTo(res, 308, '../final');
      else sendJson(res, 200, { session_id: req.url });
    });
    await expect(client().call(sessionSpec, { body: BODY })).resolves.toEqual({ session_id: '/customers/final' });
  });

  it('a 3xx that is not a redirect (300, 304, or no Location) is an http error, not followed', async () => {
    for (const [status, headers] of [
      [300, { location: '/x' }],
      [304, { location: '/x' }],
      [302, {}],
    ] as const) {
      api.hits.length = 0;
      api.handle((_req, res) => res.writeHead(status, headers).end());
      const error = await apiErrorOf(client().call(sessionSpec, { body: BODY }));
      expect([error.kind, error.status, api.hits.length]).toEqual(['http', status, 1]);
    }
  });

  it('a redirect then a retryable status retries the whole chain from the first URL', async () => {
    api.handle((req, res) => {
      if (req.url === '/op') redirectTo(res, 302, '/op-moved');
      else if (api.hits.length === 2) res.writeHead(503).end();
      else sendJson(res, 200, { done: true });
    });
    const op: OperationSpec = { name: 'op', method: 'GET', path: '/op', params: [], responses: [] };
    await expect(client({ maxRetries: 1 }).call(op, {})).resolves.toEqual({ done: true });
    expect(api.hits.map((h) => h.url)).toEqual(['/op', '/op-moved', '/op', '/op-moved']);
  });
});

describe('cross-origin redirects', () => {
  it.each([302, 307, 308])(
    'are refused by default (%i): kind redirect, the other origin sees nothing',
    async (status) => {
      redirectOnce(status, () => `${other.baseUrl}/steal`);
      const error = await apiErrorOf(client().call(sessionSpec, { body: BODY }));
      expect(error).toMatchObject({ kind: 'redirect', status, location: `${other.baseUrl}/steal` });
      expect(error.message).toContain(`to ${other.baseUrl}/steal, not followed (it leads to another origin`);
      expect(other.hits).toHaveLength(0);
      expect(api.hits).toHaveLength(1);
      expectNoSecretIn(error);
    },
  );

  it('a protocol-relative Location to another port is another origin', async () => {
    redirectOnce(302, () => other.baseUrl.replace('http:', '') + '/steal');
    expect((await apiErrorOf(client().call(sessionSpec, { body: BODY }))).kind).toBe('redirect');
    expect(other.hits).toHaveLength(0);
  });

  it("with redirect: 'follow' are followed without any credential, even back on the first origin", async () => {
    api.handle((req, res) => {
      if (req.url === '/customers/session') redirectTo(res, 307, `${other.baseUrl}/bounce`);
      else sendJson(res, 200, { session_id: 'back-home' });
    });
    other.handle((_req, res) => redirectTo(res, 307, `${api.baseUrl}/home`));
    const headers = { authorization: 'Bearer user-set', cookie: 'sid=1', 'user-agent': 'ua/1', 'x-trace': API_KEY };
    const follow = client({ redirect: 'follow', headers });
    await expect(follow.call(sessionSpec, { body: BODY })).resolves.toEqual({ session_id: 'back-home' });
    const [first, back] = api.hits;
    const [away] = other.hits;
    expect(first!.headers['x-api-key']).toBe(API_KEY);
    for (const hit of [away!, back!]) {
      expect(carriesCredential(hit), JSON.stringify(hit.headers)).toBe(false);
      expect(hit.headers).not.toHaveProperty('authorization');
      expect(hit.headers).not.toHaveProperty('cookie');
      expect(hit.headers['user-agent']).toBe('ua/1');
      expect(JSON.parse(hit.body.toString('utf8'))).toEqual(BODY); // 307: the body goes on, it is the caller's data
    }
  });

  it("with redirect: 'follow', a Location carrying a credential is refused", async () => {
    redirectOnce(302, () => `${other.baseUrl}/steal?k=${encodeURIComponent(API_KEY)}`);
    const error = await apiErrorOf(client({ redirect: 'follow' }).call(sessionSpec, { body: BODY }));
    expect(error.kind).toBe('redirect');
    expect(error.location).toBe(`${other.baseUrl}/steal?k=[REDACTED]`);
    expect(other.hits).toHaveLength(0);
    expectNoSecretIn(error);
  });

  const SLASHED = 'zk/live"5ecret_9';
  it.each([
    ['in the host name (lower-cased by the URL parser)', () => `http://${API_KEY}.invalid/x`],
    ['partly percent-encoded by the URL parser (" but not /)', () => `${other.baseUrl}/x?k=${SLASHED}`],
  ])('a credential %s is not shown in the error', async (_name, location) => {
    redirectOnce(302, location);
    const config = sessionConfig(api.baseUrl, { secrets: [API_KEY, SLASHED] });
    const error = await apiErrorOf(createTransport(config).call(sessionSpec, { body: BODY }));
    expect(error.kind).toBe('redirect');
    for (const text of [error.message, JSON.stringify(error), String(error.location)]) {
      expect(text.toLowerCase()).not.toContain(API_KEY.toLowerCase());
      expect(decodeURIComponent(text)).not.toContain(SLASHED);
    }
    expect(error.location).toContain('[REDACTED]');
  });

  it('a query credential is not carried to another origin', async () => {
    const spec: OperationSpec = { ...sessionSpec, security: [['QueryKey']] };
    const config = sessionConfig(api.baseUrl, { redirect: 'follow' });
    config.credentials['QueryKey'] = { in: 'query', name: 'key', value: API_KEY };
    redirectOnce(302, () => `${other.baseUrl}/landing`);
    await createTransport(config).call(spec, { body: BODY });
    expect(api.hits[0]!.url).toBe(`/customers/session?key=${API_KEY}`);
    expect(other.hits.map((h) => h.url)).toEqual(['/landing']);
  });
});

describe('limits and refusals', () => {
  it("redirect: 'error' refuses even a same-origin redirect", async () => {
    redirectOnce(307, () => '/v2');
    const error = await apiErrorOf(client({ redirect: 'error' }).call(sessionSpec, { body: BODY }));
    expect(error).toMatchObject({ kind: 'redirect', status: 307, location: `${api.baseUrl}/v2` });
    expect(api.hits).toHaveLength(1);
  });

  it.each([
    [undefined, 5],
    [0, 0],
    [2, 2],
  ])('maxRedirects %s: a loop is followed %i times, then refused', async (maxRedirects, followed) => {
    api.handle((_req, res) => redirectTo(res, 302, '/loop'));
    const error = await apiErrorOf(
      client(maxRedirects === undefined ? {} : { maxRedirects }).call(sessionSpec, { body: BODY }),
    );
    expect(error.kind).toBe('redirect');
    expect(error.message).toContain(`more than ${followed} redirects`);
    expect(api.hits).toHaveLength(followed + 1);
  });

  it.each(['file:///etc/passwd', 'javascript:alert(1)', 'data:text/plain,x', 'http://[::1'])(
    'refuses a Location %s',
    async (location) => {
      redirectOnce(302, () => location);
      const error = await apiErrorOf(client({ redirect: 'follow' }).call(sessionSpec, { body: BODY }));
      expect(error.kind).toBe('redirect');
      expect(api.hits).toHaveLength(1);
    },
  );

  it('a stream body is never sent twice: a 307 after it is refused', async () => {
    redirectOnce(307, () => '/again');
    const spec: OperationSpec = {
      ...sessionSpec,
      body: { mediaType: 'application/octet-stream', kind: 'binary', required: true },
      validate: {},
    };
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new Uint8Array([1, 2]));
        controller.close();
      },
    });
    const error = await apiErrorOf(client().call(spec, { body }));
    expect(error.kind).toBe('redirect');
    expect(error.message).toContain('stream');
    expect(api.hits).toHaveLength(1);
  });

  it('an opaque redirect (what browsers give for redirect: manual) is refused and explained', async () => {
    const inits: RequestInit[] = [];
    const browserLike: typeof fetch = (_input, init) => {
      inits.push(init ?? {});
      const opaque = { type: 'opaqueredirect', status: 0, headers: new Headers(), body: null };
      return Promise.resolve(opaque as unknown as Response);
    };
    const error = await apiErrorOf(client({ fetch: browserLike }).call(sessionSpec, { body: BODY }));
    expect(error).toMatchObject({ kind: 'redirect', status: undefined, location: undefined });
    expect(error.message).toContain('browser');
    expect(inits.map((i) => i.redirect)).toEqual(['manual']);
  });

  it.each([
    [{ redirect: 'sometimes' as RedirectPolicy }, 'redirect must be follow-same-origin, follow or error'],
    [{ maxRedirects: -1 }, 'maxRedirects must be an integer'],
    [{ maxRedirects: Number.NaN }, 'maxRedirects must be an integer'],
  ])('invalid settings are refused at creation: %o', (settings, message) => {
    expect(() => client(settings)).toThrow(RangeError);
    expect(() => client(settings)).toThrow(message);
  });
});

describe('hooks see every hop, never a secret', () => {
  it('onRequest per request sent, onRedirect per redirect followed', async () => {
    api.handle((_req, res) => {
      if (api.hits.length === 1) redirectTo(res, 302, `/same?x=1`);
      else redirectTo(res, 303, `${other.baseUrl}/next`);
    });
    const requests: RequestEvent[] = [];
    const redirects: RedirectEvent[] = [];
    const hooks = {
      onRequest: (e: RequestEvent) => requests.push(e),
      onRedirect: (e: RedirectEvent) => redirects.push(e),
    };
    await client({ redirect: 'follow', hooks }).call(sessionSpec, { body: BODY });
    expect(requests.map((r) => [r.method, r.url, r.headers['x-api-key']])).toEqual([
      ['POST', `${api.baseUrl}/customers/session`, '[REDACTED]'],
      ['GET', `${api.baseUrl}/same?x=1`, '[REDACTED]'],
      ['GET', `${other.baseUrl}/next`, undefined],
    ]);
    expect(redirects).toEqual([
      expect.objectContaining({ status: 302, redirect: 1, crossOrigin: false, location: `${api.baseUrl}/same?x=1` }),
      expect.objectContaining({ status: 303, redirect: 2, crossOrigin: true, location: `${other.baseUrl}/next` }),
    ]);
    expect(JSON.stringify([requests, redirects])).not.toContain(API_KEY);
  });
});

/** One answer in a generated chain: a redirect to one of the two servers, written absolute or relative. */
interface Step {
  status: 301 | 302 | 303 | 307 | 308;
  to: 'api' | 'other';
  relative: boolean;
}

/** What the model says a chain must do under a policy: how many requests go out, and how the call ends. */
function expectedOutcome(steps: Step[], policy: RedirectPolicy, max: number): { requests: number; ok: boolean } {
  for (const [i, step] of steps.entries()) {
    if (policy === 'error' || i >= max) return { requests: i + 1, ok: false };
    if (step.to === 'other' && policy !== 'follow') return { requests: i + 1, ok: false };
  }
  return { requests: steps.length + 1, ok: true };
}

describe('credentials never reach another origin (property over redirect chains and policies)', () => {
  it('holds for any chain, and the chain is followed exactly as far as the policy allows', async () => {
    const step = fc.record({
      status: fc.constantFrom(301 as const, 302 as const, 303 as const, 307 as const, 308 as const),
      to: fc.constantFrom('api' as const, 'other' as const),
      relative: fc.boolean(),
    });
    const policy = fc.constantFrom<RedirectPolicy>('follow-same-origin', 'follow', 'error');
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { maxLength: 6 }),
        policy,
        fc.integer({ min: 0, max: 4 }),
        async (steps, p, max) => {
          api.hits.length = 0;
          other.hits.length = 0;
          const served = { count: 0 };
          const answer = (server: Loopback) => (_req: ReceivedRequest, res: ServerResponse) => {
            const next = steps[served.count++];
            if (!next) return sendJson(res, 200, { session_id: 'end' });
            const target = next.to === 'api' ? api : other;
            const path = `/hop${served.count}`;
            redirectTo(res, next.status, next.relative && target === server ? path : `${target.baseUrl}${path}`);
          };
          api.handle(answer(api));
          other.handle(answer(other));
          const outcome = await client({ redirect: p, maxRedirects: max })
            .call(sessionSpec, { body: BODY })
            .then(
              () => 'ok',
              (e: unknown) => (isApiError(e) ? e.kind : String(e)),
            );
          const expected = expectedOutcome(steps, p, max);
          expect(outcome).toBe(expected.ok ? 'ok' : 'redirect');
          expect(api.hits.length + other.hits.length).toBe(expected.requests);
          expect(other.hits.filter(carriesCredential)).toEqual([]);
          // Once a chain has left the origin, nothing it sends carries a credential, wherever it goes.
          const firstAway = steps.findIndex((s) => s.to === 'other');
          const all = [...api.hits, ...other.hits].sort((a, b) => hopOf(a) - hopOf(b));
          all.forEach((hit, i) => expect(carriesCredential(hit)).toBe(firstAway === -1 || i <= firstAway));
        },
      ),
      { numRuns: 40 },
    );
  });
});

/** The position of a request in its chain, from the `/hopN` path (the first request is 0). */
function hopOf(hit: ReceivedRequest): number {
  return Number(/^\/hop(\d+)/.exec(hit.url)?.[1] ?? 0);
}
