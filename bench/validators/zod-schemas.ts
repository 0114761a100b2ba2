/** The session schemas hand-written for zod 4 (no Node imports: also bundled for the size table). */
import { z } from 'zod';

const zLoc = z.array(z.union([z.string(), z.int()]));
const zValidationError = z.looseObject({ loc: zLoc, msg: z.string(), type: z.string() });
/** zod 4, loose objects (unknown keys pass, as in the spec). */
export const zodSchemas = {
  CreateSessionRequestSchema: z.looseObject({
    customer_id: z.guid().nullable().optional(),
    is_guest_session: z.boolean().nullable().optional(),
    return_url: z.string(),
    idle_timeout: z.int().nullable().optional(),
    session_key: z.string().nullable().optional(),
  }),
  CustomerSessionResponseSchema: z.looseObject({ redirect_url: z.string(), session_token: z.string(), is_guest_session: z.boolean() }),
  HTTPValidationError: z.looseObject({ detail: z.array(zValidationError).optional() }),
};
