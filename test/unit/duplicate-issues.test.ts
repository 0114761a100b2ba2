/** One spec problem met by two stages (types and validators) is reported once. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { sortIssues, type Issue } from '../../src/issue.js';
import { generate } from '../../src/run.js';

it('a discriminator mapping to a leftover file gets one warning, naming the value, not one per stage', async () => {
  const spec = {
    openapi: '3.1.0',
    info: { title: 'Pets', version: '1.0.0' },
    paths: {},
    components: {
      schemas: {
        Cat: { type: 'object', properties: { kind: { type: 'string' } } },
        Pet: { oneOf: [{ $ref: '#/components/schemas/Cat' }], discriminator: { propertyName: 'kind', mapping: { cat: '#/components/schemas/Cat', cow: 'models/cow.yml' } } },
      },
    },
  };
  const file = join(mkdtempSync(join(tmpdir(), 'dup-issues-')), 'spec.json');
  writeFileSync(file, JSON.stringify(spec));
  const { files, issues } = await generate({ spec: file });
  expect(files).toBeDefined();
  const mapping = issues.filter((i) => i.code === 'unresolvable-discriminator-mapping');
  expect(mapping).toHaveLength(1);
  expect(mapping[0]).toMatchObject({ severity: 'warning', pointer: '#/components/schemas/Pet/discriminator/mapping/cow' });
  expect(mapping[0]!.message).toContain('"models/cow.yml"');
});

it('sortIssues keeps issues that differ in any field', () => {
  const base: Issue = { severity: 'warning', code: 'x', pointer: '#/a', message: 'm' };
  const issues = [base, { ...base }, { ...base, message: 'other' }, { ...base, severity: 'error' as const }];
  expect(sortIssues(issues)).toHaveLength(3);
});
