/**
 * Parameters the client does not expose: header parameters named Accept, Content-Type or Authorization (OpenAPI:
 * "SHALL be ignored"), and parameters an apiKey credential of the operation already fills (same place and name:
 * the credential wins, so the value is never sent twice). Held in the model, in the `paths` types, and on the wire.
 * An ignored Authorization parameter that no credential of its operation fills becomes a credential option.
 */
import { createServer, type IncomingMessage } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Node, Project, type TypeLiteralNode } from 'ts-morph';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadedSpec } from '../../src/load/load-spec.js';
import { buildModel } from '../../src/model/build-model.js';
import { generate } from '../../src/run.js';
import { loadGeneratedClient, type LoadedClient } from '../contract/load-client.js';

const string = { type: 'string' };
const SPEC = {
  openapi: '3.1.0',
  info: { title: 'hidden parameters', version: '1.0.0' },
  components: {
    securitySchemes: {
      queryKey: { type: 'apiKey', in: 'query', name: 'api_key' },
      headerKey: { type: 'apiKey', in: 'header', name: 'x-api-key' },
      session: { type: 'apiKey', in: 'cookie', name: 'sid' },
    },
    parameters: { accept: { in: 'header', name: 'accept', schema: string } },
  },
  paths: {
    '/items/{id}': {
      parameters: [
        { in: 'path', name: 'id', required: true, schema: string },
        { in: 'query', name: 'api_key', required: true, schema: string },
      ],
      get: {
        operationId: 'getItem',
        security: [{ queryKey: [] }],
        parameters: [
          { in: 'header', name: 'Accept', schema: string },
          { in: 'header', name: 'content-type', schema: string },
          { in: 'header', name: 'AUTHORIZATION', required: true, schema: string },
          { in: 'header', name: 'X-Trace', schema: string },
          // no scheme of this operation puts a credential there: a parameter like any other
          { in: 'header', name: 'X-API-KEY', schema: string },
        ],
        responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } } },
      },
      delete: {
        operationId: 'deleteItem',
        // sends no credential: the query parameter `api_key` is the caller's to give
        security: [],
        responses: { '204': { description: 'gone' } },
      },
    },
    '/things': {
      get: {
        operationId: 'listThings',
        security: [{ headerKey: [], session: [] }],
        parameters: [
          { in: 'header', name: 'X-API-KEY', required: true, schema: string },
          { in: 'cookie', name: 'sid', required: true, schema: string },
          { in: 'cookie', name: 'theme', schema: string },
          { $ref: '#/components/parameters/accept' },
        ],
        responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'array' } } } } },
      },
    },
  },
};

function paramNames(methodName: string): string[] {
  const spec = { file: 'spec.json', document: SPEC, dialect: 'openapi-3.1' } as unknown as LoadedSpec;
  const op = buildModel(spec).model.operations.find((o) => o.methodName === methodName)!;
  return op.params.map((p) => `${p.in}:${p.name}`);
}

describe('the model', () => {
  it('ignores Accept, Content-Type and Authorization header parameters in any case, and keeps other headers', () => {
    expect(paramNames('getItem')).toEqual(['path:id', 'header:X-API-KEY', 'header:X-Trace']);
  });

  it('drops a parameter that a credential of the operation fills: query, header (any case) and cookie', () => {
    expect(paramNames('listThings')).toEqual(['cookie:theme']);
  });

  it('keeps the parameter where the operation sends no such credential', () => {
    expect(paramNames('deleteItem')).toEqual(['path:id', 'query:api_key']);
  });

  it('an ignored Authorization parameter that no credential of the operation fills becomes a credential option', () => {
    const { model } = buildModel({ file: 'spec.json', document: SPEC, dialect: 'openapi-3.1' } as unknown as LoadedSpec);
    expect(model.securitySchemes.find((s) => s.fromParameter)).toMatchObject({
      specName: 'Authorization', in: 'header', name: 'Authorization', optionName: 'authorization',
      // only getItem declares it
      required: false, pointer: '#/paths/~1items~1{id}/get/parameters/2',
    });
    const security = (name: string) => model.operations.find((o) => o.methodName === name)!.security;
    expect(security('getItem')).toEqual([['Authorization', 'queryKey']]);
    expect(security('deleteItem')).toEqual([]);
    expect(security('listThings')).toEqual([['headerKey', 'session']]);
  });

  it('none where a scheme of the operation sets Authorization; required where every operation requires it', () => {
    const auth = { in: 'header', name: 'Authorization', required: true, schema: string, description: 'Access token' };
    const ok = { '200': { description: 'ok' } };
    const doc = (security: unknown) => ({
      openapi: '3.0.3', info: { title: 't', version: '1' }, ...security as object,
      paths: { '/a': { parameters: [auth], get: { responses: ok }, post: { parameters: [auth], responses: ok } } },
    });
    const model = (document: unknown) => buildModel({ file: 'spec.json', document, dialect: 'openapi-3.0' } as unknown as LoadedSpec).model;
    const bare = model(doc({}));
    expect(bare.securitySchemes).toEqual([expect.objectContaining({ optionName: 'authorization', required: true, description: 'Access token' })]);
    expect(bare.operations.map((o) => o.security)).toEqual([[['Authorization']], [['Authorization']]]);
    const bearer = model(doc({ components: { securitySchemes: { token: { type: 'http', scheme: 'bearer' } } }, security: [{ token: [] }] }));
    expect(bearer.securitySchemes.map((s) => s.optionName)).toEqual(['token']);
    expect(bearer.operations.map((o) => o.security)).toEqual([[['token']], [['token']]]);
  });
});

describe('the generated package', () => {
  let dir: string;
  let client: LoadedClient;
  let types: string;
  let surface: { operations: Record<string, { parameters: Record<string, unknown> }> };
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'zc-hidden-params-'));
    const file = join(dir, 'spec.json');
    await writeFile(file, JSON.stringify(SPEC));
    const result = await generate({ spec: file, packageVersion: '1.0.0' });
    types = result.files!.find((f) => f.path === 'src/types.ts')!.content;
    surface = result.surface as unknown as typeof surface;
    client = await loadGeneratedClient(file);
  });
  afterAll(async () => {
    await client?.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  /** Parameter names per location of `paths[path][method]` in the generated types. */
  function typedParams(path: string, method: string): Record<string, string[]> {
    const source = new Project({ useInMemoryFileSystem: true }).createSourceFile('types.ts', types);
    const operations = source.getInterfaceOrThrow('operations');
    const pathItem = source.getInterfaceOrThrow('paths').getPropertyOrThrow(JSON.stringify(path)).getTypeNodeOrThrow() as TypeLiteralNode;
    let opNode = pathItem.getPropertyOrThrow(method).getTypeNodeOrThrow();
    // `get: operations["getItem"]`
    const named = /operations\["(.+)"\]/.exec(opNode.getText())?.[1];
    if (named) opNode = operations.getPropertyOrThrow(named).getTypeNodeOrThrow();
    const parameters = (opNode as TypeLiteralNode).getPropertyOrThrow('parameters').getTypeNodeOrThrow() as TypeLiteralNode;
    const out: Record<string, string[]> = {};
    for (const location of ['query', 'header', 'path', 'cookie']) {
      const node = parameters.getProperty(location)?.getTypeNode();
      out[location] = node && Node.isTypeLiteral(node) ? node.getProperties().map((p) => p.getName().replace(/^"|"$/g, '')) : [];
    }
    return out;
  }

  it('types list the same parameters as the model, and a path-level one only where it is visible', () => {
    expect(typedParams('/items/{id}', 'get')).toEqual({ query: [], header: ['X-Trace', 'X-API-KEY'], path: ['id'], cookie: [] });
    expect(typedParams('/items/{id}', 'delete')).toEqual({ query: ['api_key'], header: [], path: ['id'], cookie: [] });
    expect(typedParams('/things', 'get')).toEqual({ query: [], header: [], path: [], cookie: ['theme'] });
  });

  it('the API surface (what the change report compares) lists the same parameters', () => {
    const params = (key: string) => Object.keys(surface.operations[key]!.parameters);
    expect(params('GET /items/{id}')).toEqual(['header:X-API-KEY', 'header:X-Trace', 'path:id']);
    expect(params('DELETE /items/{id}')).toEqual(['path:id', 'query:api_key']);
    expect(params('GET /things')).toEqual(['cookie:theme']);
  });

  it('sends each credential once and none of the ignored headers from the arguments', async () => {
    const requests: IncomingMessage[] = [];
    const server = createServer((req, res) => {
      requests.push(req);
      res.writeHead(200, { 'content-type': 'application/json' }).end(req.url?.startsWith('/things') ? '[]' : '{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as { port: number }).port;
      const api = client.module.createClient({
        baseUrl: `http://127.0.0.1:${port}`, apiKey2: 'key-from-credential', apiKey: 'header-credential', sid: 'sid-credential',
        authorization: 'Bearer from-credential',
      }) as Record<string, (args: unknown) => Promise<unknown>>;
      // credential options are named after where the key goes (`api_key` → apiKey2, `x-api-key` → apiKey); what
      // the types no longer offer is passed anyway, as plain JavaScript could
      await api.getItem!({
        path: { id: '7' },
        query: { api_key: 'key-from-args' },
        header: { Accept: 'text/evil', 'content-type': 'text/evil', AUTHORIZATION: 'Bearer evil', 'X-Trace': 't-1' },
      });
      await api.listThings!({ header: { 'X-API-KEY': 'from-args' }, cookie: { sid: 'from-args', theme: 'dark' } });
      const [item, things] = requests;
      expect(item!.url).toBe('/items/7?api_key=key-from-credential');
      expect(item!.headers.accept).toBe('application/json');
      expect(item!.headers['content-type']).toBeUndefined();
      // from the credential the declared parameter became, never from the arguments; not on an operation without it
      expect(item!.headers.authorization).toBe('Bearer from-credential');
      expect(things!.headers.authorization).toBeUndefined();
      expect(item!.headers['x-trace']).toBe('t-1');
      expect(things!.headers['x-api-key']).toBe('header-credential');
      expect(things!.headers.cookie).toBe('sid=sid-credential; theme=dark');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
