import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleEntry, installGeneratedPackage } from '../../bench/validators/package-bundle.js';

// What an app pays for validating the session request body: the bytes its bundle grows by when it imports that one
// validator (the session rule of the overlay included) from the package as it is published. Sizes do not depend on
// the machine, so the budget can be a test.

const GENERATED = fileURLToPath(new URL('../../generated/', import.meta.url));
/** Budget for the session request validator with the session rule, min+gzip: below ajv's standalone code for the same
 * schema and rule (1.56 kB), and below ajv's for the schema alone (0.96 kB). */
const BUDGET = 1000;

describe('bundle of one validator from the package', () => {
  let root = '';
  let name = '';
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'zc-bundle-'));
    name = installGeneratedPackage(GENERATED, root);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const entry = (): string => `import { validateCreateSessionRequestSchema } from ${JSON.stringify(name)};\nglobalThis.check = validateCreateSessionRequestSchema;\n`;

  it(`validateCreateSessionRequestSchema with the session rule is at most ${BUDGET} B min+gzip`, async () => {
    const { gzip } = await bundleEntry(entry(), root);
    expect(gzip).toBeLessThanOrEqual(BUDGET);
  });

  it('holds nothing else: no other validator, no client, no other kind of session rule', async () => {
    const { code } = await bundleEntry(entry(), root);
    expect(code).toContain('session_exclusivity');
    for (const other of ['CustomerSessionResponseSchema', 'A customer session needs', 'A guest session needs', 'session_kind_mismatch', 'fetch(']) {
      expect(code).not.toContain(other);
    }
    expect(code).not.toMatch(/"redirect_url"|"detail"/);
  });
});
