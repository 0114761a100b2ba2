/**
 * Arguments of one client call, sampled from the spec's schemas by json-schema-faker (the sampler Prism itself
 * uses for dynamic answers), seeded per operation so that every run sends the same requests.
 *
 * Two variants per operation: `required` (required parameters only; the body only when it is required, with only
 * its required properties) and `full` (every parameter, the body, every optional property).
 */
import { JSONSchemaFaker } from 'json-schema-faker';
import type { Operation, Param } from '../../src/model/types.js';
import { mulberry32 } from '../corpus/sample.js';

export type Variant = 'required' | 'full';

/** The client's first argument: parameters by location, and the body. */
export interface CallArgs {
  path?: Record<string, unknown>;
  query?: Record<string, unknown>;
  header?: Record<string, unknown>;
  cookie?: Record<string, unknown>;
  body?: unknown;
}

/** A 32-bit seed for one (operation, variant, attempt), derived from the run's seed (FNV-1a). */
export function callSeed(runSeed: number, ...parts: Array<string | number>): number {
  let hash = 0x811c9dc5 ^ runSeed;
  for (const char of parts.join('\u0000')) {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** One json-schema-faker sample of `schema`, resolving `#/components/...` refs against `document`. */
export function sampleSchema(document: Record<string, unknown>, schema: unknown, variant: Variant, seed: number): unknown {
  const full = variant === 'full';
  JSONSchemaFaker.option({
    random: mulberry32(seed),
    alwaysFakeOptionals: full,
    optionalsProbability: full ? 1 : 0,
    requiredOnly: !full,
    fixedProbabilities: true,
    // only what the schema lists: a sample that is easy to read in a report
    fillProperties: false,
    failOnInvalidTypes: false,
    failOnInvalidFormat: false,
    ignoreMissingRefs: true,
    useExamplesValue: false,
    useDefaultValue: false,
    maxItems: 3,
    refDepthMax: 3,
  });
  const root = {
    ...(typeof schema === 'object' && schema !== null ? structuredClone(schema) : { const: schema }),
    components: document.components,
    // Swagger-converted documents sometimes keep refs into `definitions`
    definitions: document.definitions,
  };
  return JSONSchemaFaker.generate(root as Parameters<typeof JSONSchemaFaker.generate>[0]);
}

/** The arguments of one call of `op` in `variant`. */
export function sampleArgs(document: Record<string, unknown>, op: Operation, variant: Variant, seed: number): CallArgs {
  const args: CallArgs = {};
  const params = op.params.filter((p) => variant === 'full' || p.required);
  params.forEach((param, i) => {
    const value = sampleSchema(document, param.schema, variant, callSeed(seed, 'param', i));
    const group = (args[param.in] ??= {});
    group[param.name] = value;
  });
  if (op.body && (variant === 'full' || op.body.required)) {
    args.body = bodyValue(op, sampleSchema(document, op.body.schema, variant, callSeed(seed, 'body')));
  }
  return args;
}

/** Binary bodies travel as text; the client sends strings as they are. */
function bodyValue(op: Operation, sample: unknown): unknown {
  if (op.body?.kind === 'binary' && typeof sample !== 'string') return JSON.stringify(sample ?? '');
  return sample;
}

/** Why a sampled argument cannot be sent by any client (so another sample is drawn), or undefined. */
export function unusableSample(op: Operation, args: CallArgs): string | undefined {
  for (const param of op.params.filter((p: Param) => p.in === 'path')) {
    const value = args.path?.[param.name];
    // an empty path segment cannot route to the operation
    if (value === '' || (Array.isArray(value) && value.length === 0)) return `path parameter \`${param.name}\` sampled empty`;
  }
  return undefined;
}
