import { toLiteral } from '../literal.js';
import { atKey, blockVar, childGen, fail, freshVar, joinCode, type Gen } from './context.js';
import { quickFor } from './functions.js';
import { genSchema } from './gen-schema.js';
import { plural } from './gen-string.js';
import { hasAnyKeyword } from './schema-index.js';

/** prefixItems, items, contains/minContains/maxContains, minItems/maxItems, uniqueItems; `x` is an array here. */
export function genArrayKeywords(g: Gen, x: string, s: Record<string, unknown>): string {
  if (!hasAnyKeyword(s, ARRAY_KEYWORDS)) return '';
  const out: string[] = [];
  const prefix = Array.isArray(s.prefixItems) ? s.prefixItems : [];
  if (g.ann !== undefined && prefix.length > 0) out.push(`if (${g.ann}.i < ${prefix.length}) ${g.ann}.i = ${prefix.length};`);
  if (g.ann !== undefined && Object.prototype.hasOwnProperty.call(s, 'items')) out.push(`${g.ann}.i = Infinity;`);
  prefix.forEach((sub, i) => {
    const xi = blockVar(g);
    const code = genSchema(atKey(childGen(g, sub, 'prefixItems', i), String(i)), xi);
    if (code !== '') out.push(`if (${x}.length > ${i}) {\nconst ${xi}: unknown = ${x}[${i}];\n${code}\n}`);
  });
  if (Object.prototype.hasOwnProperty.call(s, 'items') && !Array.isArray(s.items)) {
    const i = freshVar(g, 'i');
    const xi = blockVar(g);
    const code = genSchema(atKey(childGen(g, s.items, 'items'), i), xi);
    if (code !== '') {
      out.push(`for (let ${i} = ${prefix.length}; ${i} < ${x}.length; ${i}++) {\nconst ${xi}: unknown = ${x}[${i}];\n${code}\n}`);
    }
  }
  out.push(genContains(g, x, s));
  out.push(genItemCount(g, x, s));
  if (s.uniqueItems === true) {
    g.ctx.helpers.add('uq');
    const j = freshVar(g, 'j');
    out.push(`{\nconst ${j} = uq(${x});\nif (${j} >= 0) ${fail(g, 'unique_items', toLiteral('List should have unique items; this item repeats an earlier one'), j)}\n}`);
  }
  return joinCode(out);
}

/** Every keyword `genArrayKeywords` reads (`minContains`/`maxContains` only with `contains`). */
const ARRAY_KEYWORDS = ['prefixItems', 'items', 'contains', 'minItems', 'maxItems', 'uniqueItems'] as const;

function genItemCount(g: Gen, x: string, s: Record<string, unknown>): string {
  const out: string[] = [];
  if (typeof s.minItems === 'number' && s.minItems > 0) {
    const msg = `${toLiteral(`List should have at least ${s.minItems} ${plural(s.minItems, 'item')} after validation, not `)} + ${x}.length`;
    out.push(`if (${x}.length < ${s.minItems}) ${fail(g, 'too_short', msg)}`);
  }
  if (typeof s.maxItems === 'number') {
    const msg = `${toLiteral(`List should have at most ${s.maxItems} ${plural(s.maxItems, 'item')} after validation, not `)} + ${x}.length`;
    out.push(`if (${x}.length > ${s.maxItems}) ${fail(g, 'too_long', msg)}`);
  }
  return out.join('\n');
}

function genContains(g: Gen, x: string, s: Record<string, unknown>): string {
  if (!Object.prototype.hasOwnProperty.call(s, 'contains')) return '';
  const min = typeof s.minContains === 'number' ? s.minContains : 1;
  const max = typeof s.maxContains === 'number' ? s.maxContains : undefined;
  const fn = quickFor(g, childGen(g, s.contains, 'contains').at);
  const [c, i] = [freshVar(g, 'cc'), freshVar(g, 'ic')];
  const stop = max === undefined && g.ann === undefined ? ` && ${c} < ${min}` : '';
  const note = g.ann === undefined ? '' : ` ${g.ann}.c.add(${i});`;
  const checks = [
    min > 0 ? `if (${c} < ${min}) ${fail(g, 'contains', toLiteral(`List should contain at least ${min} ${plural(min, 'item')} matching \`contains\``))}` : '',
    max !== undefined ? `if (${c} > ${max}) ${fail(g, 'contains', toLiteral(`List should contain at most ${max} ${plural(max, 'item')} matching \`contains\``))}` : '',
  ].filter((t) => t !== '');
  if (checks.length === 0 && note === '') return '';
  return `{\nlet ${c} = 0;\nfor (let ${i} = 0; ${i} < ${x}.length${stop}; ${i}++) {\nif (${fn}(${x}[${i}], d + 1)) {${note} ${c}++; }\n}\n${checks.join('\n')}\n}`;
}
