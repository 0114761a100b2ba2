/**
 * `tsx test/corpus/compare-render-types.ts`: renders every spec of the corpus sample (and GitHub, Stripe) with
 * openapi-typescript's `openapiTS()` and with src/emit/render-types.ts (the transform without redocly's pass) and
 * counts where the two differ. Backs the claim in RESULTS.md that skipping redocly changes no output.
 */
import { readFileSync } from 'node:fs';
import openapiTS, { astToString } from 'openapi-typescript';
import { renderTypes } from '../../src/emit/render-types.js';
import { typesOptions } from '../../src/emit/types.js';
import { loadSpec } from '../../src/load/load-spec.js';
import { ensureCorpus, specPath } from './corpus-cache.js';

const paths = ensureCorpus((line) => process.stderr.write(`${line}\n`));
const sample = JSON.parse(readFileSync(new URL('./sample.json', import.meta.url), 'utf8')) as { specs: string[] };
const files = [...sample.specs.map((id) => [id, specPath(paths, id)] as const), ['GitHub', paths.github] as const, ['Stripe', paths.stripe] as const];
// the options the generator uses (src/emit/types.ts)
const options = typesOptions(false);
let same = 0;
let bothFail = 0;
const differ: string[] = [];
for (const [id, file] of files) {
  const { spec } = await loadSpec(file);
  if (!spec) {
    bothFail++;
    continue;
  }
  const run = async (f: () => Promise<string>): Promise<string> => f().catch((err: Error) => `THROWS ${err.message}`);
  const expected = await run(async () => astToString(await openapiTS(structuredClone(spec.document) as unknown as Parameters<typeof openapiTS>[0], options)));
  const actual = await run(async () => renderTypes(structuredClone(spec.document) as Record<string, unknown>, options));
  if (expected === actual) {
    if (expected.startsWith('THROWS')) bothFail++;
    else same++;
  } else differ.push(`${id}: ${expected.startsWith('THROWS') ? expected.slice(0, 160) : 'output differs'}`);
}
process.stdout.write(`${files.length} specs: ${same} identical, ${bothFail} fail alike (not loadable or openapi-typescript throws in both), ${differ.length} differ\n${differ.join('\n')}\n`);
