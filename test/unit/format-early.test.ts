/**
 * Files formatted ahead of the format stage (src/format.ts `formatEarly`, while the main thread would wait for the
 * types worker) come out exactly as formatting them in the stage: a large file is re-indented at once and kept in
 * place of the unformatted one; a prettier result is used only for the very file object it was made for, so a file
 * changed since is formatted again; prettier's error shows when the file is formatted.
 */
import { describe, expect, it } from 'vitest';
import type { GeneratedFile } from '../../src/generated-file.js';
import { formatEarly, formatFiles, PRETTIER_MAX_BYTES } from '../../src/format.js';

const large = { path: 'src/big.ts', content: `export const a = {\nb: [\n${'1,\n'.repeat(PRETTIER_MAX_BYTES / 3)}],\n};\n` };
const files: GeneratedFile[] = [
  { path: 'package.json', content: '{"name":"x","version":"1.0.0"}' },
  { path: 'src/index.ts', content: "export   * from './a.js'" },
  { path: 'src/runtime.ts', content: 'kept   as it is', preformatted: true },
  { path: 'README.md', content: '# x\n' },
  large,
];

describe('formatEarly', () => {
  it('gives what the format stage gives', async () => {
    const early = new Map<GeneratedFile, Promise<string>>();
    const kept = files.map((file) => formatEarly(file, early));
    expect([...early.keys()].map((f) => f.path).sort()).toEqual(['README.md', 'package.json', 'src/index.ts']);
    // the large file is replaced by its re-indented text, which the format stage keeps as it is
    const big = kept.find((f) => f.path === large.path)!;
    expect(big).not.toBe(large);
    expect(big.preformatted).toBe(true);
    expect(kept.filter((f) => f.path !== large.path)).toEqual(files.filter((f) => f.path !== large.path));
    expect(await formatFiles(kept, undefined, early)).toEqual(await formatFiles(files));
  });

  it('is used for the very file object only', async () => {
    const early = new Map<GeneratedFile, Promise<string>>();
    const before = { path: 'src/index.ts', content: "export   * from './a.js'" };
    formatEarly(before, early);
    const after = { path: 'src/index.ts', content: "export   * from './b.js'" };
    expect(await formatFiles([after], undefined, early)).toEqual([{ path: 'src/index.ts', content: 'export * from "./b.js";\n' }]);
  });

  it("reports prettier's error when the file is formatted, and none for a file no longer there", async () => {
    const early = new Map<GeneratedFile, Promise<string>>();
    const bad = { path: 'src/bad.ts', content: 'export const = ;' };
    formatEarly(bad, early);
    formatEarly({ path: 'src/gone.ts', content: 'export const = ;' }, early);
    await expect(formatFiles([bad], undefined, early)).rejects.toThrow();
  });
});
