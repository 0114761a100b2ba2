/**
 * A credential option of the generated `createClient` is named after its security scheme; the names the client's
 * own options use are reserved (src/model/security.ts CLIENT_OPTION_NAMES), or a scheme called `redirect` would
 * shadow the redirect policy. This holds the list equal to what the template really declares, so adding an option to
 * `ClientOptions` without reserving its name fails here.
 */
import { Project } from 'ts-morph';
import { expect, it } from 'vitest';
import { emitPackage } from '../../src/emit/emit-package.js';
import { buildModel } from '../../src/model/build-model.js';
import { CLIENT_OPTION_NAMES } from '../../src/model/security.js';
import type { LoadedSpec } from '../../src/load/load-spec.js';

it('every option of ClientOptions (a spec without security) is a reserved name', async () => {
  const document = { openapi: '3.1.0', info: { title: 'T', version: '1.0.0' }, paths: {} };
  const spec = { file: 'spec.json', document, dialect: 'openapi-3.1' } as unknown as LoadedSpec;
  const { model } = buildModel(spec);
  const { files } = await emitPackage(spec, model, { packageVersion: '1.0.0' });
  const source = new Project({ useInMemoryFileSystem: true }).createSourceFile('client.ts', files.find((f) => f.path === 'src/client.ts')!.content);
  const declared = source.getInterfaceOrThrow('ClientOptions').getProperties().map((p) => p.getName());
  expect(declared.length).toBeGreaterThan(5);
  expect(declared.filter((name) => !CLIENT_OPTION_NAMES.includes(name))).toEqual([]);
});

it('a security scheme named like a client option gets another credential name', async () => {
  const document = {
    openapi: '3.1.0',
    info: { title: 'T', version: '1.0.0' },
    paths: {},
    security: [{ redirect: [] }, { retry: [] }],
    components: { securitySchemes: { redirect: { type: 'apiKey', in: 'header', name: 'x-redirect' }, retry: { type: 'apiKey', in: 'header', name: 'x-retry' } } },
  };
  const spec = { file: 'spec.json', document, dialect: 'openapi-3.1' } as unknown as LoadedSpec;
  const { model } = buildModel(spec);
  const { files } = await emitPackage(spec, model, { packageVersion: '1.0.0' });
  const source = new Project({ useInMemoryFileSystem: true }).createSourceFile('client.ts', files.find((f) => f.path === 'src/client.ts')!.content);
  const names = source.getInterfaceOrThrow('ClientOptions').getProperties().map((p) => p.getName());
  expect(new Set(names).size).toBe(names.length);
  expect(names).toEqual(expect.arrayContaining(['redirect', 'retry']));
  expect(names.length).toBeGreaterThan(CLIENT_OPTION_NAMES.filter((n) => names.includes(n)).length + 1);
});

it('a schema named like a type the package index exports from its runtime gets another type name', async () => {
  const base = { openapi: '3.1.0', info: { title: 'T', version: '1.0.0' }, paths: {} };
  const plain = { file: 'spec.json', document: base, dialect: 'openapi-3.1' } as unknown as LoadedSpec;
  const { files } = await emitPackage(plain, buildModel(plain).model, { packageVersion: '1.0.0' });
  const index = new Project({ useInMemoryFileSystem: true }).createSourceFile('index.ts', files.find((f) => f.path === 'src/index.ts')!.content);
  // the names index.ts exports from the runtime modules (not from types.js, client.js, validators.js)
  const runtimeNames = index
    .getExportDeclarations()
    .filter((d) => !['./types.js', './client.js', './validators.js'].includes(d.getModuleSpecifierValue() ?? ''))
    .flatMap((d) => d.getNamedExports().map((e) => e.getName()));
  expect(runtimeNames).toEqual(expect.arrayContaining(['ApiError', 'RetryOptions', 'RedirectPolicy', 'TransportHooks']));
  const schemas = Object.fromEntries(runtimeNames.map((name) => [name, { type: 'string' }]));
  const spec = { file: 'spec.json', document: { ...base, components: { schemas } }, dialect: 'openapi-3.1' } as unknown as LoadedSpec;
  const typeNames = buildModel(spec).model.schemas.map((s) => s.typeName);
  expect(typeNames.filter((name) => runtimeNames.includes(name))).toEqual([]);
});
