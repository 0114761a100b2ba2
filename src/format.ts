import { Worker } from 'node:worker_threads';
import type * as Prettier from 'prettier';
import { currentLauncher, loadPrettier } from './dependencies.js';
import type { FormatReply, FormatRequest } from './format-worker-thread.js';
import { fileOfParts, partsOf, plainFile, type GeneratedFile } from './generated-file.js';
import { timingLog } from './timings.js';

/** Pinned here, not read from any config file on the machine, so output is the same everywhere. */
export const PRETTIER_OPTIONS: Prettier.Options = {
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
 * package would take minutes and gigabytes. They are re-indented instead (see
 * {@link reindentedParts}). The choice depends only on the content, so output stays deterministic; the
 * Zenskar package (generated/) is far below it and stays prettier-stable.
 */
export const PRETTIER_MAX_BYTES = 256 * 1024;

const PARSERS: Record<string, string> = { ts: 'typescript', json: 'json', md: 'markdown' };

/** How a file is formatted: kept as it is, re-indented (large TypeScript), or printed by prettier with `parser`. */
type Plan = { kind: 'keep' } | { kind: 'reindent' } | { kind: 'prettier'; parser: string };

function planFor(file: GeneratedFile): Plan {
  const parser = PARSERS[file.path.split('.').pop() ?? ''];
  if (!parser || file.preformatted) return { kind: 'keep' };
  if (file.content.length > PRETTIER_MAX_BYTES) return parser === 'typescript' ? { kind: 'reindent' } : { kind: 'keep' };
  return { kind: 'prettier', parser };
}

/**
 * Formats every file prettier knows by extension (large TypeScript files are only re-indented); others pass through.
 * With a format worker, prettier runs there (files offered to it earlier are already done or under way).
 */
export async function formatFiles(files: readonly GeneratedFile[], worker?: FormatWorker, early?: EarlyFormat): Promise<GeneratedFile[]> {
  const out: GeneratedFile[] = [];
  // loaded only when some file needs it (prettier costs a run ~0.1 s to load even from V8's code cache)
  let prettier: Pick<typeof Prettier, 'format'> | undefined;
  // the worker formats in the order offered, one at a time; files offered earlier are not sent again
  if (worker) for (const file of files) worker.offer(file);
  // one at a time: prettier is CPU-bound, and running all at once only raises peak memory
  for (const file of files) {
    const plan = planFor(file);
    const formattedEarly = early?.get(file);
    if (formattedEarly) out.push({ path: file.path, content: await formattedEarly });
    else if (plan.kind === 'keep') out.push(plainFile(file));
    else if (plan.kind === 'reindent') out.push(fileOfParts(file.path, reindentedParts(partsOf(file))));
    else if (worker) out.push({ path: file.path, content: await worker.format(file) });
    else {
      prettier ??= await loadPrettier();
      out.push({ path: file.path, content: await prettier.format(file.content, { ...PRETTIER_OPTIONS, parser: plan.parser }) });
    }
  }
  return out;
}

/**
 * Files formatted ahead of the format stage, in this thread, by file object (a file changed since is another object,
 * and is formatted again): on large specs the main thread formats what is final while it waits for the types worker.
 */
export type EarlyFormat = ReadonlyMap<GeneratedFile, Promise<string>>;

/**
 * Formats `file` now: returns the file to keep in its place. A large file is re-indented at once and comes back
 * `preformatted`, in parts (src/generated-file.ts), so that its unformatted text can be collected (on GitHub's spec
 * validators.ts is 30 MB unformatted, two bytes a character); prettier's result is put in `early` as its promise
 * runs, and the file comes back as it is.
 */
export function formatEarly(file: GeneratedFile, early: Map<GeneratedFile, Promise<string>>): GeneratedFile {
  const plan = planFor(file);
  if (plan.kind === 'keep') return file;
  if (plan.kind === 'reindent') return fileOfParts(file.path, reindentedParts(partsOf(file)), { preformatted: true });
  const formatted = loadPrettier().then((prettier) => prettier.format(file.content, { ...PRETTIER_OPTIONS, parser: plan.parser }));
  formatted.catch(() => undefined); // awaited by formatFiles if the file is still there; its error shows then
  early.set(file, formatted);
  return file;
}

/**
 * Prettier in a worker thread, so that formatting runs beside the overlays: each file is offered as soon as its
 * content is final, and prettier (loaded by the worker at once) formats it while the main thread goes on.
 */
export interface FormatWorker {
  /** Starts formatting `file` if prettier formats it; returns at once. */
  offer(file: GeneratedFile): void;
  /** The formatted content of `file`: the offer's, if it was offered with this content, else formatted now. */
  format(file: GeneratedFile): Promise<string>;
  /** Ends the worker, after it saved its code cache (the launcher's). */
  stop(): Promise<void>;
}

/** Starts a format worker (format-worker-thread.ts). */
export function startFormatWorker(): FormatWorker {
  const launcher = currentLauncher();
  const worker = launcher ? launcher.startWorker('format-worker') : new Worker(new URL('./format-worker-entry.js', import.meta.url));
  const pending = new Map<number, { resolve(content: string): void; reject(err: Error): void }>();
  const offered = new Map<string, { content: string; formatted: Promise<string> }>();
  let ended: (() => void) | undefined;
  let failure: Error | undefined;
  const fail = (err: Error) => {
    failure ??= err;
    for (const p of pending.values()) p.reject(err);
    pending.clear();
    ended?.();
  };
  worker.on('message', (reply: FormatReply) => {
    if ('ended' in reply) {
      if (reply.timings) timingLog()?.records.push(...reply.timings);
      ended?.();
      return;
    }
    const waiting = pending.get(reply.id);
    pending.delete(reply.id);
    if ('content' in reply) waiting?.resolve(reply.content);
    else waiting?.reject(new Error(`prettier failed in the format worker: ${reply.error}`));
  });
  worker.once('error', fail);
  worker.once('exit', (code) => fail(new Error(`format worker exited with code ${code}`)));
  let nextId = 0;
  const send = (file: GeneratedFile, parser: string): Promise<string> => {
    const formatted = new Promise<string>((resolve, reject) => {
      if (failure) return reject(failure);
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, content: file.content, parser } satisfies FormatRequest);
    });
    formatted.catch(() => undefined); // awaited by format() when the file is needed; an unused one must not go unhandled
    offered.set(file.path, { content: file.content, formatted });
    return formatted;
  };
  return {
    offer(file) {
      const plan = planFor(file);
      if (plan.kind === 'prettier' && offered.get(file.path)?.content !== file.content) send(file, plan.parser);
    },
    format(file) {
      const known = offered.get(file.path);
      if (known && known.content === file.content) return known.formatted;
      const plan = planFor(file);
      return plan.kind === 'prettier' ? send(file, plan.parser) : Promise.resolve(file.content);
    },
    async stop() {
      if (!failure) {
        await new Promise<void>((resolve) => {
          ended = resolve;
          worker.postMessage({ end: true } satisfies FormatRequest);
        });
      }
      worker.removeAllListeners('exit');
      await worker.terminate();
    },
  };
}

/** Characters of the source per part of a re-indented file (a part ends at the end of a line). */
const PART_CHARS = 1 << 16;

/** A character beyond Latin-1: V8 stores a flat string holding one two bytes a character. */
const BEYOND_LATIN1 = /[^\u0000-\u00ff]/;

/**
 * Re-indents TypeScript by bracket depth (two spaces a level), trims trailing spaces, collapses blank runs and
 * ends with one newline, in one linear pass over the characters (~100× faster than prettier). Lines that begin
 * inside a string or template literal are left alone; JSDoc continuation lines keep their ` * ` alignment.
 * `source` is the text, or pieces of it in order (src/generated-file.ts `partsOf`: an emitter's output kept apart,
 * so that it is never one flat string; a line may run from one piece into the next). The text comes in parts of
 * about `partChars` characters, each ending with a newline. When a piece holds a character beyond Latin-1 (so V8
 * keeps it two bytes a character), each part without one is made from a one-byte copy of its stretch of the piece:
 * the parts then take about half the memory, as long as they stay apart (src/generated-file.ts).
 */
export function reindentedParts(source: string | readonly string[], partChars = PART_CHARS): string[] {
  const pieces = (typeof source === 'string' ? [source] : source).filter((piece) => piece !== '');
  const lex: LexState = { depth: 0, mode: CODE, previous: 0, inClass: false, templateDepths: [] };
  const blanks: BlankRun = { pending: 0, any: false, lastBlank: false };
  const indents: string[] = [''];
  const parts: string[] = [];
  // the start of a line that the previous piece did not end
  let carried = '';
  for (let k = 0; k < pieces.length; k++) {
    const last = k === pieces.length - 1;
    const text = carried + pieces[k]!;
    carried = '';
    const narrow = BEYOND_LATIN1.test(text);
    for (let from = 0; from < text.length; ) {
      const end = text.indexOf('\n', Math.min(from + partChars, text.length) - 1);
      if (end === -1 && !last) {
        carried = text.slice(from);
        break;
      }
      const to = end === -1 ? text.length : end + 1;
      let stretch = text.slice(from, to);
      if (narrow && !BEYOND_LATIN1.test(stretch)) stretch = Buffer.from(stretch, 'latin1').toString('latin1');
      const lines = stretch.split('\n');
      // a stretch that ends a line ends with an empty string, which is not a line: the next stretch's first line
      // starts there (the source's own last line, empty after a final newline, is one)
      if (!last || to < text.length) lines.pop();
      const part = laidOutLines(lines, lex, blanks, indents);
      if (part !== '') parts.push(part);
      from = to;
    }
  }
  return parts.length === 0 ? ['\n'] : parts;
}

/** The blank lines seen so far: how many are not written yet (a blank run collapses to one; none at the start or end). */
interface BlankRun {
  pending: number;
  /** whether any line was kept yet */
  any: boolean;
  /** whether the last line kept is blank */
  lastBlank: boolean;
}

/** `lines` laid out, each followed by a newline; blank lines kept are written only once a line that is not follows. */
function laidOutLines(lines: readonly string[], lex: LexState, blanks: BlankRun, indents: string[]): string {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const start = (lex.depth << 2) | (lex.mode === BLOCK_COMMENT ? IN_COMMENT : 0) | (lex.mode === TEMPLATE ? IN_LITERAL : 0);
    scanLine(line, lex);
    const laid = laidOut(line, start, indents);
    // an empty line only after a line that is not (a blank run collapses to one; none at the start)
    if (laid === '' && !(blanks.any && !blanks.lastBlank) && !(start & IN_LITERAL)) continue;
    blanks.any = true;
    blanks.lastBlank = laid === '';
    if (laid === '') {
      blanks.pending++;
      continue;
    }
    for (; blanks.pending > 0; blanks.pending--) out.push('');
    out.push(laid);
  }
  return out.length === 0 ? '' : `${out.join('\n')}\n`;
}

/**
 * One line laid out, from its state at its start (`laidOutLines`): as it is inside a literal, else trimmed ('' when
 * blank) and indented. The work of each line is a call of its own: V8 optimises a function after some calls, but
 * a loop inside a function called once (per file) only by replacing it mid-run, which on a busy machine comes late
 * (on GitHub's spec the three re-indented files took ~1.3× as long in all that way, client.ts up to twice as long).
 */
function laidOut(line: string, start: number, indents: string[]): string {
  if (start & IN_LITERAL) return line; // content, not layout
  const text = line.trim();
  if (text === '') return '';
  const first = text.charCodeAt(0);
  const depth = Math.max(0, (start >> 2) - (first === 125 || first === 93 || first === 41 ? 1 : 0));
  while (indents.length <= depth) indents.push(`${indents[indents.length - 1]!}  `);
  return start & IN_COMMENT && first === 42 ? `${indents[depth]!} ${text}` : `${indents[depth]!}${text}`;
}

// a line's state at its start, packed in one number: bracket depth << 2 | these flags (no object per line)
const IN_COMMENT = 1;
const IN_LITERAL = 2;

// lexical modes, as numbers: this loop runs over every character of 50 MB files (GitHub's validators)
const CODE = 0;
const BLOCK_COMMENT = 1;
const LINE_COMMENT = 2;
const SINGLE = 3;
const DOUBLE = 4;
const TEMPLATE = 5;
const REGEX = 6;

/** Whether a `/` after this character divides (it ends a value: identifier, number, `$`, `)` or `]`). */
function endsValue(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 /* _ */ || c === 36 /* $ */ || c === 41 /* ) */ || c === 93 /* ] */
  );
}

/** Index of the quote that closes a string literal whose body starts at `from`, or -1 if it runs to the end of the line. */
function closingQuote(line: string, quote: string, from: number): number {
  for (let j = line.indexOf(quote, from); j !== -1; j = line.indexOf(quote, j + 1)) {
    let backslashes = 0;
    while (line.charCodeAt(j - 1 - backslashes) === 92) backslashes++;
    if (backslashes % 2 === 0) return j;
  }
  return -1;
}

/** Where the scan is: bracket depth, lexical mode, the last significant character, inside a regex `[...]`, and the depths of open `${`. */
interface LexState {
  depth: number;
  mode: number;
  previous: number;
  inClass: boolean;
  templateDepths: number[];
}

/**
 * Moves `state` from the start of `line` to the start of the next (a call per line, for the reason `laidOut` gives).
 * A `/` starts a regular expression unless the previous significant character ends a value (identifier, number, `)`
 * or `]`), the usual heuristic. Character codes, not one-character strings, and native `indexOf` to skip through
 * comments and strings: this runs over every character of GitHub's 60 MB of output.
 */
function scanLine(line: string, state: LexState): void {
  const templateDepths = state.templateDepths;
  let { depth, mode, previous, inClass } = state;
  if (mode === LINE_COMMENT) mode = CODE;
  const n = line.length;
  for (let i = 0; i < n; i++) {
    if (mode === BLOCK_COMMENT) {
      const end = line.indexOf('*/', i);
      if (end === -1) break;
      mode = CODE;
      i = end + 1;
      continue;
    }
    if (mode === DOUBLE || mode === SINGLE) {
      const end = closingQuote(line, mode === DOUBLE ? '"' : "'", i);
      if (end === -1) break;
      mode = CODE;
      previous = 34;
      i = end;
      continue;
    }
    const c = line.charCodeAt(i);
    if (mode === CODE) {
      if (c === 47 /* / */) {
        const next = line.charCodeAt(i + 1);
        if (next === 47) { mode = LINE_COMMENT; break; }
        if (next === 42) { mode = BLOCK_COMMENT; i++; continue; }
        if (!endsValue(previous)) { mode = REGEX; inClass = false; }
      } else if (c === 34) mode = DOUBLE;
      else if (c === 39) mode = SINGLE;
      else if (c === 96) mode = TEMPLATE;
      else if (c === 123 || c === 40 || c === 91) depth++;
      else if (c === 125 && templateDepths.length > 0 && templateDepths[templateDepths.length - 1] === depth) { templateDepths.pop(); mode = TEMPLATE; }
      else if (c === 125 || c === 41 || c === 93) depth = depth > 0 ? depth - 1 : 0;
      if (c !== 32 && c !== 9) previous = c;
    } else if (mode === TEMPLATE) {
      if (c === 92) i++;
      else if (c === 96) { mode = CODE; previous = 96; }
      else if (c === 36 && line.charCodeAt(i + 1) === 123) { templateDepths.push(depth); mode = CODE; i++; previous = 123; }
    } else if (mode === REGEX) {
      if (c === 92) i++;
      else if (c === 91) inClass = true;
      else if (c === 93) inClass = false;
      else if (c === 47 && !inClass) { mode = CODE; previous = 41; }
    }
  }
  // a string or regex literal cannot span lines (a line continuation inside one is not generated)
  if (mode === SINGLE || mode === DOUBLE || mode === REGEX) mode = CODE;
  state.depth = depth;
  state.mode = mode;
  state.previous = previous;
  state.inClass = inClass;
}
