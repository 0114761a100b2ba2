/**
 * What the client does with a response that does not match the spec it was generated from (`validateResponses`).
 * An API keeps moving after a client is deployed; the changes every API guideline calls compatible must not turn
 * into errors in clients that are already out there (the tolerant-reader rule).
 */
import type { ValidationIssue } from "./errors.js";

/**
 * - `true` (default): a response whose deviations are all of the kinds in `COMPATIBLE_DEVIATIONS` resolves with the
 *   value as received (and is reported to `hooks.onResponseDeviation`); any other deviation rejects with
 *   `response_validation`.
 * - `"strict"`: every deviation rejects.
 * - `false`: responses are not checked.
 */
export type ResponsePolicy = boolean | "strict";

/**
 * The validator error types a compatible change of the API produces in a response, each with the change it comes
 * from. The change report classes the same changes as compatible for deployed clients (src/surface reads this table),
 * so the two never disagree.
 */
export const COMPATIBLE_DEVIATIONS = {
  /** a new value of an enum (of a type the enum already has) */
  enum: "enum-value-added",
  /** a new property of an object declared `additionalProperties: false` */
  extra_forbidden: "field-added",
  /** a discriminator tag the spec does not list: a new variant of a discriminated union */
  union_tag_invalid: "variant-added",
  /** a `writeOnly` property echoed back by the server */
  write_only: "field-read-only-changed",
} as const;

/** True when every issue is a deviation a compatible change of the API produces (see `COMPATIBLE_DEVIATIONS`). */
export function isCompatibleDeviation(errors: readonly ValidationIssue[]): boolean {
  return (
    errors.length > 0 &&
    errors.every((e) => Object.prototype.hasOwnProperty.call(COMPATIBLE_DEVIATIONS, e.type))
  );
}

/** True for the values `validateResponses` takes. */
export function isResponsePolicy(value: unknown): value is ResponsePolicy {
  return typeof value === "boolean" || value === "strict";
}
