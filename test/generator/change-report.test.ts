import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyDir, GENERATED, runMain, SPEC, tempDir } from '../helpers/cli.js';

/** A copy of the Zenskar spec, edited, saved under the same file name (so only the API changes, not the header). */
function editedSpec(edit: (doc: any) => void): string {
  const doc = JSON.parse(readFileSync(SPEC, 'utf8'));
  edit(doc);
  const file = join(tempDir(), 'openapi-20240301.json');
  writeFileSync(file, JSON.stringify(doc, null, 2));
  return file;
}

function outputCopy(): string {
  const out = join(tempDir(), 'generated');
  copyDir(GENERATED, out);
  return out;
}

const removeResponseField = (doc: any) => {
  const schema = doc.components.schemas.CustomerSessionResponseSchema;
  delete schema.properties.redirect_url;
  schema.required = schema.required.filter((r: string) => r !== 'redirect_url');
};
const addOptionalRequestField = (doc: any) => {
  doc.components.schemas.CreateSessionRequestSchema.properties.locale = { type: 'string' };
};

describe('the API change report on regeneration', async () => {
  it('classes a removed response field as breaking, prints the report and writes Markdown and JSON', async () => {
    const out = outputCopy();
    const md = join(tempDir(), 'report.md');
    const json = join(tempDir(), 'report.json');
    const spec = editedSpec((d) => {
      removeResponseField(d);
      addOptionalRequestField(d);
    });
    const { code, stderr } = await runMain(['generate', '--spec', spec, '--out', out, '--report', md, '--report-json', json]);
    expect(code).toBe(0);
    expect(stderr).toContain('API changes: 1 breaking, 1 compatible');
    expect(stderr).toContain('Suggested version bump: major');
    expect(readFileSync(md, 'utf8')).toMatch(/#### Breaking[\s\S]*`redirect_url` removed[\s\S]*#### Compatible[\s\S]*`locale` added/);
    const report = JSON.parse(readFileSync(json, 'utf8'));
    expect(report).toMatchObject({ bump: 'major', breaking: 1, compatible: 1 });
    expect(JSON.parse(readFileSync(join(out, 'api-surface.json'), 'utf8')).schemas.CreateSessionRequestSchema.fields.locale).toBeDefined();
  });

  it('--fail-on breaking fails only on breaking changes', async () => {
    const compatible = await runMain(['generate', '--spec', editedSpec(addOptionalRequestField), '--out', outputCopy(), '--check', '--fail-on', 'breaking']);
    expect(compatible.code).toBe(0);
    expect(compatible.stdout).toMatch(/^\+\s+locale\?: string;$/m); // the golden diff is still printed
    const breaking = await runMain(['generate', '--spec', editedSpec(removeResponseField), '--out', outputCopy(), '--check', '--fail-on', 'breaking']);
    expect(breaking.code).toBe(1);
  });

  it('--check fails on any drift, even a compatible one', async () => {
    const { code } = await runMain(['generate', '--spec', editedSpec(addOptionalRequestField), '--out', outputCopy(), '--check']);
    expect(code).toBe(1);
  });

  it('--bump applies the suggested bump to package.json, once', async () => {
    const out = outputCopy();
    const before = JSON.parse(readFileSync(join(out, 'package.json'), 'utf8')).version as string;
    const spec = editedSpec(addOptionalRequestField);
    expect((await runMain(['generate', '--spec', spec, '--out', out, '--bump'])).code).toBe(0);
    const [major, minor] = before.split('.').map(Number);
    expect(JSON.parse(readFileSync(join(out, 'package.json'), 'utf8')).version).toBe(`${major}.${minor! + 1}.0`);
    // the snapshot now matches the spec: a second run reports nothing and bumps nothing
    const again = await runMain(['generate', '--spec', spec, '--out', out, '--bump']);
    expect(again.stderr).toContain('already up to date');
    expect(JSON.parse(readFileSync(join(out, 'package.json'), 'utf8')).version).toBe(`${major}.${minor! + 1}.0`);
  });
});
