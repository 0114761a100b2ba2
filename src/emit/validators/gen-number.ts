import { toLiteral } from '../literal.js';
import { fail, type Gen } from './context.js';
import { hasAnyKeyword } from './schema-index.js';

/** minimum/maximum, exclusive bounds (2020-12 numbers, or OpenAPI 3.0 booleans) and multipleOf; `x` is a number here. */
export function genNumberKeywords(g: Gen, x: string, s: Record<string, unknown>): string {
  if (!hasAnyKeyword(s, NUMBER_KEYWORDS)) return '';
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
  // OpenAPI's integer formats, as ajv-formats reads them (and Prism): int32 is a signed 32-bit integer, int64 any
  // integer (a JS number past 2^53 has lost its digits already, so no range is checked)
  if ((s.format === 'int32' || s.format === 'int64') && g.ctx.opts.formats === 'assert') {
    // `type: integer` has checked that already
    const integer = s.type === 'integer' ? [] : [`Number.isInteger(${x})`];
    const range = s.format === 'int32' ? [`${x} >= -2147483648`, `${x} <= 2147483647`] : [];
    const test = [...integer, ...range];
    const msg = s.format === 'int32' ? 'Input should be a 32-bit integer' : 'Input should be an integer';
    if (test.length > 0) out.push(`if (!(${test.join(' && ')})) ${fail(g, `${s.format}_parsing`, toLiteral(msg))}`);
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

/** Every keyword `genNumberKeywords` reads. */
const NUMBER_KEYWORDS = ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'format', 'multipleOf'] as const;

/** A number literal that stays a number when negative (wrapped in parentheses). */
function num(n: number): string {
  const t = JSON.stringify(n);
  return n < 0 ? `(${t})` : t;
}
