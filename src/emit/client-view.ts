import { toLiteral } from './literal.js';
import { isJsonMediaType } from '../runtime/parse-response.js';
import { docLines } from './doc-lines.js';
import { NameRegistry, toCamelCase, toIdentifier } from '../model/naming.js';
import type { ApiModel, Operation, Param, ParamLocation, Response, SecurityScheme } from '../model/types.js';

/** Everything templates/client.hbs prints, every decision made. */
export interface ClientView {
  header: string;
  /** type names imported from types.ts besides `paths` */
  typeImports: string[];
  credentials: CredentialView[];
  /** credential formats the security schemes use (`bearer`, `basic`), imported from auth.ts */
  formatImports: string[];
  hasFormats: boolean;
  /** body encoders the operations use (`json`, `form`, ...), imported from encode-body.ts */
  encoderImports: string[];
  hasEncoders: boolean;
  /** imported from serialize-params.ts: the parameter serialisers the operations use, `encodeStrict` for query and cookie credentials */
  serializeImports: string[];
  hasSerializeImports: boolean;
  baseUrlRequired: boolean;
  baseUrlDoc: string[];
  baseUrlDefault: string;
  operations: OperationView[];
  tags: TagView[];
  hasTags: boolean;
}

interface CredentialView {
  optionName: string;
  required: boolean;
  optional: boolean;
  doc: string[];
  /** the `CredentialInput` literal `createCore` hands to `makeCore`, reading the option from `options` */
  inputLiteral: string;
  optionType: string;
}

interface OperationView {
  methodName: string;
  typeStem: string;
  specConst: string;
  doc: string[];
  /** the standalone function's JSDoc: the method's, and how to call it with a core */
  functionDoc: string[];
  argsFields: Array<{ key: string; optional: boolean; type: string }>;
  hasArgsFields: boolean;
  argsOptional: boolean;
  resultType: string;
  httpErrors: string[];
  specLiteral: SpecLiteralView;
}

interface SpecLiteralView {
  name: string;
  method: string;
  path: string;
  params: string[];
  hasParams: boolean;
  /** the parameter serialisers it needs, a JS array literal */
  serialize: string;
  body: string | null;
  accept: string | null;
  validate: Array<{ key: string; fn: string }>;
  hasValidate: boolean;
  responses: Array<{ literal: string; validator: string | null }>;
  security: string | null;
}

interface TagView {
  key: string;
  doc: string[];
  methods: string[];
}

/** Builds the client view model from the API model. */
export function buildClientView(model: ApiModel, header: string): ClientView {
  const serializes = serializeImports(model);
  return {
    header,
    typeImports: model.readWriteMarkers ? ['Readable', 'Writable'] : [],
    credentials: model.securitySchemes.map(credentialView),
    formatImports: (['basic', 'bearer'] as const).filter((k) => model.securitySchemes.some((s) => s.kind === k)),
    hasFormats: model.securitySchemes.some((s) => s.kind !== 'apiKey'),
    encoderImports: BODY_ENCODERS.filter((k) => model.operations.some((o) => o.body?.kind === k)),
    hasEncoders: model.operations.some((o) => o.body !== undefined),
    serializeImports: serializes,
    hasSerializeImports: serializes.length > 0,
    baseUrlRequired: model.defaultBaseUrl === undefined,
    baseUrlDoc: docLines(
      'Base URL of the API, without a trailing slash.',
      model.defaultBaseUrl ? `@default ${JSON.stringify(model.defaultBaseUrl)}` : 'The spec declares no absolute server URL, so it must be given.',
    ),
    baseUrlDefault: toLiteral(model.defaultBaseUrl ?? ''),
    operations: model.operations.map((op) => operationView(op, model.readWriteMarkers)),
    tags: tagViews(model.operations),
    hasTags: model.operations.some((o) => o.tags.length > 0),
  };
}

/** The body encoders of the runtime (encode-body.ts), by body kind. */
const BODY_ENCODERS = ['binary', 'form', 'json', 'multipart', 'text'] as const;

function serializeImports(model: ApiModel): string[] {
  const used = new Set(model.operations.flatMap(paramSerializers));
  return [
    ...(model.securitySchemes.some((s) => s.in !== 'header') ? ['encodeStrict'] : []),
    ...PARAM_SERIALIZERS.filter((name) => used.has(name)),
  ];
}

/**
 * The runtime's per-location parameter serialisers (serialize-params.ts), in the order they run, by the location
 * each serialises. Their names are reserved among the package's value names (model/naming.ts).
 */
const PARAM_SERIALIZERS = ['pathParams', 'queryParams', 'headerParams', 'cookieParams'] as const;

/**
 * The serialisers an operation's spec lists: one per location its parameters use (the path's whenever its template
 * holds a `{name}`), so a bundle of that operation carries no other location's code.
 */
function paramSerializers(op: Operation): string[] {
  if (op.params.length === 0) return [];
  const uses = (where: string) => op.params.some((p) => p.in === where);
  const [path, query, header, cookie] = PARAM_SERIALIZERS;
  return [
    ...(op.path.includes('{') || uses('path') ? [path] : []),
    ...(uses('query') ? [query] : []),
    ...(uses('header') ? [header] : []),
    ...(uses('cookie') ? [cookie] : []),
  ];
}

function credentialView(s: SecurityScheme): CredentialView {
  const where = s.kind === 'apiKey' ? `the \`${s.name}\` ${s.in === 'header' ? 'header' : s.in === 'query' ? 'query parameter' : 'cookie'}` : 'the `Authorization` header';
  const opt = s.optionName;
  const fields = [
    `option: ${toLiteral(opt)}`,
    `scheme: ${toLiteral(s.specName)}`,
    `in: ${toLiteral(s.in)}`,
    `name: ${toLiteral(s.name)}`,
    `required: ${s.required}`,
    `value: options?.${opt}`,
    ...(s.kind === 'apiKey' ? [] : [`format: ${s.kind}`]),
    ...(s.in === 'header' ? [] : ['encode: encodeStrict']),
  ];
  return {
    optionName: s.optionName,
    required: s.required,
    optional: !s.required,
    doc: docLines(
      `${s.kind === 'basic' ? 'Username and password for HTTP Basic auth' : s.kind === 'bearer' ? 'Bearer token' : 'Credential'}, sent in ${where} (${s.fromParameter ? 'the `Authorization` header parameter the operations declare' : `security scheme \`${s.specName}\``}). Never included in errors or hook payloads.`,
      s.description,
    ),
    inputLiteral: `{ ${fields.join(', ')} }`,
    optionType: s.kind === 'basic' ? '{ username: string; password: string }' : 'string',
  };
}

/** Wraps a request type in `Writable<>` / a response type in `Readable<>` when the types carry read/write markers. */
export function markedType(type: string, usage: 'request' | 'response', markers: boolean, prefix = ''): string {
  if (!markers) return type;
  return `${prefix}${usage === 'request' ? 'Writable' : 'Readable'}<${type}>`;
}

function operationView(op: Operation, markers: boolean): OperationView {
  const opType = `paths[${toLiteral(op.path)}][${toLiteral(op.method)}]`;
  const argsFields = argsFieldViews(op, opType, markers);
  const success = op.responses.filter((r) => r.success);
  const throws = `@throws {ApiError} {@link ${op.typeStem}Error}: \`kind\` says what failed (request_validation, http, network, timeout, aborted, response_validation, redirect).`;
  const endpoint = `\`${op.method.toUpperCase()} ${op.path}\``;
  return {
    methodName: op.methodName,
    typeStem: op.typeStem,
    // `$` never occurs in a method name (naming.ts drops it), so these constants cannot collide with a function
    specConst: `$${op.methodName}`,
    doc: docLines(op.summary, op.description, endpoint, op.deprecated && '@deprecated', throws),
    functionDoc: docLines(
      op.summary,
      op.description,
      endpoint,
      `Called with a core from {@link createCore}: the same as {@link Client.${op.methodName}}, in a form a bundler drops when it is not imported.`,
      op.deprecated && '@deprecated',
      throws,
    ),
    argsFields,
    hasArgsFields: argsFields.length > 0,
    argsOptional: argsFields.every((f) => f.optional),
    resultType: success.length === 0 ? 'unknown' : unique(success.map((r) => responseBodyType(opType, r, markers))).join(' | '),
    httpErrors: httpErrorTypes(opType, op.responses, markers),
    specLiteral: specLiteralView(op),
  };
}

const LOCATIONS: readonly ParamLocation[] = ['path', 'query', 'header', 'cookie'];

function argsFieldViews(op: Operation, opType: string, markers: boolean): OperationView['argsFields'] {
  const fields: OperationView['argsFields'] = [];
  for (const location of LOCATIONS) {
    const params = op.params.filter((p) => p.in === location);
    if (params.length === 0) continue;
    fields.push({
      key: location,
      optional: !params.some((p) => p.required),
      type: `NonNullable<${opType}["parameters"][${toLiteral(location)}]>`,
    });
  }
  if (op.body) {
    const content = op.body.required ? `${opType}["requestBody"]` : `NonNullable<${opType}["requestBody"]>`;
    const type = `${content}["content"][${toLiteral(op.body.mediaType)}]`;
    const bodyType = op.body.opaqueText ? 'string' : markedType(type, 'request', markers);
    fields.push({ key: 'body', optional: !op.body.required, type: bodyType });
  }
  return fields;
}

function responseKey(status: string): string {
  return /^\d+$/.test(status) ? status : toLiteral(status);
}

function responseBodyType(opType: string, r: Response, markers: boolean): string {
  if (r.kind === 'empty') return 'undefined';
  if (r.kind === 'text') return 'string';
  if (r.kind === 'binary') return 'Blob';
  return markedType(`${opType}["responses"][${responseKey(r.status)}]["content"][${toLiteral(r.mediaType)}]`, 'response', markers);
}

function httpErrorTypes(opType: string, responses: Response[], markers: boolean): string[] {
  const errors = responses
    .filter((r) => !r.success)
    .map((r) => `{ status: ${/^\d+$/.test(r.status) ? r.status : 'number'}; body: ${responseBodyType(opType, r, markers)} }`);
  // Undeclared statuses still reach the user; with `default` taken as the success path, nothing else is declared.
  if (!responses.some((r) => r.status === 'default') || errors.length === 0) errors.push('{ status: number; body: unknown }');
  return unique(errors);
}

function specLiteralView(op: Operation): SpecLiteralView {
  const v = op.validators;
  const validate = (['path', 'query', 'header', 'cookie', 'body'] as const)
    .filter((k) => v[k] !== undefined)
    .map((k) => ({ key: k, fn: `validators.${v[k]!}` }));
  // JSON first: the client decodes and checks JSON, and a server picks the first type it can produce
  const mediaTypes = [...new Set(op.responses.flatMap((r) => (r.mediaType ? [r.mediaType] : [])))];
  const accept = [...mediaTypes.filter(isJsonMediaType), ...mediaTypes.filter((m) => !isJsonMediaType(m))].join(', ');
  return {
    name: toLiteral(op.methodName),
    method: toLiteral(op.method.toUpperCase()),
    path: toLiteral(op.path),
    params: op.params.map(paramLiteral),
    hasParams: op.params.length > 0,
    serialize: `[${paramSerializers(op).join(', ')}]`,
    body: op.body
      ? `{ mediaType: ${toLiteral(op.body.mediaType)}, required: ${op.body.required}, encode: ${op.body.kind} }`
      : null,
    accept: accept === '' ? null : toLiteral(accept),
    validate,
    hasValidate: validate.length > 0,
    responses: op.responses.map((r) => ({
      literal: `status: ${toLiteral(r.status)}, kind: ${toLiteral(r.kind)}`,
      validator: v.responses[r.status] ? `validators.${v.responses[r.status]!}` : null,
    })),
    security: op.security === undefined ? null : toLiteral(op.security),
  };
}

function paramLiteral(p: Param): string {
  return `{ name: ${toLiteral(p.name)}, in: ${toLiteral(p.in)}, style: ${toLiteral(p.style)}, explode: ${p.explode}, allowReserved: ${p.allowReserved}${p.json ? ', json: true' : ''}${p.in === 'query' && p.required ? ', required: true' : ''} }`;
}

function tagViews(ops: Operation[]): TagView[] {
  const names = new NameRegistry(['constructor', '__proto__', 'prototype']);
  const tags = [...new Set(ops.flatMap((o) => o.tags))].sort();
  return tags.map((tag) => ({
    key: names.claim(toIdentifier(toCamelCase(tag), 'untagged')),
    doc: docLines(`Operations tagged \`${tag}\`.`),
    methods: ops.filter((o) => o.tags.includes(tag)).map((o) => o.methodName),
  }));
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}
