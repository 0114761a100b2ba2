import yargs from 'yargs';
import { writeFile } from 'node:fs/promises';
import { formatIssue } from './issue.js';
import { unifiedDiff } from './output.js';
import type { OverlaySelection } from './overlays/select-overlays.js';
import { run, type RunOptions, type RunResult } from './run.js';
import { renderMarkdown, renderText } from './surface/index.js';
import { stage } from './timings.js';

export type FailOn = 'any' | 'breaking' | 'none';

export interface CliOptions extends RunOptions {
  /** Markdown change report file */
  report: string | undefined;
  /** JSON change report file */
  reportJson: string | undefined;
  /** which changes make the exit code 1: `any` drift (default with --check), `breaking` API changes only, or `none` */
  failOn: FailOn;
}

export const DEFAULT_SPEC = 'spec/openapi-20240301.json';
export const DEFAULT_OUT = 'generated';

/** Parses argv into options (pure: no I/O besides yargs' own help/usage output). */
export async function parseArgs(argv: string[]): Promise<CliOptions> {
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
    .option('report', { type: 'string', describe: 'Also write the API change report as Markdown (for a pull request) to this file' })
    .option('report-json', { type: 'string', describe: 'Also write the API change report as JSON to this file' })
    .option('fail-on', {
      choices: ['any', 'breaking', 'none'] as const,
      describe: 'Exit 1 on: any drift of the output (default with --check), breaking API changes only, or never (default)',
    })
    .option('bump', {
      type: 'boolean',
      default: false,
      describe: 'Apply the suggested semver bump (major/minor/patch) to the generated package.json',
    })
    .option('overlays', {
      type: 'string',
      describe: 'Comma-separated overlays to apply instead of those src/config.ts ties to the spec; --no-overlays for none',
    })
    .check((a) => {
      if (a.bump && a.check) throw new UsageError('--bump writes the package version; it cannot be combined with --check');
      return true;
    })
    .example('$0 generate', `Generate ${DEFAULT_OUT}/ from ${DEFAULT_SPEC}`)
    .example('$0 generate --spec other.yaml --out other-client', 'Generate another package')
    .example('$0 generate --check', 'Fail when generated/ is not what the generator produces')
    .example('$0 generate --check --fail-on breaking --report changes.md', 'CI: fail only on breaking API changes')
    .example('$0 generate --spec other.json --overlays session-exclusivity', 'Apply an overlay to another document')
    .help()
    .version(false)
    .exitProcess(false)
    .fail((msg, err) => {
      throw err ?? new UsageError(msg);
    })
    .parseAsync();
  return {
    spec: args.spec,
    out: args.out,
    check: args.check,
    bump: args.bump,
    report: args.report,
    reportJson: args['report-json'],
    failOn: args['fail-on'] ?? (args.check ? 'any' : 'none'),
    overlays: overlaySelection(args.overlays as string | false | undefined),
  };
}

/** `--overlays a,b` → names; `--no-overlays` → none; absent → what src/config.ts ties to the spec. */
function overlaySelection(raw: string | false | undefined): OverlaySelection {
  if (raw === false) return false;
  if (raw === undefined) return 'configured';
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

class UsageError extends Error {}

/** Where the CLI prints: stdout carries data (the diff), stderr carries messages. Injectable for in-process tests. */
export interface CliIo {
  out: { write(text: string): unknown };
  err: { write(text: string): unknown };
}

const PROCESS_IO: CliIo = { out: process.stdout, err: process.stderr };

/** Runs the CLI; the only place that decides exit codes. 0: done; 1: spec errors or drift; 2: usage error. */
export async function main(argv: string[], io: CliIo = PROCESS_IO): Promise<number> {
  let options: CliOptions;
  try {
    options = await stage('arguments', () => parseArgs(argv));
  } catch (err) {
    io.err.write(`${(err as Error).message}\nRun with --help for usage.\n`);
    return 2;
  }
  if (argv.includes('--help') || argv.includes('-h')) return 0;
  const result = await run(options);
  for (const issue of result.issues) io.err.write(`${formatIssue(issue)}\n`);
  const errors = result.issues.filter((i) => i.severity === 'error').length;
  if (errors > 0) {
    io.err.write(`\n${errors} error${errors === 1 ? '' : 's'}; nothing was written.\n`);
    return 1;
  }
  await printReport(options, result, io);
  if (options.check) {
    for (const d of result.drift) io.out.write(unifiedDiff(d));
    io.err.write(
      result.drift.length === 0
        ? `${options.out}/ is up to date.\n`
        : `${options.out}/ is stale: ${result.drift.length} file(s) differ. Run \`npm run generate\`.\n`,
    );
  } else {
    io.err.write(
      result.wrote
        ? `Wrote ${options.out}/ (${result.drift.length} file(s) changed${result.version ? `, version ${result.version}` : ''}).\n`
        : `${options.out}/ is already up to date.\n`,
    );
  }
  return exitCode(options.failOn, result);
}

/** 1 when the changes the user asked to fail on are there. */
function exitCode(failOn: FailOn, result: RunResult): number {
  if (failOn === 'any') return result.drift.length > 0 ? 1 : 0;
  if (failOn === 'breaking') return (result.report?.breaking ?? 0) > 0 ? 1 : 0;
  return 0;
}

/** The change report: text on stderr (stdout carries the diff in check mode), Markdown/JSON files on request. */
async function printReport(options: CliOptions, result: RunResult, io: CliIo): Promise<void> {
  if (!result.report) {
    io.err.write(`API change report skipped: ${result.reportSkipped ?? 'no report'}\n`);
    return;
  }
  if (result.report.changes.length === 0) io.err.write('API surface unchanged.\n');
  else io.err.write(renderText(result.report));
  if (result.report.changes.length > 0 && !options.bump) {
    io.err.write(`Suggested version bump: ${result.report.bump} (apply it with --bump)\n`);
  }
  if (options.report) await writeFile(options.report, renderMarkdown(result.report));
  if (options.reportJson) await writeFile(options.reportJson, `${JSON.stringify(result.report, null, 2)}\n`);
}

// Also runnable directly (`tsx src/cli.ts generate ...`); the package's binary is src/bin.js.
if (process.argv[1] !== undefined && /[\\/]src[\\/]cli\.ts$/.test(process.argv[1])) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`internal error (a bug in zenskar-codegen, please report it):\n${(err as Error).stack ?? String(err)}\n`);
      process.exitCode = 70;
    },
  );
}
