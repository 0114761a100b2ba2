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

const PARSERS: Record<string, string> = { ts: 'typescript', json: 'json', md: 'markdown' };

/** Formats every file prettier knows by extension; others pass through. */
export async function formatFiles(files: readonly GeneratedFile[]): Promise<GeneratedFile[]> {
  return Promise.all(
    files.map(async (file) => {
      const parser = PARSERS[file.path.split('.').pop() ?? ''];
      if (!parser) return file;
      return { path: file.path, content: await prettier.format(file.content, { ...PRETTIER_OPTIONS, parser }) };
    }),
  );
}
