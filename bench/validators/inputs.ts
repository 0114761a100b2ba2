/** Inputs for the nine bench cases: each schema with a valid input, one error, many errors. */
const UUID = '3fa85f64-5717-4562-b3fc-2c963f66afa6';

const detailItem = (i: number): object => ({ loc: ['body', 'items', i, 'name'], msg: 'Field required', type: 'missing' });

export const CASES = {
  CreateSessionRequestSchema: {
    valid: { customer_id: UUID, is_guest_session: false, return_url: 'https://app.example.com/back', idle_timeout: 3600, session_key: null },
    one: { customer_id: 'not-a-uuid', return_url: 'https://app.example.com/back' },
    many: { customer_id: 5, is_guest_session: 'yes', idle_timeout: 1.5, session_key: 7 },
  },
  CustomerSessionResponseSchema: {
    valid: { redirect_url: 'https://portal.example.com/x', session_token: 'tok_123', is_guest_session: true },
    one: { redirect_url: 'https://portal.example.com/x', session_token: 'tok_123', is_guest_session: 'true' },
    many: { redirect_url: 1, is_guest_session: null },
  },
  HTTPValidationError: {
    valid: { detail: Array.from({ length: 20 }, (_, i) => detailItem(i)) },
    one: { detail: Array.from({ length: 20 }, (_, i) => (i === 7 ? { loc: ['body'], msg: 3, type: 'x' } : detailItem(i))) },
    many: { detail: Array.from({ length: 20 }, () => ({ loc: [true], msg: null })) },
  },
} as const;

export type SchemaName = keyof typeof CASES;
export const SCHEMA_NAMES = Object.keys(CASES) as SchemaName[];
export const KINDS = ['valid', 'one', 'many'] as const;
/** Every case as `schema/kind`, in table order: the key of ratios, samples and instruction counts. */
export const CASE_KEYS: readonly string[] = SCHEMA_NAMES.flatMap((name) => KINDS.map((kind) => `${name}/${kind}`));
