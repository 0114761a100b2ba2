import { createRequire } from 'node:module';
import * as v from 'valibot';
import { valibotSchemas } from './valibot-schemas.js';
import { zodSchemas } from './zod-schemas.js';

const require = createRequire(import.meta.url);

/** A validator under test: true when the input is accepted (all errors collected where the library can). */
export type Check = (input: unknown) => boolean;

/** ajv (Ajv2020 + ajv-formats, allErrors) compiled from the OpenAPI document's component schemas. */
export function ajvChecks(doc: object, names: string[]): Record<string, Check> {
  const Ajv2020 = (require('ajv/dist/2020.js') as { default: new (o: object) => { addSchema(s: object, k: string): void; getSchema(k: string): ((d: unknown) => boolean) | undefined } }).default;
  const addFormats = (require('ajv-formats') as { default: (a: unknown) => void }).default;
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  ajv.addSchema(doc, 'zenskar');
  return Object.fromEntries(names.map((n) => [n, ajv.getSchema(`zenskar#/components/schemas/${n}`)!]));
}

/** zod/valibot checks for one schema name. */
export function libraryChecks(name: keyof typeof zodSchemas): { zod: Check; valibot: Check } {
  const zs = zodSchemas[name];
  const vs = valibotSchemas[name];
  return { zod: (i) => zs.safeParse(i).success, valibot: (i) => v.safeParse(vs, i).success };
}
