/** The `byTag` groups of the generated client: methods an overlay adds are listed beside the operation they refine. */
import { Node, SyntaxKind, type SourceFile } from 'ts-morph';
import type { Issue } from '../issue.js';
import { memberName, type EditContext } from './edit-context.js';
import { insertNamed } from './member-edits.js';
import type { AddToTagGroupsEdit } from './types.js';

/** The top-level declarations this edit reads and changes. */
export const TAG_GROUP_DECLARATIONS = ['Client', 'createClient'] as const;

/** Adds `edit.names` after `edit.beside` in every `byTag` group that lists it: `Client` interface and `createClient`'s result. */
export function addToTagGroups(file: SourceFile, edit: AddToTagGroupsEdit, ctx: EditContext): Issue[] {
  const byTagType = () => file.getInterface('Client')?.getProperty('byTag')?.getTypeNode();
  if (!Node.isTypeLiteral(byTagType())) return [ctx.missing('member', 'Client.byTag', edit.file)];
  if (!Node.isObjectLiteralExpression(returnedByTag(file))) return [ctx.missing('property', 'createClient().byTag', edit.file)];
  const issues: Issue[] = [];
  const where = { file: edit.file, inner: 'byTag' };
  // groups are looked up again for every insertion: each one replaces the file's nodes
  const typeGroups = () => groupsOf(byTagType(), 'type');
  for (let g = 0; g < typeGroups().length; g++) {
    const members = () => typeGroups()[g];
    if (!members()?.some((m) => memberName(m) === edit.beside)) continue;
    const items = edit.names.map((name) => ({ name, text: `readonly ${name}: Client[${JSON.stringify(name)}];` }));
    issues.push(...insertNamed(members, edit.beside, items, '\n', ctx, { ...where, what: 'member' }));
  }
  const valueGroups = () => groupsOf(returnedByTag(file), 'value');
  for (let g = 0; g < valueGroups().length; g++) {
    const properties = () => valueGroups()[g];
    if (!properties()?.some((p) => memberName(p) === edit.beside)) continue;
    const items = edit.names.map((name) => ({ name, text: `${name}: methods.${name}` }));
    issues.push(...insertNamed(properties, edit.beside, items, ',\n', ctx, { ...where, what: 'property' }));
  }
  return issues;
}

function returnedByTag(file: SourceFile): Node | undefined {
  const property = file
    .getFunction('createClient')
    ?.getDescendantsOfKind(SyntaxKind.ReturnStatement)
    .at(-1)
    ?.getExpressionIfKind(SyntaxKind.ObjectLiteralExpression)
    ?.getProperty('byTag');
  return property && Node.isPropertyAssignment(property) ? property.getInitializer() : undefined;
}

/** The member lists of each group: `{ tag: { a: ...; b: ... } }` as a type literal or an object literal. */
function groupsOf(node: Node | undefined, form: 'type' | 'value'): Node[][] {
  if (form === 'type') {
    if (!node || !Node.isTypeLiteral(node)) return [];
    return node.getMembers().flatMap((m) => {
      const type = Node.isPropertySignature(m) ? m.getTypeNode() : undefined;
      return type && Node.isTypeLiteral(type) ? [type.getMembers()] : [];
    });
  }
  if (!node || !Node.isObjectLiteralExpression(node)) return [];
  return node.getProperties().flatMap((p) => {
    const value = Node.isPropertyAssignment(p) ? p.getInitializer() : undefined;
    return value && Node.isObjectLiteralExpression(value) ? [value.getProperties()] : [];
  });
}
