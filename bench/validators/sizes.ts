import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/** min+gzip bytes that `entry` (an ESM snippet, resolved from `resolveDir`) adds to an esbuild bundle. */
export async function bundleSize(entry: string, resolveDir: string): Promise<{ min: number; gzip: number }> {
  const out = await build({
    stdin: { contents: entry, resolveDir, loader: 'ts' },
    bundle: true, minify: true, write: false, format: 'esm', platform: 'browser', logLevel: 'silent',
  });
  const code = out.outputFiles[0]!.contents;
  return { min: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

/** The entries whose sizes are compared: each keeps the request-body validator (or the whole operation) alive. */
export function sizeEntries(paths: { ours: string; ajv: string; ajvRequest: string; typia: string; zod: string; valibot: string }): Array<[string, string]> {
  const keep = (expr: string): string => `globalThis.__keep = ${expr};`;
  return [
    ['ours: request body', `import { validateCreateSessionRequestSchema as a } from ${JSON.stringify(paths.ours)}; ${keep('a')}`],
    ['ours: whole operation (request, 200, 422)', `import * as m from ${JSON.stringify(paths.ours)}; ${keep('[m.validateCreateSessionRequestSchema, m.validateCustomerSessionResponseSchema, m.validateHTTPValidationError]')}`],
    ['ajv standalone: request body', `import { CreateSessionRequestSchema as a } from ${JSON.stringify(paths.ajv)}; ${keep('a')}`],
    ['ajv standalone, request schema alone', `import { CreateSessionRequestSchema as a } from ${JSON.stringify(paths.ajvRequest)}; ${keep('a')}`],
    ['ajv standalone: whole operation', `import * as m from ${JSON.stringify(paths.ajv)}; ${keep('m')}`],
    ['typia: request body', `import { validateRequest as a } from ${JSON.stringify(paths.typia)}; ${keep('a')}`],
    ['valibot: request body', `import * as v from 'valibot'; import { valibotSchemas as s } from ${JSON.stringify(paths.valibot)}; ${keep('(i) => v.safeParse(s.CreateSessionRequestSchema, i)')}`],
    ['zod 4: request body', `import { zodSchemas as s } from ${JSON.stringify(paths.zod)}; ${keep('(i) => s.CreateSessionRequestSchema.safeParse(i)')}`],
  ];
}
