import type { OpenAPITSOptions } from 'openapi-typescript';
import type { GeneratedFile } from '../generated-file.js';
import type { Issue } from '../issue.js';
import type { ApiModel, KnownGuard } from '../model/types.js';
import { generatedHeader, sanitizeForComment } from './header.js';
import { toLiteral } from './literal.js';

/** What renders openapi-typescript's part of the file (in process or in the emit worker: the same module). */
export type TypesSource = { source: string; issues: Issue[] };

/**
 * openapi-typescript's options (`readWriteMarkers`: the spec marks fields readOnly/writeOnly, see model/read-write.ts). Fields with a `default` stay optional (`defaultNonNullable: false`):
 * a default is what the server fills in, so a request may omit it. When the spec marks fields readOnly/writeOnly,
 * openapi-typescript's `$Read`/`$Write` markers are on. A bare `type: object` is a free-form object
 * (`emptyObjectsUnknown`: `Record<string, unknown>`, not `Record<string, never>`); an object with properties but no
 * `additionalProperties` stays exact (openapi-typescript's `additionalProperties: false` default), and one closed
 * with no properties stays empty (model/keywords-for-types.ts).
 */
export function typesOptions(readWriteMarkers: boolean): OpenAPITSOptions {
  return { defaultNonNullable: false, silent: true, readWriteMarkers, emptyObjectsUnknown: true };
}

/**
 * Assembles `src/types.ts`: openapi-typescript's `paths`, `components`, `operations`, plus one named export per
 * component schema, and an `isKnown<Type>` guard per schema that can carry an unlisted value in a response. With
 * readOnly/writeOnly markers the named exports are the `Readable` (response) shapes; the client asks for `Writable`
 * request bodies (see client-view.ts).
 */
export function typesFile({ source, issues }: TypesSource, model: ApiModel, specName: string): { file: GeneratedFile; issues: Issue[] } {
  const guards = new Map(model.knownGuards.map((g) => [g.specName, g]));
  const named = model.schemas.map((s) => {
    const guard = guards.get(s.specName);
    const lines = [s.description ? sanitizeForComment(s.description.split('\n')[0]!) : undefined, guard && guardHint(guard)].filter((l) => l !== undefined);
    const doc = lines.length === 0 ? '' : lines.length === 1 ? `/** ${lines[0]} */\n` : `/**\n${lines.map((l) => ` * ${l}`).join('\n *\n')}\n */\n`;
    const ref = `components["schemas"][${JSON.stringify(s.specName)}]`;
    return `${doc}export type ${s.typeName} = ${model.readWriteMarkers ? `Readable<${ref}>` : ref};`;
  });
  const content = [generatedHeader(specName), source, '', ...named, ...model.knownGuards.map(guardFunction), ''].join('\n');
  return { file: { path: 'src/types.ts', content }, issues };
}

/** The line a named type gets when a response may carry a value it does not list. */
function guardHint(guard: KnownGuard): string {
  const what = guard.open.kind === 'enum' ? 'a value' : 'a variant';
  return `In responses, a newer version of the API may send ${what} not listed here (the client passes it through as received); \`${guard.name}(value)\` tells listed ones apart.`;
}

/**
 * `isKnown<Type>(value)`: true for a listed value (an enum) or a listed variant (a discriminated union, by its tag).
 * A value the types do not describe is `never` in the `false` branch: that is where code handles it explicitly.
 */
function guardFunction(guard: KnownGuard): string {
  const compare = (subject: string, values: readonly unknown[]): string => values.map((v) => `${subject} === ${toLiteral(v)}`).join(' || ');
  if (guard.open.kind === 'enum') {
    return [
      '',
      '/**',
      ` * Whether \`value\` is one of the values \`${guard.typeName}\` lists. In responses, a newer version of the API may send another:`,
      ' * the client passes it through as received, so code that must handle every value checks here first.',
      ' */',
      `export function ${guard.name}(value: unknown): value is ${guard.typeName} {`,
      `  return ${compare('value', guard.open.values)};`,
      '}',
    ].join('\n');
  }
  return [
    '',
    '/**',
    ` * Whether \`value\` is a variant \`${guard.typeName}\` lists (by its \`${sanitizeForComment(guard.open.property).replace(/`/g, "'")}\`). In responses, a newer version of the API may`,
    ' * send another variant: the client passes it through as received, and in the `false` branch the types know nothing',
    ' * of it (`never`).',
    ' */',
    `export function ${guard.name}(value: ${guard.typeName}): value is ${guard.typeName} {`,
    `  const tag: unknown = typeof value === "object" && value !== null ? (value as unknown as Record<string, unknown>)[${toLiteral(guard.open.property)}] : undefined;`,
    `  return ${compare('tag', guard.open.tags)};`,
    '}',
  ].join('\n');
}
