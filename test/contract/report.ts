/** Text and JSON forms of contract reports. */
import type { CallResult, ContractReport, Totals } from './run-contract.js';

/** The plain closing line: every call that agreed, disagreed or crashed, and was skipped. */
export function closingLine(totals: Totals): string {
  return `${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`;
}

/** Adds up totals of several runs. */
export function addTotals(all: readonly Totals[]): Totals {
  const sum = (key: keyof Totals) => all.reduce((n, t) => n + t[key], 0);
  return {
    passed: sum('passed'), failed: sum('failed'), skipped: sum('skipped'), crashed: sum('crashed'),
    operationsCalled: sum('operationsCalled'), operationsAgreed: sum('operationsAgreed'),
  };
}

/** `97.5%` of called operations that agree. */
export function agreementLine(totals: Totals): string {
  const pct = totals.operationsCalled === 0 ? 100 : (100 * totals.operationsAgreed) / totals.operationsCalled;
  return `operations: ${totals.operationsAgreed} of ${totals.operationsCalled} called agree (${pct.toFixed(1)}%); calls crashed: ${totals.crashed}`;
}

/** Lines describing one disagreeing or crashing call: what was called, why, the request as sent. */
export function describeCall(call: CallResult): string[] {
  const lines = [`${call.verdict.toUpperCase()} [${call.mode}] ${call.operation} (${call.method} ${call.path}) ${call.variant}: ${call.reason}`];
  if (call.request) {
    lines.push(`    sent: ${call.request.method} ${call.request.url}`);
    const headers = Object.entries(call.request.headers).map(([k, v]) => `${k}: ${v}`).join(' | ');
    if (headers) lines.push(`    headers: ${headers}`);
    if (call.request.body !== undefined) lines.push(`    body: ${oneLine(call.request.body, 400)}`);
  }
  if (call.response) lines.push(`    got: ${call.response.status} ${call.response.headers['content-type'] ?? ''} ${oneLine(call.response.body, 300)}`);
  return lines;
}

/** Skip reasons, counted (the sampler's limits, and any systematic refusal by our validators, at a glance). */
export function skipSummary(calls: readonly CallResult[]): string[] {
  const counts = new Map<string, number>();
  for (const c of calls) {
    if (c.verdict !== 'skip') continue;
    const key = c.reason.startsWith('our request validator')
      ? `our request validator refused the sample (${[...new Set((c.client.errors ?? []).map((e) => e.type))].sort().join(',') || 'no errors listed'})`
      : c.reason.replace(/`[^`]*`/g, '`…`');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1]).map(([key, n]) => `skipped ${n}: ${key}`);
}

/** The per-operation results for `--json`. */
export function jsonReport(reports: readonly ContractReport[], totals: Totals): unknown {
  return {
    totals,
    specs: reports.map((r) => ({
      spec: r.spec,
      seed: r.seed,
      modes: r.modes,
      ...(r.failure ? { failure: r.failure } : {}),
      totals: r.totals,
      operations: groupByOperation(r.calls),
    })),
  };
}

function groupByOperation(calls: readonly CallResult[]): unknown[] {
  const byOp = new Map<string, CallResult[]>();
  for (const c of calls) byOp.set(c.operation, [...(byOp.get(c.operation) ?? []), c]);
  return [...byOp].map(([operation, list]) => ({
    operation,
    method: list[0]!.method,
    path: list[0]!.path,
    verdict: list.some((c) => c.verdict === 'crash')
      ? 'crash'
      : list.some((c) => c.verdict === 'disagree')
        ? 'disagree'
        : list.every((c) => c.verdict === 'skip')
          ? 'skip'
          : 'agree',
    calls: list.map(({ operation: _o, method: _m, path: _p, ...rest }) => rest),
  }));
}

function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
