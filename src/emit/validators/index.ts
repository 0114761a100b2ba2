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

/** Renders the whole `src/validators.ts` of the generated package (through templates/validators.hbs) plus issues. */
export function emitValidators(input: EmitValidatorsInput, renderer: TemplateRenderer = createRenderer()): { content: string; issues: Issue[] } {
  const { view, issues } = buildValidatorsView(input.document, input.entries, { dialect: input.dialect, importTypes: true });
  return { content: renderValidators(view, renderer), issues };
}

/** Prints a view model through `templates/validators.hbs`. */
export function renderValidators(view: ValidatorsView, renderer: TemplateRenderer = createRenderer()): string {
  return renderer.render('validators', view);
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
