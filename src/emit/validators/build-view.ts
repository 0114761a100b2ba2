import type { Issue } from '../../issue.js';
import { sortIssues } from '../../issue.js';
import { toLiteral } from '../literal.js';
import { constant, createContext, commentSafe, type CompileOptions, type Usage } from './context.js';
import { dropUnneededDepthGuards } from './depth-guards.js';
import { drainPending, functionFor, hasQuickVariant } from './functions.js';
import { MESSAGES, selectSnippets } from './runtime-snippets.js';
import { findSharedSchemas } from './shared-schemas.js';
import { findUsageDependent } from './usage-dependence.js';
import { createSchemaIndex, DEFAULT_BASE, indexSchema, isPlainObject, sortedKeys, type SchemaAt } from './schema-index.js';
import { getAtPointer, ptr } from '../../load/pointer.js';

/** One exported validator to compile (the dialect-neutral part of `ValidatorEntry`). */
export interface ExportRequest {
  exportName: string;
  typeExpr: string;
  schema: unknown;
  pointer: string;
  locPrefix: Array<string | number>;
  usage: Usage;
  summary: string;
}

/** What `templates/validators.hbs` prints: every decision made, every spec string already escaped. */
export interface ValidatorsView {
  importTypes: boolean;
  snippets: string[];
  messages: Array<{ key: string; text: string }>;
  consts: Array<{ name: string; expr: string }>;
  functions: Array<{ name: string; params: string; origin: string; body: string }>;
  /** `quick` is '' when the schema has no yes/no code of its own: the export then runs `fn` alone */
  exports: Array<{ exportName: string; typeExpr: string; summary: string; fn: string; quick: string; prefix: string }>;
}

/**
 * Compiles the schemas of `requests` (inside `document`, whose `$ref`s they may use) into the view model of one
 * validators module. Component schemas reached through `$ref` compile once into shared functions.
 */
export function buildValidatorsView(
  document: unknown,
  requests: ExportRequest[],
  opts: CompileOptions & { importTypes: boolean },
): { view: ValidatorsView; issues: Issue[] } {
  const index = createSchemaIndex(opts.loadRemote, opts.dialect !== 'openapi-3.0');
  const docBase = isPlainObject(document) && typeof document.$id === 'string' && opts.dialect === 'json-schema-2020-12' ? document.$id : DEFAULT_BASE;
  const roots = indexDocument(index, document, docBase, opts.dialect === 'json-schema-2020-12');
  const entries = requests.map((req) => locateEntry(index, document, req, docBase));
  // every schema is indexed before sharing is decided, so the decision never depends on compile order
  findSharedSchemas(index, roots, entries);
  if (index.usesReadWrite) index.usageDependent = findUsageDependent(index, index.contents);
  const ctx = createContext(opts, index);
  const exports = requests.map((req, i) => {
    // an exported schema that copies a component (or another export) runs that one's functions
    const at = index.sameContent.get(entries[i]!.node as object)?.representative ?? entries[i]!;
    const dyn = new Map();
    const fn = functionFor({ ctx, usage: req.usage, dyn, quick: false }, at);
    // a schema too big for yes/no code of its own is checked by its collecting function alone ('' in the template)
    const quick = hasQuickVariant({ ctx }, at) ? functionFor({ ctx, usage: req.usage, dyn, quick: true }, at) : '';
    return {
      exportName: req.exportName,
      typeExpr: req.typeExpr,
      summary: commentSafe(req.summary),
      fn,
      quick,
      prefix: req.locPrefix.length === 0 ? 'null' : constant(ctx, 'L', `[null, ${req.locPrefix.map((p) => toLiteral(p)).join(', ')}] as const`),
    };
  });
  drainPending(ctx);
  const functions = dropUnneededDepthGuards([...ctx.fns].sort(bySchema), ctx.consts);
  // the depth error is left only where a guard is
  const guarded = functions.some((f) => f.body.includes('"recursion_loop"'));
  const usedMessages = [...ctx.messages].filter((k) => k in MESSAGES && (k !== 'recursion_loop' || guarded)).sort();
  const view: ValidatorsView = {
    importTypes: opts.importTypes,
    snippets: selectSnippets(['r', ...ctx.helpers]),
    messages: usedMessages.map((key) => ({ key, text: toLiteral(MESSAGES[key]) })),
    // ordered by name (names come from pointers and contents): a new schema or constant adds lines, moves none
    consts: [...ctx.consts].sort(byName),
    functions,
    exports,
  };
  // both variants of a function compile the same schema: report each problem once
  const unique = [...new Map(ctx.issues.map((i) => [JSON.stringify(i), i])).values()];
  return { view, issues: sortIssues(unique) };
}

function byName(a: { name: string }, b: { name: string }): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** Functions by schema stem, each schema's quick variant right before its collecting one. */
function bySchema(a: { name: string }, b: { name: string }): number {
  return byName({ name: `${a.name.slice(2)} ${a.name[0]}` }, { name: `${b.name.slice(2)} ${b.name[0]}` });
}

/** Indexes the document's schemas; returns the roots (the document itself, or each component schema). */
function indexDocument(index: ReturnType<typeof createSchemaIndex>, document: unknown, base: string, isSchema: boolean): SchemaAt[] {
  if (isSchema) {
    const root: SchemaAt = { node: document, base, pointer: '#' };
    indexSchema(index, root);
    if (!index.resources.has(base)) index.resources.set(base, root);
    return [root];
  }
  index.resources.set(base, { node: document, base, pointer: '#' });
  const schemas = getAtPointer(document, '#/components/schemas');
  if (!isPlainObject(schemas)) return [];
  return sortedKeys(schemas).map((name) => {
    const at: SchemaAt = { node: schemas[name], base, pointer: ptr('components', 'schemas', name) };
    indexSchema(index, at);
    return index.located.get(at.node as object) ?? at;
  });
}

function locateEntry(index: ReturnType<typeof createSchemaIndex>, document: unknown, req: ExportRequest, base: string): SchemaAt {
  const node = req.schema;
  if (typeof node === 'object' && node !== null) {
    const known = index.located.get(node);
    if (known) return known;
    const inDoc = getAtPointer(document, req.pointer);
    const at: SchemaAt = { node, base, pointer: req.pointer };
    indexSchema(index, inDoc === node ? at : at);
    return index.located.get(node) ?? at;
  }
  return { node, base, pointer: req.pointer };
}
