/**
 * openapi-typescript without its redocly pass. `openapiTS()` first has @redocly/openapi-core parse, lint and bundle
 * the document — on GitHub's spec ~1.5 s, more than its own transform, and a module graph that costs ~0.3 s to load
 * — and then calls `transformSchema(document, ctx)`. By the time we call it the document is already checked and
 * bundled (src/load), so we call the transform directly, with the context `openapiTS()` would build
 * (openapi-typescript 7.13, dist/index.mjs). `test/cases/render-types.test.ts` holds the result equal to `openapiTS()`
 * on real specs, so an upgrade that changes the context shows up there.
 *
 * The transform's modules are loaded by file, on first use (src/dependencies.ts): the package root would load redocly.
 */
import type { OpenAPITSOptions, transformSchema as TransformSchema } from 'openapi-typescript';
import { loadOpenApiTypescript, loadTypeScript } from '../dependencies.js';

/** The data part of openapi-typescript's context, as `openapiTS()` fills it from its options (defaults included). */
function transformContext(options: OpenAPITSOptions): Record<string, unknown> {
  return {
    additionalProperties: options.additionalProperties ?? false,
    alphabetize: options.alphabetize ?? false,
    arrayLength: options.arrayLength ?? false,
    defaultNonNullable: options.defaultNonNullable ?? true,
    emptyObjectsUnknown: options.emptyObjectsUnknown ?? false,
    enum: options.enum ?? false,
    enumValues: options.enumValues ?? false,
    conditionalEnums: options.conditionalEnums ?? false,
    dedupeEnums: options.dedupeEnums ?? false,
    excludeDeprecated: options.excludeDeprecated ?? false,
    exportType: options.exportType ?? false,
    immutable: options.immutable ?? false,
    rootTypes: options.rootTypes ?? false,
    rootTypesNoSchemaPrefix: options.rootTypesNoSchemaPrefix ?? false,
    rootTypesKeepCasing: options.rootTypesKeepCasing ?? false,
    injectFooter: [],
    pathParamsAsTypes: options.pathParamsAsTypes ?? false,
    propertiesRequiredByDefault: options.propertiesRequiredByDefault ?? false,
    silent: options.silent ?? false,
    makePathsEnum: options.makePathsEnum ?? false,
    generatePathParams: options.generatePathParams ?? false,
    readWriteMarkers: options.readWriteMarkers ?? false,
  };
}

/** Renders `types.ts`'s openapi-typescript part for a checked, bundled document (annotated in place: pass a copy). */
export function renderTypes(document: Record<string, unknown>, options: OpenAPITSOptions): string {
  return printTypes(transformTypes(document, options));
}

/** openapi-typescript's syntax tree of `types.ts`'s part (`printTypes` prints it): the document is not needed after. */
export function transformTypes(document: Record<string, unknown>, options: OpenAPITSOptions): TypesTree {
  const { transformSchema, scanDiscriminators, resolveRef } = loadOpenApiTypescript();
  // redocly's bundle always leaves a `components` object (openapi-typescript then prints every section as `never`)
  document.components ??= {};
  const schema = document as unknown as Parameters<typeof TransformSchema>[0];
  const silent = options.silent ?? false;
  const ctx = {
    ...transformContext(options),
    discriminators: scanDiscriminators(schema, options),
    resolve: (ref: string) => resolveRef(schema, ref, { silent }),
  } as unknown as Parameters<typeof TransformSchema>[1];
  return transformSchema(schema, ctx);
}

/** openapi-typescript's syntax tree, as `transformSchema` returns it. */
export type TypesTree = ReturnType<typeof TransformSchema>;

/**
 * Prints the tree as openapi-typescript's `astToString` does (its `printFile` puts each top-level statement on a line
 * of its own and ends with a newline), one statement at a time: a statement is let go of once printed, and its text
 * flattened (the printer builds it as a rope of small pieces, several times the size of the flat text), so that the
 * tree and its text are never both whole (on GitHub's spec ~75 MB and ~50 MB). Takes the tree: it is emptied.
 */
export function printTypes(tree: TypesTree): string {
  const ts = loadTypeScript();
  const file = ts.createSourceFile('openapi-ts.ts', '', ts.ScriptTarget.ESNext, false, ts.ScriptKind.TS);
  const printer = ts.createPrinter({ newLine: ts.NewLineKind.LineFeed, removeComments: false });
  const statements = tree as Array<TypesTree[number] | undefined>;
  const texts: string[] = [];
  for (let i = 0; i < statements.length; i++) {
    const text = printer.printNode(ts.EmitHint.Unspecified, statements[i]!, file);
    statements[i] = undefined;
    // reading a character flattens the rope
    text.charCodeAt(0);
    texts.push(text);
  }
  return texts.length === 0 ? '' : `${texts.join('\n')}\n`;
}
