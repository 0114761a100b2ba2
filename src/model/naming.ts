import { createRequire } from 'node:module';
import type * as TypeScript from 'typescript';

/**
 * Turning spec names (operationIds, schema names, paths) into TypeScript identifiers: valid, stable,
 * collision-free. Every identifier that reaches a template comes through here.
 */

const RESERVED_WORDS = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for function if ' +
    'import in instanceof new null return super switch this throw true try typeof var void while with as implements interface ' +
    'let package private protected public static yield any boolean constructor declare get module require number set string ' +
    'symbol type from of await async never unknown object undefined bigint infer keyof readonly unique satisfies is asserts'
  ).split(' '),
);

/** Global names a generated type must not shadow, and the names the package's own runtime exports. */
const TAKEN_TYPE_NAMES = new Set(
  (
    'Array Boolean Date Error Function Map Number Object Promise Record Partial Required Readonly Pick Omit Exclude Extract ' +
    'NonNullable ReturnType Parameters Set String Symbol RegExp Blob File FormData Headers Request Response URL URLSearchParams ' +
    'ReadableStream AbortSignal JSON Math BigInt Uint8Array ArrayBuffer Awaited Iterable Generator Proxy Reflect WeakMap WeakSet ' +
    'ApiError ApiErrorKind ValidationIssue ValidationResult HttpErrorShape CallOptions Client ClientOptions OperationSpec Transport ' +
    'TransportConfig Credential Validator RequestArgs HttpBodyOf RedirectEvent RedirectPolicy RequestEvent ResponseEvent RetryEvent ' +
    'RetryJitter RetryOptions TransportHooks paths components operations webhooks $defs Core ResponsePolicy ' +
    'ResponseDeviationEvent'
  ).split(' '),
);

/** Splits a name into words at separators, case changes and letter/digit boundaries; keeps unicode letters. */
export function splitWords(name: string): string[] {
  return name
    .replace(/([\p{Ll}\p{N}])(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** `Create-customer-or-guest-session` → `createCustomerOrGuestSession`; acronyms in the middle keep their case. */
export function toCamelCase(name: string): string {
  const words = splitWords(name);
  if (words.length === 0) return '';
  const [first, ...rest] = words;
  const head = /^\p{Lu}+$/u.test(first!) ? first!.toLowerCase() : first!.charAt(0).toLowerCase() + first!.slice(1);
  return head + rest.map(capitalize).join('');
}

/** `create_session-request` → `CreateSessionRequest`; `HTTPValidationError` stays as it is. */
export function toPascalCase(name: string): string {
  return splitWords(name).map(capitalize).join('');
}

/** Makes `candidate` a valid identifier: a leading digit gets `_`, a reserved word gets a trailing `_`, empty becomes `fallback`. */
export function toIdentifier(candidate: string, fallback: string): string {
  const chars = [...candidate].filter((ch) => isIdentifierChar(ch, 'part'));
  let id = chars.length > 0 ? chars.join('') : fallback;
  if (!isIdentifierChar(String.fromCodePoint(id.codePointAt(0)!), 'start')) id = `_${id}`;
  if (RESERVED_WORDS.has(id)) id = `${id}_`;
  return id;
}

/**
 * Whether TypeScript accepts `ch` in (or at the start of) an identifier. ASCII is decided here; anything else by
 * TypeScript's own tables (they can be older than the regex engine's Unicode), loaded only then: most specs never
 * need it, and loading TypeScript costs a large spec's generation ~0.3 s.
 */
function isIdentifierChar(ch: string, where: 'start' | 'part'): boolean {
  const code = ch.codePointAt(0)!;
  if (code < 0x80) return where === 'start' ? /[A-Za-z_$]/.test(ch) : /[\w$]/.test(ch);
  const ts = createRequire(import.meta.url)('typescript') as typeof TypeScript;
  return where === 'start' ? ts.isIdentifierStart(code, ts.ScriptTarget.ESNext) : ts.isIdentifierPart(code, ts.ScriptTarget.ESNext);
}

/** A method name for an operation without operationId: `GET /users/{id}/posts` → `getUsersByIdPosts`. */
export function methodNameFromPath(method: string, path: string): string {
  const words = path
    .split('/')
    .filter(Boolean)
    .map((seg) => {
      const param = /^\{(.+)\}$/.exec(seg);
      return param ? `by ${param[1]}` : seg;
    });
  return toCamelCase([method.toLowerCase(), ...words].join(' '));
}

/**
 * Hands out identifiers in one namespace (the package's exports, or one object's members). The first claim of a
 * name gets it; later claims get `Name2`, `Name3`... Callers claim in a sorted order, so results are stable.
 */
export class NameRegistry {
  private readonly used = new Set<string>();

  constructor(reserved: Iterable<string> = []) {
    for (const name of reserved) this.used.add(name);
  }

  /** Claims `preferred`, or the first free `preferred2`, `preferred3`, ... */
  claim(preferred: string): string {
    let name = preferred;
    for (let n = 2; this.used.has(name); n++) name = `${preferred}${n}`;
    this.used.add(name);
    return name;
  }

  /** Whether `name` is already taken. */
  has(name: string): boolean {
    return this.used.has(name);
  }
}

/** A registry for exported type names of the generated package, with globals and runtime exports reserved. */
export function createTypeNameRegistry(): NameRegistry {
  return new NameRegistry([...TAKEN_TYPE_NAMES, ...RESERVED_WORDS]);
}

/**
 * Value names the generated package uses at module level or exports besides its operations: the client factories,
 * the runtime functions client.ts imports, the locals of its functions, and openapi-typescript's type roots (an
 * import of a type conflicts with a function of the same name).
 */
const TAKEN_VALUE_NAMES = [
  'createClient', 'createCore', 'isApiError', 'ApiError', 'call', 'makeCore', 'validators',
  'pathParams', 'queryParams', 'headerParams', 'cookieParams', 'encodeStrict',
  'binary', 'form', 'json', 'multipart', 'text', 'bearer', 'basic', 'core', 'args', 'options', 'callOptions', 'methods',
  'paths', 'components', 'operations', 'webhooks',
  // members of the object createClient returns, and names an object literal treats specially
  'then', 'prototype', '__proto__', 'byTag',
];

/** A registry for value names (functions, methods, validators), with reserved words and the package's own names taken. */
export function createValueNameRegistry(extra: Iterable<string> = []): NameRegistry {
  return new NameRegistry([...RESERVED_WORDS, ...TAKEN_VALUE_NAMES, ...extra]);
}

/** A type name for a component schema: PascalCase, valid, not shadowing a global or runtime export. */
export function schemaTypeName(registry: NameRegistry, schemaName: string): string {
  const base = toIdentifier(toPascalCase(schemaName), 'Schema');
  return registry.claim(TAKEN_TYPE_NAMES.has(base) ? `${base}Schema` : base);
}
