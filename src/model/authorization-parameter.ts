/**
 * A header parameter named `Authorization` is ignored, as OpenAPI says it SHALL be (see parameter.ts
 * `isIgnoredParameter`): the client fills that header from credentials. Specs without a security scheme often
 * declare it as a parameter instead (loket.nl, getgo.com: "Access token", required on every operation); ignoring it
 * there would leave the client no typed way to authenticate. So an operation that declares it, and none of whose
 * security alternatives sets `Authorization` already, gets an implicit credential: a header apiKey named
 * `Authorization`, the `createClient` option `authorization`, required where every operation requires the parameter.
 */
import { childPtr } from '../load/pointer.js';
import { deref } from '../load/resolve-ref.js';
import type { UnnamedOperation } from './operation.js';
import { apiKeyPlaces } from './security.js';

/** The implicit credential: the scheme name it is filed under, where it was declared, and whether calls need it. */
export interface ImplicitAuthorization {
  /** a name no scheme of `components.securitySchemes` has */
  specName: string;
  /** the first declaring parameter */
  pointer: string;
  description: string | undefined;
  /** every operation declares it, and requires it */
  required: boolean;
}

/** An `Authorization` header parameter an operation declares: where, whether required, its description. */
export interface AuthorizationParameter {
  pointer: string;
  required: boolean;
  description: string | undefined;
}

/**
 * Adds the implicit scheme to every security alternative of the operations that declare an `Authorization` header
 * parameter (`declared`, by operation) that none of their credentials fills (in place). Undefined when none does.
 */
export function addImplicitAuthorization(
  doc: Record<string, unknown>,
  ops: readonly UnnamedOperation[],
  declared: ReadonlyMap<UnnamedOperation, AuthorizationParameter>,
): ImplicitAuthorization | undefined {
  if (declared.size === 0) return undefined;
  const setsAuthorization = authorizationSetter(doc);
  const specName = implicitSchemeName(doc);
  let found: ImplicitAuthorization | undefined;
  let requiredEverywhere = true;
  for (const op of ops) {
    const param = declared.get(op);
    const alternatives = op.security ?? [];
    if (!param || !takesImplicitAuthorization(alternatives, setsAuthorization)) {
      requiredEverywhere = false;
      continue;
    }
    requiredEverywhere &&= param.required;
    found ??= { specName, pointer: param.pointer, description: param.description, required: false };
    op.security = withImplicitScheme(alternatives, specName);
  }
  if (found) found.required = requiredEverywhere;
  return found;
}

/**
 * Whether a scheme of the document sends the `Authorization` header: http, oauth2 and openIdConnect credentials
 * travel in it; an apiKey only where it names that header.
 */
export function authorizationSetter(doc: Record<string, unknown>): (scheme: string) => boolean {
  const schemes = ((doc.components as Record<string, unknown> | undefined)?.securitySchemes ?? {}) as Record<string, unknown>;
  const apiKeys = apiKeyPlaces(doc);
  return (name) => {
    const place = apiKeys.get(name);
    if (place) return place.in === 'header' && place.name.toLowerCase() === 'authorization';
    const type = (deref(doc, schemes[name]) as { type?: unknown } | undefined)?.type;
    return type === 'http' || type === 'oauth2' || type === 'openIdConnect';
  };
}

/** Whether an operation declaring the parameter gets the implicit credential: none of its alternatives sets the header. */
export function takesImplicitAuthorization(alternatives: readonly string[][], setsAuthorization: (scheme: string) => boolean): boolean {
  return !alternatives.some((alt) => alt.some(setsAuthorization));
}

/** The alternatives with the implicit scheme required in each (the only one when there were none). */
export function withImplicitScheme(alternatives: readonly string[][], specName: string): string[][] {
  return alternatives.length === 0 ? [[specName]] : alternatives.map((alt) => [...alt, specName].sort());
}

/** The name the implicit scheme is filed under: `Authorization`, or the first `AuthorizationN` no scheme has. */
export function implicitSchemeName(doc: Record<string, unknown>): string {
  const schemes = ((doc.components as Record<string, unknown> | undefined)?.securitySchemes ?? {}) as Record<string, unknown>;
  for (let n = 1; ; n++) {
    const name = n === 1 ? 'Authorization' : `Authorization${n}`;
    if (!Object.prototype.hasOwnProperty.call(schemes, name)) return name;
  }
}

/** The `Authorization` header parameter of an operation (its own, else its path item's), if it declares one. */
export function authorizationParameter(
  doc: Record<string, unknown>,
  item: Record<string, unknown>,
  op: Record<string, unknown>,
  itemPointer: string,
  opPointer: string,
): AuthorizationParameter | undefined {
  for (const [owner, pointer] of [[op, opPointer], [item, itemPointer]] as const) {
    const raw = owner.parameters;
    if (!Array.isArray(raw)) continue;
    for (let i = 0; i < raw.length; i++) {
      const p = deref(doc, raw[i]) as Record<string, unknown> | undefined;
      if (p?.in !== 'header' || typeof p.name !== 'string' || p.name.toLowerCase() !== 'authorization') continue;
      const description = typeof p.description === 'string' && p.description.trim() !== '' ? p.description : undefined;
      return { pointer: childPtr(childPtr(pointer, 'parameters'), i), required: p.required === true, description };
    }
  }
  return undefined;
}
