/**
 * What `createClient` (and `createCore`, where a package exports it) refuses at once: a credential no request could
 * carry (missing, not a string, empty, control characters; in a header or cookie also beyond Latin-1 or surrounding
 * whitespace) with a TypeError naming the option, and invalid retry, redirect and timeout settings with a RangeError
 * naming the setting. Neither message may show a credential. Every other credential, however short or word-like, is
 * accepted.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { credentialValue, REFUSED_CREDENTIALS, VOCABULARY } from './credentials.js';
import { faultSpecPackage, loadFaultSpecPackage, type PackageUnderTest, ZENSKAR } from './packages-under-test.js';

let faultSpec: PackageUnderTest;
beforeAll(async () => {
  faultSpec = faultSpecPackage(await loadFaultSpecPackage());
});

const SECRET = 'sk_live_UniqueSecretForOptions_7Hq2';

/** Every factory the package exports that takes client options. */
function factories(pkg: PackageUnderTest): Array<[string, (options: Record<string, unknown>) => unknown]> {
  const out: Array<[string, (options: Record<string, unknown>) => unknown]> = [['createClient', (o) => pkg.api.createClient(o)]];
  const { createCore } = pkg.api;
  if (typeof createCore === 'function') out.push(['createCore', (o) => createCore(o)]);
  return out;
}

function credentialsOf(pkg: PackageUnderTest, value: (option: string) => unknown = () => SECRET): Record<string, unknown> {
  return Object.fromEntries(pkg.credentials.map((c) => [c.option, value(c.option)]));
}

function thrownBy(create: () => unknown): unknown {
  try {
    create();
  } catch (error) {
    return error;
  }
  return undefined;
}

const SETTINGS: ReadonlyArray<{ setting: string; options: Record<string, unknown> }> = [
  { setting: 'timeoutMs', options: { timeoutMs: Number.NaN } },
  { setting: 'timeoutMs', options: { timeoutMs: -1 } },
  { setting: 'maxRetries', options: { maxRetries: -1 } },
  { setting: 'baseDelayMs', options: { retry: { baseDelayMs: -5 } } },
  { setting: 'maxDelayMs', options: { retry: { maxDelayMs: Number.NaN } } },
  { setting: 'jitter', options: { retry: { jitter: 'sometimes' } } },
  { setting: 'maxRetryAfterMs', options: { retry: { maxRetryAfterMs: -1 } } },
  { setting: 'redirect', options: { redirect: 'sideways' } },
  { setting: 'maxRedirects', options: { maxRedirects: -1 } },
  { setting: 'maxRedirects', options: { maxRedirects: Number.NaN } },
];

describe.each([
  ['zenskar-client', () => ZENSKAR],
  ['the fault-matrix spec package', () => faultSpec],
])('%s', (_label, pkg) => {
  it.each(REFUSED_CREDENTIALS.map((c) => [c.label, c.value, c.headerOnly === true] as const))('refuses a credential that is %s with a TypeError naming the option', (_what, value, headerOnly) => {
    for (const [factory, create] of factories(pkg())) {
      for (const { option, in: where } of pkg().credentials) {
        if (headerOnly && where === 'query') continue;
        const error = thrownBy(() => create({ ...credentialsOf(pkg()), [option]: value, baseUrl: 'http://127.0.0.1:1' }));
        expect(error, `${factory} with ${option} = ${JSON.stringify(value)}`).toBeInstanceOf(TypeError);
        const message = (error as Error).message;
        expect(message, `${factory}: the message names ${option}`).toMatch(new RegExp(`\\b${option}\\b`));
        expect(message, `${factory}: the message shows another credential`).not.toContain(SECRET);
        if (typeof value === 'string' && value.trim().length >= 8) expect(message, `${factory}: the message shows the refused value`).not.toContain(value.trim());
      }
    }
  });

  it('accepts every word of the vocabulary as a credential', () => {
    for (const [factory, create] of factories(pkg())) {
      for (const word of VOCABULARY) expect(thrownBy(() => create(credentialsOf(pkg(), () => word))), `${factory} with ${JSON.stringify(word)}`).toBeUndefined();
    }
  });

  it('accepts any credential the fault matrix draws', () => {
    const credentials = fc.tuple(...pkg().credentials.map(() => credentialValue));
    fc.assert(
      fc.property(credentials, (values) => {
        for (const [, create] of factories(pkg())) create(credentialsOf(pkg(), (option) => values[pkg().credentials.findIndex((c) => c.option === option)]!.value));
      }),
      { numRuns: 200 },
    );
  });

  it.each(SETTINGS.map((s) => [s.setting, JSON.stringify(s.options, (_k, v: unknown) => (Number.isNaN(v) ? 'NaN' : v)), s.options] as const))(
    'refuses an invalid %s (%s) with a RangeError naming it and no credential',
    (setting, _shown, options) => {
      for (const [factory, create] of factories(pkg())) {
        const error = thrownBy(() => create({ ...credentialsOf(pkg()), baseUrl: 'http://127.0.0.1:1', ...options }));
        expect(error, factory).toBeInstanceOf(RangeError);
        expect((error as Error).message, factory).toContain(setting);
        expect((error as Error).message, factory).not.toContain(SECRET);
      }
    },
  );
});
