/**
 * Marker strings for rewrites of openapi-typescript's output: a schema of its private copy is replaced by one whose
 * printed form carries `"<prefix>…"` string literals, which a post-pass turns into what openapi-typescript cannot
 * print (optional tuple elements, recursive aliases). The prefix occurs nowhere in the document, so every such
 * literal in the output is a marker.
 */
export function choosePrefix(document: unknown, base: string): string {
  const text = JSON.stringify(document);
  let prefix = base;
  while (text.includes(prefix)) prefix += 'X';
  return prefix;
}

/** A `const` schema that openapi-typescript prints as the string literal `"<marker>"` (and as nothing else). */
export function markerSchema(marker: string): { const: string } {
  return { const: marker };
}

/** A regular expression source matching `text` literally. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
