/** The README's building blocks: the Markdown escaper and the example builder, on the inputs that decide them. */
import { describe, expect, it } from 'vitest';
import { exampleFor, NO_EXAMPLE } from '../../src/emit/readme-examples.js';
import { headingAnchor, markdownCode, markdownInline, markdownParagraphs } from '../../src/emit/readme-markdown.js';

describe('Markdown escaping: spec text prints as the same words and never as structure', () => {
  it.each([
    ['a *b* _c_ `d` [e](f) <b>g</b> h|i ~~j~~ &amp; #k', 'a \\*b\\* \\_c\\_ \\`d\\` \\[e\\](f) \\<b\\>g\\</b\\> h\\|i \\~\\~j\\~\\~ \\&amp; \\#k'],
    ['line\nbreak\u2028and\ttab', 'line break and tab'],
    ['  padded  ', 'padded'],
  ])('inline %j', (text, expected) => {
    expect(markdownInline(text)).toBe(expected);
  });

  it('paragraphs keep their lines as hard breaks; a line that would start a list, quote or heading is escaped', () => {
    expect(markdownParagraphs('# title\n- item\n1. first\n> quote\n\nnext')).toEqual(['\\# title\\\n\\- item\\\n1\\. first\\\n\\> quote', 'next']);
    expect(markdownParagraphs(undefined)).toEqual([]);
    expect(markdownParagraphs(' \n\n ')).toEqual([]);
  });

  it.each([
    ['plain', '`plain`'],
    ['a`b', '``a`b``'],
    ['`a', '`` `a ``'],
    ['', '`  `'],
  ])('code span %j', (text, expected) => {
    expect(markdownCode(text)).toBe(expected);
  });

  it('a code span in a table cell escapes the pipe', () => {
    expect(markdownCode('a|b', true)).toBe('`a\\|b`');
  });

  it('anchors: lower-cased, punctuation dropped, repeats numbered in document order', () => {
    const taken = new Map<string, number>();
    expect(['Errors', 'errors', 'Deadlines and cancellation', 'C# & co.'].map((h) => headingAnchor(h, taken))).toEqual([
      'errors', 'errors-1', 'deadlines-and-cancellation', 'c--co',
    ]);
  });
});

describe('example values: the spec\'s own first, where they fit; else built from the schema', () => {
  const doc = {
    components: {
      schemas: {
        Pet: { type: 'object', required: ['id', 'name'], properties: { id: { type: 'integer', readOnly: true }, name: { type: 'string' } } },
        Node: { type: 'object', required: ['children'], properties: { children: { type: 'array', items: { $ref: '#/components/schemas/Node' } } } },
        Loop: { type: 'object', required: ['next'], properties: { next: { $ref: '#/components/schemas/Loop' } } },
        Cat: { type: 'object', required: ['type'], properties: { type: { type: 'string' } } },
      },
    },
  };
  const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

  it('prefers a given example that fits, skips one that does not', () => {
    expect(exampleFor(doc, ref('Pet'), [{ name: 1 }, { name: 'Tom' }])).toEqual({ name: 'Tom' });
  });

  it('leaves readOnly properties out of request examples, and refuses given examples holding one', () => {
    expect(exampleFor(doc, ref('Pet'))).toEqual({ name: 'string' });
    expect(exampleFor(doc, ref('Pet'), [{ id: 1, name: 'Tom' }])).toEqual({ name: 'string' });
  });

  it('an enum gives one of its members, whatever the format says', () => {
    expect(exampleFor(doc, { type: 'string', format: 'date-time', enum: ['x', 'y'] })).toBe('x');
  });

  it('formats, bounds and names shape the built strings and numbers', () => {
    expect(exampleFor(doc, { type: 'string', format: 'uuid' })).toBe('3fa85f64-5717-4562-b3fc-2c963f66afa6');
    expect(exampleFor(doc, { type: 'string' }, [], 'return_url')).toBe('https://example.com/');
    expect(exampleFor(doc, { type: 'integer', exclusiveMinimum: 10, multipleOf: 5 })).toBe(15);
    expect(exampleFor(doc, { type: 'string', minLength: 8, maxLength: 9 })).toBe('stringxx');
  });

  it('a discriminated union gets its branch\'s tag', () => {
    const union = { oneOf: [ref('Cat')], discriminator: { propertyName: 'type', mapping: { cat: '#/components/schemas/Cat' } } };
    expect(exampleFor(doc, union)).toEqual({ type: 'cat' });
  });

  it('variants beside an object\'s own properties pick which of them are required (GitHub\'s "one of these fields")', () => {
    const schema = { type: 'object', properties: { a: { type: 'string' }, b: { type: 'integer' } }, anyOf: [{ required: ['b'] }, { required: ['a'] }] };
    expect(exampleFor(doc, schema)).toEqual({ b: 1 });
  });

  it('recursion ends: an empty array where one is allowed, no example where none can exist', () => {
    expect(exampleFor(doc, ref('Node'))).toEqual({ children: [] });
    expect(exampleFor(doc, ref('Loop'))).toBe(NO_EXAMPLE);
  });
});
