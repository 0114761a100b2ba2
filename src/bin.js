#!/usr/bin/env node
// The `zenskar-codegen` command. It runs the generator from its build (src/launch/): compiled by esbuild into a few
// chunks at `npm install`, rebuilt first by any start that finds src/ or a dependency changed, loaded with V8's code
// cache. To run the TypeScript sources directly instead (debugging): `npx tsx src/cli.ts generate ...`. `npm run
// generate` starts it with `--v8-pool-size=0 --max-semi-space-size=4` (README: How the command runs); a shebang
// cannot pass those portably.
import { writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, timingLog } from './launch/launcher.js';

const started = performance.timeOrigin + performance.now();
let launcher;
try {
  launcher = await launch(dirname(dirname(fileURLToPath(import.meta.url))));
  timingLog()?.records.push({ kind: 'stage', name: 'build check', thread: 'main', startMs: started, wallMs: performance.timeOrigin + performance.now() - started });
  process.exitCode = await launcher.load('main').main(process.argv.slice(2));
} catch (err) {
  process.stderr.write(`internal error (a bug in zenskar-codegen, please report it):\n${err?.stack ?? String(err)}\n`);
  process.exitCode = 70;
} finally {
  launcher?.saveCodeCaches();
  // for `npm run bench:generate`: where this run's time went (src/timings.ts)
  if (process.env.ZENSKAR_CODEGEN_TIMINGS && timingLog()) {
    writeFileSync(process.env.ZENSKAR_CODEGEN_TIMINGS, JSON.stringify({ timeOrigin: performance.timeOrigin, records: timingLog().records }));
  }
}
