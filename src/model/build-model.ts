import type { Issue } from '../issue.js';
import type { LoadedSpec } from '../load/load-spec.js';
import { ptr } from '../load/pointer.js';
import { deref } from '../load/resolve-ref.js';
import {
  createTypeNameRegistry, createValueNameRegistry, methodNameFromPath, NameRegistry, schemaTypeName, toCamelCase,
  toIdentifier, toPascalCase,
} from './naming.js';
import { addImplicitAuthorization, authorizationParameter, type AuthorizationParameter } from './authorization-parameter.js';
import { buildKnownGuards } from './open-values.js';
import { buildOperation, ignoredBodyIssue, type UnnamedOperation } from './operation.js';
import { usesReadWriteMarkers } from './read-write.js';
import { buildSecuritySchemes } from './security.js';
import type { ApiModel, HttpMethod, Operation, OperationValidators, SchemaInfo } from './types.js';

const METHODS: readonly HttpMethod[] = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** Suffixes of the per-operation types exported from client.ts. */
export const OPERATION_TYPE_SUFFIXES = ['Args', 'Result', 'HttpError', 'Error'] as const;

/** Builds the model the client and validator emitters print: operations, schemas, credentials, names. */
export function buildModel(spec: LoadedSpec): { model: ApiModel; issues: Issue[] } {
  const doc = spec.document;
  const info = (doc.info ?? {}) as Record<string, unknown>;
  const typeNames = createTypeNameRegistry();
  const valueNames = createValueNameRegistry();
  const schemas = buildSchemaInfos(doc, typeNames, valueNames);
  const { ops: unnamed, issues: operationIssues, authorization } = collectOperations(doc);
  // before the names and the credentials: it adds a credential to operations' security
  const implicit = addImplicitAuthorization(doc, unnamed, authorization);
  const operations = assignNames(unnamed, typeNames, valueNames);
  const knownGuards = buildKnownGuards(doc, schemas, typeNames, valueNames);
  const security = buildSecuritySchemes(doc, operations.map((o) => o.security), implicit);
  return {
    model: {
      title: typeof info.title === 'string' ? info.title : 'api',
      version: typeof info.version === 'string' ? info.version : '0.0.0',
      description: typeof info.description === 'string' ? info.description : undefined,
      dialect: spec.dialect,
      defaultBaseUrl: defaultBaseUrl(doc),
      securitySchemes: security.schemes,
      schemas,
      operations,
      readWriteMarkers: usesReadWriteMarkers(doc),
      knownGuards,
    },
    issues: [...security.issues, ...operationIssues],
  };
}

function buildSchemaInfos(doc: Record<string, unknown>, typeNames: NameRegistry, valueNames: NameRegistry): SchemaInfo[] {
  const raw = ((doc.components as Record<string, unknown> | undefined)?.schemas ?? {}) as Record<string, unknown>;
  return Object.keys(raw)
    .sort()
    .map((specName) => {
      const typeName = schemaTypeName(typeNames, specName);
      const schema = raw[specName];
      const resolved = deref(doc, schema) as Record<string, unknown> | boolean;
      const description = typeof resolved === 'object' && typeof resolved.description === 'string' ? resolved.description : undefined;
      return {
        specName, typeName, schema, description,
        validatorName: valueNames.claim(`validate${typeName}`),
        pointer: ptr('components', 'schemas', specName),
      };
    });
}

function collectOperations(doc: Record<string, unknown>): {
  ops: UnnamedOperation[];
  issues: Issue[];
  authorization: Map<UnnamedOperation, AuthorizationParameter>;
} {
  const paths = (doc.paths ?? {}) as Record<string, unknown>;
  const ops: UnnamedOperation[] = [];
  const issues: Issue[] = [];
  const authorization = new Map<UnnamedOperation, AuthorizationParameter>();
  for (const path of Object.keys(paths).sort()) {
    const pointer = ptr('paths', path);
    const item = deref(doc, paths[path]) as Record<string, unknown>;
    for (const method of METHODS) {
      if (typeof item[method] !== 'object' || item[method] === null) continue;
      const op = buildOperation(doc, path, item, method, pointer);
      ops.push(op);
      const declared = authorizationParameter(doc, item, item[method] as Record<string, unknown>, pointer, op.pointer);
      if (declared) authorization.set(op, declared);
      const ignored = ignoredBodyIssue(item[method] as Record<string, unknown>, method, op.pointer);
      if (ignored) issues.push(ignored);
    }
  }
  return { ops, issues, authorization };
}

/**
 * Method names from operationIds (camelCase), else from method and path; unique, claimed in (path, method) order
 * so that they are stable. Type stems are PascalCase and never collide with a schema type.
 */
function assignNames(ops: UnnamedOperation[], typeNames: NameRegistry, valueNames: NameRegistry): Operation[] {
  return ops.map((op) => {
    const base = toIdentifier(op.operationId ? toCamelCase(op.operationId) : methodNameFromPath(op.method, op.path), 'operation');
    // A method is also an exported function: its name is claimed among the package's value names, and must not be a
    // type name either (`export *` of both would clash; only names without letter case can be both).
    let methodName = valueNames.claim(base);
    while (typeNames.has(methodName)) methodName = valueNames.claim(base);
    const typeStem = claimStem(typeNames, toIdentifier(toPascalCase(methodName), 'Call'));
    return { ...op, methodName, typeStem, validators: validatorNames(op, typeStem, valueNames) };
  });
}

function claimStem(typeNames: NameRegistry, preferred: string): string {
  for (let n = 1; ; n++) {
    const stem = n === 1 ? preferred : `${preferred}${n}`;
    if (OPERATION_TYPE_SUFFIXES.every((s) => !typeNames.has(`${stem}${s}`))) {
      OPERATION_TYPE_SUFFIXES.forEach((s) => typeNames.claim(`${stem}${s}`));
      return stem;
    }
  }
}

function validatorNames(op: UnnamedOperation, stem: string, valueNames: NameRegistry): OperationValidators {
  const has = (location: string) => op.params.some((p) => p.in === location);
  const name = (part: string) => valueNames.claim(`validate${stem}${part}`);
  const responses: Record<string, string> = {};
  for (const r of op.responses) if (r.kind === 'json' && r.schema !== undefined) responses[r.status] = name(`Response${toPascalCase(r.status)}`);
  return {
    path: has('path') ? name('Path') : undefined,
    query: has('query') ? name('Query') : undefined,
    header: has('header') ? name('Header') : undefined,
    cookie: has('cookie') ? name('Cookie') : undefined,
    body: op.body && !op.body.opaqueText ? name('Body') : undefined,
    responses,
  };
}

/** The first server's URL with its variables at their defaults, when absolute. */
function defaultBaseUrl(doc: Record<string, unknown>): string | undefined {
  const server = Array.isArray(doc.servers) ? (doc.servers[0] as Record<string, unknown> | undefined) : undefined;
  if (!server || typeof server.url !== 'string') return undefined;
  const vars = (server.variables ?? {}) as Record<string, { default?: unknown }>;
  const url = server.url.replace(/\{([^}]+)\}/g, (m, name: string) => (vars[name]?.default !== undefined ? String(vars[name]!.default) : m));
  return /^https?:\/\/[^{}\s]+$/i.test(url) ? url.replace(/\/+$/, '') : undefined;
}
