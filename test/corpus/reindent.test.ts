/** reindentedParts (src/format.ts): the layout of files too large for prettier (GitHub's and Stripe's packages). */
import { describe, expect, it } from 'vitest';
import { serialize } from 'node:v8';
import { reindentedParts } from '../../src/format.js';

/** The whole re-indented text (in parts of the size large files are cut into). */
const reindentTypeScript = (source: string): string => reindentedParts(source).join('');

describe('reindentedParts', () => {
  it('indents by bracket depth, two spaces a level, closing brackets one level out', () => {
    const input = ['function f(a: number) {', 'if (a) {', 'return [', '1,', '];', '}', '}', ''].join('\n');
    expect(reindentTypeScript(input)).toBe(['function f(a: number) {', '  if (a) {', '    return [', '      1,', '    ];', '  }', '}', ''].join('\n'));
  });

  it('ignores brackets in strings, comments and regular expressions, but not after a division', () => {
    const input = [
      'const a = "{[(";',
      "const b = '}';",
      '// {',
      '/* { */',
      'const r = /[/{]\\//;',
      'const d = (x) / 2 / (y);',
      'const e = {',
      'k: 1,',
      '};',
      '',
    ].join('\n');
    expect(reindentTypeScript(input)).toBe(
      ['const a = "{[(";', "const b = '}';", '// {', '/* { */', 'const r = /[/{]\\//;', 'const d = (x) / 2 / (y);', 'const e = {', '  k: 1,', '};', ''].join('\n'),
    );
  });

  it('leaves lines inside template literals alone (code inside `${}` is indented) and keeps JSDoc continuation alignment', () => {
    const input = ['const t = `a', '   {  b ${x ? {', 'y: 1', '} : 2}', '  c`;', '/**', '* doc', '*/', 'type T = {', '/**', '* field', '*/', 'f: 1;', '};', ''].join('\n');
    expect(reindentTypeScript(input)).toBe(
      ['const t = `a', '   {  b ${x ? {', '  y: 1', '} : 2}', '  c`;', '/**', ' * doc', ' */', 'type T = {', '  /**', '   * field', '   */', '  f: 1;', '};', ''].join('\n'),
    );
  });

  it('trims trailing spaces, collapses blank runs, ends with one newline, and is idempotent', () => {
    const input = 'a {   \n\n\n  b;\n}\n\n\n';
    const once = reindentTypeScript(input);
    expect(once).toBe('a {\n\n  b;\n}\n');
    expect(reindentTypeScript(once)).toBe(once);
  });

  // every way of cutting a file into parts must give the same text: state (brackets, comments, template literals,
  // blank runs, trailing blank lines) carries from one part to the next
  const tricky = [
    '\n\n/**',
    '* header \u2192 arrow',
    '*/',
    'function f(a: number) {   ',
    '',
    '',
    'const t = `line one',
    '',
    '',
    '  ${a ? {',
    'k: 1,',
    '} : 2} end`;',
    'const r = /[{]/;',
    'if (a) {',
    'return [',
    '1,',
    '];',
    '}',
    '/* {',
    '( */',
    '}',
    '',
    '',
    '',
  ].join('\n');

  it('gives the same text in parts of any size, each ending at a line end', () => {
    const whole = reindentTypeScript(tricky);
    expect(whole).toBe(
      ['/**', ' * header \u2192 arrow', ' */', 'function f(a: number) {', '', '  const t = `line one', '', '', '  ${a ? {', '    k: 1,', '  } : 2} end`;', '  const r = /[{]/;', '  if (a) {', '    return [', '      1,', '    ];', '  }', '  /* {', '  ( */', '}', ''].join('\n'),
    );
    for (let size = 1; size <= tricky.length + 1; size++) {
      const parts = reindentedParts(tricky, size);
      expect(parts.join(''), `parts of ${size}`).toBe(whole);
      for (const part of parts) expect(part.endsWith('\n')).toBe(true);
    }
    expect(reindentedParts('', 4)).toEqual(['\n']);
    expect(reindentedParts('\n\n\n', 1)).toEqual(['\n']);
  });

  it('gives the same text from the source in pieces, cut anywhere (inside a line too), as from the source whole', () => {
    const whole = reindentTypeScript(tricky);
    for (let cut = 0; cut <= tricky.length; cut++) {
      for (const size of [1, 7, 1 << 16]) {
        const pieces = [tricky.slice(0, cut), tricky.slice(cut)];
        expect(reindentedParts(pieces, size).join(''), `cut at ${cut}, parts of ${size}`).toBe(whole);
        const third = Math.floor((tricky.length - cut) / 2) + cut;
        expect(reindentedParts([tricky.slice(0, cut), '', tricky.slice(cut, third), tricky.slice(third)], size).join('')).toBe(whole);
      }
    }
    expect(reindentedParts(['', ''], 4)).toEqual(['\n']);
    expect(reindentedParts(['a', '', 'b'])).toEqual(['ab\n']);
  });

  it('keeps parts with no character beyond Latin-1 one byte a character when the source is two', () => {
    // V8 serialises a string with the tag of its representation: '"' one byte a character, 'c' two
    const representation = (s: string) => (serialize(s)[2] === 0x22 ? 'one-byte' : 'two-byte');
    const body = Array.from({ length: 2000 }, (_, i) => `const c${i} = { value: "caf\u00e9 ${i}" };`).join('\n');
    const source = `/* \u2192 */\n${body}\n`;
    expect(representation(source)).toBe('two-byte');
    const parts = reindentedParts(source, 4096);
    expect(parts.length).toBeGreaterThan(5);
    expect(representation(parts[0]!)).toBe('two-byte');
    for (const part of parts.slice(1)) expect(representation(part)).toBe('one-byte');
    expect(parts.join('')).toBe(reindentTypeScript(source));
  });
});
