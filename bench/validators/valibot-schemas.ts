/** The session schemas hand-written for valibot 1 (no Node imports: also bundled for the size table). */
import * as v from 'valibot';

const vValidationError = v.looseObject({ loc: v.array(v.union([v.string(), v.pipe(v.number(), v.integer())])), msg: v.string(), type: v.string() });
/** valibot 1, loose objects, all issues collected (no abortEarly). */
export const valibotSchemas = {
  CreateSessionRequestSchema: v.looseObject({
    customer_id: v.optional(v.nullable(v.pipe(v.string(), v.uuid()))),
    is_guest_session: v.optional(v.nullable(v.boolean())),
    return_url: v.string(),
    idle_timeout: v.optional(v.nullable(v.pipe(v.number(), v.integer()))),
    session_key: v.optional(v.nullable(v.string())),
  }),
  CustomerSessionResponseSchema: v.looseObject({ redirect_url: v.string(), session_token: v.string(), is_guest_session: v.boolean() }),
  HTTPValidationError: v.looseObject({ detail: v.optional(v.array(vValidationError)) }),
};
