import type { Issue } from '../issue.js';
import { isDataKey } from './data-keys.js';
import { childPtr, ptr } from './pointer.js';
import { isRef, resolveRef } from './resolve-ref.js';

export type Dialect = 'openapi-3.0' | 'openapi-3.1';


/**
 * Checks that `doc` is an OpenAPI 3.0/3.1 document we can generate from: version, shape of the top level,
 * every `$ref` resolvable, operationIds unique. Collects every problem; never throws.
 * https://spec.openapis.org/oas/v3.1.0#openapi-object
 */
export function checkSpec(doc: unknown): { dialect?: Dialect; issues: Issue[] } {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    return { issues: [notOpenApi('the document is not a JSON object')] };
  }
  const root = doc as Record<string, unknown>;
  const version = checkVersion(root);
  if ('issue' in version) return { issues: [version.issue] };
  const issues: Issue[] = [...checkTopLevel(root), ...checkRefs(root)];
  issues.push(...checkOperationIds(root));
  return { dialect: version.dialect, issues };
}

function notOpenApi(found: string): Issue {
  return {
    severity: 'error',
    code: 'not-openapi',
    pointer: '#',
    message: `expected an OpenAPI 3.0 or 3.1 document with an \`openapi\` field, found ${found}`,
  };
}

function checkVersion(root: Record<string, unknown>): { dialect: Dialect } | { issue: Issue } {
  if (root.swagger !== undefined) {
    return {
      issue: {
        severity: 'error',
        code: 'swagger-2',
        pointer: ptr('swagger'),
        message: `this is a Swagger ${String(root.swagger)} document; only OpenAPI 3.0 and 3.1 are supported`,
        hint: 'convert it to OpenAPI 3 first, e.g. `npx swagger2openapi spec.json -o openapi.json`',
      },
    };
  }
  const v = root.openapi;
  if (typeof v !== 'string') return { issue: notOpenApi(v === undefined ? 'no `openapi` field' : `\`openapi: ${JSON.stringify(v)}\``) };
  if (/^3\.0\.\d+/.test(v)) return { dialect: 'openapi-3.0' };
  if (/^3\.1\.\d+/.test(v)) return { dialect: 'openapi-3.1' };
  return {
    issue: {
      severity: 'error',
      code: 'unsupported-openapi-version',
      pointer: ptr('openapi'),
      message: `\`openapi: ${JSON.stringify(v)}\` is not a supported version; expected 3.0.x or 3.1.x`,
      hint: 'give an OpenAPI 3.0.x or 3.1.x document (3.2 is not supported yet)',
    },
  };
}

function checkTopLevel(root: Record<string, unknown>): Issue[] {
  const issues: Issue[] = [];
  const info = root.info as Record<string, unknown> | undefined;
  if (typeof info !== 'object' || info === null) {
    issues.push({ severity: 'error', code: 'missing-info', pointer: ptr('info'), message: 'the required `info` object is missing' });
  } else if (typeof info.title !== 'string') {
    issues.push({ severity: 'warning', code: 'missing-title', pointer: ptr('info', 'title'), message: '`info.title` is missing; the package is named `api-client`' });
  }
  if (root.paths !== undefined && (typeof root.paths !== 'object' || root.paths === null || Array.isArray(root.paths))) {
    issues.push({ severity: 'error', code: 'invalid-paths', pointer: ptr('paths'), message: '`paths` must be an object keyed by path' });
  } else {
    issues.push(...checkPathKeys(Object.keys(root.paths ?? {})));
  }
  return issues;
}

/**
 * A path is a URL path: a `%` must start a `%XX` escape (RFC 3986). A malformed one is an error in the spec,
 * and tools that decode paths (openapi-typescript among them) would crash on it.
 */
function checkPathKeys(paths: string[]): Issue[] {
  return paths
    .filter((path) => /%(?![0-9A-Fa-f]{2})/.test(path))
    .map((path) => ({
      severity: 'error' as const,
      code: 'invalid-path',
      pointer: ptr('paths', path),
      message: `path ${JSON.stringify(path)} has a \`%\` that does not start a percent-escape (\`%XX\`)`,
      hint: 'write a literal `%` as `%25`',
    }));
}

/**
 * Nesting deeper than this is refused up front, because later stages recurse per level: prettier's TypeScript
 * parser overflows the stack at about 125 levels of nested `additionalProperties` (measured), long before
 * openapi-typescript or the validator compiler do. Real specs stay far below (a schema nested 40 objects deep is
 * about 90 levels of JSON).
 */
export const MAX_NESTING = 100;
/** A too-deep value is reported at its ancestor this deep (`#/components/schemas/X`), not at a pointer thousands of segments long. */
const REPORT_DEPTH = 3;

interface WalkItem {
  node: object;
  /** made when first needed (a `$ref` to resolve, or a shallow node's anchor): most nodes never need theirs */
  pointer: string | undefined;
  parent: WalkItem | undefined;
  key: string;
  depth: number;
  parentKey: string;
  /** data (`default`, `enum`, `example`...): only its depth is checked, `$ref` there is just a key */
  data: boolean;
  /** the ancestor a too-deep issue is reported at */
  anchor: string;
}

/** The JSON pointer of a walked node. */
function pointerOf(item: WalkItem): string {
  return (item.pointer ??= childPtr(pointerOf(item.parent!), item.key));
}

function checkRefs(root: Record<string, unknown>): Issue[] {
  const issues = new Map<string, Issue>();
  const stack: WalkItem[] = [{ node: root, pointer: '#', parent: undefined, key: '', depth: 0, parentKey: '', data: false, anchor: '#' }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    const { node, depth, parentKey, data, anchor } = item;
    if (depth > MAX_NESTING) {
      issues.set(`too-deep${anchor}`, tooDeep(anchor));
      continue;
    }
    if (!data && isRef(node)) {
      const result = resolveRef(root, node, pointerOf(item));
      // keyed by where the issue points, so a loop met from each of its members and referrers is reported once
      if ('issue' in result) issues.set(`${result.issue.code}${result.issue.pointer}`, result.issue);
    }
    const isArray = Array.isArray(node);
    const entries = isArray ? node.map((v, i) => [String(i), v] as const) : Object.entries(node);
    for (const [key, value] of entries) {
      // a primitive has nothing to check (no `$ref`, no depth of its own)
      if (typeof value !== 'object' || value === null) continue;
      const child: WalkItem = {
        node: value, pointer: undefined, parent: item, key, depth: depth + 1,
        parentKey: isArray ? parentKey : key,
        data: data || (!isArray && isDataKey(key, parentKey)),
        anchor,
      };
      if (depth < REPORT_DEPTH) child.anchor = pointerOf(child);
      stack.push(child);
    }
  }
  return [...issues.values()];
}

function tooDeep(pointer: string): Issue {
  return {
    severity: 'error',
    code: 'too-deep',
    pointer,
    message: `the value here nests more than ${MAX_NESTING} levels deep`,
    hint: 'flatten it: move nested schemas to `components/schemas` and refer to them with `$ref`',
  };
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

function checkOperationIds(root: Record<string, unknown>): Issue[] {
  const seen = new Map<string, string>();
  const issues: Issue[] = [];
  const paths = (root.paths ?? {}) as Record<string, unknown>;
  for (const path of Object.keys(paths).sort()) {
    const item = paths[path];
    if (typeof item !== 'object' || item === null) continue;
    for (const method of METHODS) {
      const op = (item as Record<string, unknown>)[method] as { operationId?: unknown } | undefined;
      if (typeof op?.operationId !== 'string') continue;
      const at = ptr('paths', path, method, 'operationId');
      const first = seen.get(op.operationId);
      if (first) {
        issues.push({
          severity: 'error',
          code: 'duplicate-operation-id',
          pointer: at,
          message: `\`operationId\` ${JSON.stringify(op.operationId)} is already used at \`${first}\``,
          hint: 'operationIds must be unique across the document; rename one of them',
        });
      } else seen.set(op.operationId, at);
    }
  }
  return issues;
}
