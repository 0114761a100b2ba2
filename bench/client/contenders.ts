/**
 * The clients whose calls are timed, each making the same request — `POST /customers/session` with the two
 * credential headers and a JSON body, then reading the JSON answer — through a given `fetch`:
 * raw `fetch` by hand (also with the AbortSignal a deadline would need), openapi-fetch (typed by the Zenskar spec's openapi-typescript types), and the compiled
 * generated package with validation on, off, and (when the package has it) as `createCore` + standalone function.
 */
import createOpenapiFetch from 'openapi-fetch';
import type { paths } from '../../generated/src/types.js';

export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export interface Contender {
  key: string;
  /** one call; resolves with the session, rejects on any failure */
  call: () => Promise<unknown>;
}

/** The parts of the compiled package's `dist/index.js` the contenders use (the standalone pair may be absent). */
export interface ZenskarModule {
  createClient(options: Record<string, unknown>): { createCustomerSession(args: { body: unknown }): Promise<unknown> };
  createCore?: (options: Record<string, unknown>) => unknown;
  createCustomerSession?: (core: unknown, args: { body: unknown }) => Promise<unknown>;
}

export const API_KEY = 'zk_live_bench_1f3c5a7e9b';
export const ORGANISATION = 'org_bench_2d4f6a8c';
export const SESSION_BODY = { customer_id: '6f1c1b0e-2a39-4a5e-9a55-2f3f1d1e4b7a', return_url: 'https://example.com/done' };

/** The contenders, in table order; raw fetch first (every ratio is to it). */
export function makeContenders(zenskar: ZenskarModule, baseUrl: string, fetchImpl: FetchLike): Contender[] {
  const credentials = { apiKey: API_KEY, organisation: ORGANISATION, baseUrl, fetch: fetchImpl };
  const ours = zenskar.createClient(credentials);
  const oursOff = zenskar.createClient({ ...credentials, validateRequests: false, validateResponses: false });
  const openapiFetch = createOpenapiFetch<paths>({
    baseUrl,
    fetch: fetchImpl as (input: Request) => Promise<Response>,
    headers: { 'x-api-key': API_KEY, organisation: ORGANISATION },
  });
  const url = `${baseUrl}/customers/session`;
  const contenders: Contender[] = [
    {
      key: 'raw fetch',
      call: async () => {
        const res = await fetchImpl(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-api-key': API_KEY, organisation: ORGANISATION },
          body: JSON.stringify(SESSION_BODY),
        });
        if (!res.ok) throw new Error(`raw fetch: HTTP ${res.status}`);
        return res.json();
      },
    },
    {
      // What a client pays when it hands fetch an AbortSignal for its deadline on every call (and clears the timer).
      key: 'raw fetch + AbortSignal (60 s deadline)',
      call: async () => {
        const controller = new AbortController();
        const timer = setTimeout(() => controller.abort(), 60_000);
        try {
          const res = await fetchImpl(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-api-key': API_KEY, organisation: ORGANISATION },
            body: JSON.stringify(SESSION_BODY),
            signal: controller.signal,
          });
          if (!res.ok) throw new Error(`raw fetch: HTTP ${res.status}`);
          return await res.json();
        } finally {
          clearTimeout(timer);
        }
      },
    },
    {
      key: 'openapi-fetch',
      call: async () => {
        const { data, error } = await openapiFetch.POST('/customers/session', { body: SESSION_BODY });
        if (error !== undefined) throw new Error(`openapi-fetch: ${JSON.stringify(error)}`);
        return data;
      },
    },
    { key: 'ours, validation on', call: () => ours.createCustomerSession({ body: SESSION_BODY }) },
    { key: 'ours, validation off', call: () => oursOff.createCustomerSession({ body: SESSION_BODY }) },
  ];
  const { createCore, createCustomerSession } = zenskar;
  if (typeof createCore === 'function' && typeof createCustomerSession === 'function') {
    const core = createCore(credentials);
    contenders.push({ key: 'ours, createCore + standalone, validation on', call: () => createCustomerSession(core, { body: SESSION_BODY }) });
  }
  return contenders;
}
