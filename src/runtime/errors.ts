/** The one error type every client call rejects with, and the validation result shapes it carries. */
import { redactText, redactValue } from "./redact.js";

/**
 * One validation problem, in the API's own `ValidationError` shape: `loc` is a path like `["body", "customer_id"]`.
 * `loc` is read-only: a constant one is shared by every error at that place (frozen), so copy it to build another.
 */
export interface ValidationIssue {
  loc: ReadonlyArray<string | number>;
  msg: string;
  type: string;
}

/**
 * What every generated validator returns; all problems are collected, never thrown. A generated validator's result
 * has both keys, the other outcome's `undefined` (one object shape, which V8 can optimise away in a caller that only
 * reads `ok`), so `result.errors` and `result.value` can be read before narrowing.
 */
export type ValidationResult<T> =
  | { ok: true; value: T; errors?: undefined }
  | { ok: false; errors: ValidationIssue[]; value?: undefined };

/** Why a call failed. `request_validation` guarantees nothing was sent; `redirect`: a redirect the client would not follow. */
export type ApiErrorKind =
  | "request_validation"
  | "http"
  | "network"
  | "timeout"
  | "aborted"
  | "response_validation"
  | "redirect";

/** Declared error responses of one operation, e.g. `{ status: 422; body: HTTPValidationError } | { status: number; body: unknown }` */
export interface HttpErrorShape {
  status: number;
  body: unknown;
}

/** The body type declared for status `S`; falls back to the `default` response's (`status: number`) body. */
export type HttpBodyOf<THttp extends HttpErrorShape, S> = [Extract<THttp, { status: S }>] extends [
  never,
]
  ? THttp extends { status: infer X }
    ? number extends X
      ? THttp["body"]
      : never
    : never
  : Extract<THttp, { status: S }>["body"];

/** The only part of an underlying failure an ApiError keeps: never the Request, Headers or the original error. */
export interface SafeCause {
  name: string;
  message: string;
  code?: string;
}

/** Constructor input of `ApiError`; `secrets` are scrubbed from every stored string and never stored themselves. */
export interface ApiErrorInit {
  kind: ApiErrorKind;
  operation: string;
  method: string;
  /** already without credential query values; scrubbed again here */
  url: string;
  status?: number;
  body?: unknown;
  errors?: ValidationIssue[];
  /** for `redirect`: the target that was not followed, if the platform revealed it; scrubbed here */
  location?: string;
  /** extra words for the message: a network failure's reason, the timeout used */
  detail?: string;
  cause?: SafeCause;
  /** false when an http error body did not match the schema declared for its status, so `hasStatus` must not narrow */
  bodyMatchesSchema?: boolean;
  secrets?: readonly string[];
}

const BRAND: unique symbol = Symbol.for("openapi-client-runtime.ApiError");
const MAX_ISSUES_IN_MESSAGE = 5;

/** Every failure of a client call. Holds no Request/Headers object and no secret (see `ApiErrorInit.secrets`). */
export class ApiError<THttp extends HttpErrorShape = HttpErrorShape> extends Error {
  override readonly name = "ApiError";
  readonly kind: ApiErrorKind;
  /** client method name, e.g. 'createCustomerOrGuestSession' */
  readonly operation: string;
  readonly method: string;
  /** request URL with credential query values redacted */
  readonly url: string;
  /** set for `http` and `response_validation` */
  readonly status: number | undefined;
  /** parsed body for `http` (JSON if JSON, else text); for `response_validation` the parsed value, or the raw text if it did not parse */
  readonly body: unknown;
  /** set for `request_validation` and `response_validation` */
  readonly errors: ValidationIssue[] | undefined;
  /** for `redirect`: the URL the API redirected to (secrets redacted); `undefined` where the platform hides it (browsers) */
  readonly location: string | undefined;
  readonly [BRAND] = true;
  readonly #bodyMatchesSchema: boolean;

  constructor(init: ApiErrorInit) {
    const secrets = init.secrets ?? [];
    const url = redactText(init.url, secrets);
    const location = init.location === undefined ? undefined : redactText(init.location, secrets);
    const errors = init.errors && (redactValue(init.errors, secrets) as ValidationIssue[]);
    const message = redactText(describeFailure({ ...init, url, errors, location }), secrets);
    const cause = init.cause && (redactValue({ ...init.cause }, secrets) as SafeCause);
    super(message, cause ? { cause } : undefined);
    this.kind = init.kind;
    this.operation = init.operation;
    this.method = init.method;
    this.url = url;
    this.status = init.status;
    this.body = redactValue(init.body, secrets);
    this.errors = errors;
    this.location = location;
    this.#bodyMatchesSchema = init.bodyMatchesSchema ?? true;
    if (secrets.length > 0 && typeof this.stack === "string")
      this.stack = redactText(this.stack, secrets);
  }

  /** Type guard narrowing `body` by declared status: `if (err.hasStatus(422)) err.body.detail` */
  hasStatus<S extends THttp["status"]>(
    status: S,
  ): this is ApiError<THttp> & { kind: "http"; status: S; body: HttpBodyOf<THttp, S> } {
    return this.kind === "http" && this.status === status && this.#bodyMatchesSchema;
  }

  /** What `JSON.stringify` shows: the public fields, no stack. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      kind: this.kind,
      operation: this.operation,
      method: this.method,
      url: this.url,
      status: this.status,
      body: this.body,
      errors: this.errors,
      location: this.location,
    };
  }

  /** What Node's `util.inspect` (and so `console.log`) shows: the stack, then the public fields. */
  [Symbol.for("nodejs.util.inspect.custom")](
    _depth: number,
    options: unknown,
    inspect?: (value: unknown, options: unknown) => string,
  ): string {
    const { name: _name, message: _message, ...fields } = this.toJSON();
    const shown = inspect ? inspect(fields, options) : JSON.stringify(fields);
    return `${this.stack ?? `${this.name}: ${this.message}`} ${shown}`;
  }
}

/** True for an `ApiError`, also one thrown by another copy of this runtime. */
export function isApiError<THttp extends HttpErrorShape = HttpErrorShape>(
  value: unknown,
): value is ApiError<THttp> {
  return (
    value instanceof ApiError || (typeof value === "object" && value !== null && BRAND in value)
  );
}

function describeFailure(
  init: Omit<ApiErrorInit, "errors" | "location"> & {
    errors: ValidationIssue[] | undefined;
    location: string | undefined;
  },
): string {
  const target = `${init.operation}: ${init.method} ${init.url}`;
  const detail = init.detail ? ` (${init.detail})` : "";
  switch (init.kind) {
    case "request_validation":
      return `${init.operation}: request not sent, it is invalid: ${summarizeIssues(init.errors)}`;
    case "response_validation":
      return `${target}: response ${init.status ?? ""} does not match the declared schema: ${summarizeIssues(init.errors)}`;
    case "http":
      return `${target} failed with HTTP ${init.status ?? "?"}${detail}`;
    case "network":
      return `${target} failed: network error${detail}`;
    case "timeout":
      return `${target} timed out${detail}`;
    case "aborted":
      return `${target} was aborted by the caller${detail}`;
    case "redirect": {
      const to = init.location === undefined ? "" : ` to ${init.location}`;
      return `${target} was redirected (${init.status ?? "opaque"})${to}, not followed${detail}`;
    }
  }
}

function summarizeIssues(errors: ValidationIssue[] | undefined): string {
  if (!errors || errors.length === 0) return "no details";
  const shown = errors
    .slice(0, MAX_ISSUES_IN_MESSAGE)
    .map((e) => `${e.loc.join(".") || "(root)"}: ${e.msg}`);
  const more =
    errors.length > MAX_ISSUES_IN_MESSAGE
      ? `; and ${errors.length - MAX_ISSUES_IN_MESSAGE} more`
      : "";
  return shown.join("; ") + more;
}
