import { childPtr, getAtPointer } from '../../load/pointer.js';
import type { ContentInfo } from './content-ids.js';
import type { SharedSchema } from './shared-schemas.js';

/** A schema node together with the base URI it is resolved against and its JSON pointer (for issues). */
export interface SchemaAt {
  node: unknown;
  /** absolute base URI (no fragment) of the schema resource the node belongs to */
  base: string;
  /** JSON pointer of the node inside its document */
  pointer: string;
  /** the document the node lives in, when it is not the main one (a remote) */
  file?: string;
}

/** Where every identified schema resource, anchor and dynamic anchor lives; built once per compile run. */
export interface SchemaIndex {
  resources: Map<string, SchemaAt>;
  anchors: Map<string, SchemaAt>;
  /** resource URI → its `$dynamicAnchor`s by name */
  dynamicAnchors: Map<string, Map<string, SchemaAt>>;
  located: Map<object, SchemaAt>;
  /** true when some indexed schema uses `$dynamicRef` (function identity then depends on the dynamic scope) */
  usesDynamicRef: boolean;
  /** true when some indexed schema says `readOnly`/`writeOnly` (validators then depend on `usage`) */
  usesReadWrite: boolean;
  loadRemote: ((uri: string) => unknown) | undefined;
  idKeyword: boolean;
  /** every compiled copy of a subschema that occurs more than once → its group (filled by `findSharedSchemas`) */
  sameContent: Map<object, SharedSchema>;
  /** the same, for the big groups only, whose copies are called instead of inlined */
  shared: Map<object, SharedSchema>;
  /** a group's stand-in `$ref` node → the group (resolved by identity: no string in a spec can reach it) */
  sharedRefs: Map<object, SharedSchema>;
  /** what the content survey learnt about each schema below the roots (set by `findSharedSchemas`) */
  contents: ReadonlyMap<object, ContentInfo>;
  /**
   * when `usesReadWrite`: the schemas whose validation differs between requests and responses (a `readOnly` or
   * `writeOnly` flag is reachable from them); undefined: all of them may
   */
  usageDependent: ReadonlySet<object> | undefined;
  /** `file + pointer` of a group's representative → the group, whose stem its functions (and those inside it) are named from */
  sharedStems: Map<string, SharedSchema>;
  /** content digests of shared subschemas, made as their functions are named */
  digests: Map<object, string>;
}

/** The base URI used for a document without `$id`. */
export const DEFAULT_BASE = 'https://zenskar-codegen.invalid/document.json';

const SCHEMA_MAPS = ['$defs', 'definitions', 'properties', 'patternProperties', 'dependentSchemas'];
const SCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const SCHEMA_SINGLES = [
  'additionalProperties', 'propertyNames', 'contains', 'not', 'if', 'then', 'else', 'items',
  'unevaluatedItems', 'unevaluatedProperties', 'contentSchema',
];

/** Creates an empty index; `idKeyword` is false for OpenAPI 3.0 (no `$id` there). */
export function createSchemaIndex(loadRemote: ((uri: string) => unknown) | undefined, idKeyword: boolean): SchemaIndex {
  return {
    resources: new Map(), anchors: new Map(), dynamicAnchors: new Map(), located: new Map(),
    usesDynamicRef: false, usesReadWrite: false, loadRemote, idKeyword,
    sameContent: new Map(), shared: new Map(), sharedRefs: new Map(), sharedStems: new Map(), digests: new Map(),
    contents: new Map(), usageDependent: undefined,
  };
}

/** Registers `node` and every subschema below it (by keyword, never inside `enum`/`const`/unknown keywords). */
export function indexSchema(index: SchemaIndex, at: SchemaAt): void {
  const { node } = at;
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return;
  if (index.located.has(node)) return;
  const s = node as Record<string, unknown>;
  let base = at.base;
  if (index.idKeyword && typeof s.$id === 'string') {
    base = resolveUri(s.$id, base) ?? base;
    base = stripFragment(base);
  }
  // nothing writes a SchemaAt: a node keeps the one it was reached with unless `$id` changed its base
  const here: SchemaAt = base === at.base ? at : { ...at, base };
  index.located.set(node, here);
  if (!index.resources.has(base)) index.resources.set(base, here);
  registerAnchors(index, s, here);
  if (s.readOnly === true || s.writeOnly === true) index.usesReadWrite = true;
  if (typeof s.$dynamicRef === 'string') index.usesDynamicRef = true;
  forEachSubschema(s, (child, keyword, name) => {
    const pointer = name === undefined ? childPtr(here.pointer, keyword) : childPtr(here.pointer, keyword, name);
    indexSchema(index, here.file === undefined ? { node: child, base, pointer } : { node: child, base, pointer, file: here.file });
  });
}

function registerAnchors(index: SchemaIndex, s: Record<string, unknown>, here: SchemaAt): void {
  if (typeof s.$anchor === 'string') index.anchors.set(`${here.base}#${s.$anchor}`, here);
  if (typeof s.$dynamicAnchor === 'string') {
    index.anchors.set(`${here.base}#${s.$dynamicAnchor}`, here);
    let byName = index.dynamicAnchors.get(here.base);
    if (!byName) index.dynamicAnchors.set(here.base, (byName = new Map()));
    byName.set(s.$dynamicAnchor, here);
  }
}

/** Whether keyword `k` holds a map of subschemas, a list of them, one subschema, or data (undefined). */
export function schemaKeywordKind(k: string): SchemaKeywordKind | undefined {
  return KEYWORD_KINDS.get(k);
}

type SchemaKeywordKind = 'map' | 'list' | 'single';

const KEYWORD_KINDS: ReadonlyMap<string, SchemaKeywordKind> = new Map([
  ...SCHEMA_MAPS.map((k) => [k, 'map'] as const),
  ...SCHEMA_LISTS.map((k) => [k, 'list'] as const),
  ...SCHEMA_SINGLES.map((k) => [k, 'single'] as const),
]);

/**
 * Calls `visit` with each direct subschema of a schema object, its keyword and (in a map or list) its name or index,
 * in a stable order.
 */
export function forEachSubschema(s: Record<string, unknown>, visit: (child: unknown, keyword: string, name?: string | number) => void): void {
  for (const k of SCHEMA_MAPS) {
    const m = s[k];
    if (isPlainObject(m)) for (const name of sortedKeys(m)) visit(m[name], k, name);
  }
  for (const k of SCHEMA_LISTS) {
    const l = s[k];
    if (Array.isArray(l)) for (let i = 0; i < l.length; i++) visit(l[i], k, i);
  }
  for (const k of SCHEMA_SINGLES) if (Object.prototype.hasOwnProperty.call(s, k)) visit(s[k], k);
}

/** Resolves `ref` against `from.base` to the schema it names; `undefined` when it does not resolve. */
export function resolveSchemaRef(index: SchemaIndex, ref: string, from: SchemaAt): SchemaAt | undefined {
  const shared = index.sharedRefs.get(from.node as object);
  if (shared !== undefined && shared.ref.$ref === ref) return shared.representative;
  // A same-document fragment is read as a JSON pointer as is: URL parsing would strip tabs/newlines and trim blanks
  // from component names that exist (`#/components/schemas/a<TAB>b`).
  if (ref.startsWith('#')) return resolveFragment(index, from.base, ref.slice(1));
  const abs = resolveUri(ref, from.base);
  if (abs === undefined) return undefined;
  const hashAt = abs.indexOf('#');
  const doc = hashAt < 0 ? abs : abs.slice(0, hashAt);
  const frag = hashAt < 0 ? '' : abs.slice(hashAt + 1);
  return resolveFragment(index, doc, frag);
}

/** The schema at fragment `frag` (a JSON pointer or an anchor name, still percent-encoded) of the resource `doc`. */
function resolveFragment(index: SchemaIndex, doc: string, frag: string): SchemaAt | undefined {
  const root = index.resources.get(doc) ?? loadRemoteResource(index, doc);
  if (!root) return undefined;
  if (frag === '') return root;
  if (frag.startsWith('/')) {
    const node = getAtPointer(root.node, `#${frag}`);
    if (node === undefined) return undefined;
    const known = typeof node === 'object' && node !== null ? index.located.get(node) : undefined;
    return known ?? { ...root, node, pointer: childPtr(root.pointer) + frag };
  }
  return index.anchors.get(`${doc}#${safeDecode(frag)}`);
}

function loadRemoteResource(index: SchemaIndex, uri: string): SchemaAt | undefined {
  const doc = index.loadRemote?.(uri);
  if (doc === undefined) return undefined;
  indexSchema(index, { node: doc, base: uri, pointer: '#', file: uri });
  const at = index.resources.get(uri);
  if (at) return at;
  // The remote declares a different `$id`: it is still reachable by the URI it was fetched from.
  const root = typeof doc === 'object' && doc !== null ? index.located.get(doc) : undefined;
  const alias: SchemaAt = root ?? { node: doc, base: uri, pointer: '#', file: uri };
  index.resources.set(uri, alias);
  return alias;
}

/** `new URL(ref, base)` that returns `undefined` instead of throwing. */
export function resolveUri(ref: string, base: string): string | undefined {
  try {
    return new URL(ref, base).href;
  } catch {
    return undefined;
  }
}

function stripFragment(uri: string): string {
  const i = uri.indexOf('#');
  return i < 0 ? uri : uri.slice(0, i);
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * Whether schema `s` has any of the keywords `keys`. The keyword groups of one kind of value ask this first: every
 * schema is compiled for all four kinds, and most have keywords for one kind or none.
 */
export function hasAnyKeyword(s: Record<string, unknown>, keys: readonly string[]): boolean {
  for (const k of keys) if (s[k] !== undefined) return true;
  return false;
}

/** True for a non-null, non-array object. */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Own keys in code-point order, so output never depends on the key order of the input. */
export function sortedKeys(o: object): string[] {
  return Object.keys(o).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
