/**
 * `npm run contract -- --spec <file> [--json out.json] [--static | --dynamic] [--seed n]`: calls every operation of
 * the spec through its generated client against Prism and prints each disagreement, then `N passed, M failed, K
 * skipped`. Exit 1 on any disagreement or crash, 2 on a usage error.
 */
import { writeFile } from 'node:fs/promises';
import yargs from 'yargs';
import { stopPrismsOnExit, type PrismMode } from './prism.js';
import { agreementLine, closingLine, describeCall, jsonReport, skipSummary } from './report.js';
import { runContract } from './run-contract.js';
import { DEFAULT_SEED } from './seed.js';


async function main(): Promise<number> {
  const args = await yargs(process.argv.slice(2))
    .scriptName('npm run contract --')
    .strictOptions()
    .option('spec', { type: 'string', demandOption: true, describe: 'OpenAPI document (JSON or YAML)' })
    .option('json', { type: 'string', describe: 'Write the per-operation results to this file' })
    .option('static', { type: 'boolean', describe: "Only Prism's static answers (the spec's examples)" })
    .option('dynamic', { type: 'boolean', describe: "Only Prism's dynamic answers (generated, seeded)" })
    .option('seed', { type: 'number', default: DEFAULT_SEED, describe: 'Seed of the argument sampler and of Prism --dynamic' })
    .option('start-timeout', { type: 'number', default: 60_000, describe: 'Milliseconds Prism may take to start' })
    .option('verbose', { type: 'boolean', default: false, describe: 'A line per operation while running' })
    .conflicts('static', 'dynamic')
    .help()
    .version(false)
    .parseAsync();
  stopPrismsOnExit();
  const modes: PrismMode[] = args.static ? ['static'] : args.dynamic ? ['dynamic'] : ['static', 'dynamic'];
  const report = await runContract({
    spec: args.spec,
    modes,
    seed: args.seed,
    startTimeoutMs: args['start-timeout'],
    ...(args.verbose ? { log: (line: string) => console.error(line) } : {}),
  });
  if (report.failure) console.log(`${report.failure.kind === 'prism' ? 'PRISM' : 'CRASH'}: ${report.failure.message}`);
  for (const call of report.calls) if (call.verdict === 'disagree' || call.verdict === 'crash') console.log(describeCall(call).join('\n'));
  for (const line of skipSummary(report.calls)) console.log(line);
  if (args.json) await writeFile(args.json, `${JSON.stringify(jsonReport([report], report.totals), null, 2)}\n`);
  console.log(agreementLine(report.totals));
  const generatorFailed = report.failure?.kind === 'generator' || report.failure?.kind === 'harness';
  const totals = generatorFailed ? { ...report.totals, failed: report.totals.failed + 1 } : report.totals;
  console.log(closingLine(totals));
  return totals.failed > 0 || report.failure ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
