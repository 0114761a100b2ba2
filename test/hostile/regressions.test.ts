import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../../src/run.js';
import { createLibCache, typecheckPackages } from './compile-packages.js';

// Bugs the hostile-spec property test found in other parts of the generator. Each test
// states the correct behaviour and FAILS until its fix lands; hostile-spec.ts excludes the same inputs from the
// property test (KNOWN_BUG_EXCLUSIONS) so that it keeps testing everything else. Fix, then delete the exclusion.

function spec(patch: (doc: Record<string, any>) => void): string {
  const doc: Record<string, any> = {
    openapi: '3.1.0',
    info: { title: 'Known bugs', version: '1.0.0' },
    servers: [{ url: 'https://api.example.com' }],
    paths: {
      '/things': {
        post: {
          operationId: 'createThing',
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } },
          responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } } },
        },
      },
    },
    components: { schemas: { Thing: { type: 'object', properties: { id: { type: 'string' } } } } },
  };
  patch(doc);
  const file = join(mkdtempSync(join(tmpdir(), 'zc-known-')), 'spec.json');
  writeFileSync(file, JSON.stringify(doc));
  return file;
}

/** Generates; the result must be files that parse and typecheck, or issues: never an exception. */
async function expectGeneratesCleanly(file: string): Promise<void> {
  const { files, issues } = await generate({ spec: file });
  expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
  const { syntax, types } = typecheckPackages([files!], createLibCache());
  expect({ syntax: syntax[0], types: types[0] }).toEqual({ syntax: [], types: [] });
}

const post = (doc: Record<string, any>) => doc.paths['/things'].post;

describe('bugs found by hostile input (regression tests)', () => {
  // src/emit/types.ts: openapi-typescript (its redocly resolver) calls `node.hasOwnProperty(...)` on spec maps.
  // Fix: hand openapiTS a copy whose map keys are renamed to placeholders and map the names back in the AST,
  // or at least catch its exceptions and return an Issue (code `types-failed`) naming the pointer.
  it('openapi-typescript: a property, scheme or media type named hasOwnProperty', async () => {
    await expectGeneratesCleanly(spec((d) => { d.components.schemas.Thing.properties.hasOwnProperty = { type: 'string' }; }));
  });

  // src/emit/types.ts, same fix: openapi-typescript reads `securitySchemes[name].type` through the prototype.
  it('openapi-typescript: a security scheme named constructor', async () => {
    await expectGeneratesCleanly(spec((d) => {
      d.components.securitySchemes = { constructor: { type: 'apiKey', in: 'header', name: 'x-key' } };
      d.security = [{ constructor: [] }];
    }));
  });

  // src/emit/types.ts: openapi-typescript builds pointers from raw names and percent-decodes them (URIError).
  it('openapi-typescript: % in a name (schema, operationId)', async () => {
    await expectGeneratesCleanly(spec((d) => {
      d.components.schemas['50%'] = { type: 'string' };
      d.components.schemas.Thing.properties.share = { $ref: '#/components/schemas/50%25' };
      post(d).operationId = 'create%thing';
    }));
  });

  // src/emit/types.ts: openapi-typescript decodes `%2F` in an operationId for `operations[...]` references but
  // not for the key: `Property 'create/thing' does not exist on type 'operations'`. Fix as above.
  it('openapi-typescript: a well-formed escape in an operationId', async () => {
    await expectGeneratesCleanly(spec((d) => { post(d).operationId = 'create%2Fthing'; }));
  });

  // src/model/build-model.ts assignNames: `toPascalCase('_1st')` is `1st`, so `export interface 1stArgs`.
  // Fix: `claimStem(typeNames, toIdentifier(toPascalCase(methodName), 'Call'))` (toIdentifier prefixes `_`).
  it('type stem: an operationId that starts with a digit', async () => {
    await expectGeneratesCleanly(spec((d) => { post(d).operationId = '1st-thing'; }));
  });

  // src/model/naming.ts: `\p{L}` accepts letters newer than TypeScript 5.9's Unicode tables (CJK Extension H,
  // Unicode 15), so `readonly 𲝤: ...` does not parse. Fix: toIdentifier keeps only characters for which
  // `ts.isIdentifierStart/Part(ch, ts.ScriptTarget.ESNext)` holds (else `_`), or quote such keys.
  it('identifier from a new letter: a tag and an operationId in CJK Extension H', async () => {
    await expectGeneratesCleanly(spec((d) => { post(d).tags = ['\u{32764}']; post(d).operationId = 'x\u{32764}'; }));
  });

  // src/emit/client-view.ts httpErrorTypes: with only a `default` response (taken as success) there are no
  // error types and no fallback, so `export type XHttpError = ;`. Fix: `if (errors.length === 0) errors.push('never')`.
  it('empty HttpError union: an operation whose only response is `default`', async () => {
    await expectGeneratesCleanly(spec((d) => {
      post(d).responses = { default: { description: 'any', content: { 'application/json': { schema: { type: 'object' } } } } };
    }));
  });

  // (fixed; kept as a regression test) src/emit/validators (schema-index.ts resolution): a `$ref` to a component whose name has a control character,
  // a lone surrogate or is blank is reported `unresolved-ref` though the component exists. Fix: resolve `#/...`
  // refs with src/load/pointer.ts getAtPointer instead of URL parsing (which strips tabs/newlines and trims).
  it('validator $ref to an odd name: tab, newline, blank', async () => {
    await expectGeneratesCleanly(spec((d) => {
      for (const name of ['a\tb', 'line\nbreak', ' ']) {
        d.components.schemas[name] = { type: 'string' };
        d.components.schemas.Thing.properties[`p${name.length}`] = { $ref: `#/components/schemas/${encodeURIComponent(name)}` };
      }
    }));
  });

  // (fixed; kept as a regression test) src/emit/validators: `type: string` with `enum: ['a', 1, true]` compiles to `x === 1` after narrowing x to
  // string (TS2367), and `enum: [[]]` to `const C = []` (implicit any[], TS7034). Fix: compare enum members on
  // `unknown` (`(x as unknown) === 1`) or drop members the type excludes; type constants (`const C: unknown[] = []`).
  it('validator typing: enum members of other types than the schema type, and an empty array member', async () => {
    await expectGeneratesCleanly(spec((d) => {
      d.components.schemas.Thing.properties.kind = { type: 'string', enum: ['a', 1, true, null] };
      d.components.schemas.Thing.properties.shape = { enum: [[], {}] };
    }));
  });

  // src/emit/shield-names.ts: a name shielded from openapi-typescript must not lose its comment escaping. A `%`
  // key inside an `example` was renamed, then restored raw into the JSDoc openapi-typescript had escaped, so its
  // `*/` closed the comment. Data (example, default, enum, const, x-*) is no longer renamed; restored names escape `*/`.
  it('a `*/` and `%` in an example key, and in a schema name, stay inside comments', async () => {
    await expectGeneratesCleanly(spec((d) => {
      d.components.schemas.Thing.properties.sample = { type: 'string', example: { '*/ globalThis.pwned = 1; /*%': 1 } };
      d.components.schemas['50% */ x'] = { type: 'string', description: 'odd' };
      d.components.schemas.Thing.properties.odd = { $ref: '#/components/schemas/50%25%20*~1%20x' };
    }));
  });

  // src/emit/shield-names.ts: keys inside data (an example object) named like Object.prototype members also crash
  // openapi-typescript's resolver, which walks examples too; they are renamed there as well (strings are not).
  it('an example object with a hasOwnProperty key', async () => {
    await expectGeneratesCleanly(spec((d) => {
      d.components.schemas.Thing.properties.sample = { type: 'object', example: { hasOwnProperty: { constructor: '%' } } };
    }));
  });
});
