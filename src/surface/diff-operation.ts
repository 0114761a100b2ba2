/** Diffs two versions of one operation: identity, markers, security, parameters, request body, responses. */
import { makeChange, type ChangeContext } from './change-context.js';
import { diffFields, diffShape } from './diff-shape.js';
import type { ChangeKind, FieldSurface, OperationSurface, ParameterSurface, RequestBodySurface, ResponseSurface, SurfaceChange } from './types.js';

/** The global security requirements before and after, which apply where an operation sets none. */
export interface GlobalSecurity {
  before: string[];
  after: string[];
}

/** All changes between two versions of the operation `key`. */
export function diffOperation(key: string, b: OperationSurface, a: OperationSurface, security: GlobalSecurity): SurfaceChange[] {
  return [
    ...diffIdentity(key, b, a),
    // Without an override on either side the operation follows the global requirement, whose change is reported once.
    ...(b.security || a.security ? diffOperationSecurity(key, b.security ?? security.before, a.security ?? security.after) : []),
    ...diffParameters(key, b.parameters, a.parameters),
    ...diffRequestBody(key, b.requestBody, a.requestBody),
    ...diffResponses(key, b.responses, a.responses),
  ];
}

function operationCtx(key: string): ChangeContext {
  return { location: 'operation', directions: ['request'], rootLabel: 'the operation', operation: key };
}

function diffIdentity(key: string, b: OperationSurface, a: OperationSurface): SurfaceChange[] {
  const ctx = operationCtx(key);
  const out: SurfaceChange[] = [];
  if (b.method !== a.method) {
    const message = 'client method renamed';
    out.push(makeChange(ctx, 'operation-renamed', { path: '', before: b.method, after: a.method, message }));
  } else if (b.operationId !== a.operationId) {
    const facts = { path: '', message: '`operationId` changed; the client method name is the same' };
    out.push(makeChange(ctx, 'operation-id-changed', withValues(facts, b.operationId, a.operationId)));
  }
  if (b.deprecated !== a.deprecated) {
    const kind = a.deprecated ? 'operation-deprecated' : 'operation-undeprecated';
    out.push(makeChange(ctx, kind, { path: '', message: a.deprecated ? 'now deprecated' : 'no longer deprecated' }));
  }
  const [bt, at] = [b.tags.join(', '), a.tags.join(', ')];
  if (bt !== at) out.push(makeChange(ctx, 'tags-changed', { path: '', before: bt, after: at, message: 'tags changed' }));
  return out;
}

function withValues<T extends object>(facts: T, before: string | undefined, after: string | undefined): T & { before?: string; after?: string } {
  const out: T & { before?: string; after?: string } = { ...facts };
  if (before !== undefined) out.before = before;
  if (after !== undefined) out.after = after;
  return out;
}

/** Compares requirement alternatives; keeping every old alternative is compatible. Shared with global security. */
export function diffSecurityRequirements(ctx: ChangeContext, before: string[], after: string[]): SurfaceChange[] {
  // no requirement at all lets anonymous calls through, as an explicit `{}` alternative does
  const [was, is] = [anonymousIfEmpty(before), anonymousIfEmpty(after)];
  const [b, a] = [was.join(' or '), is.join(' or ')];
  if (b === a) return [];
  const superset = was.every((alt) => is.includes(alt));
  const message = superset ? 'security requirement gained an alternative' : 'security requirement changed';
  return [makeChange(ctx, 'security-changed', { path: '', before: b, after: a, superset, message })];
}

function anonymousIfEmpty(alternatives: string[]): string[] {
  return alternatives.length === 0 ? ['(none)'] : alternatives;
}

function diffOperationSecurity(key: string, before: string[], after: string[]): SurfaceChange[] {
  const ctx: ChangeContext = { location: 'security', directions: ['request'], rootLabel: 'security', operation: key };
  return diffSecurityRequirements(ctx, before, after);
}

/** Field kinds that read better as parameter kinds. */
const PARAM_KINDS: Partial<Record<ChangeKind, ChangeKind>> = {
  'field-added': 'param-added',
  'field-removed': 'param-removed',
  'field-required': 'param-required',
  'field-optional': 'param-optional',
};

/** Parameters diff like request fields; a parameter key `query:limit` is the field path. */
function diffParameters(key: string, before: Record<string, ParameterSurface>, after: Record<string, ParameterSurface>): SurfaceChange[] {
  const ctx: ChangeContext = { location: 'parameter', directions: ['request'], rootLabel: 'the parameter', operation: key, kinds: PARAM_KINDS };
  const asFields = (params: Record<string, ParameterSurface>): Record<string, FieldSurface> =>
    Object.fromEntries(Object.entries(params).map(([k, p]) => [k, paramAsField(p)]));
  return diffFields(ctx, asFields(before), asFields(after));
}

function paramAsField(p: ParameterSurface): FieldSurface {
  const field: FieldSurface = { type: p.type, required: p.required, nullable: p.nullable };
  if (p.enum) field.enum = p.enum;
  if (p.deprecated) field.deprecated = true;
  return field;
}

function diffRequestBody(key: string, b: RequestBodySurface | undefined, a: RequestBodySurface | undefined): SurfaceChange[] {
  const ctx: ChangeContext = { location: 'request', directions: ['request'], rootLabel: 'the request body', operation: key };
  if (!b && !a) return [];
  if (!b && a) {
    return [makeChange(ctx, 'request-body-added', { path: '', required: a.required, after: a.type, message: `request body added (${a.required ? 'required' : 'optional'})` })];
  }
  if (b && !a) return [makeChange(ctx, 'request-body-removed', { path: '', before: b.type, message: 'request body removed' })];
  const [before, after] = [b as RequestBodySurface, a as RequestBodySurface];
  const out: SurfaceChange[] = [];
  if (before.required !== after.required) {
    const kind = after.required ? 'request-body-required' : 'request-body-optional';
    out.push(makeChange(ctx, kind, { path: '', message: `request body is now ${after.required ? 'required' : 'optional'}` }));
  }
  return [...out, ...diffMedia(ctx, before.media, after.media), ...diffShape(ctx, before, after)];
}

function diffMedia(ctx: ChangeContext, before: string[], after: string[]): SurfaceChange[] {
  const where = ctx.location === 'request' ? 'request' : 'response';
  return [
    ...after.filter((m) => !before.includes(m)).map((m) => makeChange(ctx, 'media-type-added', { path: m, after: m, message: `${where} content type \`${m}\` added` })),
    ...before.filter((m) => !after.includes(m)).map((m) => makeChange(ctx, 'media-type-removed', { path: m, before: m, message: `${where} content type \`${m}\` removed` })),
  ];
}

function diffResponses(key: string, before: Record<string, ResponseSurface>, after: Record<string, ResponseSurface>): SurfaceChange[] {
  const out: SurfaceChange[] = [];
  const statuses = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  for (const status of statuses) {
    const ctx: ChangeContext = { location: 'response', directions: ['response'], rootLabel: `the ${status} response body`, operation: key, status };
    const [b, a] = [before[status], after[status]];
    const success = status.startsWith('2');
    if (!b && a) out.push(makeChange(ctx, 'response-added', { path: '', success, after: a.type, message: `response ${status} added` }));
    else if (b && !a) out.push(makeChange(ctx, 'response-removed', { path: '', success, before: b.type, message: `response ${status} removed` }));
    else if (b && a) out.push(...diffMedia(ctx, b.media, a.media), ...diffShape(ctx, b, a));
  }
  return out;
}
