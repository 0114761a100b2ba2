import type { Issue } from '../issue.js';
import { ptr } from '../load/pointer.js';
import { deref } from '../load/resolve-ref.js';
import { NameRegistry, toCamelCase, toIdentifier } from './naming.js';
import type { ImplicitAuthorization } from './authorization-parameter.js';
import type { SecurityScheme } from './types.js';

/** `createClient` options that are not credentials; a credential option never takes one of these names. */
export const CLIENT_OPTION_NAMES = [
  'baseUrl', 'fetch', 'headers', 'timeoutMs', 'maxRetries', 'retry', 'redirect', 'maxRedirects', 'validateRequests',
  'validateResponses', 'hooks',
  // locals of the generated createClient()
  'options', 'settings', 'transport', 'methods', 'bearer', 'basic', 'createTransport', 'validators',
];

/** Where an apiKey credential goes (`in` and `name`), by security scheme name. */
export type ApiKeyPlaces = ReadonlyMap<string, { in: string; name: string }>;

/** The apiKey schemes of `components.securitySchemes` and where each puts its credential. */
export function apiKeyPlaces(doc: unknown): ApiKeyPlaces {
  const components = (doc as { components?: { securitySchemes?: unknown } } | null)?.components;
  const raw = (components?.securitySchemes ?? {}) as Record<string, unknown>;
  const places = new Map<string, { in: string; name: string }>();
  for (const specName of Object.keys(raw)) {
    const s = deref(doc, raw[specName]) as Record<string, unknown> | undefined;
    if (s?.type !== 'apiKey') continue;
    places.set(specName, { in: typeof s.in === 'string' ? s.in : 'header', name: String(s.name ?? specName) });
  }
  return places;
}

/**
 * A parameter that an apiKey credential of the operation already fills: same location and name (header names in
 * any case). The credential wins: the parameter is neither exposed nor sent, so the value never goes out twice.
 * Only schemes the operation's `security` names count; a parameter of an operation that sends no such credential
 * stays.
 */
export function isFilledByCredential(
  param: { in: string; name: string },
  security: string[][] | undefined,
  apiKeys: ApiKeyPlaces,
): boolean {
  if (!security || apiKeys.size === 0) return false;
  const same = (a: string, b: string) => (param.in === 'header' ? a.toLowerCase() === b.toLowerCase() : a === b);
  return security.some((alternative) =>
    alternative.some((scheme) => {
      const place = apiKeys.get(scheme);
      return place !== undefined && place.in === param.in && same(place.name, param.name);
    }),
  );
}

/** Normalises `security` requirement arrays into sorted alternatives of sorted scheme names. */
export function normaliseSecurity(raw: unknown): string[][] | undefined {
  if (!Array.isArray(raw)) return undefined;
  return raw.map((req) => Object.keys((req ?? {}) as object).sort());
}

/**
 * Builds the credentials `createClient` takes from `components.securitySchemes`: an apiKey is named after its
 * header/query/cookie name (`x-api-key` → `apiKey`), bearer-like schemes after the scheme.
 * https://spec.openapis.org/oas/v3.1.0#security-scheme-object
 */
export function buildSecuritySchemes(
  doc: Record<string, unknown>,
  usedSecurity: Array<string[][] | undefined>,
  implicit?: ImplicitAuthorization,
): { schemes: SecurityScheme[]; issues: Issue[] } {
  const raw = ((doc.components as Record<string, unknown> | undefined)?.securitySchemes ?? {}) as Record<string, unknown>;
  const names = new NameRegistry(CLIENT_OPTION_NAMES);
  const schemes: SecurityScheme[] = [];
  const issues: Issue[] = [];
  for (const specName of Object.keys(raw).sort()) {
    const pointer = ptr('components', 'securitySchemes', specName);
    const s = deref(doc, raw[specName]) as Record<string, unknown>;
    const kind = schemeKind(s);
    if (!kind) {
      issues.push({
        severity: 'warning', code: 'unsupported-security-scheme', pointer,
        message: `security scheme type \`${String(s.type)}\`${s.scheme ? ` (\`${String(s.scheme)}\`)` : ''} is not supported; no credential option is generated for it`,
        hint: 'pass the credential yourself through the `headers` option of `createClient`',
      });
      continue;
    }
    const location = kind === 'apiKey' ? ((s.in as 'header' | 'query' | 'cookie') ?? 'header') : 'header';
    const name = kind === 'apiKey' ? String(s.name ?? specName) : 'authorization';
    const base = kind === 'apiKey' ? toCamelCase(name.replace(/^x-/i, '')) : toCamelCase(specName);
    schemes.push({
      specName, pointer, kind, in: location, name,
      optionName: names.claim(toIdentifier(base, 'credential')),
      required: isRequiredEverywhere(specName, usedSecurity),
      description: typeof s.description === 'string' ? s.description : undefined,
    });
  }
  if (implicit) {
    schemes.push({
      specName: implicit.specName, pointer: implicit.pointer, kind: 'apiKey', in: 'header', name: 'Authorization',
      optionName: names.claim('authorization'),
      required: implicit.required,
      description: implicit.description,
      fromParameter: true,
    });
  }
  return { schemes, issues };
}

function schemeKind(s: Record<string, unknown>): SecurityScheme['kind'] | undefined {
  if (s.type === 'apiKey') return 'apiKey';
  if (s.type === 'http' && String(s.scheme).toLowerCase() === 'basic') return 'basic';
  if (s.type === 'http' && String(s.scheme).toLowerCase() === 'bearer') return 'bearer';
  if (s.type === 'oauth2' || s.type === 'openIdConnect') return 'bearer';
  return undefined;
}

/** Required when every operation's only way in includes this scheme. */
function isRequiredEverywhere(specName: string, usedSecurity: Array<string[][] | undefined>): boolean {
  if (usedSecurity.length === 0) return false;
  return usedSecurity.every((alts) => alts !== undefined && alts.length > 0 && alts.every((alt) => alt.includes(specName)));
}
