/**
 * One timed generation in a fresh process, so every run pays start-up and has its own peak memory:
 * `child.ts ours|openapi-typescript <spec>` prints `{ ms, maxRssKiB }` as JSON on stdout.
 */
import { readFileSync } from 'node:fs';
import openapiTS, { astToString } from 'openapi-typescript';
import { generate } from '../../src/run.js';

const [mode, spec] = process.argv.slice(2);
const started = performance.now();
if (mode === 'ours') {
  const result = await generate({ spec: spec!, packageVersion: '1.0.0', overlays: false });
  if (!result.files) throw new Error(`generation failed: ${result.issues.find((i) => i.severity === 'error')?.message}`);
} else {
  // what `openapi-typescript spec.json -o types.ts` does: parse, transform, print
  astToString(await openapiTS(JSON.parse(readFileSync(spec!, 'utf8')) as Parameters<typeof openapiTS>[0], { silent: true }));
}
process.stdout.write(`${JSON.stringify({ ms: performance.now() - started, maxRssKiB: process.resourceUsage().maxRSS })}\n`);
