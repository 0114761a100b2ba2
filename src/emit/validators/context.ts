import type { Issue } from '../../issue.js';
import { toLiteral } from '../literal.js';
import { MESSAGES } from './runtime-snippets.js';
import { childPtr } from '../../load/pointer.js';
import { isPlainObject, resolveSchemaRef, type SchemaAt, type SchemaIndex } from './schema-index.js';
import { identifierPart, shortHash } from './stable-names.js';

/** Which reading of schema keywords applies. */
export type Dialect = 'openapi-3.0' | 'openapi-3.1' | 'json-schema-2020-12';
/** Where a value travels: `request` (readOnly properties need not be given), `response` (writeOnly ones must not
 * be), `any` (a component validator: both flags ignored). */
export type Usage = 'request' | 'response' | 'any';

/** Options of one compile run. */
export interface CompileOptions {
  dialect: Dialect;
  /** 'assert' (OpenAPI practice, the default) checks known formats; 'annotate' ignores `format` (2020-12 default) */
  formats?: 'assert' | 'annotate';
  /** nested schema applications per value before `recursion_loop` is reported (default 256) */
  maxDepth?: number;
  /** returns the schema document at an absolute URI (remote `$ref`s); never fetched from the network here */
  loadRemote?: (uri: string) => unknown;
}

/** Dynamic-scope bindings: `$dynamicAnchor` name → the outermost schema that defines it. */
export type DynBindings = ReadonlyMap<string, SchemaAt>;

/** A generated internal validator function. */
export interface CompiledFn {
  name: string;
  /** the parameter list (`ev` only for functions that report evaluated properties/items) */
  params: string;
  /** where the schema came from (already safe for a line comment) */
  origin: string;
  body: string;
  /**
   * yes/no (the valid path runs these), collecting (records errors into a list it is given and answers "recorded
   * none"), or an export's root (returns the error list)
   */
  kind: 'quick' | 'collecting' | 'root';
  /** how its body was generated (kept to generate its other form later: `rootFunction`, `compileDeferred`) */
  seed?: Gen;
  /**
   * An export's function, compiled in both forms at once (`CompileContext.rootFirst`): the root form's statements,
   * until `rootFunction` uses them or `compileDeferred` makes the collecting `body` from `bothForms` instead.
   */
  rootCode?: string;
  /** the statements of both forms, until `rootFunction` or `compileDeferred` has picked one (see `FormSites`) */
  bothForms?: { code: string; sites: FormSites };
}

/**
 * The places where the root and the collecting form of a function's code differ (how an error is recorded, the
 * error list a call records into), for code written once for both: the code holds a marker per place
 * (`formSite`), and `pickForm` puts in either form's text.
 */
export interface FormSites {
  collecting: string[];
  root: string[];
}

/** Everything one compile run accumulates; created per run, never shared. */
export interface CompileContext {
  opts: Required<Omit<CompileOptions, 'loadRemote'>>;
  index: SchemaIndex;
  issues: Issue[];
  fns: CompiledFn[];
  fnByKey: Map<string, string>;
  /** function name → the key it was made for (names come from pointers; two keys must never share one) */
  fnNames: Map<string, string>;
  nodeIds: Map<object, number>;
  consts: Array<{ name: string; expr: string }>;
  constByExpr: Map<string, string>;
  helpers: Set<string>;
  pending: Array<() => void>;
  /**
   * Functions that exports call, compiled in both forms at once (`bothForms`): most of them end up as root functions
   * (`rootFunction`), and only the scan of every body tells which do not. A collecting body made first only to be
   * replaced was a third of the compile on big specs; compiling the root form first and the collecting one again
   * for the functions others call was another eighth.
   */
  rootFirst: Set<string>;
  /** property name → its identifier fragment in local names (`x2_<fragment>`): names recur across schemas */
  localNameParts: Map<string, string>;
  /** JS expression of a `loc` segment → the string it stands for, if a string literal (`stringLiteralValue`) */
  literalValues: Map<string, string | undefined>;
  /** `file + pointer` of a schema → how its functions are named and described (`schemaPlace` in functions.ts) */
  places: Map<string, SchemaPlace>;
}

/** The name stem and the origin comment of the functions compiled from one schema. */
export interface SchemaPlace {
  stem: string;
  origin: string;
}

/** The state of code generation inside one schema of one generated function. */
export interface Gen {
  ctx: CompileContext;
  at: SchemaAt;
  usage: Usage;
  dyn: DynBindings;
  /**
   * Nesting depth of the current schema inside the generated function (each subschema adds one). Local names end
   * with it (`o2`, `x2_name`), so a subschema's locals never shadow the enclosing ones (whose key/index variables
   * its error paths may use), siblings live in separate blocks, and a sibling added earlier renames nothing.
   * `used` holds the names taken by this schema's own code (a fresh holder per subschema; the set is made by the
   * first name taken, as most subschemas, leaves, take none).
   */
  depth: number;
  vars: { used?: Set<string> };
  /**
   * Name of the evaluation record (`Ev`) that evaluated properties/items of the current value are noted in, when an
   * enclosing `unevaluatedProperties`/`unevaluatedItems` needs them; undefined otherwise (the usual, cheaper case).
   */
  ann: string | undefined;
  /**
   * The data path from the generated function's own location `p` to the current value, as JS expressions (string
   * literals, index/key variables in scope). Paths cost nothing until an error is recorded or, while collecting,
   * a function is called.
   */
  loc: string[];
  /**
   * Which variant of the function is being generated: the quick one `(x, d)` answers yes/no and returns at the
   * first failure (small enough for V8 to inline, allocates nothing); the collecting one `(x, e, d, p)` records
   * every error and runs only after the quick one said no.
   */
  quick: boolean;
  /**
   * Collecting code of an export's root function (`c_X(x, d, p)`, see `rootFunction`): `e` starts as the shared
   * empty list `NO` and becomes a real one on the first error (`e = ra(e, …)`) or before a call that records into it
   * (`en(e)`), so a valid value allocates nothing; `p` is null, so an error's `loc` is its segments, written as an
   * array literal.
   */
  root: boolean;
  /**
   * Set instead of `root` while compiling both forms at once (`CompileContext.rootFirst`): each place where the
   * collecting and the root form differ is recorded here and marked in the code.
   */
  forms: FormSites | undefined;
}

/** Creates the per-run context. */
export function createContext(opts: CompileOptions, index: SchemaIndex): CompileContext {
  return {
    opts: { dialect: opts.dialect, formats: opts.formats ?? 'assert', maxDepth: opts.maxDepth ?? 256 },
    index, issues: [], fns: [], fnByKey: new Map(), fnNames: new Map(), nodeIds: new Map(), consts: [], constByExpr: new Map(),
    helpers: new Set(), pending: [], rootFirst: new Set(), localNameParts: new Map(), literalValues: new Map(), places: new Map(),
  };
}

/** The local variable for role `prefix` of the current schema (`o2`): one per role and schema. */
export function freshVar(g: Gen, prefix: string): string {
  return claimLocal(g, `${prefix}${g.depth}`);
}

/**
 * The local holding a subschema's value inside a block of its own (`{ const x1: unknown = x; ... }`): one name per
 * depth is enough, since sibling blocks do not see each other and deeper schemas use deeper names.
 */
export function blockVar(g: Gen): string {
  return `x${g.depth}`;
}

/** The local holding property `name` of the current object, read in the object's block: `x2_name`. */
export function propertyVar(g: Gen, name: string): string {
  return claimLocal(g, `x${g.depth}_${localNamePart(g.ctx, name)}`);
}

/** The local holding the name of property `name` in collecting code (see `readOwn` in gen-object.ts): `n2_name`. */
export function keyVar(g: Gen, name: string): string {
  return claimLocal(g, `n${g.depth}_${localNamePart(g.ctx, name)}`);
}

function localNamePart(ctx: CompileContext, name: string): string {
  let part = ctx.localNameParts.get(name);
  if (part === undefined) ctx.localNameParts.set(name, (part = identifierPart(name)));
  return part;
}

function claimLocal(g: Gen, wanted: string): string {
  const used = (g.vars.used ??= new Set());
  let name = wanted;
  for (let n = 2; used.has(name); n++) name = `${wanted}$${n}`;
  used.add(name);
  return name;
}

/**
 * The Gen for a subschema that applies to a child value (property, item): its own base URI when it has `$id`,
 * dynamic scope extended, no evaluation record (annotations of a child value do not concern the parent).
 */
export function childGen(g: Gen, node: unknown, ...segments: Array<string | number>): Gen {
  return subschemaGen(g, subschemaAt(g, node, segments), undefined);
}

/** The Gen for a subschema applied in place to the same value (allOf, then/else...): keeps the evaluation record. */
export function inPlaceGen(g: Gen, node: unknown, ...segments: Array<string | number>): Gen {
  return subschemaGen(g, subschemaAt(g, node, segments), g.ann);
}

/** Where subschema `node` (at `segments` below `g`'s schema) is compiled from. */
function subschemaAt(g: Gen, node: unknown, segments: Array<string | number>): SchemaAt {
  if (typeof node !== 'object' || node === null) return { ...g.at, node, pointer: childPtr(g.at.pointer, ...segments) };
  const found: SchemaAt = g.ctx.index.located.get(node) ?? { ...g.at, node, pointer: childPtr(g.at.pointer, ...segments) };
  // a copy of a shared subschema is compiled as its stand-in `$ref`: one call instead of the whole copy inline
  const shared = g.ctx.index.shared.get(node);
  return shared === undefined ? found : { ...found, node: shared.ref };
}

/**
 * The Gen for subschema `at` one level below `g`'s. Written out field by field, in `Gen`'s order: an object spread
 * with overrides, made for every subschema of every function, was the generator's most expensive line.
 */
function subschemaGen(g: Gen, at: SchemaAt, ann: string | undefined): Gen {
  const dyn = extendDynamicScope(g.ctx, g.dyn, at.base);
  return { ctx: g.ctx, at, usage: g.usage, dyn, depth: g.depth + 1, vars: {}, ann, loc: g.loc, quick: g.quick, root: g.root, forms: g.forms };
}

/** Adds the dynamic anchors of the resource `base` that the scope does not bind yet (outermost wins). */
export function extendDynamicScope(ctx: CompileContext, dyn: DynBindings, base: string): DynBindings {
  const own = ctx.index.dynamicAnchors.get(base);
  if (!own) return dyn;
  let out: Map<string, SchemaAt> | undefined;
  for (const [name, at] of own) {
    if (dyn.has(name)) continue;
    out ??= new Map(dyn);
    out.set(name, at);
  }
  return out ?? dyn;
}

/** The Gen for the value at `key` (a JS expression) below the current one. */
export function atKey(g: Gen, key: string): Gen {
  const loc = [...g.loc, key];
  return { ctx: g.ctx, at: g.at, usage: g.usage, dyn: g.dyn, depth: g.depth, vars: g.vars, ann: g.ann, loc, quick: g.quick, root: g.root, forms: g.forms };
}

/** Code for a failed check: stop in boolean mode, else record an error and carry on. `msg`/`key` are JS expressions. */
export function fail(g: Gen, type: string, msg?: string, key?: string): string {
  if (g.quick) return 'return false;';
  return `{ ${record(g, toLiteral(type), msg ?? fixedMessage(type), key)}; }`;
}

/**
 * The fixed message of error `type`, as a string literal at the site. (A module table `M.type` was smaller before
 * gzip, but a bundler turns the table's `const` into a `var`, so every error paid a load and a map check, and the
 * table was bigger after gzip: 1.43 against 1.48 kB for the session operation.)
 */
export function fixedMessage(type: string): string {
  const text = MESSAGES[type];
  if (text === undefined) throw new Error(`no fixed message for error type ${type}`);
  return toLiteral(text);
}

/** The call recording one error at the current path plus `key`; `typeExpr` and `msg` are JS expressions. */
export function record(g: Gen, typeExpr: string, msg: string, key?: string): string {
  const segs = key === undefined ? g.loc : [...g.loc, key];
  const tail = `, ${typeExpr}, ${msg})`;
  if (g.forms !== undefined) return `${formSite(g.forms, collectingRecord(g, segs), rootRecord(g, segs))}${tail}`;
  return `${g.root === true ? rootRecord(g, segs) : collectingRecord(g, segs)}${tail}`;
}

/** The start of a root function's call recording an error at `segs`: `e = ra(e, <loc>`. */
function rootRecord(g: Gen, segs: string[]): string {
  g.ctx.helpers.add('ra');
  return `e = ra(e, ${rootLoc(g, segs)}`;
}

/** The start of a collecting function's call recording an error at `segs` below its own path: `r(e, <path>`. */
function collectingRecord(g: Gen, segs: string[]): string {
  g.ctx.helpers.add('r');
  return `r(e, ${segs.length === 0 ? 'p' : `[p, ${segs.join(', ')}]`}`;
}

/**
 * Marks a place where the two forms differ. The marker is a NUL-delimited index: generated code has no NUL
 * anywhere else (spec text reaches it only through `toLiteral`, `templateText` and `identifierPart`, which never
 * leave a control character raw).
 */
function formSite(sites: FormSites, collecting: string, root: string): string {
  sites.collecting.push(collecting);
  sites.root.push(root);
  return `${FORM_SITE}${sites.root.length - 1}${FORM_SITE}`;
}

const FORM_SITE = '\u0000';

/** Code written for both forms (`Gen.forms`) as one of them. */
export function pickForm(code: string, sites: FormSites, form: keyof FormSites): string {
  const parts = code.split(FORM_SITE);
  if (parts.length === 1) return code;
  const texts = sites[form];
  // the odd parts are the indexes between two markers
  for (let i = 1; i < parts.length; i += 2) parts[i] = texts[Number(parts[i])]!;
  return parts.join('');
}

/**
 * A root function's `loc` for segments `segs` (JS expressions). Constant names become a tagged template's strings
 * array (lc`a${0}b` is ["a", "b"]), which the engine makes once per site and freezes: no array per error.
 * A fresh literal per error is what V8 sometimes pretenured: the case then ran at 0.3-0.7x ajv's speed for the rest of
 * the process (README, "No allocation sites for errors"). Locs with a loop
 * index or a numeric segment are made by `Array.of(...)`: a builtin call, but no allocation site (see the `E`
 * snippet); unlike `Array(a, b)`, it makes `[i]` of a single number too.
 */
function rootLoc(g: Gen, segs: string[]): string {
  if (segs.length === 0) return 'NO';
  const names = segs.map((seg) => stringValueOf(g.ctx, seg));
  if (names.some((n) => n === undefined)) return `Array.of<string | number>(${segs.join(', ')})`;
  g.ctx.helpers.add('lc');
  return `lc\`${names.map((n) => templateText(n!)).join('${0}')}\``;
}

/** `stringLiteralValue(expr)`, remembered: the same property names are recorded at many places. */
function stringValueOf(ctx: CompileContext, expr: string): string | undefined {
  if (ctx.literalValues.has(expr)) return ctx.literalValues.get(expr);
  const value = stringLiteralValue(expr);
  ctx.literalValues.set(expr, value);
  return value;
}

/** The string a JS string literal (as `toLiteral` writes it) stands for; undefined for any other expression. */
function stringLiteralValue(expr: string): string | undefined {
  if (!expr.startsWith('"')) return undefined;
  try {
    const value: unknown = JSON.parse(expr);
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined; // an expression that starts with a literal, e.g. `"a" + k`
  }
}

/** `s` as template-literal text whose cooked value is `s`: backslash, backtick, dollar sign, control characters,
 * line separators and lone surrogates escaped. */
function templateText(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '\\' || ch === '`' || ch === '$') out += `\\${ch}`;
    else if (c < 0x20 || c === 0x7f || c === 0x2028 || c === 0x2029 || (c >= 0xd800 && c <= 0xdfff)) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out;
}

/** The error list argument of a call that records into it: `e`, or in a root function a real list made first. */
export function errorList(g: Gen): string {
  if (g.forms !== undefined) {
    g.ctx.helpers.add('en');
    return formSite(g.forms, 'e', '(e = en(e))');
  }
  if (g.root !== true) return 'e';
  g.ctx.helpers.add('en');
  return '(e = en(e))';
}

/**
 * The path argument of a call that validates the current value in another function: its own `p` when the value
 * is the function's own, else a new node `[p, ...segments]` — built only while collecting errors (`e` set).
 */
export function pathArg(g: Gen): string {
  return g.loc.length === 0 ? 'p' : `[p, ${g.loc.join(', ')}] as const`;
}

/** A statement calling `call` (which validates in another function): quick mode stops at its failure; the
 * collecting mode just runs it, since the callee records its own errors (validity is "no new error"). */
export function checkCall(g: Gen, call: string): string {
  return g.quick ? `if (!${call}) return false;` : `${call};`;
}

/**
 * The code `parts` joined by newlines, as `parts.join('\n')` writes it. Built with `+`, which makes a rope that
 * points to the parts: `join` copies every part into a new flat string, so code built level by level was copied
 * once per level it is nested in (a schema six objects deep, six times), and the copies were most of the garbage.
 */
export function joinLines(parts: readonly string[]): string {
  let out = parts.length === 0 ? '' : parts[0]!;
  for (let i = 1; i < parts.length; i++) out = `${out}\n${parts[i]!}`;
  return out;
}

/**
 * `code` as one flat string from now on. A finished function's code is a rope (see `joinLines`) that would stay in
 * memory as thousands of pieces, each an object every young-generation collection copies, until the scans for names
 * flatten it (GitHub's module: 8 MiB more at the end of the compile). V8 flattens the subject of a regular
 * expression in place: the cheapest way to ask for it from JavaScript, and only a scan for a character where it is not.
 */
export function flattened(code: string): string {
  FLATTEN.test(code);
  return code;
}

const FLATTEN = /\u0000/;

/** The non-empty ones of `parts`, joined by newlines (see `joinLines`). */
export function joinCode(parts: readonly string[]): string {
  return joinLines(parts.filter((c) => c !== ''));
}

/**
 * A module-level constant holding `expr` (deduplicated); returns its name, made from a digest of `expr` so that it
 * does not depend on which other constants exist (longer digests only if two expressions share a short one).
 */
export function constant(ctx: CompileContext, prefix: string, expr: string): string {
  const key = `${prefix}:${expr}`;
  const known = ctx.constByExpr.get(key);
  if (known) return known;
  const taken = new Set(ctx.consts.map((c) => c.name));
  let name = `${prefix}_${shortHash(key)}`;
  for (let len = 12; taken.has(name); len += 6) name = `${prefix}_${shortHash(key, len)}`;
  ctx.consts.push({ name, expr });
  ctx.constByExpr.set(key, name);
  return name;
}

/** Records a spec problem found while compiling. */
export function addIssue(g: Gen, severity: Issue['severity'], code: string, message: string, hint?: string): void {
  const issue: Issue = { severity, code, pointer: g.at.pointer, message };
  if (g.at.file !== undefined) issue.file = g.at.file;
  if (hint !== undefined) issue.hint = hint;
  g.ctx.issues.push(issue);
}

/** Follows pure `$ref` nodes (only `$ref` plus annotations) to the schema that does the work. */
export function followPureRefs(g: Gen, at: SchemaAt): SchemaAt {
  let cur = at;
  for (let hops = 0; hops < 32; hops++) {
    const n = cur.node;
    if (!isPlainObject(n) || typeof n.$ref !== 'string' || !isPureRef(g.ctx, n)) return cur;
    const next = resolveSchemaRef(g.ctx.index, n.$ref, cur);
    if (!next) return cur;
    cur = next;
  }
  return cur;
}

const ANNOTATIONS = new Set(['$ref', 'title', 'description', 'default', 'examples', 'example', '$comment', 'deprecated']);

function isPureRef(ctx: CompileContext, n: Record<string, unknown>): boolean {
  if (ctx.opts.dialect === 'openapi-3.0') return true;
  return Object.keys(n).every((k) => ANNOTATIONS.has(k));
}

/** Stable numeric id of a schema node (for function keys). */
export function nodeId(ctx: CompileContext, node: object): number {
  let id = ctx.nodeIds.get(node);
  if (id === undefined) ctx.nodeIds.set(node, (id = ctx.nodeIds.size));
  return id;
}

/** Makes a JSON pointer or URI safe inside a `//` comment. */
export function commentSafe(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]/g, ' ').replace(/\*\//g, '*\\/');
}
