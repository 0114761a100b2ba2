/**
 * `checkFiles` (src/output.ts) compares by bytes where it can, but its verdict is the one comparing the files read as
 * UTF-8 text gives: the same drift for equal bytes, other bytes, a lone surrogate (written as U+FFFD) and invalid
 * bytes on disk (read as U+FFFD).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GeneratedFile } from '../../src/generated-file.js';
import { checkFiles } from '../../src/output.js';
import { tempDir } from '../helpers/cli.js';

/** The comparison as text, file by file: what the verdict must stay. */
function textDrift(dir: string, files: readonly GeneratedFile[]): string[] {
  return files.filter((f) => readFileSync(join(dir, f.path), 'utf8') !== f.content).map((f) => f.path);
}

describe('checkFiles', () => {
  const dir = tempDir('zc-check-');
  mkdirSync(join(dir, 'src'), { recursive: true });
  const disk: Array<[string, Buffer | string]> = [
    ['same.ts', 'export const a = 1;\n'],
    ['other.ts', 'export const a = 1;\n'],
    ['surrogate.md', Buffer.from('a \ud800 b', 'utf8')],
    ['replacement.md', 'a \ufffd b'],
    ['invalid.md', Buffer.from([0x61, 0x20, 0xff, 0x20, 0x62])],
    ['src/ü.ts', 'é\u2028\n'],
    ['gone.ts', 'x'],
  ];
  for (const [path, content] of disk) writeFileSync(join(dir, path), content);
  const files: GeneratedFile[] = [
    { path: 'same.ts', content: 'export const a = 1;\n' },
    { path: 'other.ts', content: 'export const a = 2;\n' },
    { path: 'surrogate.md', content: 'a \ud800 b' },
    { path: 'replacement.md', content: 'a \ufffd b' },
    { path: 'invalid.md', content: 'a \ufffd b' },
    { path: 'src/ü.ts', content: 'é\u2028\n' },
  ];

  it('gives the verdict comparing text gives, with or without the bytes at hand', async () => {
    const expected = [...textDrift(dir, files), 'gone.ts'].sort();
    expect(expected).toEqual(['gone.ts', 'other.ts', 'surrogate.md']);
    const encoded = new Map(files.map((f) => [f, Buffer.from(f.content, 'utf8')]));
    for (const bytes of [undefined, encoded]) {
      const drift = await checkFiles(dir, [...files, { path: 'new.ts', content: 'n' }], bytes);
      expect(drift.map((d) => d.path)).toEqual([...expected, 'new.ts'].sort());
      expect(drift.find((d) => d.path === 'other.ts')).toEqual({ path: 'other.ts', change: 'changed', before: 'export const a = 1;\n', after: 'export const a = 2;\n' });
      expect(drift.find((d) => d.path === 'gone.ts')).toEqual({ path: 'gone.ts', change: 'removed', before: 'x', after: '' });
      expect(drift.find((d) => d.path === 'new.ts')).toEqual({ path: 'new.ts', change: 'added', before: '', after: 'n' });
    }
  });

  it('uses the bytes of the very file object only (a file changed since is another object)', async () => {
    const before = { path: 'same.ts', content: 'export const a = 1;\n' };
    const after = { path: 'same.ts', content: 'export const a = 3;\n' };
    const drift = await checkFiles(dir, [after], new Map([[before, Buffer.from(before.content)]]));
    expect(drift.find((d) => d.path === 'same.ts')?.change).toBe('changed');
  });
});
