/**
 * The one place spec text becomes Markdown. Spec strings are data: whatever they hold (backticks, pipes, HTML, a
 * fence, a line that looks like a heading or a list), they must print as the same words and never change the
 * structure of the document around them. Text is escaped with backslashes (CommonMark lets every ASCII punctuation
 * character be escaped that way); code spans pick a fence longer than any backtick run inside.
 */

/**
 * Characters with a meaning anywhere in a line: emphasis, links, HTML, entities, code spans, tables, strikethrough,
 * and `#` (a closing sequence of a heading).
 */
const INLINE_ACTIVE = /[\\`*_[\]<>|~&#]/g;

/** What makes a line a block of another kind when it starts it: lists, quotes, setext underlines (`#` is escaped anyway). */
const LINE_START_ACTIVE = /^([+\-=>])|^(\d+)([.)])/;

const UNPRINTABLE = /[\u0000-\u001f\u007f\u2028\u2029]+/g;

/** Removes what cannot show in one line of prose: control characters, line and paragraph separators, tabs. */
function flatten(text: string): string {
  UNPRINTABLE.lastIndex = 0;
  return UNPRINTABLE.test(text) ? text.replace(UNPRINTABLE, ' ') : text;
}

/**
 * Prose inside a line (a heading's text, a table cell, words within a sentence): line breaks become spaces, leading
 * and trailing blanks go, and every character Markdown could read as inline syntax is escaped.
 */
export function markdownInline(text: string): string {
  return flatten(text).trim().replace(/ {2,}/g, ' ').replace(INLINE_ACTIVE, '\\$&');
}

/** Prose that starts a line: also what would make the line a list, a quote or a heading underline is escaped. */
function markdownLine(text: string): string {
  return markdownInline(text).replace(LINE_START_ACTIVE, (_m, mark: string | undefined, digits: string, after: string) =>
    mark !== undefined ? `\\${mark}` : `${digits}\\${after}`,
  );
}

/**
 * Prose of several paragraphs (a description): paragraphs stay apart, the lines inside one are kept as lines
 * (a hard break, `\` at the end), each escaped like {@link markdownInline} and for its line start. Empty text gives no paragraph.
 */
export function markdownParagraphs(text: string | undefined): string[] {
  if (text === undefined) return [];
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((p) =>
      p
        .split('\n')
        .map(markdownLine)
        .filter((line) => line !== '')
        .join('\\\n'),
    )
    .filter((p) => p !== '');
}

/**
 * A code span showing `text` exactly: fenced by one more backtick than the longest run inside, padded with a space
 * where the text starts or ends with a backtick or a space. In a table cell `|` is escaped too (GFM reads a pipe
 * inside a code span as a cell border; `\|` shows as `|` there).
 */
export function markdownCode(text: string, inTable = false): string {
  const flat = flatten(text);
  // the common case, on every operation and parameter of a large spec: nothing to fence against or escape
  if (!/[`|]|^ | $/.test(flat) && flat !== '') return `\`${flat}\``;
  const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = /^[` ]|[` ]$/.test(flat) || flat === '' ? ' ' : '';
  const body = inTable ? flat.replace(/\|/g, '\\|') : flat;
  return `${fence}${pad}${body}${pad}${fence}`;
}

/**
 * The anchor GitHub and npm give a heading: lower-cased, punctuation and symbols removed, spaces turned into `-`;
 * a heading whose anchor was taken gets `-1`, `-2`, ... `taken` holds the anchors of the document so far.
 */
export function headingAnchor(text: string, taken: Map<string, number>): string {
  const base = text
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
  const seen = taken.get(base);
  taken.set(base, (seen ?? -1) + 1);
  return seen === undefined ? base : `${base}-${seen + 1}`;
}
