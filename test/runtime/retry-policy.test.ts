/** The retry policy on its own: defaults, and backoff bounds for any settings (properties). */
import fc from 'fast-check';
import { checkSettings } from '../../src/runtime/settings.js';
import { describe, expect, it } from 'vitest';
import {
  backoffDelay,
  isRetryableNetworkError,
  isRetryableStatus,
  resolveRetryPolicy,
  retryDelay,
  type RetryJitter,
} from '../../src/runtime/retry-policy.js';

const settings = fc.record({
  baseDelayMs: fc.integer({ min: 0, max: 10_000 }),
  maxDelayMs: fc.integer({ min: 0, max: 100_000 }),
  jitter: fc.constantFrom<RetryJitter>('equal', 'full', 'none'),
});

describe('backoffDelay', () => {
  it('stays within [low, step] for the jitter, where step = min(max, base × 2^(n−1))', () => {
    fc.assert(
      fc.property(settings, fc.integer({ min: 1, max: 60 }), fc.double({ min: 0, max: 1, noNaN: true }), (s, n, r) => {
        const policy = resolveRetryPolicy(s);
        const step = Math.min(s.maxDelayMs, s.baseDelayMs * 2 ** (n - 1));
        const delay = backoffDelay(n, policy, () => r);
        const low = { none: step, equal: step / 2, full: 0 }[s.jitter];
        expect(delay).toBeGreaterThanOrEqual(Math.floor(low));
        expect(delay).toBeLessThanOrEqual(Math.ceil(step));
        expect(delay).toBeLessThanOrEqual(Math.max(s.maxDelayMs, 0));
      }),
    );
  });

  it('never decreases from one retry to the next without jitter', () => {
    fc.assert(
      fc.property(settings, fc.integer({ min: 1, max: 40 }), (s, n) => {
        const policy = resolveRetryPolicy({ ...s, jitter: 'none' });
        expect(backoffDelay(n + 1, policy, Math.random)).toBeGreaterThanOrEqual(backoffDelay(n, policy, Math.random));
      }),
    );
  });
});

describe('retryDelay', () => {
  const now = Date.UTC(2024, 0, 1);
  it('honours Retry-After up to maxRetryAfterMs, else backs off', () => {
    const policy = resolveRetryPolicy({ maxRetryAfterMs: 5_000, baseDelayMs: 7, jitter: 'none' });
    expect(retryDelay(1, policy, '2', now, Math.random)).toBe(2_000);
    expect(retryDelay(1, policy, '60', now, Math.random)).toBe(5_000);
    expect(retryDelay(1, policy, null, now, Math.random)).toBe(7);
    expect(retryDelay(1, policy, 'garbage', now, Math.random)).toBe(7);
    expect(
      retryDelay(1, resolveRetryPolicy({ retryAfter: false, baseDelayMs: 7, jitter: 'none' }), '2', now, Math.random),
    ).toBe(7);
  });
});

describe('resolveRetryPolicy', () => {
  it('has the documented defaults', () => {
    const policy = resolveRetryPolicy(undefined);
    expect(policy).toMatchObject({
      maxRetries: 2,
      baseDelayMs: 250,
      maxDelayMs: 8_000,
      jitter: 'equal',
      retryAfter: true,
      maxRetryAfterMs: 60_000,
    });
    expect([...policy.methods]).toEqual(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE']);
    expect([...policy.statuses]).toEqual([408, 429, 500, 502, 503, 504]);
    expect([...policy.nonIdempotentStatuses]).toEqual([429, 503]);
  });

  it('network errors: any for retried methods, only a refused connection for the others', () => {
    const policy = resolveRetryPolicy(undefined);
    expect(isRetryableNetworkError(policy, 'GET', 'ECONNRESET')).toBe(true);
    expect(isRetryableNetworkError(policy, 'POST', 'ECONNRESET')).toBe(false);
    expect(isRetryableNetworkError(policy, 'POST', 'ECONNREFUSED')).toBe(true);
    expect(isRetryableNetworkError(resolveRetryPolicy({ methods: ['POST'] }), 'POST', undefined)).toBe(true);
    expect(isRetryableStatus(resolveRetryPolicy({ methods: [] }), 'GET', 500)).toBe(false);
  });

  it('checkSettings names every bad retry value (a core refuses them at creation, a call before sending)', () => {
    const bad = { maxRetries: -1, baseDelayMs: Number.NaN, maxDelayMs: -5, jitter: 'x' as never };
    expect(checkSettings({ retry: bad }).map(([path]) => path.join('.'))).toEqual([
      'retry.maxRetries',
      'retry.baseDelayMs',
      'retry.maxDelayMs',
      'retry.jitter',
    ]);
    expect(checkSettings({ retry: 'often', maxRetries: 'twice' }).map(([path]) => path.join('.'))).toEqual([
      'retry',
      'maxRetries',
    ]);
    expect(resolveRetryPolicy({ maxRetries: 2.7 }).maxRetries).toBe(2);
    expect(checkSettings({ retry: { maxRetries: 3, statuses: [503], methods: ['GET', 'POST'] }, maxRetries: 1 })).toEqual([]);
  });
});
