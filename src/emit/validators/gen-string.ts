import { toLiteral } from '../literal.js';
import { addIssue, constant, fail, type Gen } from './context.js';
import { formatCheck } from './formats.js';

/** minLength/maxLength (in code points), pattern (`u` flag) and format; `x` is a string here. */
export function genStringKeywords(g: Gen, x: string, s: Record<string, unknown>): string {
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

function genPattern(g: Gen, x: string, pattern: string): string {
  const re = compilePattern(g, pattern);
  if (re === undefined) return '';
  return `if (!${re}.test(${x})) ${fail(g, 'string_pattern_mismatch', toLiteral(`String should match pattern '${pattern}'`))}`;
}

/** A module constant holding `new RegExp(pattern, "u")`, or undefined (plus an Issue) when the pattern is invalid. */
export function compilePattern(g: Gen, pattern: string): string | undefined {
  try {
    new RegExp(pattern, 'u');
  } catch (err) {
    addIssue(g, 'error', 'invalid-pattern', `\`pattern\` ${JSON.stringify(pattern)} is not a valid ECMAScript regular expression with the \`u\` flag: ${(err as Error).message}`);
    return undefined;
  }
  return constant(g.ctx, 'R', `new RegExp(${toLiteral(pattern)}, "u")`);
}

/** `n word` or `n words`. */
export function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}
