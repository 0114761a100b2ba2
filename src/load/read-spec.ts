import { readFileSync, statSync, type Stats } from 'node:fs';
import { getHeapStatistics } from 'node:v8';
import { LineCounter, parseDocument } from 'yaml';
import type { Issue } from '../issue.js';

/** The raw document as read from disk, before any checks. */
export interface RawSpec {
  file: string;
  document: unknown;
}

/**
 * Generation holds the spec and its output in memory many times over: measured peaks are 1.2 GB for a 5 MB spec
 * and 2.6 GB for 15 MB, about 200 bytes of heap per byte of spec. A spec larger than the heap allows is refused
 * before reading, instead of exhausting the heap minutes later. With node's default heap (4 GB on 64-bit) that is
 * about 20 MB; GitHub's spec, among the largest public ones, is 13 MB.
 */
export const HEAP_BYTES_PER_SPEC_BYTE = 200;

/** The largest spec file this process can generate from, given its heap limit. */
export function maxSpecBytes(): number {
  return Math.floor(getHeapStatistics().heap_size_limit / HEAP_BYTES_PER_SPEC_BYTE);
}

/** Sees the text of each file as it is read, before parsing (the result cache's key is made of them). */
export type OnRead = (path: string, text: string) => void;

/**
 * Reads a spec file (JSON, or YAML for `.yaml`/`.yml`). Never throws for user problems: a missing file or a
 * syntax error comes back as an Issue naming the line and column.
 */
export async function readSpec(file: string, onRead?: OnRead): Promise<{ spec?: RawSpec; issues: Issue[] }> {
  const parsed = readSpecFileSync(file, file, onRead);
  if ('issue' in parsed) return { issues: [parsed.issue] };
  return { spec: { file, document: parsed.value }, issues: [] };
}

/**
 * Reads and parses one file synchronously (for `$ref` bundling, which discovers files while it walks).
 * `shownAs` is the name issues use for the file.
 */
export function readSpecFileSync(path: string, shownAs: string, onRead?: OnRead): { value: unknown } | { issue: Issue } {
  const read = readText(path, shownAs);
  if ('issue' in read) return read;
  onRead?.(path, read.text);
  return isYamlPath(path) ? parseYaml(shownAs, read.text) : parseJson(shownAs, read.text);
}

/** Reads a regular file of bounded size: a FIFO or a device (`/dev/zero`) would otherwise be read forever. */
function readText(path: string, shownAs: string): { text: string } | { issue: Issue } {
  try {
    const stat = statSync(path);
    if (!stat.isFile()) return { issue: unreadable(shownAs, `it is not a regular file but a ${fileKind(stat)}`, 'give the path of a JSON or YAML file') };
    if (stat.size > maxSpecBytes()) return { issue: tooLarge(shownAs, stat.size) };
    return { text: readFileSync(path, 'utf8') };
  } catch (err) {
    return { issue: readIssue(shownAs, err) };
  }
}

function tooLarge(file: string, size: number): Issue {
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  return {
    severity: 'error', code: 'spec-too-large', file, pointer: '#',
    message: `spec file is ${mb(size)}; with this heap the limit is ${mb(maxSpecBytes())} (generation would run out of memory)`,
    hint: 'split the spec into several smaller ones (e.g. one per tag), or give node more heap: NODE_OPTIONS=--max-old-space-size=16384',
  };
}

function fileKind(stat: Stats): string {
  if (stat.isDirectory()) return 'directory';
  if (stat.isFIFO()) return 'named pipe';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'device';
  if (stat.isSocket()) return 'socket';
  return 'special file';
}

function unreadable(file: string, why: string, hint: string): Issue {
  return { severity: 'error', code: 'spec-unreadable', file, pointer: '#', message: `spec file cannot be read: ${why}`, hint };
}

/** `.yaml` / `.yml` files are YAML; everything else is parsed as JSON. */
export function isYamlPath(file: string): boolean {
  return /\.ya?ml$/i.test(file);
}

function readIssue(file: string, err: unknown): Issue {
  const code = (err as NodeJS.ErrnoException).code;
  if (code !== 'ENOENT') return unreadable(file, `${code ?? String(err)}`, 'check the file permissions');
  return {
    severity: 'error',
    code: 'spec-not-found',
    file,
    pointer: '#',
    message: 'spec file not found',
    hint: 'check the path given to `--spec` (relative paths start at the current folder)',
  };
}

/** Parses JSON; a syntax error is reported at its 1-based line and column. */
export function parseJson(file: string, text: string): { value: unknown } | { issue: Issue } {
  try {
    return { value: JSON.parse(stripBom(text)) };
  } catch (err) {
    if (err instanceof RangeError) return { issue: tooDeepToParse(file) };
    const message = (err as Error).message;
    const offset = jsonErrorOffset(message, text);
    const { line, column } = lineAndColumn(stripBom(text), offset);
    return {
      issue: {
        severity: 'error',
        code: 'invalid-json',
        file: `${file}:${line}:${column}`,
        pointer: '',
        message: `invalid JSON at line ${line}, column ${column}: ${message.replace(/ in JSON at position \d+.*$/s, '')}`,
        hint: 'fix the syntax error (a trailing comma or a missing quote is the usual cause), or give a `.yaml` file for YAML',
      },
    };
  }
}

/** Parses YAML; a syntax error is reported at its 1-based line and column. */
export function parseYaml(file: string, text: string): { value: unknown } | { issue: Issue } {
  try {
    return parseYamlText(file, text);
  } catch (err) {
    // The yaml parser recurses per nesting level; absurd nesting overflows the stack before any check can run.
    if (err instanceof RangeError) return { issue: tooDeepToParse(file) };
    throw err;
  }
}

function tooDeepToParse(file: string): Issue {
  return {
    severity: 'error',
    code: 'too-deep',
    file,
    pointer: '#',
    message: 'the document nests too deeply to be parsed (thousands of levels)',
    hint: 'flatten the schema with `$ref`s to components',
  };
}

function parseYamlText(file: string, text: string): { value: unknown } | { issue: Issue } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(stripBom(text), { lineCounter, uniqueKeys: true, prettyErrors: false });
  const error = doc.errors[0];
  if (error?.message.includes('Maximum call stack size exceeded')) return { issue: tooDeepToParse(file) };
  if (error) {
    const { line, col } = lineCounter.linePos(error.pos[0]);
    return {
      issue: {
        severity: 'error',
        code: 'invalid-yaml',
        file: `${file}:${line}:${col}`,
        pointer: '',
        message: `invalid YAML at line ${line}, column ${col}: ${error.message.split('\n')[0]}`,
      },
    };
  }
  return { value: doc.toJS({ maxAliasCount: 1000 }) };
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** V8 says "... in JSON at position N" (or "line L column C" in newer versions); end of input means the last char. */
function jsonErrorOffset(message: string, text: string): number {
  const pos = /position (\d+)/.exec(message);
  if (pos?.[1]) return Number(pos[1]);
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc?.[1] && lc[2]) {
    const lines = text.split('\n').slice(0, Number(lc[1]) - 1);
    return lines.reduce((n, l) => n + l.length + 1, 0) + Number(lc[2]) - 1;
  }
  return text.length;
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return { line, column };
}
