import { contentDigest, createContentSurvey, surveyContent, type ContentSurvey } from './content-ids.js';
import { isPlainObject, type SchemaAt, type SchemaIndex } from './schema-index.js';
import { identifierPart } from './stable-names.js';

// Big specs repeat the same inline sub-schema hundreds of times (GitHub's webhook payloads carry full copies of
// `repository`, `sender`, `installation`, ...; every `created_at: {oneOf: [integer, date-time]}` has its own branch
// functions). Compiled where they stand, the module held hundreds of copies of the same code. Here copies with
// identical content (see content-ids.ts) are grouped once per run, before anything is compiled:
// - a function that exists anyway (a `$ref` target, an anyOf/oneOf/not/if/contains branch, an export) is compiled
//   once per group (`functionFor` asks `index.sameContent`), whatever its size;
// - a big copy that would be inlined into its parent becomes a call of its group's function (`childGen` asks
//   `index.shared`); small ones stay inline, where they cost no more than a call and stay on V8's fast path.

/** Identical subschemas compiled as one function. */
export interface SharedSchema {
  /** the stand-in node a big copy is compiled as: a `$ref` that `resolveSchemaRef` maps to `representative` */
  ref: { $ref: string };
  /** the copy the function is compiled from: a component with this content, else the first copy met */
  representative: SchemaAt;
  /**
   * the name stem (`s_Repository_1a2b3c4d`): content-derived, so a copy added elsewhere renames nothing; made when
   * a function first needs it (`sharedStem`), as most groups never get one of their own
   */
  stem?: string;
}

/**
 * Copies with at least this many schema nodes (itself included: an object with three properties) are called
 * rather than inlined when they occur twice. Smaller ones (a nullable scalar, a pair) stay inline: a call costs
 * about as much code, and inline they stay on V8's fast path. Measured on GitHub's validators (formatted): 8 → 4
 * saves another 0.6 MB; 3 saves little more.
 */
export const MIN_SHARED_WEIGHT = 4;

/** One content group while choosing. */
interface Group {
  copies: object[];
  big: boolean;
  first?: SchemaAt | undefined;
  met: number;
}

/**
 * Groups the subschemas at and below the roots by content and records the groups of two or more compiled copies
 * in `index.sameContent`, the big ones also in `index.shared`, their stand-ins in `index.sharedRefs`.
 * `components` (the component schemas, or the document) come first and represent their group (dereferenced specs
 * such as GitHub's repeat whole components inline, which then call the component's own function); `exported` (the
 * exported schemas) follow. A component with a twin component keeps its own function (`$ref`s to it name it).
 */
export function findSharedSchemas(index: SchemaIndex, components: SchemaAt[], exported: SchemaAt[]): void {
  const survey = createContentSurvey(index.located);
  // a root listed twice (the document as both schema and export) is walked once
  const seen = new Set<unknown>();
  const once = (r: SchemaAt): boolean => isPlainObject(r.node) && !seen.has(r.node) && Boolean(seen.add(r.node));
  const named = components.filter(once);
  const roots = [...named, ...exported.filter(once)];
  for (const r of roots) surveyContent(survey, r.node as Record<string, unknown>);
  index.contents = survey.infos;
  const groups = chooseRepresentatives(survey, named, roots);
  const componentNodes = new Set(named.map((r) => r.node));
  for (const [id, group] of groups) {
    const representative = group.first;
    if (representative === undefined || group.met < 2) continue;
    const node = representative.node as Record<string, unknown>;
    const shared: SharedSchema = { ref: { $ref: `#shared-${id}` }, representative };
    // A root keeps its pointer's name: a component's function is the one its `$ref`s call, and an exported schema
    // may be made up for the export (`{ $ref }`, a parameters object) and sit at some other schema's pointer.
    if (!seen.has(node)) index.sharedStems.set(`${representative.file ?? ''}${representative.pointer}`, shared);
    if (group.big) index.sharedRefs.set(shared.ref, shared);
    for (const copy of group.copies) {
      if (copy !== node && componentNodes.has(copy)) continue;
      index.sameContent.set(copy, shared);
      // the representative too: inside a parent it is one more call (its own function compiles it directly)
      if (group.big) index.shared.set(copy, shared);
    }
  }
}

/**
 * Walks the roots in order, as the compiler will: the first copy met (a component, if one has the content)
 * represents its group; later copies of a big group are not walked into (they become calls: their insides are
 * never compiled). `met` counts the copies met that way; a group met once is not shared (its function would be
 * called from one place).
 */
function chooseRepresentatives(survey: ContentSurvey, named: SchemaAt[], roots: SchemaAt[]): Map<number, Group> {
  const groups = new Map<number, Group>();
  const groupOf = (node: object): Group | undefined => {
    const info = survey.infos.get(node)!;
    const copies = survey.copies[info.id];
    if (copies === undefined || copies.length < 2) return undefined;
    let group = groups.get(info.id);
    if (group === undefined) groups.set(info.id, (group = { copies, big: info.weight >= MIN_SHARED_WEIGHT, met: 0 }));
    return group;
  };
  for (const r of named) {
    const group = groupOf(r.node as object);
    if (group !== undefined) group.first ??= r;
  }
  const walked = new Set<object>();
  const visit = (node: Record<string, unknown>): void => {
    // a node is walked once, even in a cyclic document (YAML aliases)
    if (walked.has(node)) return;
    walked.add(node);
    const group = groupOf(node);
    if (group !== undefined) {
      group.met++;
      group.first ??= survey.located.get(node);
      if (group.big && group.first !== undefined && group.first.node !== node) return;
    }
    for (const child of survey.infos.get(node)!.children) visit(child);
  };
  for (const r of roots) visit(r.node as Record<string, unknown>);
  return groups;
}

/** The name stem of a shared subschema's functions, from a digest of its content (`s_Repository_1a2b3c4d`). */
export function sharedStem(index: SchemaIndex, shared: SharedSchema): string {
  if (shared.stem === undefined) {
    const node = shared.representative.node as Record<string, unknown>;
    shared.stem = `s_${titlePart(node)}${contentDigest(node, index.digests).slice(0, 8)}`;
  }
  return shared.stem;
}

/** `Repository_` from a schema's `title` (part of its content, so stable), to make the name readable; else ''. */
function titlePart(node: Record<string, unknown>): string {
  const title = typeof node.title === 'string' ? node.title : '';
  const kept = title.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_|_$/g, '').slice(0, 32);
  return kept === '' ? '' : `${identifierPart(kept)}_`;
}
