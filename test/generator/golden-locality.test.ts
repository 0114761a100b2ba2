import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { structuredPatch } from 'diff';
import { describe, expect, it } from 'vitest';
import type { GeneratedFile } from '../../src/generated-file.js';
import { generate } from '../../src/run.js';
import { SPEC, tempDir } from '../helpers/cli.js';

/** Generates from an edited copy of the Zenskar spec (same file name, so headers and overlays stay the same). */
async function generateEdited(edit: (doc: any) => void): Promise<GeneratedFile[]> {
  const doc = JSON.parse(readFileSync(SPEC, 'utf8'));
  edit(doc);
  const file = join(tempDir(), 'openapi-20240301.json');
  writeFileSync(file, JSON.stringify(doc));
  const result = await generate({ spec: file, packageVersion: '1.0.0' });
  if (!result.files) throw new Error(result.issues.map((i) => i.message).join('\n'));
  return result.files;
}

interface Hunk {
  file: string;
  removed: string[];
  added: string[];
}

function hunks(before: GeneratedFile[], after: GeneratedFile[]): Hunk[] {
  const old = new Map(before.map((f) => [f.path, f.content]));
  const out: Hunk[] = [];
  for (const f of after) {
    const patch = structuredPatch(f.path, f.path, old.get(f.path) ?? '', f.content, '', '', { context: 0 });
    for (const h of patch.hunks) {
      out.push({
        file: f.path,
        removed: h.lines.filter((l) => l.startsWith('-')).map((l) => l.slice(1)),
        added: h.lines.filter((l) => l.startsWith('+')).map((l) => l.slice(1)),
      });
    }
  }
  return out;
}

/** Lines a purely additive edit may still touch: punctuation that moves (a comma, a closing bracket). */
const STRUCTURAL = /^[\s,;{}()[\]|]*$/;

/** Each edit adds one thing; its golden diff may only add lines about that thing (no renumbering, no reordering). */
const EDITS: Array<{ name: string; mentions: RegExp; edit: (doc: any) => void }> = [
  {
    name: 'an optional request field',
    mentions: /locale|Locale/,
    edit: (d) => (d.components.schemas.CreateSessionRequestSchema.properties.locale = { type: 'string', description: 'Locale' }),
  },
  {
    name: 'an optional response field',
    // `format: date-time` is part of the edit: the first date-time field brings the date-time checker into the
    // module, one added block of runtime code whose lines name it (`fDateTime`, `RFC 3339 date-time`).
    mentions: /expires_at|Expires|fDateTime|RFC 3339 date-time/,
    edit: (d) => (d.components.schemas.CustomerSessionResponseSchema.properties.expires_at = { type: 'string', format: 'date-time' }),
  },
  {
    name: 'a new schema',
    mentions: /Aardvark|aardvark/,
    edit: (d) => (d.components.schemas.Aardvark = { type: 'object', properties: { name: { type: 'string' } } }),
  },
  {
    name: 'a new operation',
    mentions: /ping|Ping|customers\/ping/,
    edit: (d) =>
      (d.paths['/customers/ping'] = {
        get: { operationId: 'ping', tags: ['Customers'], responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object', properties: { pong: { type: 'boolean' } } } } } } } },
      }),
  },
];

describe('golden diffs stay local', async () => {
  const base = await generateEdited(() => {});

  it.each(EDITS)('$name: only lines about it change', async ({ edit, mentions }) => {
    const changed = hunks(base, await generateEdited(edit));
    expect(changed.length).toBeGreaterThan(0);
    const offending = changed.filter(
      (h) =>
        h.removed.some((l) => !STRUCTURAL.test(l) && !mentions.test(l)) ||
        (h.added.length > 0 && !h.added.some((l) => mentions.test(l)) && !h.added.every((l) => STRUCTURAL.test(l) || l.trim().startsWith('*') || l.trim().startsWith('/**'))),
    );
    expect(offending.map((h) => `${h.file}\n- ${h.removed.join('\n- ')}\n+ ${h.added.join('\n+ ')}`)).toEqual([]);
  });
});
