import { inspect } from 'node:util';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, isApiError } from '../../src/runtime/errors.js';
import { createTransport, type OperationSpec, type TransportConfig } from './transport.js';
import { createRedactor, redactValue } from '../../src/runtime/redact.js';
import { closedPortUrl, type Loopback, sendJson, startLoopback } from './loopback-server.js';

let api: Loopback;
let refusedUrl: string;
/** The abort controller of the call currently in flight to `/abort`. */
const inFlight: { controller: AbortController | undefined } = { controller: undefined };

beforeAll(async () => {
  api = await startLoopback();
  refusedUrl = await closedPortUrl();
  api.handle((req, res) => {
    const key = String(req.headers['x-api-key']);
    const path = req.url.split('?')[0];
    if (path === '/http-text')
      res.writeHead(401, { 'content-type': 'text/plain' }).end(`invalid key ${key} for ${req.url}`);
    else if (path === '/http-json') sendJson(res, 400, { detail: `bad key ${key}`, [key]: [key], echo: req.headers });
    else if (path === '/bad-json') res.writeHead(200, { 'content-type': 'application/json' }).end(`{"key": ${key}`);
    else if (path === '/abort') inFlight.controller?.abort();
    else if (path === '/redirect-away') res.writeHead(302, { location: `http://127.0.0.1:9/steal?k=${key}` }).end();
    else if (path === '/redirect-host')
      res.writeHead(307, { location: `http://h${key.replace(/[^a-z0-9]/gi, '')}.invalid/` }).end();
    else if (path !== '/hang') sendJson(res, 200, { key });
  });
});
afterAll(() => api.close());

const spec = (path: string, extra: Partial<OperationSpec> = {}): OperationSpec => ({
  name: 'probe',
  method: 'POST',
  path,
  params: [],
  responses: [{ status: '200', kind: 'json', mediaType: 'application/json' }],
  security: [['ApiTokenAuth', 'QueryKey']],
  ...extra,
});

const validationSpec = spec('/validate', {
  body: { mediaType: 'application/json', kind: 'json', required: true },
  validate: {
    body: (v) => ({
      ok: false,
      errors: [{ loc: ['body', JSON.stringify(v)], msg: `bad value ${JSON.stringify(v)}`, type: 'value_error' }],
    }),
  },
});

/** One failing call per error kind, each with the secret in as many places as that kind allows. */
async function failEveryWay(secret: string, events: unknown[]): Promise<Map<string, unknown>> {
  const config = (baseUrl: string): TransportConfig => ({
    baseUrl,
    credentials: {
      ApiTokenAuth: { in: 'header', name: 'x-api-key', value: secret },
      QueryKey: { in: 'query', name: 'key', value: secret },
    },
    secrets: [secret],
    maxRetries: 0,
    hooks: { onRequest: (e) => events.push(e), onResponse: (e) => events.push(e), onRetry: (e) => events.push(e) },
  });
  const live = createTransport(config(api.baseUrl));
  const attempts: Array<[string, () => Promise<unknown>]> = [
    ['request_validation', () => live.call(validationSpec, { body: { token: secret } })],
    ['http', () => live.call(spec('/http-text'), {})],
    ['http', () => live.call(spec('/http-json'), {})],
    ['response_validation', () => live.call(spec('/bad-json'), {})],
    ['network', () => createTransport(config(refusedUrl)).call(spec('/x'), {})],
    ['timeout', () => live.call(spec('/hang'), {}, { timeoutMs: 15 })],
    [
      'aborted',
      () => {
        inFlight.controller = new AbortController();
        return live.call(spec('/abort'), {}, { signal: inFlight.controller.signal });
      },
    ],
    ['redirect', () => live.call(spec('/redirect-away'), {})],
    ['redirect', () => live.call(spec('/redirect-host'), {})],
  ];
  const errors = new Map<string, unknown>();
  for (const [kind, attempt] of attempts) {
    try {
      await attempt();
      errors.set(`${kind}#${errors.size}`, new Error(`${kind}: expected a rejection`));
    } catch (error) {
      errors.set(`${kind}#${errors.size}`, error);
    }
  }
  return errors;
}

/** Every way an error or event is commonly turned into text. */
function renderings(value: unknown): string[] {
  const error = value as ApiError;
  return [
    String(error.message),
    String(error.stack),
    String(error),
    JSON.stringify(error),
    inspect(error, { depth: 10 }),
    inspect(error, { depth: 10, customInspect: false, showHidden: true }),
    inspect(error.cause, { depth: 10, showHidden: true }),
    JSON.stringify(error.body) ?? '',
    JSON.stringify(error.errors) ?? '',
  ];
}

const printable = fc.constantFrom(...Array.from({ length: 94 }, (_, i) => String.fromCharCode(0x21 + i)));

describe('secrets never leak', () => {
  it('from any error kind or hook payload, for any secret (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: printable, minLength: 8, maxLength: 32 }), async (secret) => {
        const events: unknown[] = [];
        const errors = await failEveryWay(secret, events);
        for (const [label, error] of errors) {
          expect(isApiError(error), label).toBe(true);
          expect((error as ApiError).kind, label).toBe(label.split('#')[0]);
          // A request's issues are about the caller's own arguments and are shown as they are (see below).
          if (label.startsWith('request_validation')) continue;
          for (const text of renderings(error)) {
            expect(text.includes(secret), `${label} leaks the secret:\n${text}`).toBe(false);
            expect(text.includes(encodeURIComponent(secret)), `${label} leaks the encoded secret:\n${text}`).toBe(
              false,
            );
          }
        }
        expect(events.length).toBeGreaterThan(0);
        for (const text of [JSON.stringify(events), inspect(events, { depth: 10 })]) {
          expect(text.includes(secret), `hook payloads leak the secret:\n${text}`).toBe(false);
        }
      }),
      { numRuns: 15 },
    );
  });

  it('redaction keeps the rest of the information', async () => {
    const secret = 'sk_test_0123456789abcdef';
    const errors = [...(await failEveryWay(secret, [])).values()] as ApiError[];
    const [validation, text, json, badJson, network] = errors;
    // the client's own words about the caller's own arguments: never rewritten, whatever the credentials are
    expect(validation?.errors?.[0]).toEqual({
      loc: ['body', JSON.stringify({ token: secret })],
      msg: `bad value ${JSON.stringify({ token: secret })}`,
      type: 'value_error',
    });
    expect(text?.body).toBe('invalid key [REDACTED] for /http-text?key=[REDACTED]');
    expect(json?.body).toMatchObject({ detail: 'bad key [REDACTED]', '[REDACTED]': ['[REDACTED]'] });
    expect((json?.body as { echo: Record<string, string> }).echo['x-api-key']).toBe('[REDACTED]');
    expect(badJson?.body).toBe('{"key": [REDACTED]');
    expect(network?.url).toBe(`${refusedUrl}/x?key=[REDACTED]`);
  });

  it('hook payloads redact credential headers and query values', async () => {
    const events: unknown[] = [];
    await failEveryWay('hook-secret-value', events);
    const request = events.find((e) => (e as { url: string }).url.includes('/http-text')) as {
      url: string;
      headers: Record<string, string>;
    };
    expect(request.headers['x-api-key']).toBe('[REDACTED]');
    expect(request.url).toBe(`${api.baseUrl}/http-text?key=[REDACTED]`);
  });
});

describe('createRedactor', () => {
  it.each([
    ['a long secret inside a word', 'sk_live_abc123', 'xsk_live_abc123y', 'x[REDACTED]y'],
    ['a short secret only where it stands alone', 'RED', 'xREDy RED', 'xREDy [REDACTED]'],
    ['a short word-like secret leaves words alone', 'type', 'type_error: a type', 'type_error: a [REDACTED]'],
    ['percent-encoded secrets', 'a b/cdefg', 'url?k=a%20b%2Fcdefg', 'url?k=[REDACTED]'],
    ['form-encoded secrets', 'a b/cdefg', 'k=a+b%2Fcdefg', 'k=[REDACTED]'],
    ['JSON-escaped secrets', 'q"uo\\te-long', '{"k":"q\\"uo\\\\te-long"}', '{"k":"[REDACTED]"}'],
    ['a secret the marker completes', '[REDACTED]', 'a [REDACTED] b', 'a  b'],
  ])('removes %s', (_name, secret, text, expected) => {
    expect(createRedactor([secret])(text)).toBe(expected);
  });

  it('ignores empty secrets, and without secrets returns the text as it is', () => {
    expect(createRedactor(['', 'zz'])('abc')).toBe('abc');
    expect(createRedactor([])('abc')).toBe('abc');
  });

  it('`long` leaves short secrets alone: the words of messages the client writes stay whole', () => {
    const redact = createRedactor(['loc', 'sk_live_abc123']);
    expect(redact.long('loc: sk_live_abc123')).toBe('loc: [REDACTED]');
  });
});

describe('redactValue', () => {
  it('rebuilds changed objects without turning a `__proto__` key into a prototype', () => {
    const parsed = JSON.parse('{"__proto__":{"polluted":"tok-123456"},"a":["tok-123456"]}') as object;
    const safe = redactValue(parsed, createRedactor(['tok-123456'])) as Record<string, unknown>;
    expect(Object.getPrototypeOf(safe)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(safe, '__proto__')).toBe(true);
    expect(JSON.stringify(safe)).toBe('{"__proto__":{"polluted":"[REDACTED]"},"a":["[REDACTED]"]}');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('returns unchanged values as they are, and stops walking at a bounded depth', () => {
    const clean = { a: [1, { b: 'c' }] };
    expect(redactValue(clean, createRedactor(['zzzzzz']))).toBe(clean);
    let deep: unknown = 'tok-123456';
    for (let i = 0; i < 10_000; i++) deep = [deep];
    let walked = redactValue(deep, createRedactor(['tok-123456']));
    let levels = 0;
    while (Array.isArray(walked)) {
      walked = (walked as unknown[])[0];
      levels++;
    }
    expect(walked).toBe('[REDACTED]');
    expect(levels).toBeLessThan(100);
  });
});
