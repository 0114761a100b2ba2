/**
 * Arguments and per-call options as a caller might pass them, good and hostile, each with what the contract says
 * becomes of it. Every case builds a fresh value per call (a proxy or a getter must not be shared between runs) and
 * prints as its label in fast-check's counterexamples.
 */
import fc from 'fast-check';

/** `valid`: sent; `invalid`: refused before sending (`request_validation`); `either`: the contract allows both. */
export type Validity = 'valid' | 'invalid' | 'either';

export interface Case<T = unknown> {
  label: string;
  validity: Validity;
  make(): T;
}

/** A case that prints as its label. */
export function labelled<T>(label: string, validity: Validity, make: () => T): Case<T> {
  return { label, validity, make, [fc.toStringMethod]: () => `${validity} ${label}` } as Case<T>;
}

/** A plain JSON value as a valid case (a fresh copy per call). */
export function plain(value: unknown, validity: Validity = 'valid'): Case {
  const text = JSON.stringify(value);
  return labelled(text.length > 120 ? `${text.slice(0, 120)}…` : text, validity, () => structuredClone(value));
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

function withNullPrototypes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withNullPrototypes);
  if (value === null || typeof value !== 'object') return value;
  const out = Object.create(null) as Record<string, unknown>;
  for (const [key, child] of Object.entries(value)) out[key] = withNullPrototypes(child);
  return out;
}

const THROWING_TRAPS: ProxyHandler<object> = Object.fromEntries(
  ['get', 'has', 'ownKeys', 'getOwnPropertyDescriptor', 'getPrototypeOf', 'set', 'defineProperty', 'deleteProperty'].map((trap) => [
    trap,
    () => {
      throw new Error(`proxy trap ${trap} refuses`);
    },
  ]),
);

/** The first key of `args` (path or body) replaced by a getter that throws. */
function withThrowingGetter(args: Record<string, unknown>): Record<string, unknown> {
  const out = { ...args };
  const key = Object.keys(out)[0] ?? 'body';
  Object.defineProperty(out, key, {
    enumerable: true,
    get() {
      throw new Error(`getter ${key} refuses`);
    },
  });
  return out;
}

/** Hostile variants of a valid argument object, whatever the operation: the client must survive each. */
export function hostileVariants(valid: Record<string, unknown>): Case[] {
  const copy = (): Record<string, unknown> => structuredClone(valid);
  return [
    labelled('deep-frozen valid arguments', 'valid', () => deepFreeze(copy())),
    labelled('valid arguments with null prototypes', 'either', () => withNullPrototypes(copy())),
    labelled('transparent proxy over valid arguments', 'either', () => new Proxy(copy(), {})),
    labelled('proxy whose every trap throws', 'invalid', () => new Proxy({}, THROWING_TRAPS)),
    labelled('argument getter that throws', 'invalid', () => withThrowingGetter(copy())),
    labelled('getter that throws inside a location', 'invalid', () => {
      const args = copy();
      const [key] = Object.keys(args);
      if (key !== undefined) args[key] = withThrowingGetter((args[key] as Record<string, unknown>) ?? {});
      return args;
    }),
    labelled('valid arguments with an unknown location holding a cycle', 'either', () => {
      const args: Record<string, unknown> = copy();
      args.extra = args;
      return args;
    }),
    labelled('valid arguments with a symbol key', 'either', () => ({ ...copy(), [Symbol('s')]: 1 })),
  ];
}

/** Arguments that are not an object at all; refused by any operation with a required parameter or body. */
export const WRONG_TYPE_ARGS: readonly Case[] = [
  labelled('null', 'invalid', () => null),
  labelled('undefined', 'invalid', () => undefined),
  labelled('{}', 'invalid', () => ({})),
  labelled('a number', 'invalid', () => 42),
  labelled('a string', 'invalid', () => 'args'),
  labelled('an array', 'invalid', () => []),
  labelled('a function', 'invalid', () => () => ({})),
  labelled('a BigInt', 'invalid', () => 10n),
];

/** The body of a JSON operation with `value` in place of one field. */
export function bodyWith(base: Record<string, unknown>, field: string, label: string, validity: Validity, value: () => unknown): Case {
  return labelled(`body.${field} = ${label}`, validity, () => ({ body: { ...structuredClone(base), [field]: value() } }));
}

/** A cyclic object: `{ self: <itself> }` plus `fields`. */
export function cyclic(fields: Record<string, unknown> = {}): Record<string, unknown> {
  const value: Record<string, unknown> = { ...fields };
  value.self = value;
  return value;
}

/** A sparse array: holes around `items`. */
export function sparse(...items: unknown[]): unknown[] {
  const out: unknown[] = [];
  out.length = 2 + items.length * 2;
  items.forEach((item, i) => {
    out[1 + i * 2] = item;
  });
  return out;
}

/** One fragment of a per-call options object; several valid ones may be merged into one object. */
export interface OptionsFragment {
  label: string;
  validity: Validity;
  make(): Record<string, unknown>;
}

function fragment(label: string, validity: Validity, make: () => Record<string, unknown>): OptionsFragment {
  return { label, validity, make, [fc.toStringMethod]: () => `${validity} ${label}` } as OptionsFragment;
}

/** The deadline the matrix uses for calls that end on it: short, so that a hanging server costs little. */
export const SHORT_DEADLINE_MS = 150;

/** Per-call options the contract accepts. */
export const VALID_OPTION_FRAGMENTS: readonly OptionsFragment[] = [
  fragment('{}', 'valid', () => ({})),
  fragment(`timeoutMs: ${SHORT_DEADLINE_MS}`, 'valid', () => ({ timeoutMs: SHORT_DEADLINE_MS })),
  fragment('retry: { maxRetries: 0 }', 'valid', () => ({ retry: { maxRetries: 0 } })),
  fragment('maxRetries: 1', 'valid', () => ({ maxRetries: 1 })),
  fragment('retry: { baseDelayMs: 1, maxDelayMs: 2 }', 'valid', () => ({ retry: { baseDelayMs: 1, maxDelayMs: 2 } })),
  fragment("redirect: 'error'", 'valid', () => ({ redirect: 'error' })),
  fragment("redirect: 'follow'", 'valid', () => ({ redirect: 'follow' })),
  fragment("redirect: 'follow-same-origin'", 'valid', () => ({ redirect: 'follow-same-origin' })),
  fragment('maxRedirects: 0', 'valid', () => ({ maxRedirects: 0 })),
  fragment('maxRedirects: 2', 'valid', () => ({ maxRedirects: 2 })),
  fragment("headers: { 'x-trace': 'trace-1' }", 'valid', () => ({ headers: { 'x-trace': 'trace-1' } })),
  fragment('validateResponses: false', 'valid', () => ({ validateResponses: false })),
  fragment("validateResponses: 'strict'", 'valid', () => ({ validateResponses: 'strict' })),
  fragment('validateResponses: true', 'valid', () => ({ validateResponses: true })),
  fragment('validateRequests: false', 'valid', () => ({ validateRequests: false })),
  fragment('a live AbortSignal', 'valid', () => ({ signal: new AbortController().signal })),
  fragment('an aborted AbortSignal', 'valid', () => ({ signal: AbortSignal.abort() })),
];

/** Per-call options the contract refuses with `request_validation`. */
export const INVALID_OPTION_FRAGMENTS: readonly OptionsFragment[] = [
  fragment('timeoutMs: NaN', 'invalid', () => ({ timeoutMs: Number.NaN })),
  fragment('timeoutMs: -1', 'invalid', () => ({ timeoutMs: -1 })),
  fragment("timeoutMs: '100'", 'invalid', () => ({ timeoutMs: '100' })),
  fragment('signal: {}', 'invalid', () => ({ signal: {} })),
  fragment("signal: 'stop'", 'invalid', () => ({ signal: 'stop' })),
  fragment('signal: { aborted: true } (not an AbortSignal)', 'invalid', () => ({ signal: { aborted: true, addEventListener() {} } })),
  fragment("retry: 'garbage'", 'invalid', () => ({ retry: 'garbage' })),
  fragment('retry: { maxRetries: -1 }', 'invalid', () => ({ retry: { maxRetries: -1 } })),
  fragment('retry: { baseDelayMs: NaN }', 'invalid', () => ({ retry: { baseDelayMs: Number.NaN } })),
  fragment("retry: { jitter: 'sometimes' }", 'invalid', () => ({ retry: { jitter: 'sometimes' } })),
  fragment('maxRetries: -2', 'invalid', () => ({ maxRetries: -2 })),
  fragment("redirect: 'sideways'", 'invalid', () => ({ redirect: 'sideways' })),
  fragment('maxRedirects: -1', 'invalid', () => ({ maxRedirects: -1 })),
  fragment('maxRedirects: NaN', 'invalid', () => ({ maxRedirects: Number.NaN })),
  fragment('headers with CR LF in a value', 'invalid', () => ({ headers: { 'x-trace': 'a\r\nx-admin: 1' } })),
  fragment('headers with a space in a name', 'invalid', () => ({ headers: { 'bad name': 'x' } })),
  fragment("headers: 'x-trace'", 'invalid', () => ({ headers: 'x-trace' })),
  fragment("validateResponses: 'maybe'", 'invalid', () => ({ validateResponses: 'maybe' })),
  fragment("validateRequests: 'yes'", 'invalid', () => ({ validateRequests: 'yes' })),
];

/** Options objects that cannot be merged with others: hostile themselves, or not objects at all. */
export const WHOLE_OPTIONS: readonly OptionsFragment[] = [
  fragment('options with a getter that throws', 'invalid', () => {
    const options = {};
    Object.defineProperty(options, 'timeoutMs', { enumerable: true, get: () => { throw new Error('getter refuses'); } });
    return options;
  }),
  fragment('options: a proxy whose every trap throws', 'invalid', () => new Proxy({}, THROWING_TRAPS)),
  fragment('options: null', 'either', () => null as unknown as Record<string, unknown>),
  fragment('options: 42', 'either', () => 42 as unknown as Record<string, unknown>),
  fragment("options: 'fast'", 'either', () => 'fast' as unknown as Record<string, unknown>),
  fragment('options: an unknown key', 'either', () => ({ unknownOption: true })),
  fragment('timeoutMs: 0', 'either', () => ({ timeoutMs: 0 })),
  // the contract does not say whether a retry count must be whole
  fragment('maxRetries: 1.5', 'either', () => ({ maxRetries: 1.5 })),
];

/** The per-call options of one call: none, one hostile object, or one to three merged fragments. */
export interface CallOptionsCase {
  label: string;
  validity: Validity;
  /** undefined: the call gets no options argument */
  make(): unknown;
}

/** Merges fragments into one options object; an invalid fragment goes last, so no valid one overrides it. */
function combine(unordered: readonly OptionsFragment[]): CallOptionsCase {
  const fragments = [...unordered.filter((f) => f.validity !== 'invalid'), ...unordered.filter((f) => f.validity === 'invalid')];
  const validity: Validity = fragments.some((f) => f.validity === 'invalid')
    ? 'invalid'
    : fragments.some((f) => f.validity === 'either')
      ? 'either'
      : 'valid';
  const label = `{ ${fragments.map((f) => f.label).join(', ')} }`;
  return {
    label,
    validity,
    make: () => Object.assign({}, ...fragments.map((f) => f.make())),
    [fc.toStringMethod]: () => `${validity} ${label}`,
  } as CallOptionsCase;
}

/** One concrete options object (a fresh one per call) as a call-options case. */
export function callOptions(label: string, validity: Validity, make: () => unknown): CallOptionsCase {
  return { label, validity, make, [fc.toStringMethod]: () => `${validity} ${label}` } as CallOptionsCase;
}

export const NO_OPTIONS: CallOptionsCase = {
  label: '(no options argument)',
  validity: 'valid',
  make: () => undefined,
  [fc.toStringMethod]: () => '(no options argument)',
} as CallOptionsCase;

/** Per-call options: absent, valid, invalid or hostile. */
export const callOptionsCase: fc.Arbitrary<CallOptionsCase> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(NO_OPTIONS) },
  { weight: 4, arbitrary: fc.array(fc.constantFrom(...VALID_OPTION_FRAGMENTS), { minLength: 1, maxLength: 3 }).map(combine) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...INVALID_OPTION_FRAGMENTS), fc.constantFrom(...VALID_OPTION_FRAGMENTS)).map((pair) => combine(pair)) },
  { weight: 1, arbitrary: fc.constantFrom(...WHOLE_OPTIONS).map((f) => ({ ...combine([f]), make: f.make })) },
);
