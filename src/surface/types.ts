/**
 * The API surface: a normalised, JSON-serialisable snapshot of what client code can see in a spec, and the
 * changes between two of them. Written to `generated/api-surface.json` so that spec updates diff locally.
 */

/**
 * Bumped when the snapshot's shape or what it records changes, so an old snapshot can be recognised instead of
 * misread (2: the credential an `Authorization` header parameter stands for is recorded as a scheme).
 */
export const SURFACE_FORMAT = 2;

/** One schema position flattened to a path: `customer_id`, `detail[].msg`, `tags[]`, `metadata{}`. */
export interface FieldSurface {
  /** normalised type: `string`, `integer`, `string(uuid)`, `array<string>`, `array<ValidationError>`, `A|B`, `unknown` */
  type: string;
  required: boolean;
  nullable: boolean;
  /** allowed values, sorted; present only when the schema constrains them (`enum` / `const`) */
  enum?: Array<string | number | boolean | null>;
  readOnly?: true;
  writeOnly?: true;
  deprecated?: true;
  /** present only for a discriminated union (see `DiscriminatorSurface`) */
  discriminator?: DiscriminatorSurface;
}

/**
 * A discriminated union as the validators dispatch on it (`oneOf`/`anyOf` of `$ref`s with a `discriminator`): the tag
 * property and the variant each tag value selects. A tag the list lacks is a variant a newer version added.
 */
export interface DiscriminatorSurface {
  property: string;
  /** tag value → the variant's type (a component name), sorted by tag */
  variants: Record<string, string>;
}

/** The shape at one root (a body, a component schema): the root's own type plus its flattened fields. */
export interface ShapeSurface {
  type: string;
  nullable: boolean;
  enum?: Array<string | number | boolean | null>;
  /** present only when the root is a discriminated union */
  discriminator?: DiscriminatorSurface;
  /** keyed by field path; nested objects use `.`, array items `[]`, map values `{}` */
  fields: Record<string, FieldSurface>;
}

/** A parameter the client passes (query, path, header, cookie). */
export interface ParameterSurface {
  name: string;
  in: string;
  required: boolean;
  type: string;
  nullable: boolean;
  enum?: Array<string | number | boolean | null>;
  deprecated?: true;
}

/** A request body: whether it must be sent, in which media types, and its shape (of the preferred JSON media type). */
export interface RequestBodySurface extends ShapeSurface {
  required: boolean;
  media: string[];
}

/** One response status: its media types and the shape of the preferred one (`type: "none"` when it has no body). */
export interface ResponseSurface extends ShapeSurface {
  media: string[];
}

/** Everything about one operation a caller can see, keyed in `ApiSurface.operations` by `"POST /customers/session"`. */
export interface OperationSurface {
  /** the generated client method name */
  method: string;
  operationId?: string;
  tags: string[];
  deprecated: boolean;
  /** operation-level `security` override, as normalised requirement alternatives; absent = global security applies */
  security?: string[];
  /** keyed `"<in>:<name>"`, e.g. `"query:limit"` */
  parameters: Record<string, ParameterSurface>;
  requestBody?: RequestBodySurface;
  /** keyed by status code (`"200"`, `"4XX"`, `"default"`) */
  responses: Record<string, ResponseSurface>;
}

/** The whole snapshot. Keys are sorted at every level, so two extractions of equivalent specs serialise identically. */
export interface ApiSurface {
  format: number;
  /** server URLs in spec order; the first is the client's default base URL */
  servers: string[];
  /** scheme name → a one-line description of what the client must send, e.g. `apiKey header x-api-key` */
  securitySchemes: Record<string, string>;
  /** global security requirement alternatives, each `A+B` (all of them at once), sorted */
  security: string[];
  operations: Record<string, OperationSurface>;
  /** component schemas by name; operation shapes refer to them by name instead of inlining them */
  schemas: Record<string, ShapeSurface>;
}

/** Which side of the wire a change affects; it decides whether a change breaks client code. */
export type Direction = 'request' | 'response';

/** Where a change is. `schema` = inside a component schema (see `component`, `usedIn`, `operations`). */
export type ChangeLocation =
  | 'operation'
  | 'parameter'
  | 'request'
  | 'response'
  | 'schema'
  | 'server'
  | 'security';

/** Stable, kebab-case change kinds. */
export type ChangeKind =
  | 'operation-added'
  | 'operation-removed'
  | 'operation-renamed'
  | 'operation-moved'
  | 'operation-id-changed'
  | 'operation-deprecated'
  | 'operation-undeprecated'
  | 'tags-changed'
  | 'param-added'
  | 'param-removed'
  | 'param-required'
  | 'param-optional'
  | 'request-body-added'
  | 'request-body-removed'
  | 'request-body-required'
  | 'request-body-optional'
  | 'media-type-added'
  | 'media-type-removed'
  | 'response-added'
  | 'response-removed'
  | 'field-added'
  | 'field-removed'
  | 'field-required'
  | 'field-optional'
  | 'field-nullable'
  | 'field-non-nullable'
  | 'field-deprecated'
  | 'field-read-only-changed'
  | 'type-changed'
  | 'enum-value-added'
  | 'enum-value-removed'
  | 'enum-constraint-added'
  | 'enum-constraint-removed'
  | 'variant-added'
  | 'variant-removed'
  | 'schema-added'
  | 'schema-removed'
  | 'server-changed'
  | 'server-added'
  | 'server-removed'
  | 'security-changed'
  | 'security-scheme-added'
  | 'security-scheme-removed'
  | 'security-scheme-changed';

/** A verdict on a change and the reason for it, written for the reviewer of the PR. */
export interface Verdict {
  severity: 'breaking' | 'compatible';
  why: string;
}

/**
 * One difference between two surfaces, classified from the client user's side: `severity` for code built against the
 * new package, `deployed` for clients already deployed (built from the old spec) that meet the new API.
 */
export interface SurfaceChange {
  kind: ChangeKind;
  /** for code using the regenerated client: does it still compile and behave? */
  severity: 'breaking' | 'compatible';
  location: ChangeLocation;
  /** operation key (`"POST /customers/session"`) for changes inside one operation */
  operation?: string;
  /** response status (`"200"`, `"default"`) for changes inside a response */
  status?: string;
  /** component schema name for changes inside a shared schema */
  component?: string;
  /** for `schema` changes: the operations that use the schema, directly or through other schemas */
  operations?: string[];
  /** for `schema` changes: the directions the schema travels in */
  usedIn?: Direction[];
  /** what changed inside the location: a field path, `query:limit`, a status code, a media type; `''` for the whole thing */
  path: string;
  before?: string;
  after?: string;
  /** what changed, one sentence */
  message: string;
  /** why it is breaking or compatible for code using the client */
  why: string;
  /**
   * present only where clients already deployed (generated from the old spec, talking to the new API) fare otherwise
   * than `severity` says: e.g. a new enum value in a response breaks an exhaustive `switch` on upgrade, while a
   * deployed client resolves such a response and reports the deviation
   */
  deployed?: Verdict;
}

/** The report in its JSON form. */
export interface SurfaceReport {
  bump: Bump;
  breaking: number;
  compatible: number;
  /** changes that break clients already deployed (their `deployed` verdict where present, else `severity`) */
  deployedBreaking: number;
  changes: SurfaceChange[];
}

/** A semver bump. */
export type Bump = 'major' | 'minor' | 'patch';

/** What the extractor needs from the integrator: the client method name of an operation. */
export interface ExtractOptions {
  methodName(op: { method: string; path: string; operationId?: string }): string;
}
