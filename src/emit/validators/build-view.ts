import type { Issue } from '../../issue.js';
import { sortIssues } from '../../issue.js';
import { toLiteral } from '../literal.js';
import { constant, createContext, commentSafe, type CompiledFn, type CompileContext, type CompileOptions, type Usage } from './context.js';
import { createMentionMemo, dropUnneededDepthGuards, functionsCalledByOthers, functionsReachedFrom, type MentionMemo } from './depth-guards.js';
import { compileDeferred, drainPending, functionFor, hasQuickVariant, rootFunction } from './functions.js';
import { selectSnippets } from './runtime-snippets.js';
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

/** What the validators templates (`templates/validators-*.hbs`) print: every decision made, every spec string already escaped. */
export interface ValidatorsView {
  importTypes: boolean;
  snippets: string[];
  consts: Array<{ name: string; expr: string }>;
  functions: Array<{ declared: string; params: string; origin: string; body: string; returns: string }>;
  /**
   * The `const` bindings that calls of yes/no functions and of export roots go through (`const q_X = q_X$`), in one
   * block after the functions: V8 folds a `const` binding into the caller, where a function declaration's binding
   * (which could be reassigned) is loaded and checked on every call. Other collecting functions run on invalid input
   * only and are called by their declared names.
   */
  aliases: Array<{ name: string; declared: string }>;
  /**
   * `quick` is '' when the schema has no yes/no code of its own: the export then runs `fn` alone. With `root`, `fn` is
   * a root function returning the error list (`rootFunction`) and `prefix` the segments put before every `loc`
   * (`''`: none); else `fn` records into a list the export makes and `prefix` is the path node it passes.
   */
  exports: Array<{ exportName: string; typeExpr: string; summary: string; fn: string; quick: string; prefix: string; root: boolean }>;
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
  const compiled = requests.map((req, i) => {
    // an exported schema that copies a component (or another export) runs that one's functions
    const at = index.sameContent.get(entries[i]!.node as object)?.representative ?? entries[i]!;
    const dyn = new Map();
    const fn = functionFor({ ctx, usage: req.usage, dyn, quick: false }, at);
    // a schema too big for yes/no code of its own is checked by its collecting function alone ('' in the template)
    const quick = hasQuickVariant({ ctx }, at) ? functionFor({ ctx, usage: req.usage, dyn, quick: true }, at) : '';
    return { req, fn, quick };
  });
  // most exports' functions become root functions: those are compiled in that form first
  for (const { fn } of compiled) ctx.rootFirst.add(fn);
  drainPending(ctx);
  // the bodies are scanned for the names they mention up to three times; each text once
  const mentions = createMentionMemo();
  const rootNames = rootFunctions(ctx, compiled.map((c) => c.fn), mentions);
  drainPending(ctx);
  const exports = compiled.map(({ req, fn, quick }) => {
    const root = rootNames.get(fn);
    const segments = req.locPrefix.map((p) => toLiteral(p)).join(', ');
    return {
      exportName: req.exportName,
      typeExpr: req.typeExpr,
      summary: commentSafe(req.summary),
      fn: root ?? fn,
      // a root function allocates nothing on a valid value, so a yes/no pass before it would only add code
      quick: root === undefined ? quick : '',
      root: root !== undefined,
      prefix: root !== undefined
        ? (segments === '' ? '' : `[${segments}]`)
        : (segments === '' ? 'null' : constant(ctx, 'L', `[null, ${segments}] as const`)),
    };
  });
  if (exports.some((e) => e.root && e.prefix !== '')) ctx.helpers.add('px');
  if (exports.length > 0) ctx.helpers.add('rs');
  // yes/no functions (and their constants) that only root exports asked for are used by nothing now
  const reached = functionsReachedFrom(exports.flatMap((e) => [e.fn, e.quick, e.prefix]), ctx.fns, ctx.consts, mentions);
  const consts = ctx.consts.filter((c) => reached.has(c.name));
  const functions = dropUnneededDepthGuards(ctx.fns.filter((f) => reached.has(f.name)).sort(bySchema), consts, mentions);
  const view: ValidatorsView = {
    importTypes: opts.importTypes,
    // `r` (recording relative to `p`) only where some function still does: root functions write their errors with `ra`
    snippets: selectSnippets([...ctx.helpers].filter((h) => h !== 'r' || functions.some((f) => /\br\(e, \[?p\b/.test(f.body)))),
    // ordered by name (names come from pointers and contents): a new schema or constant adds lines, moves none
    consts: consts.sort(byName),
    functions: functions.map(({ name, params, origin, body, kind }) => ({
      declared: declaredName(name, kind), params, origin, body, returns: kind === 'root' ? 'ValidationIssue[]' : 'boolean',
    })),
    aliases: functions.filter((f) => f.kind !== 'collecting').map((f) => ({ name: f.name, declared: declaredName(f.name, f.kind) })),
    exports,
  };
  // both variants of a function compile the same schema: report each problem once
  const unique = [...new Map(ctx.issues.map((i) => [JSON.stringify(i), i])).values()];
  return { view, issues: sortIssues(unique) };
}

/** The name a function is declared under: `q_X$` where calls go through the `const q_X` (see `ValidatorsView`). */
function declaredName(name: string, kind: CompiledFn['kind']): string {
  return kind === 'collecting' ? name : `${name}$`;
}

/**
 * Turns the collecting functions that only exports call into root functions (`rootFunction`); returns old name → new
 * name. A function some other function or constant mentions (a nested schema, a recursive one, a branch table) keeps
 * its form: a root copy next to it would double the code of every component that is both exported and nested.
 */
function rootFunctions(ctx: CompileContext, exported: string[], mentions: MentionMemo): Map<string, string> {
  // a function compiled root-first calls what its collecting body would
  const called = functionsCalledByOthers(ctx.fns.map((f) => (f.rootCode === undefined ? f : { name: f.name, body: f.rootCode })), ctx.consts, mentions);
  const byName = new Map(ctx.fns.map((f) => [f.name, f]));
  const out = new Map<string, string>();
  for (const name of new Set(exported)) {
    const fn = byName.get(name);
    if (called.has(name) || fn?.seed === undefined || fn.seed.ann !== undefined) continue;
    out.set(name, rootFunction(ctx, fn));
  }
  for (const fn of ctx.fns) compileDeferred(fn);
  return out;
}

function byName(a: { name: string }, b: { name: string }): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** Functions by schema stem, each schema's quick variant right before its collecting (or root) one. */
function bySchema(a: { name: string }, b: { name: string }): number {
  const key = (n: string): string => `${n.slice(2)} ${n[0] === 'q' ? 0 : 1}`;
  return byName({ name: key(a.name) }, { name: key(b.name) });
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
