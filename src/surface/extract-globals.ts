/** Servers and security: the parts of the surface that decide where a client connects and what it must send. */
import { arrayAt, compareStrings, isObject, objectAt, sortedKeys, stringAt, type JsonObject } from './json-value.js';

/** Server URLs with `{variables}` replaced by their defaults, as the client's default base URL will be. */
export function extractServers(doc: JsonObject): string[] {
  return arrayAt(doc, 'servers')
    .filter(isObject)
    .map((server) => {
      const vars = objectAt(server, 'variables');
      return (stringAt(server, 'url') ?? '').replace(/\{([^}]+)\}/g, (whole, name: string) => {
        const fallback = isObject(vars[name]) ? stringAt(vars[name], 'default') : undefined;
        return fallback ?? whole;
      });
    });
}

/** Security requirement alternatives as sorted strings: `A+B` needs both; scopes in parentheses; `(none)` = anonymous. */
export function normaliseSecurity(requirements: readonly unknown[]): string[] {
  const alternatives = requirements.filter(isObject).map((req) => {
    const names = sortedKeys(req).map((name) => {
      const scopes = arrayAt(req, name).filter((s): s is string => typeof s === 'string').sort(compareStrings);
      return scopes.length > 0 ? `${name}(${scopes.join(',')})` : name;
    });
    return names.length > 0 ? names.join('+') : '(none)';
  });
  return [...new Set(alternatives)].sort(compareStrings);
}

/** Scheme name → what the client must send, one line: `apiKey header x-api-key`, `http bearer`, `oauth2 clientCredentials`. */
export function extractSecuritySchemes(doc: JsonObject, resolve: (node: unknown) => JsonObject): Record<string, string> {
  const schemes = objectAt(objectAt(doc, 'components'), 'securitySchemes');
  const out: Record<string, string> = {};
  for (const name of sortedKeys(schemes)) out[name] = describeScheme(resolve(schemes[name]));
  return out;
}

function describeScheme(scheme: JsonObject): string {
  const type = stringAt(scheme, 'type') ?? 'unknown';
  switch (type) {
    case 'apiKey':
      return `apiKey ${stringAt(scheme, 'in') ?? '?'} ${stringAt(scheme, 'name') ?? '?'}`;
    case 'http': {
      const format = stringAt(scheme, 'bearerFormat');
      return `http ${(stringAt(scheme, 'scheme') ?? '?').toLowerCase()}${format ? ` (${format})` : ''}`;
    }
    case 'oauth2':
      return `oauth2 ${sortedKeys(objectAt(scheme, 'flows')).join(',')}`;
    case 'openIdConnect':
      return `openIdConnect ${stringAt(scheme, 'openIdConnectUrl') ?? '?'}`;
    default:
      return type;
  }
}
