import type { Issue } from '../../issue.js';
import { createRenderer, type TemplateRenderer } from '../templates.js';
import { buildValidatorsView, type ValidatorsView } from './build-view.js';
import type { CompileOptions, Dialect } from './context.js';

export type { ValidatorsView } from './build-view.js';
export type { CompileOptions, Dialect } from './context.js';
export { ASSERTED_FORMATS } from './formats.js';

/** One exported validator of the generated `validators.ts`. */
export interface ValidatorEntry {
  /** exported function name, already a valid, unique identifier, e.g. `validateCreateSessionRequestSchema` */
  exportName: string;
  /** TS type the validated value narrows to, written against `import type * as types from './types.js'` */
  typeExpr: string;
  /** the schema node (may be `{ $ref: '#/components/schemas/X' }`, or a synthetic object schema) */
  schema: unknown;
  /** JSON pointer of the schema in the spec (for issues) */
  pointer: string;
  /** prepended to every error `loc`: `['body']` for a request body, `[]` for a component validator */
  locPrefix: Array<string | number>;
  /** 'request': readOnly properties are optional (checked when sent); 'response': writeOnly ones are rejected; 'any': both ignored */
  usage: 'request' | 'response' | 'any';
  /** one-line description for the JSDoc of the exported function */
  summary: string;
}

/** Input of `emitValidators`. */
export interface EmitValidatorsInput {
  /** the whole (already bundled: all $refs are internal `#/...`) OpenAPI document, read-only */
  document: unknown;
  /** OpenAPI 3.0 schemas (nullable, boolean exclusiveMinimum/Maximum, discriminator) vs 3.1 (JSON Schema 2020-12) */
  dialect: 'openapi-3.0' | 'openapi-3.1';
  entries: ValidatorEntry[];
}

/** Renders the whole `src/validators.ts` of the generated package (`renderValidatorsParts` joined) plus issues. */
export function emitValidators(input: EmitValidatorsInput, renderer: TemplateRenderer = createRenderer()): { content: string; issues: Issue[] } {
  const { parts, issues } = emitValidatorsParts(input, renderer);
  return { content: parts.join(''), issues };
}

/** `emitValidators`' text as `renderValidatorsParts` gives it: pieces that are the module when joined. */
export function emitValidatorsParts(input: EmitValidatorsInput, renderer: TemplateRenderer = createRenderer()): { parts: string[]; issues: Issue[] } {
  const { view, issues } = buildValidatorsView(input.document, input.entries, { dialect: input.dialect, importTypes: true });
  return { parts: renderValidatorsParts(view, renderer), issues };
}

/** Prints a view model through the validators templates: the whole module's text. */
export function renderValidators(view: ValidatorsView, renderer: TemplateRenderer = createRenderer()): string {
  return renderValidatorsParts(view, renderer).join('');
}

/** Characters of functions joined into one piece of `renderValidatorsParts`. */
const PIECE_CHARS = 1 << 16;

/**
 * Prints a view model in pieces: `templates/validators-head.hbs`, then `validators-function.hbs` for each function,
 * the functions' texts joined into pieces of about 64 k characters, then `validators-tail.hbs`. The module stays
 * apart in pieces for the re-indent (src/format.ts `reindentedParts` takes them as they are): as one string, the
 * template's output is a rope of millions of small strings, which the re-indent flattens into one copy two bytes a
 * character (the head comment's arrow), 15 MB on Stripe's spec, 30 MB on GitHub's, beside the rope itself.
 */
export function renderValidatorsParts(view: ValidatorsView, renderer: TemplateRenderer = createRenderer()): string[] {
  const parts = [renderer.render('validators-head', view)];
  let piece: string[] = [];
  let chars = 0;
  for (const fn of view.functions) {
    const text = renderer.render('validators-function', fn);
    piece.push(text);
    chars += text.length;
    if (chars >= PIECE_CHARS) {
      parts.push(piece.join(''));
      piece = [];
      chars = 0;
    }
  }
  if (piece.length > 0) parts.push(piece.join(''));
  parts.push(renderer.render('validators-tail', view));
  return parts;
}

/**
 * Compiles one standalone JSON Schema (or OpenAPI schema) into a module exporting `validate(value)`; used by the
 * JSON Schema Test Suite harness and the benchmarks, and sharing every line of code with `emitValidators`.
 */
export function compileSchemaModule(
  schema: unknown,
  opts: CompileOptions & { dialect: Dialect; exportName?: string; renderer?: TemplateRenderer },
): { content: string; issues: Issue[] } {
  const entry = {
    exportName: opts.exportName ?? 'validate',
    typeExpr: 'unknown',
    schema,
    pointer: '#',
    locPrefix: [],
    usage: 'any' as const,
    summary: 'Checks a value against the schema.',
  };
  const { view, issues } = buildValidatorsView(schema, [entry], { ...opts, importTypes: false });
  return { content: renderValidators(view, opts.renderer), issues };
}
