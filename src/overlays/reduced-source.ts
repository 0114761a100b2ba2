/**
 * ts-morph parses a whole file again after every edit, so the overlay stage cost (edits × file size): ~44 parses of
 * 600 kB in all for the session overlay, most of a generation's time. Edits reach only the top-level statements
 * they name (and the imports), so they are applied to a copy of the file cut down to those statements: the others
 * are each replaced by a placeholder comment, and put back afterwards.
 *
 * Why the result is the same as on the whole file: every edit finds its targets by name among the top-level
 * statements (the first match, and the kept statements keep their order) or among the imports, and changes text only
 * inside a target or at its edges; a statement's text, its leading comments included, is kept whole, and a
 * placeholder stands exactly where the statements it replaces were (an insertion after a kept statement lands before
 * it, as it lands before those statements in the whole file). A placeholder is a plain block comment: never a
 * statement, a JSDoc or an overlay marker. If an edit touched a placeholder after all, `restore` refuses and the
 * overlays are applied to the whole files (apply-overlays.ts).
 */
import { ts } from 'ts-morph';

/** A file cut down to some statements; `restore` puts the others back into an edited copy. */
export interface ReducedSource {
  text: string;
  /** the edited copy with every omitted statement back in place; `undefined` when a placeholder is not intact */
  restore(edited: string): string | undefined;
}

/** Keeps the imports and every top-level statement that declares one of `names`. */
export function reduceSource(text: string, names: ReadonlySet<string>): ReducedSource {
  const file = ts.createSourceFile('/reduced.ts', text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const tag = uniqueTag(text);
  const parts: string[] = [];
  const omitted: string[] = [];
  let run: { start: number; end: number } | undefined;
  const flush = () => {
    if (!run) return;
    parts.push(`/*${tag}${omitted.length}*/`);
    omitted.push(text.slice(run.start, run.end));
    run = undefined;
  };
  for (const statement of file.statements) {
    // [pos, end): the statement with its leading trivia (comments, JSDoc, blank lines)
    if (ts.isImportDeclaration(statement) || declaredNames(statement, file).some((n) => names.has(n))) {
      flush();
      parts.push(text.slice(statement.pos, statement.end));
    } else if (run) run.end = statement.end;
    else run = { start: statement.pos, end: statement.end };
  }
  flush();
  parts.push(text.slice(file.statements.end));
  return { text: parts.join(''), restore: (edited) => restore(edited, tag, omitted) };
}

function restore(edited: string, tag: string, omitted: readonly string[]): string | undefined {
  // every placeholder exactly once, in order, and nothing else that looks like one
  if (edited.split(`/*${tag}`).length !== omitted.length + 1) return undefined;
  const pieces = edited.split(new RegExp(`/\\*${tag}(\\d+)\\*/`)); // [text, index, text, index, ..., text]
  if (pieces.length !== omitted.length * 2 + 1) return undefined;
  const out: string[] = [pieces[0]!];
  for (let i = 0; i < omitted.length; i++) {
    if (pieces[2 * i + 1] !== String(i)) return undefined;
    out.push(omitted[i]!, pieces[2 * i + 2]!);
  }
  return out.join('');
}

/** Every name a top-level statement declares, as written and unquoted (a superset of what edits look up). */
function declaredNames(statement: ts.Statement, file: ts.SourceFile): string[] {
  if (ts.isVariableStatement(statement)) return statement.declarationList.declarations.map((d) => d.name.getText(file));
  const name = (statement as { name?: ts.Node }).name;
  if (!name) return [];
  return ts.isStringLiteral(name) ? [name.getText(file), name.text] : [name.getText(file)];
}

/** A placeholder prefix the text does not contain. */
function uniqueTag(text: string): string {
  let tag = 'zc-omitted-';
  while (text.includes(tag)) tag += '-';
  return tag;
}
