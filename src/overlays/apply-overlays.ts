import { Project, type SourceFile } from 'ts-morph';
import type { GeneratedFile } from '../generated-file.js';
import type { Issue } from '../issue.js';
import { checkExpectations } from './check-expectations.js';
import { addDeclarations, addImports, replaceDeclaration, wrapFunction } from './declaration-edits.js';
import { createEditContext, type EditContext } from './edit-context.js';
import { addMembers, addProperties, appendDoc, setPropertyType } from './member-edits.js';
import { addToTagGroups } from './tag-group-edits.js';
import type { Overlay, OverlayEdit } from './types.js';

/** The spec the overlays were selected for: expectations are checked against `document`, issues name `file`. */
export interface OverlaySpec {
  file: string;
  document: unknown;
}

/**
 * Applies overlays to emitted files in an in-memory ts-morph project. Every overlay's expectations are checked
 * against the spec first; if any fails, nothing is applied. Applying to already overlaid files changes nothing.
 */
export function applyOverlays(
  files: readonly GeneratedFile[],
  overlays: readonly Overlay[],
  spec: OverlaySpec,
): { files: GeneratedFile[]; issues: Issue[] } {
  const expectationIssues = overlays.flatMap((o) => checkExpectations(o, spec.document, spec.file));
  if (overlays.length === 0 || expectationIssues.length > 0) return { files: [...files], issues: expectationIssues };
  const project = new Project({ useInMemoryFileSystem: true, skipAddingFilesFromTsConfig: true });
  const byPath = new Map(files.map((f) => [f.path, f]));
  const opened = new Map<string, SourceFile>();
  const open = (path: string): SourceFile | undefined => {
    const file = byPath.get(path);
    if (!file || !path.endsWith('.ts')) return undefined;
    const existing = opened.get(path);
    if (existing) return existing;
    const created = project.createSourceFile(`/${path}`, file.content);
    opened.set(path, created);
    return created;
  };
  const issues: Issue[] = [];
  for (const overlay of overlays) {
    const ctx = createEditContext(overlay.name, spec.file, overlay.anchor);
    for (const edit of overlay.edits) {
      const source = open(edit.file);
      issues.push(...(source ? applyEdit(source, edit, ctx) : [ctx.missing('file', edit.file, 'the generated package')]));
    }
  }
  return {
    files: files.map((f) => {
      const source = opened.get(f.path);
      return source ? { path: f.path, content: source.getFullText() } : f;
    }),
    issues,
  };
}

/** Applies one edit; returns the target problems it met. */
export function applyEdit(file: SourceFile, edit: OverlayEdit, ctx: EditContext): Issue[] {
  switch (edit.kind) {
    case 'replace-declaration':
      return replaceDeclaration(file, edit, ctx);
    case 'add-declarations':
      return addDeclarations(file, edit, ctx);
    case 'wrap-function':
      return wrapFunction(file, edit, ctx);
    case 'add-imports':
      return addImports(file, edit, ctx);
    case 'set-property-type':
      return setPropertyType(file, edit, ctx);
    case 'add-members':
      return addMembers(file, edit, ctx);
    case 'add-properties':
      return addProperties(file, edit, ctx);
    case 'append-doc':
      return appendDoc(file, edit, ctx);
    case 'add-to-tag-groups':
      return addToTagGroups(file, edit, ctx);
  }
}
