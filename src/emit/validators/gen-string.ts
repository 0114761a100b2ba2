import { toLiteral } from '../literal.js';
import { addIssue, constant, fail, type Gen } from './context.js';
import { formatCheck } from './formats.js';
import { childPtr } from '../../load/pointer.js';
import { hasAnyKeyword } from './schema-index.js';

/** minLength/maxLength (in code points), pattern (`u` flag) and format; `x` is a string here. */
export function genStringKeywords(g: Gen, x: string, s: Record<string, unknown>): string {
  if (!hasAnyKeyword(s, STRING_KEYWORDS)) return '';
  const out: string[] = [];
  const min = s.minLength;
  if (typeof min === 'number' && min > 0) {
    g.ctx.helpers.add('cl');
    // code points >= code units / 2, so the count is only needed for short-ish strings
    out.push(
      `if (${x}.length < ${min} || (${x}.length < ${2 * min} && cl(${x}) < ${min})) ${fail(g, 'string_too_short', toLiteral(`String should have at least ${min} ${plural(min, 'character')}`))}`,
    );
  }
  const max = s.maxLength;
  if (typeof max === 'number') {
    g.ctx.helpers.add('cl');
    out.push(`if (${x}.length > ${max} && cl(${x}) > ${max}) ${fail(g, 'string_too_long', toLiteral(`String should have at most ${max} ${plural(max, 'character')}`))}`);
  }
  if (typeof s.pattern === 'string') out.push(genPattern(g, x, s.pattern));
  if (typeof s.format === 'string' && g.ctx.opts.formats === 'assert') {
    const check = formatCheck(g.ctx, s.format);
    if (check) out.push(`if (!${check.test(x)}) ${fail(g, check.type, toLiteral(check.msg))}`);
  }
  return out.filter((c) => c !== '').join('\n');
}

/** Every keyword `genStringKeywords` reads. */
const STRING_KEYWORDS = ['minLength', 'maxLength', 'pattern', 'format'] as const;

function genPattern(g: Gen, x: string, pattern: string): string {
  const re = compilePattern(g, pattern, childPtr(g.at.pointer, 'pattern'));
  if (re === undefined) return '';
  return `if (!${re}.test(${x})) ${fail(g, 'string_pattern_mismatch', toLiteral(`String should match pattern '${pattern}'`))}`;
}

/**
 * A module constant holding the pattern's RegExp: with the `u` flag (what JSON Schema means), else without it (specs
 * written for Java or Python use escapes such as `\:` that `u` rejects), else none: the check is omitted with a
 * warning at `pointer`, so that one foreign pattern does not block a whole spec.
 */
export function compilePattern(g: Gen, pattern: string, pointer: string): string | undefined {
  for (const flags of ['u', '']) {
    try {
      new RegExp(pattern, flags);
    } catch {
      continue;
    }
    if (flags === '') {
      // Without `u`, `\p{L}` means the letters `p{L}` and `.` matches half a surrogate pair: say so.
      const message = `\`pattern\` ${JSON.stringify(pattern)} is not valid with the \`u\` flag JSON Schema implies; it is checked without it, where escapes such as \`\\p{...}\` mean other things`;
      addIssue({ ...g, at: { ...g.at, pointer } }, 'warning', 'pattern-without-unicode', message, 'write the pattern in ECMAScript syntax');
    }
    return constant(g.ctx, 'R', `new RegExp(${toLiteral(pattern)}${flags === '' ? '' : `, ${toLiteral(flags)}`})`);
  }
  const message = `\`pattern\` ${JSON.stringify(pattern)} is not a valid ECMAScript regular expression (with or without the \`u\` flag); it is not checked at run time`;
  addIssue({ ...g, at: { ...g.at, pointer } }, 'warning', 'invalid-pattern', message, 'write the pattern in ECMAScript syntax');
  return undefined;
}

/** `n word` or `n words`. */
export function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}
