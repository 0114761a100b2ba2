import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { GeneratedFile } from '../generated-file.js';

/** The hand-written runtime (fetch transport, errors, serialisers): real, tested TypeScript, copied verbatim. */
export const RUNTIME_DIR = fileURLToPath(new URL('../runtime/', import.meta.url));

/**
 * Emits `src/<file>` for every runtime module, each under the generated-file header. They are kept prettier-formatted
 * with the output's options in the repository, so they skip the formatter (~0.4 s of prettier per generation).
 */
export function emitRuntimeFiles(header: string, dir: string = RUNTIME_DIR): GeneratedFile[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.d.ts'))
    .sort()
    .map((f) => ({ path: `src/${f}`, content: `${header}${readFileSync(`${dir}/${f}`, 'utf8')}`, preformatted: true }));
}
