/**
 * Overlays edit each file cut down to the statements their edits name (src/overlays/reduced-source.ts): the result
 * must be byte for byte what editing the whole file gives, and a cut-down copy that cannot be put back together
 * must make the overlays run on whole files instead.
 */
import { describe, expect, it } from 'vitest';
import { projectConfig } from '../../src/config.js';
import { emitPackage } from '../../src/emit/emit-package.js';
import type { GeneratedFile } from '../../src/generated-file.js';
import { loadSpec } from '../../src/load/load-spec.js';
import { buildModel } from '../../src/model/build-model.js';
import { applyOverlays } from '../../src/overlays/apply-overlays.js';
import { reduceSource } from '../../src/overlays/reduced-source.js';
import { selectOverlays } from '../../src/overlays/select-overlays.js';
import type { Overlay, OverlayEdit } from '../../src/overlays/types.js';
import { SPEC } from '../helpers/cli.js';

/** Targets with unrelated statements, comments and blank lines around and between them. */
const SOURCE = `/**
 * A file header.
 */
import type { A } from "./a.js";
import { b } from "./b.js";

export const before = 1; // a trailing comment

/** Doc of T. */
export type T = string;
// a comment of its own

/** Unrelated. */
export interface Unrelated {
  x: number;
}


export interface I {
  /** Doc of m. */
  m(): void;
}
export const between = b; /* a block comment */ export const sameLine = 2;

export function f(x: number): number {
  return x;
}

export function make() {
  const methods = {
    m: () => 1,
  };
  return methods;
}

export interface Client {
  op(): void;
  readonly byTag: {
    readonly a: {
      readonly op: Client["op"];
    };
  };
}

export function createClient(): Client {
  const methods = { op: () => undefined };
  return {
    ...methods,
    byTag: {
      a: {
        op: methods.op,
      },
    },
  };
}

export const after = 3;
// the end
`;

const EDITS: OverlayEdit[] = [
  { kind: 'replace-declaration', file: 'src/x.ts', name: 'T', text: '/** New T. */\nexport type T = "t";' },
  { kind: 'add-declarations', file: 'src/x.ts', after: 'T', declarations: [{ name: 'U', text: 'export type U = T;' }] },
  { kind: 'add-declarations', file: 'src/x.ts', after: 'before', declarations: [{ name: 'V', text: 'export type V = 1;' }] },
  { kind: 'wrap-function', file: 'src/x.ts', name: 'f', renameTo: 'fAsPublished', text: 'export function f(x: number): number {\n  return fAsPublished(x) + 1;\n}' },
  { kind: 'add-members', file: 'src/x.ts', interface: 'I', after: 'm', members: [{ name: 'n', text: 'n(): void;' }] },
  { kind: 'add-properties', file: 'src/x.ts', function: 'make', variable: 'methods', after: 'm', properties: [{ name: 'n', text: 'n: () => 2' }] },
  { kind: 'add-imports', file: 'src/x.ts', from: './a.js', names: ['B', 'type C'] },
  { kind: 'append-doc', file: 'src/x.ts', interface: 'I', member: 'm', text: 'A rule.' },
  { kind: 'set-property-type', file: 'src/x.ts', path: ['Unrelated', 'x'], type: 'string' },
  { kind: 'add-members', file: 'src/x.ts', interface: 'Client', after: 'op', members: [{ name: 'op2', text: 'op2(): void;' }] },
  { kind: 'add-to-tag-groups', file: 'src/x.ts', beside: 'op', names: ['op2'] },
];

const files: GeneratedFile[] = [{ path: 'src/x.ts', content: SOURCE }];
const spec = { file: 'spec.json', document: {} };
const toy = (edits: OverlayEdit[]): Overlay => ({ name: 'toy', summary: 'a test overlay', anchor: '#', expectations: [], edits });

describe('overlays on cut-down files', () => {
  it('give exactly what editing whole files gives: every kind of edit, targets among other statements', () => {
    const whole = applyOverlays(files, [toy(EDITS)], spec, { whole: true });
    expect(whole.issues).toEqual([]);
    expect(whole.files[0]!.content).not.toBe(SOURCE);
    expect(applyOverlays(files, [toy(EDITS)], spec)).toEqual(whole);
    // and applied again, both change nothing
    expect(applyOverlays(whole.files, [toy(EDITS)], spec)).toEqual(whole);
  });

  it.each(EDITS.map((e, i) => [i, e.kind, e] as const))('edit %i (%s) alone: the same as on the whole file', (_, __, edit) => {
    expect(applyOverlays(files, [toy([edit])], spec)).toEqual(applyOverlays(files, [toy([edit])], spec, { whole: true }));
  });

  it('give exactly what editing whole files gives: the session overlay on the emitted package', async () => {
    const loaded = await loadSpec(SPEC);
    const { model } = buildModel(loaded.spec!);
    const emitted = await emitPackage(loaded.spec!, model, { packageVersion: '1.0.0' });
    const { overlays } = selectOverlays(projectConfig, SPEC, 'configured');
    const overlaySpec = { file: SPEC, document: loaded.spec!.document };
    const whole = applyOverlays(emitted.files, overlays, overlaySpec, { whole: true });
    expect(applyOverlays(emitted.files, overlays, overlaySpec)).toEqual(whole);
  });

  it('an edit that brings in text looking like a placeholder: the overlays run on whole files instead', () => {
    const tag = reduceSource(SOURCE, new Set(['T'])).text.match(/\/\*(zc-omitted-+)0\*\//)![1]!;
    const edit: OverlayEdit = { kind: 'add-declarations', file: 'src/x.ts', after: 'T', declarations: [{ name: 'W', text: `/*${tag}0*/ export type W = 1;` }] };
    const whole = applyOverlays(files, [toy([edit])], spec, { whole: true });
    expect(whole.files[0]!.content).toContain(`/*${tag}0*/ export type W = 1;`);
    expect(applyOverlays(files, [toy([edit])], spec)).toEqual(whole);
  });
});

describe('reduceSource', () => {
  const reduced = reduceSource(SOURCE, new Set(['T', 'f']));

  it('keeps the imports and the named statements whole, each run of others one placeholder; restore gives back the text', () => {
    expect(reduced.text).toContain('import type { A } from "./a.js";\nimport { b } from "./b.js";');
    expect(reduced.text).toContain('\n\n/** Doc of T. */\nexport type T = string;');
    expect(reduced.text).toContain('\n\nexport function f(x: number): number {\n  return x;\n}');
    expect(reduced.text).not.toContain('Unrelated');
    expect(reduced.text.match(/\/\*zc-omitted-\d+\*\//g)).toEqual(['/*zc-omitted-0*/', '/*zc-omitted-1*/', '/*zc-omitted-2*/']);
    expect(reduced.restore(reduced.text)).toBe(SOURCE);
  });

  it('refuses a copy whose placeholders are not each there once, in order', () => {
    const [p0, p1] = ['/*zc-omitted-0*/', '/*zc-omitted-1*/'];
    expect(reduced.restore(reduced.text.replace(p0, ''))).toBeUndefined();
    expect(reduced.restore(reduced.text.replace(p0, `${p0}${p0}`))).toBeUndefined();
    expect(reduced.restore(reduced.text.replace(p0, 'X').replace(p1, p0).replace('X', p1))).toBeUndefined();
    expect(reduced.restore(`${reduced.text}/*zc-omitted-x*/`)).toBeUndefined();
  });

  it('a placeholder never collides with the text', () => {
    const text = 'export const a = "/*zc-omitted-0*/";\nexport const b = 1;\n';
    const cut = reduceSource(text, new Set(['b']));
    expect(cut.text).toMatch(/^\/\*zc-omitted--+0\*\/\nexport const b = 1;\n$/);
    expect(cut.restore(cut.text)).toBe(text);
  });
});
