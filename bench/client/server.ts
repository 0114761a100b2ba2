/**
 * The API the speed benchmark calls: an HTTP server on 127.0.0.1 in its own process (forked by `startServer`), so
 * its work runs on its own event loop and CPU time, not on the client's. It answers `POST /customers/session`
 * with a fixed session, after checking that the request carries the credentials and a JSON body; anything else
 * gets a 400, which every contender treats as a failure.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

/** What the server sends for every session request (the 200 body the spec declares). */
export const SESSION_RESPONSE = {
  session_token: 'tok_4f9a1c2e',
  redirect_url: 'https://portal.example.com/session/4f9a1c2e',
  is_guest_session: false,
};
export const SESSION_RESPONSE_TEXT = JSON.stringify(SESSION_RESPONSE);

export interface BenchServer {
  baseUrl: string;
  close(): Promise<void>;
}

/** Forks this file as a server process and resolves once it listens. */
export async function startServer(): Promise<BenchServer> {
  const child = fork(fileURLToPath(import.meta.url), ['--serve'], { execArgv: ['--import', import.meta.resolve('tsx')], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`the benchmark server exited (code ${code}) before listening`)));
  });
  return { baseUrl: `http://127.0.0.1:${port}`, close: () => stop(child) };
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill();
  });
}

function serve(): void {
  const body = Buffer.from(SESSION_RESPONSE_TEXT);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const sent = Buffer.concat(chunks).toString('utf8');
      const ok =
        req.method === 'POST' &&
        req.url === '/customers/session' &&
        req.headers['x-api-key'] !== undefined &&
        req.headers['organisation'] !== undefined &&
        sent.includes('"return_url"');
      if (!ok) res.writeHead(400, { 'content-type': 'text/plain' }).end('unexpected request');
      else res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length }).end(body);
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => process.send?.({ port: (server.address() as AddressInfo).port }));
  // the parent's exit closes the IPC channel: do not outlive it
  process.on('disconnect', () => process.exit(0));
}

if (process.argv.includes('--serve')) serve();
