/**
 * The runtime as the runtime tests drive it: a core made from a plain settings record (credentials already resolved,
 * as a generated `createCore` hands them over) and operation specs written by hand in a compact form (body and
 * response kinds by name, parameters as a list) that `toOperationSpec` turns into what generated code emits.
 */
import { bearer, type CredentialInput } from '../../src/runtime/auth.js';
import { call } from '../../src/runtime/call.js';
import { makeCore } from '../../src/runtime/core.js';
import type { CallOptions, CoreSettings } from '../../src/runtime/settings.js';
import * as encoders from '../../src/runtime/encode-body.js';
import type {
  HttpMethod,
  OperationSpec as WireOperationSpec,
  ParamSpec,
  RequestArgs,
  ResponseKind,
  Validator,
} from '../../src/runtime/operation-spec.js';
import { cookieParams, encodeStrict, headerParams, pathParams, queryParams } from '../../src/runtime/serialize-params.js';

export type { CallOptions, HttpMethod, ParamSpec, RequestArgs, Validator };
export type { RedirectPolicy } from '../../src/runtime/redirects.js';
export type { RedirectEvent, RequestEvent, ResponseEvent, RetryEvent, TransportHooks } from '../../src/runtime/hooks.js';

/** An operation as the tests write it. */
export interface OperationSpec {
  name: string;
  method: HttpMethod;
  path: string;
  params: ParamSpec[];
  body?: { mediaType: string; kind: keyof typeof encoders; required: boolean };
  validate?: WireOperationSpec['validate'];
  responses: Array<{ status: string; kind: ResponseKind; mediaType?: string; validate?: Validator }>;
  security?: string[][];
}

/** A credential already in its final form (`Bearer abc` for a bearer scheme). */
export interface Credential {
  in: 'header' | 'query' | 'cookie';
  name: string;
  value: string;
}

/** Client settings plus credentials by scheme name; `secrets` are more strings to scrub (a credential's parts). */
export interface TransportConfig extends CoreSettings {
  baseUrl: string;
  credentials: Record<string, Credential | undefined>;
  secrets?: string[];
}

/** The generated-code form of a test's operation spec. */
export function toOperationSpec(spec: OperationSpec): WireOperationSpec {
  const accept = [...new Set(spec.responses.flatMap((r) => (r.mediaType ? [r.mediaType] : [])))].join(', ');
  return {
    name: spec.name,
    method: spec.method,
    path: spec.path,
    ...(spec.params.length > 0 ? { params: spec.params, serialize: [pathParams, queryParams, headerParams, cookieParams] } : {}),
    ...(spec.body ? { body: { mediaType: spec.body.mediaType, required: spec.body.required, encode: encoders[spec.body.kind] } } : {}),
    ...(accept ? { accept } : {}),
    ...(spec.validate ? { validate: spec.validate } : {}),
    responses: spec.responses.map(({ status, kind, validate }) => (validate ? { status, kind, validate } : { status, kind })),
    ...(spec.security ? { security: spec.security } : {}),
  };
}

/** The credential inputs of `config`: each credential as an apiKey-like input, each extra secret as an unused one. */
function credentialInputs(config: TransportConfig): CredentialInput[] {
  const inputs: CredentialInput[] = [];
  for (const [scheme, credential] of Object.entries(config.credentials)) {
    if (!credential) continue;
    const token = /^Bearer (.+)$/.exec(credential.value);
    inputs.push({
      option: scheme,
      scheme,
      in: credential.in,
      name: credential.name,
      required: true,
      ...(token ? { format: bearer, value: token[1] } : { value: credential.value }),
      // as generated code describes query and cookie credentials
      ...(credential.in === 'header' ? {} : { encode: encodeStrict }),
    });
  }
  (config.secrets ?? []).forEach((secret, i) =>
    inputs.push({ option: `secret${i}`, scheme: `(secret ${i})`, in: 'query', name: 's', required: false, value: secret, encode: encodeStrict }),
  );
  return inputs;
}

/** A transport: one core, and `call` with a test-form spec. */
export function createTransport(config: TransportConfig): {
  call(spec: OperationSpec, args: RequestArgs, options?: CallOptions): Promise<unknown>;
} {
  const { credentials: _credentials, secrets: _secrets, ...settings } = config;
  const core = makeCore(settings, config.baseUrl, credentialInputs(config));
  const specs = new Map<OperationSpec, WireOperationSpec>();
  return {
    call: (spec, args, options) => {
      let wire = specs.get(spec);
      if (!wire) specs.set(spec, (wire = toOperationSpec(spec)));
      return call(core, wire, args, options);
    },
  };
}
