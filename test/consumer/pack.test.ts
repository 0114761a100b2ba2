/** The consumer's path: npm pack generated/, install the tarball in a fresh project, typecheck a usage file strictly, run it. */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Loopback, sendJson, startLoopback } from '../runtime/loopback-server.js';
import { REPO_TSC, copyPackage, installTarball, packPackage, runProgram, type PackResult } from './npm-steps.js';

const GENERATED = join(import.meta.dirname, '..', '..', 'generated');
const USAGE = join(import.meta.dirname, 'fixtures', 'usage.ts');
const API_KEY = 'zk_consumer_S3cret_5521';
const SESSION = { session_token: 'tok-1', redirect_url: 'https://portal.example.com/x', is_guest_session: false };
const DETAIL = [{ loc: ['body', 'session_key'], msg: 'Session key already used', type: 'value_error' }];

/** The options the package promises to compile under, here applied to its consumer. */
const STRICT_TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    lib: ['ES2022', 'DOM'],
    types: [],
    strict: true,
    exactOptionalPropertyTypes: true,
    noUncheckedIndexedAccess: true,
    verbatimModuleSyntax: true,
    noEmitOnError: true,
    outDir: 'out',
  },
  files: ['usage.ts', 'config.ts'],
};

let work: string;
let api: Loopback;
let packed: PackResult;
let app: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'zenskar-consumer-'));
  api = await startLoopback();
  api.handle((req, res) => {
    const sent = JSON.parse(req.body.toString('utf8')) as { session_key?: string; is_guest_session?: boolean };
    if (sent.session_key === 'reject-me') sendJson(res, 422, { detail: DETAIL });
    else sendJson(res, 200, { ...SESSION, is_guest_session: sent.is_guest_session === true });
  });
  const cache = join(work, 'npm-cache');
  await copyPackage(GENERATED, join(work, 'package'));
  await mkdir(join(work, 'tarballs'));
  packed = await packPackage(join(work, 'package'), join(work, 'tarballs'), cache);
  app = join(work, 'app');
  await mkdir(app);
  await writeFile(join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  await installTarball(app, packed.tarball, cache);
}, 180_000);

afterAll(async () => {
  await api?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('the packed zenskar-client', () => {
  it('contains the built JS and declarations for every module', () => {
    const dist = packed.files.filter((f) => f.startsWith('dist/'));
    const sources = packed.files.filter((f) => /^src\/.*\.ts$/.test(f)).map((f) => f.slice('src/'.length, -3));
    expect(sources).toContain('index');
    for (const name of sources) {
      expect(dist).toContain(`dist/${name}.js`);
      expect(dist).toContain(`dist/${name}.d.ts`);
    }
    expect(packed.files).toContain('package.json');
    // the consumer's documentation travels with the package
    expect(packed.files).toContain('README.md');
    expect(packed.files.some((f) => f.startsWith('node_modules/'))).toBe(false);
  });

  it('declares no dependencies of any kind, and its exports point at files that exist', async () => {
    const installed = join(app, 'node_modules', 'zenskar-client');
    const manifest = JSON.parse(await readFile(join(installed, 'package.json'), 'utf8')) as Record<string, unknown>;
    for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies', 'bundleDependencies'])
      expect(manifest[field], field).toBeUndefined();
    expect(manifest['type']).toBe('module');
    expect(manifest['sideEffects']).toBe(false);
    const root = (manifest['exports'] as Record<string, Record<string, string>>)['.'];
    expect(root?.['types']).toBe('./dist/index.d.ts');
    expect(root?.['import']).toBe('./dist/index.js');
    const entry = (await import(join(installed, 'dist', 'index.js'))) as Record<string, unknown>;
    expect(typeof entry['createClient']).toBe('function');
    expect(typeof entry['validateCreateSessionRequestSchema']).toBe('function');
    const lock = JSON.parse(await readFile(join(app, 'package-lock.json'), 'utf8')) as { packages: object };
    expect(Object.keys(lock.packages).sort()).toEqual(['', 'node_modules/zenskar-client']);
  });

  it('a strict TypeScript consumer typechecks against it and runs against the API', async () => {
    await writeFile(join(app, 'usage.ts'), await readFile(USAGE, 'utf8'));
    await writeFile(
      join(app, 'config.ts'),
      `export const baseUrl = ${JSON.stringify(api.baseUrl)};\nexport const apiKey = ${JSON.stringify(API_KEY)};\n`,
    );
    await writeFile(join(app, 'tsconfig.json'), JSON.stringify(STRICT_TSCONFIG, null, 2));
    await runProgram(process.execPath, [REPO_TSC, '-p', 'tsconfig.json'], app);

    const stdout = await runProgram(process.execPath, [join('out', 'usage.js')], app);
    const steps = Object.fromEntries(
      stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { step: string; data: unknown })
        .map(({ step, data }) => [step, data]),
    );
    expect(steps['session']).toEqual(SESSION);
    expect(steps['guest']).toBe(true);
    expect(steps['invalid']).toEqual({
      kind: 'request_validation',
      errors: [{ loc: ['body', 'customer_id'], msg: 'Input should be a valid UUID', type: 'uuid_parsing' }],
    });
    expect((steps['422'] as { detail: unknown }).detail).toEqual(DETAIL);
    expect(steps['validator']).toEqual({
      ok: false,
      errors: [
        { loc: ['idle_timeout'], msg: 'Input should be a valid integer', type: 'int_type' },
        { loc: ['return_url'], msg: 'Field required', type: 'missing' },
        {
          loc: [],
          msg: 'Give customer_id for a customer session, or is_guest_session=true for a guest session',
          type: 'session_exclusivity',
        },
      ],
    });
    expect(stdout).not.toContain(API_KEY);
    // The invalid request never left the program: only the session, guest and 422 calls arrived.
    expect(api.hits).toHaveLength(3);
    expect(api.hits.map((h) => h.headers['x-api-key'])).toEqual([API_KEY, API_KEY, API_KEY]);
    expect(api.hits.map((h) => h.headers['organisation'])).toEqual(['org-consumer', 'org-consumer', 'org-consumer']);
  });
});
