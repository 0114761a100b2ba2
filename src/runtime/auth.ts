/** Credentials: how each security scheme's value is sent, the checks at creation, and the choice among alternatives. */

/** One credential of a security scheme, as generated code describes it to `createCore`. */
export interface CredentialInput {
  /** the `createClient` option that carries it, for error messages */
  option: string;
  /** the security scheme's name in the spec */
  scheme: string;
  in: "header" | "query" | "cookie";
  /** header, query parameter or cookie name */
  name: string;
  /** `apiKey`: sent as given; `bearer`: `Bearer <token>`; `basic`: `{ username, password }` → `Basic <base64>` */
  kind: "apiKey" | "bearer" | "basic";
  /** whether every operation needs it (then `createClient` requires it) */
  required: boolean;
  value: unknown;
}

/** One resolved credential: where it goes, under which name, and its final value. */
export interface Credential {
  in: "header" | "query" | "cookie";
  name: string;
  value: string;
}

/** Printable Latin-1 (what an HTTP header can carry), not starting or ending with a space. */
const HEADER_SAFE = /^[\x21-\x7E\xA1-\xFF](?:[\x20-\x7E\xA0-\xFF]*[\x21-\x7E\xA1-\xFF])?$/;

/**
 * The credential to send for `input`, `undefined` when an optional one is not given, and the secrets to scrub.
 * Throws a TypeError naming the option when a value is missing, not a string, empty or cannot travel in an HTTP
 * header at all: every call would fail, so the mistake is reported once, at creation.
 */
export function resolveCredential(
  input: CredentialInput,
): { credential: Credential; secrets: string[] } | undefined {
  const { option, value } = input;
  if (value === undefined && !input.required) return undefined;
  let secrets: string[];
  let sent: string;
  if (input.kind === "basic") {
    const pair = value as { username?: unknown; password?: unknown } | null;
    if (typeof pair !== "object" || pair === null)
      throw new TypeError(`${option} must be { username, password }, got ${describe(value)}`);
    const username = checkText(`${option}.username`, pair.username, false);
    // An empty password is common (an API key sent as the user name), so only its type is checked.
    const password = pair.password;
    if (typeof password !== "string")
      throw new TypeError(`${option}.password must be a string, got ${describe(password)}`);
    sent = basic(username, password);
    // Either part can be the secret one.
    secrets = [username, password, sent.slice(6)];
  } else {
    const token = checkText(option, value, input.in !== "query");
    sent = input.kind === "bearer" ? bearer(token) : token;
    secrets = [token];
  }
  return { credential: { in: input.in, name: input.name, value: sent }, secrets };
}

function checkText(option: string, value: unknown, headerSafe: boolean): string {
  if (typeof value !== "string")
    throw new TypeError(`${option} must be a string, got ${describe(value)}`);
  if (value === "") throw new TypeError(`${option} must not be empty`);
  if (headerSafe && !HEADER_SAFE.test(value)) {
    throw new TypeError(
      `${option} cannot be sent in an HTTP header: it must be printable Latin-1 text without control characters, not starting or ending with a space`,
    );
  }
  if (/[\x00-\x1F\x7F]/.test(value))
    throw new TypeError(`${option} must not contain control characters`);
  return value;
}

function describe(value: unknown): string {
  return value === null ? "null" : typeof value;
}

/** `Authorization` value for an HTTP bearer scheme. */
export function bearer(token: string): string {
  return `Bearer ${token}`;
}

/** `Authorization` value for an HTTP basic scheme: base64 of the UTF-8 bytes of `username:password` (RFC 7617). */
export function basic(username: string, password: string): string {
  const bytes = new TextEncoder().encode(`${username}:${password}`);
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `Basic ${btoa(binary)}`;
}

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
  if (!security || security.length === 0) return [];
  const complete = security.find((alternative) =>
    alternative.every((scheme) => credentials.has(scheme)),
  );
  const pick = (alternative: readonly string[]): Credential[] =>
    alternative.flatMap((scheme) => credentials.get(scheme) ?? []);
  if (complete) return pick(complete);
  if (security.some((alternative) => alternative.length === 0)) return [];
  return security.map(pick).sort((a, b) => b.length - a.length)[0] ?? [];
}
