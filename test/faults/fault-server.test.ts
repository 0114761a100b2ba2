/**
 * The fault server does what each fault says, seen through plain fetch (or a raw socket where fetch hides it), so
 * that a passing fault matrix means the client met those faults.
 */
import { connect } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Fault, type FaultServer, startFaultServer } from './fault-server.js';
import { ANSWERS } from './packages-under-test.js';

let server: FaultServer;
beforeEach(async () => {
  server = await startFaultServer(ANSWERS);
});
afterEach(() => server.close());

const HEADERS = { 'x-api-key': 'key-123', authorization: 'Bearer tok-456', cookie: 'sid=sid-789' };

function get(faults: Fault[], path = '/items/item_1?token=tk', init: RequestInit = {}): Promise<Response> {
  return fetch(`${server.scenario(faults)}${path}`, { headers: HEADERS, redirect: 'manual', ...init });
}

async function failureCode(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    return (error as { cause?: { code?: string } }).cause?.code ?? (error as { code?: string }).code ?? String(error);
  }
  return undefined;
}

/** Resolves with 'pending' if `promise` has not settled after `ms` (it is then left to the server's close). */
function stillPendingAfter(promise: Promise<unknown>, ms: number): Promise<unknown> {
  promise.catch(() => {});
  return Promise.race([promise.then(() => 'settled', () => 'settled'), new Promise((resolve) => setTimeout(() => resolve('pending'), ms))]);
}

describe('the fault server', () => {
  it('answers as the API would when it behaves, and with the declared error', async () => {
    const ok = await get(['ok']);
    expect([ok.status, await ok.json()]).toEqual([200, { id: 'item_1', name: 'widget', count: 1 }]);
    const created = await get(['ok'], '/items', { method: 'POST', body: '{}' });
    expect(created.status).toBe(201);
    await created.body?.cancel();
    const deleted = await get(['ok'], '/items/x', { method: 'DELETE' });
    expect(deleted.status).toBe(204);
    const session = await get(['ok'], '/customers/session', { method: 'POST', body: '{"is_guest_session":true}' });
    expect(((await session.json()) as { is_guest_session: boolean }).is_guest_session).toBe(true);
    const missing = await get(['declared-error']);
    expect([missing.status, await missing.json()]).toEqual([404, { detail: 'no such item' }]);
    const html = await get(['declared-error-html'], '/items', { method: 'POST', body: '{}' });
    expect([html.status, html.headers.get('content-type')]).toEqual([422, 'text/html']);
    await html.body?.cancel();
  });

  it('resets or closes the connection before answering', async () => {
    expect(await failureCode(get(['reset-before-response']))).toBe('ECONNRESET');
    expect(await failureCode(get(['close-before-response']))).toBe('UND_ERR_SOCKET');
  });

  it('resets the connection in the middle of a body', async () => {
    const response = await get(['reset-during-body']);
    expect(response.status).toBe(200);
    expect(await failureCode(response.text())).toBeDefined();
  });

  it('sends complete messages whose bodies are not what their content type says', async () => {
    for (const fault of ['truncated-json', 'invalid-json', 'html-as-json'] as const) {
      const response = await get([fault]);
      expect(response.headers.get('content-type')).toBe('application/json');
      const text = await response.text();
      expect(() => JSON.parse(text), fault).toThrow(SyntaxError);
    }
    const text = await get(['text-instead-of-json']);
    expect([text.status, text.headers.get('content-type'), await text.text()]).toEqual([200, 'text/plain', 'all good']);
    const empty = await get(['empty-success']);
    expect([empty.status, empty.headers.get('content-type'), await empty.text()]).toEqual([200, 'application/json', '']);
  });

  it('sends a body after a 204 (visible on the raw socket)', async () => {
    const url = new URL(`${server.scenario(['no-content-with-body'])}/items/x`);
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(url.port), url.hostname, () => socket.write(`DELETE ${url.pathname} HTTP/1.1\r\nhost: ${url.host}\r\n\r\n`));
      let received = '';
      socket.on('data', (chunk) => (received += chunk.toString('latin1')));
      socket.on('end', () => resolve(received));
      socket.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 204 No Content\r\n[\s\S]*\r\n\r\n\{"id":"item_1"\}$/);
  });

  it('hangs after the headers, or never answers at all, and still closes at once', async () => {
    const response = await get(['headers-then-hang']);
    expect(response.status).toBe(200);
    expect(await stillPendingAfter(response.text(), 200)).toBe('pending');
    expect(await stillPendingAfter(get(['never-answer']), 200)).toBe('pending');
    await server.close();
  });

  it('redirects in a loop, back with the received key in the query, or to another origin', async () => {
    const base = server.scenario(['redirect-loop']);
    const loop = await fetch(`${base}/items/x?token=tk`, { redirect: 'manual' });
    expect([loop.status, loop.headers.get('location')]).toEqual([307, `${new URL(base).pathname}/items/x?token=tk`]);
    const echo = await get(['redirect-echo']);
    expect(echo.headers.get('location')).toMatch(/\/items\/item_1\?token=tk&echo=key-123$/);
    const away = await get(['redirect-away']);
    expect(new URL(away.headers.get('location')!).hostname).toBe('localhost');
  });

  it('asks for retries with a Retry-After in the past, decades ahead, or unreadable', async () => {
    const asked = async (fault: Fault) => {
      const r = await get([fault]);
      await r.body?.cancel();
      return [r.status, r.headers.get('retry-after')];
    };
    expect(await asked('retry-after-past')).toEqual([429, 'Wed, 21 Oct 2015 07:28:00 GMT']);
    expect(await asked('retry-after-far')).toEqual([503, '999999999']);
    expect(await asked('retry-after-garbage')).toEqual([429, 'soon, maybe']);
  });

  it('echoes the request (URL, headers, credentials) in JSON, in text and in response headers', async () => {
    const json = await get(['echo-success']);
    const body = (await json.json()) as { echo: { url: string; headers: Record<string, string> } };
    expect(body.echo.url).toMatch(/\/items\/item_1\?token=tk$/);
    expect(body.echo.headers).toMatchObject(HEADERS);
    expect(json.headers.get('x-echo-key')).toBe('key-123');
    expect(json.headers.get('x-echo-auth')).toBe('Bearer tok-456');
    expect(json.headers.get('x-echo-cookie')).toBe('sid=sid-789');
    const declared = await get(['echo-declared-error']);
    expect(declared.status).toBe(404);
    await declared.body?.cancel();
    const text = await get(['echo-text-error']);
    expect([text.status, text.headers.get('content-type')]).toEqual([500, 'text/plain']);
    expect(await text.text()).toContain('x-api-key: key-123\n');
  });

  it('sends bytes that are not HTTP, and a gzip body that is not gzip', async () => {
    expect(await failureCode(get(['garbage-response']))).toBe('HPE_INVALID_CONSTANT');
    const gzip = await get(['bad-gzip']);
    expect([gzip.status, gzip.headers.get('content-encoding')]).toEqual([200, 'gzip']);
    expect(await failureCode(gzip.text())).toBe('Z_DATA_ERROR');
  });

  it('redirects without a Location, and to a file: URL', async () => {
    const bare = await get(['redirect-without-location']);
    expect([bare.status, bare.headers.get('location')]).toEqual([302, null]);
    const file = await get(['redirect-to-other-scheme']);
    expect([file.status, file.headers.get('location')]).toEqual([307, 'file:///etc/passwd']);
  });

  it('sends JSON nested 100 000 levels deep, under the success and the declared error status', async () => {
    for (const [fault, status] of [['deeply-nested-json', 200], ['deeply-nested-error', 404]] as const) {
      const response = await get([fault]);
      const text = await response.text();
      expect([response.status, text.length]).toEqual([status, 200_008]);
      expect(() => JSON.parse(text)).not.toThrow();
    }
  });

  it('sends JSON after a byte order mark', async () => {
    const response = await get(['json-with-bom']);
    expect(new Uint8Array(await response.arrayBuffer()).slice(0, 4)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf, 0x7b]));
  });

  it('drips a body that never ends', async () => {
    const response = await get(['slow-drip']);
    const reader = response.body!.getReader();
    const first = await reader.read();
    const second = await reader.read();
    expect([first.done, second.done]).toEqual([false, false]);
    const rest = (async () => {
      while (!(await reader.read()).done);
    })();
    expect(await stillPendingAfter(rest, 200)).toBe('pending');
  });

  it('refuses connections in a refused scenario', async () => {
    expect(await failureCode(get(['refused']))).toBe('ECONNREFUSED');
  });

  it('gives a scenario its faults in turn, the last one repeating, and keeps scenarios apart', async () => {
    const base = server.scenario(['declared-error', 'retry-after-past', 'ok']);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await fetch(`${base}/items/x`);
      await r.body?.cancel();
      statuses.push(r.status);
    }
    expect(statuses).toEqual([404, 429, 200, 200]);
    const other = await get(['declared-error']);
    expect(other.status).toBe(404);
    await other.body?.cancel();
  });
});
