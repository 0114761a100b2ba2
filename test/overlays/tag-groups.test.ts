/** The `add-to-tag-groups` overlay edit: methods an overlay adds are discoverable under `byTag` like the operation they refine. */
import { describe, expect, it } from 'vitest';
import type { GeneratedFile } from '../../src/generated-file.js';
import { applyOverlays } from '../../src/overlays/apply-overlays.js';
import type { Overlay, OverlayEdit } from '../../src/overlays/types.js';

const CLIENT = `export interface Client {
  op(): void;
  other(): void;
  readonly byTag: {
    readonly a: {
      readonly op: Client["op"];
    };
    readonly b: {
      readonly other: Client["other"];
    };
  };
}

export function createClient(): Client {
  const methods = { op: () => undefined, other: () => undefined };
  return {
    ...methods,
    byTag: {
      a: {
        op: methods.op,
      },
      b: {
        other: methods.other,
      },
    },
  };
}
`;

const edit: OverlayEdit = { kind: 'add-to-tag-groups', file: 'src/client.ts', beside: 'op', names: ['opA', 'opB'] };
const toy = (edits: OverlayEdit[]): Overlay => ({ name: 'toy', summary: 'a test overlay', anchor: '#/info', expectations: [], edits });
const spec = { file: 'spec.json', document: { info: {} } };
const apply = (content: string) => applyOverlays([{ path: 'src/client.ts', content }], [toy([edit])], spec);

describe('add-to-tag-groups', () => {
  it('lists the new methods beside the operation, in the interface and in the returned object, in its groups only', () => {
    const { files, issues } = apply(CLIENT);
    expect(issues).toEqual([]);
    const out = (files[0] as GeneratedFile).content;
    expect(out).toContain('readonly op: Client["op"];\n// overlay: toy\nreadonly opA: Client["opA"];\n// overlay: toy\nreadonly opB: Client["opB"];');
    expect(out).toContain('op: methods.op,\n// overlay: toy\nopA: methods.opA,\n// overlay: toy\nopB: methods.opB,');
    // group b does not list `op`, so it gets nothing
    expect(out.match(/opA/g)).toHaveLength(4);
    expect(out).toMatch(/readonly b: \{\n\s+readonly other: Client\["other"\];\n\s+\};/);
  });

  it('applying again changes nothing', () => {
    const once = (apply(CLIENT).files[0] as GeneratedFile).content;
    const twice = apply(once);
    expect(twice.issues).toEqual([]);
    expect((twice.files[0] as GeneratedFile).content).toBe(once);
  });

  it('a client without byTag is an issue naming what is missing', () => {
    const { issues } = apply('export interface Client { op(): void; }\nexport function createClient() { return {}; }\n');
    expect(issues.map((i) => i.message).join('\n')).toMatch(/Client\.byTag/);
  });
});
