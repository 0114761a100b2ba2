/**
 * The static description of one operation that generated code hands to `call`, and the caller's inputs to it.
 * Everything an operation needs beyond the core (parameter serialisation, its body encoder) is referenced from its
 * spec, so a bundle holds only the code of the operations it imports.
 */
import type { ValidationIssue, ValidationResult } from "./errors.js";

/** OpenAPI parameter `style` values (OpenAPI 3.1 §4.8.12.4). */
export type ParamStyle =
  "form" | "simple" | "label" | "matrix" | "spaceDelimited" | "pipeDelimited" | "deepObject";

/** One declared parameter, with OpenAPI defaults for `style`/`explode` already resolved by the generator. */
export interface ParamSpec {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  style: ParamStyle;
  explode: boolean;
  allowReserved: boolean;
  /** the parameter was declared with `content: application/json`: its value is sent JSON-encoded */
  json?: boolean;
  /** a required query parameter: an empty array or object, which sends nothing, is refused rather than left out */
  required?: boolean;
}

/**
 * What the parameter serialisers (serialize-params.ts) make of an operation's parameters: the filled path, query
 * pairs, headers and cookies.
 */
export interface SerializedParams {
  path: string;
  /** `name=value` pairs, already percent-encoded */
  query: string[];
  headers: Array<[string, string]>;
  /** `name=value` cookie pieces, already percent-encoded */
  cookies: string[];
  errors: ValidationIssue[];
}

/** A body ready for `fetch`, with the content-type to declare (`undefined`: let fetch choose, e.g. multipart's boundary). */
export interface EncodedBody {
  body: BodyInit;
  contentType: string | undefined;
  /** a ReadableStream can be sent once only: no retries, and fetch needs `duplex: 'half'` */
  isStream?: boolean;
}

/** Encodes a request body for its media type; an issue when the value cannot be sent in it. */
export type BodyEncoder = (value: unknown, mediaType: string) => EncodedBody | ValidationIssue;

/** The chosen request body media type of an operation and its encoder. */
export interface RequestBodySpec {
  mediaType: string;
  required: boolean;
  encode: BodyEncoder;
}

/** A generated validator: never throws, reports every problem as a `ValidationIssue`. */
export type Validator = (value: unknown) => ValidationResult<unknown>;

/** How a response body is decoded. */
export type ResponseKind = "json" | "text" | "binary" | "empty";

/** One declared response: `status` is a code (`'200'`), a range (`'2XX'`) or `'default'`. */
export interface ResponseSpec {
  status: string;
  kind: ResponseKind;
  validate?: Validator;
}

/** HTTP methods an OpenAPI path item can hold. */
export type HttpMethod = "GET" | "PUT" | "POST" | "DELETE" | "OPTIONS" | "HEAD" | "PATCH" | "TRACE";

/** Everything `call` needs to know about one operation. */
export interface OperationSpec {
  /** client method name, used in error messages and hook payloads */
  name: string;
  method: HttpMethod;
  /** path template as in the spec: `/customers/{id}` */
  path: string;
  /** declared parameters; present with `serialize` only when the operation has any */
  params?: ParamSpec[];
  /** the serialisers of the locations its parameters use (serialize-params.ts), run in order */
  serialize?: ReadonlyArray<
    (params: readonly ParamSpec[], args: RequestArgs, out: SerializedParams) => void
  >;
  body?: RequestBodySpec;
  /** the `Accept` header: the declared response media types */
  accept?: string;
  /** per-location request validators (errors already carry loc prefixes 'path'|'query'|'header'|'cookie'|'body') */
  validate?: {
    path?: Validator;
    query?: Validator;
    header?: Validator;
    cookie?: Validator;
    body?: Validator;
  };
  responses: ResponseSpec[];
  /** alternatives of sets of security scheme names (OpenAPI `security`); [] or [[]] = no auth; undefined = none declared */
  security?: string[][];
}

/** The caller's inputs to one operation, grouped by location. */
export interface RequestArgs {
  path?: object | undefined;
  query?: object | undefined;
  header?: object | undefined;
  cookie?: object | undefined;
  body?: unknown;
}
