/**
 * The generated package's docs (README.md, and REFERENCE.md for large specs) for its consumer: every TypeScript
 * block compiles against the package under its strict options, every link into the docs reaches a heading, the
 * defaults it states are the runtime's, the package ships the docs, and hostile spec text changes nothing of the
 * Markdown's structure. (The topical cases' READMEs are goldens whose blocks test/cases/cases.test.ts compiles.)
 */
import { readdirSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { packageNameFor } from '../../src/emit/package-files.js';
import { headingAnchor } from '../../src/emit/readme-markdown.js';
import {
  buildReadmeDocs, DEFAULT_MAX_REDIRECTS, DEFAULT_REDIRECT, DEFAULT_TIMEOUT_MS, REFERENCE_FILE,
} from '../../src/emit/readme-view.js';
import { createRenderer } from '../../src/emit/templates.js';
import type { GeneratedFile } from '../../src/generated-file.js';
import { loadSpec } from '../../src/load/load-spec.js';
import { buildModel } from '../../src/model/build-model.js';
import { generate } from '../../src/run.js';
import { makeCore } from '../../src/runtime/core.js';
import { DEFAULT_RETRY_POLICY } from '../../src/runtime/retry-policy.js';
import { generateCase } from '../cases/case-package.js';
import { createLibCache, typecheckPackages } from '../corpus/typecheck.js';
import { GENERATED } from '../helpers/cli.js';
import { hostileSpec } from '../hostile/hostile-spec.js';
import { docBlockFiles, fencedBlocks, runDocBlocks } from './doc-blocks.js';

/** Lib files parsed once for every program of this file (parsing them is most of a small program's cost). */
const libCache = createLibCache();

/** generated/'s files as the generator wrote them: sources, manifest and docs. */
function committedPackage(): GeneratedFile[] {
  const sources = readdirSync(join(GENERATED, 'src')).filter((f) => f.endsWith('.ts')).map((f) => `src/${f}`);
  return [...sources, 'package.json', 'README.md'].map((path) => ({ path, content: readFileSync(join(GENERATED, path), 'utf8') }));
}

/** The headings of a Markdown text outside fenced blocks, as plain text (escapes and code-span fences removed). */
function headings(markdown: string): Array<{ level: number; text: string }> {
  const out: Array<{ level: number; text: string }> = [];
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    const m = fenced ? null : /^(#{1,6}) (.*)$/.exec(line);
    if (m) out.push({ level: m[1]!.length, text: m[2]!.replace(/^(`+) ?(.*?) ?\1$/, '$2').replace(/\\(.)/g, '$1') });
  }
  return out;
}

/** The anchors a renderer gives the headings of `markdown`, in document order. */
function anchorsOf(markdown: string): Set<string> {
  const taken = new Map<string, number>();
  return new Set(headings(markdown).map((h) => headingAnchor(h.text, taken)));
}

/** Every link target of the form `(#anchor)` or `(FILE#anchor)` outside fenced blocks. */
function links(markdown: string): Array<{ file: string; anchor: string }> {
  const prose = markdown.replace(/^```[\s\S]*?^```$/gm, '');
  return [...prose.matchAll(/\]\(([A-Z]*\.md)?#([^)]*)\)/g)].map((m) => ({ file: m[1] ?? '', anchor: m[2]! }));
}

function expectLinksResolve(docs: Record<string, string>): void {
  const anchors = Object.fromEntries(Object.entries(docs).map(([file, text]) => [file, anchorsOf(text)]));
  for (const [file, text] of Object.entries(docs)) {
    for (const link of links(text)) {
      const target = link.file || file;
      expect(anchors[target]?.has(link.anchor), `${file}: link to ${target}#${link.anchor}`).toBe(true);
    }
  }
}

describe('generated/README.md (zenskar-client, with the session overlay)', () => {
  const files = committedPackage();
  const readme = files.find((f) => f.path === 'README.md')!.content;

  it('every TypeScript block compiles against the package under the strict options', () => {
    const blocks = docBlockFiles(files, 'zenskar-client');
    // configuration, call styles, the operation, errors, cancellation, hooks, validators, the overlay's section
    expect(blocks.length).toBeGreaterThanOrEqual(8);
    const diagnostics = typecheckPackages([{ id: 'zenskar', files: [...files.filter((f) => f.path !== 'README.md'), ...blocks] }], libCache);
    expect(diagnostics.get('zenskar')).toEqual([]);
  });

  it('documents every operation and every method the overlay adds, and the overlay section', () => {
    for (const name of ['createCustomerOrGuestSession']) expect(headings(readme).map((h) => h.text)).toContain(name);
    for (const name of ['createCustomerSession', 'createGuestSession', 'session_exclusivity', 'CustomerSessionResult', 'GuestSessionResult']) {
      expect(readme).toContain(name);
    }
  });

  it('every link of the contents reaches a heading', () => {
    expect(links(readme).length).toBeGreaterThan(10);
    expectLinksResolve({ 'README.md': readme });
  });

  it('run against the package, no example sends arguments the package rejects; each ends as a client call can', async () => {
    const outcomes = await runDocBlocks(files, 'zenskar-client', mkdtempSync(join(tmpdir(), 'zc-docs-run-')));
    expect(outcomes.length).toBeGreaterThanOrEqual(8);
    expect(outcomes.filter((o) => o.outcome === 'http').length).toBeGreaterThan(3);
    // every request is answered 418: a block that calls the API ends with that `http` error, the others finish
    for (const o of outcomes) expect(['finished', 'http'], `${o.path}: ${o.outcome} ${o.message ?? ''}`).toContain(o.outcome);
  });

  it('ships with the package', () => {
    const manifest = JSON.parse(files.find((f) => f.path === 'package.json')!.content) as { files: string[] };
    expect(manifest.files).toContain('README.md');
  });
});

describe('the defaults the README states are the ones the runtime applies', () => {
  it('timeoutMs, maxRedirects, redirect and the retry policy', () => {
    const core = makeCore({}, 'https://api.example.com', []);
    expect({ timeoutMs: core.timeoutMs, maxRedirects: core.maxRedirects, redirect: core.redirect, retry: core.retry }).toEqual({
      timeoutMs: DEFAULT_TIMEOUT_MS,
      maxRedirects: DEFAULT_MAX_REDIRECTS,
      redirect: DEFAULT_REDIRECT,
      retry: DEFAULT_RETRY_POLICY,
    });
  });
});

describe('a spec with more operations than the threshold: README with an index by tag, REFERENCE.md by tag', () => {
  const CASE = 'docs-reference';
  let files: GeneratedFile[];
  let readme: string;
  let reference: string;

  beforeAll(async () => {
    const generated = await generateCase(CASE);
    const spec = (await loadSpec(join(import.meta.dirname, '../cases', CASE, 'spec.json'))).spec!;
    const model = buildModel(spec).model;
    const docs = buildReadmeDocs({
      model, document: spec.document, packageName: packageNameFor(model.title), specName: 'spec.json', overlays: [], referenceThreshold: 3,
    });
    const renderer = createRenderer();
    readme = renderer.render('readme', docs.readme);
    reference = renderer.render('reference', docs.reference!);
    files = [
      ...generated.filter((f) => f.path !== 'README.md'),
      { path: 'README.md', content: readme },
      { path: REFERENCE_FILE, content: reference },
    ];
  }, 120_000);

  it('the README indexes every operation under each of its tags, and holds no per-operation reference', () => {
    const rows = readme.split('\n').filter((l) => l.includes(`](${REFERENCE_FILE}#`));
    // uploadPhoto has two tags
    expect(rows).toHaveLength(10);
    expect(headings(readme).filter((h) => h.level === 3).map((h) => h.text)).toEqual(['files', 'pets', 'Other operations']);
  });

  it('REFERENCE.md has each operation once, under its first tag', () => {
    const h = headings(reference);
    expect(h.filter((x) => x.level === 2).map((x) => x.text)).toEqual(['files', 'pets', 'Other operations']);
    const ops = h.filter((x) => x.level === 3).map((x) => x.text);
    expect(ops).toHaveLength(9);
    expect(new Set(ops).size).toBe(9);
  });

  it('every link reaches a heading, across both files', () => {
    expectLinksResolve({ 'README.md': readme, [REFERENCE_FILE]: reference });
  });

  it('run against the package, no example sends arguments the package rejects', async () => {
    const outcomes = await runDocBlocks(files, 'docs-client', mkdtempSync(join(tmpdir(), 'zc-docs-run-')));
    expect(outcomes.length).toBe(9 + 6);
    expect(outcomes.filter((o) => o.outcome === 'http').length).toBeGreaterThan(9);
    for (const o of outcomes) expect(['finished', 'http'], `${o.path}: ${o.outcome} ${o.message ?? ''}`).toContain(o.outcome);
  });

  it('every TypeScript block of both files compiles against the package', () => {
    const blocks = docBlockFiles(files, 'docs-client');
    expect(blocks.filter((b) => b.path.startsWith('docs/reference-'))).toHaveLength(9);
    const diagnostics = typecheckPackages([{ id: CASE, files: [...files.filter((f) => f.path.endsWith('.ts') || f.path === 'package.json'), ...blocks] }], libCache);
    expect(diagnostics.get(CASE)).toEqual([]);
  });
});

describe('hostile spec text does not change the structure of the README', () => {
  const RUNS = 8;
  let packages: Array<{ spec: string; files: GeneratedFile[] }>;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zc-docs-hostile-'));
    packages = [];
    for (const [i, raw] of fc.sample(hostileSpec, { numRuns: RUNS, seed: 20240301 }).entries()) {
      const spec = join(dir, `spec${i}.json`);
      writeFileSync(spec, JSON.stringify(raw));
      const { files } = await generate({ spec });
      if (files) packages.push({ spec, files });
    }
  }, 300_000);

  it('fences, headings and table rows are exactly the ones the template writes', () => {
    // a hostile spec may be refused with issues (a path with a bare `%`); most generate
    expect(packages.length).toBeGreaterThanOrEqual(RUNS / 2);
    for (const { spec, files } of packages) {
      const readme = files.find((f) => f.path === 'README.md')!.content;
      const operations = (JSON.parse(files.find((f) => f.path === 'api-surface.json')!.content) as { operations: object }).operations;
      const fences = readme.split('\n').filter((l) => l.startsWith('```'));
      expect(fences.length % 2, basename(spec)).toBe(0);
      expect(fencedBlocks(readme).every((b) => b.lang === 'ts' || b.lang === 'sh'), basename(spec)).toBe(true);
      const h = headings(readme);
      expect(h.filter((x) => x.level === 1), basename(spec)).toHaveLength(1);
      expect(h.filter((x) => x.level === 3).length, basename(spec)).toBe(Object.keys(operations).length);
      expectTablesIntact(readme, basename(spec));
      expectLinksResolve({ 'README.md': readme });
    }
  });

  it('every TypeScript block compiles against its package', () => {
    const checked = packages.map(({ spec, files }) => {
      const name = (JSON.parse(files.find((f) => f.path === 'package.json')!.content) as { name: string }).name;
      return { id: spec, files: [...files.filter((f) => f.path.endsWith('.ts') || f.path === 'package.json'), ...docBlockFiles(files, name)] };
    });
    const diagnostics = typecheckPackages(checked, libCache);
    for (const { id } of checked) expect(diagnostics.get(id), id).toEqual([]);
  });
});

/** Every row of every table has as many cells (unescaped `|`) as the table's header. */
function expectTablesIntact(markdown: string, label: string): void {
  const prose = markdown.replace(/^```[\s\S]*?^```$/gm, '');
  const cells = (line: string) => line.replace(/\\\\/g, '').replace(/\\\|/g, '').split('|').length;
  let header: number | undefined;
  for (const line of prose.split('\n')) {
    if (!line.startsWith('|')) {
      header = undefined;
      continue;
    }
    header ??= cells(line);
    expect(cells(line), `${label}: ${line}`).toBe(header);
  }
}
