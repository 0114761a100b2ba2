/**
 * An overlay: a hand-written rule the spec cannot or does not state, applied to the generated files on every run.
 * It is data: what it expects of the spec (checked first) and a list of edits, each aimed at a declaration by name.
 */

/** One thing an overlay assumes about the spec; `test` returns what was found when the assumption does not hold. */
export interface SpecExpectation {
  /** where in the spec, as a JSON pointer built with `ptr()` */
  pointer: string;
  /** what must be there, in words, spec keywords in backticks: "`anyOf: [string(uuid), null]`" */
  expected: string;
  /** `undefined` when the node at `pointer` (`undefined` if absent) is as expected; else what is there instead */
  test(node: unknown): string | undefined;
}

/** A named declaration to add: `text` is its full source, JSDoc included. */
export interface NamedText {
  name: string;
  text: string;
}

/** Replaces a top-level declaration (type alias, interface, function, variable) with `text`. */
export interface ReplaceDeclarationEdit {
  kind: 'replace-declaration';
  file: string;
  name: string;
  text: string;
}

/** Adds top-level declarations after the one named `after`, in order. */
export interface AddDeclarationsEdit {
  kind: 'add-declarations';
  file: string;
  after: string;
  declarations: readonly NamedText[];
}

/** Keeps function `name` under the unexported name `renameTo` and puts `text` (a new `name`) after it. */
export interface WrapFunctionEdit {
  kind: 'wrap-function';
  file: string;
  name: string;
  renameTo: string;
  text: string;
}

/** Sets the type of a property nested in an interface: `path` = [interface, property, property, ...]. */
export interface SetPropertyTypeEdit {
  kind: 'set-property-type';
  file: string;
  path: readonly string[];
  type: string;
}

/** Adds members to interface `name` after member `after`. */
export interface AddMembersEdit {
  kind: 'add-members';
  file: string;
  interface: string;
  after: string;
  members: readonly NamedText[];
}

/** Adds properties to the object literal that initialises `const variable` inside function `function`. */
export interface AddPropertiesEdit {
  kind: 'add-properties';
  file: string;
  function: string;
  variable: string;
  after: string;
  properties: readonly NamedText[];
}

/** Adds named imports to the existing import of module `from`; `type X` imports a type only. */
export interface AddImportsEdit {
  kind: 'add-imports';
  file: string;
  from: string;
  names: readonly string[];
}

/** Appends a paragraph to the JSDoc of member `member` of interface `interface`. */
export interface AppendDocEdit {
  kind: 'append-doc';
  file: string;
  interface: string;
  member: string;
  text: string;
}

/**
 * Lists methods an overlay added (`names`, members of `Client` already) in every `byTag` group that lists method
 * `beside`, in the `Client` interface and in the object `createClient` returns, so they are discoverable by tag too.
 */
export interface AddToTagGroupsEdit {
  kind: 'add-to-tag-groups';
  file: string;
  beside: string;
  names: readonly string[];
}

/** The operations an overlay may perform; each names its target, and a missing target is an issue. */
export type OverlayEdit =
  | ReplaceDeclarationEdit
  | AddDeclarationsEdit
  | WrapFunctionEdit
  | SetPropertyTypeEdit
  | AddMembersEdit
  | AddPropertiesEdit
  | AddImportsEdit
  | AppendDocEdit
  | AddToTagGroupsEdit;

/** A hand-written overlay (one file in src/overlays/, listed in src/config.ts). */
export interface Overlay {
  /** kebab-case; used in messages, in `--overlays`, and in the `// overlay: <name>` marker on what it adds */
  name: string;
  /** one line: the rule it adds and why the spec does not state it */
  summary: string;
  /** where issues about the overlay as a whole point (its main schema) */
  anchor: string;
  expectations: readonly SpecExpectation[];
  edits: readonly OverlayEdit[];
  /** what the overlay adds to the generated package's README, under "What overlays add" */
  readme?: OverlayReadme;
}

/**
 * An overlay's section of the generated README. Its Markdown and code are written for the README as they are (they
 * hold no spec text); every TypeScript block is compiled against the package in the docs test like the rest.
 */
export interface OverlayReadme {
  /** the section's heading */
  title: string;
  /** the section, in order */
  blocks: readonly OverlayReadmeBlock[];
  /**
   * The example arguments of client methods whose argument types the overlay narrows (a TypeScript expression, by
   * method name): the example the README would build from the spec's schema alone might not compile any more.
   */
  exampleArgs?: Readonly<Record<string, string>>;
}

/**
 * A paragraph, list or table of Markdown; or a TypeScript example. An example's `imports` are names the package
 * exports (`type X` for a type); with `client: true` it starts with a client made with the README's example
 * credentials (`const client = createClient({ ... })`), and `createClient` is imported for it.
 */
export type OverlayReadmeBlock =
  | { markdown: string }
  | { typescript: string; imports: readonly string[]; client?: boolean };
