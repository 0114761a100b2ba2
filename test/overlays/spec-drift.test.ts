import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyDir, GENERATED, runCli, runMain, snapshotDir, SPEC, tempDir } from '../helpers/cli.js';

type Json = Record<string, any>;
const SCHEMA = '#/components/schemas/CreateSessionRequestSchema';

/** A modified copy of the project spec, saved under the project spec's own file name (so its overlays apply). */
function driftedSpec(change: (doc: Json) => void): { spec: string; out: string } {
  const doc = JSON.parse(readFileSync(SPEC, 'utf8')) as Json;
  change(doc);
  const dir = tempDir('zc-drift-');
  mkdirSync(join(dir, 'spec'));
  const spec = join(dir, 'spec/openapi-20240301.json');
  writeFileSync(spec, JSON.stringify(doc, null, 2));
  const out = join(dir, 'generated');
  copyDir(GENERATED, out);
  return { spec, out };
}

const request = (doc: Json): Json => doc['components']['schemas']['CreateSessionRequestSchema'];

/** Each spec update, and the one line the generator must print about it. */
const DRIFTS: Array<[string, (doc: Json) => void, string]> = [
  [
    'customer_id renamed',
    (doc) => {
      const props = request(doc)['properties'];
      props['customerId'] = props['customer_id'];
      delete props['customer_id'];
    },
    `${SCHEMA}/properties/customer_id  overlay 'session-exclusivity': expected \`anyOf: [{type: string, format: uuid}, {type: null}]\` (a nullable uuid string), found nothing there`,
  ],
  [
    'is_guest_session removed',
    (doc) => delete request(doc)['properties']['is_guest_session'],
    `${SCHEMA}/properties/is_guest_session  overlay 'session-exclusivity': expected \`anyOf: [{type: boolean}, {type: null}]\` (a nullable boolean), found nothing there`,
  ],
  [
    'customer_id changes type',
    (doc) => {
      request(doc)['properties']['customer_id']['anyOf'][0] = { type: 'integer' };
    },
    `${SCHEMA}/properties/customer_id  overlay 'session-exclusivity': expected \`anyOf: [{type: string, format: uuid}, {type: null}]\` (a nullable uuid string), found \`{"anyOf":[{"type":"integer"},{"type":"null"}]}\``,
  ],
  [
    'schema renamed',
    (doc) => {
      const schemas = doc['components']['schemas'];
      schemas['SessionRequest'] = schemas['CreateSessionRequestSchema'];
      delete schemas['CreateSessionRequestSchema'];
      doc['paths']['/customers/session']['post']['requestBody']['content']['application/json']['schema'] = {
        $ref: '#/components/schemas/SessionRequest',
      };
    },
    `${SCHEMA}  overlay 'session-exclusivity': expected an object schema (\`type: object\` with \`properties\`), found nothing there`,
  ],
  [
    'schema states the rule itself (oneOf)',
    (doc) => {
      request(doc)['oneOf'] = [
        { required: ['customer_id'] },
        { properties: { is_guest_session: { const: true } }, required: ['is_guest_session'] },
      ];
    },
    `${SCHEMA}/oneOf  overlay 'session-exclusivity': expected no \`oneOf\` (the spec would then state the session rule itself; this overlay would be redundant), found`,
  ],
  [
    'customer_id becomes required',
    (doc) => request(doc)['required'].push('customer_id'),
    `${SCHEMA}/required  overlay 'session-exclusivity': expected \`required\` not to list \`customer_id\` or \`is_guest_session\``,
  ],
];

describe('spec drift: the overlay checks its expectations before applying', () => {
  // In-process CLI (main) for each case; the renamed-schema case below also runs the real binary.
  it.each(DRIFTS)('%s: generation fails naming the overlay, expectation and pointer; output untouched', async (_name, change, line) => {
    const { spec, out } = driftedSpec(change);
    const before = snapshotDir(out);
    const { code, stderr } = await runMain(['generate', '--spec', spec, '--out', out]);
    expect(code).toBe(1);
    expect(stderr).toContain(`error  ${spec}${line}`);
    expect(stderr).toContain('hint: the spec no longer matches what overlay');
    expect(stderr).toMatch(/nothing was written/);
    expect(snapshotDir(out)).toEqual(before);
  });

  it('a renamed schema is reported once, plus the $ref that moved, not once per property', () => {
    const rename = DRIFTS.find(([name]) => name === 'schema renamed')![1];
    const { spec, out } = driftedSpec(rename);
    const before = snapshotDir(out);
    const { code, stderr } = runCli(['generate', '--spec', spec, '--out', out]);
    expect(code).toBe(1);
    expect(snapshotDir(out)).toEqual(before);
    const errors = stderr.split('\n').filter((l) => l.startsWith('error  '));
    expect(errors).toEqual([
      `error  ${spec}#/components/schemas/CreateSessionRequestSchema  overlay 'session-exclusivity': expected an object schema (\`type: object\` with \`properties\`), found nothing there`,
      `error  ${spec}#/paths/~1customers~1session/post/requestBody/content/application~1json/schema  overlay 'session-exclusivity': expected \`$ref: #/components/schemas/CreateSessionRequestSchema\`, found \`{"$ref":"#/components/schemas/SessionRequest"}\``,
    ]);
  });
});

describe('overlays belong to their spec', () => {
  it('another document (--spec other.json) gets none of them', async () => {
    const dir = tempDir('zc-other-');
    const spec = join(dir, 'other.json');
    writeFileSync(spec, readFileSync(SPEC, 'utf8'));
    const out = join(dir, 'generated');
    const { code, stderr } = await runMain(['generate', '--spec', spec, '--out', out]);
    expect(stderr).not.toMatch(/error/);
    expect(code).toBe(0);
    const types = readFileSync(join(out, 'src/types.ts'), 'utf8');
    expect(types).toMatch(/^export type CreateSessionRequestSchema = components\["schemas"\]\["CreateSessionRequestSchema"\];$/m);
    expect(types).not.toContain('overlay: session-exclusivity');
    expect(readFileSync(join(out, 'src/client.ts'), 'utf8')).not.toContain('createGuestSession');
  });
});
