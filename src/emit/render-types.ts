/**
 * openapi-typescript without its redocly pass. `openapiTS()` first has @redocly/openapi-core parse, lint and bundle
 * the document — on GitHub's spec ~1.5 s, more than its own transform, and a module graph that costs ~0.3 s to load
 * — and then calls `transformSchema(document, ctx)`. By the time we call it the document is already checked and
 * bundled (src/load), so we call the transform directly, with the context `openapiTS()` would build
 * (openapi-typescript 7.13, dist/index.mjs). `test/cases/render-types.test.ts` holds the result equal to `openapiTS()`
 * on real specs, so an upgrade that changes the context shows up there.
 *
 * The modules are loaded by file (the package exports `./*`): the package root would load redocly. Their CommonJS
 * builds, through `require`: importing TypeScript's 9 MB CommonJS file from ESM makes Node scan it for export names
 * first (~0.4 s of start-up on this machine, paid again in the types worker).
 */
import { createRequire } from 'node:module';
import type { OpenAPITSOptions, transformSchema as TransformSchema, scanDiscriminators as ScanDiscriminators } from 'openapi-typescript';
import type { astToString as AstToString, resolveRef as ResolveRef } from 'openapi-typescript';

/** The files of openapi-typescript that the transform needs (none of them imports @redocly/openapi-core's root). */
const OPENAPI_TS_MODULES = {
  transform: 'openapi-typescript/dist/transform/index.cjs',
  utils: 'openapi-typescript/dist/lib/utils.cjs',
  ts: 'openapi-typescript/dist/lib/ts.cjs',
} as const;

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

interface OpenApiTsModules {
  transformSchema: typeof TransformSchema;
  scanDiscriminators: typeof ScanDiscriminators;
  resolveRef: typeof ResolveRef;
  astToString: typeof AstToString;
}

function loadModules(): OpenApiTsModules {
  const require = createRequire(import.meta.url);
  // `require` returns `any`: the individual files have no declarations of their own (types come from the root's)
  const [transform, utils, ts] = [require(OPENAPI_TS_MODULES.transform), require(OPENAPI_TS_MODULES.utils), require(OPENAPI_TS_MODULES.ts)];
  return {
    transformSchema: transform,
    scanDiscriminators: utils.scanDiscriminators,
    resolveRef: utils.resolveRef,
    astToString: ts.astToString,
  };
}

/** Renders `types.ts`'s openapi-typescript part for a checked, bundled document (annotated in place: pass a copy). */
export function renderTypes(document: Record<string, unknown>, options: OpenAPITSOptions): string {
  const { transformSchema, scanDiscriminators, resolveRef, astToString } = loadModules();
  // redocly's bundle always leaves a `components` object (openapi-typescript then prints every section as `never`)
  document.components ??= {};
  const schema = document as unknown as Parameters<typeof TransformSchema>[0];
  const silent = options.silent ?? false;
  const ctx = {
    ...transformContext(options),
    discriminators: scanDiscriminators(schema, options),
    resolve: (ref: string) => resolveRef(schema, ref, { silent }),
  } as unknown as Parameters<typeof TransformSchema>[1];
  return astToString(transformSchema(schema, ctx));
}
