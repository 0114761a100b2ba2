import { toLiteral } from '../literal.js';
import { fail, type Gen } from './context.js';

/** minimum/maximum, exclusive bounds (2020-12 numbers, or OpenAPI 3.0 booleans) and multipleOf; `x` is a number here. */
export function genNumberKeywords(g: Gen, x: string, s: Record<string, unknown>): string {
  const out: string[] = [];
  const is30 = g.ctx.opts.dialect === 'openapi-3.0';
  const bound = (op: string, type: string, words: string, limit: unknown): void => {
    if (typeof limit !== 'number') return;
    out.push(`if (${x} ${op} ${num(limit)}) ${fail(g, type, toLiteral(`Input should be ${words} ${limit}`))}`);
  };
  if (is30 && s.exclusiveMinimum === true) bound('<=', 'greater_than', 'greater than', s.minimum);
  else bound('<', 'greater_than_equal', 'greater than or equal to', s.minimum);
  if (is30 && s.exclusiveMaximum === true) bound('>=', 'less_than', 'less than', s.maximum);
  else bound('>', 'less_than_equal', 'less than or equal to', s.maximum);
  if (!is30) {
    bound('<=', 'greater_than', 'greater than', s.exclusiveMinimum);
    bound('>=', 'less_than', 'less than', s.exclusiveMaximum);
  }
  const m = s.multipleOf;
  if (typeof m === 'number' && m > 0) {
    let test: string;
    if (Number.isInteger(m)) test = `${x} % ${num(m)} !== 0`;
    else {
      g.ctx.helpers.add('mo');
      test = `!mo(${x}, ${num(m)})`;
    }
    out.push(`if (${test}) ${fail(g, 'multiple_of', toLiteral(`Input should be a multiple of ${m}`))}`);
  }
  return out.join('\n');
}

/** A number literal that stays a number when negative (wrapped in parentheses). */
function num(n: number): string {
  const t = JSON.stringify(n);
  return n < 0 ? `(${t})` : t;
}
