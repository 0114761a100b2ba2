/**
 * The TypeScript blocks of a generated package's docs (README.md, REFERENCE.md), made into files that compile
 * against the package: each block must be self-contained, importing only from the package's own name, which is
 * pointed at the package's `src/index.js` here the way a consumer's resolver points it at `dist/`.
 */
import type { GeneratedFile } from '../../src/generated-file.js';

/** The documentation files of a package, in the order they are checked. */
export const DOC_FILES = ['README.md', 'REFERENCE.md'] as const;

/** One fenced block of a Markdown text: its language tag, its lines, and the line its fence opens on (1-based). */
export interface FencedBlock {
  lang: string;
  code: string;
  line: number;
}

/** Every fenced block (``` at the start of a line, as the generator writes them), in order. */
export function fencedBlocks(markdown: string): FencedBlock[] {
  const lines = markdown.split('\n');
  const blocks: FencedBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)$/.exec(lines[i]!);
    if (!open) continue;
    const end = lines.indexOf('```', i + 1);
    if (end === -1) throw new Error(`line ${i + 1}: a fence that is never closed`);
    blocks.push({ lang: open[1]!, code: lines.slice(i + 1, end).join('\n'), line: i + 1 });
    i = end;
  }
  return blocks;
}

/** The modules a block imports from (`import ... from "x"`), in order. */
export function importedModules(code: string): string[] {
  return [...code.matchAll(/^import\b[^;]*?\bfrom\s+("[^"]*"|'[^']*')/gm)].map((m) => JSON.parse(m[1]!.replace(/^'|'$/g, '"')) as string);
}

/**
 * The TypeScript blocks of every doc file of `files` as package files under `docs/`, their imports of `packageName`
 * pointed at `../src/index.js`. Throws when a block imports anything else, or imports nothing (so it is not
 * self-contained, or not what a consumer could paste).
 */
export function docBlockFiles(files: readonly GeneratedFile[], packageName: string): GeneratedFile[] {
  const out: GeneratedFile[] = [];
  for (const docFile of DOC_FILES) {
    const doc = files.find((f) => f.path === docFile);
    if (!doc) continue;
    for (const block of fencedBlocks(doc.content)) {
      if (block.lang !== 'ts') continue;
      const modules = importedModules(block.code);
      if (modules.length === 0 || modules.some((m) => m !== packageName)) {
        throw new Error(`${docFile}:${block.line}: a block must import from ${packageName} alone, imports ${JSON.stringify(modules)}`);
      }
      const name = `docs/${docFile.replace('.md', '').toLowerCase()}-line-${block.line}.ts`;
      const code = block.code.replace(/(\bfrom\s+)"[^"]*"/g, '$1"../src/index.js"');
      out.push({ path: name, content: `${code}\nexport {};\n` });
    }
  }
  return out;
}

/** How a doc block ended when run: it finished, or threw (an ApiError's `kind`, else the error's name). */
export interface BlockOutcome {
  path: string;
  outcome: string;
  message?: string;
}

/**
 * Runs every TypeScript block of the package's docs against the package transpiled into `dir`, with
 * `globalThis.fetch` answering every request with `status` and no body, and `console` silenced. What matters is
 * how each block ends: a `request_validation` ApiError would mean an example sends arguments its own package
 * rejects.
 */
export async function runDocBlocks(files: readonly GeneratedFile[], packageName: string, dir: string, status = 418): Promise<BlockOutcome[]> {
  const ts = (await import('typescript')).default;
  const { mkdirSync, writeFileSync } = await import('node:fs');
  const { dirname, join } = await import('node:path');
  const { pathToFileURL } = await import('node:url');
  const emit = (path: string, source: string) => {
    const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true } }).outputText;
    const out = join(dir, path.replace(/\.ts$/, '.js'));
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, js);
    return out;
  };
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  for (const f of files) if (f.path.startsWith('src/') && f.path.endsWith('.ts')) emit(f.path, f.content);
  const blocks = docBlockFiles(files, packageName).map((b) => ({ path: b.path, file: emit(b.path, b.content) }));
  const realFetch = globalThis.fetch;
  const quiet = { log: console.log, error: console.error, warn: console.warn };
  globalThis.fetch = async () => new Response(null, { status });
  console.log = console.error = console.warn = () => undefined;
  const outcomes: BlockOutcome[] = [];
  try {
    for (const block of blocks) {
      try {
        await import(pathToFileURL(block.file).href);
        outcomes.push({ path: block.path, outcome: 'finished' });
      } catch (err) {
        const e = err as { kind?: string; name?: string; message?: string };
        outcomes.push({ path: block.path, outcome: e.kind ?? e.name ?? 'thrown', message: e.message ?? String(err) });
      }
    }
  } finally {
    globalThis.fetch = realFetch;
    Object.assign(console, quiet);
  }
  return outcomes;
}
