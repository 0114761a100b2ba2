/** One timer per core watches every call's deadline: each call still stops at its own, in any order of deadlines. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { createDeadlineClock, unwatchDeadline, watchDeadline } from '../../src/runtime/deadlines.js';
import { sessionConfig, sessionSpec } from './fixtures.js';
import { sendJson, startLoopback } from './loopback-server.js';
import { createTransport } from './transport.js';

/** Watches deadlines `ms` from now and resolves with the order in which they were stopped. */
function stoppedOrder(deadlines: Array<[name: string, ms: number]>, cancel: string[] = []): Promise<string[]> {
  const clock = createDeadlineClock();
  const stopped: string[] = [];
  const start = Date.now();
  return new Promise((resolve) => {
    for (const [name, ms] of deadlines) {
      const deadline = {
        endsAt: start + ms,
        stop: () => {
          stopped.push(name);
          expect(Date.now()).toBeGreaterThanOrEqual(start + ms);
          if (stopped.length === deadlines.length - cancel.length) resolve(stopped);
        },
      };
      watchDeadline(clock, deadline);
      if (cancel.includes(name)) unwatchDeadline(clock, deadline);
    }
  });
}

describe('the deadline clock', () => {
  it('stops each call at its own deadline, however they were started', async () => {
    expect(await stoppedOrder([['late', 60], ['early', 20], ['middle', 40]])).toEqual(['early', 'middle', 'late']);
  });

  it('never stops a call that has settled, and keeps watching the others', async () => {
    expect(await stoppedOrder([['settled', 10], ['waiting', 30]], ['settled'])).toEqual(['waiting']);
  });

  it('does not watch a call without a deadline', () => {
    const clock = createDeadlineClock();
    watchDeadline(clock, { endsAt: Infinity, stop: () => undefined });
    expect(clock.pending.size).toBe(0);
    expect(clock.timer).toBeUndefined();
  });

  it('arms one timer for many calls in flight, and leaves it alone when they settle in time', async () => {
    const api = await startLoopback();
    try {
      api.handle((_req, res) => sendJson(res, 200, { session_id: 's' }));
      const transport = createTransport(sessionConfig(api.baseUrl));
      const calls = Array.from({ length: 20 }, () => transport.call(sessionSpec, { body: { customer_id: 'c' } }));
      await expect(Promise.all(calls)).resolves.toHaveLength(20);
    } finally {
      await api.close();
    }
  });

  it('does not keep a Node process alive after its calls settled (a 60 s deadline, the default)', () => {
    // A child process makes one call against its own server, closes it, and must then exit on its own.
    const script = `
      import http from 'node:http';
      import { makeCore } from ${JSON.stringify(new URL('../../src/runtime/core.ts', import.meta.url).href)};
      import { call } from ${JSON.stringify(new URL('../../src/runtime/call.ts', import.meta.url).href)};
      import { json } from ${JSON.stringify(new URL('../../src/runtime/encode-body.ts', import.meta.url).href)};
      const server = http.createServer((req, res) => { res.setHeader('content-type', 'application/json'); res.end('{}'); });
      await new Promise((r) => server.listen(0, '127.0.0.1', r));
      const core = makeCore({}, 'http://127.0.0.1:' + server.address().port, []);
      const op = { name: 'op', method: 'POST', path: '/x', body: { mediaType: 'application/json', required: false, encode: json }, responses: [] };
      await call(core, op, { body: {} });
      server.close();
      server.closeAllConnections();
      console.log('settled');
    `;
    const started = Date.now();
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(child.stderr).toBe('');
    expect(child.stdout.trim()).toBe('settled');
    expect(child.signal, 'the process was still alive after 30 s').toBeNull();
    expect(Date.now() - started).toBeLessThan(30_000);
  });
});
