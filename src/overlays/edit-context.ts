import { Node, type SourceFile } from 'ts-morph';
import type { Issue } from '../issue.js';

/** What every edit needs besides its source file: the overlay's marker and how to report a target problem. */
export interface EditContext {
  overlay: string;
  /** `// overlay: <name>`: put before everything the overlay adds, so a second application finds and skips it */
  marker: string;
  /** a target named by the edit is not in the file */
  missing(what: string, target: string, file: string): Issue;
  /** a declaration the edit would add already exists, but not from this overlay */
  conflict(what: string, target: string, file: string): Issue;
}

/** Builds the context of one overlay; issues point at `anchor` in the spec `file`. */
export function createEditContext(overlay: string, specFile: string, anchor: string): EditContext {
  const issue = (code: string, message: string): Issue => ({
    severity: 'error',
    code,
    file: specFile,
    pointer: anchor,
    message: `overlay '${overlay}': ${message}`,
    hint: `the generated code no longer has the shape overlay '${overlay}' edits (src/overlays/${overlay}.ts): update its edits`,
  });
  return {
    overlay,
    marker: `// overlay: ${overlay}`,
    missing: (what, target, file) => issue('overlay-target-missing', `target ${what} '${target}' not found in ${file}`),
    conflict: (what, target, file) =>
      issue('overlay-target-conflict', `target ${what} '${target}' already exists in ${file} and was not added by this overlay`),
  };
}

/** True when `node` carries the marker of the overlay in its leading comments. */
export function isMarked(node: Node, ctx: EditContext): boolean {
  return node.getLeadingCommentRanges().some((c) => c.getText().trim() === ctx.marker);
}

/** `text` preceded by the overlay's marker line, ready to insert after `separator`. */
export function marked(ctx: EditContext, text: string, separator = '\n\n'): string {
  return `${separator}${ctx.marker}\n${text.trim()}`;
}

/** The name a statement declares (the first, for a variable statement), if any. */
export function declaredName(statement: Node): string | undefined {
  if (Node.isVariableStatement(statement)) return statement.getDeclarations()[0]?.getName();
  if (Node.hasName(statement)) return statement.getName();
  return undefined;
}

/** The top-level statement declaring `name`. */
export function findStatement(file: SourceFile, name: string): Node | undefined {
  return file.getStatements().find((s) => declaredName(s) === name);
}

/** A member or property name without quotes: `"application/json"` → `application/json`. */
export function memberName(node: Node): string | undefined {
  if (!Node.isPropertyNamed(node) && !Node.hasName(node)) return undefined;
  const nameNode = (node as unknown as { getNameNode(): Node }).getNameNode();
  if (Node.isStringLiteral(nameNode) || Node.isNumericLiteral(nameNode)) return String(nameNode.getLiteralValue());
  return nameNode.getText();
}

/** Where a declaration's own text starts: its JSDoc if it has one (not a file header before it), else the node. */
export function ownStart(node: Node): number {
  const docs = Node.isJSDocable(node) ? node.getJsDocs() : [];
  const last = docs[docs.length - 1];
  return last ? last.getStart() : node.getStart();
}
