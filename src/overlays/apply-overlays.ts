import { Project, type SourceFile } from 'ts-morph';
import type { GeneratedFile } from '../generated-file.js';
import type { Issue } from '../issue.js';
import { checkExpectations } from './check-expectations.js';
import { addDeclarations, addImports, replaceDeclaration, wrapFunction } from './declaration-edits.js';
import { createEditContext, type EditContext } from './edit-context.js';
import { addMembers, addProperties, appendDoc, setPropertyType } from './member-edits.js';
import { reduceSource, type ReducedSource } from './reduced-source.js';
import { addToTagGroups, TAG_GROUP_DECLARATIONS } from './tag-group-edits.js';
import type { Overlay, OverlayEdit } from './types.js';

/** The spec the overlays were selected for: expectations are checked against `document`, issues name `file`. */
export interface OverlaySpec {
  file: string;
  document: unknown;
}

/**
 * Applies overlays to emitted files in an in-memory ts-morph project. Every overlay's expectations are checked
 * against the spec first; if any fails, nothing is applied. Applying to already overlaid files changes nothing.
 * Each file is edited cut down to the statements its edits name (reduced-source.ts); `whole: true` edits whole
 * files, as it is done when a cut-down copy cannot be put back together. `onFileDone` sees each file as soon as it
 * is final (the format worker starts on it); after a fallback to whole files it sees them again.
 */
export function applyOverlays(
  files: readonly GeneratedFile[],
  overlays: readonly Overlay[],
  spec: OverlaySpec,
  { whole = false, onFileDone }: OverlayOptions = {},
): { files: GeneratedFile[]; issues: Issue[] } {
  const expectationIssues = overlays.flatMap((o) => checkExpectations(o, spec.document, spec.file));
  if (overlays.length === 0 || expectationIssues.length > 0) return { files: [...files], issues: expectationIssues };
  const project = new Project({ useInMemoryFileSystem: true, skipAddingFilesFromTsConfig: true });
  const byPath = new Map(files.map((f) => [f.path, f]));
  const names = namesPerFile(overlays);
  const schedule = editSchedule(overlays, byPath);
  const lastEdit = new Map(schedule.map((e, i) => [e.edit.file, i]));
  for (const f of files) if (!lastEdit.has(f.path)) onFileDone?.(f);
  const opened = new Map<string, { source: SourceFile; reduced?: ReducedSource }>();
  const open = (path: string): SourceFile | undefined => {
    const file = byPath.get(path);
    if (!file || !path.endsWith('.ts')) return undefined;
    const existing = opened.get(path);
    if (existing) return existing.source;
    const wanted = names.get(path);
    const reduced = whole || wanted === 'all' ? undefined : reduceSource(file.content, wanted ?? new Set());
    const source = project.createSourceFile(`/${path}`, reduced?.text ?? file.content);
    opened.set(path, { source, ...(reduced ? { reduced } : {}) });
    return source;
  };
  const contentOf = (path: string): string | undefined => {
    const edited = opened.get(path)!;
    const text = edited.source.getFullText();
    return edited.reduced ? edited.reduced.restore(text) : text;
  };
  const issues: Array<{ order: number; found: Issue[] }> = [];
  const done = new Map<string, string>();
  const contexts = overlays.map((o) => createEditContext(o.name, spec.file, o.anchor));
  for (const [index, { edit, overlay, order }] of schedule.entries()) {
    const ctx = contexts[overlay]!;
    const source = open(edit.file);
    issues.push({ order, found: source ? applyEdit(source, edit, ctx) : [ctx.missing('file', edit.file, 'the generated package')] });
    if (source && lastEdit.get(edit.file) === index) {
      const content = contentOf(edit.file);
      if (content === undefined) return applyOverlays(files, overlays, spec, { whole: true, ...(onFileDone ? { onFileDone } : {}) });
      done.set(edit.file, content);
      onFileDone?.({ path: edit.file, content });
    }
  }
  const out = files.map((f) => (done.has(f.path) ? { path: f.path, content: done.get(f.path)! } : f));
  return { files: out, issues: issues.sort((a, b) => a.order - b.order).flatMap((i) => i.found) };
}

export interface OverlayOptions {
  /** edit whole files, not cut-down copies (reduced-source.ts) */
  whole?: boolean;
  /** called with each file as soon as no edit is left for it: at once for files no edit names */
  onFileDone?: (file: GeneratedFile) => void;
}

/**
 * The order edits are applied in: file by file, the largest file first, so that the file prettier takes longest
 * over is final (and formatting in the worker) while the others are edited. Each file's edits keep their order,
 * overlay after overlay; an edit reads and changes its own file only, so the files come out the same in any order.
 * `order` is the edit's place in the overlays, which its issues are reported in.
 */
function editSchedule(overlays: readonly Overlay[], byPath: ReadonlyMap<string, GeneratedFile>): Array<{ edit: OverlayEdit; overlay: number; order: number }> {
  const edits = overlays.flatMap((o, overlay) => o.edits.map((edit) => ({ edit, overlay })));
  const size = (path: string) => byPath.get(path)?.content.length ?? 0;
  const first = new Map<string, number>();
  edits.forEach(({ edit }, i) => first.has(edit.file) || first.set(edit.file, i));
  const rank = (path: string) => [-size(path), first.get(path)!];
  return edits
    .map((e, order) => ({ ...e, order }))
    .sort((a, b) => {
      const [ra, rb] = [rank(a.edit.file), rank(b.edit.file)];
      return ra[0]! - rb[0]! || ra[1]! - rb[1]! || a.order - b.order;
    });
}

/** Per file, the top-level declarations its edits name (`all`: an edit that may read any). */
function namesPerFile(overlays: readonly Overlay[]): Map<string, Set<string> | 'all'> {
  const perFile = new Map<string, Set<string> | 'all'>();
  for (const edit of overlays.flatMap((o) => o.edits)) {
    const names = declarationsNamed(edit);
    const known = perFile.get(edit.file) ?? new Set<string>();
    if (known === 'all' || names === 'all') perFile.set(edit.file, 'all');
    else perFile.set(edit.file, new Set([...known, ...names]));
  }
  return perFile;
}

/** The top-level declarations an edit looks up or changes (imports are always kept). */
export function declarationsNamed(edit: OverlayEdit): readonly string[] | 'all' {
  switch (edit.kind) {
    case 'replace-declaration':
      return [edit.name];
    case 'add-declarations':
      return [edit.after, ...edit.declarations.map((d) => d.name)];
    case 'wrap-function':
      return [edit.name, edit.renameTo];
    case 'set-property-type':
      return edit.path.slice(0, 1);
    case 'add-members':
    case 'append-doc':
      return [edit.interface];
    case 'add-properties':
      return [edit.function];
    case 'add-imports':
      return [];
    case 'add-to-tag-groups':
      return TAG_GROUP_DECLARATIONS;
  }
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
