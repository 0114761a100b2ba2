/**
 * The second verdict on a change: what it does to clients already deployed, generated from the old spec and talking
 * to the new API unchanged. The code verdict (classify-change.ts) asks whether code still compiles and behaves
 * against the regenerated package; this one asks whether the old package keeps working. The two differ where a change
 * touches only names and types (a renamed method: a deployed client never sees the new name), where it moves the wire
 * (a moved operation: regenerated code is fine, a deployed client calls the old path), and where a response gains
 * something the client's default response policy tolerates (a new enum value: an exhaustive `switch` stops compiling
 * on upgrade, while a deployed client resolves the response and reports the deviation).
 *
 * For responses the question is what a deployed client's validator makes of a response valid under the new spec: no
 * error at all (the new responses are among the old ones), or errors of one type. Whether the client tolerates that
 * type is read from the runtime's own table (`COMPATIBLE_DEVIATIONS`), never restated here: the report and the
 * client cannot disagree. test/response-policy/report-agrees-with-client.test.ts serves such responses to a
 * generated client to hold the two together.
 */
import { COMPATIBLE_DEVIATIONS } from '../runtime/response-policy.js';
import { breaking, classifyChange, combineSides, compatible, type ClassifyInput } from './classify-change.js';
import type { ChangeKind, Direction, Verdict } from './types.js';

/**
 * The runtime's table of tolerated validator error types, each with the change kind a newer API makes it with. Typed
 * here so that a kind the runtime names but the report does not know fails to compile.
 */
export const TOLERATED_DEVIATIONS: Readonly<Record<string, ChangeKind>> = COMPATIBLE_DEVIATIONS;

/** Stands for the type errors a value of a wider type gets from the old validator (`"5"` where an integer was promised). */
export const TYPE_ERROR = 'type error';
const TYPE_ERROR_TYPES = ['string_type', 'int_type', 'int_from_float', 'float_type', 'bool_type', 'none_required', 'list_type', 'dict_type'];

/** What a deployed client's validator reports for a response valid under the new spec: nothing, or errors of `type`. */
type ResponseEffect = { type: undefined; what: string } | { type: string; what: string };

const none = (what: string): ResponseEffect => ({ type: undefined, what });
const deviates = (type: string, what: string): ResponseEffect => ({ type, what });

/** `undefined`: a deployed client fares as the code verdict says (requests, servers, security, ...). */
type Rule = (input: ClassifyInput) => Verdict | ResponseEffect | undefined;

const onResponse = (effect: (i: ClassifyInput) => ResponseEffect): Rule => (i) =>
  i.direction === 'response' ? effect(i) : undefined;

const wireUnchanged = (why: string): Rule => () => compatible(`the wire is unchanged: ${why}`);

const RULES: Record<ChangeKind, Rule> = {
  'operation-added': () => undefined,
  'operation-removed': () => undefined,
  'operation-renamed': wireUnchanged('a deployed client calls the same method and path under its old name'),
  'operation-moved': () =>
    breaking('a deployed client still calls the old method and path, which the API no longer serves'),
  'operation-id-changed': () => undefined,
  'operation-deprecated': () => undefined,
  'operation-undeprecated': () => undefined,
  'tags-changed': () => undefined,
  'param-added': () => undefined,
  'param-removed': () => undefined,
  'param-required': () => undefined,
  'param-optional': () => undefined,
  'request-body-added': () => undefined,
  'request-body-removed': () => undefined,
  'request-body-required': () => undefined,
  'request-body-optional': () => undefined,
  'media-type-added': () => undefined,
  'media-type-removed': () => undefined,
  'response-added': () => undefined,
  'response-removed': (i) =>
    i.success ? compatible('the server no longer answers with this status; nothing a deployed client receives changes') : undefined,
  'field-added': onResponse(() =>
    deviates('extra_forbidden', 'a new property: no deviation on an open object, `extra_forbidden` on one closed with `additionalProperties: false`'),
  ),
  'field-removed': onResponse((i) =>
    i.required ? deviates('missing', 'the field no longer arrives, and the old spec requires it') : none('the field no longer arrives; the old spec did not require it'),
  ),
  'field-required': onResponse(() => none('the field now always arrives')),
  'field-optional': onResponse(() => deviates('missing', 'the field may be absent, and the old spec requires it')),
  'field-nullable': onResponse(() => deviates(TYPE_ERROR, '`null` may arrive where the old spec promised a value')),
  'field-non-nullable': onResponse(() => none('`null` no longer arrives')),
  'field-deprecated': () => undefined,
  'field-read-only-changed': onResponse((i) => {
    const { before, after } = i.markers ?? { before: 'read-write', after: 'read-write' };
    if (before === 'writeOnly' && after !== 'writeOnly') return deviates('write_only', 'the field, `writeOnly` before, now arrives in responses');
    if (after === 'writeOnly' && before !== 'writeOnly') {
      return i.required
        ? deviates('missing', 'the field is `writeOnly` now, so it no longer arrives, and the old spec requires it')
        : none('the field is `writeOnly` now, so it no longer arrives; the old spec did not require it');
    }
    return none('a `readOnly` marker says nothing about responses');
  }),
  'type-changed': onResponse((i) =>
    i.relation === 'narrowed' ? none('every value that arrives fits the old type') : deviates(TYPE_ERROR, 'values of the new type may arrive'),
  ),
  'enum-value-added': onResponse((i) =>
    i.sameJsonType === false
      ? deviates(TYPE_ERROR, 'the new value has a JSON type the old list does not have')
      : deviates('enum', 'the new value may arrive'),
  ),
  'enum-value-removed': onResponse(() => none('the value no longer arrives')),
  'enum-constraint-added': onResponse(() => none('only listed values arrive, and they all fit the old type')),
  'enum-constraint-removed': onResponse(() => deviates('enum', 'values outside the old list may arrive')),
  'variant-added': onResponse(() => deviates('union_tag_invalid', 'a variant with a tag the old spec does not list may arrive')),
  'variant-removed': onResponse(() => none('the variant no longer arrives')),
  'schema-added': () => undefined,
  'schema-removed': wireUnchanged('a type name only; what changed for the operations that used it is reported with them'),
  'server-changed': () => undefined,
  'server-added': () => undefined,
  'server-removed': () => undefined,
  'security-changed': () => undefined,
  'security-scheme-added': () => undefined,
  'security-scheme-changed': () => undefined,
  'security-scheme-removed': () => undefined,
};

/** Whether a deployed client's default response policy resolves a response whose errors all have `type`. */
export function isTolerated(type: string): boolean {
  const has = (t: string): boolean => Object.prototype.hasOwnProperty.call(TOLERATED_DEVIATIONS, t);
  return type === TYPE_ERROR ? TYPE_ERROR_TYPES.some(has) : has(type);
}

/**
 * The validator error type a deployed client reports for a response valid under the new spec (`TYPE_ERROR` for any
 * type error); `undefined` when it reports none.
 */
export function responseDeviation(input: ClassifyInput): string | undefined {
  const effect = RULES[input.kind]({ ...input, direction: 'response' });
  return effect && 'what' in effect ? effect.type : undefined;
}

function verdictOf(effect: ResponseEffect): Verdict {
  if (effect.type === undefined) return compatible(`${effect.what}: no response deviates from the old spec`);
  if (isTolerated(effect.type)) {
    return compatible(
      `${effect.what}: a deployed client resolves such a response with the value as received and reports the \`${effect.type}\` deviation to \`hooks.onResponseDeviation\``,
    );
  }
  const error = effect.type === TYPE_ERROR ? 'a type error' : `\`${effect.type}\``;
  return breaking(`${effect.what}: a deployed client rejects such a response (\`response_validation\`, ${error})`);
}

/** The verdict for clients already deployed, on one side of the wire. */
export function classifyDeployed(input: ClassifyInput): Verdict {
  const outcome = RULES[input.kind](input);
  if (outcome === undefined) return classifyChange(input);
  return 'what' in outcome ? verdictOf(outcome) : outcome;
}

/** The deployed verdict on a change that travels in `directions`; breaking if it breaks on any side. */
export function classifyDeployedShared(input: Omit<ClassifyInput, 'direction'>, directions: readonly Direction[]): Verdict {
  return combineSides(input, directions, classifyDeployed);
}
