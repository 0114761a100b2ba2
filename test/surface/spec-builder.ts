/** Small OpenAPI documents for surface tests, built as objects so each table row shows only what it changes. */
import type { ExtractOptions } from '../../src/surface/index.js';

type Json = Record<string, unknown>;

/** Stand-in for the integrator's naming: camelCase of the operationId, else method + path words. */
export const methodName: ExtractOptions['methodName'] = (op) => {
  const source = op.operationId ?? `${op.method} ${op.path}`;
  const words = source.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return words.map((w, i) => (i === 0 ? w.toLowerCase() : w.charAt(0).toUpperCase() + w.slice(1).toLowerCase())).join('');
};

/** The parts of a one-operation spec (`POST /things`, operationId `create-thing`) a test may vary. */
export interface SpecParts {
  request?: unknown;
  requestRequired?: boolean;
  response?: unknown;
  params?: unknown[];
  schemas?: Json;
  servers?: string[];
  security?: Json[];
  securitySchemes?: Json;
  operation?: Json;
  /** extra operations: path → method → operation object */
  paths?: Record<string, Json>;
}

/** A complete OpenAPI 3.1 document from `parts`. */
export function buildSpec(parts: SpecParts = {}): Json {
  const operation: Json = {
    operationId: 'create-thing',
    parameters: parts.params ?? [],
    responses: { '200': { description: 'ok', content: { 'application/json': { schema: parts.response ?? { type: 'object' } } } } },
    ...parts.operation,
  };
  if (parts.request !== undefined) {
    operation['requestBody'] = { required: parts.requestRequired ?? true, content: { 'application/json': { schema: parts.request } } };
  }
  return {
    openapi: '3.1.0',
    info: { title: 't', version: '1.0.0' },
    servers: (parts.servers ?? ['https://api.example.com']).map((url) => ({ url })),
    security: parts.security ?? [{ key: [] }],
    paths: { '/things': { post: operation }, ...parts.paths },
    components: {
      schemas: parts.schemas ?? {},
      securitySchemes: parts.securitySchemes ?? { key: { type: 'apiKey', in: 'header', name: 'x-api-key' } },
    },
  };
}

/** An inline object schema; `required` lists the required property names. */
export function obj(properties: Json, required: string[] = []): Json {
  return { type: 'object', properties, required };
}

/** OpenAPI 3.1 nullable: `anyOf: [schema, {type: null}]`, as FastAPI writes it. */
export function nullable(schema: Json): Json {
  return { anyOf: [schema, { type: 'null' }] };
}

/** `$ref` to a component schema. */
export function ref(name: string): Json {
  return { $ref: `#/components/schemas/${name}` };
}
