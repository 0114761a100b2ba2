/**
 * Proof against the compiler: for pairs of specs, generate both client packages, compile a consumer
 * written against the OLD package with the NEW one, and check that the report's verdict matches tsc: breaking
 * iff the consumer stops compiling. Breaks that TypeScript cannot see (a default base URL, integer vs number)
 * are listed as run-time-only: the report must call them breaking while tsc stays silent, and the row says why.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSpec } from '../../src/load/load-spec.js';
import { buildModel } from '../../src/model/build-model.js';
import { generate } from '../../src/run.js';
import { compareSurfaces, extractSurface, type ApiSurface, type SurfaceReport } from '../../src/surface/index.js';

type Doc = Record<string, any>; // `any`: the edits below reach deep into a JSON document

/** Two operations, two shared schemas, an enum in a response: enough surface for every pair below. */
function baseSpec(): Doc {
  return {
    openapi: '3.1.0',
    info: { title: 'proof', version: '1.0.0' },
    servers: [{ url: 'https://api.example.com' }],
    paths: {
      '/things': {
        post: {
          operationId: 'create-thing',
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/NewThing' } } } },
          responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } } },
        },
      },
      '/others': {
        get: {
          operationId: 'list-others',
          responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'array', items: { type: 'string' } } } } } },
        },
      },
    },
    components: {
      schemas: {
        NewThing: {
          type: 'object',
          required: ['name'],
          properties: {
            name: { type: 'string' },
            size: { type: 'integer' },
            label: { anyOf: [{ type: 'string' }, { type: 'integer' }] },
            tags: { type: 'array', items: { type: 'string' } },
          },
        },
        Thing: {
          type: 'object',
          required: ['id', 'count', 'colour'],
          properties: {
            id: { type: 'string' },
            count: { type: 'integer' },
            colour: { type: 'string', enum: ['red', 'blue'] },
            note: { type: 'string' },
          },
        },
      },
    },
  };
}

/** Written against the base package: uses every field and method the pairs touch, the way real code does. */
const CONSUMER = `
import { createClient } from "./index.js";

const client = createClient({});

export async function use(): Promise<string> {
  const thing = await client.createThing({ body: { name: "n", size: 1, label: 5 } });
  const id: string = thing.id;
  const count: number = thing.count + 1;
  let shade: string;
  switch (thing.colour) {
    case "red":
      shade = "warm";
      break;
    case "blue":
      shade = "cool";
      break;
    default: {
      const unhandled: never = thing.colour;
      throw new Error(String(unhandled));
    }
  }
  const note: string = thing.note ?? "";
  const others: string[] = await client.listOthers();
  return [id, count, shade, note, ...others].join(",");
}
`;

interface Pair {
  name: string;
  edit: (doc: Doc) => void;
  breaking: boolean;
  /** set when the break is real but invisible to tsc: why the consumer still compiles */
  runtimeOnly?: string;
}

const schema = (doc: Doc, name: string): Doc => doc['components']['schemas'][name];

const pairs: Pair[] = [
  { name: 'response field removed', edit: (d) => { delete schema(d, 'Thing').properties.count; schema(d, 'Thing').required = ['id', 'colour']; }, breaking: true },
  { name: 'request type narrowed (integer|string → string)', edit: (d) => (schema(d, 'NewThing').properties.label = { type: 'string' }), breaking: true },
  { name: 'request field made required', edit: (d) => schema(d, 'NewThing').required.push('tags'), breaking: true },
  { name: 'new required request field', edit: (d) => { schema(d, 'NewThing').properties.owner = { type: 'string' }; schema(d, 'NewThing').required.push('owner'); }, breaking: true },
  { name: 'enum value added in a response', edit: (d) => schema(d, 'Thing').properties.colour.enum.push('green'), breaking: true },
  { name: 'enum value removed from a response', edit: (d) => (schema(d, 'Thing').properties.colour.enum = ['red']), breaking: true },
  { name: 'operation removed', edit: (d) => delete d['paths']['/others'], breaking: true },
  { name: 'client method renamed', edit: (d) => (d['paths']['/others'].get.operationId = 'get-others'), breaking: true },
  { name: 'response field made optional', edit: (d) => (schema(d, 'Thing').required = ['id', 'colour']), breaking: true },
  { name: 'response field made nullable', edit: (d) => (schema(d, 'Thing').properties.id = { type: ['string', 'null'] }), breaking: true },
  { name: 'request field removed', edit: (d) => delete schema(d, 'NewThing').properties.size, breaking: true },
  { name: 'optional request field added', edit: (d) => (schema(d, 'NewThing').properties.colour = { type: 'string' }), breaking: false },
  { name: 'response field added', edit: (d) => { schema(d, 'Thing').properties.created = { type: 'string' }; schema(d, 'Thing').required.push('created'); }, breaking: false },
  { name: 'request field made optional', edit: (d) => (schema(d, 'NewThing').required = []), breaking: false },
  { name: 'request type widened (integer → integer|string)', edit: (d) => (schema(d, 'NewThing').properties.size = { anyOf: [{ type: 'integer' }, { type: 'string' }] }), breaking: false },
  { name: 'response type narrowed (string → enum)', edit: (d) => (schema(d, 'Thing').properties.note = { type: 'string', enum: ['a', 'b'] }), breaking: false },
  { name: 'operation added', edit: (d) => (d['paths']['/more'] = { get: { operationId: 'list-more', responses: { '204': { description: 'none' } } } }), breaking: false },
  { name: 'optional query parameter added', edit: (d) => (d['paths']['/others'].get.parameters = [{ name: 'limit', in: 'query', schema: { type: 'integer' } }]), breaking: false },
  {
    name: 'security scheme required on every operation',
    edit: (d) => {
      d['components'].securitySchemes = { Key: { type: 'apiKey', in: 'header', name: 'x-key' } };
      d['security'] = [{ Key: [] }];
    },
    breaking: true,
  },
  {
    name: 'Authorization header parameter required on every operation (the client takes it as an option)',
    edit: (d) => {
      const param = { name: 'Authorization', in: 'header', required: true, schema: { type: 'string' } };
      for (const item of Object.values(d['paths']) as Doc[]) for (const op of Object.values(item) as Doc[]) op.parameters = [param];
    },
    breaking: true,
  },
  {
    name: 'default server changed',
    edit: (d) => (d['servers'] = [{ url: 'https://eu.example.com' }]),
    breaking: true,
    runtimeOnly: 'the default base URL is a string value, not a type: calls compile and go to another server',
  },
  {
    name: 'response type widened (integer → number)',
    edit: (d) => (schema(d, 'Thing').properties.count = { type: 'number' }),
    breaking: true,
    runtimeOnly: 'TypeScript has one `number` type: code assuming an integer (array index, `%`) compiles and misbehaves',
  },
];

/** A compiler host that parses the standard library once for all compilations. */
function cachingHost(options: ts.CompilerOptions): ts.CompilerHost {
  const host = ts.createCompilerHost(options);
  const cache = new Map<string, ts.SourceFile | undefined>();
  const libDir = dirname(ts.getDefaultLibFilePath(options));
  const original = host.getSourceFile.bind(host);
  host.getSourceFile = (file, languageVersion, onError, shouldCreate) => {
    if (!file.startsWith(libDir)) return original(file, languageVersion, onError, shouldCreate);
    if (!cache.has(file)) cache.set(file, original(file, languageVersion, onError, shouldCreate));
    return cache.get(file);
  };
  return host;
}

const COMPILER_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
  types: [],
  strict: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  noEmit: true,
};

interface Generated {
  surface: ApiSurface;
  /** tsc's messages about the consumer, compiled against this package */
  consumerErrors: string[];
}

describe('the report agrees with the compiler', () => {
  let root = '';
  let host: ts.CompilerHost;
  let base: Generated;

  /** Generates `doc` into its own folder, drops the consumer in, and type-checks it. */
  async function generateAndCompile(name: string, doc: Doc): Promise<Generated> {
    const dir = join(root, name.replace(/[^a-z0-9]+/gi, '-'));
    mkdirSync(dir, { recursive: true });
    const specFile = join(dir, 'spec.json');
    writeFileSync(specFile, JSON.stringify(doc, null, 2));
    const { files, issues } = await generate({ spec: specFile });
    if (!files) throw new Error(`generation failed for ${name}: ${JSON.stringify(issues)}`);
    for (const file of files) {
      mkdirSync(dirname(join(dir, 'pkg', file.path)), { recursive: true });
      writeFileSync(join(dir, 'pkg', file.path), file.content);
    }
    const consumer = join(dir, 'pkg', 'src', 'consumer.ts');
    writeFileSync(consumer, CONSUMER);
    const program = ts.createProgram({ rootNames: [consumer], options: COMPILER_OPTIONS, host });
    const diagnostics = ts.getPreEmitDiagnostics(program).filter((d) => d.file?.fileName === consumer);
    const consumerErrors = diagnostics.map((d) => `TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
    return { surface: await surfaceOf(specFile), consumerErrors };
  }

  /** The surface as the integrator will compute it: method names from the generator's own model. */
  async function surfaceOf(specFile: string): Promise<ApiSurface> {
    const { spec } = await loadSpec(specFile);
    if (!spec) throw new Error(`cannot load ${specFile}`);
    const { model } = buildModel(spec);
    const methodName = (op: { method: string; path: string }): string =>
      model.operations.find((o) => o.method === op.method && o.path === op.path)?.methodName ?? `${op.method} ${op.path}`;
    return extractSurface(spec.document, { methodName });
  }

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'surface-proof-'));
    host = cachingHost(COMPILER_OPTIONS);
    base = await generateAndCompile('base', baseSpec());
  });

  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('the consumer compiles against the package it was written for', () => {
    expect(base.consumerErrors).toEqual([]);
  });

  it.each(pairs)('$name', async (pair) => {
    const doc = baseSpec();
    pair.edit(doc);
    const after = await generateAndCompile(pair.name, doc);
    const report: SurfaceReport = compareSurfaces(base.surface, after.surface);
    const summary = report.changes.map((c) => `${c.severity} ${c.kind} ${c.path}: ${c.why}`);
    // the report sees a change, and calls it what the row says
    expect(report.changes.length, 'the report saw no change').toBeGreaterThan(0);
    expect({ breaking: report.breaking > 0, summary }).toMatchObject({ breaking: pair.breaking });
    if (pair.runtimeOnly) {
      // breaking, yet invisible to tsc: the consumer must still compile, or the row is misfiled
      expect(after.consumerErrors).toEqual([]);
      return;
    }
    // the proof: tsc fails on the old consumer exactly when the report says breaking
    expect({ tscFails: after.consumerErrors.length > 0, errors: after.consumerErrors, summary }).toMatchObject({ tscFails: pair.breaking });
  });
});
