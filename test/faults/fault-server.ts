/**
 * A loopback API that misbehaves on command, request by request. Each scenario gets its own base URL,
 * `<server>/f/<id>/<fault>.<fault>...`: its n-th request (redirected hops and retries included) gets the n-th fault,
 * the last one repeating. Built on the shared loopback server, whose `close` destroys every open socket, so a
 * request left hanging on purpose cannot keep the process alive.
 */
import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { closedPortUrl, type ReceivedRequest, startLoopback } from '../runtime/loopback-server.js';

/** What the server can do with one request. */
export const FAULTS = [
  /** the API's success response for the operation */
  'ok',
  /** the error response the operation declares (422/404), as declared */
  'declared-error',
  /** the declared error status, but with an HTML page (an undeclared content type) */
  'declared-error-html',
  /** 500 with `content-type: application/json` and a body that is not JSON */
  'server-error-invalid-json',
  /** TCP reset right after the request is read */
  'reset-before-response',
  /** the connection closed (FIN) right after the request is read */
  'close-before-response',
  /** status and headers promising 200 bytes, a few of them, then a TCP reset */
  'reset-during-body',
  /** a complete HTTP message whose JSON body is cut off */
  'truncated-json',
  /** a complete HTTP message whose body is not JSON, under a JSON content type */
  'invalid-json',
  /** an HTML error page under `content-type: application/json` */
  'html-as-json',
  /** the success status with `text/plain` where JSON is declared */
  'text-instead-of-json',
  /** the success status, a JSON content type and no body at all */
  'empty-success',
  /** 204 followed by a body (written on the raw socket: Node's server would drop it) */
  'no-content-with-body',
  /** status and headers, the start of a body, then nothing, ever */
  'headers-then-hang',
  /** the request is read and never answered */
  'never-answer',
  /** 307 back to the same URL */
  'redirect-loop',
  /** 307 to the same path with the `x-api-key` it received added to the query */
  'redirect-echo',
  /** 307 to another origin (`localhost` instead of `127.0.0.1`), the `x-api-key` it received in the query */
  'redirect-away',
  /** 429 with a `Retry-After` date in the past */
  'retry-after-past',
  /** 503 with a `Retry-After` of about 31 years */
  'retry-after-far',
  /** 429 with a `Retry-After` that is neither a number nor a date */
  'retry-after-garbage',
  /** the success status with a JSON body echoing the request's method, URL and headers (and echo headers) */
  'echo-success',
  /** the declared error status with the same JSON echo */
  'echo-declared-error',
  /** 500 with a `text/plain` echo of the URL and headers */
  'echo-text-error',
  /** bytes that are not HTTP at all, then the connection closed */
  'garbage-response',
  /** `content-encoding: gzip` over bytes that are not gzip */
  'bad-gzip',
  /** 302 without a `Location` */
  'redirect-without-location',
  /** 307 to a `file:` URL */
  'redirect-to-other-scheme',
  /** the success status with JSON nested 100 000 levels deep where a string is declared */
  'deeply-nested-json',
  /** the declared error status with the same deep JSON */
  'deeply-nested-error',
  /** the success status with a body that starts with a byte order mark */
  'json-with-bom',
  /** status and headers, then one byte every 20 ms, never ending */
  'slow-drip',
  /** the base URL is a loopback port nobody listens on (a whole-scenario fault: every request is refused) */
  'refused',
] as const;

export type Fault = (typeof FAULTS)[number];

/** Faults after which the call can only end on its deadline. */
export const HANGING_FAULTS: ReadonlySet<Fault> = new Set(['headers-then-hang', 'never-answer', 'slow-drip']);

/** One well-behaved answer: a status and a JSON body (none for `undefined`). */
export interface Answer {
  status: number;
  body?: unknown;
}

/** How the real API answers a request to `path` (the part after the scenario prefix). */
export interface ApiAnswers {
  success(req: ReceivedRequest, path: string): Answer;
  declaredError(req: ReceivedRequest, path: string): Answer;
}

export interface FaultServer {
  /** a new scenario's base URL; its requests get `faults` in turn, the last repeating */
  scenario(faults: readonly Fault[]): string;
  /** every request the server read, in order */
  hits: ReceivedRequest[];
  close(): Promise<void>;
}

const PREFIX = /^\/f\/(\d+)\/([a-z.-]+)(\/[^?]*)?(\?.*)?$/;

/** Starts the server; `answers` says what the API would answer when behaving. */
export async function startFaultServer(answers: ApiAnswers): Promise<FaultServer> {
  const loopback = await startLoopback();
  const refused = await closedPortUrl();
  const seen = new Map<string, number>();
  let scenarios = 0;
  loopback.handle((req, res) => {
    const match = PREFIX.exec(req.url);
    if (!match) {
      res.writeHead(400, { 'content-type': 'text/plain' }).end('not a scenario URL');
      return;
    }
    const [, id = '', list = '', path = '/'] = match;
    const faults = list.split('.') as Fault[];
    const n = seen.get(id) ?? 0;
    seen.set(id, n + 1);
    const fault = faults[Math.min(n, faults.length - 1)] ?? 'ok';
    const context: Context = { req, res, path, answers, otherOrigin: loopback.baseUrl.replace('127.0.0.1', 'localhost') };
    BEHAVIOURS[fault](context);
  });
  return {
    scenario: (faults) => {
      const base = faults.includes('refused') ? refused : loopback.baseUrl;
      scenarios += 1;
      return `${base}/f/${scenarios}/${faults.join('.')}`;
    },
    hits: loopback.hits,
    close: () => loopback.close(),
  };
}

interface Context {
  req: ReceivedRequest;
  res: ServerResponse;
  /** the operation's path, after the scenario prefix */
  path: string;
  answers: ApiAnswers;
  /** this server under another origin */
  otherOrigin: string;
}

const JSON_TYPE = { 'content-type': 'application/json' };
const DEEP_JSON = `{"id": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
const HTML_PAGE = '<!doctype html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>';

/** The status a body-carrying fault uses: the operation's success status, or 200 where that is 204. */
function bodyStatus(c: Context): number {
  const { status } = c.answers.success(c.req, c.path);
  return status === 204 ? 200 : status;
}

/** Sends a TCP reset, unless the socket is already gone (the client may have given up). */
function resetSocket(socket: Socket | null): void {
  if (socket && !socket.destroyed) socket.resetAndDestroy();
}

function sendAnswer(res: ServerResponse, answer: Answer, headers: Record<string, string> = {}): void {
  if (answer.body === undefined) res.writeHead(answer.status, headers).end();
  else res.writeHead(answer.status, { ...JSON_TYPE, ...headers }).end(JSON.stringify(answer.body));
}

function header(req: ReceivedRequest, name: string): string {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(', ') : (value ?? '');
}

/** Response headers repeating the request's credential-bearing headers (what a debugging proxy might add). */
function echoHeaders(req: ReceivedRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [from, to] of [['x-api-key', 'x-echo-key'], ['organisation', 'x-echo-organisation'], ['authorization', 'x-echo-auth'], ['cookie', 'x-echo-cookie']] as const) {
    const value = header(req, from);
    if (value !== '' && value.length < 4000) out[to] = value;
  }
  return out;
}

function echoBody(req: ReceivedRequest): unknown {
  return { echo: { method: req.method, url: req.url, headers: req.headers } };
}

function echoText(req: ReceivedRequest): string {
  const lines = Object.entries(req.headers).map(([name, value]) => `${name}: ${String(value)}`);
  return `upstream failed for ${req.method} ${req.url}\n${lines.join('\n')}\n`;
}

/** The same URL with the received `x-api-key` appended to its query. */
function withEchoedKey(req: ReceivedRequest): string {
  const separator = req.url.includes('?') ? '&' : '?';
  return `${req.url}${separator}echo=${encodeURIComponent(header(req, 'x-api-key'))}`;
}

const BEHAVIOURS: Record<Fault, (c: Context) => void> = {
  ok: (c) => sendAnswer(c.res, c.answers.success(c.req, c.path)),
  'declared-error': (c) => sendAnswer(c.res, c.answers.declaredError(c.req, c.path)),
  'declared-error-html': (c) =>
    c.res.writeHead(c.answers.declaredError(c.req, c.path).status, { 'content-type': 'text/html' }).end(HTML_PAGE),
  'server-error-invalid-json': (c) => c.res.writeHead(500, JSON_TYPE).end('{"detail": "internal err'),
  'reset-before-response': (c) => resetSocket(c.res.socket),
  'close-before-response': (c) => c.res.socket?.destroy(),
  'reset-during-body': (c) => {
    const socket = c.res.socket;
    c.res.writeHead(bodyStatus(c), { ...JSON_TYPE, 'content-length': '200' });
    c.res.write('{"id": "item_', () => setTimeout(() => resetSocket(socket), 5));
  },
  'truncated-json': (c) => c.res.writeHead(bodyStatus(c), JSON_TYPE).end('{"id": "item_1", "name": "wid'),
  'invalid-json': (c) => c.res.writeHead(bodyStatus(c), JSON_TYPE).end("{id: 'item_1', name: undefined}"),
  'html-as-json': (c) => c.res.writeHead(bodyStatus(c), JSON_TYPE).end(HTML_PAGE),
  'text-instead-of-json': (c) => c.res.writeHead(bodyStatus(c), { 'content-type': 'text/plain' }).end('all good'),
  'empty-success': (c) => c.res.writeHead(bodyStatus(c), { ...JSON_TYPE, 'content-length': '0' }).end(),
  'no-content-with-body': (c) =>
    c.res.socket?.end('HTTP/1.1 204 No Content\r\ncontent-type: application/json\r\ncontent-length: 15\r\n\r\n{"id":"item_1"}'),
  'headers-then-hang': (c) => {
    c.res.writeHead(bodyStatus(c), JSON_TYPE);
    c.res.write('{"id": ');
  },
  'never-answer': () => {},
  'redirect-loop': (c) => c.res.writeHead(307, { location: c.req.url }).end(),
  'redirect-echo': (c) => c.res.writeHead(307, { location: withEchoedKey(c.req) }).end(),
  'redirect-away': (c) => c.res.writeHead(307, { location: `${c.otherOrigin}${withEchoedKey(c.req)}` }).end(),
  'retry-after-past': (c) => sendAnswer(c.res, { status: 429, body: { detail: 'slow down' } }, { 'retry-after': 'Wed, 21 Oct 2015 07:28:00 GMT' }),
  'retry-after-far': (c) => sendAnswer(c.res, { status: 503, body: { detail: 'maintenance' } }, { 'retry-after': '999999999' }),
  'retry-after-garbage': (c) => sendAnswer(c.res, { status: 429, body: { detail: 'slow down' } }, { 'retry-after': 'soon, maybe' }),
  'echo-success': (c) => sendAnswer(c.res, { status: bodyStatus(c), body: echoBody(c.req) }, echoHeaders(c.req)),
  'echo-declared-error': (c) =>
    sendAnswer(c.res, { status: c.answers.declaredError(c.req, c.path).status, body: echoBody(c.req) }, echoHeaders(c.req)),
  'echo-text-error': (c) =>
    c.res.writeHead(500, { 'content-type': 'text/plain', ...echoHeaders(c.req) }).end(echoText(c.req)),
  'garbage-response': (c) => c.res.socket?.end('NOT HTTP AT ALL\r\n\r\n'),
  'bad-gzip': (c) => c.res.writeHead(bodyStatus(c), { ...JSON_TYPE, 'content-encoding': 'gzip' }).end('this is not gzip at all'),
  'redirect-without-location': (c) => c.res.writeHead(302).end(),
  'redirect-to-other-scheme': (c) => c.res.writeHead(307, { location: 'file:///etc/passwd' }).end(),
  'deeply-nested-json': (c) => c.res.writeHead(bodyStatus(c), JSON_TYPE).end(DEEP_JSON),
  'deeply-nested-error': (c) => c.res.writeHead(c.answers.declaredError(c.req, c.path).status, JSON_TYPE).end(DEEP_JSON),
  'json-with-bom': (c) => {
    const answer = c.answers.success(c.req, c.path);
    c.res.writeHead(bodyStatus(c), JSON_TYPE).end(`\uFEFF${JSON.stringify(answer.body ?? {})}`);
  },
  'slow-drip': (c) => {
    c.res.writeHead(bodyStatus(c), JSON_TYPE);
    const drip = setInterval(() => c.res.write(' '), 20).unref();
    c.res.write('[');
    c.res.on('close', () => clearInterval(drip));
  },
  // Never reached: a refused scenario's base URL points at a closed port.
  refused: (c) => c.res.socket?.destroy(),
};
