/** The one error type every client call rejects with, and the validation result shapes it carries. */

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

/**
 * Why a call failed. `request_validation`: nothing was sent (invalid arguments or call options);
 * `redirect`: a redirect the client would not follow.
 */
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

/**
 * Constructor input of `ApiError`. Every field must already be fit to show: the client scrubs credentials from what
 * came from outside (URL, body, location, cause) before it builds one.
 */
export interface ApiErrorInit {
  kind: ApiErrorKind;
  operation: string;
  method: string;
  url: string;
  status?: number | undefined;
  body?: unknown;
  errors?: ValidationIssue[] | undefined;
  /** for `redirect`: the target that was not followed, if the platform revealed it */
  location?: string | undefined;
  /** extra words for the message: a network failure's reason, the deadline used */
  detail?: string | undefined;
  cause?: SafeCause | undefined;
  /** false when an http error body did not match the schema declared for its status, so `hasStatus` must not narrow */
  bodyMatchesSchema?: boolean | undefined;
}

const BRAND: unique symbol = /* @__PURE__ */ Symbol.for("openapi-client-runtime.ApiError");

/** The fields an `ApiError` copies from its `ApiErrorInit`, in the order it shows them. */
const FIELDS = [
  "kind",
  "operation",
  "method",
  "url",
  "status",
  "body",
  "errors",
  "location",
] as const;

/** Every failure of a client call. Holds no Request/Headers object and no credential. */
export class ApiError<THttp extends HttpErrorShape = HttpErrorShape> extends Error {
  override readonly name = "ApiError";
  // Declared, not class fields: the constructor sets them (a field each would be code in every bundle).
  declare readonly kind: ApiErrorKind;
  /** client method name, e.g. 'createCustomerOrGuestSession' */
  declare readonly operation: string;
  declare readonly method: string;
  /** request URL with credentials redacted */
  declare readonly url: string;
  /** set for `http`, `response_validation` and `redirect` */
  declare readonly status: number | undefined;
  /** parsed body for `http` (JSON if JSON, else text); for `response_validation` the parsed value, or the raw text if it did not parse */
  declare readonly body: unknown;
  /** set for `request_validation` and `response_validation` */
  declare readonly errors: ValidationIssue[] | undefined;
  /** for `redirect`: the URL the API redirected to (secrets redacted); `undefined` where the platform hides it (browsers) */
  declare readonly location: string | undefined;
  readonly #bodyMatchesSchema: boolean;

  constructor(init: ApiErrorInit) {
    super(describeFailure(init), init.cause ? { cause: init.cause } : undefined);
    for (const field of FIELDS) (this as Record<string, unknown>)[field] = init[field];
    this.#bodyMatchesSchema = init.bodyMatchesSchema ?? true;
    // Set here rather than as a computed class field, which bundlers count as a side effect of the module.
    (this as { [BRAND]?: true })[BRAND] = true;
  }

  /** Type guard narrowing `body` by declared status: `if (err.hasStatus(422)) err.body.detail` */
  hasStatus<S extends THttp["status"]>(
    status: S,
  ): this is ApiError<THttp> & { kind: "http"; status: S; body: HttpBodyOf<THttp, S> } {
    return this.kind === "http" && this.status === status && this.#bodyMatchesSchema;
  }

  /** What `JSON.stringify` shows: the message and the public fields, no stack. */
  toJSON(): Record<string, unknown> {
    return { ...(this as object), message: this.message };
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

function describeFailure(init: ApiErrorInit): string {
  const { kind, status, location, errors } = init;
  if (kind === "request_validation")
    return `${init.operation}: request not sent, it is invalid: ${summarizeIssues(errors)}`;
  const what =
    kind === "response_validation"
      ? `: response ${status} does not match the declared schema: ${summarizeIssues(errors)}`
      : kind === "http"
        ? ` failed with HTTP ${status}`
        : kind === "network"
          ? " failed: network error"
          : kind === "timeout"
            ? " timed out"
            : kind === "aborted"
              ? " was aborted by the caller"
              : ` was redirected (${status ?? "opaque"})${location ? ` to ${location}` : ""}, not followed`;
  return `${init.operation}: ${init.method} ${init.url}${what}${init.detail ? ` (${init.detail})` : ""}`;
}

function summarizeIssues(errors: readonly ValidationIssue[] = []): string {
  const shown = errors.slice(0, 5).map((e) => `${e.loc.join(".") || "(root)"}: ${e.msg}`);
  if (errors.length > 5) shown.push(`and ${errors.length - 5} more`);
  return shown.join("; ") || "no details";
}
