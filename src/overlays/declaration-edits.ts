/** Edits of top-level declarations. Each navigates afresh after every text change (ts-morph forgets old nodes). */
import type { SourceFile } from 'ts-morph';
import type { Issue } from '../issue.js';
import { findStatement, isMarked, marked, ownStart, type EditContext } from './edit-context.js';
import type { AddDeclarationsEdit, AddImportsEdit, ReplaceDeclarationEdit, WrapFunctionEdit } from './types.js';

/** Replaces the declaration `edit.name`, JSDoc included; already replaced (marked) → unchanged. */
export function replaceDeclaration(file: SourceFile, edit: ReplaceDeclarationEdit, ctx: EditContext): Issue[] {
  const target = findStatement(file, edit.name);
  if (!target) return [ctx.missing('declaration', edit.name, edit.file)];
  if (isMarked(target, ctx)) return [];
  file.replaceText([ownStart(target), target.getEnd()], marked(ctx, edit.text, ''));
  return [];
}

/** Adds declarations after `edit.after`, each after the previous; one already added (marked) is kept as is. */
export function addDeclarations(file: SourceFile, edit: AddDeclarationsEdit, ctx: EditContext): Issue[] {
  let anchor = edit.after;
  if (!findStatement(file, anchor)) return [ctx.missing('declaration', anchor, edit.file)];
  if (insertAllAtOnce(file, edit, ctx)) return [];
  const issues: Issue[] = [];
  for (const declaration of edit.declarations) {
    const existing = findStatement(file, declaration.name);
    if (existing && !isMarked(existing, ctx)) {
      issues.push(ctx.conflict('declaration', declaration.name, edit.file));
      continue;
    }
    if (!existing) file.insertText(findStatement(file, anchor)!.getEnd(), marked(ctx, declaration.text));
    anchor = declaration.name;
  }
  return issues;
}

/**
 * The usual case, none of the declarations there yet, in one text change instead of one per declaration (ts-morph
 * parses the file again after each: most of the overlay stage's time). Inserting each after the previous gives the
 * same text as inserting them all at once, provided every statement ends where the parser would end it on its own:
 * each declaration's text and what follows the anchor begin with a declaration keyword (nothing that could
 * continue the statement before), which is checked first; and that each declaration is found where its text ends,
 * which is checked after (if not, the change is undone and they are added one by one). `false`: not done.
 */
function insertAllAtOnce(file: SourceFile, edit: AddDeclarationsEdit, ctx: EditContext): boolean {
  if (edit.declarations.length < 2 || edit.declarations.some((d) => findStatement(file, d.name))) return false;
  const at = findStatement(file, edit.after)!.getEnd();
  const texts = edit.declarations.map((d) => marked(ctx, d.text));
  if (!texts.every((t) => startsDeclaration(t)) || !startsDeclaration(file.getFullText().slice(at), true)) return false;
  const inserted = texts.join('');
  file.insertText(at, inserted);
  let end = at;
  const placed = edit.declarations.every((d, i) => {
    const start = end;
    end += texts[i]!.length;
    const statement = findStatement(file, d.name);
    return statement !== undefined && statement.getStart() >= start && statement.getEnd() === end;
  });
  if (!placed) file.replaceText([at, at + inserted.length], '');
  return placed;
}

/** Comments and blank space, then a keyword that begins a declaration (or, with `orEnd`, nothing). */
function startsDeclaration(text: string, orEnd = false): boolean {
  const rest = text.replace(LEADING_TRIVIA, '');
  return (orEnd && rest === '') || DECLARATION_START.test(rest);
}

const LEADING_TRIVIA = /^(?:\s+|\/\/[^\n]*|\/\*[\s\S]*?\*\/)*/;
const DECLARATION_START = /^(?:export|function|const|let|var|type|interface|class|enum|declare|async|abstract|import)\b/;

/**
 * Keeps function `edit.name` as the unexported `edit.renameTo` and adds `edit.text` (the new `edit.name`, which
 * calls it) after it. A wrapper already in place (marked) is left alone.
 */
export function wrapFunction(file: SourceFile, edit: WrapFunctionEdit, ctx: EditContext): Issue[] {
  const original = file.getFunction(edit.name);
  if (!original) return [ctx.missing('function', edit.name, edit.file)];
  if (isMarked(original, ctx)) return [];
  if (findStatement(file, edit.renameTo)) return [ctx.conflict('function', edit.renameTo, edit.file)];
  original.setIsExported(false);
  file.getFunctionOrThrow(edit.name).getNameNodeOrThrow().replaceWithText(edit.renameTo);
  const renamed = file.getFunctionOrThrow(edit.renameTo);
  file.insertText(renamed.getEnd(), marked(ctx, edit.text));
  const kept = file.getFunctionOrThrow(edit.renameTo);
  file.insertText(ownStart(kept), `${ctx.marker}: the check as the spec states it, wrapped by ${edit.name} below\n`);
  return [];
}

/** Adds named imports to the import of `edit.from`; names already imported are skipped. */
export function addImports(file: SourceFile, edit: AddImportsEdit, ctx: EditContext): Issue[] {
  const declaration = file.getImportDeclaration((d) => d.getModuleSpecifierValue() === edit.from);
  if (!declaration) return [ctx.missing('import from', edit.from, edit.file)];
  const present = new Set(declaration.getNamedImports().map((n) => n.getName()));
  // Inside `import type { ... }` every name is a type already; a `type` modifier there is an error.
  const typeOnly = (n: string) => /^type\s/.test(n) && !declaration.isTypeOnly();
  const wanted = edit.names.map((n) => ({ name: n.replace(/^type\s+/, ''), isTypeOnly: typeOnly(n) }));
  const missing = wanted.filter((n) => !present.has(n.name));
  if (missing.length > 0) declaration.addNamedImports(missing);
  return [];
}
