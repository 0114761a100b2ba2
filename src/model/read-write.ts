/**
 * Whether any schema in the document says `readOnly: true` or `writeOnly: true`. Only then are openapi-typescript's
 * read/write markers switched on: they change the shape of every generated type, which specs without such fields
 * need not pay for. https://spec.openapis.org/oas/v3.1.0#fixed-fields-20 (readOnly/writeOnly)
 */
export function usesReadWriteMarkers(document: unknown): boolean {
  const stack: unknown[] = [document];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== 'object' || node === null) continue;
    if (Array.isArray(node)) {
      for (const item of node) stack.push(item);
      continue;
    }
    const record = node as Record<string, unknown>;
    if (record.readOnly === true || record.writeOnly === true) return true;
    for (const key of Object.keys(record)) {
      // examples are data, not schemas: a `readOnly` key inside one says nothing
      if (key !== 'example' && key !== 'examples' && key !== 'enum' && key !== 'const' && key !== 'default') stack.push(record[key]);
    }
  }
  return false;
}
