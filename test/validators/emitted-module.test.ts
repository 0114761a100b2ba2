import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { emitValidators, type ValidatorEntry } from '../../src/emit/validators/index.js';
import { componentEntry, errorsOf, loadValidators } from './load-validators.js';

const session = JSON.parse(readFileSync('spec/openapi-20240301.json', 'utf8')) as unknown;
const SESSION_NAMES = ['CreateSessionRequestSchema', 'CustomerSessionResponseSchema', 'HTTPValidationError', 'ValidationError'];

const EVIL_KEY = '"]);process.exit(1);//';
const evilDoc = {
  components: {
    schemas: {
      Evil: {
        description: 'ends a comment */ and\u2028 breaks lines',
        type: 'object',
        required: [EVIL_KEY],
        properties: {
          [EVIL_KEY]: { type: 'string', pattern: '^\\d+\\/\\\\[a-z]*\u2028?$', description: '*/ process.exit(2); /*' },
          'with\nnewline */': { enum: ['a\u2029b', "'quote'", '`${x}`'] },
        },
        patternProperties: { '^x-\\w+$': { const: { '*/': 1 } } },
        additionalProperties: { type: 'integer', minimum: -3 },
      },
      Rec: { anyOf: [{ type: 'integer' }, { type: 'array', items: { $ref: '#/components/schemas/Rec' } }], oneOf: [{ minimum: 0 }, { type: 'array' }] },
      Rest: { type: 'array', prefixItems: [{ type: 'string' }], items: false, minItems: 1, uniqueItems: true, contains: { type: 'string' } },
      Props: { type: 'object', minProperties: 1, maxProperties: 3, propertyNames: { maxLength: 3 }, dependentRequired: { a: ['b'] }, if: { required: ['a'] }, then: { not: { required: ['z'] } } },
      Formats: { type: 'object', properties: { d: { type: 'string', format: 'date-time' }, e: { type: 'string', format: 'email' }, u: { type: 'string', format: 'uri' }, i: { type: 'string', format: 'ipv6' }, t: { type: 'string', format: 'time' }, v4: { type: 'string', format: 'ipv4' }, n: { type: 'number', multipleOf: 0.01, minLength: 1 }, s: { type: 'string', minLength: 2, maxLength: 3 } } },
      Uneval: { type: 'object', allOf: [{ properties: { a: true } }], unevaluatedProperties: false },
      // type-only unions compile to inline type tests (no branch functions): narrowing must still typecheck
      Unions: {
        type: 'object',
        properties: {
          a: { oneOf: [{ type: 'integer' }, { type: 'number' }] },
          b: { anyOf: [{ $ref: '#/components/schemas/Str' }, { type: ['boolean', 'null'] }] },
          c: { type: 'array', items: { anyOf: [{ type: 'integer' }, { type: 'string' }] } },
        },
      },
      Str: { type: 'string' },
    },
  },
};
const evilEntries: ValidatorEntry[] = Object.keys(evilDoc.components.schemas).map((n) => componentEntry(n, { summary: `Checks ${n} */ \n evil` }));

/** Type-checks the emitted module in memory with the generated package's strict options. */
function typecheck(content: string, typeNames: string[]): string[] {
  const files = new Map<string, string>([
    ['/pkg/validators.ts', content],
    ['/pkg/types.ts', typeNames.map((n) => `export interface ${n} { readonly brand?: '${n}' }`).join('\n')],
    ['/pkg/errors.ts', 'export interface ValidationIssue { loc: ReadonlyArray<string | number>; msg: string; type: string }\nexport type ValidationResult<T> = { ok: true; value: T } | { ok: false; errors: ValidationIssue[] };\n'],
  ]);
  const options: ts.CompilerOptions = {
    strict: true, exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true, verbatimModuleSyntax: true,
    noImplicitReturns: true, noFallthroughCasesInSwitch: true, noImplicitOverride: true,
    module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2022.d.ts'], noEmit: true, types: [],
  };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (name, lang, ...rest) => (files.has(name) ? ts.createSourceFile(name, files.get(name)!, lang) : getSourceFile.call(host, name, lang, ...rest));
  host.fileExists = (name) => files.has(name) || fileExists.call(host, name);
  host.readFile = (name) => files.get(name) ?? readFile.call(host, name);
  const { directoryExists } = host;
  host.directoryExists = (d) => d === '/pkg' || (directoryExists?.call(host, d) ?? false);
  const program = ts.createProgram(['/pkg/validators.ts'], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('the emitted validators module', () => {
  it('stays within what TypeScript can analyse for objects with hundreds of properties, flat or nested (TS2563)', () => {
    const flat = Object.fromEntries(Array.from({ length: 260 }, (_, i) => [`p${i}`, { type: 'string' }]));
    const inner = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`i${i}`, { type: 'string' }]));
    const nested = Object.fromEntries(Array.from({ length: 12 }, (_, j) => [`n${j}`, { type: 'object', properties: inner }]));
    const doc = { components: { schemas: { Flat: { type: 'object', properties: flat }, Nested: { type: 'object', properties: nested } } } };
    const out = emitValidators({ document: doc, dialect: 'openapi-3.1', entries: [componentEntry('Flat'), componentEntry('Nested')] });
    expect(out.content).toContain('= PR === true && o0["__proto__"] === Object.prototype;'); // big objects test their prototype up front
    expect(typecheck(out.content, ['Flat', 'Nested'])).toEqual([]);
  });

  it('type-checks under strict + exactOptionalPropertyTypes + noUncheckedIndexedAccess + verbatimModuleSyntax', () => {
    const sessionOut = emitValidators({ document: session, dialect: 'openapi-3.1', entries: SESSION_NAMES.map((n) => componentEntry(n)) });
    expect(typecheck(sessionOut.content, SESSION_NAMES)).toEqual([]);
    const evilOut = emitValidators({ document: evilDoc, dialect: 'openapi-3.1', entries: evilEntries });
    expect(evilOut.issues).toEqual([]);
    expect(typecheck(evilOut.content, Object.keys(evilDoc.components.schemas))).toEqual([]);
  });

  it('keeps spec text as data: hostile keys, descriptions and patterns neither break out nor change meaning', async () => {
    const { v, content } = await loadValidators(evilDoc, evilEntries);
    expect(content).not.toContain('\u2028');
    expect(content).not.toContain('\u2029');
    expect(v.validateEvil!({ [EVIL_KEY]: '12/\\abc', 'x-y': { '*/': 1 }, other: -3 }).ok).toBe(true);
    expect(errorsOf(v.validateEvil!({ [EVIL_KEY]: '12/abc', 'with\nnewline */': 'ab', 'x-y': 2, other: -4 }))).toEqual([
      { loc: [EVIL_KEY], msg: "String should match pattern '^\\d+\\/\\\\[a-z]*\u2028?$'", type: 'string_pattern_mismatch' },
      { loc: ['with\nnewline */'], msg: "Input should be 'a\u2029b', ''quote'' or '`${x}`'", type: 'enum' },
      { loc: ['x-y'], msg: 'Input should be {"*/":1}', type: 'literal_error' },
      { loc: ['other'], msg: 'Input should be greater than or equal to -3', type: 'greater_than_equal' },
    ]);
  });

  it('reports a `pattern` no ECMAScript flag accepts as a warning at its pointer, and omits only that check', async () => {
    const doc = { components: { schemas: { Bad: { type: 'string', pattern: '([a-z]', maxLength: 2 }, Bad2: { patternProperties: { '(': { type: 'string' } } } } } };
    const { v, issues } = await loadValidators(doc, [componentEntry('Bad'), componentEntry('Bad2')]);
    expect(issues.map((i) => [i.severity, i.code, i.pointer])).toEqual([
      ['warning', 'invalid-pattern', '#/components/schemas/Bad/pattern'],
      ['warning', 'invalid-pattern', '#/components/schemas/Bad2/patternProperties/('],
    ]);
    expect(issues[0]!.message).toContain('not checked at run time');
    expect(v.validateBad!('zz!').ok).toBe(false);
    expect(v.validateBad!('(!').ok).toBe(true);
    expect(v.validateBad2!({ '(': 1 }).ok).toBe(true);
  });

  it('compiles a pattern the `u` flag rejects (Java-style escapes) without the flag, with a warning', async () => {
    const doc = { components: { schemas: { Colon: { type: 'string', pattern: '^a\\:b$' }, Uni: { type: 'string', pattern: '^\\p{Lu}$' } } } };
    const { v, issues, content } = await loadValidators(doc, [componentEntry('Colon'), componentEntry('Uni')]);
    expect(issues.map((i) => [i.severity, i.code, i.pointer])).toEqual([['warning', 'pattern-without-unicode', '#/components/schemas/Colon/pattern']]);
    expect(content).toContain('new RegExp("^a\\\\:b$")');
    expect(content).toContain('new RegExp("^\\\\p{Lu}$", "u")');
    expect(v.validateColon!('a:b').ok).toBe(true);
    expect(v.validateColon!('a;b').ok).toBe(false);
    expect(v.validateUni!('É').ok).toBe(true);
    expect(v.validateUni!('é').ok).toBe(false);
  });

  it('reports unresolved refs and unsupported keywords as issues, never crashes', () => {
    const doc = { components: { schemas: { A: { $ref: '#/components/schemas/Nope' }, B: { properties: { r: { $recursiveRef: '#' } } } } } };
    const out = emitValidators({ document: doc, dialect: 'openapi-3.1', entries: [componentEntry('A'), componentEntry('B')] });
    expect(out.issues.map((i) => [i.code, i.pointer])).toEqual([
      ['unresolved-ref', '#/components/schemas/A'],
      ['unsupported-keyword', '#/components/schemas/B/properties/r'],
    ]);
  });

  it('is deterministic: same input, same bytes; shuffled key order, same bytes', () => {
    const entries = SESSION_NAMES.map((n) => componentEntry(n));
    const first = emitValidators({ document: session, dialect: 'openapi-3.1', entries }).content;
    expect(emitValidators({ document: session, dialect: 'openapi-3.1', entries }).content).toBe(first);
    expect(emitValidators({ document: reverseKeys(session), dialect: 'openapi-3.1', entries }).content).toBe(first);
    const evil = emitValidators({ document: evilDoc, dialect: 'openapi-3.1', entries: evilEntries }).content;
    expect(emitValidators({ document: reverseKeys(evilDoc), dialect: 'openapi-3.1', entries: evilEntries }).content).toBe(evil);
  });

  it('calls yes/no functions and export roots through const bindings, which V8 folds into the caller', () => {
    const { content } = emitValidators({ document: evilDoc, dialect: 'openapi-3.1', entries: evilEntries });
    const file = ts.createSourceFile('validators.ts', content, ts.ScriptTarget.ES2022, true);
    const declared: string[] = [];
    const aliases = new Map<string, string>();
    for (const st of file.statements) {
      if (ts.isFunctionDeclaration(st) && !st.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) declared.push(st.name!.text);
      if (ts.isVariableStatement(st) && (st.declarationList.flags & ts.NodeFlags.Const) !== 0) {
        for (const d of st.declarationList.declarations) {
          if (ts.isIdentifier(d.name) && d.initializer && ts.isIdentifier(d.initializer)) aliases.set(d.initializer.text, d.name.text);
        }
      }
    }
    const quick = declared.filter((n) => /^[qc]_/.test(n));
    expect(quick.filter((n) => n.startsWith('q_')).length).toBeGreaterThan(5);
    expect(quick.filter((n) => n.startsWith('c_')).length).toBeGreaterThan(3);
    for (const name of quick) {
      expect(name).toMatch(/\$$/);
      expect(aliases.get(name)).toBe(name.slice(0, -1));
    }
    // other collecting functions run on invalid input only: declared under their own name
    const collecting = declared.filter((n) => n.startsWith('v_'));
    expect(collecting.length).toBeGreaterThan(3);
    expect(collecting.filter((n) => n.endsWith('$') || aliases.has(n))).toEqual([]);
    // the declarations' own names appear only in their alias: every call goes through the const
    const uses = new Map<string, number>();
    const visit = (n: ts.Node): void => {
      if (ts.isIdentifier(n) && n.text.endsWith('$')) uses.set(n.text, (uses.get(n.text) ?? 0) + 1);
      ts.forEachChild(n, visit);
    };
    visit(file);
    for (const name of quick) expect(uses.get(name), name).toBe(2);
  });

  it('compiles each component once per variant (yes/no, collecting) and shares it (recursion is a call)', () => {
    const out = emitValidators({ document: evilDoc, dialect: 'openapi-3.1', entries: [componentEntry('Rec'), componentEntry('Rec', { exportName: 'again' })] });
    expect(out.content.match(/^\/\/ #\/components\/schemas\/Rec$/gm)).toHaveLength(1);
    expect(out.content.match(/^\/\/ yes\/no: #\/components\/schemas\/Rec$/gm)).toHaveLength(1);
  });
});

function reverseKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reverseKeys);
  if (typeof v !== 'object' || v === null) return v;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v).reverse()) Object.defineProperty(out, k, { value: reverseKeys((v as Record<string, unknown>)[k]), enumerable: true, writable: true, configurable: true });
  return out;
}
