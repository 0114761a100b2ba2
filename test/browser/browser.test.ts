/** The generated client in headless Chromium: bundled for the browser, calling a cross-origin fake API through real fetch and CORS. */
import { existsSync } from 'node:fs';
import { type Browser, type Page, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPortUrl, type Loopback, sendJson } from '../runtime/loopback-server.js';
import { bundleGeneratedClient, startCorsApi, startPageServer } from './browser-page.js';

type ZenskarModule = typeof import('../../generated/src/index.js');

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const API_KEY = 'zk_browser_S3cret_8812';
const CUSTOMER_ID = '3fa85f64-5717-4562-b3fc-2c963f66afa6';
const SESSION = { session_token: 'tok-b', redirect_url: 'https://portal.example.com/b', is_guest_session: false };
const DETAIL = [{ loc: ['body', 'customer_id'], msg: 'Customer not found', type: 'value_error' }];

const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  console.warn(
    `\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n` +
      `!!! SKIPPED: the browser test of the generated client needs ${CHROMIUM} (apt-get install -y chromium).\n` +
      `!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n`,
  );
}

/** The outcome of one call made inside the page, as plain data. */
interface PageOutcome {
  ok: boolean;
  value?: unknown;
  kind?: string | undefined;
  status?: number | undefined;
  body?: unknown;
  errors?: unknown;
  isApiError?: boolean | undefined;
  printed?: string | undefined;
}

/** Runs createCustomerOrGuestSession inside the page against `baseUrl`; `body` is passed as is, unchecked by TS. */
function callInPage(page: Page, baseUrl: string, body: unknown): Promise<PageOutcome> {
  return page.evaluate(
    async ({ baseUrl, body, apiKey }) => {
      const zenskar = (window as unknown as { zenskar: ZenskarModule }).zenskar;
      const client = zenskar.createClient({ apiKey, organisation: 'org-browser', baseUrl, maxRetries: 0 });
      try {
        const value = await client.createCustomerOrGuestSession({ body } as never);
        return { ok: true, value };
      } catch (error) {
        if (!zenskar.isApiError(error)) return { ok: false, isApiError: false, printed: String(error) };
        const { kind, status, body, errors } = error;
        const printed = `${String(error)} ${String(error.stack)} ${JSON.stringify(error)}`;
        return { ok: false, isApiError: true, kind, status, body, errors, printed };
      }
    },
    { baseUrl, body, apiKey: API_KEY },
  );
}

describe.skipIf(!hasChromium)('the generated client in headless Chromium', () => {
  let pages: Loopback;
  let api: Loopback;
  let browser: Browser;
  let page: Page;
  /** Requests other than CORS preflights. */
  const calls = () => api.hits.filter((h) => h.method !== 'OPTIONS');

  beforeAll(async () => {
    pages = await startPageServer(await bundleGeneratedClient());
    api = await startCorsApi(pages.baseUrl, (req, res) => {
      const sent = JSON.parse(req.body.toString('utf8')) as { customer_id?: string };
      if (sent.customer_id === '00000000-0000-4000-8000-000000000000') sendJson(res, 422, { detail: DETAIL });
      else sendJson(res, 200, SESSION);
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS, headless: true });
    page = await browser.newPage();
    await page.goto(`${pages.baseUrl}/`);
    await page.waitForFunction(() => document.title === 'ready');
  });

  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await pages?.close();
  });

  it('creates a session cross-origin: credentials and JSON body arrive, the typed body comes back', async () => {
    const body = { customer_id: CUSTOMER_ID, return_url: 'https://app.example.com/back' };
    const outcome = await callInPage(page, api.baseUrl, body);
    expect(outcome).toEqual({ ok: true, value: SESSION });
    const [hit] = calls();
    expect(calls()).toHaveLength(1);
    expect(hit?.headers['x-api-key']).toBe(API_KEY);
    expect(hit?.headers['organisation']).toBe('org-browser');
    expect(hit?.headers['content-type']).toBe('application/json');
    expect(hit?.headers['origin']).toBe(pages.baseUrl);
    expect(hit?.body.toString('utf8')).toBe(JSON.stringify(body));
    // The custom credential headers make the browser ask first.
    expect(api.hits.some((h) => h.method === 'OPTIONS')).toBe(true);
  });

  it('refuses an invalid request in the browser before sending it', async () => {
    const before = calls().length;
    const outcome = await callInPage(page, api.baseUrl, { customer_id: 'not-a-uuid' });
    expect(outcome).toMatchObject({ ok: false, isApiError: true, kind: 'request_validation' });
    expect(outcome.errors).toEqual([
      { loc: ['body', 'customer_id'], msg: 'Input should be a valid UUID', type: 'uuid_parsing' },
      { loc: ['body', 'return_url'], msg: 'Field required', type: 'missing' },
    ]);
    expect(calls()).toHaveLength(before);
    expect(outcome.printed).not.toContain(API_KEY);
  });

  it('a 422 arrives as an http ApiError with the parsed detail', async () => {
    const body = { customer_id: '00000000-0000-4000-8000-000000000000', return_url: 'https://x.example' };
    const outcome = await callInPage(page, api.baseUrl, body);
    expect(outcome).toMatchObject({ ok: false, isApiError: true, kind: 'http', status: 422, body: { detail: DETAIL } });
    expect(outcome.printed).not.toContain(API_KEY);
  });

  it('a request the browser refuses to send is request_validation, not network (the same bare TypeError)', async () => {
    const before = calls().length;
    const body = { customer_id: CUSTOMER_ID, return_url: 'https://x.example' };
    const outcome = await callInPage(page, api.baseUrl.replace('http://', 'http://user:pass@'), body);
    expect(outcome).toMatchObject({ ok: false, isApiError: true, kind: 'request_validation' });
    expect(outcome.errors).toEqual([{ loc: [], msg: expect.stringMatching(/^fetch refuses to send it: .*credentials/), type: 'value_error' }]);
    expect(calls()).toHaveLength(before);
  });

  it('an unreachable API is a network ApiError', async () => {
    const body = { customer_id: CUSTOMER_ID, return_url: 'https://x.example' };
    const outcome = await callInPage(page, await closedPortUrl(), body);
    expect(outcome).toMatchObject({ ok: false, isApiError: true, kind: 'network' });
    expect(outcome.printed).not.toContain(API_KEY);
  });
});
