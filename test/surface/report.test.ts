/** Bump arithmetic, the report's JSON form, and the Markdown/text renderings (committed as golden files). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  bumpVersion,
  compareSurfaces,
  extractSurface,
  renderMarkdown,
  renderText,
  suggestBump,
  type Bump,
  type SurfaceChange,
} from '../../src/surface/index.js';
import { methodName } from './spec-builder.js';

type Doc = Record<string, any>; // `any`: test edits reach deep into a JSON document

const seed = JSON.parse(readFileSync(new URL('../../spec/openapi-20240301.json', import.meta.url), 'utf8')) as Doc;

/** A realistic spec update touching every section of the report. */
function updatedSpec(): Doc {
  const doc = structuredClone(seed);
  const s = doc['components']['schemas'];
  delete s.CustomerSessionResponseSchema.properties.redirect_url;
  s.CustomerSessionResponseSchema.required = ['session_token', 'is_guest_session'];
  s.CustomerSessionResponseSchema.properties.status = { type: 'string', enum: ['active', 'expired'] };
  s.CustomerSessionResponseSchema.properties.is_guest_session = { anyOf: [{ type: 'boolean' }, { type: 'null' }] };
  s.CreateSessionRequestSchema.required.push('session_key');
  s.CreateSessionRequestSchema.properties.locale = { type: 'string', enum: ['en', 'de'] };
  s.ValidationError.properties.type = { type: 'string', enum: ['missing', 'invalid'] };
  doc['servers'] = [{ url: 'https://api.zenskar.com' }, { url: 'https://eu.api.zenskar.com' }];
  doc['paths']['/customers/session'].post.parameters = [{ name: 'dry_run', in: 'query', schema: { type: 'boolean' } }];
  doc['paths']['/customers/ping'] = { get: { operationId: 'ping', responses: { '204': { description: 'ok' } } } };
  return doc;
}

const report = compareSurfaces(extractSurface(seed, { methodName }), extractSurface(updatedSpec(), { methodName }));

describe('suggestBump', () => {
  const change = (kind: SurfaceChange['kind'], severity: SurfaceChange['severity']): SurfaceChange =>
    ({ kind, severity, location: 'operation', path: '', message: '', why: '' });
  it.each<[string, SurfaceChange[], Bump]>([
    ['nothing changed', [], 'patch'],
    ['only an operationId', [change('operation-id-changed', 'compatible')], 'patch'],
    ['an addition', [change('operation-id-changed', 'compatible'), change('field-added', 'compatible')], 'minor'],
    ['anything breaking', [change('field-added', 'compatible'), change('field-removed', 'breaking')], 'major'],
  ])('%s', (_name, changes, bump) => {
    expect(suggestBump(changes)).toBe(bump);
  });
});

describe('bumpVersion', () => {
  it.each<[string, Bump, string]>([
    ['1.2.3', 'patch', '1.2.4'],
    ['1.2.3', 'minor', '1.3.0'],
    ['1.2.3', 'major', '2.0.0'],
    ['0.1.0', 'major', '1.0.0'],
    ['1.2.3+build.7', 'patch', '1.2.4'],
    ['2.0.0-rc.1', 'major', '2.0.0'],
    ['2.1.0-rc.1', 'major', '3.0.0'],
    ['2.1.0-rc.1', 'minor', '2.1.0'],
    ['2.1.3-rc.1', 'patch', '2.1.3'],
  ])('%s + %s = %s', (version, bump, expected) => {
    expect(bumpVersion(version, bump)).toBe(expected);
  });

  it('refuses a version that is not semver', () => {
    expect(() => bumpVersion('1.2', 'patch')).toThrow(RangeError);
    expect(() => bumpVersion('v1.2.3', 'patch')).toThrow(/not a semver version/);
  });
});

describe('the report', () => {
  it('counts and bumps in its JSON form', () => {
    expect({ bump: report.bump, breaking: report.breaking, compatible: report.compatible }).toEqual({ bump: 'major', breaking: 3, compatible: 6 });
    expect(report.changes).toHaveLength(9);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('renders PR-ready Markdown', async () => {
    await expect(renderMarkdown(report)).toMatchFileSnapshot('__golden__/sample-report.md');
  });

  it('renders terminal text', async () => {
    await expect(renderText(report)).toMatchFileSnapshot('__golden__/sample-report.txt');
  });

  it('says so when nothing changed', () => {
    const same = compareSurfaces(extractSurface(seed, { methodName }), extractSurface(seed, { methodName }));
    expect(same).toEqual({ bump: 'patch', breaking: 0, compatible: 0, deployedBreaking: 0, changes: [] });
    expect(renderMarkdown(same)).toBe('### API changes: 0 breaking, 0 compatible changes, suggested bump: **patch**\n\nNo changes to the API surface.\n');
  });

  it('escapes table-breaking characters in cells', () => {
    const wide = compareSurfaces(
      extractSurface(seed, { methodName }),
      extractSurface(
        (() => {
          const doc = structuredClone(seed);
          doc['components']['schemas'].ValidationError.properties.msg = { anyOf: [{ type: 'string' }, { type: 'integer' }] };
          return doc;
        })(),
        { methodName },
      ),
    );
    const row = renderMarkdown(wide).split('\n').find((l) => l.includes('`msg`'));
    expect(row).toContain('`integer\\|string`');
    expect(row?.split(/(?<!\\)\|/)).toHaveLength(6); // 4 cells between 5 unescaped pipes
  });

  it('is deterministic whatever the order the specs were written in', () => {
    const reverse = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(reverse) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reverse(x)])) : v;
    const again = compareSurfaces(extractSurface(reverse(seed), { methodName }), extractSurface(reverse(updatedSpec()), { methodName }));
    expect(renderMarkdown(again)).toBe(renderMarkdown(report));
    expect(again).toEqual(report);
  });
});
