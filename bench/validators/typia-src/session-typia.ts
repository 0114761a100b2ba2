import typia, { type tags } from 'typia';

/** The session schemas written as TS types with typia tags (typia compiles types, not JSON Schema). */
export interface CreateSessionRequestSchema {
  customer_id?: (string & tags.Format<'uuid'>) | null;
  is_guest_session?: boolean | null;
  return_url: string;
  idle_timeout?: (number & tags.Type<'int64'>) | null;
  session_key?: string | null;
}
export interface CustomerSessionResponseSchema {
  redirect_url: string;
  session_token: string;
  is_guest_session: boolean;
}
export interface ValidationError {
  loc: Array<string | (number & tags.Type<'int64'>)>;
  msg: string;
  type: string;
}
export interface HTTPValidationError {
  detail?: ValidationError[];
}

export const validateRequest = typia.createValidate<CreateSessionRequestSchema>();
export const validateResponse = typia.createValidate<CustomerSessionResponseSchema>();
export const validate422 = typia.createValidate<HTTPValidationError>();
