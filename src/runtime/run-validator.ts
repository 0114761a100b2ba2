/** Calling a generated validator so that even a broken one yields issues instead of an exception. */
import type { ValidationResult } from "./errors.js";
import type { Validator } from "./operation-spec.js";

/** Runs `validate`; a throw becomes one `validator_error` issue at `loc`, so the call still fails with an ApiError. */
export function runValidator(
  validate: Validator,
  value: unknown,
  loc: Array<string | number>,
): ValidationResult<unknown> {
  try {
    return validate(value);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      errors: [{ loc, msg: `validator failed: ${reason}`, type: "validator_error" }],
    };
  }
}
