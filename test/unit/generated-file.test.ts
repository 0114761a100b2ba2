/** Files made of parts (src/generated-file.ts): the content is the parts joined, and their bytes are its bytes. */
import { getHeapStatistics } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { garbageCollector } from '../../src/collect-garbage.js';
import { fileOfParts, plainFile, utf8Of, type GeneratedFile } from '../../src/generated-file.js';

describe('files made of parts', () => {
  const parts = ['// \u2192 header\n', 'const a = "caf\u00e9";\n', 'const b = "\ud83d\ude00";\n', 'const lone = "\ud800";\n', ''];

  it('hold the parts joined, and encode to the same bytes as their content', () => {
    const file = fileOfParts('src/a.ts', parts, { preformatted: true });
    expect(file).toEqual({ path: 'src/a.ts', content: parts.join(''), preformatted: true });
    expect(utf8Of(file).equals(Buffer.from(parts.join(''), 'utf8'))).toBe(true);
    const copy = plainFile(file);
    expect(copy).toEqual({ path: 'src/a.ts', content: parts.join('') });
    expect(utf8Of(copy).equals(Buffer.from(parts.join(''), 'utf8'))).toBe(true);
  });

  it('encode a file of no parts as an empty one, and a plain file as its content', () => {
    expect(fileOfParts('x', []).content).toBe('');
    expect(utf8Of(fileOfParts('x', [])).length).toBe(0);
    expect(utf8Of({ path: 'x', content: 'é\u2192' }).toString('hex')).toBe('c3a9e28692');
  });

  // The point of the parts: encoding leaves the content a rope. Flattening it would make one copy of the whole text
  // two bytes a character (one part holds an arrow), which stays on the heap as the content's characters.
  it('are encoded, also through a plain copy, without making the content one flat string', () => {
    const collect = garbageCollector();
    // each part one flat string already (reading a character flattens a rope), as the re-indent's parts are
    const big = Array.from({ length: 64 }, (_, i) => `${String(i).padStart(2, '0')}${'x'.repeat(1 << 16)}\n`);
    for (const part of big) part.charCodeAt(0);
    const heapGrowth = (encode: (file: GeneratedFile) => Buffer): number => {
      const file = fileOfParts('src/big.ts', ['// \u2192\n', ...big]);
      collect();
      const before = getHeapStatistics().used_heap_size;
      expect(encode(file).length).toBe(file.content.length + 2);
      collect();
      const growth = getHeapStatistics().used_heap_size - before;
      expect(file.content.length).toBeGreaterThan(4_000_000); // kept alive until measured
      return growth;
    };
    // the whole text two bytes a character: ~8 MB
    expect(heapGrowth((file) => Buffer.from(file.content, 'utf8'))).toBeGreaterThan(6_000_000);
    expect(heapGrowth(utf8Of)).toBeLessThan(2_000_000);
    expect(heapGrowth((file) => utf8Of(plainFile(file)))).toBeLessThan(2_000_000);
  });
});
