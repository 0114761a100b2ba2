/**
 * TypeScript for the README's examples, printed here because those files skip the formatter (prettier over a
 * Markdown file of a thousand operations would cost seconds). Every spec value goes through `toLiteral` and every
 * key through `toPropertyKey`, as in the rest of the generated code.
 */
import { toLiteral, toPropertyKey } from './literal.js';

/** Lines longer than this are broken, one element or property a line. */
const WIDTH = 80;

/**
 * A JSON value as a TypeScript expression, laid out for reading: on one line when it fits, else indented. `indent`:
 * the indentation of the line it starts on; `column`: where on that line it starts (`tail` characters follow it).
 */
export function printValue(value: unknown, indent = '', column = indent.length, tail = 0): string {
  const flat = printFlat(value);
  if (column + flat.length + tail <= WIDTH || typeof value !== 'object' || value === null) return flat;
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((item) => `${inner}${printValue(item, inner, inner.length, 1)},`).join('\n')}\n${indent}]`;
  }
  const keys = Object.keys(value);
  if (keys.length === 0) return '{}';
  const record = value as Record<string, unknown>;
  return `{\n${keys
    .map((key) => {
      const start = `${inner}${toPropertyKey(key)}: `;
      return `${start}${printValue(record[key], inner, start.length, 1)},`;
    })
    .join('\n')}\n${indent}}`;
}

function printFlat(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(printFlat).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    return keys.length === 0 ? '{}' : `{ ${keys.map((key) => `${toPropertyKey(key)}: ${printFlat(record[key])}`).join(', ')} }`;
  }
  return toLiteral(value);
}
