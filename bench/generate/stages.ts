/**
 * `tsx bench/generate/stages.ts <spec>`: CPU time of each stage of one generation, run one after another in this
 * process (no worker), so that on a busy machine the split of the work is still visible: what the main thread does
 * and what the types worker does. Complements `npm run bench:generate` (wall time of the real command).
 */
import { basename } from 'node:path';
import { emitPackage } from '../../src/emit/emit-package.js';
import { renderTypesSource } from '../../src/emit/types-source.js';
import { typesOptions } from '../../src/emit/types.js';
import { buildValidatorEntries } from '../../src/emit/validator-entries.js';
import { emitValidators } from '../../src/emit/validators/index.js';
import { formatFiles } from '../../src/format.js';
import { loadSpec } from '../../src/load/load-spec.js';
import { buildModel } from '../../src/model/build-model.js';
import { surfaceOf } from '../../src/report-changes.js';

const spec = process.argv[2];
if (!spec) throw new Error('usage: stages.ts <spec>');
const rows: Array<[string, number]> = [];
async function stage<T>(name: string, run: () => T | Promise<T>): Promise<T> {
  const before = process.cpuUsage();
  const result = await run();
  const used = process.cpuUsage(before);
  rows.push([name, (used.user + used.system) / 1000]);
  return result;
}
const { spec: loaded } = await stage('load + check + canonicalize', () => loadSpec(spec));
if (!loaded) throw new Error('spec did not load');
const { model } = await stage('model', () => buildModel(loaded));
await stage('surface', () => surfaceOf(loaded, model));
const entries = buildValidatorEntries(model);
await stage('validators (compile + template)', () => emitValidators({ document: loaded.document, dialect: loaded.dialect, entries }));
const types = await stage('types (prepare + openapi-typescript, first run loads it)', () => renderTypesSource(loaded.document, typesOptions(model.readWriteMarkers)));
const emitted = await stage('whole emit again (types warm)', () => emitPackage(loaded, model, { packageVersion: '1.0.0', types: Promise.resolve(types) }));
await stage('format', () => formatFiles(emitted.files));
process.stdout.write(`${basename(spec)}\n${rows.map(([n, ms]) => `${ms.toFixed(0).padStart(7)} ms  ${n}`).join('\n')}\n`);
