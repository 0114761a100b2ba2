/**
 * The normalised model of what we emit (client + validators). OpenAPI defaults are resolved once here
 * (param style/explode, required, chosen media type), names are final identifiers, and every node keeps the
 * JSON pointer it came from. Types come straight from openapi-typescript, so schemas are not modelled.
 */
import type { Dialect } from '../load/check-spec.js';
import type { OpenValue } from './open-values.js';

export type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'options' | 'head' | 'patch' | 'trace';
export type ParamLocation = 'path' | 'query' | 'header' | 'cookie';
export type ParamStyle = 'form' | 'simple' | 'label' | 'matrix' | 'spaceDelimited' | 'pipeDelimited' | 'deepObject';
export type BodyKind = 'json' | 'form' | 'multipart' | 'binary' | 'text';
export type ResponseKind = 'json' | 'text' | 'binary' | 'empty';

export interface ApiModel {
  title: string;
  version: string;
  description: string | undefined;
  dialect: Dialect;
  /** first server's URL with variables at their defaults; undefined when the spec has no absolute server URL */
  defaultBaseUrl: string | undefined;
  securitySchemes: SecurityScheme[];
  /** component schemas, sorted by spec name */
  schemas: SchemaInfo[];
  /** sorted by (path, method) */
  operations: Operation[];
  /** some schema is readOnly/writeOnly: types carry openapi-typescript's `$Read`/`$Write` markers */
  readWriteMarkers: boolean;
  /** `isKnown<Name>` guards for component schemas that can carry an unlisted value in a response, by spec name */
  knownGuards: KnownGuard[];
}

/**
 * A component schema a response can reach that is an enum or a discriminated union: a newer version of the API may
 * send a value or variant it does not list (model/open-values.ts), and `name` tells listed ones apart.
 */
export interface KnownGuard {
  /** the exported function: `isKnownPetKind` */
  name: string;
  /** the schema's exported type */
  typeName: string;
  specName: string;
  open: OpenValue;
}

export interface SchemaInfo {
  /** name in `components.schemas` */
  specName: string;
  /** exported type name in the generated package */
  typeName: string;
  /** exported validator function name */
  validatorName: string;
  pointer: string;
  schema: unknown;
  description: string | undefined;
}

export interface SecurityScheme {
  /** key in `components.securitySchemes` */
  specName: string;
  pointer: string;
  kind: 'apiKey' | 'bearer' | 'basic';
  /** where an apiKey goes; bearer/basic go in the `authorization` header */
  in: 'header' | 'query' | 'cookie';
  /** header/query/cookie name */
  name: string;
  /** the `createClient` option that carries the credential */
  optionName: string;
  /** required in `createClient` when every operation needs it */
  required: boolean;
  description: string | undefined;
  /** not a scheme of the spec: the `Authorization` header parameter its operations declare (authorization-parameter.ts) */
  fromParameter?: true;
}

export interface Operation {
  pointer: string;
  method: HttpMethod;
  path: string;
  operationId: string | undefined;
  /** client method name, camelCase, unique */
  methodName: string;
  /** PascalCase stem for the operation's exported types: `CreateCustomerOrGuestSession` */
  typeStem: string;
  tags: string[];
  summary: string | undefined;
  description: string | undefined;
  deprecated: boolean;
  params: Param[];
  body: RequestBody | undefined;
  responses: Response[];
  /** alternatives of scheme-name sets; undefined when nothing is declared */
  security: string[][] | undefined;
  /** exported validator function names of this operation's parts */
  validators: OperationValidators;
}

export interface OperationValidators {
  path: string | undefined;
  query: string | undefined;
  header: string | undefined;
  cookie: string | undefined;
  body: string | undefined;
  /** by response status, only for responses with a JSON body */
  responses: Record<string, string>;
}

export interface Param {
  pointer: string;
  name: string;
  in: ParamLocation;
  required: boolean;
  style: ParamStyle;
  explode: boolean;
  allowReserved: boolean;
  /** declared with `content: application/json` instead of `schema` */
  json: boolean;
  schema: unknown;
  description: string | undefined;
  deprecated: boolean;
}

export interface RequestBody {
  pointer: string;
  required: boolean;
  mediaType: string;
  kind: BodyKind;
  /** pointer of the chosen media type's schema */
  schemaPointer: string;
  schema: unknown;
  description: string | undefined;
  /**
   * A text or XML body whose schema describes the document (an XML element's object, or nothing) rather than a
   * string: the client takes and sends the document's text, typed `string`, and does not check it against the schema,
   * as it resolves such responses with their text.
   */
  opaqueText: boolean;
}

export interface Response {
  pointer: string;
  /** '200', '2XX' or 'default' */
  status: string;
  description: string | undefined;
  mediaType: string | undefined;
  kind: ResponseKind;
  schemaPointer: string | undefined;
  schema: unknown;
  /** 2xx, 2XX, or (for `default` only when no 2xx is declared) the success path */
  success: boolean;
}
