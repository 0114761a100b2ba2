/**
 * Credential values for the fault matrix: placeholders and words the client itself writes (which must not make it
 * crash or mangle its own errors), and realistic long random secrets (which must appear in no rendering of an
 * error or hook payload). Also the values `createClient` must refuse.
 */
import { inspect } from 'node:util';
import fc from 'fast-check';

/** A credential and whether it is a unique secret (so any occurrence of it in an output is a leak). */
export interface CredentialValue {
  value: string;
  unique: boolean;
}

/**
 * Words of the client's own vocabulary (error fields, kinds, methods, URL parts, the redaction marker), of the
 * test server's URLs, and single characters that occur in every message.
 */
export const VOCABULARY = [
  'o', 'a', 'f', 'e', 'type', 'msg', 'loc', 'body', 'POST', 'GET', 'https', 'http', 'session', 'detail', 'kind',
  'status', 'url', 'error', 'ApiError', 'message', 'operation', 'request', 'response', 'items', 'id', 'true',
  'null', 'undefined', 'json', 'token', 'sid', 'Bearer', 'customer_id', 'missing', '[REDACTED]', 'REDACTED',
  'x-api-key', 'application/json', '127.0.0.1', 'localhost', '1', '0', '42', '200', 'a b', ':', '/', '.', '"',
  '\\', '%', '%20', '=', '&', ';', '?', '#', '[', ']', 'é',
];

/** What the client puts in place of a credential; a credential equal to it cannot be told from a redaction. */
export const MARKER = '[REDACTED]';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** Visible ASCII and a few Latin-1 letters: everything a header can carry, without surrounding whitespace. */
const VISIBLE = [...Array.from({ length: 94 }, (_, i) => String.fromCharCode(33 + i)), 'é', 'ü', 'ß', 'ÿ', 'Ø'];

const chars = (alphabet: string | readonly string[], minLength: number, maxLength: number): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom(...alphabet), minLength, maxLength });

/** Secrets shaped like real ones: vendor keys, JWTs, UUIDs, random printable text. */
const realistic: fc.Arbitrary<string> = fc.oneof(
  chars(ALNUM, 24, 40).map((s) => `sk_live_${s}`),
  fc.tuple(chars(`${ALNUM}-_`, 16, 40), chars(`${ALNUM}-_`, 16, 60), chars(`${ALNUM}-_`, 16, 43)).map(([a, b, c]) => `eyJ${a}.${b}.${c}`),
  fc.uuid(),
  chars(`${ALNUM}+/`, 30, 60).map((s) => `${s}==`),
  chars(VISIBLE, 16, 64),
);

/** Several kilobytes (kept under the 16 KiB header limit of Node's HTTP parser with four of them in one request). */
const severalKilobytes: fc.Arbitrary<string> = chars(`${ALNUM}-_.~`, 2048, 2600);

/** Any credential a caller might pass that `createClient` must accept. */
export const credentialValue: fc.Arbitrary<CredentialValue> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...VOCABULARY).map((value) => ({ value, unique: false })) },
  { weight: 1, arbitrary: fc.nat(99_999).map((n) => ({ value: String(n), unique: false })) },
  { weight: 4, arbitrary: realistic.map((value) => ({ value, unique: true })) },
  { weight: 1, arbitrary: severalKilobytes.map((value) => ({ value, unique: true })) },
);

/** A unique secret, for reference clients. */
export const uniqueCredential: fc.Arbitrary<CredentialValue> = realistic.map((value) => ({ value, unique: true }));

/**
 * Values `createClient` refuses with a TypeError naming the option: missing, not a string, empty, or holding a
 * control character. `headerOnly` ones cannot travel in an HTTP header (surrounding spaces, C1 controls, beyond
 * Latin-1) but can in a percent-encoded query, so a query credential may hold them.
 */
export const REFUSED_CREDENTIALS: ReadonlyArray<{ label: string; value: unknown; headerOnly?: boolean }> = [
  { label: 'empty', value: '' },
  { label: 'a single space', value: ' ', headerOnly: true },
  { label: 'leading space', value: ' key', headerOnly: true },
  { label: 'trailing space', value: 'key ', headerOnly: true },
  { label: 'trailing newline (a value read from a file)', value: 'sk_live_0123456789abcdefghij\n' },
  { label: 'leading tab', value: '\tkey' },
  { label: 'CR LF inside', value: 'key\r\nx-admin: 1' },
  { label: 'NUL inside', value: 'ke\u0000y' },
  { label: 'DEL inside', value: 'ke\u007fy' },
  { label: 'C1 control inside', value: 'ke\u0085y', headerOnly: true },
  { label: 'beyond Latin-1 (euro sign)', value: '€uro-key', headerOnly: true },
  { label: 'beyond Latin-1 (emoji)', value: 'key😀', headerOnly: true },
  { label: 'line separator inside', value: 'ke\u2028y', headerOnly: true },
  { label: 'missing', value: undefined },
  { label: 'null', value: null },
  { label: 'a number', value: 42 },
  { label: 'an object', value: { key: 'k' } },
  { label: 'an array', value: ['k'] },
];

/**
 * The forms in which a secret could be shown: as is, JSON-escaped, as `util.inspect` escapes it. Texts are also
 * searched percent-decoded (see `textsToSearch`), which covers every URL and form encoding.
 */
function shownForms(secret: string): string[] {
  return [...new Set([secret, JSON.stringify(secret).slice(1, -1), inspect(secret).slice(1, -1)])];
}

/** Pieces of a long secret that are unique on their own: a cut-off secret leaks its prefix. */
function pieces(secret: string): string[] {
  if (secret.length < 32) return [secret];
  const size = 16;
  const middle = Math.floor(secret.length / 2) - size / 2;
  return [secret, secret.slice(0, size), secret.slice(middle, middle + size), secret.slice(-size)];
}

/** Every run of %XX escapes decoded where it is valid UTF-8. */
function percentDecode(text: string): string {
  return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

function textsToSearch(text: string): string[] {
  const decoded = percentDecode(text);
  return [text, decoded, percentDecode(text.replace(/\+/g, ' '))];
}

/** The first place a unique secret (or a unique piece of it) shows up in `renderings`, if any. */
export function findLeak(renderings: Record<string, string>, secret: string): string | undefined {
  const needles = pieces(secret).flatMap(shownForms);
  for (const [where, text] of Object.entries(renderings)) {
    for (const haystack of textsToSearch(text)) {
      const needle = needles.find((n) => haystack.includes(n));
      if (needle !== undefined) return `${where} contains ${JSON.stringify(needle.slice(0, 40))}`;
    }
  }
  return undefined;
}
