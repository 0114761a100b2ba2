/**
 * A/B instruction counts: callgrind instructions per call of "ours" for each generated module given (`.mjs` files,
 * e.g. hand-edited variants of `buildOurs()`'s output), one callgrind run per module, ajv and typia not counted.
 *
 * `tsx bench/validators/ab-instructions.ts a.mjs b.mjs` (or `--current` for the module the generator emits now)
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildOurs, buildTypia, CACHE } from './build-artifacts.js';
import { measureInstructions } from './instructions.js';
import { CASE_KEYS } from './inputs.js';

async function main(): Promise<void> {
  const files = process.argv.slice(2).map((f) => (f === '--current' ? buildOurs() : f));
  const typia = buildTypia();
  const columns: Array<Map<string, number>> = [];
  for (const ours of files) {
    // inside node_modules (the child bundle require()s ajv), one fresh folder per run: parallel runs never collide
    mkdirSync(CACHE, { recursive: true });
    const cache = mkdtempSync(join(CACHE, 'ab-'));
    columns.push(await measureInstructions(cache, { ours, typia }, ['ours']));
    rmSync(cache, { recursive: true, force: true });
  }
  console.log(['case', ...files.map((_, i) => `#${i}`)].join('\t'));
  for (const key of CASE_KEYS) console.log([key, ...columns.map((c) => String(Math.round(c.get(`ours ${key}`) ?? NaN)))].join('\t'));
  files.forEach((f, i) => console.log(`#${i} ${f}`));
}

await main();
