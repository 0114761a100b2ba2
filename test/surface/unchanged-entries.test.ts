/**
 * The change report skips operations and schemas equal on both sides (src/surface/diff-surface.ts): that is only
 * right while diffing an entry against an equal copy of itself reports nothing. Checked here entry by entry on the
 * surfaces of the bundled spec and of every golden case, and end to end: entries changed among unchanged ones are
 * reported as usual; a previous snapshot the same as the new one is not read further. Also: an extracted surface's
 * snapshot needs no second sort.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { reportChanges } from '../../src/report-changes.js';
import { compareSurfaces, diffSurface, extractSurface, formatExtractedSurfaceJson, formatSurfaceJson, type ApiSurface } from '../../src/surface/index.js';
import { diffOperation } from '../../src/surface/diff-operation.js';
import { diffShape } from '../../src/surface/diff-shape.js';
import { sameJson } from '../../src/surface/json-value.js';
import { methodName } from './spec-builder.js';

const CASES = fileURLToPath(new URL('../cases/', import.meta.url));
const specs: Array<[string, string]> = [
  ['bundled', fileURLToPath(new URL('../../spec/openapi-20240301.json', import.meta.url))],
  ...readdirSync(CASES, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d): [string, string] => [d.name, `${CASES}${d.name}/spec.json`]),
];
const surfaceOf = (file: string): ApiSurface => extractSurface(JSON.parse(readFileSync(file, 'utf8')), { methodName });

describe('an unchanged entry reports nothing', () => {
  it.each(specs)('%s', (_, file) => {
    const surface = surfaceOf(file);
    const copy = JSON.parse(JSON.stringify(surface)) as ApiSurface;
    expect(sameJson(surface, copy)).toBe(true);
    const security = { before: surface.security, after: copy.security };
    for (const [key, op] of Object.entries(surface.operations)) expect(diffOperation(key, op, copy.operations[key]!, security)).toEqual([]);
    const ctx = { location: 'schema' as const, directions: ['request' as const, 'response' as const], rootLabel: 'the schema' };
    for (const [name, shape] of Object.entries(surface.schemas)) expect(diffShape(ctx, shape, copy.schemas[name]!)).toEqual([]);
    expect(diffSurface(surface, copy)).toEqual([]);
  });
});

describe('the snapshot of an extracted surface', () => {
  it.each(specs)('%s: is written without sorting again, to the same text', (_, file) => {
    const surface = surfaceOf(file);
    expect(formatExtractedSurfaceJson(surface)).toBe(formatSurfaceJson(surface));
  });
});

describe('a snapshot the same as the new one', () => {
  it.each(specs)('%s: reports what comparing the two surfaces reports', (_, file) => {
    const surface = surfaceOf(file);
    const snapshot = formatSurfaceJson(surface);
    const compared = { report: compareSurfaces(JSON.parse(snapshot) as ApiSurface, surface) };
    expect(reportChanges(snapshot, snapshot, () => surface)).toEqual(compared);
    // the same JSON in other text is compared in full, to the same report
    expect(reportChanges(` ${snapshot}`, snapshot, () => surface)).toEqual(compared);
  });
});

describe('sameJson', () => {
  it('tells apart what a diff could tell apart', () => {
    expect(sameJson({ a: 1, b: [1, { c: null }] }, { b: [1, { c: null }], a: 1 })).toBe(true);
    expect(sameJson({ a: undefined }, {})).toBe(false);
    expect(sameJson({}, { a: undefined })).toBe(false);
    expect(sameJson([1, 2], [2, 1])).toBe(false);
    expect(sameJson([], {})).toBe(false);
    expect(sameJson({ a: '1' }, { a: 1 })).toBe(false);
    expect(sameJson(null, {})).toBe(false);
  });
});

describe('changes among unchanged entries', () => {
  it('are reported as they are alone', () => {
    const before = surfaceOf(specs[0]![1]);
    const after = JSON.parse(JSON.stringify(before)) as ApiSurface;
    const [firstOp] = Object.keys(after.operations);
    after.operations[firstOp!]!.deprecated = true;
    const [firstSchema] = Object.keys(after.schemas);
    after.schemas[firstSchema!]!.nullable = !after.schemas[firstSchema!]!.nullable;
    const changes = diffSurface(before, after);
    expect(changes.map((c) => c.kind).sort()).toEqual(['field-nullable', 'operation-deprecated'].sort());
    expect(changes.find((c) => c.component === firstSchema)?.operations).toBeDefined();
  });
});
