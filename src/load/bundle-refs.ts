import { realpathSync } from 'node:fs';
import { basename, dirname, extname, isAbsolute, join, relative, resolve } from 'node:path';
import type { Issue } from '../issue.js';
import { childPtr, getAtPointer, parsePtr, ptr } from './pointer.js';
import { readSpecFileSync, type OnRead } from './read-spec.js';
import { isRef } from './resolve-ref.js';

/**
 * Bundles `$ref`s into other files (`./schemas/pet.yaml#/Pet`) into the root document, so that every stage after
 * loading sees internal references only. Schema targets become `components/schemas/<UniqueName>` (named from the
 * file and fragment, collision-free, deterministic) and the `$ref` is rewritten; other targets (parameters,
 * responses, path items, ...) are inlined. Refuses URLs (no network) and files outside the spec's folder (no path
 * traversal, also not through symlinks). https://spec.openapis.org/oas/v3.1.0#reference-object
 */
export function bundleRefs(file: string, document: unknown, onRead?: OnRead): { document: unknown; issues: Issue[] } {
  if (!hasExternalRefs(document)) return { document, issues: [] };
  const ctx = createContext(file, document, onRead);
  const root = walk(ctx, document, ctx.rootReal, '#', 'other', 0) as Record<string, unknown>;
  drainQueue(ctx);
  if (ctx.bundled.size === 0) return { document: root, issues: ctx.issues };
  return { document: withBundledSchemas(root, ctx.bundled), issues: ctx.issues };
}

/** Where a node sits, which decides whether a `$ref` found there points to a schema. */
type Kind = 'other' | 'otherMap' | 'schema' | 'schemaMap' | 'schemaList';

/** Deeper than this the walk stops copying; checkSpec then reports `too-deep` with a pointer. */
const MAX_DEPTH = 600;

/** Keys whose values are data (examples, defaults, enums): copied verbatim, never walked for `$ref`s. */
const DATA_KEYS = new Set(['example', 'default', 'enum', 'const', 'x-examples']);
/** Keys of non-schema objects whose values are maps keyed by user-chosen names. */
const OTHER_MAPS = new Set(['paths', 'parameters', 'responses', 'requestBodies', 'headers', 'content', 'securitySchemes', 'examples', 'links', 'callbacks', 'pathItems', 'encoding', 'webhooks', 'variables']);
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);
const SCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);
const SCHEMA_VALUES = new Set(['items', 'additionalProperties', 'not', 'contains', 'if', 'then', 'else', 'propertyNames', 'unevaluatedItems', 'unevaluatedProperties', 'additionalItems', 'contentSchema']);

interface Context {
  rootFile: string;
  rootReal: string;
  rootDir: string;
  /** sees each external file's text as it is read */
  onRead: OnRead | undefined;
  /** parsed external files by real path; `undefined` once a file failed (reported once) */
  files: Map<string, unknown>;
  /** `<real path>#<fragment>` of a schema target → its name in components/schemas */
  names: Map<string, string>;
  used: Set<string>;
  /** root pointers of `components/schemas/X: { $ref: external }` entries: the target is placed there, named X */
  inlineAt: Set<string>;
  bundled: Map<string, unknown>;
  queue: Array<{ name: string; real: string; fragment: string }>;
  /** non-schema targets being inlined right now (a cycle among them cannot be inlined) */
  inlining: Set<string>;
  issues: Issue[];
}

function createContext(file: string, document: unknown, onRead: OnRead | undefined): Context {
  const rootReal = realpathSync(file);
  const schemas = componentSchemas(document);
  const ctx: Context = {
    rootFile: file, rootReal, rootDir: dirname(rootReal), onRead, files: new Map(), names: new Map(),
    used: new Set(Object.keys(schemas)), inlineAt: new Set(), bundled: new Map(), queue: [], inlining: new Set(), issues: [],
  };
  // A root component that is just a reference to another file keeps its name for the schema it points to.
  for (const name of Object.keys(schemas).sort()) {
    const entry = schemas[name];
    if (!isRef(entry) || Object.keys(entry).length !== 1 || entry.$ref.startsWith('#')) continue;
    const target = locateTarget(ctx, entry.$ref, rootReal);
    if ('issue' in target || target.real === rootReal) continue;
    const key = `${target.real}${target.fragment}`;
    if (ctx.names.has(key)) continue;
    ctx.names.set(key, name);
    ctx.inlineAt.add(ptr('components', 'schemas', name));
  }
  return ctx;
}

function componentSchemas(document: unknown): Record<string, unknown> {
  const schemas = getAtPointer(document, ptr('components', 'schemas'));
  return typeof schemas === 'object' && schemas !== null && !Array.isArray(schemas) ? (schemas as Record<string, unknown>) : {};
}

/** Copies `node` (found in file `real` at `pointer`) with every `$ref` made internal to the root document. */
function walk(ctx: Context, node: unknown, real: string, pointer: string, kind: Kind, depth: number): unknown {
  if (typeof node !== 'object' || node === null || depth > MAX_DEPTH) return node;
  if (isRef(node) && (kind === 'other' || kind === 'schema')) return rewriteRef(ctx, node, real, pointer, kind, depth);
  if (Array.isArray(node)) {
    const itemKind: Kind = kind === 'schemaList' || kind === 'schema' ? 'schema' : 'other';
    return node.map((item, i) => walk(ctx, item, real, childPtr(pointer, i), itemKind, depth + 1));
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(node).sort()) {
    const value = (node as Record<string, unknown>)[key];
    const childKind = kindOf(kind, key);
    setOwn(out, key, childKind === undefined ? value : walk(ctx, value, real, childPtr(pointer, key), childKind, depth + 1));
  }
  return out;
}

/** The kind of the value under `key` of a node of `kind`; `undefined` for data, copied verbatim. */
function kindOf(kind: Kind, key: string): Kind | undefined {
  if (kind === 'otherMap') return 'other';
  if (kind === 'schemaMap' || kind === 'schemaList') return 'schema';
  if (DATA_KEYS.has(key)) return kind === 'schema' || key === 'example' || key === 'x-examples' ? undefined : 'other';
  if (kind === 'schema') {
    if (SCHEMA_MAPS.has(key)) return 'schemaMap';
    if (SCHEMA_LISTS.has(key)) return 'schemaList';
    if (SCHEMA_VALUES.has(key)) return 'schema';
    return key === 'examples' ? undefined : 'other';
  }
  if (key === 'schema') return 'schema';
  if (key === 'schemas') return 'schemaMap';
  return OTHER_MAPS.has(key) ? 'otherMap' : 'other';
}

/** Rewrites one `{ $ref }` node: internal refs of the root stay, schema targets get a component, others are inlined. */
function rewriteRef(ctx: Context, node: { $ref: string }, real: string, pointer: string, kind: Kind, depth: number): unknown {
  const siblings = walkSiblings(ctx, node, real, pointer, kind, depth);
  if (real === ctx.rootReal && node.$ref.startsWith('#')) return { ...siblings, $ref: node.$ref };
  const target = locateTarget(ctx, node.$ref, real);
  if ('issue' in target) return report(ctx, { ...target.issue, file: shownAs(ctx, real), pointer });
  if (target.real === ctx.rootReal) return { ...siblings, $ref: target.fragment };
  const value = targetValue(ctx, target, real, pointer, node.$ref);
  if (value === undefined) return node;
  const key = `${target.real}${target.fragment}`;
  if (kind === 'schema') {
    if (real === ctx.rootReal && ctx.inlineAt.has(pointer) && ctx.names.get(key) === parsePtr(pointer)[2]) {
      return walk(ctx, value, target.real, target.fragment, 'schema', depth + 1);
    }
    return { ...siblings, $ref: ptr('components', 'schemas', claimSchemaName(ctx, key, target)) };
  }
  if (ctx.inlining.has(key)) {
    return report(ctx, {
      severity: 'error', code: 'circular-ref', file: shownAs(ctx, real), pointer,
      message: `\`$ref\` at \`${pointer}\` points to \`${node.$ref}\`, which refers back to itself; only schemas may be recursive`,
      hint: 'break the cycle: a parameter, response or path item cannot contain itself',
    });
  }
  ctx.inlining.add(key);
  const inlined = walk(ctx, value, target.real, target.fragment, kind, depth + 1);
  ctx.inlining.delete(key);
  // OpenAPI 3.1 lets a Reference Object override `summary` and `description` of what it points to.
  return typeof inlined === 'object' && inlined !== null && !Array.isArray(inlined) ? { ...inlined, ...siblings } : inlined;
}

function walkSiblings(ctx: Context, node: object, real: string, pointer: string, kind: Kind, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(node).sort()) {
    if (key === '$ref') continue;
    const value = (node as Record<string, unknown>)[key];
    const childKind = kindOf(kind, key);
    setOwn(out, key, childKind === undefined ? value : walk(ctx, value, real, childPtr(pointer, key), childKind, depth + 1));
  }
  return out;
}

/** The value a located target points at, parsing its file on first use; reports (once per file) what fails. */
function targetValue(ctx: Context, target: { real: string; fragment: string }, from: string, pointer: string, ref: string): unknown {
  if (!ctx.files.has(target.real)) {
    const read = readSpecFileSync(target.real, shownAs(ctx, target.real), ctx.onRead);
    if ('issue' in read) report(ctx, read.issue);
    ctx.files.set(target.real, 'issue' in read ? undefined : read.value);
  }
  const doc = ctx.files.get(target.real);
  if (doc === undefined) return undefined;
  const value = target.fragment.startsWith('#/') || target.fragment === '#' ? getAtPointer(doc, target.fragment) : undefined;
  if (value === undefined) {
    report(ctx, {
      severity: 'error', code: 'unresolved-ref', file: shownAs(ctx, from), pointer,
      message: `\`$ref\` at \`${pointer}\` points to \`${ref}\`, which does not exist`,
      hint: 'fix the pointer (JSON pointer segments escape `/` as `~1` and `~` as `~0`) or add the missing definition',
    });
  }
  return value;
}

/** The component name of a schema target, claimed (and the target queued for copying) on first sight. */
function claimSchemaName(ctx: Context, key: string, target: { real: string; fragment: string }): string {
  const known = ctx.names.get(key);
  if (known !== undefined) return known;
  const stem = cleanName(basename(target.real, extname(target.real))) || 'Schema';
  const last = parsePtr(target.fragment).at(-1);
  const base = last === undefined ? stem : cleanName(last) || stem;
  const candidates = base === stem ? [base] : [base, `${stem}_${base}`];
  let name = candidates.find((c) => !ctx.used.has(c));
  for (let n = 2; name === undefined; n++) if (!ctx.used.has(`${candidates.at(-1)!}_${n}`)) name = `${candidates.at(-1)!}_${n}`;
  ctx.used.add(name);
  ctx.names.set(key, name);
  ctx.queue.push({ name, ...target });
  return name;
}

/** Component names must match `^[a-zA-Z0-9._-]+$` (OpenAPI components object). */
function cleanName(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^_+|_+$/g, '');
}

/** Copies every queued schema target into `bundled`; copying may queue more (recursion across files). */
function drainQueue(ctx: Context): void {
  for (let i = 0; i < ctx.queue.length; i++) {
    const { name, real, fragment } = ctx.queue[i]!;
    ctx.bundled.set(name, walk(ctx, getAtPointer(ctx.files.get(real), fragment), real, fragment, 'schema', 0));
  }
}

/**
 * Splits a `$ref` into the real path of its file and its fragment, refusing URLs and anything outside the
 * folder of the root spec (lexically and after following symlinks).
 */
function locateTarget(ctx: Context, ref: string, from: string): { real: string; fragment: string } | { issue: Issue } {
  const hash = ref.indexOf('#');
  const rawPath = hash === -1 ? ref : ref.slice(0, hash);
  const fragment = hash === -1 ? '#' : ref.slice(hash);
  if (rawPath === '') return { real: from, fragment };
  if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(rawPath) || rawPath.startsWith('//')) return { issue: remoteRef(ref) };
  const path = decodePath(rawPath);
  if (isAbsolute(path) || isOutside(ctx.rootDir, resolve(dirname(from), path))) return { issue: outside(ref, 'leaves') };
  let real: string;
  try {
    real = realpathSync(resolve(dirname(from), path));
  } catch {
    return {
      issue: {
        severity: 'error', code: 'ref-file-not-found', pointer: '',
        message: `\`$ref\` points to \`${ref}\`, but the file \`${path}\` does not exist (paths are relative to the referring file)`,
        hint: 'fix the path, relative to the file that holds the `$ref`',
      },
    };
  }
  if (isOutside(ctx.rootDir, real)) return { issue: outside(ref, 'resolves (through a symlink) to a file outside') };
  return { real, fragment };
}

function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

function isOutside(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel === '..' || rel.startsWith(`..${'/'}`) || rel.startsWith('..\\') || isAbsolute(rel);
}

function remoteRef(ref: string): Issue {
  return {
    severity: 'error', code: 'remote-ref', pointer: '',
    message: `\`$ref\` points to a URL (\`${ref}\`); remote references are refused (the generator never uses the network)`,
    hint: 'download the file into the spec\'s folder and refer to it by a relative path',
  };
}

function outside(ref: string, how: string): Issue {
  return {
    severity: 'error', code: 'ref-outside-spec-folder', pointer: '',
    message: `\`$ref\` points to \`${ref}\`, which ${how} the spec's folder; references may only reach files beside the spec or below it`,
    hint: 'copy the referenced file into the spec\'s folder (or a subfolder) and refer to it by a relative path',
  };
}

/** The file as issues name it: the spec path as given, or a referenced file relative to it. */
function shownAs(ctx: Context, real: string): string {
  return real === ctx.rootReal ? ctx.rootFile : join(dirname(ctx.rootFile), relative(ctx.rootDir, real));
}

/** Records an issue once per (file, pointer, code); returns an empty node to stand in for the broken reference. */
function report(ctx: Context, issue: Issue): Record<string, unknown> {
  if (!ctx.issues.some((i) => i.file === issue.file && i.pointer === issue.pointer && i.code === issue.code)) ctx.issues.push(issue);
  return {};
}

function withBundledSchemas(root: Record<string, unknown>, bundled: Map<string, unknown>): Record<string, unknown> {
  const components = typeof root.components === 'object' && root.components !== null ? (root.components as Record<string, unknown>) : {};
  const schemas: Record<string, unknown> = { ...componentSchemas(root) };
  for (const [name, schema] of bundled) setOwn(schemas, name, schema);
  return { ...root, components: { ...components, schemas } };
}

/** Sets a key as an own data property (`__proto__` included, which plain assignment would treat as the prototype). */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Whether any `$ref` in the document points outside it (iterative: absurd nesting must not overflow the stack). */
function hasExternalRefs(document: unknown): boolean {
  const stack: unknown[] = [document];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== 'object' || node === null) continue;
    if (isRef(node) && !node.$ref.startsWith('#')) return true;
    for (const value of Object.values(node)) stack.push(value);
  }
  return false;
}
