import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import type { Ajv2020 as AjvCore } from 'ajv/dist/2020.js';
import { createRenderer } from '../../src/emit/templates.js';
import { compileOurs, listRemotes, loadSuiteFiles, type FileScore } from './suite-harness.js';

const require = createRequire(import.meta.url);
const Ajv2020 = require('ajv/dist/2020.js') as { default: new (opts: object) => AjvCore };
const addFormats = require('ajv-formats') as { default: (ajv: AjvCore) => void };

/** The formats our validators assert (those OpenAPI specs use to mean a check); their optional/format files run in assertion mode. */
const FORMATS = ['uuid', 'date-time', 'date', 'time', 'email', 'uri', 'ipv4', 'ipv6'];

/** Keyword files OpenAPI specs rely on: these must pass 100% (a spec that uses one must get exactly what it says). */
const MUST_PASS = [
  'type', 'enum', 'const', 'properties', 'required', 'additionalProperties', 'patternProperties', 'propertyNames',
  'items', 'prefixItems', 'contains', 'minContains', 'maxContains', 'allOf', 'anyOf', 'oneOf', 'not', 'if-then-else',
  'dependentRequired', 'dependentSchemas', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf',
  'minLength', 'maxLength', 'pattern', 'minItems', 'maxItems', 'uniqueItems', 'minProperties', 'maxProperties',
  'ref', 'defs', 'boolean_schema', ...FORMATS.map((f) => `format/${f}`),
];

function makeAjv(formats: 'assert' | 'annotate'): AjvCore {
  const ajv = new Ajv2020.default({ strict: false, allErrors: true, validateFormats: formats === 'assert' });
  addFormats.default(ajv);
  for (const [uri, schema] of listRemotes()) {
    try {
      ajv.addSchema(schema as object, uri);
    } catch {
      // a remote ajv rejects only fails the cases that use it
    }
  }
  return ajv;
}

function runAjv(ajv: AjvCore, schema: unknown): ((v: unknown) => boolean) | undefined {
  try {
    const v = ajv.compile(schema as object);
    return (d) => v(d) as boolean;
  } catch {
    return undefined;
  }
}

async function scoreAll(): Promise<FileScore[]> {
  const renderer = createRenderer();
  const ajvs = { assert: makeAjv('assert'), annotate: makeAjv('annotate') };
  const scores: FileScore[] = [];
  for (const file of loadSuiteFiles(FORMATS)) {
    const score: FileScore = { name: file.name, total: 0, ours: 0, ajv: 0, unsupported: 0, failures: [] };
    for (const group of file.groups) {
      const ours = await compileOurs(group.schema, file.formats, renderer);
      const ajv = runAjv(ajvs[file.formats], group.schema);
      for (const c of group.tests) {
        score.total++;
        if (!ours.validate) score.unsupported++;
        let ok = false;
        try {
          ok = ours.validate !== undefined && ours.validate(c.data).ok === c.valid;
        } catch (err) {
          score.failures.push(`${group.description} / ${c.description}: threw ${String(err)}`);
        }
        if (ok) score.ours++;
        else if (ours.validate) score.failures.push(`${group.description} / ${c.description}`);
        if (ajv !== undefined && safe(() => ajv(c.data)) === c.valid) score.ajv++;
      }
      if (!ours.validate) score.failures.push(`${group.description}: not compiled (${ours.issues.join('; ')})`);
    }
    scores.push(score);
  }
  return scores;
}

function safe<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}

function printTable(scores: FileScore[]): void {
  const rows = scores.map((s) => `${s.name.padEnd(28)} ${String(s.total).padStart(5)} ${String(s.ours).padStart(5)} ${String(s.ajv).padStart(5)}${s.unsupported ? `  (unsupported: ${s.unsupported})` : ''}`);
  const sum = (k: 'total' | 'ours' | 'ajv'): number => scores.reduce((n, s) => n + s[k], 0);
  console.log(['file                          cases  ours   ajv', ...rows, `${'TOTAL'.padEnd(28)} ${String(sum('total')).padStart(5)} ${String(sum('ours')).padStart(5)} ${String(sum('ajv')).padStart(5)}`].join('\n'));
}

describe('JSON Schema Test Suite (draft 2020-12), ours vs ajv', async () => {
  const scores = await scoreAll();
  printTable(scores);
  if (process.env.SUITE_FAILURES) for (const s of scores) for (const f of s.failures) console.log(`FAIL ${s.name}: ${f}`);
  const byName = new Map(scores.map((s) => [s.name, s]));

  it.each(MUST_PASS)('%s passes 100%%', (name) => {
    const s = byName.get(name);
    expect(s, `suite file ${name} missing`).toBeDefined();
    expect(s!.failures).toEqual([]);
    expect(s!.ours).toBe(s!.total);
  });

  it('passes at least as many cases as ajv overall', () => {
    const ours = scores.reduce((n, s) => n + s.ours, 0);
    const ajv = scores.reduce((n, s) => n + s.ajv, 0);
    expect(ours).toBeGreaterThanOrEqual(ajv);
  });
});
