import type { OpenAPITSOptions } from 'openapi-typescript';
import type { GeneratedFile } from '../generated-file.js';
import type { Issue } from '../issue.js';
import type { ApiModel } from '../model/types.js';
import { generatedHeader, sanitizeForComment } from './header.js';

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
 * component schema. With readOnly/writeOnly markers the named exports are the `Readable` (response) shapes; the
 * client asks for `Writable` request bodies (see client-view.ts).
 */
export function typesFile({ source, issues }: TypesSource, model: ApiModel, specName: string): { file: GeneratedFile; issues: Issue[] } {
  const named = model.schemas.map((s) => {
    const doc = s.description ? `/** ${sanitizeForComment(s.description.split('\n')[0]!)} */\n` : '';
    const ref = `components["schemas"][${JSON.stringify(s.specName)}]`;
    return `${doc}export type ${s.typeName} = ${model.readWriteMarkers ? `Readable<${ref}>` : ref};`;
  });
  const content = [generatedHeader(specName), source, '', ...named, ''].join('\n');
  return { file: { path: 'src/types.ts', content }, issues };
}
