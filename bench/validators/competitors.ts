import { createRequire } from 'node:module';
import * as v from 'valibot';
import { valibotSchemas } from './valibot-schemas.js';
import { zodSchemas } from './zod-schemas.js';
import { SCHEMA_NAMES, type SchemaName } from './inputs.js';

const require = createRequire(import.meta.url);

/** The libraries compared, in table order; ajv is the baseline every ratio refers to. */
export const LIBS = ['ours', 'ajv', 'typia', 'zod', 'valibot'] as const;
/** A library, or `before`: a saved earlier module of ours timed in the same rounds (`--baseline-file`). */
export type Lib = (typeof LIBS)[number] | 'before';

/**
 * One validator as the bench calls it: `f` (and helper `g`) are handed to a generated loop whose body evaluates
 * `call` — a JS expression over `f`, `g`, `x` that is true when the input is accepted. No wrapper closure sits
 * between the loop and the library (a shared wrapper would make every library's call site polymorphic).
 */
export interface Contender {
  f: unknown;
  g?: unknown;
  call: string;
}

type Module = Record<string, unknown>;

/** typia's exported function for each schema (see typia-src/session-typia.ts). */
const TYPIA_NAME: Record<SchemaName, string> = {
  CreateSessionRequestSchema: 'validateRequest',
  CustomerSessionResponseSchema: 'validateResponse',
  HTTPValidationError: 'validate422',
};

/**
 * Every contender for every schema, from our generated module and typia's generated module (already imported), and
 * `before` from an earlier module of ours when one is given.
 */
export function loadContenders(ours: Module, typia: Module, doc: object, before?: Module): Record<SchemaName, Partial<Record<Lib, Contender>>> {
  const ajv = ajvChecks(doc, SCHEMA_NAMES);
  const out = {} as Record<SchemaName, Partial<Record<Lib, Contender>>>;
  for (const name of SCHEMA_NAMES) {
    out[name] = {
      ours: { f: need(ours, `validate${name}`), call: 'f(x).ok === true' },
      ...(before === undefined ? {} : { before: { f: need(before, `validate${name}`), call: 'f(x).ok === true' } }),
      ajv: { f: ajv[name], call: 'f(x) === true' },
      typia: { f: need(typia, TYPIA_NAME[name]), call: 'f(x).success === true' },
      zod: { f: zodSchemas[name], call: 'f.safeParse(x).success === true' },
      valibot: { f: valibotSchemas[name], g: v.safeParse, call: 'g(f, x).success === true' },
    };
  }
  return out;
}

function need(m: Module, name: string): unknown {
  if (typeof m[name] !== 'function') throw new Error(`generated module has no function ${name}`);
  return m[name];
}

/** ajv (Ajv2020 + ajv-formats, allErrors) compiled from the OpenAPI document's component schemas. */
function ajvChecks(doc: object, names: string[]): Record<string, unknown> {
  const Ajv2020 = (require('ajv/dist/2020.js') as { default: new (o: object) => { addSchema(s: object, k: string): void; getSchema(k: string): unknown } }).default;
  const addFormats = (require('ajv-formats') as { default: (a: unknown) => void }).default;
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  ajv.addSchema(doc, 'zenskar');
  return Object.fromEntries(names.map((n) => [n, ajv.getSchema(`zenskar#/components/schemas/${n}`)]));
}

/** A loop `(n) => accepted count` over one contender and input; compiled fresh so its call site sees one callee. */
export type Loop = (n: number) => number;

/** How many structurally equal copies of an input a loop cycles through. */
const COPIES = 16;

/**
 * Builds the timing loop for one (library, case). `new Function` with a label comment gives every pair its own
 * compiled loop and type feedback, as a hand-written benchmark per library would have. The loop cycles through
 * 16 `JSON.parse` copies of the input (same hidden class, as parsed request bodies have): with one constant input,
 * V8 peels the first iteration and hoists every property load out of the loop, and a small validator inlined
 * into it then costs nothing at all (typia measured 12 instructions per call that way: the bare loop).
 */
export function makeLoop(c: Contender, input: unknown, label: string): Loop {
  const copies = Array.from({ length: COPIES }, () => JSON.parse(JSON.stringify(input)) as unknown);
  const src = `/* ${label.replace(/\*\//g, '')} */
return function loop(n) {
  let c = 0;
  for (let i = 0; i < n; i++) {
    const x = xs[i & ${COPIES - 1}];
    if (${c.call}) c++;
  }
  return c;
};`;
  const build = new Function('f', 'g', 'xs', src) as (f: unknown, g: unknown, xs: unknown[]) => Loop;
  return build(c.f, c.g, copies);
}
