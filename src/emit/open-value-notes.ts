import { isRecord } from '../model/keywords-for-types.js';
import { docRefs, openFieldOf, openValueOf, responseReachable, type OpenValue } from '../model/open-values.js';

/**
 * Types tell the truth about responses from a newer API: a response field that can carry a value its type does not
 * list (model/open-values.ts) gets a note in its JSDoc, and so does such a component schema. The note is appended to
 * the `description` of the node in the private copy handed to openapi-typescript, which prints it as `@description`;
 * a document without such fields is left as it is, so its types stay byte-identical.
 */
export function noteOpenResponseValues(copy: Record<string, unknown>): void {
  const refs = docRefs(copy);
  const reachable = responseReachable(refs);
  const noted = new Set<object>();
  for (const schema of reachable) {
    if (!isRecord(schema.properties)) continue;
    for (const property of Object.values(schema.properties)) {
      if (!isRecord(property) || noted.has(property)) continue;
      const field = openFieldOf(refs, property);
      if (!field) continue;
      appendNote(property, openValueNote(field.open, field.inItems));
      noted.add(property);
    }
  }
  const components = isRecord(copy.components) && isRecord(copy.components.schemas) ? copy.components.schemas : {};
  for (const schema of Object.values(components)) {
    if (!isRecord(schema) || noted.has(schema) || !reachable.has(schema)) continue;
    const open = openValueOf(refs, schema);
    if (open) appendNote(schema, openValueNote(open, false));
  }
}

/** The sentence a field or schema that can carry an unlisted value gets. */
export function openValueNote(open: OpenValue, inItems: boolean): string {
  const what = open.kind === 'enum' ? 'a value not listed here' : `a variant not listed here (an unknown \`${open.property}\`)`;
  const where = inItems ? (open.kind === 'enum' ? `items with ${what}` : `items of ${what}`) : what;
  return `In responses, a newer version of the API may send ${where}: the client passes it through as received and reports it to \`hooks.onResponseDeviation\`.`;
}

function appendNote(node: Record<string, unknown>, note: string): void {
  const own = typeof node.description === 'string' && node.description.trim() !== '' ? node.description : undefined;
  node.description = own === undefined ? note : `${own}\n\n${note}`;
}
