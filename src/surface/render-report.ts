/** Renders a change report for a pull request (Markdown) and for the terminal (plain text). */
import { describeBeforeAfter, describeCounts, describeDeployed, describeGroup, describeWhere, groupChanges } from './group-changes.js';
import type { SurfaceChange, SurfaceReport } from './types.js';

const SECTIONS = [
  { severity: 'breaking', title: 'Breaking' },
  { severity: 'compatible', title: 'Compatible' },
] as const;

/**
 * PR-ready Markdown: a summary line, then a "Breaking" and a "Compatible" section, one table per operation or schema.
 * Where clients already deployed fare otherwise than code built against the new package, the reason says so too.
 */
export function renderMarkdown(report: SurfaceReport): string {
  const lines = [`### API changes: ${describeCounts(report.breaking, report.compatible)}, suggested bump: **${report.bump}**${describeDeployedCount(report)}`];
  if (report.changes.length === 0) return `${lines[0]}\n\nNo changes to the API surface.\n`;
  for (const section of SECTIONS) {
    const changes = report.changes.filter((c) => c.severity === section.severity);
    if (changes.length === 0) continue;
    lines.push('', `#### ${section.title}`);
    for (const group of groupChanges(changes)) {
      lines.push('', `##### ${describeGroup(group, codeSpan)}`, '');
      lines.push('| Where | Change | Before → after | Why |', '| --- | --- | --- | --- |');
      for (const change of group.changes) lines.push(markdownRow(change));
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Said only where it differs from the count of breaking changes: how many break clients already deployed. */
function describeDeployedCount(report: SurfaceReport): string {
  return report.deployedBreaking === report.breaking ? '' : `; for clients already deployed: ${report.deployedBreaking} breaking`;
}

function markdownRow(change: SurfaceChange): string {
  const cells = [
    describeWhere(change),
    change.message,
    describeBeforeAfter(change, codeSpan),
    change.deployed ? `${change.why}. **${describeDeployed(change.deployed)}:** ${change.deployed.why}` : change.why,
  ];
  return `| ${cells.map(escapeCell).join(' | ')} |`;
}

/** Pipes end a cell even inside code spans in GFM tables, so they are escaped everywhere. */
function escapeCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** Operation keys and schema names contain no backticks (schema names are `^[A-Za-z0-9._-]+$`), paths may not. */
function codeSpan(text: string): string {
  return text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``;
}

/** Terminal text: the summary line, then the same grouping as the Markdown, one change per line plus its reason. */
export function renderText(report: SurfaceReport): string {
  const lines = [`API changes: ${describeCounts(report.breaking, report.compatible)}; suggested bump: ${report.bump}${describeDeployedCount(report)}`];
  for (const section of SECTIONS) {
    const changes = report.changes.filter((c) => c.severity === section.severity);
    if (changes.length === 0) continue;
    lines.push('', section.title.toUpperCase());
    for (const group of groupChanges(changes)) {
      lines.push(`  ${describeGroup(group, (x) => x)}`);
      for (const change of group.changes) {
        const beforeAfter = describeBeforeAfter(change, (s) => s);
        lines.push(`    ${describeWhere(change)}: ${change.message}${beforeAfter ? `  [${beforeAfter}]` : ''}`);
        lines.push(`      why: ${change.why}`);
        if (change.deployed) lines.push(`      ${describeDeployed(change.deployed).toLowerCase()}: ${change.deployed.why}`);
      }
    }
  }
  return `${lines.join('\n')}\n`;
}
