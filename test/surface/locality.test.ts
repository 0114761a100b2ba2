/**
 * The snapshot is committed and reviewed as a diff, so one spec edit must touch only the lines about it:
 * no renumbering, no reordering. The only other line JSON allows to change is a neighbour's trailing comma.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractSurface, formatSurfaceJson } from '../../src/surface/index.js';
import { methodName } from './spec-builder.js';

// `any`: the edits below reach deep into a JSON document, and typing each step would hide what they change.
type Doc = Record<string, any>;

const seed = JSON.parse(readFileSync(new URL('../../spec/openapi-20240301.json', import.meta.url), 'utf8')) as Doc;

/** Lines only in `before` and lines only in `after`, by longest common subsequence. */
function lineDiff(before: string[], after: string[]): { removed: string[]; added: string[] } {
  const lcs: number[][] = Array.from({ length: before.length + 1 }, () => new Array<number>(after.length + 1).fill(0));
  for (let i = before.length - 1; i >= 0; i--) {
    for (let j = after.length - 1; j >= 0; j--) {
      const row = lcs[i] as number[];
      row[j] = before[i] === after[j] ? (lcs[i + 1]?.[j + 1] ?? 0) + 1 : Math.max(lcs[i + 1]?.[j] ?? 0, row[j + 1] ?? 0);
    }
  }
  const removed: string[] = [];
  const added: string[] = [];
  let [i, j] = [0, 0];
  while (i < before.length || j < after.length) {
    if (i < before.length && j < after.length && before[i] === after[j]) [i, j] = [i + 1, j + 1];
    else if (j < after.length && (i >= before.length || (lcs[i]?.[j + 1] ?? 0) >= (lcs[i + 1]?.[j] ?? 0))) added.push(after[j++] as string);
    else removed.push(before[i++] as string);
  }
  return { removed, added };
}

/** Snapshot lines with trailing commas dropped: a neighbour gaining a comma is JSON syntax, not content. */
function snapshotLines(doc: unknown): string[] {
  return formatSurfaceJson(extractSurface(doc, { methodName })).split('\n').map((l) => l.replace(/,$/, ''));
}

interface Edit {
  name: string;
  edit: (doc: Doc) => void;
  /** every added line must match this */
  about: RegExp;
  /** exact number of added lines */
  lines: number;
}

const schemas = (doc: Doc): Doc => doc['components']['schemas'];

const edits: Edit[] = [
  {
    name: 'a field added first in its object',
    edit: (d) => (schemas(d)['CreateSessionRequestSchema'].properties['aaa'] = { type: 'string' }),
    about: /"aaa"|"nullable": false|"required": false|"type": "string"|^\s*}$/,
    lines: 5,
  },
  {
    name: 'a field added last in its object',
    edit: (d) => (schemas(d)['CreateSessionRequestSchema'].properties['zzz'] = { type: 'integer' }),
    about: /"zzz"|"nullable": false|"required": false|"type": "integer"|^\s*}$/,
    lines: 5,
  },
  {
    name: 'an enum value added',
    edit: (d) => (schemas(d)['ValidationError'].properties['type'] = { type: 'string', enum: ['a', 'b'] }),
    about: /"enum": \[|"a"|"b"|^\s*\]$/,
    lines: 4,
  },
  {
    name: 'a field made required',
    edit: (d) => schemas(d)['CreateSessionRequestSchema'].required.push('session_key'),
    about: /"required": true/,
    lines: 1,
  },
  {
    name: 'an operation added',
    edit: (d) => (d['paths']['/customers/ping'] = { get: { operationId: 'ping', responses: { '204': { description: 'ok' } } } }),
    about: /GET \/customers\/ping|"deprecated": false|"method": "ping"|"operationId": "ping"|"parameters": \{\}|"responses": \{|"204": \{|"fields": \{\}|"media": \[\]|"nullable": false|"type": "none"|"tags": \[\]|^\s*}$/,
    lines: 15,
  },
];

describe('snapshot locality', () => {
  it.each(edits)('$name changes only its own lines', ({ edit, about, lines }) => {
    const after = structuredClone(seed);
    edit(after);
    const diff = lineDiff(snapshotLines(seed), snapshotLines(after));
    expect(diff.removed).toEqual(lines === 1 ? [expect.stringMatching(/"required": false/)] : []);
    expect(diff.added).toHaveLength(lines);
    for (const line of diff.added) expect(line).toMatch(about);
  });
});
