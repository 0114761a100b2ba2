/** Files made of parts (src/generated-file.ts): the content is the parts joined, and their bytes are its bytes. */
import { describe, expect, it } from 'vitest';
import { fileOfParts, plainFile, utf8Of } from '../../src/generated-file.js';

describe('files made of parts', () => {
  const parts = ['// \u2192 header\n', 'const a = "caf\u00e9";\n', 'const b = "\ud83d\ude00";\n', 'const lone = "\ud800";\n', ''];

  it('hold the parts joined, and encode to the same bytes as their content', () => {
    const file = fileOfParts('src/a.ts', parts, { preformatted: true });
    expect(file).toEqual({ path: 'src/a.ts', content: parts.join(''), preformatted: true });
    expect(utf8Of(file).equals(Buffer.from(parts.join(''), 'utf8'))).toBe(true);
  });

  it('keep their bytes through a plain copy, which drops the flags', () => {
    const copy = plainFile(fileOfParts('src/a.ts', parts, { preformatted: true }));
    expect(copy).toEqual({ path: 'src/a.ts', content: parts.join('') });
    expect(utf8Of(copy).equals(Buffer.from(parts.join(''), 'utf8'))).toBe(true);
  });

  it('encode a file of no parts as an empty one, and a plain file as its content', () => {
    expect(fileOfParts('x', []).content).toBe('');
    expect(utf8Of(fileOfParts('x', [])).length).toBe(0);
    expect(utf8Of({ path: 'x', content: 'é\u2192' }).toString('hex')).toBe('c3a9e28692');
  });
});
