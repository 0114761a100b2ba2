/**
 * Spec text is data, never code: every spec value that lands in a generated string literal or property key goes
 * through here. JSON.stringify escapes quotes, backslashes and control characters; U+2028/U+2029 are escaped too
 * (as ajv does) so that no line terminator can appear inside a literal in any toolchain.
 */
export function toLiteral(value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined) return 'undefined';
  // In an object literal `"__proto__": x` sets the prototype instead of defining a key; JSON.parse defines the key.
  if (typeof value === 'object' && value !== null && json.includes('"__proto__":')) return `JSON.parse(${escapeLineTerminators(JSON.stringify(json))})`;
  return escapeLineTerminators(json);
}

function escapeLineTerminators(text: string): string {
  // almost no literal holds one: one scan to find out, instead of two replacements
  if (!LINE_TERMINATOR.test(text)) return text;
  return text.replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

const LINE_TERMINATOR = /[\u2028\u2029]/;

/** A property key: bare when it is a plain ASCII identifier, else a quoted literal; `__proto__` computed, so it stays a key. */
export function toPropertyKey(name: string): string {
  if (name === '__proto__') return '["__proto__"]';
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : toLiteral(name);
}
