/**
 * src/emit/render-types.ts calls openapi-typescript's transform directly, skipping `openapiTS()`'s redocly pass
 * (parse, lint, bundle). Its output must be what `openapiTS()` prints for the same checked, bundled document: on
 * the bundled Zenskar spec, every golden case and the real specs of the corpus slice, with the options we use and
 * with openapi-typescript's defaults. An openapi-typescript upgrade that changes how `openapiTS()` builds its
 * context fails here.
 */
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString, type OpenAPITSOptions } from 'openapi-typescript';
import { describe, expect, it } from 'vitest';
import { printTypes, renderTypes, transformTypes } from '../../src/emit/render-types.js';
import { loadSpec } from '../../src/load/load-spec.js';

const root = (rel: string): string => fileURLToPath(new URL(rel, import.meta.url));
const caseSpecs = readdirSync(root('./'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => root(`./${d.name}/spec.json`))
  .filter((file) => existsSync(file));
const corpusSpecs = readdirSync(root('../corpus/fixtures/'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => root(`../corpus/fixtures/${f}`));
const SPECS = [root('../../spec/openapi-20240301.json'), ...caseSpecs, ...corpusSpecs].sort();

const OPTION_SETS: Record<string, OpenAPITSOptions> = {
  ours: { defaultNonNullable: false, silent: true, readWriteMarkers: true, emptyObjectsUnknown: true },
  defaults: { silent: true },
};

async function settle(render: () => Promise<string>): Promise<{ source: string } | { error: string }> {
  try {
    return { source: await render() };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

describe.each(Object.entries(OPTION_SETS))('options: %s', (_, options) => {
  it.each(SPECS.map((file) => [file.split('/test/').pop() ?? file, file]))('%s', async (_name, file) => {
    const { spec } = await loadSpec(file);
    expect(spec).toBeDefined();
    const expected = await settle(async () => astToString(await openapiTS(structuredClone(spec!.document) as unknown as Parameters<typeof openapiTS>[0], options)));
    const actual = await settle(async () => renderTypes(structuredClone(spec!.document) as Record<string, unknown>, options));
    // a document openapi-typescript cannot print (object-enum: what src/model/object-enums.ts works around) fails alike
    expect(actual).toEqual(expected);
  }, 60_000);
});

it('covers enough real input to mean something', () => {
  expect(corpusSpecs.length).toBeGreaterThanOrEqual(10);
  expect(caseSpecs.length).toBeGreaterThanOrEqual(5);
});

describe('printTypes', () => {
  const load = async () => {
    const { spec } = await loadSpec(root('../../spec/openapi-20240301.json'));
    return transformTypes(structuredClone(spec!.document) as Record<string, unknown>, OPTION_SETS.ours!);
  };

  it("prints what openapi-typescript's astToString prints, letting go of each statement as it goes", async () => {
    const expected = astToString(await load());
    const tree = await load();
    expect(tree.length).toBeGreaterThan(1);
    expect(printTypes(tree)).toBe(expected);
    // the tree is taken: nothing of it is held once its text is there
    expect(tree.every((statement) => statement === undefined)).toBe(true);
  });

  it('prints an empty tree as astToString does', () => {
    expect(printTypes([])).toBe(astToString([]));
  });
});
