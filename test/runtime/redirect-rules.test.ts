/** planRedirect on its own: the policy, method/body and credential rules hold for any input (properties). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HttpMethod } from '../../src/runtime/operation-spec.js';
import { createRedactor } from '../../src/runtime/redact.js';
import { checkSettings } from '../../src/runtime/settings.js';
import {
  isRedirect,
  planRedirect,
  type RedirectInput,
  type RedirectPolicy,
} from '../../src/runtime/redirects.js';

const SECRET = 'k3y-s3cret-value';
const ORIGIN = 'https://api.example.com';
const METHODS: HttpMethod[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE'];
const SENSITIVE = ['x-api-key', 'authorization', 'proxy-authorization', 'cookie', 'x-echo'];

/** Locations same-origin, cross-origin (other host, port, scheme), relative and protocol-relative. */
const location = fc.constantFrom(
  '/v2/next',
  'next?q=1',
  `${ORIGIN}/abs`,
  'https://api.example.com:443/default-port',
  'http://api.example.com/downgrade',
  'https://api.example.com:8443/other-port',
  'https://evil.example/steal',
  '//evil.example/protocol-relative',
  `https://evil.example/?k=${SECRET}`,
  'ftp://api.example.com/x',
);

const input = fc.record({
  status: fc.constantFrom(301, 302, 303, 307, 308),
  method: fc.constantFrom(...METHODS),
  location,
  policy: fc.constantFrom<RedirectPolicy>('follow-same-origin', 'follow', 'error'),
  followed: fc.integer({ min: 0, max: 6 }),
  maxRedirects: fc.integer({ min: 0, max: 6 }),
  hasBody: fc.boolean(),
  isStream: fc.boolean(),
});

/** One drawn case. */
interface Drawn {
  status: number;
  method: HttpMethod;
  location: string;
  policy: RedirectPolicy;
  followed: number;
  maxRedirects: number;
  hasBody: boolean;
  isStream: boolean;
}

function build(i: Drawn): RedirectInput {
  const headers: Record<string, string> = {
    'x-api-key': SECRET,
    authorization: 'Bearer user',
    'proxy-authorization': 'Basic p',
    cookie: 'sid=1',
    'x-echo': `token ${SECRET}`,
    'content-type': 'application/json',
    accept: 'application/json',
  };
  return {
    current: { url: `${ORIGIN}/customers/session`, method: i.method, headers, body: i.hasBody ? '{"a":1}' : undefined },
    status: i.status,
    location: i.location,
    policy: i.policy,
    followed: i.followed,
    maxRedirects: i.maxRedirects,
    origin: ORIGIN,
    credentialHeaders: ['x-api-key'],
    redact: createRedactor([SECRET]),
    isStream: i.isStream && i.hasBody,
  };
}

describe('planRedirect', () => {
  it('follows only what the policy and limit allow, and never carries a credential to another origin', () => {
    fc.assert(
      fc.property(input, (i) => {
        const decision = planRedirect(build(i));
        if (!decision.follow) return;
        const target = new URL(decision.next.url);
        expect(i.policy).not.toBe('error');
        expect(i.followed).toBeLessThan(i.maxRedirects);
        expect(['http:', 'https:']).toContain(target.protocol);
        expect(decision.crossOrigin).toBe(target.origin !== ORIGIN);
        if (i.policy === 'follow-same-origin') expect(target.origin).toBe(ORIGIN);
        if (decision.crossOrigin) {
          for (const name of SENSITIVE) expect(name in decision.next.headers, name).toBe(false);
          expect(decision.next.url).not.toContain(SECRET);
        } else {
          expect(decision.next.headers['x-api-key']).toBe(SECRET);
        }
        expect(decision.next.headers['accept']).toBe('application/json');
      }),
      { numRuns: 2000 },
    );
  });

  it('applies the method and body rules of fetch: 303 → GET, 301/302 POST → GET, 307/308 unchanged', () => {
    fc.assert(
      fc.property(input, (i) => {
        const decision = planRedirect(build({ ...i, policy: 'follow', followed: 0, maxRedirects: 1, isStream: false }));
        if (!decision.follow) return;
        const toGet =
          (i.status === 303 && i.method !== 'GET' && i.method !== 'HEAD') ||
          ([301, 302].includes(i.status) && i.method === 'POST');
        expect(decision.next.method).toBe(toGet ? 'GET' : i.method);
        expect(decision.next.body).toBe(toGet || !i.hasBody ? undefined : '{"a":1}');
        expect('content-type' in decision.next.headers).toBe(!toGet);
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses to resend a stream body, but may drop it (303)', () => {
    const base = build({
      status: 307,
      method: 'PUT',
      location: '/x',
      policy: 'follow',
      followed: 0,
      maxRedirects: 5,
      hasBody: true,
      isStream: true,
    });
    expect(planRedirect(base)).toMatchObject({ follow: false, reason: expect.stringContaining('stream') });
    expect(planRedirect({ ...base, status: 303 })).toMatchObject({
      follow: true,
      next: { method: 'GET', body: undefined },
    });
  });

  it('explains each refusal', () => {
    const base = build({
      status: 302,
      method: 'GET',
      location: '/x',
      policy: 'follow-same-origin',
      followed: 0,
      maxRedirects: 5,
      hasBody: false,
      isStream: false,
    });
    const reasons = [
      planRedirect({ ...base, location: 'https://evil.example/' }),
      planRedirect({ ...base, policy: 'error' }),
      planRedirect({ ...base, followed: 5 }),
      planRedirect({ ...base, location: 'javascript:alert(1)' }),
      planRedirect({ ...base, location: 'http://[' }),
    ].map((d) => (d.follow ? 'followed' : d.reason));
    expect(reasons).toEqual([
      "it leads to another origin (redirect: 'follow-same-origin')",
      "redirect: 'error'",
      'more than 5 redirects (maxRedirects)',
      'it goes to a javascript: URL',
      'its Location is not a URL',
    ]);
  });
});

describe('redirect settings', () => {
  it('isRedirect: 301/302/303/307/308 only', () => {
    const statuses = [300, 301, 302, 303, 304, 305, 306, 307, 308, 200];
    expect(statuses.filter((s) => isRedirect(s))).toEqual([301, 302, 303, 307, 308]);
  });

  it('a bad maxRedirects is refused, never taken as "no limit"', () => {
    for (const n of [-1, 1.5, Number.NaN, Infinity]) expect(checkSettings({ maxRedirects: n })).toHaveLength(1);
    expect(checkSettings({ redirect: 'follow', maxRedirects: 0 })).toEqual([]);
    expect(checkSettings({ redirect: 'manual', maxRedirects: Infinity })).toHaveLength(2);
  });
});
