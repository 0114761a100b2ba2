/**
 * `add-declarations` inserts all of its declarations in one text change when it can (src/overlays/declaration-edits.ts):
 * the file must come out exactly as inserting each after the previous gives, also when a declaration's text holds
 * more than its named statement, or begins with something that could continue the statement before.
 */
import { Project, type SourceFile } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { addDeclarations } from '../../src/overlays/declaration-edits.js';
import { createEditContext, findStatement, marked } from '../../src/overlays/edit-context.js';
import type { AddDeclarationsEdit, NamedText } from '../../src/overlays/types.js';

const SOURCE = `import type { A } from "./a.js";

/** Doc of T. */
export type T = string;

export const after = { a: 1 }
`;

const ctx = createEditContext('toy', 'spec.json', '#');

function source(text: string): SourceFile {
  return new Project({ useInMemoryFileSystem: true }).createSourceFile('/x.ts', text);
}

/** One insertion per declaration, each after the previous: what the edit has always done. */
function oneByOne(text: string, after: string, declarations: readonly NamedText[]): string {
  const file = source(text);
  let anchor = after;
  for (const d of declarations) {
    file.insertText(findStatement(file, anchor)!.getEnd(), marked(ctx, d.text));
    anchor = d.name;
  }
  return file.getFullText();
}

const CASES: Array<[string, string, readonly NamedText[]]> = [
  ['plain declarations', SOURCE, [
    { name: 'U', text: 'export type U = T;' },
    { name: 'f', text: '/** Doc of f. */\nexport function f(): U {\n  return "u";\n}' },
    { name: 'g', text: 'const g = () => 1;' },
  ]],
  ['a text holding a second statement after the named one', SOURCE, [
    { name: 'U', text: 'export type U = T;\nexport type Extra = U;' },
    { name: 'V', text: 'export type V = U;' },
  ]],
  ['a text that could continue the statement before', SOURCE, [
    { name: 'w', text: 'const w = {}' },
    { name: 'z', text: '[1].forEach(() => 0); const z = 1;' },
  ]],
  ['an anchor followed by code that is not a declaration', 'export const T = 1\n(globalThis as any).x = 2;\n', [
    { name: 'U', text: 'export type U = 1;' },
    { name: 'V', text: 'export type V = 2;' },
  ]],
  ['the anchor last in the file', 'export type T = 1;', [
    { name: 'U', text: 'export type U = T;' },
    { name: 'V', text: 'export type V = U;' },
  ]],
];

describe('add-declarations', () => {
  it.each(CASES)('%s: the same text as one insertion per declaration', (_, text, declarations) => {
    const edit: AddDeclarationsEdit = { kind: 'add-declarations', file: 'src/x.ts', after: 'T', declarations };
    const file = source(text);
    expect(addDeclarations(file, edit, ctx)).toEqual([]);
    expect(file.getFullText()).toBe(oneByOne(text, 'T', declarations));
  });
});
