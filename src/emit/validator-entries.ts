import { childPtr } from '../load/pointer.js';
import type { ApiModel, Operation, ParamLocation } from '../model/types.js';
import type { ValidatorEntry } from './validators/index.js';
import { markedType } from './client-view.js';
import { toLiteral } from './literal.js';

const LOCATIONS: readonly ParamLocation[] = ['path', 'query', 'header', 'cookie'];

/**
 * The validators the package exports: one per component schema (`validateX`), and per operation one per
 * parameter location (an object schema of its parameters), one for the body and one per JSON response.
 */
export function buildValidatorEntries(model: ApiModel): ValidatorEntry[] {
  const markers = model.readWriteMarkers;
  const entries: ValidatorEntry[] = model.schemas.map((s) => ({
    exportName: s.validatorName,
    typeExpr: `types.${s.typeName}`,
    schema: { $ref: s.pointer },
    pointer: s.pointer,
    locPrefix: [],
    usage: 'any',
    summary: `Checks a value against the \`${s.specName}\` schema.`,
  }));
  for (const op of model.operations) entries.push(...operationEntries(op, markers));
  return entries;
}

function operationEntries(op: Operation, markers: boolean): ValidatorEntry[] {
  const opType = `paths[${toLiteral(op.path)}][${toLiteral(op.method)}]`;
  const label = `\`${op.method.toUpperCase()} ${op.path}\``;
  const entries: ValidatorEntry[] = [];
  for (const location of LOCATIONS) {
    const name = op.validators[location];
    const params = op.params.filter((p) => p.in === location);
    if (!name || params.length === 0) continue;
    entries.push({
      exportName: name,
      typeExpr: `NonNullable<types.${opType}["parameters"][${toLiteral(location)}]>`,
      schema: {
        type: 'object',
        properties: Object.fromEntries(params.map((p) => [p.name, p.schema])),
        required: params.filter((p) => p.required).map((p) => p.name),
      },
      pointer: childPtr(op.pointer, 'parameters'),
      locPrefix: [location],
      usage: 'request',
      summary: `Checks the ${location} parameters of ${label}.`,
    });
  }
  if (op.body && op.validators.body) {
    const body = op.body.required ? `types.${opType}["requestBody"]` : `NonNullable<types.${opType}["requestBody"]>`;
    entries.push({
      exportName: op.validators.body,
      typeExpr: markedType(`${body}["content"][${toLiteral(op.body.mediaType)}]`, 'request', markers, 'types.'),
      schema: op.body.schema,
      pointer: op.body.schemaPointer,
      locPrefix: ['body'],
      usage: 'request',
      summary: `Checks the request body of ${label}.`,
    });
  }
  for (const r of op.responses) {
    const name = op.validators.responses[r.status];
    if (!name || r.schemaPointer === undefined) continue;
    const key = /^\d+$/.test(r.status) ? r.status : toLiteral(r.status);
    entries.push({
      exportName: name,
      typeExpr: markedType(`types.${opType}["responses"][${key}]["content"][${toLiteral(r.mediaType)}]`, 'response', markers, 'types.'),
      schema: r.schema,
      pointer: r.schemaPointer,
      locPrefix: ['response'],
      usage: 'response',
      summary: `Checks a ${r.status} response body of ${label}.`,
    });
  }
  return entries;
}
