/** The static description of one operation that a generated client hands to the transport, plus its call inputs. */
import type { ValidationResult } from "./errors.js";
import type { RedirectPolicy } from "./redirects.js";
import type { RetryOptions } from "./retry-policy.js";

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
}

/** How a request body is encoded on the wire. */
export type BodyKind = "json" | "form" | "multipart" | "binary" | "text";

/** The chosen request body media type of an operation. */
export interface RequestBodySpec {
  mediaType: string;
  kind: BodyKind;
  required: boolean;
}

/** A generated validator: never throws, reports every problem as a `ValidationIssue`. */
export type Validator = (value: unknown) => ValidationResult<unknown>;

/** How a response body is decoded. */
export type ResponseKind = "json" | "text" | "binary" | "empty";

/** One declared response: `status` is a code (`'200'`), a range (`'2XX'`) or `'default'`. */
export interface ResponseSpec {
  status: string;
  kind: ResponseKind;
  mediaType?: string;
  validate?: Validator;
}

/** HTTP methods an OpenAPI path item can hold. */
export type HttpMethod = "GET" | "PUT" | "POST" | "DELETE" | "OPTIONS" | "HEAD" | "PATCH" | "TRACE";

/** Everything the transport needs to know about one operation. */
export interface OperationSpec {
  /** client method name, used in error messages and hook payloads */
  name: string;
  method: HttpMethod;
  /** path template as in the spec: `/customers/{id}` */
  path: string;
  params: ParamSpec[];
  body?: RequestBodySpec;
  /** per-location request validators (errors already carry loc prefixes 'path'|'query'|'header'|'cookie'|'body') */
  validate?: {
    path?: Validator;
    query?: Validator;
    header?: Validator;
    cookie?: Validator;
    body?: Validator;
  };
  responses: ResponseSpec[];
  /** alternatives of sets of security scheme names (OpenAPI `security`); [] or [[]] = no auth; undefined = none declared (no credentials sent) */
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

/** Per-call options. */
export interface CallOptions {
  signal?: AbortSignal | undefined;
  /** deadline for this call (all attempts and waits), overriding the transport's */
  timeoutMs?: number | undefined;
  /** extra headers; these win over every other header source */
  headers?: Record<string, string> | undefined;
  /** retry settings for this call, field by field over the client's (`retry: { maxRetries: 0 }`: no retry) */
  retry?: RetryOptions | undefined;
  /** shorthand for `retry.maxRetries` for this call */
  maxRetries?: number | undefined;
  /** redirect policy for this call, overriding the client's */
  redirect?: RedirectPolicy | undefined;
  /** most redirects followed per attempt of this call, overriding the client's */
  maxRedirects?: number | undefined;
}
