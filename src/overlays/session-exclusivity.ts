/**
 * Overlay `session-exclusivity`: POST /customers/session takes a customer session (`customer_id`) or a guest
 * session (`is_guest_session: true`, no `customer_id`), never both and never neither. The spec says so only in
 * prose (its schema allows every combination), so this overlay adds the rule to the generated types, validators,
 * client and docs. See the README section "Overlays" for when an overlay is the right tool.
 */
import { childPtr, ptr } from '../load/pointer.js';
import { absent, equals, nullable, objectSchema, ofType, refTo, requiredList } from './spec-expectations.js';
import type { Overlay, OverlayEdit, SpecExpectation } from './types.js';

const REQUEST = ptr('components', 'schemas', 'CreateSessionRequestSchema');
const RESPONSE = ptr('components', 'schemas', 'CustomerSessionResponseSchema');
const OPERATION = ptr('paths', '/customers/session', 'post');
const SPEC_STATES_RULE = 'the spec would then state the session rule itself; this overlay would be redundant';

/** What the overlay assumes of the spec, checked before any edit. */
const expectations: SpecExpectation[] = [
  objectSchema(REQUEST),
  ...['oneOf', 'anyOf', 'allOf', 'not', 'if', 'dependentRequired', 'dependentSchemas', 'discriminator'].map((k) =>
    absent(childPtr(REQUEST, k), k, SPEC_STATES_RULE),
  ),
  nullable(childPtr(REQUEST, 'properties', 'customer_id'), 'string', 'uuid'),
  nullable(childPtr(REQUEST, 'properties', 'is_guest_session'), 'boolean'),
  requiredList(
    childPtr(REQUEST, 'required'),
    ['customer_id', 'is_guest_session'],
    false,
    'each is left out by one kind of session',
  ),
  equals(
    childPtr(OPERATION, 'operationId'),
    'Create-customer-or-guest-session',
    'the client method `createCustomerOrGuestSession` the overlay extends is named from it',
  ),
  refTo(childPtr(OPERATION, 'requestBody', 'content', 'application/json', 'schema'), REQUEST),
  refTo(childPtr(OPERATION, 'responses', '200', 'content', 'application/json', 'schema'), RESPONSE),
  ofType(childPtr(RESPONSE, 'properties', 'is_guest_session'), 'boolean'),
  requiredList(childPtr(RESPONSE, 'required'), ['is_guest_session'], true, 'the convenience methods check it'),
];

/** The rule, as every JSDoc states it. */
const RULE =
  'Session rule (the API states it only in prose): a customer session gives `customer_id`; a guest session sets ' +
  '`is_guest_session: true` and gives no `customer_id`. Both at once, or neither, is rejected before anything is ' +
  'sent (a `request_validation` ApiError with a `session_exclusivity` error).';

/** Paragraphs wrapped at 100 columns (prettier leaves comments alone, so the overlay keeps them readable). */
const wrap = (...paragraphs: string[]): string =>
  paragraphs
    .map((p) =>
      p
        .split(/\s+/)
        .reduce<string[]>((lines, word) => {
          const last = lines[lines.length - 1];
          if (last !== undefined && last.length + word.length < 96) lines[lines.length - 1] = `${last} ${word}`;
          else lines.push(word);
          return lines;
        }, [])
        .join('\n'),
    )
    .join('\n\n');

/** A JSDoc block of wrapped paragraphs. */
const doc = (...paragraphs: string[]): string =>
  ['/**', ...wrap(...paragraphs).split('\n').map((l) => ` * ${l}`.trimEnd()), ' */'].join('\n');

const SESSION_REQUEST = 'Omit<components["schemas"]["CreateSessionRequestSchema"], "customer_id" | "is_guest_session">';
const SESSION_RESPONSE = 'Omit<components["schemas"]["CustomerSessionResponseSchema"], "is_guest_session">';

const typeEdits: OverlayEdit[] = [
  {
    kind: 'replace-declaration',
    file: 'src/types.ts',
    name: 'CreateSessionRequestSchema',
    text: `${doc('Create Session Request Schema: a {@link CustomerSessionRequest} or a {@link GuestSessionRequest}.', RULE)}
export type CreateSessionRequestSchema = CustomerSessionRequest | GuestSessionRequest;`,
  },
  {
    kind: 'add-declarations',
    file: 'src/types.ts',
    after: 'CreateSessionRequestSchema',
    declarations: [
      {
        name: 'CustomerSessionRequest',
        text: `${doc('A customer session request: `customer_id` is required; `is_guest_session` is omitted, `false` or `null`.', RULE)}
export type CustomerSessionRequest = ${SESSION_REQUEST} & {
  /** Customer Id: required for a customer session. */
  customer_id: string;
  /** Omit it, or \`false\`/\`null\`: a customer session is not a guest session. */
  is_guest_session?: false | null;
};`,
      },
      {
        name: 'GuestSessionRequest',
        text: `${doc('A guest session request: `is_guest_session` is `true`; `customer_id` is omitted or `null`.', RULE)}
export type GuestSessionRequest = ${SESSION_REQUEST} & {
  /** Omit it, or \`null\`: a guest session has no customer. */
  customer_id?: null;
  /** \`true\`: this is a guest session. */
  is_guest_session: true;
};`,
      },
    ],
  },
  {
    kind: 'add-declarations',
    file: 'src/types.ts',
    after: 'CustomerSessionResponseSchema',
    declarations: [
      {
        name: 'CustomerSessionResult',
        text: `${doc('What `client.createCustomerSession` resolves with: a session whose `is_guest_session` is `false` (checked on receipt).')}
export type CustomerSessionResult = ${SESSION_RESPONSE} & {
  /** \`false\`: a registered customer's session. */
  is_guest_session: false;
};`,
      },
      {
        name: 'GuestSessionResult',
        text: `${doc('What `client.createGuestSession` resolves with: a session whose `is_guest_session` is `true` (checked on receipt).')}
export type GuestSessionResult = ${SESSION_RESPONSE} & {
  /** \`true\`: a guest session. */
  is_guest_session: true;
};`,
      },
    ],
  },
  {
    kind: 'set-property-type',
    file: 'src/types.ts',
    path: ['operations', 'Create-customer-or-guest-session', 'requestBody', 'content', 'application/json'],
    type: 'CreateSessionRequestSchema',
  },
];

/**
 * The root function the validator compiler emits for the request schema: it returns the schema's error list (the
 * shared frozen `NO` when there is none). The request validators below call it and add the rule's error to that
 * list, not to a finished result: a result rebuilt around the schema's one cost 43 of the 173 bytes a bundle of
 * `validateCreateSessionRequestSchema` alone had to lose (gzip). A compiler change that renames or reshapes it
 * fails the generated package's typecheck.
 */
const REQUEST_ERRORS = 'c_CreateSessionRequestSchema(value, 0, null)';

/** The schema check of the session request plus the session rule of one kind, as a validator's result. */
const requestCheck = (describe: string, body: boolean): string => {
  const errors = `sessionRule(${REQUEST_ERRORS}, ${describe}(value))`;
  return body ? `rs(value, inBody(${errors}))` : `rs(value, ${errors})`;
};

/** A request validator of the generated module, replaced by one that also checks the rule (either kind). */
const ruleValidator = (name: string, body: boolean, what: string): OverlayEdit => ({
  kind: 'replace-declaration',
  file: 'src/validators.ts',
  name,
  text: `${doc(`Checks ${what} against the schema and the session rule.`, RULE)}
export function ${name}(value: unknown): ValidationResult<types.CreateSessionRequestSchema> {
  return ${requestCheck('describeSessionProblem', body)};
}`,
});

/** One exported validator of a convenience method (or its request type). */
const kindValidator = (name: string, type: string, call: string, summary: string) => ({
  name,
  text: `${doc(summary)}
export function ${name}(value: unknown): ValidationResult<types.${type}> {
  return ${call};
}`,
});

/** The rule's messages. */
const BOTH = 'Give either customer_id (a customer session) or is_guest_session=true (a guest session), not both';

/**
 * The two facts the rule is about, as expressions over the object `value`: `customer_id` is given (an own property,
 * neither `null` nor `undefined`), `is_guest_session` is `true` (an own property). Written into each function that
 * needs them rather than called: two more functions cost 20 bytes of the smallest bundle's gzip.
 */
const ASKS_FOR_CUSTOMER = 'Object.hasOwn(value, "customer_id") && (value as Record<string, unknown>)["customer_id"] != null';
const ASKS_FOR_GUEST = 'Object.hasOwn(value, "is_guest_session") && (value as Record<string, unknown>)["is_guest_session"] === true';

const validatorHelpers = [
  {
    name: 'sessionRule',
    text: `${doc('Adds the session rule\'s problem (`undefined`: none) to the errors of the schema check, as a `session_exclusivity` error at the top of the value. Without one the list comes back as it was: nothing is allocated on the way.', RULE)}
function sessionRule(errors: ValidationIssue[], problem: string | undefined): ValidationIssue[] {
  return problem === undefined ? errors : ra(errors, NO, "session_exclusivity", problem);
}`,
  },
  {
    name: 'inBody',
    text: `/** The errors of a request body check, each \`loc\` under \`body\`. */
function inBody(errors: ValidationIssue[]): ValidationIssue[] {
  return errors === NO ? NO : px(errors, ["body"]);
}`,
  },
  {
    name: 'describeSessionProblem',
    text: `/**
 * What breaks the session rule in \`value\` (either kind of session), in words; \`undefined\` when nothing does, or
 * when \`value\` is no object (the schema check reports that). Each kind's messages live in a function of its own,
 * so that a bundle of the operation's validator holds only these.
 */
function describeSessionProblem(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const customer = ${ASKS_FOR_CUSTOMER};
  const guest = ${ASKS_FOR_GUEST};
  if (customer && guest) return "${BOTH}";
  if (customer || guest) return undefined;
  return (value as Record<string, unknown>)["is_guest_session"] === false
    ? "is_guest_session=false asks for a customer session, which needs customer_id"
    : "Give customer_id for a customer session, or is_guest_session=true for a guest session";
}`,
  },
  {
    name: 'describeCustomerProblem',
    text: `/** What keeps \`value\` from being a customer session request, in words; \`undefined\` when nothing does. */
function describeCustomerProblem(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  if (!(${ASKS_FOR_CUSTOMER})) return "A customer session needs customer_id, with is_guest_session omitted, false or null";
  return ${ASKS_FOR_GUEST} ? "${BOTH}" : undefined;
}`,
  },
  {
    name: 'describeGuestProblem',
    text: `/** What keeps \`value\` from being a guest session request, in words; \`undefined\` when nothing does. */
function describeGuestProblem(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  if (!(${ASKS_FOR_GUEST})) return "A guest session needs is_guest_session=true and no customer_id";
  return ${ASKS_FOR_CUSTOMER} ? "${BOTH}" : undefined;
}`,
  },
  {
    name: 'checkSessionResult',
    text: `/** Adds to a 200-response check that the API answered with the kind of session asked for. */
function checkSessionResult<T>(checked: ValidationResult<unknown>, value: unknown, guest: boolean): ValidationResult<T> {
  if (!checked.ok || (value as { is_guest_session?: unknown }).is_guest_session === guest) {
    return checked as ValidationResult<T>;
  }
  const msg = guest
    ? "Input should be true: a guest session was asked for"
    : "Input should be false: a customer session was asked for";
  return { ok: false, value: undefined, errors: [{ loc: ["response", "is_guest_session"], msg, type: "session_kind_mismatch" }] };
}`,
  },
];

const validatorEdits: OverlayEdit[] = [
  ruleValidator('validateCreateSessionRequestSchema', false, 'a value'),
  ruleValidator('validateCreateCustomerOrGuestSessionBody', true, 'the request body of `POST /customers/session`'),
  {
    kind: 'add-declarations',
    file: 'src/validators.ts',
    after: 'validateCreateCustomerOrGuestSessionBody',
    declarations: [
      kindValidator(
        'validateCustomerSessionRequest',
        'CustomerSessionRequest',
        requestCheck('describeCustomerProblem', false),
        'Checks a value against `CustomerSessionRequest`: the schema, with `customer_id` given and `is_guest_session` not `true`.',
      ),
      kindValidator(
        'validateGuestSessionRequest',
        'GuestSessionRequest',
        requestCheck('describeGuestProblem', false),
        'Checks a value against `GuestSessionRequest`: the schema, with `is_guest_session: true` and no `customer_id`.',
      ),
      kindValidator(
        'validateCreateCustomerSessionBody',
        'CustomerSessionRequest',
        requestCheck('describeCustomerProblem', true),
        'Checks the request body of `createCustomerSession`: a customer session.',
      ),
      kindValidator(
        'validateCreateGuestSessionBody',
        'GuestSessionRequest',
        requestCheck('describeGuestProblem', true),
        'Checks the request body of `createGuestSession`: a guest session.',
      ),
      kindValidator(
        'validateCreateCustomerSessionResponse200',
        'CustomerSessionResult',
        'checkSessionResult<types.CustomerSessionResult>(validateCreateCustomerOrGuestSessionResponse200(value), value, false)',
        'Checks a 200 response body of `createCustomerSession`: the schema, with `is_guest_session: false`.',
      ),
      kindValidator(
        'validateCreateGuestSessionResponse200',
        'GuestSessionResult',
        'checkSessionResult<types.GuestSessionResult>(validateCreateCustomerOrGuestSessionResponse200(value), value, true)',
        'Checks a 200 response body of `createGuestSession`: the schema, with `is_guest_session: true`.',
      ),
      ...validatorHelpers,
    ],
  },
];

/** The convenience method `name`: its args type, operation spec, function, interface member and implementation. */
function convenienceMethod(name: 'createCustomerSession' | 'createGuestSession') {
  const guest = name === 'createGuestSession';
  const Kind = guest ? 'Guest' : 'Customer';
  const kind = guest ? 'guest' : 'customer';
  const args = `Create${Kind}SessionArgs`;
  const specConst = `$${name}`;
  const summary = `Create a ${kind} session: \`POST /customers/session\` with ${guest ? '`is_guest_session: true` and no `customer_id`' : '`customer_id`'}.`;
  const resolves = `Resolves with a session whose \`is_guest_session\` is \`${guest}\`. A body that is not a ${kind} session is a \`request_validation\` ApiError (nothing is sent); a 200 response with \`is_guest_session: ${!guest}\` is a \`response_validation\` ApiError.`;
  const throws = `@throws {ApiError} {@link CreateCustomerOrGuestSessionError}: \`kind\` says what failed.`;
  const member = `${doc(summary, resolves, RULE, throws)}
${name}(args: ${args}, options?: CallOptions): Promise<${Kind}SessionResult>;`;
  return {
    declarations: [
      {
        name: args,
        text: `/** The first argument of {@link Client.${name}}. */
export interface ${args} {
  /** A ${kind} session request (see {@link ${Kind}SessionRequest}). */
  body: ${Kind}SessionRequest;
}`,
      },
      {
        name: specConst,
        text: `const ${specConst}: OperationSpec = /* @__PURE__ */ sessionOperationSpec("${name}", validators.validateCreate${Kind}SessionBody, validators.validateCreate${Kind}SessionResponse200);`,
      },
      {
        name,
        text: `${doc(summary, `Called with a core from {@link createCore}: the same as {@link Client.${name}}, in a form a bundler drops when it is not imported.`, resolves, throws)}
export function ${name}(core: Core, args: ${args}, options?: CallOptions): Promise<${Kind}SessionResult> {
  return call(core, ${specConst}, args, options) as Promise<${Kind}SessionResult>;
}`,
      },
    ],
    member: { name, text: member },
    property: {
      name,
      text: `${name}: (args: ${args}, callOptions?: CallOptions) => ${name}(core, args, callOptions)`,
    },
  };
}

const customer = convenienceMethod('createCustomerSession');
const guest = convenienceMethod('createGuestSession');

const clientEdits: OverlayEdit[] = [
  {
    kind: 'add-imports',
    file: 'src/client.ts',
    from: './types.js',
    names: ['CustomerSessionRequest', 'CustomerSessionResult', 'GuestSessionRequest', 'GuestSessionResult'],
  },
  { kind: 'add-imports', file: 'src/client.ts', from: './operation-spec.js', names: ['type Validator'] },
  {
    kind: 'add-declarations',
    file: 'src/client.ts',
    after: 'createCustomerOrGuestSession',
    declarations: [
      {
        name: 'sessionOperationSpec',
        text: `/** The session operation under a convenience method's name, with that method's body and 200-response checks. */
function sessionOperationSpec(name: string, body: Validator, ok: Validator): OperationSpec {
  const base = $createCustomerOrGuestSession;
  return {
    ...base,
    name,
    validate: { ...base.validate, body },
    responses: base.responses.map((response) => (response.status === "200" ? { ...response, validate: ok } : response)),
  };
}`,
      },
      ...customer.declarations,
      ...guest.declarations,
    ],
  },
  {
    kind: 'append-doc',
    file: 'src/client.ts',
    interface: 'Client',
    member: 'createCustomerOrGuestSession',
    text: wrap(
      RULE,
      'Prefer {@link Client.createCustomerSession} or {@link Client.createGuestSession}: their results say which kind of session you got.',
    ),
  },
  {
    kind: 'add-members',
    file: 'src/client.ts',
    interface: 'Client',
    after: 'createCustomerOrGuestSession',
    members: [customer.member, guest.member],
  },
  {
    kind: 'add-properties',
    file: 'src/client.ts',
    function: 'createClient',
    variable: 'methods',
    after: 'createCustomerOrGuestSession',
    properties: [customer.property, guest.property],
  },
  {
    kind: 'add-to-tag-groups',
    file: 'src/client.ts',
    beside: 'createCustomerOrGuestSession',
    names: ['createCustomerSession', 'createGuestSession'],
  },
];

/** The overlay: listed in src/config.ts for spec/openapi-20240301.json. */
export const sessionExclusivity: Overlay = {
  name: 'session-exclusivity',
  summary: 'POST /customers/session: a customer session (customer_id) or a guest session (is_guest_session: true), never both or neither',
  anchor: REQUEST,
  expectations,
  edits: [...typeEdits, ...validatorEdits, ...clientEdits],
};
