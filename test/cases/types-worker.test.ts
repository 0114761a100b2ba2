/**
 * On large specs openapi-typescript runs in a worker thread (src/emit/types-worker.ts): the package must be the same
 * as when everything runs in process, including the document preparation for openapi-typescript (shielded names,
 * inlined refs, dropped object enums) and every warning.
 */
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { garbageCollector } from '../../src/collect-garbage.js';
import { emitPackage } from '../../src/emit/emit-package.js';
import { renderTypesSource } from '../../src/emit/types-source.js';
import { startTypesWorker } from '../../src/emit/types-worker.js';
import { typesOptions } from '../../src/emit/types.js';
import { partsOf } from '../../src/generated-file.js';
import { loadSpec } from '../../src/load/load-spec.js';
import { buildModel } from '../../src/model/build-model.js';
import { clientMethodNames, surfaceOf } from '../../src/report-changes.js';
import { formatSurfaceJson } from '../../src/surface/index.js';

const CASES = ['refs-into-paths', 'object-enum', 'odd-names', 'read-write-only'];

it.each(CASES)('%s: the package emitted with the types worker equals the one emitted in process', async (name) => {
  const { spec } = await loadSpec(fileURLToPath(new URL(`./${name}/spec.json`, import.meta.url)));
  const { model } = buildModel(spec!);
  const inProcess = await emitPackage(spec!, model, { packageVersion: '1.0.0' });
  const worker = startTypesWorker();
  try {
    // the options come after the document, as from the main thread once its model is built
    const options = new Promise<ReturnType<typeof typesOptions>>((resolve) => setTimeout(() => resolve(typesOptions(model.readWriteMarkers)), 50));
    const types = worker.render(spec!.document, options);
    const inWorker = await emitPackage(spec!, model, { packageVersion: '1.0.0', types });
    expect(inWorker.files).toEqual(inProcess.files);
    expect(inWorker.issues).toEqual(inProcess.issues);
    expect(inWorker.files.find((f) => f.path === 'src/types.ts')!.content).toContain('export interface paths');
    // after the types, the worker makes the API surface snapshot: the same text as in process
    expect(await worker.surface(clientMethodNames(model))).toBe(formatSurfaceJson(surfaceOf(spec!, model)));
  } finally {
    worker.stop();
  }
}, 60_000);

it('a failure inside the worker is reported with its cause', async () => {
  const worker = startTypesWorker();
  try {
    // openapi-typescript throws on a oneOf branch that is not a schema
    const document = { openapi: '3.1.0', components: { schemas: { A: { oneOf: ['x'] } } } };
    await expect(worker.render(document, { silent: true })).rejects.toThrow(/types worker: .*Expected SchemaObject/s);
  } finally {
    worker.stop();
  }
}, 60_000);

it('a worker stopped before it answers fails what was pending (and one never used just stops)', async () => {
  startTypesWorker().stop();
  const worker = startTypesWorker();
  const pending = worker.render({ openapi: '3.1.0', info: { title: 't', version: '1' }, paths: {} }, { silent: true });
  const surface = worker.surface([]);
  worker.stop();
  await expect(pending).rejects.toThrow(/exited/);
  await expect(surface).rejects.toThrow(/exited/);
}, 60_000);

it("keeps no answer once it is handed over: the types' text is the caller's to let go of", async () => {
  const collect = garbageCollector();
  const { spec } = await loadSpec(fileURLToPath(new URL('./odd-names/spec.json', import.meta.url)));
  const { model } = buildModel(spec!);
  const worker = startTypesWorker();
  try {
    const answers = await (async () => {
      const types = await worker.render(spec!.document, typesOptions(model.readWriteMarkers));
      const surface = await worker.surface(clientMethodNames(model));
      expect(surface).toContain('"operations"');
      return { types: new WeakRef(types) };
    })();
    // a WeakRef's target lives at least until the job that made it ends
    await new Promise((resolve) => setImmediate(resolve));
    collect();
    expect(answers.types.deref()).toBeUndefined();
  } finally {
    worker.stop();
  }
}, 60_000);

it('on large specs emitting collects garbage before and after finishing validators.ts and, if the types have not come, while it waits', async () => {
  const { spec } = await loadSpec(fileURLToPath(new URL('./odd-names/spec.json', import.meta.url)));
  const { model } = buildModel(spec!);
  const types = renderTypesSource(spec!.document, typesOptions(model.readWriteMarkers));
  // what happens, in order: a collection ('gc') or a file finished (its path)
  const events = async (typesPromise: Promise<typeof types> | undefined): Promise<string[]> => {
    const seen: string[] = [];
    await emitPackage(spec!, model, {
      packageVersion: '1.0.0',
      collectGarbage: () => seen.push('gc'),
      finish: (file) => {
        seen.push(file.path);
        // validators.ts comes in pieces (head, functions, tail) for the re-indent, never as one string
        if (file.path === 'src/validators.ts') expect(partsOf(file).length).toBeGreaterThanOrEqual(3);
        return file;
      },
      ...(typesPromise ? { types: typesPromise } : {}),
    });
    return seen;
  };
  const came = await events(Promise.resolve(types));
  expect(came.slice(0, 4)).toEqual(['gc', 'src/validators.ts', 'gc', 'src/client.ts']);
  expect(came.filter((e) => e === 'gc')).toHaveLength(2);
  const late = await events(new Promise((resolve) => setTimeout(() => resolve(types), 200)));
  expect(late.filter((e) => e === 'gc')).toHaveLength(3);
  expect(late.slice(-2)).toEqual(['gc', 'src/types.ts']);
  // in process (small specs) there is nothing to wait for, and its heap is small
  expect((await events(undefined)).filter((e) => e === 'gc')).toHaveLength(0);
}, 60_000);
