import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectConfig } from '../../src/config.js';
import { emitPackage } from '../../src/emit/emit-package.js';
import type { GeneratedFile } from '../../src/generated-file.js';
import { loadSpec } from '../../src/load/load-spec.js';
import { buildModel } from '../../src/model/build-model.js';
import { applyOverlays } from '../../src/overlays/apply-overlays.js';
import { selectOverlays } from '../../src/overlays/select-overlays.js';
import { sessionExclusivity } from '../../src/overlays/session-exclusivity.js';
import { equals } from '../../src/overlays/spec-expectations.js';
import type { Overlay, OverlayEdit } from '../../src/overlays/types.js';
import { GENERATED, SPEC } from '../helpers/cli.js';

const SOURCE = `import type { A } from "./a.js";

/** Doc of T. */
export type T = string;

export interface I {
  /** Doc of m. */
  m(): void;
}

export function f(x: number): number {
  return x;
}

export function make() {
  const methods = {
    m: () => 1,
  };
  return methods;
}
`;

const files: GeneratedFile[] = [{ path: 'src/x.ts', content: SOURCE }, { path: 'README.md', content: '# x\n' }];
const spec = { file: 'spec.json', document: { info: { title: 'toy' } } };
const toy = (edits: OverlayEdit[]): Overlay => ({ name: 'toy', summary: 'a test overlay', anchor: '#/info', expectations: [], edits });

const EVERY_KIND: OverlayEdit[] = [
  { kind: 'replace-declaration', file: 'src/x.ts', name: 'T', text: '/** New T. */\nexport type T = "t";' },
  { kind: 'add-declarations', file: 'src/x.ts', after: 'T', declarations: [{ name: 'U', text: 'export type U = T;' }] },
  { kind: 'wrap-function', file: 'src/x.ts', name: 'f', renameTo: 'fAsPublished', text: 'export function f(x: number): number {\n  return fAsPublished(x) + 1;\n}' },
  { kind: 'add-members', file: 'src/x.ts', interface: 'I', after: 'm', members: [{ name: 'n', text: 'n(): void;' }] },
  { kind: 'add-properties', file: 'src/x.ts', function: 'make', variable: 'methods', after: 'm', properties: [{ name: 'n', text: 'n: () => 2' }] },
  { kind: 'add-imports', file: 'src/x.ts', from: './a.js', names: ['B', 'type C'] },
  { kind: 'append-doc', file: 'src/x.ts', interface: 'I', member: 'm', text: 'A rule.' },
];

const EXPECTED = `import type { A, B, C } from "./a.js";

// overlay: toy
/** New T. */
export type T = "t";

// overlay: toy
export type U = T;

export interface I {
  /**
   * Doc of m.
   *
   * A rule.
   */
  m(): void;
// overlay: toy
n(): void;
}

// overlay: toy: the check as the spec states it, wrapped by f below
function fAsPublished(x: number): number {
  return x;
}

// overlay: toy
export function f(x: number): number {
  return fAsPublished(x) + 1;
}

export function make() {
  const methods = {
    m: () => 1,
// overlay: toy
n: () => 2,
  };
  return methods;
}
`;

describe('applyOverlays: the edit kinds', () => {
  it('applies each kind of edit to its named target, marking what it adds', () => {
    const result = applyOverlays(files, [toy(EVERY_KIND)], spec);
    expect(result.issues).toEqual([]);
    expect(result.files).toEqual([{ path: 'src/x.ts', content: EXPECTED }, files[1]]);
  });

  it('applying again changes nothing', () => {
    const once = applyOverlays(files, [toy(EVERY_KIND)], spec);
    expect(applyOverlays(once.files, [toy(EVERY_KIND)], spec)).toEqual(once);
  });

  it.each([
    [{ kind: 'replace-declaration', file: 'src/x.ts', name: 'Nope', text: '' }, "target declaration 'Nope' not found in src/x.ts"],
    [{ kind: 'add-declarations', file: 'src/x.ts', after: 'Nope', declarations: [] }, "target declaration 'Nope' not found in src/x.ts"],
    [{ kind: 'wrap-function', file: 'src/x.ts', name: 'g', renameTo: 'h', text: '' }, "target function 'g' not found in src/x.ts"],
    [{ kind: 'add-members', file: 'src/x.ts', interface: 'I', after: 'z', members: [] }, "target member 'I.z' not found in src/x.ts"],
    [{ kind: 'add-properties', file: 'src/x.ts', function: 'make', variable: 'other', after: 'm', properties: [] }, "target object literal 'make.other' not found in src/x.ts"],
    [{ kind: 'add-imports', file: 'src/x.ts', from: './b.js', names: ['B'] }, "target import from './b.js' not found in src/x.ts"],
    [{ kind: 'append-doc', file: 'src/x.ts', interface: 'J', member: 'm', text: 'x' }, "target member 'J.m' not found in src/x.ts"],
    [{ kind: 'set-property-type', file: 'src/x.ts', path: ['I', 'q'], type: 'string' }, "target property 'I.q' not found in src/x.ts"],
    [{ kind: 'add-imports', file: 'src/y.ts', from: './a.js', names: [] }, "target file 'src/y.ts' not found in the generated package"],
  ] as Array<[OverlayEdit, string]>)('a missing target is an issue naming the overlay: %#', (edit, message) => {
    const result = applyOverlays(files, [toy([edit])], spec);
    expect(result.issues).toEqual([
      expect.objectContaining({ severity: 'error', code: 'overlay-target-missing', file: 'spec.json', pointer: '#/info', message: `overlay 'toy': ${message}` }),
    ]);
  });

  it('a declaration it would add that the generator already emits is a conflict, never a second copy', () => {
    const edit: OverlayEdit = { kind: 'add-declarations', file: 'src/x.ts', after: 'T', declarations: [{ name: 'f', text: 'export const f = 1;' }] };
    const result = applyOverlays(files, [toy([edit])], spec);
    expect(result.issues.map((i) => [i.code, i.message])).toEqual([
      ['overlay-target-conflict', "overlay 'toy': target declaration 'f' already exists in src/x.ts and was not added by this overlay"],
    ]);
  });

  it('a failed expectation stops every edit', () => {
    const overlay = { ...toy(EVERY_KIND), expectations: [equals('#/info/title', 'zenskar', 'the overlay was written for it')] };
    const result = applyOverlays(files, [overlay], spec);
    expect(result.files).toEqual(files);
    expect(result.issues).toEqual([
      expect.objectContaining({
        code: 'overlay-expectation-failed',
        pointer: '#/info/title',
        message: "overlay 'toy': expected `zenskar` (the overlay was written for it), found `\"toy\"`",
      }),
    ]);
  });
});

describe('the session-exclusivity overlay on the real emitted package', () => {
  async function emitted(): Promise<{ files: GeneratedFile[]; overlaySpec: { file: string; document: unknown } }> {
    const loaded = await loadSpec(SPEC);
    const { model } = buildModel(loaded.spec!);
    const { files } = await emitPackage(loaded.spec!, model, { packageVersion: '1.0.0' });
    return { files, overlaySpec: { file: SPEC, document: loaded.spec!.document } };
  }

  it('applies cleanly, and a second application changes nothing', async () => {
    const { files: raw, overlaySpec } = await emitted();
    const once = applyOverlays(raw, [sessionExclusivity], overlaySpec);
    expect(once.issues).toEqual([]);
    expect(once.files).not.toEqual(raw);
    expect(applyOverlays(once.files, [sessionExclusivity], overlaySpec)).toEqual(once);
  });

  it('re-applied to the committed (formatted) generated/ it changes nothing', async () => {
    const { overlaySpec } = await emitted();
    const committed = ['src/client.ts', 'src/types.ts', 'src/validators.ts'].map((path) => ({
      path,
      content: readFileSync(join(GENERATED, path), 'utf8'),
    }));
    expect(applyOverlays(committed, [sessionExclusivity], overlaySpec)).toEqual({ files: committed, issues: [] });
  });

  it('a generator change that removes a target is an issue, not a silent skip', async () => {
    const { files: raw, overlaySpec } = await emitted();
    const renamed = raw.map((f) =>
      f.path === 'src/client.ts' ? { ...f, content: f.content.replace('const methods = {', 'const operations = {') } : f,
    );
    const result = applyOverlays(renamed, [sessionExclusivity], overlaySpec);
    expect(result.issues.map((i) => i.message)).toEqual([
      "overlay 'session-exclusivity': target object literal 'createClient.methods' not found in src/client.ts",
    ]);
  });
});

describe('selectOverlays: overlays belong to the spec they were written for', () => {
  it('configured: by the spec file name, wherever the copy lives', () => {
    expect(selectOverlays(projectConfig, 'spec/openapi-20240301.json').overlays).toEqual([sessionExclusivity]);
    expect(selectOverlays(projectConfig, '/elsewhere/openapi-20240301.json').overlays).toEqual([sessionExclusivity]);
    expect(selectOverlays(projectConfig, 'spec/other.json').overlays).toEqual([]);
  });

  it('false: none; names: exactly those, for any spec; an unknown name is an error', () => {
    expect(selectOverlays(projectConfig, 'spec/openapi-20240301.json', false).overlays).toEqual([]);
    expect(selectOverlays(projectConfig, 'other.json', ['session-exclusivity']).overlays).toEqual([sessionExclusivity]);
    expect(selectOverlays(projectConfig, 'other.json', ['nope']).issues).toEqual([
      expect.objectContaining({ code: 'unknown-overlay', message: "no overlay named 'nope'; known overlays: session-exclusivity" }),
    ]);
  });
});
