import { toLiteral } from '../literal.js';
import { constant, fail, type Gen } from './context.js';

/** `enum` and `const` (JSON equality: 1 equals 1.0, objects compared deeply, key order ignored). */
export function genValueKeywords(g: Gen, x: string, s: Record<string, unknown>): string {
  const out: string[] = [];
  if (Array.isArray(s.enum)) {
    const values: unknown[] = s.enum;
    const msg = `Input should be ${describeChoices(values)}`;
    out.push(`if (!(${matchAny(g, x, values)})) ${fail(g, 'enum', toLiteral(msg))}`);
  }
  if (Object.prototype.hasOwnProperty.call(s, 'const')) {
    out.push(`if (!(${matchOne(g, x, s.const)})) ${fail(g, 'literal_error', toLiteral(`Input should be ${show(s.const)}`))}`);
  }
  return out.join('\n');
}

function matchAny(g: Gen, x: string, values: unknown[]): string {
  if (values.length === 0) return 'false';
  const primitives = values.filter((v) => typeof v !== 'object' || v === null);
  if (primitives.length === values.length && values.length > 6) {
    return `${constant(g.ctx, 'S', `new Set<unknown>(${toLiteral(values)})`)}.has(${x})`;
  }
  return values.map((v) => matchOne(g, x, v)).join(' || ');
}

function matchOne(g: Gen, x: string, v: unknown): string {
  if (typeof v !== 'object' || v === null) return `${x} === ${toLiteral(v)}`;
  g.ctx.helpers.add('eq');
  return `eq(${x}, ${constant(g.ctx, 'C', toLiteral(v))})`;
}

/** pydantic style: `'a', 'b' or 'c'`. */
export function describeChoices(values: unknown[]): string {
  const shown = values.map(show);
  return shown.length <= 1 ? (shown[0] ?? 'nothing') : `${shown.slice(0, -1).join(', ')} or ${shown[shown.length - 1]}`;
}

function show(v: unknown): string {
  return typeof v === 'string' ? `'${v}'` : JSON.stringify(v) ?? String(v);
}
