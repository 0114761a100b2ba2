import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { formatIssue } from './issue.js';
import { run, type RunOptions } from './run.js';

export const DEFAULT_SPEC = 'spec/openapi-20240301.json';
export const DEFAULT_OUT = 'generated';

/** Parses argv into run options (pure: no I/O besides yargs' own help/usage output). */
export async function parseArgs(argv: string[]): Promise<RunOptions> {
  const args = await yargs(argv)
    .scriptName('zenskar-codegen')
    .command('generate', 'Generate the client package from an OpenAPI 3.0/3.1 document')
    .demandCommand(1, 'Give a command: generate')
    .strictCommands()
    .strictOptions()
    .option('spec', { type: 'string', default: DEFAULT_SPEC, describe: 'OpenAPI document (JSON or YAML)' })
    .option('out', { type: 'string', default: DEFAULT_OUT, describe: 'Output folder of the generated package' })
    .option('check', {
      type: 'boolean',
      default: false,
      describe: 'Do not write; exit 1 with a unified diff when the output folder is stale',
    })
    .example('$0 generate', `Generate ${DEFAULT_OUT}/ from ${DEFAULT_SPEC}`)
    .example('$0 generate --spec other.yaml --out other-client', 'Generate another package')
    .example('$0 generate --check', 'Fail when generated/ is not what the generator produces')
    .help()
    .version(false)
    .exitProcess(false)
    .fail((msg, err) => {
      throw err ?? new UsageError(msg);
    })
    .parseAsync();
  return { spec: args.spec, out: args.out, check: args.check };
}

class UsageError extends Error {}

/** Runs the CLI; the only place that decides exit codes. 0: done; 1: spec errors or drift; 2: usage error. */
export async function main(argv: string[]): Promise<number> {
  let options: RunOptions;
  try {
    options = await parseArgs(argv);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\nRun with --help for usage.\n`);
    return 2;
  }
  if (argv.includes('--help') || argv.includes('-h')) return 0;
  const result = await run(options);
  for (const issue of result.issues) process.stderr.write(`${formatIssue(issue)}\n`);
  const errors = result.issues.filter((i) => i.severity === 'error').length;
  if (errors > 0) {
    process.stderr.write(`\n${errors} error${errors === 1 ? '' : 's'}; nothing was written.\n`);
    return 1;
  }
  if (options.check) {
    for (const d of result.drift) process.stdout.write(d.diff);
    process.stderr.write(
      result.ok ? `${options.out}/ is up to date.\n` : `${options.out}/ is stale: ${result.drift.length} file(s) differ. Run \`npm run generate\`.\n`,
    );
    return result.ok ? 0 : 1;
  }
  process.stderr.write(
    result.wrote ? `Wrote ${options.out}/ (${result.drift.length} file(s) changed).\n` : `${options.out}/ is already up to date.\n`,
  );
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('/src/cli.ts')) {
  main(hideBin(process.argv)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`internal error (a bug in zenskar-codegen, please report it):\n${(err as Error).stack ?? String(err)}\n`);
      process.exitCode = 70;
    },
  );
}
