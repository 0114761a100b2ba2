/**
 * Every disagreement the contract test expects on the committed specs (test/contract/specs/), each triaged: a
 * limit of Prism 5.14.2 (with the evidence), or an open finding of ours that another part of the project owns.
 * The test holds the list exact both ways: a new disagreement fails it, and so does one that went away (then
 * delete its entry here and in RESULTS.md).
 */

export interface KnownDisagreement {
  /** file name under test/contract/specs/ */
  spec: string;
  operation: string;
  /** `required`, `full` or `required+full` (see sample-args.ts) */
  variant: string;
  /** the Prism modes it happens in */
  modes: ReadonlyArray<'static' | 'dynamic'>;
  /** the call's reason must match this */
  reason: RegExp;
  triage: 'prism' | 'ours (open finding)';
  evidence: string;
}

const PRISM_FORM_REPEATED_KEYS =
  'Prism reads a repeated form key as one value (validator/validators/body.js splitUriParams keeps the last), so an ' +
  'array sent as `topic=a&topic=b` (form style, explode: the default encoding of a form body, OpenAPI 3.1 §4.8.15) ' +
  'fails; stoplightio/prism#2473 (open), PR #2654 (open)';

const PRISM_SPACE_DELIMITED =
  'Prism splits a spaceDelimited query value on the literal text `%20` after URL-decoding it ' +
  "(validator/deserializers/index.js: createDelimitedDeserializerStyle('%20')), so `1%202` (OpenAPI 3.1 style " +
  'examples: `color=blue%20black%20brown`) reads as the one item `1 2`';

const PRISM_EXPLODED_OBJECT =
  'Prism builds an exploded form object from whatever query parameters match its properties, even when the optional ' +
  'parameter was not sent (validator/deserializers/style/form.js: `!(type === "object" && explode) && !values`), ' +
  'then checks its required properties: an absent optional object is reported as invalid';

const BOTH = ['static', 'dynamic'] as const;

export const KNOWN_DISAGREEMENTS: readonly KnownDisagreement[] = [
  { spec: 'mercure.local.json', operation: 'postWellKnownMercure', variant: 'full', modes: BOTH, reason: /body property topic must be array/, triage: 'prism', evidence: PRISM_FORM_REPEATED_KEYS },
  { spec: 'parameter-styles.json', operation: 'queryDelimited', variant: 'full', modes: BOTH, reason: /spaced\.0 must be integer/, triage: 'prism', evidence: PRISM_SPACE_DELIMITED },
  { spec: 'parameter-styles.json', operation: 'queryForm', variant: 'required', modes: BOTH, reason: /object must have required property/, triage: 'prism', evidence: PRISM_EXPLODED_OBJECT },
];
