/**
 * The size budgets of the generated client: min+gzip bytes as `bundle-size.ts` measures them, with 1 kB = 1000 B
 * (the unit of the table the budgets were set against, where openapi-fetch's 2753 B read 2.8 kB). `npm test`
 * asserts them (test/client-size/); `npm run bench:client` prints them.
 */
export const CLIENT_SIZE_BUDGETS = {
  /** `createClient` + one session call, validation on */
  clientCall: 6_000,
  /** a program that imports only `validateCreateSessionRequestSchema` (the session rule included) */
  validatorOnly: 1_000,
  /** `createCore` + one operation of a ~100-operation spec: at most this times the same kind of call on the Zenskar spec */
  manyOperationsRatio: 1.15,
} as const;
