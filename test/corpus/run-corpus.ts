/**
 * `npm run corpus`: generates every spec of the committed sample (plus GitHub and Stripe) in memory, typechecks
 * each output under the strict options of generated/, and prints the pass rate with failures grouped by cause,
 * beside openapi-typescript's (types only) rate on the same specs.
 *
 * Flags: `--limit N` (first N of the sample), `--only id,id`, `--no-baseline`, `--no-named` (skip GitHub/Stripe),
 * `--json FILE` (write outcomes).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import openapiTS, { astToString } from 'openapi-typescript';
import type { GeneratedFile } from '../../src/generated-file.js';
import { generate } from '../../src/run.js';
import { formatReport, normaliseMessage, typecheckCause, type SpecOutcome } from './classify.js';
import { ensureCorpus, specPath } from './corpus-cache.js';
import { createLibCache, typecheckPackages, type LibCache, type PackageToCheck } from './typecheck.js';

const SAMPLE_FILE = fileURLToPath(new URL('./sample.json', import.meta.url));

/** A spec to run: its id and file. */
export interface CorpusSpec {
  id: string;
  file: string;
}

/** Generates one spec with our generator (no overlays); files to typecheck, or why there are none. */
export async function generateForCheck(spec: CorpusSpec): Promise<{ files: GeneratedFile[] } | { cause: string; detail: string }> {
  try {
    const result = await generate({ spec: spec.file, packageVersion: '1.0.0', overlays: false });
    if (result.files) return { files: result.files.filter((f) => f.path.endsWith('.ts') || f.path === 'package.json') };
    const error = result.issues.find((i) => i.severity === 'error')!;
    return { cause: `generate: issue \`${error.code}\``, detail: `${error.pointer}: ${error.message}` };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { cause: `generate threw: ${normaliseMessage(message)}`, detail: (err as Error).stack?.split('\n').slice(0, 4).join(' | ') ?? message };
  }
}

/** openapi-typescript's output with its default options, as a one-file package. */
export async function generateBaseline(spec: CorpusSpec): Promise<{ files: GeneratedFile[] } | { cause: string; detail: string }> {
  try {
    const doc = JSON.parse(readFileSync(spec.file, 'utf8')) as Parameters<typeof openapiTS>[0];
    const content = astToString(await openapiTS(doc, { silent: true }));
    return { files: [{ path: 'package.json', content: '{ "type": "module" }' }, { path: 'types.ts', content }] };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { cause: `openapi-typescript threw: ${normaliseMessage(message)}`, detail: message.slice(0, 300) };
  }
}

type Producer = (spec: CorpusSpec) => Promise<{ files: GeneratedFile[] } | { cause: string; detail: string }>;

/** Runs `produce` over the specs, typechecking in batches of about `batchBytes` of source. */
export async function runOutcomes(
  specs: readonly CorpusSpec[],
  produce: Producer,
  options: { batchBytes?: number; libCache?: LibCache; onSpec?: (o: SpecOutcome) => void } = {},
): Promise<SpecOutcome[]> {
  const libCache = options.libCache ?? createLibCache();
  const outcomes: SpecOutcome[] = [];
  let batch: PackageToCheck[] = [];
  let bytes = 0;
  const flush = (): void => {
    const results = typecheckPackages(batch, libCache);
    for (const pkg of batch) {
      const diagnostics = results.get(pkg.id)!;
      const outcome: SpecOutcome =
        diagnostics.length === 0 ? { id: pkg.id, status: 'pass' } : { id: pkg.id, status: 'fail', ...typecheckCause(diagnostics) };
      outcomes.push(outcome);
      options.onSpec?.(outcome);
    }
    batch = [];
    bytes = 0;
  };
  for (const spec of specs) {
    const produced = await produce(spec);
    if (!('files' in produced)) {
      const outcome: SpecOutcome = { id: spec.id, status: 'fail', ...produced };
      outcomes.push(outcome);
      options.onSpec?.(outcome);
      continue;
    }
    batch.push({ id: spec.id, files: produced.files });
    bytes += produced.files.reduce((n, f) => n + f.content.length, 0);
    if (bytes > (options.batchBytes ?? 20_000_000)) flush();
  }
  if (batch.length > 0) flush();
  return outcomes.sort((a, b) => (a.id < b.id ? -1 : 1));
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      limit: { type: 'string' }, only: { type: 'string' }, 'no-baseline': { type: 'boolean' },
      'no-named': { type: 'boolean' }, json: { type: 'string' }, quiet: { type: 'boolean' },
    },
  });
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  const paths = ensureCorpus(log);
  const sample = (JSON.parse(readFileSync(SAMPLE_FILE, 'utf8')) as { specs: string[] }).specs;
  let ids = values.only ? values.only.split(',') : sample;
  if (values.limit) ids = ids.slice(0, Number(values.limit));
  const specs = ids.map((id) => ({ id, file: specPath(paths, id) }));
  const libCache = createLibCache();
  const onSpec = values.quiet ? undefined : (o: SpecOutcome) => log(`${o.status === 'pass' ? 'ok  ' : 'FAIL'} ${o.id}${o.status === 'fail' ? `  ${o.cause}` : ''}`);
  const started = performance.now();
  const ours = await runOutcomes(specs, generateForCheck, { libCache, ...(onSpec ? { onSpec } : {}) });
  const report = [formatReport(`zenskar-codegen (types + client + validators) on ${specs.length} sampled specs`, ours)];
  log(`sample done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  let baseline: SpecOutcome[] = [];
  if (!values['no-baseline']) {
    baseline = await runOutcomes(specs, generateBaseline, { libCache });
    report.push(formatReport('openapi-typescript (types only, default options) on the same specs', baseline));
  }
  let named: SpecOutcome[] = [];
  if (!values['no-named'] && !values.only) {
    const big = [{ id: 'api.github.com (@octokit/openapi)', file: paths.github }, { id: 'stripe.com', file: paths.stripe }];
    named = await runOutcomes(big, generateForCheck, { libCache, batchBytes: 1, ...(onSpec ? { onSpec } : {}) });
    report.push(formatReport('GitHub and Stripe', named));
  }
  process.stdout.write(`\n${report.join('\n\n')}\n`);
  if (values.json) writeFileSync(values.json, `${JSON.stringify({ ours, baseline, named }, null, 2)}\n`);
  const failed = [...ours, ...named].filter((o) => o.status === 'fail').length;
  process.exitCode = failed > 0 && ours.filter((o) => o.status === 'pass').length / ours.length < 0.99 ? 1 : 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((err: unknown) => {
    process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    process.exitCode = 70;
  });
}
