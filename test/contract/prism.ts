/**
 * Stoplight Prism as a child process: a mock server that validates each request against the spec and answers from
 * it. It listens on a free port of 127.0.0.1, is waited for with a bounded timeout, and is stopped by its process id
 * whatever happens (also when the harness process exits or is interrupted).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';

/** How a Prism instance answers: from the spec's examples (`static`) or generated from the schemas (`dynamic`). */
export type PrismMode = 'static' | 'dynamic';

export interface PrismOptions {
  spec: string;
  mode: PrismMode;
  /** seed of Prism's json-schema-faker in dynamic mode, so its answers are reproducible */
  seed: string;
  /** how long Prism may take to start listening before the run fails */
  startTimeoutMs: number;
}

export interface PrismServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  pid: number;
  /** the last part of Prism's output (for error messages) */
  output(): string;
  /** true once the process has exited, whether stopped or crashed */
  exited(): boolean;
  stop(): Promise<void>;
}

const PRISM_CLI = createRequire(import.meta.url).resolve('@stoplight/prism-cli/dist/index.js');
const OUTPUT_KEPT = 16_384;
const STOP_GRACE_MS = 3_000;

/** Every Prism still running, by pid: killed when the harness process exits, however it exits. */
const running = new Map<number, ChildProcess>();

/** Kills every Prism this process started (synchronous: safe in an `exit` handler). */
export function killAllPrisms(): void {
  for (const [pid, child] of running) {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
  running.clear();
}

/**
 * For command-line entry points: kill the Prisms on exit, and on SIGINT/SIGTERM kill them and exit with the usual
 * status (a test runner installs its own handlers, so tests stop their servers themselves).
 */
export function stopPrismsOnExit(): void {
  process.once('exit', killAllPrisms);
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
    process.once(signal, () => {
      killAllPrisms();
      process.exit(code);
    });
  }
}

/** Starts Prism on a free loopback port and resolves once it answers; rejects (with its output) if it does not. */
export async function startPrism(options: PrismOptions): Promise<PrismServer> {
  // a port found free can be taken before Prism binds it: try a few
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await startOnce(options, await freePort());
    } catch (error) {
      lastError = error;
      if (!(error instanceof PortInUseError)) throw error;
    }
  }
  throw lastError;
}

class PortInUseError extends Error {}

async function startOnce(options: PrismOptions, port: number): Promise<PrismServer> {
  const args = [PRISM_CLI, 'mock', options.spec, '--host', '127.0.0.1', '--port', String(port), '--verboseLevel', 'error'];
  if (options.mode === 'dynamic') args.push('--dynamic', '--seed', options.seed);
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0' } });
  if (child.pid === undefined) throw new Error(`could not start Prism (${process.execPath} ${PRISM_CLI})`);
  const pid = child.pid;
  running.set(pid, child);
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_KEPT);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exitedPromise = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let hasExited = false;
  void exitedPromise.then(() => {
    hasExited = true;
    running.delete(pid);
  });
  const url = `http://127.0.0.1:${port}`;
  const server: PrismServer = {
    url,
    pid,
    output: () => output,
    exited: () => hasExited,
    stop: async () => {
      if (hasExited) return;
      signal(pid, 'SIGTERM');
      const timer = setTimeout(() => signal(pid, 'SIGKILL'), STOP_GRACE_MS);
      await exitedPromise;
      clearTimeout(timer);
    },
  };
  try {
    await waitUntilAnswering(url, options.startTimeoutMs, () => hasExited);
    return server;
  } catch (error) {
    await server.stop();
    const tail = output.trim().split('\n').slice(-15).join('\n');
    if (/EADDRINUSE/.test(output)) throw new PortInUseError(`port ${port} was taken before Prism could bind it`);
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(`Prism (${options.mode}, pid ${pid}) for ${options.spec} did not start: ${why}${tail ? `\nPrism's output:\n${tail}` : ''}`);
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}

/**
 * Polls until the server answers as Prism does (its own problem+json for a path the spec does not have), so that a
 * stranger that took the port is never mistaken for it. Fails when the process exits or the time is up.
 */
async function waitUntilAnswering(url: string, timeoutMs: number, exited: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited()) throw new Error('the process exited before it listened');
    try {
      const response = await fetch(`${url}/__contract_probe__/${Date.now()}`, { signal: AbortSignal.timeout(2_000) });
      const text = await response.text();
      if (text.includes('stoplight.io/prism/errors#')) return;
      if (!exited()) throw new Error(`something else answers on ${url} (status ${response.status})`);
    } catch (error) {
      if (error instanceof Error && error.message.startsWith('something else')) throw error;
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`no answer on ${url} within ${timeoutMs} ms`);
}

/** A port that was free on 127.0.0.1 a moment ago. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
