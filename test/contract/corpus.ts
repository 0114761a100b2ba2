/**
 * `npm run contract:corpus [-- --all | --only <id,...>] [--json out.json] [--static | --dynamic] [--jobs n]`: the
 * contract check, static and dynamic, over the 60-spec slice of the committed 200-spec corpus sample that
 * test/contract/corpus-slice.json lists (chosen for their parameter styles and media types by make-slice.ts), or
 * over all 200 with `--all`. Prints a line per spec, every disagreement, and the totals; exit 1 on any
 * disagreement or crash. Triage: test/contract/RESULTS.md.
 */
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import yargs from 'yargs';
import { ensureCorpus, specPath } from '../corpus/corpus-cache.js';
import { DEFAULT_SEED } from './seed.js';
import { stopPrismsOnExit, type PrismMode } from './prism.js';
import { addTotals, agreementLine, closingLine, describeCall, jsonReport, skipSummary } from './report.js';
import { runContract, type ContractReport } from './run-contract.js';

const SAMPLE = new URL('../corpus/sample.json', import.meta.url);
const SLICE = new URL('./corpus-slice.json', import.meta.url);

async function main(): Promise<number> {
  const args = await yargs(process.argv.slice(2))
    .scriptName('npm run contract:corpus --')
    .strictOptions()
    .option('all', { type: 'boolean', describe: 'All 200 specs of the sample instead of the slice' })
    .option('only', { type: 'string', describe: 'Comma-separated spec ids of the sample to run' })
    .option('json', { type: 'string', describe: 'Write the per-operation results of every spec to this file' })
    .option('static', { type: 'boolean', describe: "Only Prism's static answers" })
    .option('dynamic', { type: 'boolean', describe: "Only Prism's dynamic answers" })
    .option('seed', { type: 'number', default: DEFAULT_SEED })
    .option('jobs', { type: 'number', default: 1, describe: 'Specs checked at once' })
    .conflicts('static', 'dynamic')
    .conflicts('all', 'only')
    .help()
    .version(false)
    .parseAsync();
  stopPrismsOnExit();
  const paths = ensureCorpus((line) => console.error(line));
  const sample = (JSON.parse(readFileSync(SAMPLE, 'utf8')) as { specs: string[] }).specs;
  const slice = (JSON.parse(readFileSync(SLICE, 'utf8')) as { specs: Array<{ id: string }> }).specs.map((s) => s.id);
  const only = args.only?.split(',').map((s) => s.trim());
  const ids = only ? sample.filter((id) => only.includes(id)) : args.all ? sample : slice;
  const modes: PrismMode[] = args.static ? ['static'] : args.dynamic ? ['dynamic'] : ['static', 'dynamic'];
  const reports: ContractReport[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < ids.length) {
      const id = ids[next++]!;
      const started = Date.now();
      const report = await runContract({ spec: specPath(paths, id), modes, seed: args.seed, startTimeoutMs: 180_000 });
      reports.push({ ...report, spec: id });
      const t = report.totals;
      const status = report.failure ? report.failure.kind.toUpperCase() : t.failed > 0 ? 'FAIL' : 'ok';
      console.log(
        `${status.padEnd(9)} ${id}: ${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped; operations ${t.operationsAgreed}/${t.operationsCalled} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
      );
      if (report.failure) console.log(`    ${report.failure.message.split('\n').slice(0, 6).join('\n    ')}`);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, args.jobs) }, worker));
  reports.sort((a, b) => (a.spec < b.spec ? -1 : 1));
  console.log('');
  for (const report of reports) {
    for (const call of report.calls) {
      if (call.verdict === 'disagree' || call.verdict === 'crash') console.log(`${report.spec}: ${describeCall(call).join('\n')}`);
    }
  }
  const totals = addTotals(reports.map((r) => r.totals));
  const generatorFailures = reports.filter((r) => r.failure && r.failure.kind !== 'prism');
  const prismFailures = reports.filter((r) => r.failure?.kind === 'prism');
  for (const line of skipSummary(reports.flatMap((r) => r.calls))) console.log(line);
  if (args.json) await writeFile(args.json, `${JSON.stringify(jsonReport(reports, totals), null, 2)}\n`);
  console.log(`specs: ${reports.length}; generator failures: ${generatorFailures.length}; Prism could not serve: ${prismFailures.length}`);
  console.log(agreementLine(totals));
  const withCrashes = { ...totals, failed: totals.failed + generatorFailures.length };
  console.log(closingLine(withCrashes));
  return withCrashes.failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
