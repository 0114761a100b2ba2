import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { buildClientView } from '../../src/emit/client-view.js';
import { generatedHeader, sanitizeForComment } from '../../src/emit/header.js';
import { toLiteral, toPropertyKey } from '../../src/emit/literal.js';
import { createRenderer, TEMPLATES_DIR } from '../../src/emit/templates.js';
import { packageNameFor } from '../../src/emit/package-files.js';
import { buildReadmeDocs } from '../../src/emit/readme-view.js';
import { checkDocument } from '../../src/load/load-spec.js';
import { buildModel } from '../../src/model/build-model.js';
import { hostileSpec, hostileText } from './hostile-spec.js';

// The handlebars escaping policy (src/emit/templates.ts): templates are compiled with `noEscape`, so nothing is
// escaped implicitly. A template may print (a) identifiers the model validated, (b) comment lines already passed
// through `sanitizeForComment`, (c) code the view built from `toLiteral` pieces, and any other value only through
// the `json` helper. These tests hold the templates and the view to it.

type Category = 'identifier' | 'comment' | 'code' | 'header';

/** Every view field a template prints raw, and why that is safe. A new raw print must be added here, knowingly. */
const RAW_PRINTS: Record<string, Category> = {
  header: 'header', // generatedHeader(): fixed text plus the spec's file name through sanitizeForComment
  this: 'comment', // `{{#each doc}}` lines (docLines → sanitizeForComment); in lists: identifiers or code, see VIEW_CHECKS
  typeStem: 'identifier', methodName: 'identifier', optionName: 'identifier', specConst: 'identifier', name: 'identifier',
  exportName: 'identifier', fn: 'identifier', quick: 'identifier', declared: 'identifier', key: 'identifier', validator: 'identifier', origin: 'comment', summary: 'comment',
  type: 'code', resultType: 'code', optionType: 'code', typeExpr: 'code', inputLiteral: 'code',
  baseUrlDefault: 'code', literal: 'code', text: 'code', expr: 'code', params: 'code', returns: 'code', body: 'code', prefix: 'code',
  'specLiteral.name': 'code', 'specLiteral.method': 'code', 'specLiteral.path': 'code', 'specLiteral.body': 'code', 'specLiteral.security': 'code',
  'specLiteral.accept': 'code',
  // fixed runtime names (`[pathParams, queryParams]`), chosen by location, never spec text
  'specLiteral.serialize': 'code',
};
const BLOCK_HELPERS = new Set(['each', 'if', 'unless']);

/**
 * The Markdown templates (the package's README.md and REFERENCE.md) print only (a) Markdown the view escaped through
 * src/emit/readme-markdown.ts or wrote itself, (b) finished TypeScript examples built from `toLiteral` pieces, between
 * fences, and (c) numbers. Their raw prints are classified here, apart from the code templates'.
 */
const MARKDOWN_TEMPLATE = /^(readme|reference)(-[\w-]+)?\.hbs$/;
const MARKDOWN_PRINTS: Record<string, 'markdown' | 'code' | 'number'> = {
  title: 'markdown', intro: 'markdown', apiDescription: 'markdown', packageName: 'markdown', text: 'markdown', anchor: 'markdown',
  option: 'markdown', scheme: 'markdown', sentAs: 'markdown', required: 'markdown', description: 'markdown', baseUrl: 'markdown',
  url: 'markdown', type: 'markdown', default: 'markdown', heading: 'markdown', link: 'markdown', endpoint: 'markdown',
  summary: 'markdown', referenceLink: 'markdown', kind: 'markdown', markdown: 'markdown', credentials: 'markdown', name: 'markdown',
  location: 'markdown', status: 'markdown', result: 'markdown', noExample: 'markdown', otherStatuses: 'markdown',
  'body.text': 'markdown', 'body.description': 'markdown', 'defaults.timeoutMs': 'markdown', 'defaults.maxRedirects': 'markdown',
  'retry.maxRetries': 'number', 'retry.methods': 'markdown', 'retry.statuses': 'markdown', 'retry.nonIdempotentStatuses': 'markdown',
  'retry.baseDelayMs': 'number', 'retry.maxDelayMs': 'number', 'retry.jitter': 'markdown', 'retry.maxRetryAfterMs': 'number',
  operationCount: 'number',
  code: 'code', 'configure.code': 'code', 'callStyles.code': 'code', 'errorHandling.code': 'code', 'cancellation.code': 'code',
  'hooks.code': 'code', 'validators.code': 'code', 'example.code': 'code',
};

function templates(): Array<{ name: string; text: string }> {
  const read = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.hbs')).map((f) => ({ name: f, text: readFileSync(join(dir, f), 'utf8') }));
  let partials: Array<{ name: string; text: string }> = [];
  try {
    partials = read(join(TEMPLATES_DIR, 'partials'));
  } catch {
    // no partials folder
  }
  return [...read(TEMPLATES_DIR), ...partials];
}

describe('templates print spec-derived values only in the allowed ways', () => {
  it.each(templates().map((t) => [t.name, t.text] as const))('%s', (name, text) => {
    const classified = MARKDOWN_TEMPLATE.test(name) ? MARKDOWN_PRINTS : RAW_PRINTS;
    expect(text).not.toMatch(/\{\{\{|\{\{&/); // triple-stash / unescaped forms are never needed (noEscape) and hide intent
    for (const [, inner] of text.matchAll(/\{\{~?([^}]*?)~?\}\}/g)) {
      const expr = inner!.trim();
      if (/^(else|\/(each|if|unless))$/.test(expr) || expr.startsWith('!')) continue;
      // a partial is a template of its own, checked here like the others
      if (/^>\s*[\w-]+$/.test(expr)) continue;
      const block = /^#(\w+)\s+(\S+)$/.exec(expr);
      if (block) {
        expect(BLOCK_HELPERS, `block helper in {{${expr}}}`).toContain(block[1]);
        continue;
      }
      const helper = /^(\w+)\s+(.+)$/.exec(expr);
      if (helper) {
        expect(helper[1], `only the json helper prints through a helper: {{${expr}}}`).toBe('json');
        continue;
      }
      expect(Object.keys(classified), `raw print {{${expr}}} is not classified in ${classified === RAW_PRINTS ? 'RAW_PRINTS' : 'MARKDOWN_PRINTS'}`).toContain(expr);
    }
  });
});

/** Strings in the client view, with the key they sit under (array items inherit their array's key). */
function viewStrings(node: unknown, key = '', out: Array<[string, string]> = []): Array<[string, string]> {
  if (typeof node === 'string') out.push([key, node]);
  else if (Array.isArray(node)) for (const item of node) viewStrings(item, key, out);
  else if (typeof node === 'object' && node !== null) for (const [k, v] of Object.entries(node)) viewStrings(v, k, out);
  return out;
}

const IDENTIFIER = /^[\p{L}\p{N}_$]+$/u;
const VIEW_CHECKS: Record<string, (value: string) => boolean> = {
  methodName: (v) => IDENTIFIER.test(v), typeStem: (v) => IDENTIFIER.test(v), optionName: (v) => IDENTIFIER.test(v),
  specConst: (v) => IDENTIFIER.test(v), encoderImports: (v) => IDENTIFIER.test(v), formatImports: (v) => IDENTIFIER.test(v), serializeImports: (v) => IDENTIFIER.test(v), methods: (v) => IDENTIFIER.test(v),
  doc: isCommentSafe, functionDoc: isCommentSafe, baseUrlDoc: isCommentSafe,
};

function isCommentSafe(line: string): boolean {
  return !/\*\/|[\n\r\u2028\u2029]/.test(line);
}

describe('the client view holds only validated identifiers and comment-safe lines', () => {
  it('for 30 hostile specs', () => {
    for (const raw of fc.sample(hostileSpec, { numRuns: 30, seed: 7 })) {
      const loaded = checkDocument('spec.json', JSON.parse(JSON.stringify(raw)));
      if (!loaded.spec) continue;
      const view = buildClientView(buildModel(loaded.spec).model, generatedHeader('spec.json'));
      for (const [key, value] of viewStrings(view)) {
        const check = VIEW_CHECKS[key];
        if (check) expect(check(value), `${key}: ${JSON.stringify(value)}`).toBe(true);
        expect(value, `${key} holds a line or paragraph separator`).not.toMatch(/[\u2028\u2029]/);
      }
    }
  });
});

describe('the README view: no spec text can open or close a fence, or leave its line', () => {
  it('for 30 hostile specs', () => {
    for (const raw of fc.sample(hostileSpec, { numRuns: 30, seed: 7 })) {
      const loaded = checkDocument('spec.json', JSON.parse(JSON.stringify(raw)));
      if (!loaded.spec) continue;
      const model = buildModel(loaded.spec).model;
      const docs = buildReadmeDocs({ model, document: loaded.spec.document, packageName: packageNameFor(model.title), specName: 'spec.json', overlays: [], referenceThreshold: 1 });
      for (const [key, value] of [...viewStrings(docs.readme), ...viewStrings(docs.reference)]) {
        expect(value, `${key} opens or closes a fence`).not.toMatch(/^\s*```/m);
        expect(value, `${key} holds a line or paragraph separator`).not.toMatch(/[\u2028\u2029\r]/);
        if (key !== 'code' && key !== 'apiDescription' && key !== 'description' && key !== 'summary' && key !== 'intro' && key !== 'text') {
          expect(value, `${key}: one line`).not.toContain('\n');
        }
      }
    }
  });
});

describe('the escaping helpers', () => {
  const values = fc.oneof(hostileText, fc.jsonValue(), fc.string({ unit: 'binary' }));

  it('toLiteral gives a JS literal that evaluates back to the value, with no raw line terminator', () => {
    fc.assert(
      fc.property(values, (value) => {
        const literal = toLiteral(value);
        expect(literal).not.toMatch(/[\n\r\u2028\u2029]/);
        // eslint-disable-next-line no-new-func -- the point is to run the literal as code
        expect(new Function(`return (${literal});`)()).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 500 },
    );
  });

  it('toPropertyKey is a bare identifier or a literal naming the same key', () => {
    fc.assert(
      fc.property(hostileText, (name) => {
        const obj = new Function(`return { ${toPropertyKey(name)}: 1 };`)() as Record<string, number>;
        expect(Object.prototype.hasOwnProperty.call(obj, name) || name === '__proto__').toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('sanitizeForComment: a control character between two comment openers does not join them into a closer', () => {
    // found by the property below (seed 1473107554): the control character was removed after the escaping
    for (const text of ['/*\u0000/*', '*\u0001/', '/*\u2028/*', '*\u007f/ x']) {
      expect(sanitizeForComment(text)).not.toContain('*/');
      const source = ts.createSourceFile('x.ts', `/** ${sanitizeForComment(text)} */\n`, ts.ScriptTarget.ES2022, true);
      expect(source.statements).toHaveLength(0);
    }
  });

  it('sanitizeForComment keeps hostile text inside one block comment: the file has no statement', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const source = ts.createSourceFile('x.ts', `/**\n * ${sanitizeForComment(text)}\n */\n`, ts.ScriptTarget.ES2022, true);
        expect(source.statements).toHaveLength(0);
        expect((source as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('a rendered template prints hostile values literally: no second handlebars pass, json helper for literals', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zc-hbs-'));
    writeFileSync(join(dir, 't.hbs'), '/** {{doc}} */\nexport const value = {{json value}};\n');
    const renderer = createRenderer(dir);
    fc.assert(
      fc.property(hostileText, fc.jsonValue(), (text, value) => {
        const out = renderer.render('t', { doc: sanitizeForComment(text), value: { text, value } });
        const js = ts.transpileModule(out, { compilerOptions: { module: ts.ModuleKind.CommonJS } }).outputText;
        const exports: Record<string, unknown> = {};
        new Function('exports', js)(exports);
        expect(exports.value).toEqual(JSON.parse(JSON.stringify({ text, value })));
      }),
      { numRuns: 300 },
    );
  });

  it('strict mode: a view field that is missing throws instead of printing nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zc-hbs-'));
    writeFileSync(join(dir, 't.hbs'), 'const x = {{json missing}};\n');
    expect(() => createRenderer(dir).render('t', {})).toThrow(/missing/);
  });
});
