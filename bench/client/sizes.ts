/**
 * Builds the packages and measures every size entry: the Zenskar package (validation on, off, standalone, one
 * validator), openapi-fetch's same call, and the standalone call of a ~100-operation spec, whose size must stay
 * within a ratio of the Zenskar one.
 */
import { join } from 'node:path';
import { CLIENT_SIZE_BUDGETS } from './budgets.js';
import { bundleSize, formatBreakdown, kB, type BundleSize } from './bundle-size.js';
import {
  clientEntry,
  manyOperationsCall,
  openapiFetchEntry,
  standaloneEntry,
  validatorEntry,
  zenskarSessionCall,
  type SizeEntry,
} from './entries.js';
import { buildPackageFrom, buildPackageFromSpec, REPO, ZENSKAR_PACKAGE, type BuiltPackage } from './package-build.js';

/** The ~100-operation spec (see specs/README.md). */
export const MANY_OPERATIONS_SPEC = join(REPO, 'bench', 'client', 'specs', 'portfoliooptimizer.io.json');

export interface SizePackages {
  zenskar: BuiltPackage;
  many: BuiltPackage;
}

/** Compiles the Zenskar package and generates + compiles the many-operation one, each in its own scratch project. */
export async function buildSizePackages(work: string): Promise<SizePackages> {
  const [zenskar, many] = await Promise.all([
    buildPackageFrom(ZENSKAR_PACKAGE, join(work, 'zenskar')),
    buildPackageFromSpec(MANY_OPERATIONS_SPEC, join(work, 'many')),
  ]);
  return { zenskar, many };
}

/** The entry keys, in table order. */
export const ENTRY = {
  client: 'a',
  clientNoValidation: 'b',
  standalone: 'c',
  validator: 'd',
  openapiFetch: 'e',
  manyStandalone: 'c100',
  manyClient: 'a100',
} as const;

/** Every entry of the size table, in order. */
export function sizeEntries(pkgs: SizePackages): SizeEntry[] {
  return [
    ...zenskarSizeEntries(pkgs.zenskar),
    openapiFetchEntry(ENTRY.openapiFetch, 'openapi-fetch: createClient + POST /customers/session', REPO),
    ...manyOperationsSizeEntries(pkgs.many),
  ];
}

/** The Zenskar package's entries: validation on, off, standalone, one validator alone. */
export function zenskarSizeEntries(zenskar: BuiltPackage): SizeEntry[] {
  const session = zenskarSessionCall(zenskar);
  return [
    clientEntry(ENTRY.client, 'createClient + createCustomerSession, validation on', session, true),
    clientEntry(ENTRY.clientNoValidation, 'createClient + createCustomerSession, validation off', session, false),
    standaloneEntry(ENTRY.standalone, 'createCore + createCustomerSession(core, { body })', session),
    validatorEntry(ENTRY.validator, 'validateCreateSessionRequestSchema alone', zenskar, 'validateCreateSessionRequestSchema'),
  ];
}

/** The many-operation package's entries: the standalone call the ratio is about, and the same call via createClient. */
export function manyOperationsSizeEntries(many: BuiltPackage): SizeEntry[] {
  const call = manyOperationsCall(many);
  return [
    standaloneEntry(ENTRY.manyStandalone, `${many.name} (94 operations): createCore + ${call.operation}(core, { body })`, call),
    clientEntry(ENTRY.manyClient, `${many.name} (94 operations): createClient + ${call.operation}, validation on`, call, true),
  ];
}

export interface SizeRow {
  entry: SizeEntry;
  /** absent when the entry is unavailable in this package */
  size?: BundleSize;
}

/** Bundles every available entry. */
export async function measureSizes(entries: readonly SizeEntry[]): Promise<SizeRow[]> {
  const rows: SizeRow[] = [];
  for (const entry of entries) {
    rows.push('source' in entry ? { entry, size: await bundleSize(entry.source, entry.resolveDir) } : { entry });
  }
  return rows;
}

/** The size table (Markdown), the budget lines, then each entry's per-module breakdown. */
export function formatSizes(rows: readonly SizeRow[]): string {
  const lines = [
    'Bundle sizes: esbuild --bundle --minify --format=esm --platform=browser --target=es2022, then gzip -9 (1 kB = 1000 B)',
    '',
    '| entry | min | min+gzip |',
    '|---|---:|---:|',
  ];
  for (const { entry, size } of rows) {
    const label = `(${entry.key}) ${entry.label}`;
    lines.push(size ? `| ${label} | ${size.min} B | ${kB(size.gzip)} (${size.gzip} B) |` : `| ${label} | skipped: ${'unavailable' in entry ? entry.unavailable : ''} | |`);
  }
  lines.push('', ...formatBudgets(rows), '', 'Per-module breakdown (minified bytes each input file puts into the bundle, share of the minified bundle):');
  for (const { entry, size } of rows) {
    if (size) lines.push(formatEntrySize(entry, size));
  }
  return lines.join('\n');
}

/** One entry's sizes and per-module breakdown, as lines (also the message of a failed size assertion). */
export function formatEntrySize(entry: SizeEntry, size: BundleSize): string {
  return `  (${entry.key}) ${entry.label}: ${size.min} B min, ${size.gzip} B min+gzip\n${formatBreakdown(size)}`;
}

/** The bars against this run's sizes: one line each, `ok`/`OVER`, or why it could not be judged. */
export function formatBudgets(rows: readonly SizeRow[]): string[] {
  const gzip = (key: string): number | undefined => rows.find((r) => r.entry.key === key)?.size?.gzip;
  const bar = (name: string, value: number | undefined, budget: number): string =>
    value === undefined
      ? `  ${name}: not measured (entry unavailable)`
      : `  ${name}: ${kB(value)} (${value} B) vs budget ${kB(budget)}: ${value <= budget ? 'ok' : 'OVER'}`;
  const lines = [
    'Budgets:',
    bar('(a) createClient + one validated session call', gzip(ENTRY.client), CLIENT_SIZE_BUDGETS.clientCall),
    bar('(d) the request validator alone', gzip(ENTRY.validator), CLIENT_SIZE_BUDGETS.validatorOnly),
  ];
  const one = gzip(ENTRY.standalone);
  const many = gzip(ENTRY.manyStandalone);
  if (one === undefined || many === undefined) {
    lines.push('  (c100)/(c) createCore + one operation, 94-operation spec vs Zenskar: skipped (needs createCore and a standalone function for the operation in both packages)');
  } else {
    const ratio = many / one;
    lines.push(
      `  (c100)/(c) createCore + one operation, 94-operation spec vs Zenskar: ${kB(many)} / ${kB(one)} = ${ratio.toFixed(3)}× vs budget ${CLIENT_SIZE_BUDGETS.manyOperationsRatio}×: ${ratio <= CLIENT_SIZE_BUDGETS.manyOperationsRatio ? 'ok' : 'OVER'}`,
    );
  }
  return lines;
}
