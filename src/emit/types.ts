import openapiTS, { astToString } from 'openapi-typescript';
import type { GeneratedFile } from '../generated-file.js';
import type { ApiModel } from '../model/types.js';
import { generatedHeader, sanitizeForComment } from './header.js';

/**
 * Emits `src/types.ts`: openapi-typescript's `paths`, `components`, `operations`, plus one named export per
 * component schema. Fields with a `default` stay optional (`defaultNonNullable: false`): a default is what the
 * server fills in, so a request may omit it.
 */
export async function emitTypes(document: unknown, model: ApiModel, specName: string): Promise<GeneratedFile> {
  // openapi-typescript annotates the object it is given; hand it a copy so the loaded spec stays read-only.
  const nodes = await openapiTS(structuredClone(document) as Parameters<typeof openapiTS>[0], {
    defaultNonNullable: false,
    silent: true,
  });
  const named = model.schemas.map((s) => {
    const doc = s.description ? `/** ${sanitizeForComment(s.description.split('\n')[0]!)} */\n` : '';
    return `${doc}export type ${s.typeName} = components["schemas"][${JSON.stringify(s.specName)}];`;
  });
  const content = [generatedHeader(specName), astToString(nodes), '', ...named, ''].join('\n');
  return { path: 'src/types.ts', content };
}
