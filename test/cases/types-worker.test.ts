/**
 * On large specs openapi-typescript runs in a worker thread (src/emit/types.ts, types-worker.js); the output must be
 * the same as in process, including the document preparation (shielded names, inlined refs, dropped object enums).
 */
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { emitTypes, startTypesWorker } from '../../src/emit/types.js';
import { loadSpec } from '../../src/load/load-spec.js';
import { buildModel } from '../../src/model/build-model.js';

const CASES = ['refs-into-paths', 'object-enum', 'odd-names'];

it.each(CASES)('%s: types.ts from the worker equals types.ts in process', async (name) => {
  const { spec } = await loadSpec(fileURLToPath(new URL(`./${name}/spec.json`, import.meta.url)));
  const { model } = buildModel(spec!);
  const inProcess = await emitTypes(spec!.document, model, 'spec.json');
  const inWorker = await emitTypes(spec!.document, model, 'spec.json', startTypesWorker());
  expect(inWorker.file.content).toBe(inProcess.file.content);
  expect(inWorker.issues).toEqual(inProcess.issues);
  expect(inWorker.file.content).toContain('export interface paths');
}, 60_000);

it('a worker that is never sent a document stops when cancelled (a spec that failed to load)', async () => {
  const worker = startTypesWorker();
  worker.cancel();
  await expect(worker.render({}, {})).rejects.toThrow();
});
