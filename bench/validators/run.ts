/**
 * Runtime-validator benchmark (issue 5 §5, §6): our generated validators vs ajv (compiled, allErrors), typia (AOT),
 * zod 4 and valibot on the session request, session response and a 422 body with 20 items — valid, one error, many
 * errors — plus the min+gzip size each adds to an esbuild bundle. Run: `npm run bench:validators`.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bench, do_not_optimize, group, run } from 'mitata';
import { ajvChecks, libraryChecks, type Check } from './competitors.js';
import { buildAjvStandalone, buildOurs, buildTypia, SPEC } from './build-artifacts.js';
import { CASES, KINDS, SCHEMA_NAMES, type SchemaName } from './inputs.js';
import { bundleSize, sizeEntries } from './sizes.js';

type Result = { ok?: boolean; success?: boolean };
const LIBS = ['ours', 'ajv', 'typia', 'zod', 'valibot'] as const;

async function loadChecks(): Promise<Record<SchemaName, Record<(typeof LIBS)[number], Check>>> {
  const oursFile = buildOurs();
  const ours = (await import(pathToFileURL(oursFile).href)) as Record<string, (i: unknown) => Result>;
  const typia = (await import(pathToFileURL(buildTypia()).href)) as Record<string, (i: unknown) => Result>;
  const ajv = ajvChecks(SPEC, SCHEMA_NAMES);
  const typiaFor: Record<SchemaName, string> = { CreateSessionRequestSchema: 'validateRequest', CustomerSessionResponseSchema: 'validateResponse', HTTPValidationError: 'validate422' };
  const out = {} as Record<SchemaName, Record<(typeof LIBS)[number], Check>>;
  for (const name of SCHEMA_NAMES) {
    // resolve every function before the closures, so a call measures the validator and nothing else
    const oursFn = ours[`validate${name}`]!;
    const typiaFn = typia[typiaFor[name]]!;
    out[name] = {
      ours: (i) => oursFn(i).ok === true,
      ajv: ajv[name]!,
      typia: (i) => typiaFn(i).success === true,
      ...libraryChecks(name),
    };
  }
  return out;
}

/** Every library must agree with the expected verdict before its speed means anything. */
function checkVerdicts(checks: Awaited<ReturnType<typeof loadChecks>>): void {
  for (const name of SCHEMA_NAMES) {
    for (const kind of KINDS) {
      for (const lib of LIBS) {
        if (checks[name][lib](CASES[name][kind]) !== (kind === 'valid')) throw new Error(`${lib} gets ${name}/${kind} wrong`);
      }
    }
  }
}

async function main(): Promise<void> {
  const checks = await loadChecks();
  checkVerdicts(checks);
  for (const name of SCHEMA_NAMES) {
    for (const kind of KINDS) {
      group(`${name} / ${kind}`, () => {
        for (const lib of LIBS) {
          const check = checks[name][lib];
          const input = CASES[name][kind];
          bench(`${lib} ${name}/${kind}`, () => do_not_optimize(check(input)));
        }
      });
    }
  }
  const { benchmarks } = await run({ format: 'quiet' });
  const avg = new Map(benchmarks.map((b) => [b.alias, b.runs[0]?.stats?.avg ?? NaN]));
  printSpeed(avg);
  await printSizes();
}

function printSpeed(avg: Map<string, number>): void {
  const rows = [`${'case'.padEnd(44)}${LIBS.map((l) => l.padStart(20)).join('')}`];
  for (const name of SCHEMA_NAMES) {
    for (const kind of KINDS) {
      const base = avg.get(`ajv ${name}/${kind}`)!;
      const cells = LIBS.map((lib) => {
        const ns = avg.get(`${lib} ${name}/${kind}`)!;
        return `${fmtOps(1e9 / ns)} ${(base / ns).toFixed(2)}x`.padStart(20);
      });
      rows.push(`${`${name}/${kind}`.padEnd(44)}${cells.join('')}`);
    }
  }
  console.log('\nops/s and speed relative to ajv (higher is faster)\n' + rows.join('\n'));
}

function fmtOps(ops: number): string {
  return ops >= 1e6 ? `${(ops / 1e6).toFixed(2)}M` : `${(ops / 1e3).toFixed(1)}k`;
}

async function printSizes(): Promise<void> {
  const paths = {
    ours: fileURLToPath(new URL('../../node_modules/.cache/zenskar-bench/ours/validators.mjs', import.meta.url)),
    ajv: buildAjvStandalone(SCHEMA_NAMES),
    typia: fileURLToPath(new URL('../../node_modules/.cache/zenskar-bench/typia/session-typia.ts', import.meta.url)),
    zod: fileURLToPath(new URL('./zod-schemas.ts', import.meta.url)),
    valibot: fileURLToPath(new URL('./valibot-schemas.ts', import.meta.url)),
  };
  const dir = fileURLToPath(new URL('.', import.meta.url));
  console.log('\nbundle size (esbuild --minify, gzip -9)');
  for (const [label, entry] of sizeEntries(paths)) {
    const { min, gzip } = await bundleSize(entry, dir);
    console.log(`${label.padEnd(44)} ${String(min).padStart(7)} B min ${(gzip / 1024).toFixed(2).padStart(6)} kB gzip`);
  }
}

await main();
