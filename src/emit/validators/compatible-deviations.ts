import { COMPATIBLE_DEVIATIONS } from '../../runtime/response-policy.js';

/**
 * The validator error types that a compatible evolution of an API produces in a response, and only such an evolution:
 * - `enum`: a value missing from an `enum` that has the JSON type of some listed value (a value a newer version added;
 *   a value of another JSON type gets a type error instead);
 * - `extra_forbidden`: a property beyond `additionalProperties: false` or `unevaluatedProperties: false` (a property a
 *   newer version added; the object's other properties are still checked in full);
 * - `union_tag_invalid`: a string discriminator tag no mapping lists (a variant a newer version added), the only
 *   error from that union;
 * - `write_only`: a `writeOnly` property present in a response (one error per property).
 *
 * A value whose errors all have one of these types is valid against a newer version of the schema that differs only
 * by such additions, made where the errors are (the doc: "Compatible deviations"). The client's default response
 * policy resolves such a response and reports the errors as deviations; the standalone validators still reject it.
 * Every other error type (a missing property, a wrong type, a `const`, a pattern, an ambiguous `oneOf`, ...) is a
 * deviation no compatible change explains. The list is the client runtime's (src/runtime/response-policy.ts), which
 * also names the API change behind each type, so the validators, the client and the change report share one table.
 */
export const COMPATIBLE_DEVIATION_TYPES: readonly string[] = Object.keys(COMPATIBLE_DEVIATIONS);
