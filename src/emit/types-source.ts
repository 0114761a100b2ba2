import type { OpenAPITSOptions } from 'openapi-typescript';
import type { Issue } from '../issue.js';
import type { TypesSource } from './types.js';
import { dropMappings, findDanglingMappings } from '../model/dangling-mappings.js';
import { narrowDiscriminatedBranches } from '../model/discriminated-branches.js';
import { dropHiddenParameters } from '../model/hidden-parameters.js';
import { inlineUntypeableRefs } from '../model/inline-refs.js';
import { rewriteSchemaKeywords } from '../model/keywords-for-types.js';
import { dropObjectEnums, findObjectEnums } from '../model/object-enums.js';
import { walkSchemas } from '../model/walk-schemas.js';
import { isMisprintedTuple, markTuples, printTuples } from './open-tuples.js';
import { noteOpenResponseValues } from './open-value-notes.js';
import { choosePrefix } from './print-markers.js';
import { findArrayCycles, hoistCyclicSchemas, wrapCyclicSchemas } from './recursive-aliases.js';
import { printTypes, transformTypes } from './render-types.js';
import { shieldNames } from './shield-names.js';

/**
 * openapi-typescript's part of `src/types.ts` (`paths`, `components`, `operations`, …) for a loaded document, and the
 * warnings about what it had to leave out. The document is never changed: openapi-typescript gets a private copy
 * in which unsafe names are shielded, parameters the client does not expose dropped, untypeable refs inlined, object
 * enums and dangling discriminator mappings dropped, response fields that can carry a value their type does not list
 * noted (open-value-notes.ts), discriminated unions' branches narrowed to their tags (instead of the components they
 * name), keywords it
 * misreads rewritten, and tuples and array-recursive schemas marked for the post-pass that prints what it cannot
 * (see open-tuples.ts, recursive-aliases.ts). Runs in process or in the emit worker; the two give the same text.
 */
export function renderTypesSource(document: unknown, options: OpenAPITSOptions): TypesSource {
  return printTypesSource(prepareTypesSource(document), options);
}

/**
 * The second step of `renderTypesSource`: openapi-typescript's text of a prepared copy, which it uses up.
 * `collectGarbage` runs once the tree is printed (the types worker's: the thread's heap is then at its largest and
 * mostly garbage, while the main thread's is large too).
 */
export function printTypesSource(prepared: PreparedTypes, options: OpenAPITSOptions, collectGarbage: () => void = () => undefined): TypesSource {
  // the copy is let go of as soon as openapi-typescript has made its tree from it, and the tree statement by
  // statement as it is printed: on GitHub's spec the copy is ~20 MB, the tree ~75 MB
  const printed = renderMarked(prepared, options, collectGarbage);
  return { source: prepared.restore(printed), issues: prepared.issues };
}

/** The private copy openapi-typescript gets, and what printing it and reading its output need. */
export interface PreparedTypes {
  copy?: Record<string, unknown>;
  restore(source: string): string;
  issues: Issue[];
  /** misprinted tuples (nodes of the copy), marked before rendering */
  tuples: Array<Record<string, unknown>>;
  realNames: ReadonlySet<string>;
}

/**
 * The first step of `renderTypesSource`: openapi-typescript's private copy of the document, made ready for it. It
 * needs only the document: the types worker makes it while the main thread works out the options.
 */
export function prepareTypesSource(document: unknown): PreparedTypes {
  const dangling = findDanglingMappings(document);
  const objectEnums = findObjectEnums(document);
  // shieldNames always returns a private copy, so it can be edited in place from here on
  const shielded = shieldNames(document);
  const copy = shielded.document as Record<string, unknown>;
  // the parameters the client ignores or fills from a credential are not in the types either
  dropHiddenParameters(copy);
  inlineUntypeableRefs(copy);
  if (objectEnums.paths.length > 0) dropObjectEnums(copy);
  // issues point into the real document; the mappings to drop are located in the copy
  dropMappings(copy, findDanglingMappings(copy).mappings);
  // while the discriminators are still there: response fields that can carry an unlisted value or variant say so
  noteOpenResponseValues(copy);
  // after the dangling mappings are gone: a discriminated union's branches are narrowed to the tags that pick them
  narrowDiscriminatedBranches(copy);
  // one walk of the copy (GitHub's is ~60 ms a walk): keywords it misreads are rewritten, misprinted tuples found
  const tuples: Array<Record<string, unknown>> = [];
  const refSiblingsApply = typeof copy.openapi === 'string' && copy.openapi.startsWith('3.1');
  walkSchemas(copy, (node) => {
    rewriteSchemaKeywords(node, refSiblingsApply);
    if (isMisprintedTuple(node)) tuples.push(node);
  });
  return { copy, restore: shielded.restore, issues: [...dangling.issues, ...objectEnums.issues], tuples, realNames: realSchemaNames(document) };
}

/** Renders the copy, with tuples and array-recursive schemas marked first and their markers printed after. */
function renderMarked(prepared: PreparedTypes, options: OpenAPITSOptions, collectGarbage: () => void): string {
  const marked = markCopy(prepared);
  if (!marked) return printReleasing(prepared, options, collectGarbage);
  const { cycles, prefix } = marked;
  return hoistCyclicSchemas(printTuples(printReleasing(prepared, options, collectGarbage), prefix), cycles, prefix, prepared.realNames);
}

/** Marks the copy's tuples and array-recursive schemas for the post-pass; undefined when it has none. */
function markCopy(prepared: PreparedTypes): { cycles: string[]; prefix: string } | undefined {
  const copy = prepared.copy!;
  const cycles = findArrayCycles(copy);
  if (prepared.tuples.length === 0 && cycles.length === 0) return undefined;
  const prefix = choosePrefix(copy, 'zcMark');
  markTuples(prepared.tuples, prefix);
  // nodes of the copy: not kept past marking
  prepared.tuples = [];
  // after the tuples: the frame of a cyclic schema is a tuple, which must stay as it is
  wrapCyclicSchemas(copy, cycles, prefix);
  return { cycles, prefix };
}

/**
 * openapi-typescript's tree of the copy, printed with the copy released (it is garbage once the tree is made), and
 * then `collectGarbage` run: the tree is garbage too by then.
 */
function printReleasing(prepared: PreparedTypes, options: OpenAPITSOptions, collectGarbage: () => void): string {
  const tree = transformTypes(prepared.copy!, options);
  delete prepared.copy;
  const printed = printTypes(tree);
  collectGarbage();
  return printed;
}

function realSchemaNames(document: unknown): Set<string> {
  const schemas = (document as { components?: { schemas?: unknown } } | null)?.components?.schemas;
  return new Set(typeof schemas === 'object' && schemas !== null ? Object.keys(schemas) : []);
}
