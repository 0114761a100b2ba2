/**
 * fetch throws on a GET or HEAD with a body ("Request with GET/HEAD method cannot have body"), and HTTP gives such a
 * body no meaning, so the client does not expose a `requestBody` declared there (okta.local's spec declares them on
 * its GETs): the model leaves it out with a warning that points at it, and the API surface agrees.
 */
import { expect, it } from 'vitest';
import type { LoadedSpec } from '../../src/load/load-spec.js';
import { buildModel } from '../../src/model/build-model.js';
import { surfaceOf } from '../../src/report-changes.js';

const body = { content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } };
const document = {
  openapi: '3.0.3',
  info: { title: 'bodies', version: '1.0.0' },
  paths: {
    '/users': {
      get: { operationId: 'findUser', requestBody: body, responses: { '200': { description: 'ok' } } },
      head: { operationId: 'headUser', requestBody: body, responses: { '200': { description: 'ok' } } },
      post: { operationId: 'createUser', requestBody: body, responses: { '201': { description: 'made' } } },
      delete: { operationId: 'deleteUser', requestBody: body, responses: { '204': { description: 'gone' } } },
    },
  },
};
const spec = { file: 'spec.json', document, dialect: 'openapi-3.0' } as unknown as LoadedSpec;

it('drops the body of GET and HEAD only, and says so at its pointer', () => {
  const { model, issues } = buildModel(spec);
  const hasBody = Object.fromEntries(model.operations.map((op) => [op.methodName, op.body !== undefined]));
  expect(hasBody).toEqual({ findUser: false, headUser: false, createUser: true, deleteUser: true });
  expect(issues.map((i) => [i.severity, i.code, i.pointer])).toEqual([
    ['warning', 'request-body-ignored', '#/paths/~1users/get/requestBody'],
    ['warning', 'request-body-ignored', '#/paths/~1users/head/requestBody'],
  ]);
});

it('the API surface has no request body for them either', () => {
  const surface = surfaceOf(spec, buildModel(spec).model) as unknown as { operations: Record<string, { requestBody?: unknown }> };
  expect(Object.fromEntries(Object.entries(surface.operations).map(([key, op]) => [key, op.requestBody !== undefined]))).toEqual({
    'DELETE /users': true,
    'GET /users': false,
    'HEAD /users': false,
    'POST /users': true,
  });
});
