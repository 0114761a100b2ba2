/** Which operations use each component schema, and on which side of the wire, following schema-to-schema references. */
import { compareStrings } from './json-value.js';
import type { ApiSurface, Direction, ShapeSurface } from './types.js';

/** The operations and directions a schema is used in. */
export interface SchemaUsage {
  operations: string[];
  directions: Direction[];
}

/** Component names mentioned in a type string (`array<A|B>` → A, B); formats in parentheses are not names. */
export function namesInType(type: string, known: ReadonlySet<string>): string[] {
  return type
    .replace(/\([^()]*\)/g, '')
    .split(/[|&<>]/)
    .filter((token) => known.has(token));
}

function namesInShape(shape: { type: string; fields?: ShapeSurface['fields'] }, known: ReadonlySet<string>): string[] {
  const types = [shape.type, ...Object.values(shape.fields ?? {}).map((f) => f.type)];
  return types.flatMap((t) => namesInType(t, known));
}

/** Usage of every schema in `surface`; schemas no operation reaches are absent. */
export function computeSchemaUsage(surface: ApiSurface): Map<string, SchemaUsage> {
  const known = new Set(Object.keys(surface.schemas));
  const deps = new Map([...known].map((name) => [name, namesInShape(surface.schemas[name] as ShapeSurface, known)]));
  const usage = new Map<string, { operations: Set<string>; directions: Set<Direction> }>();
  const visit = (roots: string[], operation: string, direction: Direction): void => {
    const queue = [...roots];
    const seen = new Set<string>();
    for (let name = queue.pop(); name !== undefined; name = queue.pop()) {
      if (seen.has(name)) continue;
      seen.add(name);
      const entry = usage.get(name) ?? { operations: new Set(), directions: new Set() };
      entry.operations.add(operation);
      entry.directions.add(direction);
      usage.set(name, entry);
      queue.push(...(deps.get(name) ?? []));
    }
  };
  for (const [key, op] of Object.entries(surface.operations)) {
    const sent = [...Object.values(op.parameters), ...(op.requestBody ? [op.requestBody] : [])];
    visit(sent.flatMap((s) => namesInShape(s, known)), key, 'request');
    visit(Object.values(op.responses).flatMap((r) => namesInShape(r, known)), key, 'response');
  }
  return new Map(
    [...usage].map(([name, u]) => [
      name,
      { operations: [...u.operations].sort(compareStrings), directions: [...u.directions].sort(compareStrings) },
    ]),
  );
}

/** Merges the usage of a schema before and after a change, so a change is attributed to every operation it touches. */
export function mergeUsage(a: SchemaUsage | undefined, b: SchemaUsage | undefined): SchemaUsage {
  const operations = [...new Set([...(a?.operations ?? []), ...(b?.operations ?? [])])].sort(compareStrings);
  const directions = [...new Set([...(a?.directions ?? []), ...(b?.directions ?? [])])].sort(compareStrings);
  return { operations, directions };
}
