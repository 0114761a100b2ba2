/**
 * The classification matrix: is a change breaking for code that uses the generated client? Decided from the
 * client user's side: what a caller sends (request, parameters) may only get looser, what it receives
 * (response) may only get tighter. Every verdict carries the reason, written for the reviewer of the PR.
 */
import type { TypeRelation } from './compare-types.js';
import type { ChangeKind, Direction, Verdict } from './types.js';

export type { Verdict } from './types.js';

/** How a field is marked: only received (`readOnly`), only sent (`writeOnly`), or both. */
export type Marker = 'readOnly' | 'writeOnly' | 'read-write';

/** What the matrix needs to know about one change. */
export interface ClassifyInput {
  kind: ChangeKind;
  /** the side of the wire; absent for operation-, server- and security-level changes */
  direction?: Direction;
  /** for additions: whether the new thing is required; for `field-removed` and `field-read-only-changed`: whether the field was */
  required?: boolean;
  /** for `type-changed` */
  relation?: TypeRelation;
  /** for responses added/removed: whether the status is a success (2XX) */
  success?: boolean;
  /** for `security-changed`: whether every old way to authenticate still works */
  superset?: boolean;
  /** for `enum-value-added`: whether the new value has the JSON type of some value listed before */
  sameJsonType?: boolean;
  /** for `field-read-only-changed` */
  markers?: { before: Marker; after: Marker };
}

export const breaking = (why: string): Verdict => ({ severity: 'breaking', why });
export const compatible = (why: string): Verdict => ({ severity: 'compatible', why });
const isRequest = (i: ClassifyInput): boolean => i.direction !== 'response';

type Rule = (input: ClassifyInput) => Verdict;

const RULES: Record<ChangeKind, Rule> = {
  'operation-added': () => compatible('a new method; existing calls are untouched'),
  'operation-removed': () => breaking('calls to this method no longer compile'),
  'operation-renamed': () => breaking('the client method has a new name; calls to the old name no longer compile'),
  'operation-moved': () => compatible('the client method keeps its name and signature; it now calls the new method/path'),
  'operation-id-changed': () => compatible('the client method name is unchanged'),
  'operation-deprecated': () => compatible('still callable; plan to migrate away'),
  'operation-undeprecated': () => compatible('no longer deprecated'),
  'tags-changed': () => compatible('tags only group documentation'),
  'param-added': (i) =>
    i.required
      ? breaking('a new required parameter: existing calls do not pass it, so they no longer compile and the server would reject them')
      : compatible('a new optional parameter: existing calls need not pass it'),
  'param-removed': () => breaking('calls that pass it no longer compile, and the server no longer reads it'),
  'param-required': () => breaking('calls that omit it no longer compile, and the server would reject them'),
  'param-optional': () => compatible('calls that pass it still work'),
  'request-body-added': (i) =>
    i.required
      ? breaking('existing calls send no body, so they no longer compile and the server would reject them')
      : compatible('the body is optional; existing calls need not send one'),
  'request-body-removed': () => breaking('calls that pass a body no longer compile'),
  'request-body-required': () => breaking('calls that send no body no longer compile, and the server would reject them'),
  'request-body-optional': () => compatible('calls that send a body still work'),
  'media-type-added': (i) =>
    isRequest(i)
      ? compatible('one more accepted content type; the one the client sends still works')
      : compatible('one more content type the server may answer with; the client still reads its preferred one'),
  'media-type-removed': (i) =>
    isRequest(i)
      ? breaking('the server no longer accepts this content type; calls sending it will be rejected')
      : compatible('the server answers with fewer content types; a change of the body the client reads is reported separately'),
  'response-added': (i) =>
    i.success
      ? breaking('a new success response: the result type gains a variant, and code that reads the old result without checking the status may fail')
      : compatible('a new error status; failed calls are reported as before'),
  'response-removed': (i) =>
    i.success
      ? breaking('code that reads this success result no longer compiles')
      : compatible('this error status is no longer documented; code handling it becomes dead code'),
  'field-added': (i) =>
    !isRequest(i)
      ? compatible('a new response field; code that does not read it is unaffected')
      : i.required
        ? breaking('a new required request field: existing calls do not set it, so they no longer compile and the server would reject them')
        : compatible('a new optional request field: existing calls need not set it'),
  'field-removed': (i) =>
    isRequest(i)
      ? breaking('calls that set it no longer compile (excess property), and the server no longer reads it')
      : breaking('code that reads it no longer compiles, or gets `undefined` at run time'),
  'field-required': (i) =>
    isRequest(i)
      ? breaking('calls that omit it no longer compile, and the server would reject them')
      : compatible('the field is now always present; code that handled its absence still works'),
  'field-optional': (i) =>
    isRequest(i)
      ? compatible('calls that set it still work')
      : breaking('the field may now be absent: code that reads it without an `undefined` check no longer compiles under strict null checks, and may fail at run time'),
  'field-nullable': (i) =>
    isRequest(i)
      ? compatible('`null` is now accepted as well; existing values still are')
      : breaking('the field may now be `null`: code that uses it without a null check no longer compiles under strict null checks, and may fail at run time'),
  'field-non-nullable': (i) =>
    isRequest(i)
      ? breaking('calls that send `null` no longer compile, and the server would reject them')
      : compatible('`null` no longer arrives; null checks become redundant'),
  'field-deprecated': () => compatible('still works; plan to stop using it'),
  'field-read-only-changed': classifyMarkerChange,
  'type-changed': classifyTypeChange,
  'enum-value-added': (i) =>
    isRequest(i)
      ? compatible('callers may send the new value; the values they send today stay valid')
      : breaking('a value the client code has never seen: an exhaustive `switch` (with a `never` check) no longer compiles, and code that assumes the known set meets an unexpected value at run time'),
  'enum-value-removed': (i) =>
    isRequest(i)
      ? breaking('calls that send this value no longer compile, and the server would reject them')
      : breaking('the value no longer arrives, but code that compares with it (`case` in a `switch`) no longer compiles (TS2678); remove the dead branch'),
  'enum-constraint-added': (i) =>
    isRequest(i)
      ? breaking('only the listed values are accepted now; calls sending any other value no longer compile')
      : compatible('only the listed values arrive now; they all fit the old type'),
  'enum-constraint-removed': (i) =>
    isRequest(i)
      ? compatible('any value of the type is accepted now, including the ones listed before')
      : breaking('values outside the old list may arrive: an exhaustive `switch` no longer compiles, and code assuming the old list may fail at run time'),
  'variant-added': (i) =>
    isRequest(i)
      ? compatible('callers may send the new variant; what they send today stays valid')
      : breaking('a variant the client code has never seen: an exhaustive `switch` on its tag (with a `never` check) no longer compiles, and code that assumes the known variants meets an unknown one at run time'),
  'variant-removed': (i) =>
    isRequest(i)
      ? breaking('calls that send this variant no longer compile, and the server would reject them')
      : breaking('the variant no longer arrives, but code that compares with its tag (`case` in a `switch`) no longer compiles (TS2678); remove the dead branch'),
  'schema-added': () => compatible('a new exported type'),
  'schema-removed': () => breaking('code that names this type (`components["schemas"][...]`) no longer compiles'),
  'server-changed': () => breaking("the client's default base URL changes: code relying on the default now talks to a different server"),
  'server-added': () => compatible('one more server to choose from; the default is unchanged'),
  'server-removed': () => breaking('clients configured to use this server must be reconfigured'),
  'security-changed': (i) =>
    i.superset
      ? compatible('every way to authenticate that worked still works')
      : breaking('clients must send different credentials; calls authenticated the old way will be rejected'),
  'security-scheme-added': () => compatible('a new way to authenticate; requirements that use it are reported separately'),
  'security-scheme-removed': () => breaking('the client option for these credentials disappears; code that sets it no longer compiles'),
  'security-scheme-changed': () => breaking('the client must send these credentials differently (another header, parameter or scheme)'),
};

function classifyTypeChange(i: ClassifyInput): Verdict {
  const relation = i.relation ?? 'incompatible';
  if (relation === 'incompatible' || relation === 'same') {
    return breaking('the new type is unrelated to the old one: code written for the old type no longer compiles');
  }
  if (isRequest(i)) {
    return relation === 'widened'
      ? compatible('the type got wider: every value callers send today is still accepted')
      : breaking('the type got narrower: some values callers send today no longer compile and would be rejected');
  }
  return relation === 'narrowed'
    ? compatible('the type got narrower: every value that arrives still fits the type code was written for')
    : breaking('the type got wider: values may arrive that code written for the old type does not handle, and assignments to the old type no longer compile');
}

/**
 * Request types leave `readOnly` fields out and response types `writeOnly` ones (openapi-typescript's `Writable` /
 * `Readable`), so a marker moves a field out of, or into, the types of one side.
 */
function classifyMarkerChange(i: ClassifyInput): Verdict {
  const { before, after } = i.markers ?? { before: 'read-write', after: 'read-write' };
  if (isRequest(i) && after === 'readOnly') {
    return breaking('the field is now `readOnly`: request types leave it out, so calls that set it no longer compile, and the server ignores it');
  }
  if (!isRequest(i) && after === 'writeOnly') {
    return breaking('the field is now `writeOnly`: response types leave it out, so code that reads it no longer compiles, and the server stops sending it');
  }
  const side = isRequest(i) ? 'requests' : 'responses';
  return (isRequest(i) ? before === 'readOnly' : before === 'writeOnly')
    ? compatible(`the field now travels in ${side} too; code that did without it is unaffected`)
    : compatible(`a \`readOnly\`/\`writeOnly\` marker only; the shape of ${side} is unchanged`);
}

/** Classifies one change on one side of the wire. */
export function classifyChange(input: ClassifyInput): Verdict {
  return RULES[input.kind](input);
}

/**
 * Classifies a change to a shared schema that travels in `directions`: breaking if breaking on any side,
 * and the reason names the side when the sides disagree.
 */
export function classifyShared(input: Omit<ClassifyInput, 'direction'>, directions: readonly Direction[]): Verdict {
  return combineSides(input, directions, classifyChange);
}

/** Judges `input` on each side with `classify`: breaking if breaking on any side; the reason names the side where they disagree. */
export function combineSides(
  input: Omit<ClassifyInput, 'direction'>,
  directions: readonly Direction[],
  classify: (input: ClassifyInput) => Verdict,
): Verdict {
  const verdicts = directions.map((direction) => ({ direction, ...classify({ ...input, direction }) }));
  const [first, second] = verdicts;
  if (!first) return classify(input);
  if (!second || (first.severity === second.severity && first.why === second.why)) return { severity: first.severity, why: first.why };
  const severity = verdicts.some((v) => v.severity === 'breaking') ? 'breaking' : 'compatible';
  return { severity, why: verdicts.map((v) => `in ${v.direction}s: ${v.why}`).join('; ') };
}
