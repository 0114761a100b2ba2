import { afterAll, beforeAll, beforeEach, describe, expect, expectTypeOf, it } from 'vitest';
import { ApiError, type HttpBodyOf, isApiError } from '../../src/runtime/errors.js';
import { createTransport, type OperationSpec } from './transport.js';
import {
  API_KEY,
  type HTTPValidationError,
  ORGANISATION,
  type SessionErrors,
  rejectionOf,
  sessionConfig,
  sessionSpec,
} from './fixtures.js';
import { closedPortUrl, type Loopback, readFormData, sendJson, startLoopback } from './loopback-server.js';

let api: Loopback;
beforeAll(async () => {
  api = await startLoopback();
});
afterAll(() => api.close());
beforeEach(() => {
  api.hits.length = 0;
});

async function apiErrorOf(promise: Promise<unknown>): Promise<ApiError<SessionErrors>> {
  const error = await rejectionOf(promise);
  if (!isApiError<SessionErrors>(error)) throw new Error(`expected ApiError, got ${String(error)}`);
  return error;
}

describe('the session operation against a loopback server', () => {
  it('sends the credentials as headers and the body as JSON, resolves with the parsed 200 body', async () => {
    api.handle((_req, res) => sendJson(res, 200, { session_id: 's-1' }));
    const transport = createTransport(sessionConfig(api.baseUrl + '/', { headers: { 'user-agent': 'test-agent' } }));
    const result = await transport.call(sessionSpec, { body: { customer_id: 'c-1' } });
    expect(result).toEqual({ session_id: 's-1' });
    expect(api.hits).toHaveLength(1);
    const hit = api.hits[0]!;
    expect(hit.method).toBe('POST');
    expect(hit.url).toBe('/customers/session');
    expect(hit.headers['x-api-key']).toBe(API_KEY);
    expect(hit.headers['organisation']).toBe(ORGANISATION);
    expect(hit.headers['content-type']).toBe('application/json');
    expect(hit.headers['accept']).toBe('application/json');
    expect(hit.headers['user-agent']).toBe('test-agent');
    expect(JSON.parse(hit.body.toString('utf8'))).toEqual({ customer_id: 'c-1' });
  });

  it('a guest session passes validation without customer_id', async () => {
    api.handle((_req, res) => sendJson(res, 200, { session_id: 'guest' }));
    const transport = createTransport(sessionConfig(api.baseUrl));
    await expect(transport.call(sessionSpec, { body: { is_guest_session: true } })).resolves.toEqual({
      session_id: 'guest',
    });
  });

  it('an invalid request is refused before anything is sent', async () => {
    const transport = createTransport(sessionConfig(api.baseUrl));
    const error = await apiErrorOf(transport.call(sessionSpec, { body: { is_guest_session: false } }));
    expect(error.kind).toBe('request_validation');
    expect(error.errors).toEqual([{ loc: ['body', 'customer_id'], msg: 'Field required', type: 'missing' }]);
    const missing = await apiErrorOf(transport.call(sessionSpec, {}));
    expect(missing.errors).toEqual([{ loc: ['body'], msg: 'Field required', type: 'missing' }]);
    expect(api.hits).toHaveLength(0);
  });

  it('with validateRequests off the same request is sent', async () => {
    api.handle((_req, res) => sendJson(res, 200, { session_id: 'x' }));
    const transport = createTransport(sessionConfig(api.baseUrl, { validateRequests: false }));
    await transport.call(sessionSpec, { body: { is_guest_session: false } });
    expect(api.hits).toHaveLength(1);
  });

  it('422 rejects with kind http, the parsed body, and hasStatus narrows it', async () => {
    const detail = [{ loc: ['body', 'customer_id'], msg: 'unknown customer', type: 'value_error' }];
    api.handle((_req, res) => sendJson(res, 422, { detail }));
    const transport = createTransport(sessionConfig(api.baseUrl));
    const error = await apiErrorOf(transport.call(sessionSpec, { body: { customer_id: 'nope' } }));
    expect(error).toBeInstanceOf(ApiError);
    expect(error.kind).toBe('http');
    expect(error.status).toBe(422);
    expect(error.operation).toBe('createCustomerOrGuestSession');
    expect(error.url).toBe(`${api.baseUrl}/customers/session`);
    expect(error.message).toContain('HTTP 422');
    expect(error.hasStatus(422)).toBe(true);
    expect(error.hasStatus(500)).toBe(false);
    if (!error.hasStatus(422)) throw new Error('unreachable');
    expectTypeOf(error.body).toEqualTypeOf<HTTPValidationError>();
    expect(error.body.detail[0]?.msg).toBe('unknown customer');
    expect(api.hits).toHaveLength(1); // a 422 on POST is final
  });

  it('types the body of undeclared statuses from `default`', () => {
    expectTypeOf<HttpBodyOf<SessionErrors, 422>>().toEqualTypeOf<HTTPValidationError>();
    expectTypeOf<HttpBodyOf<SessionErrors, 500>>().toEqualTypeOf<unknown>();
    expectTypeOf<HttpBodyOf<{ status: 404; body: { m: string } }, 404>>().toEqualTypeOf<{ m: string }>();
  });

  it('a 422 whose body breaks the declared schema is still kind http, but hasStatus does not vouch for it', async () => {
    api.handle((_req, res) => sendJson(res, 422, { message: 'no detail here' }));
    const transport = createTransport(sessionConfig(api.baseUrl));
    const error = await apiErrorOf(transport.call(sessionSpec, { body: { customer_id: 'c' } }));
    expect(error.kind).toBe('http');
    expect(error.status).toBe(422);
    expect(error.body).toEqual({ message: 'no detail here' });
    expect(error.hasStatus(422)).toBe(false);
  });

  it('500 with a text body rejects with the text, and POST is not retried', async () => {
    api.handle((_req, res) => res.writeHead(500, { 'content-type': 'text/plain' }).end('upstream exploded'));
    const transport = createTransport(sessionConfig(api.baseUrl));
    const error = await apiErrorOf(transport.call(sessionSpec, { body: { customer_id: 'c' } }));
    expect(error.kind).toBe('http');
    expect(error.status).toBe(500);
    expect(error.body).toBe('upstream exploded');
    expect(api.hits).toHaveLength(1);
  });

  it('a malformed 200 body rejects with response_validation and the raw text', async () => {
    api.handle((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"session_id": '));
    const transport = createTransport(sessionConfig(api.baseUrl));
    const error = await apiErrorOf(transport.call(sessionSpec, { body: { customer_id: 'c' } }));
    expect(error.kind).toBe('response_validation');
    expect(error.status).toBe(200);
    expect(error.body).toBe('{"session_id": ');
    expect(error.errors?.[0]).toMatchObject({ loc: ['response'], type: 'json_invalid' });
    expect(error.message).toContain('not valid JSON');
  });

  it('a 200 body that breaks the schema rejects with response_validation, unless validation is off', async () => {
    api.handle((_req, res) => sendJson(res, 200, { id: 1 }));
    const strict = createTransport(sessionConfig(api.baseUrl));
    const error = await apiErrorOf(strict.call(sessionSpec, { body: { customer_id: 'c' } }));
    expect(error.kind).toBe('response_validation');
    expect(error.body).toEqual({ id: 1 });
    expect(error.errors).toEqual([{ loc: ['body', 'session_id'], msg: 'Field required', type: 'missing' }]);
    const lax = createTransport(sessionConfig(api.baseUrl, { validateResponses: false }));
    await expect(lax.call(sessionSpec, { body: { customer_id: 'c' } })).resolves.toEqual({ id: 1 });
  });

  it('`__proto__` keys in a JSON body stay own data and pollute nothing', async () => {
    api.handle((_req, res) =>
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end('{"session_id":"s","__proto__":{"polluted":true}}'),
    );
    const transport = createTransport(sessionConfig(api.baseUrl));
    const result = (await transport.call(sessionSpec, { body: { customer_id: 'c' } })) as Record<string, unknown>;
    expect(Object.prototype.hasOwnProperty.call(result, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('header safety', () => {
  it.each([
    ['a call header with CR/LF', { headers: { 'x-trace': 'a\r\nx-admin: 1' } }],
    ['an invalid header name', { headers: { 'bad name': 'v' } }],
  ] as const)('%s is refused and nothing is sent', async (_name, options) => {
    const transport = createTransport(sessionConfig(api.baseUrl));
    const error = await apiErrorOf(transport.call(sessionSpec, { body: { customer_id: 'c' } }, options));
    expect(error.kind).toBe('request_validation');
    expect(error.errors?.[0]?.loc[0]).toBe('header');
    expect(api.hits).toHaveLength(0);
  });

  it('a client header with NUL, or a credential with LF, is refused when the client is created', () => {
    expect(() => createTransport(sessionConfig(api.baseUrl, { headers: { 'x-trace': 'a\u0000b' } }))).toThrow(
      /^invalid client options: headers\.x-trace /,
    );
    const base = sessionConfig(api.baseUrl);
    const credentials = { ...base.credentials, ApiTokenAuth: { in: 'header' as const, name: 'x-api-key', value: `${API_KEY}\nx-admin: 1` } };
    expect(() => createTransport({ ...base, credentials })).toThrow(TypeError);
  });

  it('call headers win over params, credentials and config headers, case-insensitively', async () => {
    api.handle((_req, res) => sendJson(res, 200, { session_id: 's' }));
    const transport = createTransport(
      sessionConfig(api.baseUrl, { headers: { Organisation: 'from-config', 'X-Env': 'config' } }),
    );
    await transport.call(sessionSpec, { body: { customer_id: 'c' } }, { headers: { 'X-ENV': 'call' } });
    expect(api.hits[0]?.headers['organisation']).toBe(ORGANISATION);
    expect(api.hits[0]?.headers['x-env']).toBe('call');
  });
});

const styledSpec: OperationSpec = {
  name: 'getThing',
  method: 'GET',
  path: '/things/{id}/{label}{matrix}',
  params: [
    { name: 'id', in: 'path', style: 'simple', explode: false, allowReserved: false },
    { name: 'label', in: 'path', style: 'label', explode: true, allowReserved: false },
    { name: 'matrix', in: 'path', style: 'matrix', explode: false, allowReserved: false },
    { name: 'tags', in: 'query', style: 'form', explode: true, allowReserved: false },
    { name: 'ids', in: 'query', style: 'pipeDelimited', explode: false, allowReserved: false },
    { name: 'filter', in: 'query', style: 'deepObject', explode: true, allowReserved: false },
    { name: 'q', in: 'query', style: 'form', explode: true, allowReserved: false, json: true },
    { name: 'x-request-id', in: 'header', style: 'simple', explode: false, allowReserved: false },
    { name: 'session', in: 'cookie', style: 'form', explode: true, allowReserved: false },
  ],
  responses: [{ status: '200', kind: 'json', mediaType: 'application/json' }],
};

describe('parameters on the wire', () => {
  it('serialises path, query, header and cookie params per style', async () => {
    api.handle((_req, res) => sendJson(res, 200, {}));
    const transport = createTransport({ baseUrl: `${api.baseUrl}/v1/`, credentials: {}, secrets: [] });
    await transport.call(styledSpec, {
      path: { id: 'a b', label: ['x', 'y'], matrix: { r: 1, g: 2 } },
      query: { tags: ['red', 'blue'], ids: [1, 2], filter: { status: 'open', owner: { id: 7 } }, q: { k: 'v' } },
      header: { 'x-request-id': ['r1', 'r2'] },
      cookie: { session: 'abc;def' },
    });
    const hit = api.hits[0]!;
    expect(hit.url).toBe(
      '/v1/things/a%20b/.x.y;matrix=r,1,g,2' +
        '?tags=red&tags=blue&ids=1%7C2&filter%5Bstatus%5D=open&filter%5Bowner%5D%5Bid%5D=7&q=%7B%22k%22%3A%22v%22%7D',
    );
    expect(hit.headers['x-request-id']).toBe('r1,r2');
    expect(hit.headers['cookie']).toBe('session=abc%3Bdef');
  });

  it('a path value with ../ stays inside its segment', async () => {
    api.handle((_req, res) => sendJson(res, 200, {}));
    const transport = createTransport({ baseUrl: api.baseUrl, credentials: {}, secrets: [] });
    await transport.call(styledSpec, { path: { id: '../../admin?x#y', label: 'l', matrix: 'm' } });
    expect(api.hits[0]?.url).toBe('/things/..%2F..%2Fadmin%3Fx%23y/.l;matrix=m');
  });

  it.each(['..', '.', '%2e%2E'])('a path value %j that would be a dot segment is refused', async (id) => {
    const transport = createTransport({ baseUrl: api.baseUrl, credentials: {}, secrets: [] });
    const error = await apiErrorOf(
      transport.call(
        { ...styledSpec, path: '/things/{id}' },
        { path: { id: id === '%2e%2E' ? decodeURIComponent(id) : id } },
      ),
    );
    expect(error.kind).toBe('request_validation');
    expect(api.hits).toHaveLength(0);
  });

  it('a missing path param is refused even with validation off', async () => {
    const transport = createTransport({ baseUrl: api.baseUrl, credentials: {}, secrets: [], validateRequests: false });
    const error = await apiErrorOf(transport.call(styledSpec, { path: { label: 'l', matrix: 'm' } }));
    expect(error.errors).toEqual([{ loc: ['path', 'id'], msg: 'Field required', type: 'missing' }]);
    expect(api.hits).toHaveLength(0);
  });

  it('credentials go where their scheme says, and the query one never shows in the error url', async () => {
    api.handle((_req, res) => res.writeHead(401).end());
    const spec: OperationSpec = {
      ...sessionSpec,
      method: 'GET',
      body: undefined as never,
      security: [['Missing'], ['QueryKey', 'CookieKey', 'Bearer']],
    };
    delete (spec as { body?: unknown }).body;
    const transport = createTransport({
      baseUrl: api.baseUrl,
      credentials: {
        QueryKey: { in: 'query', name: 'api_key', value: 'q-secret' },
        CookieKey: { in: 'cookie', name: 'sid', value: 'c-secret' },
        Bearer: { in: 'header', name: 'Authorization', value: 'Bearer t-secret' },
      },
      secrets: [],
      maxRetries: 0,
    });
    const error = await apiErrorOf(transport.call(spec, {}));
    const hit = api.hits[0]!;
    expect(hit.url).toBe('/customers/session?api_key=q-secret');
    expect(hit.headers['cookie']).toBe('sid=c-secret');
    expect(hit.headers['authorization']).toBe('Bearer t-secret');
    expect(error.url).toBe(`${api.baseUrl}/customers/session?api_key=[REDACTED]`);
  });

  it('an operation without security sends no credentials', async () => {
    api.handle((_req, res) => sendJson(res, 200, { session_id: 's' }));
    const transport = createTransport(sessionConfig(api.baseUrl));
    const { security: _omit, ...open } = sessionSpec;
    await transport.call(open, { body: { customer_id: 'c' } });
    await transport.call({ ...open, security: [[]] }, { body: { customer_id: 'c' } });
    expect(api.hits.map((h) => h.headers['x-api-key'])).toEqual([undefined, undefined]);
  });
});

const uploadSpec = (kind: 'form' | 'multipart' | 'binary' | 'text' | 'json', mediaType: string): OperationSpec => ({
  name: 'upload',
  method: 'PUT',
  path: '/upload',
  params: [],
  body: { mediaType, kind, required: true },
  responses: [{ status: '204', kind: 'empty' }],
});

describe('request bodies', () => {
  beforeEach(() => api.handle((_req, res) => res.writeHead(204).end()));
  const transport = () => createTransport({ baseUrl: api.baseUrl, credentials: {}, secrets: [] });

  it('json keeps the declared vendor media type', async () => {
    await expect(
      transport().call(uploadSpec('json', 'application/vnd.x+json'), { body: [1, 'a'] }),
    ).resolves.toBeUndefined();
    expect(api.hits[0]?.headers['content-type']).toBe('application/vnd.x+json');
    expect(api.hits[0]?.body.toString()).toBe('[1,"a"]');
  });

  it('form: arrays repeat, object properties spread, nulls are left out', async () => {
    await transport().call(uploadSpec('form', 'application/x-www-form-urlencoded'), {
      body: { name: 'a b&c', tags: ['x', 'y'], color: { R: 1, G: 2 }, none: null },
    });
    expect(api.hits[0]?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(api.hits[0]?.body.toString()).toBe('name=a+b%26c&tags=x&tags=y&R=1&G=2');
  });

  it('multipart: files as file parts, arrays repeated, objects as JSON', async () => {
    const file = new File(['hello'], 'hello.txt', { type: 'text/plain' });
    await transport().call(uploadSpec('multipart', 'multipart/form-data'), {
      body: { file, tags: ['a', 'b'], meta: { k: 1 }, count: 3 },
    });
    const form = await readFormData(api.hits[0]!);
    const part = form.get('file');
    expect(part).toBeInstanceOf(File);
    expect((part as File).name).toBe('hello.txt');
    expect(await (part as File).text()).toBe('hello');
    expect(form.getAll('tags')).toEqual(['a', 'b']);
    expect(form.get('meta')).toBe('{"k":1}');
    expect(form.get('count')).toBe('3');
    expect(api.hits[0]?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
  });

  it('binary: bytes pass through with the declared type; a non-binary value is refused', async () => {
    await transport().call(uploadSpec('binary', 'application/octet-stream'), { body: new Uint8Array([0, 255, 10]) });
    expect([...api.hits[0]!.body]).toEqual([0, 255, 10]);
    expect(api.hits[0]?.headers['content-type']).toBe('application/octet-stream');
    await transport().call(uploadSpec('binary', 'image/*'), { body: new Blob(['png'], { type: 'image/png' }) });
    expect(api.hits[1]?.headers['content-type']).toBe('image/png');
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('streamed'));
        controller.close();
      },
    });
    await transport().call(uploadSpec('binary', 'application/octet-stream'), { body: stream });
    expect(api.hits[2]?.body.toString()).toBe('streamed');
    const error = await apiErrorOf(
      transport().call(uploadSpec('binary', 'application/octet-stream'), { body: { a: 1 } }),
    );
    expect(error.kind).toBe('request_validation');
    expect(api.hits).toHaveLength(3);
  });

  it('text: sent as the string with the declared type', async () => {
    await transport().call(uploadSpec('text', 'text/csv'), { body: 'a,b\n1,2' });
    expect(api.hits[0]?.headers['content-type']).toBe('text/csv');
    expect(api.hits[0]?.body.toString()).toBe('a,b\n1,2');
  });

  it('text and XML: an object is refused rather than sent as JSON under a text or XML type; nothing is sent', async () => {
    await transport().call(uploadSpec('text', 'application/xml'), { body: '<Bucket><name>a</name></Bucket>' });
    expect(api.hits[0]?.headers['content-type']).toBe('application/xml');
    expect(api.hits[0]?.body.toString()).toBe('<Bucket><name>a</name></Bucket>');
    for (const body of [{ name: 'a' }, ['a']]) {
      const error = await apiErrorOf(transport().call(uploadSpec('text', 'text/xml'), { body }));
      expect(error.kind).toBe('request_validation');
      expect(error.errors).toEqual([{ loc: ['body'], msg: 'expected the text/xml document as a string', type: 'type_error' }]);
    }
    expect(api.hits).toHaveLength(1);
  });
});

const readSpec = (responses: OperationSpec['responses'], method: OperationSpec['method'] = 'GET'): OperationSpec => ({
  name: 'read',
  method,
  path: '/read',
  params: [],
  responses,
});

describe('responses', () => {
  const transport = () => createTransport({ baseUrl: api.baseUrl, credentials: {}, secrets: [], maxRetries: 0 });

  it('204 resolves with undefined', async () => {
    api.handle((_req, res) => res.writeHead(204).end());
    await expect(transport().call(readSpec([{ status: '204', kind: 'empty' }]), {})).resolves.toBeUndefined();
  });

  it('an empty JSON body resolves with undefined', async () => {
    api.handle((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end());
    await expect(transport().call(readSpec([{ status: '200', kind: 'json' }]), {})).resolves.toBeUndefined();
  });

  it('text resolves with the string', async () => {
    api.handle((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('plain ✓'));
    await expect(
      transport().call(readSpec([{ status: '200', kind: 'text', mediaType: 'text/plain' }]), {}),
    ).resolves.toBe('plain ✓');
    expect(api.hits[0]?.headers['accept']).toBe('text/plain');
  });

  it('binary resolves with a Blob of the exact bytes', async () => {
    api.handle((_req, res) => res.writeHead(200, { 'content-type': 'application/pdf' }).end(Buffer.from([1, 2, 250])));
    const blob = await transport().call(
      readSpec([{ status: '200', kind: 'binary', mediaType: 'application/pdf' }]),
      {},
    );
    expect(blob).toBeInstanceOf(Blob);
    expect([...new Uint8Array(await (blob as Blob).arrayBuffer())]).toEqual([1, 2, 250]);
  });

  it('a 2XX range response is decoded and validated by its spec', async () => {
    api.handle((_req, res) => sendJson(res, 201, { session_id: 'new' }));
    const spec = readSpec([{ status: '2XX', kind: 'json', validate: (v) => ({ ok: true, value: { wrapped: v } }) }]);
    await expect(transport().call(spec, {})).resolves.toEqual({ wrapped: { session_id: 'new' } });
  });

  it('`default` applies to undeclared statuses', async () => {
    api.handle((_req, res) => sendJson(res, 418, { teapot: true }));
    const spec = readSpec([
      { status: '200', kind: 'json' },
      { status: 'default', kind: 'json', validate: (v) => ({ ok: true, value: v }) },
    ]);
    const error = await apiErrorOf(transport().call(spec, {}));
    expect(error.kind).toBe('http');
    expect(error.status).toBe(418);
    expect(error.body).toEqual({ teapot: true });
    expect(error.hasStatus(418)).toBe(true);
  });

  it('an undeclared success is decoded by its content-type', async () => {
    api.handle((_req, res) => sendJson(res, 200, { any: 1 }));
    await expect(transport().call(readSpec([]), {})).resolves.toEqual({ any: 1 });
  });
});

describe('network failures, timeouts and aborts', () => {
  it('connection refused rejects with kind network and a safe cause', async () => {
    const transport = createTransport(sessionConfig(await closedPortUrl(), { maxRetries: 0 }));
    const error = await apiErrorOf(transport.call(sessionSpec, { body: { customer_id: 'c' } }));
    expect(error.kind).toBe('network');
    expect(error.cause).toMatchObject({ code: 'ECONNREFUSED' });
    expect(error.cause).not.toBeInstanceOf(Error);
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('a request fetch refuses to send is request_validation, not a network error, and is not retried', async () => {
    // fetch rejects both a URL with user:password@ and a refused connection with a bare TypeError
    const withUserInfo = api.baseUrl.replace('http://', 'http://user:pass@');
    const retries: unknown[] = [];
    const transport = createTransport(
      sessionConfig(withUserInfo, { maxRetries: 3, hooks: { onRetry: (event) => retries.push(event) } }),
    );
    const error = await apiErrorOf(transport.call(sessionSpec, { body: { customer_id: 'c' } }));
    expect(error.kind).toBe('request_validation');
    expect(error.errors).toEqual([
      { loc: [], msg: expect.stringMatching(/^fetch refuses to send it: .*credentials/), type: 'value_error' },
    ]);
    expect(retries).toEqual([]);
    expect(api.hits).toHaveLength(0);
  });

  it('a fetch that rejects a request it could send is still a network error', async () => {
    let calls = 0;
    const failing = async (): Promise<Response> => {
      calls++;
      throw new TypeError('Failed to fetch');
    };
    const transport = createTransport(sessionConfig(api.baseUrl, { fetch: failing, maxRetries: 1 }));
    const error = await apiErrorOf(transport.call(sessionSpec, { body: { customer_id: 'c' } }, { maxRetries: 0 }));
    expect(error.kind).toBe('network');
    expect(error.cause).toMatchObject({ name: 'TypeError', message: 'Failed to fetch' });
    expect(calls).toBe(1);
  });

  it('a server that never answers times out', async () => {
    api.handle(() => undefined);
    const transport = createTransport(sessionConfig(api.baseUrl, { timeoutMs: 30 }));
    const error = await apiErrorOf(transport.call(sessionSpec, { body: { customer_id: 'c' } }));
    expect(error.kind).toBe('timeout');
    expect(error.message).toContain('30 ms');
  });

  it('the per-call timeout overrides the config', async () => {
    api.handle(() => undefined);
    const transport = createTransport(sessionConfig(api.baseUrl, { timeoutMs: 60_000 }));
    const error = await apiErrorOf(transport.call(sessionSpec, { body: { customer_id: 'c' } }, { timeoutMs: 20 }));
    expect(error.kind).toBe('timeout');
  });

  it("the caller's signal aborts an in-flight call", async () => {
    const controller = new AbortController();
    api.handle(() => controller.abort());
    const transport = createTransport(sessionConfig(api.baseUrl));
    const error = await apiErrorOf(
      transport.call(sessionSpec, { body: { customer_id: 'c' } }, { signal: controller.signal }),
    );
    expect(error.kind).toBe('aborted');
    expect(api.hits).toHaveLength(1);
  });

  it('an already-aborted signal sends nothing', async () => {
    const transport = createTransport(sessionConfig(api.baseUrl));
    const error = await apiErrorOf(
      transport.call(sessionSpec, { body: { customer_id: 'c' } }, { signal: AbortSignal.abort() }),
    );
    expect(error.kind).toBe('aborted');
    expect(api.hits).toHaveLength(0);
  });
});

describe('every failure is an ApiError', () => {
  it('a body JSON cannot encode is a request_validation error, nothing sent', async () => {
    const transport = createTransport(sessionConfig(api.baseUrl, { validateRequests: false }));
    const error = await apiErrorOf(transport.call(sessionSpec, { body: { customer_id: 'c', n: 1n } }));
    expect(error.kind).toBe('request_validation');
    expect(error.errors?.[0]?.msg).toMatch(/^request cannot be encoded: .*BigInt/);
    expect(api.hits).toHaveLength(0);
  });

  it('a throwing request validator is a request_validation error', async () => {
    const transport = createTransport(sessionConfig(api.baseUrl));
    const spec: OperationSpec = {
      ...sessionSpec,
      validate: {
        body: () => {
          throw new Error('boom');
        },
      },
    };
    const error = await apiErrorOf(transport.call(spec, { body: {} }));
    expect(error.errors).toEqual([{ loc: ['body'], msg: 'validator failed: boom', type: 'validator_error' }]);
    expect(api.hits).toHaveLength(0);
  });

  it('a throwing response validator is a response_validation error', async () => {
    api.handle((_req, res) => sendJson(res, 200, { session_id: 's' }));
    const transport = createTransport(sessionConfig(api.baseUrl));
    const spec: OperationSpec = {
      ...sessionSpec,
      responses: [
        {
          status: '200',
          kind: 'json',
          validate: () => {
            throw new Error('bug');
          },
        },
      ],
    };
    const error = await apiErrorOf(transport.call(spec, { body: { customer_id: 'c' } }));
    expect(error.kind).toBe('response_validation');
    expect(error.errors?.[0]?.type).toBe('validator_error');
  });

  it('a throwing hook does not change the outcome', async () => {
    api.handle((_req, res) => sendJson(res, 200, { session_id: 's' }));
    const explode = (): never => {
      throw new Error('observer bug');
    };
    const transport = createTransport(
      sessionConfig(api.baseUrl, { hooks: { onRequest: explode, onResponse: explode } }),
    );
    await expect(transport.call(sessionSpec, { body: { customer_id: 'c' } })).resolves.toEqual({ session_id: 's' });
  });
});
