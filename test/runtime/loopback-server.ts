/** A real HTTP server on 127.0.0.1 that plays the API in runtime tests, recording every request it receives. */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export type Handler = (req: ReceivedRequest, res: ServerResponse) => void;

export interface Loopback {
  baseUrl: string;
  /** every request received, in order */
  hits: ReceivedRequest[];
  /** replaces the handler for the following requests */
  handle(handler: Handler): void;
  close(): Promise<void>;
}

/** Starts a server on an ephemeral loopback port. */
export async function startLoopback(): Promise<Loopback> {
  const hits: ReceivedRequest[] = [];
  let current: Handler = (_req, res) => res.writeHead(404).end();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const received = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      hits.push(received);
      current(received, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    hits,
    handle: (handler) => {
      current = handler;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A loopback URL on which nothing listens: a port we bound, then released. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

/** Sends a JSON response. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

/** Parses a received multipart or urlencoded body with the platform's own parser. */
export function readFormData(req: ReceivedRequest): Promise<FormData> {
  const contentType = String(req.headers['content-type'] ?? '');
  return new Request('http://parse.invalid/', {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: new Uint8Array(req.body),
  }).formData();
}
