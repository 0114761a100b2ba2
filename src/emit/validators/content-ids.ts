import { createHash } from 'node:crypto';
import { isPlainObject, schemaKeywordKind, type SchemaAt } from './schema-index.js';

/** What one pass over a schema tree learns about each node. */
export interface ContentInfo {
  /** equal ids ⇔ equal content as the compiler reads it (key order, prose and examples aside) and same base URI */
  id: number;
  /** schema nodes in the subtree, itself included */
  weight: number;
  /** false when the subtree says something that depends on where it sits (`$id`, anchors, dynamic refs) */
  shareable: boolean;
  /** the direct subschemas that are objects, in code-point order of keyword and name */
  children: Array<Record<string, unknown>>;
}

/** State of one survey (per compile run). */
export interface ContentSurvey {
  located: ReadonlyMap<object, SchemaAt>;
  infos: Map<object, ContentInfo>;
  interned: Map<string, number>;
  resources: Map<string, number>;
  /** the base URI of the first resource tagged (tag 0) */
  mainBase: string | undefined;
  /** content id → the shareable nodes with that content, in the order first surveyed */
  copies: Array<object[] | undefined>;
  /** keyword or property name → it as a JSON string (the same few thousand names recur all over a document) */
  quoted: Map<string, string>;
}

/** Keywords whose presence ties a schema to where it sits (resource identity, dynamic scope): never shared. */
const POSITIONAL = ['$id', '$anchor', '$dynamicAnchor', '$dynamicRef', '$recursiveRef', '$recursiveAnchor'];

/**
 * Keywords whose values the compiler never reads. Only their presence counts (it decides whether a `$ref` is
 * "pure" and whether a branch is "only null"), so copies differing in prose or examples validate alike, and big
 * examples are never serialised. `title` keeps its value: shared functions are named from it.
 */
const PRESENCE_ONLY: ReadonlySet<string> = new Set(['description', 'default', 'examples', 'example', '$comment', 'deprecated']);

/** Starts a survey over the schemas of `located`. */
export function createContentSurvey(located: ReadonlyMap<object, SchemaAt>): ContentSurvey {
  return { located, infos: new Map(), interned: new Map(), resources: new Map(), mainBase: undefined, copies: [], quoted: new Map() };
}

/**
 * Content id, weight and children of schema `s` and, once, of every schema below it: each node is described by
 * its keywords with subschemas replaced by their ids, so the work is linear in the size of the tree.
 */
export function surveyContent(survey: ContentSurvey, s: Record<string, unknown>): ContentInfo {
  const known = survey.infos.get(s);
  if (known) return known;
  // id -1 while its subschemas are described: met again below itself (a cycle, possible through YAML aliases), it
  // makes its ancestors unshareable (see describeChild)
  const info: ContentInfo = { id: -1, weight: 1, shareable: !hasPositional(s), children: NO_CHILDREN };
  survey.infos.set(s, info);
  const at = survey.located.get(s);
  const text = describeSchema(s, survey, info, at === undefined ? '' : resourceTag(survey, at));
  let id = survey.interned.get(text);
  if (id === undefined) survey.interned.set(text, (id = survey.interned.size));
  info.id = id;
  if (info.shareable && at !== undefined) (survey.copies[id] ??= []).push(s);
  return info;
}

// most schemas are leaves: they share one empty list (never written to)
const NO_CHILDREN: Array<Record<string, unknown>> = Object.freeze([]) as unknown as Array<Record<string, unknown>>;

/** `|n`: a short stand-in for the resource (file and base URI) a node belongs to, which `$ref`s resolve against. */
function resourceTag(survey: ContentSurvey, at: SchemaAt): string {
  // nearly every node is in the main document: skip the lookup for it
  if (at.file === undefined && at.base === survey.mainBase) return '|0';
  const key = `${at.file ?? ''}|${at.base}`;
  let n = survey.resources.get(key);
  if (n === undefined) survey.resources.set(key, (n = survey.resources.size));
  if (n === 0 && at.file === undefined) survey.mainBase = at.base;
  return `|${n}`;
}

function hasPositional(s: Record<string, unknown>): boolean {
  for (const k of POSITIONAL) if (Object.prototype.hasOwnProperty.call(s, k)) return true;
  return false;
}

/**
 * Schema `s` as text with each subschema written as `#<id>` when surveying (`info` then collects weight,
 * shareability and children) or as `#<digest>` when digesting, then `tail`. Keys in code-point order; data (`enum`,
 * `const`, `required`, ...) as canonical JSON; presence-only keywords contribute their name. The pieces are joined
 * once, into the flat string the interning map hashes (text built with `+=` was a rope, flattened by that lookup).
 */
function describeSchema(s: Record<string, unknown>, survey: ContentSurvey | Map<object, string>, info?: ContentInfo, tail = ''): string {
  const quote = survey instanceof Map ? JSON.stringify : (name: string): string => quotedName(survey, name);
  const parts: string[] = ['{'];
  for (const k of Object.keys(s).sort()) {
    const v = s[k];
    const kind = schemaKeywordKind(k);
    parts.push(quote(k), ':');
    if (PRESENCE_ONLY.has(k) || k.startsWith('x-')) parts.push('_');
    else if (kind === 'map' && isPlainObject(v)) {
      parts.push('{');
      for (const n of Object.keys(v).sort()) parts.push(quote(n), ':', describeChild(v[n], survey, info), ',');
      parts.push('}');
    } else if (kind === 'list' && Array.isArray(v)) {
      parts.push('[');
      for (const item of v) parts.push(describeChild(item, survey, info), ',');
      parts.push(']');
    } else if (kind === 'single') parts.push(describeChild(v, survey, info));
    else parts.push(canonicalJson(v));
    parts.push(',');
  }
  parts.push('}', tail);
  return parts.join('');
}

function quotedName(survey: ContentSurvey, name: string): string {
  let quoted = survey.quoted.get(name);
  if (quoted === undefined) survey.quoted.set(name, (quoted = JSON.stringify(name)));
  return quoted;
}

function describeChild(v: unknown, survey: ContentSurvey | Map<object, string>, info: ContentInfo | undefined): string {
  if (!isPlainObject(v)) return canonicalJson(v);
  if (survey instanceof Map) return `#${contentDigest(v, survey)}`;
  const sub = surveyContent(survey, v);
  info!.weight += sub.weight;
  info!.shareable &&= sub.shareable && sub.id !== -1;
  if (info!.children === NO_CHILDREN) info!.children = [v];
  else info!.children.push(v);
  return `#${sub.id}`;
}

/** A digest of a schema's content as grouped (see `surveyContent`) that depends on nothing else in the run. */
export function contentDigest(node: Record<string, unknown>, memo: Map<object, string>): string {
  const known = memo.get(node);
  if (known !== undefined) return known;
  const digest = createHash('sha256').update(describeSchema(node, memo)).digest('hex');
  memo.set(node, digest);
  return digest;
}

/** JSON with object keys in code-point order (data such as `enum`, `const`, `required`). */
function canonicalJson(v: unknown): string {
  if (typeof v !== 'object' || v === null) return v === undefined ? 'null' : JSON.stringify(v);
  if (Array.isArray(v)) return v.every((x) => typeof x !== 'object' || x === null) ? JSON.stringify(v) : `[${v.map(canonicalJson).join(',')}]`;
  if (isPlainObject(v)) return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson(v[k])}`).join(',')}}`;
  return v === undefined ? 'null' : JSON.stringify(v);
}
