/** Edits inside declarations: interface members, nested property types, object literal properties, JSDoc. */
import { Node, SyntaxKind, type SourceFile } from 'ts-morph';
import type { Issue } from '../issue.js';
import { isMarked, marked, memberName, type EditContext } from './edit-context.js';
import type { AddMembersEdit, AddPropertiesEdit, AppendDocEdit, NamedText, SetPropertyTypeEdit } from './types.js';

/** Sets the type of the property at `edit.path` (interface, then nested type-literal properties). */
export function setPropertyType(file: SourceFile, edit: SetPropertyTypeEdit, ctx: EditContext): Issue[] {
  const property = findNestedProperty(file, edit.path);
  if (!property) return [ctx.missing('property', edit.path.join('.'), edit.file)];
  if (property.getTypeNode()?.getText() === edit.type) return [];
  property.setType(edit.type);
  const again = findNestedProperty(file, edit.path)!;
  file.insertText(again.getStart(), `${ctx.marker}\n`);
  return [];
}

function findNestedProperty(file: SourceFile, path: readonly string[]) {
  const [head, ...rest] = path;
  let members = head === undefined ? undefined : file.getInterface(head)?.getMembers();
  let found: ReturnType<typeof asProperty>;
  for (const name of rest) {
    found = asProperty(members?.find((m) => memberName(m) === name));
    if (!found) return undefined;
    const type = found.getTypeNode();
    members = type && Node.isTypeLiteral(type) ? type.getMembers() : undefined;
  }
  return found;
}

function asProperty(node: Node | undefined) {
  return node && Node.isPropertySignature(node) ? node : undefined;
}

/** Adds interface members after member `edit.after`. */
export function addMembers(file: SourceFile, edit: AddMembersEdit, ctx: EditContext): Issue[] {
  const members = () => file.getInterface(edit.interface)?.getMembers();
  if (!members()) return [ctx.missing('interface', edit.interface, edit.file)];
  return insertNamed(members, edit.after, edit.members, '\n', ctx, { what: 'member', file: edit.file, inner: edit.interface });
}

/** Adds properties to the object literal of `const edit.variable` in function `edit.function`, after `edit.after`. */
export function addProperties(file: SourceFile, edit: AddPropertiesEdit, ctx: EditContext): Issue[] {
  const properties = () =>
    file
      .getFunction(edit.function)
      ?.getVariableDeclaration(edit.variable)
      ?.getInitializerIfKind(SyntaxKind.ObjectLiteralExpression)
      ?.getProperties();
  if (!properties()) return [ctx.missing('object literal', `${edit.function}.${edit.variable}`, edit.file)];
  // Inserted right after a property, before its comma (if any): so a comma must lead the new text.
  return insertNamed(properties, edit.after, edit.properties, ',\n', ctx, {
    what: 'property',
    file: edit.file,
    inner: `${edit.function}.${edit.variable}`,
  });
}

/** Inserts each named text after the previous (the first after `after`), skipping those already added. */
export function insertNamed(
  list: () => Node[] | undefined,
  after: string,
  items: readonly NamedText[],
  separator: string,
  ctx: EditContext,
  where: { what: string; file: string; inner: string },
): Issue[] {
  const find = (name: string) => list()?.find((n) => memberName(n) === name);
  if (!find(after)) return [ctx.missing(where.what, `${where.inner}.${after}`, where.file)];
  const issues: Issue[] = [];
  let anchor = after;
  for (const item of items) {
    const existing = find(item.name);
    if (existing && !isMarked(existing, ctx)) {
      issues.push(ctx.conflict(where.what, `${where.inner}.${item.name}`, where.file));
      continue;
    }
    if (!existing) {
      const node = find(anchor)!;
      node.getSourceFile().insertText(node.getEnd(), marked(ctx, item.text, separator));
    }
    anchor = item.name;
  }
  return issues;
}

/** Appends a paragraph to a member's JSDoc, before its tags; a doc that already says it is left alone. */
export function appendDoc(file: SourceFile, edit: AppendDocEdit, ctx: EditContext): Issue[] {
  const member = file
    .getInterface(edit.interface)
    ?.getMembers()
    .find((m) => memberName(m) === edit.member);
  if (!member || !Node.isJSDocable(member)) return [ctx.missing('member', `${edit.interface}.${edit.member}`, edit.file)];
  const doc = member.getJsDocs().at(-1);
  const paragraph = edit.text.trim().split('\n');
  if (!doc) {
    member.addJsDoc(paragraph.join('\n'));
    return [];
  }
  if (normalizeDoc(doc.getText()).includes(normalizeDoc(edit.text))) return [];
  const column = file.getLineAndColumnAtPos(doc.getStart()).column - 1;
  const lines = expandDoc(doc.getText(), ' '.repeat(column)).split('\n');
  const indent = /^(\s*)\*/.exec(lines[1] ?? '')?.[1] ?? ' ';
  const tagLine = lines.findIndex((l, i) => i > 0 && /^\s*\*\s*@/.test(l));
  const at = tagLine === -1 ? lines.length - 1 : tagLine;
  const added = [...paragraph.map((l) => `${indent}* ${l}`.trimEnd()), `${indent}*`];
  lines.splice(at, 0, ...(tagLine === -1 ? [`${indent}*`, ...added.slice(0, -1)] : added));
  file.replaceText([doc.getStart(), doc.getEnd()], lines.join('\n'));
  return [];
}

/** A one-line `/** x *\/` as three lines indented by `margin`, so a paragraph can go between. */
function expandDoc(text: string, margin: string): string {
  return text.includes('\n') ? text : `/**\n${margin} * ${normalizeDoc(text)}\n${margin} */`;
}

function normalizeDoc(text: string): string {
  return text
    .replace(/^\s*\/\*\*|\*\/\s*$/g, '')
    .replace(/^\s*\*/gm, '')
    .replace(/\s+/g, ' ')
    .trim();
}
