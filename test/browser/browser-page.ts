/** Serving the generated client to a real browser: an esbuild bundle of generated/src, a page that exposes it, a CORS-enabled fake API. */
import { join } from 'node:path';
import type { ServerResponse } from 'node:http';
import { build } from 'esbuild';
import { type Loopback, type ReceivedRequest, startLoopback } from '../runtime/loopback-server.js';

const ENTRY = join(import.meta.dirname, '..', '..', 'generated', 'src', 'index.ts');

/** The page's script: the package as one browser ES module; platform 'browser' fails the build on any Node built-in. */
export async function bundleGeneratedClient(): Promise<string> {
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error('esbuild produced no output');
  return output.text;
}

/** The page: loads the bundle and hangs it on `window.zenskar`, then marks itself ready. */
const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>zenskar-client</title></head>
<body><script type="module">
import * as zenskar from './zenskar-client.js';
window.zenskar = zenskar;
document.title = 'ready';
</script></body></html>`;

/** Serves the page and the bundle on their own origin (so every API call is cross-origin). */
export async function startPageServer(bundle: string): Promise<Loopback> {
  const server = await startLoopback();
  server.handle((req, res) => {
    if (req.url === '/') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
    else if (req.url === '/zenskar-client.js')
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(bundle);
    else res.writeHead(404).end();
  });
  return server;
}

/** What the fake API answers to a (non-preflight) request. */
export type ApiAnswer = (req: ReceivedRequest, res: ServerResponse) => void;

/** Starts the fake API with CORS for `pageOrigin`: preflights are answered here, everything else by `answer`. */
export async function startCorsApi(pageOrigin: string, answer: ApiAnswer): Promise<Loopback> {
  const api = await startLoopback();
  const cors = {
    'access-control-allow-origin': pageOrigin,
    'access-control-allow-methods': 'POST',
    'access-control-allow-headers': 'content-type, accept, x-api-key, organisation',
    vary: 'origin',
  };
  api.handle((req, res) => {
    for (const [name, value] of Object.entries(cors)) res.setHeader(name, value);
    if (req.method === 'OPTIONS') res.writeHead(204).end();
    else answer(req, res);
  });
  return api;
}
