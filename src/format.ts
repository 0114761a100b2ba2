import * as prettier from 'prettier';
import type { GeneratedFile } from './generated-file.js';

/** Pinned here, not read from any config file on the machine, so output is the same everywhere. */
export const PRETTIER_OPTIONS: prettier.Options = {
  printWidth: 100,
  tabWidth: 2,
  useTabs: false,
  semi: true,
  singleQuote: false,
  trailingComma: 'all',
  bracketSpacing: true,
  arrowParens: 'always',
  endOfLine: 'lf',
  proseWrap: 'preserve',
};

/**
 * Files above this size skip prettier: it formats ~200 kB/s, so the 1–7 MB files of GitHub's or Stripe's
 * package would take minutes and gigabytes (issue 4 §8). They are re-indented instead (see
 * {@link reindentTypeScript}). The choice depends only on the content, so output stays deterministic; the
 * Zenskar package (generated/) is far below it and stays prettier-stable.
 */
export const PRETTIER_MAX_BYTES = 256 * 1024;

const PARSERS: Record<string, string> = { ts: 'typescript', json: 'json', md: 'markdown' };

/** Formats every file prettier knows by extension (large TypeScript files are only re-indented); others pass through. */
export async function formatFiles(files: readonly GeneratedFile[]): Promise<GeneratedFile[]> {
  const out: GeneratedFile[] = [];
  // one at a time: prettier is CPU-bound, and running all at once only raises peak memory
  for (const file of files) out.push(await formatFile(file));
  return out;
}

async function formatFile(file: GeneratedFile): Promise<GeneratedFile> {
  const parser = PARSERS[file.path.split('.').pop() ?? ''];
  if (!parser) return file;
  if (file.content.length > PRETTIER_MAX_BYTES) {
    return parser === 'typescript' ? { path: file.path, content: reindentTypeScript(file.content) } : file;
  }
  return { path: file.path, content: await prettier.format(file.content, { ...PRETTIER_OPTIONS, parser }) };
}

/**
 * Re-indents TypeScript by bracket depth (two spaces a level), trims trailing spaces, collapses blank runs and
 * ends with one newline, in one linear pass over the characters (~100× faster than prettier). Lines that begin
 * inside a string or template literal are left alone; JSDoc continuation lines keep their ` * ` alignment.
 */
export function reindentTypeScript(source: string): string {
  const lines = source.split('\n');
  const infos = lineInfos(source, lines);
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const info = infos[i]!;
    const line = lines[i]!;
    if (info.inLiteral) {
      out.push(line); // content, not layout
      continue;
    }
    const text = line.trim();
    if (text === '') {
      if (out.length > 0 && out[out.length - 1] !== '') out.push('');
      continue;
    }
    const closers = /^[}\])]/.test(text) ? 1 : 0;
    const depth = Math.max(0, info.depth - closers);
    out.push(`${'  '.repeat(depth)}${info.inComment && text.startsWith('*') ? ' ' : ''}${text}`);
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return `${out.join('\n')}\n`;
}

interface LineInfo {
  depth: number;
  inComment: boolean;
  inLiteral: boolean;
}

type Mode = 'code' | 'block-comment' | 'line-comment' | 'single' | 'double' | 'template' | 'regex';

/**
 * For each line, the bracket depth and lexical mode at its start. A `/` starts a regular expression unless the
 * previous significant character ends a value (identifier, number, `)` or `]`), the usual heuristic.
 */
function lineInfos(source: string, lines: readonly string[]): LineInfo[] {
  const infos: LineInfo[] = [];
  const templateDepths: number[] = [];
  let depth = 0;
  let mode: Mode = 'code';
  let previous = '';
  let inClass = false;
  for (const line of lines) {
    infos.push({ depth, inComment: mode === 'block-comment', inLiteral: mode === 'template' });
    if (mode === 'line-comment') mode = 'code';
    for (let i = 0; i < line.length; i++) {
      const c = line[i]!;
      if (mode === 'code') {
        if (c === '/' && line[i + 1] === '/') { mode = 'line-comment'; break; }
        if (c === '/' && line[i + 1] === '*') { mode = 'block-comment'; i++; continue; }
        if (c === '"') mode = 'double';
        else if (c === "'") mode = 'single';
        else if (c === '`') mode = 'template';
        else if (c === '/' && !/[\w$)\]]/.test(previous)) { mode = 'regex'; inClass = false; }
        else if (c === '{' || c === '(' || c === '[') depth++;
        else if (c === '}' && templateDepths.length > 0 && templateDepths[templateDepths.length - 1] === depth) { templateDepths.pop(); mode = 'template'; }
        else if (c === '}' || c === ')' || c === ']') depth = Math.max(0, depth - 1);
        if (c !== ' ' && c !== '\t') previous = c;
      } else if (mode === 'block-comment') {
        if (c === '*' && line[i + 1] === '/') { mode = 'code'; i++; }
      } else if (mode === 'template') {
        if (c === '\\') i++;
        else if (c === '`') { mode = 'code'; previous = '`'; }
        else if (c === '$' && line[i + 1] === '{') { templateDepths.push(depth); mode = 'code'; i++; previous = '{'; }
      } else if (mode === 'regex') {
        if (c === '\\') i++;
        else if (c === '[') inClass = true;
        else if (c === ']') inClass = false;
        else if (c === '/' && !inClass) { mode = 'code'; previous = ')'; }
      } else if (c === '\\') i++;
      else if ((mode === 'double' && c === '"') || (mode === 'single' && c === "'")) { mode = 'code'; previous = '"'; }
    }
    // a string or regex literal cannot span lines (a line continuation inside one is not generated)
    if (mode === 'single' || mode === 'double' || mode === 'regex') mode = 'code';
  }
  return infos;
}
