/** Credentials: the `Authorization` value helpers and the choice among an operation's security alternatives. */

/** One resolved credential of a security scheme: where it goes, under which name, and its final value. */
export interface Credential {
  in: "header" | "query" | "cookie";
  name: string;
  value: string;
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
  security: string[][] | undefined,
  credentials: Readonly<Record<string, Credential | undefined>>,
): Credential[] {
  if (!security || security.length === 0) return [];
  const lookup = (scheme: string): Credential | undefined =>
    Object.prototype.hasOwnProperty.call(credentials, scheme) ? credentials[scheme] : undefined;
  const complete = security.find((alternative) =>
    alternative.every((scheme) => lookup(scheme) !== undefined),
  );
  if (complete) return complete.map(lookup).filter((c): c is Credential => c !== undefined);
  if (security.some((alternative) => alternative.length === 0)) return [];
  const ranked = security
    .map((alternative) => alternative.map(lookup).filter((c): c is Credential => c !== undefined))
    .sort((a, b) => b.length - a.length);
  return ranked[0] ?? [];
}

/** Everything secret about a set of credentials: each value and, for `Bearer`/`Basic` values, the token part alone. */
export function collectSecrets(
  credentials: Readonly<Record<string, Credential | undefined>>,
  extra: readonly string[],
): string[] {
  const secrets = new Set<string>(extra.filter((s) => typeof s === "string" && s !== ""));
  for (const credential of Object.values(credentials)) {
    if (!credential || credential.value === "") continue;
    secrets.add(credential.value);
    const token = /^(?:bearer|basic)\s+(.+)$/i.exec(credential.value)?.[1];
    if (token) secrets.add(token);
  }
  return [...secrets];
}
