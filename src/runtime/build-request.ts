/** Turns an operation spec and the caller's arguments into a checked URL, header set and body — or the reasons not to send. */
import type { Credential } from "./auth.js";
import { type EncodedBody, encodeBody } from "./encode-body.js";
import type { ValidationIssue, ValidationResult } from "./errors.js";
import { checkHeaders, type HeaderMap, mergeHeaders, recordEntries } from "./headers.js";
import type { CallOptions, OperationSpec, ParamSpec, RequestArgs } from "./operation-spec.js";
import { REDACTED } from "./redact.js";
import { runValidator } from "./run-validator.js";
import {
  encodeStrict,
  serializeCookieParam,
  serializeHeaderParam,
  serializePathParam,
  serializeQueryParam,
} from "./serialize-params.js";

/** A request that passed every check and may be sent. */
export interface PreparedRequest {
  url: string;
  /** `url` with credential query values replaced: the only URL that may be shown */
  displayUrl: string;
  headers: HeaderMap;
  body: EncodedBody;
  /** lower-cased names of headers that carry a credential (always redacted in hook payloads) */
  credentialHeaders: Set<string>;
}

/** The transport settings request building depends on. */
export interface RequestContext {
  baseUrl: string;
  headers: Readonly<Record<string, string>> | undefined;
  credentials: readonly Credential[];
  validateRequests: boolean;
}

/** `https://api.example.com/v1/` → `https://api.example.com/v1`, so joining with `/path` never doubles the slash. */
export function trimBaseUrl(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, "");
}

/** Checks and assembles one request; every problem found is reported, and none of them lets the request be sent. */
export function prepareRequest(
  ctx: RequestContext,
  spec: OperationSpec,
  args: RequestArgs,
  options: CallOptions,
): ValidationResult<PreparedRequest> {
  const errors: ValidationIssue[] = ctx.validateRequests ? validateArgs(spec, args) : [];
  const path = buildPath(spec.path, spec.params, args.path);
  if (!path.ok) errors.push(...path.errors);
  const body = encodeBody(spec.body, args.body);
  if (!body.ok) errors.push(...body.errors);
  const headers = assembleHeaders(ctx, spec, args, options, body.ok ? body.value : undefined);
  errors.push(...checkHeaders(headers));
  if (errors.length > 0 || !path.ok || !body.ok) return { ok: false, errors };
  const query = buildQuery(spec.params, args.query);
  const credentialQuery = ctx.credentials.filter((c) => c.in === "query");
  const base = trimBaseUrl(ctx.baseUrl) + path.value;
  const real = [
    ...query,
    ...credentialQuery.map((c) => `${encodeStrict(c.name)}=${encodeStrict(c.value)}`),
  ];
  const shown = [...query, ...credentialQuery.map((c) => `${encodeStrict(c.name)}=${REDACTED}`)];
  const credentialHeaders = new Set(
    ctx.credentials.filter((c) => c.in === "header").map((c) => c.name.toLowerCase()),
  );
  if (ctx.credentials.some((c) => c.in === "cookie")) credentialHeaders.add("cookie");
  return {
    ok: true,
    value: {
      url: withQuery(base, real),
      displayUrl: withQuery(base, shown),
      headers,
      body: body.value,
      credentialHeaders,
    },
  };
}

/** Runs the per-location validators; a required body that is missing is reported as `missing`. */
function validateArgs(spec: OperationSpec, args: RequestArgs): ValidationIssue[] {
  const errors: ValidationIssue[] = [];
  const validate = spec.validate ?? {};
  for (const location of ["path", "query", "header", "cookie"] as const) {
    const validator = validate[location];
    const result = validator && runValidator(validator, args[location] ?? {}, [location]);
    if (result && !result.ok) errors.push(...result.errors);
  }
  if (args.body === undefined) {
    if (spec.body?.required) errors.push({ loc: ["body"], msg: "Field required", type: "missing" });
  } else {
    const result = validate.body && runValidator(validate.body, args.body, ["body"]);
    if (result && !result.ok) errors.push(...result.errors);
  }
  return errors;
}

/** Fills `{name}` placeholders; a missing value, or one that would form a `.`/`..` segment, is refused. */
export function buildPath(
  template: string,
  params: readonly ParamSpec[],
  values: object | undefined,
): ValidationResult<string> {
  const errors: ValidationIssue[] = [];
  const segments = template.split("/").map((segment) => {
    let filled = false;
    const result = segment.replace(/\{([^{}]+)\}/g, (_match, name: string) => {
      const spec = params.find((p) => p.in === "path" && p.name === name) ?? defaultPathParam(name);
      const text = serializePathParam(spec, ownValue(values, name));
      if (text === undefined)
        errors.push({ loc: ["path", name], msg: "Field required", type: "missing" });
      filled = true;
      return text ?? "";
    });
    if (filled && isDotSegment(result)) {
      errors.push({
        loc: ["path"],
        msg: "path parameters must not form a '.' or '..' segment",
        type: "value_error",
      });
    }
    return result;
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: segments.join("/") };
}

/** The query pairs of all declared query parameters, in declaration order. */
export function buildQuery(params: readonly ParamSpec[], values: object | undefined): string[] {
  return params
    .filter((p) => p.in === "query")
    .flatMap((p) => serializeQueryParam(p, ownValue(values, p.name)));
}

/** Layers, lowest first: accept, config headers, credentials, header params, content-type, cookies, call headers. */
function assembleHeaders(
  ctx: RequestContext,
  spec: OperationSpec,
  args: RequestArgs,
  options: CallOptions,
  body: EncodedBody | undefined,
): HeaderMap {
  const accept = [
    ...new Set(spec.responses.flatMap((r) => (r.mediaType ? [r.mediaType] : []))),
  ].join(", ");
  const credentialHeaders = ctx.credentials
    .filter((c) => c.in === "header")
    .map((c): [string, string] => [c.name, c.value]);
  const paramHeaders = spec.params
    .filter((p) => p.in === "header")
    .flatMap((p): Array<[string, string]> => {
      const text = serializeHeaderParam(p, ownValue(args.header, p.name));
      return text === undefined ? [] : [[p.name, text]];
    });
  const cookies = [
    ...ctx.credentials
      .filter((c) => c.in === "cookie")
      .map((c) => `${encodeStrict(c.name)}=${encodeStrict(c.value)}`),
    ...spec.params
      .filter((p) => p.in === "cookie")
      .flatMap((p) => serializeCookieParam(p, ownValue(args.cookie, p.name))),
  ];
  const headers = mergeHeaders(
    accept ? [["accept", accept]] : undefined,
    recordEntries(ctx.headers),
    credentialHeaders,
    paramHeaders,
    body?.contentType ? [["content-type", body.contentType]] : undefined,
    cookies.length > 0 ? [["cookie", cookies.join("; ")]] : undefined,
    recordEntries(options.headers),
  );
  // fetch must write multipart's content-type itself: only it knows the boundary.
  if (spec.body?.kind === "multipart" && args.body !== undefined) headers.delete("content-type");
  return headers;
}

function defaultPathParam(name: string): ParamSpec {
  return { name, in: "path", style: "simple", explode: false, allowReserved: false };
}

/** Own properties only, so a parameter named `__proto__` or `constructor` never reads the prototype chain. */
function ownValue(values: object | undefined, name: string): unknown {
  return values !== undefined && Object.prototype.hasOwnProperty.call(values, name)
    ? (values as Record<string, unknown>)[name]
    : undefined;
}

/** `.`/`..` in any spelling the WHATWG URL parser treats as one (it decodes `%2e`). */
function isDotSegment(segment: string): boolean {
  const plain = segment.replace(/%2e/gi, ".");
  return plain === "." || plain === "..";
}

function withQuery(base: string, pairs: readonly string[]): string {
  return pairs.length > 0 ? `${base}?${pairs.join("&")}` : base;
}
