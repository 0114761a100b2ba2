/** Building blocks for overlays' spec expectations: each returns a `SpecExpectation` with its wording. */
import { describeNode } from './check-expectations.js';
import type { SpecExpectation } from './types.js';

type Json = Record<string, unknown>;

const isObject = (node: unknown): node is Json => typeof node === 'object' && node !== null && !Array.isArray(node);

/** The node is an object schema with `properties`. */
export function objectSchema(pointer: string): SpecExpectation {
  return {
    pointer,
    expected: 'an object schema (`type: object` with `properties`)',
    test: (node) =>
      isObject(node) && node['type'] === 'object' && isObject(node['properties']) ? undefined : found(node),
  };
}

/** The keyword at `pointer` is absent; `why` says what its presence would mean. */
export function absent(pointer: string, keyword: string, why: string): SpecExpectation {
  return { pointer, expected: `no \`${keyword}\` (${why})`, test: (node) => (node === undefined ? undefined : found(node)) };
}

/** `type` (with `format`) or null, in any spelling: `anyOf [X, null]`, `type: [X, "null"]`, or 3.0 `nullable`. */
export function nullable(pointer: string, type: string, format?: string): SpecExpectation {
  const base = format ? `{type: ${type}, format: ${format}}` : `{type: ${type}}`;
  const matches = (s: unknown): boolean => isObject(s) && s['type'] === type && s['format'] === format;
  const isNull = (s: unknown): boolean => isObject(s) && s['type'] === 'null';
  return {
    pointer,
    expected: `\`anyOf: [${base}, {type: null}]\` (a nullable ${format ? `${format} ` : ''}${type})`,
    test: (node) => {
      if (!isObject(node)) return found(node);
      const anyOf = node['anyOf'];
      if (Array.isArray(anyOf) && anyOf.length === 2 && anyOf.some(matches) && anyOf.some(isNull)) return undefined;
      const t = node['type'];
      const typeList = Array.isArray(t) && t.length === 2 && t.includes(type) && t.includes('null');
      if (typeList && node['format'] === format) return undefined;
      if (node['nullable'] === true && matches(node)) return undefined;
      return found(node);
    },
  };
}

/** The node is `type: <type>` (not nullable). */
export function ofType(pointer: string, type: string): SpecExpectation {
  return {
    pointer,
    expected: `\`type: ${type}\``,
    test: (node) => (isObject(node) && node['type'] === type && node['nullable'] !== true ? undefined : found(node)),
  };
}

/** The node equals `value` (a string such as an operationId). */
export function equals(pointer: string, value: string, why: string): SpecExpectation {
  return { pointer, expected: `\`${value}\` (${why})`, test: (node) => (node === value ? undefined : found(node)) };
}

/** The node is `{ $ref: <target> }`. */
export function refTo(pointer: string, target: string): SpecExpectation {
  return {
    pointer,
    expected: `\`$ref: ${target}\``,
    test: (node) => (isObject(node) && node['$ref'] === target ? undefined : found(node)),
  };
}

/** The `required` list at `pointer` (absent = empty) lists every name in `names` (`present`) or none of them. */
export function requiredList(pointer: string, names: readonly string[], present: boolean, why: string): SpecExpectation {
  const list = names.map((n) => `\`${n}\``).join(' or ');
  return {
    pointer,
    expected: present ? `\`required\` to list ${list} (${why})` : `\`required\` not to list ${list} (${why})`,
    test: (node) => {
      const required = Array.isArray(node) ? node : [];
      const ok = present ? names.every((n) => required.includes(n)) : names.every((n) => !required.includes(n));
      return ok ? undefined : found(node);
    },
  };
}

/** The wording of what was found: the node, shortened, or "nothing" when absent. */
function found(node: unknown): string {
  if (node === undefined) return 'nothing there';
  if (!isObject(node)) return describeNode(node);
  // Titles and descriptions are noise in a one-line message; the shape is what matters.
  const { title: _t, description: _d, ...shape } = node;
  return describeNode(shape);
}
