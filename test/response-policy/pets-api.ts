/**
 * The API these tests play a newer version of: `test/cases/open-values/spec.json` (enums, a discriminated union,
 * objects closed with `additionalProperties: false`, `readOnly` and `writeOnly` properties), its operations, and
 * the edits that make a newer version of it.
 */
import { readFileSync } from 'node:fs';
import { emitValidators } from '../../src/emit/validators/index.js';
import ts from 'typescript';
import type { Result } from './generated-package.js';

type Doc = Record<string, any>; // `any`: the edits reach deep into a JSON document

const SPEC = new URL('../cases/open-values/spec.json', import.meta.url);

/** A fresh copy of the spec the deployed client was generated from. */
export function petsSpec(): Doc {
  return JSON.parse(readFileSync(SPEC, 'utf8')) as Doc;
}

/** `doc.components.schemas[name]` */
export function schema(doc: Doc, name: string): Doc {
  return doc['components']['schemas'][name];
}

/** The operations the tests call: client method, arguments, and the component schema of the success response. */
export const OPERATIONS = {
  listPets: { method: 'listPets', args: {}, status: 200, response: 'PetPage', validator: 'validateListPetsResponse200' },
  getPet: { method: 'getPet', args: { path: { id: '1' } }, status: 200, response: 'Pet', validator: 'validateGetPetResponse200' },
  createOwner: {
    method: 'createOwner',
    args: { body: { name: 'Ann', password: 'secret', favourite: 'cat' } },
    status: 201,
    response: 'Owner',
    validator: 'validateCreateOwnerResponse201',
  },
} as const;

export type OperationName = keyof typeof OPERATIONS;

/**
 * The response validator of a component schema of `doc`, exactly as the package generated from `doc` would check a
 * response: what "valid under the new spec" means for an answer of a newer server.
 */
export async function responseValidator(doc: Doc, name: string): Promise<(value: unknown) => Result> {
  const pointer = `#/components/schemas/${name}`;
  const entry = { exportName: 'check', typeExpr: 'unknown', schema: { $ref: pointer }, pointer, locPrefix: [], usage: 'response' as const, summary: name };
  const { content } = emitValidators({ document: doc, dialect: 'openapi-3.1', entries: [entry] });
  const js = ts.transpileModule(content, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
  const module = (await import(`data:text/javascript;base64,${Buffer.from(js).toString('base64')}`)) as { check: (value: unknown) => Result };
  return module.check;
}
