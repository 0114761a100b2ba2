/** reindentTypeScript (src/format.ts): the layout of files too large for prettier (GitHub's and Stripe's packages). */
import { describe, expect, it } from 'vitest';
import { reindentTypeScript } from '../../src/format.js';

describe('reindentTypeScript', () => {
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
});
