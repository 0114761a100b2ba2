import { sanitizeForComment } from './header.js';

/** Lines for a JSDoc block: paragraphs from spec text, blank lines between them, each line comment-safe. */
export function docLines(...paragraphs: Array<string | undefined | false>): string[] {
  const lines: string[] = [];
  for (const p of paragraphs) {
    if (!p || p.trim() === '') continue;
    if (lines.length > 0) lines.push('');
    for (const line of p.replace(/\r\n?/g, '\n').trim().split('\n')) lines.push(sanitizeForComment(line).trimEnd());
  }
  return lines;
}
