import { parsePtr } from '../load/pointer.js';
import { escapeRegExp, markerSchema } from './print-markers.js';

/**
 * Schemas that refer to themselves through an array, e.g. `JsonValue: { type: [..., "array"], items: JsonValue }`.
 * openapi-typescript prints them as members of the `components` interface, `JsonValue: … | components["schemas"]["JsonValue"][]`,
 * which TypeScript rejects (TS2502, and the type silently becomes `any`): it defers an array's element type only
 * inside a type alias whose element names an alias. Through an object's members the cycle is fine (members are
 * resolved lazily), so only cycles of union/intersection members, array items and tuple elements count.
 * The fix: each such schema becomes a top-level alias, `type $RecursiveJsonValue = … | $RecursiveJsonValue[]`,
 * and its `components` member refers to it. In the copy the schema is framed by marker literals
 * ({@link wrapCyclicSchemas}) so that its printed type can be cut out of openapi-typescript's output ({@link hoistCyclicSchemas}).
 */

/** An edge of the "printed eagerly" graph between component schemas. */
interface Edge {
  to: string;
  /** through an array's items or a tuple's elements */
  viaArray: boolean;
}

/** Names of `components/schemas` entries on a cycle of eager references that passes through an array, in document order. */
export function findArrayCycles(copy: unknown): string[] {
  const schemas = componentSchemas(copy);
  const names = Object.keys(schemas);
  const edges = new Map(names.map((name) => [name, eagerRefs(schemas[name], schemas)]));
  const component = stronglyConnected(names, edges);
  const cyclic = new Set<number>();
  for (const [from, out] of edges) {
    for (const edge of out) if (edge.viaArray && component.get(from) === component.get(edge.to)) cyclic.add(component.get(from)!);
  }
  return names.filter((name) => cyclic.has(component.get(name)!));
}

/** Replaces, in the copy, each named schema by a tuple `[start, schema, end]` of marker literals, keeping its JSDoc keywords. */
export function wrapCyclicSchemas(copy: unknown, names: readonly string[], prefix: string): void {
  const schemas = componentSchemas(copy);
  names.forEach((name, i) => {
    const schema = schemas[name];
    const doc = isRecord(schema) ? Object.fromEntries(DOC_KEYS.filter((k) => k in schema).map((k) => [k, schema[k]])) : {};
    schemas[name] = { ...doc, type: 'array', prefixItems: [markerSchema(`${prefix}C${i}`), schema, markerSchema(`${prefix}D${i}`)] };
  });
}

/**
 * Cuts each wrapped schema's printed type out of openapi-typescript's output, puts the alias name in its place and
 * appends the aliases, in which references to the wrapped schemas name their aliases. `realNames`: the document's
 * own schema names (a name shielded for openapi-typescript, or added by inline-refs, gets a numbered alias).
 */
export function hoistCyclicSchemas(source: string, names: readonly string[], prefix: string, realNames: ReadonlySet<string>): string {
  const aliases = aliasNames(names, realNames);
  const bodies: string[] = [];
  let out = source;
  names.forEach((name, i) => {
    const framed = new RegExp(`\\[\\s*${escapeRegExp(JSON.stringify(`${prefix}C${i}`))},\\s*([\\s\\S]*?),\\s*${escapeRegExp(JSON.stringify(`${prefix}D${i}`))}\\s*\\]`, 'g');
    out = out.replace(framed, (_, body: string) => {
      bodies[i] ??= body;
      return aliases.get(name)!;
    });
  });
  const refs = /components\["schemas"\]\["((?:[^"\\\n]|\\.)*)"\]/g;
  const declarations = names.map((name, i) => {
    const body = (bodies[i] ?? 'unknown').replace(refs, (ref: string, quoted: string) => aliases.get(parseQuoted(quoted) ?? '') ?? ref);
    return `/** A schema that contains itself through an array: TypeScript allows that in a type alias only. */\ntype ${aliases.get(name)!} = ${body};`;
  });
  return [out, ...declarations].join('\n');
}

/** JSDoc keywords openapi-typescript prints for a component schema (see its addJSDocComment). */
const DOC_KEYS = ['title', 'summary', 'format', 'deprecated', 'description', 'default', 'example', 'examples'];

function aliasNames(names: readonly string[], realNames: ReadonlySet<string>): Map<string, string> {
  const taken = new Set<string>();
  return new Map(
    names.map((name, i) => {
      const readable = realNames.has(name) && /^[A-Za-z_][A-Za-z0-9_]*$/.test(name);
      let alias = `$Recursive${readable ? name.charAt(0).toUpperCase() + name.slice(1) : i}`;
      while (taken.has(alias)) alias += `_${i}`;
      taken.add(alias);
      return [name, alias];
    }),
  );
}

/** The references openapi-typescript prints without resolving them lazily: composition members, array items, tuple elements. */
function eagerRefs(schema: unknown, schemas: Record<string, unknown>): Edge[] {
  const edges: Edge[] = [];
  const stack: Array<{ node: unknown; viaArray: boolean }> = [{ node: schema, viaArray: false }];
  while (stack.length > 0) {
    const { node, viaArray } = stack.pop()!;
    if (!isRecord(node)) continue;
    if (typeof node.$ref === 'string') {
      const name = componentName(node.$ref);
      if (name !== undefined && Object.hasOwn(schemas, name)) edges.push({ to: name, viaArray });
      continue; // openapi-typescript prints a `$ref` schema as the reference alone
    }
    for (const key of ['allOf', 'anyOf', 'oneOf']) {
      const members = node[key];
      if (Array.isArray(members)) for (const member of members) stack.push({ node: member, viaArray });
    }
    if (node.type === 'array' || (Array.isArray(node.type) && node.type.includes('array'))) {
      const items = [...(Array.isArray(node.prefixItems) ? node.prefixItems : []), ...(Array.isArray(node.items) ? node.items : [node.items])];
      for (const item of items) stack.push({ node: item, viaArray: true });
    }
  }
  return edges;
}

/** `#/components/schemas/Name` → `Name`; any other pointer → undefined. */
function componentName(ref: string): string | undefined {
  let segments: string[];
  try {
    segments = parsePtr(ref);
  } catch {
    return undefined;
  }
  return segments.length === 3 && segments[0] === 'components' && segments[1] === 'schemas' ? segments[2] : undefined;
}

/** Kosaraju's strongly connected components, iteratively (a long chain of references must not overflow the stack). */
function stronglyConnected(names: readonly string[], edges: ReadonlyMap<string, Edge[]>): Map<string, number> {
  const order: string[] = [];
  const seen = new Set<string>();
  for (const root of names) {
    if (seen.has(root)) continue;
    seen.add(root);
    const stack: Array<{ name: string; next: number }> = [{ name: root, next: 0 }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const out = edges.get(top.name)!;
      if (top.next < out.length) {
        const to = out[top.next++]!.to;
        if (!seen.has(to)) {
          seen.add(to);
          stack.push({ name: to, next: 0 });
        }
      } else {
        order.push(top.name);
        stack.pop();
      }
    }
  }
  const reverse = new Map<string, string[]>(names.map((n) => [n, []]));
  for (const [from, out] of edges) for (const edge of out) reverse.get(edge.to)!.push(from);
  const component = new Map<string, number>();
  for (let i = order.length - 1; i >= 0; i--) {
    const root = order[i]!;
    if (component.has(root)) continue;
    const id = component.size;
    const stack = [root];
    component.set(root, id);
    while (stack.length > 0) {
      for (const from of reverse.get(stack.pop()!)!) {
        if (!component.has(from)) {
          component.set(from, id);
          stack.push(from);
        }
      }
    }
  }
  return component;
}

function parseQuoted(quoted: string): string | undefined {
  try {
    return JSON.parse(`"${quoted}"`) as string;
  } catch {
    return undefined;
  }
}

function componentSchemas(document: unknown): Record<string, unknown> {
  const schemas = (document as { components?: { schemas?: unknown } }).components?.schemas;
  return isRecord(schemas) ? schemas : {};
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
