/** Credentials: the checks at creation, how bearer and basic values are sent, and the choice among alternatives. */

/** How a scheme turns its option's value into what is sent, and the secrets to scrub; throws a TypeError if unusable. */
export type CredentialFormat = (
  value: unknown,
  option: string,
) => [sent: string, secrets: string[]];

/** One credential of a security scheme, as generated code describes it to `createCore`. */
export interface CredentialInput {
  /** the `createClient` option that carries it, for error messages */
  option: string;
  /** the security scheme's name in the spec */
  scheme: string;
  in: "header" | "query" | "cookie";
  /** header, query parameter or cookie name */
  name: string;
  /** whether every operation needs it (then `createClient` requires it) */
  required: boolean;
  value: unknown;
  /** `bearer` or `basic`; an apiKey is sent as given */
  format?: CredentialFormat;
  /**
   * How a query or cookie credential's name and value are written (`encodeStrict`); a header's are sent as they
   * are. Generated code passes it only for those, so a spec without them bundles no URL encoding for credentials.
   */
  encode?: (text: string) => string;
}

/** One resolved credential: where it goes, under which name, and its final value, both as written on the wire. */
export interface Credential {
  in: "header" | "query" | "cookie";
  name: string;
  value: string;
}

/** Printable Latin-1 (what an HTTP header can carry), not starting or ending with a space. */
const HEADER_SAFE = /^[\x21-\x7E\xA1-\xFF]([\x20-\x7E\xA0-\xFF]*[\x21-\x7E\xA1-\xFF])?$/;

/**
 * The credential to send for `input` and the secrets to scrub; `undefined` when an optional one is not given.
 * Throws a TypeError naming the option when a value is missing, not a string, empty or cannot travel where it goes
 * (a header takes printable Latin-1 only): every call would fail, so the mistake is reported once, at creation.
 */
export function resolveCredential(
  input: CredentialInput,
): { credential: Credential; secrets: string[] } | undefined {
  const { option, value } = input;
  if (value === undefined && !input.required) return undefined;
  const [sent, secrets] = input.format
    ? input.format(value, option)
    : // a cookie is percent-encoded, but servers read cookie values as they come: held to the header rules too
      [checkText(value, option, input.in !== "query"), [value as string]];
  const encode = input.encode ?? String;
  return { credential: { in: input.in, name: encode(input.name), value: encode(sent) }, secrets };
}

/** `value` if it is a non-empty string that can be sent (in a header: printable Latin-1, no surrounding spaces). */
export function checkText(value: unknown, option: string, inHeader: boolean): string {
  if (typeof value !== "string" || value === "")
    throw new TypeError(`${option} must be a non-empty string, got ${describe(value)}`);
  let sendable = inHeader ? HEADER_SAFE.test(value) : !/[\0-\x1F\x7F]/.test(value);
  try {
    encodeURIComponent(value); // throws on a lone surrogate: text no URL, form or JSON can carry
  } catch {
    sendable = false;
  }
  if (!sendable)
    throw new TypeError(
      `${option} cannot be sent${inHeader ? " in an HTTP header: use printable Latin-1 text without spaces around it" : ": it holds control characters or a lone surrogate"}`,
    );
  return value;
}

function describe(value: unknown): string {
  return value === "" ? "an empty string" : value === null ? "null" : typeof value;
}

/** HTTP bearer scheme (and OAuth 2 / OpenID Connect access tokens): `Authorization: Bearer <token>`. */
export const bearer: CredentialFormat = (value, option) => {
  const token = checkText(value, option, true);
  return [`Bearer ${token}`, [token]];
};

/**
 * HTTP basic scheme: `{ username, password }` → `Basic <base64 of the UTF-8 of username:password>` (RFC 7617).
 * An empty password is common (an API key sent as the user name), so only its type is checked; either part can be
 * the secret one.
 */
export const basic: CredentialFormat = (value, option) => {
  const { username, password } = (value ?? {}) as { username?: unknown; password?: unknown };
  checkText(username, `${option}.username`, false);
  if (typeof password !== "string")
    throw new TypeError(`${option}.password must be a string, got ${describe(password)}`);
  const bytes = new TextEncoder().encode(`${username as string}:${password}`);
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  const encoded = btoa(binary);
  return [`Basic ${encoded}`, [username as string, password, encoded]];
};

/**
 * The credentials to send for an operation's `security` (alternatives of scheme sets). The first alternative whose
 * schemes all have a credential wins; `[]`/`[[]]` (or an empty alternative when nothing else is satisfied) and
 * `undefined` send none. When no alternative is complete, the one with the most credentials is sent as far as it
 * goes, so the server answers 401 with its reason rather than the client guessing.
 */
export function selectCredentials(
  security: readonly string[][] | undefined,
  credentials: ReadonlyMap<string, Credential>,
): Credential[] {
  const pick = (alternative: readonly string[]): Credential[] =>
    alternative.flatMap((scheme) => credentials.get(scheme) ?? []);
  const complete = security?.find((alternative) => alternative.every((s) => credentials.has(s)));
  if (complete) return pick(complete);
  if (!security || security.some((alternative) => alternative.length === 0)) return [];
  return security.map(pick).sort((a, b) => b.length - a.length)[0] ?? [];
}
