/**
 * Precompiled templates are kept in a cache folder keyed by their text: a renderer that finds them there prints
 * exactly what a freshly compiled one prints, a changed template is never served from an older entry, and a damaged
 * entry costs only a compile.
 */
import { mkdtempSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRenderer } from '../../src/emit/templates.js';

let root: string;
let templates: string;
let cache: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'zc-template-cache-'));
  templates = join(root, 'templates');
  cache = join(root, 'cache');
  mkdirSync(join(templates, 'partials'), { recursive: true });
  writeFileSync(join(templates, 'partials', 'item.hbs'), '- {{name}} = {{json value}}\n');
  writeFileSync(join(templates, 'list.hbs'), '{{#each items}}{{> item}}{{/each}}');
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

const VIEW = { items: [{ name: 'a', value: 'x"y' }, { name: 'b', value: 2 }] };
const PRINTED = '- a = "x\\"y"\n- b = 2\n';

describe('the precompiled template cache', () => {
  it('prints the same with a cold cache, a warm cache and no cache, and stores one entry per template and partial', () => {
    expect(createRenderer(templates, cache).render('list', VIEW)).toBe(PRINTED);
    expect(readdirSync(cache).filter((f) => f.endsWith('.js'))).toHaveLength(2);
    expect(createRenderer(templates, cache).render('list', VIEW)).toBe(PRINTED);
    expect(createRenderer(templates, undefined).render('list', VIEW)).toBe(PRINTED);
  });

  it('keeps strict mode from the cache: a missing view field still throws', () => {
    createRenderer(templates, cache).render('list', VIEW);
    expect(() => createRenderer(templates, cache).render('list', { items: [{ name: 'a' }] })).toThrow(/undefined/);
    writeFileSync(join(templates, 'list.hbs'), '{{missing}}');
    expect(() => createRenderer(templates, cache).render('list', VIEW)).toThrow(/"missing" not defined/);
  });

  it('serves a changed template as changed, never from the entry of its earlier text', () => {
    createRenderer(templates, cache).render('list', VIEW);
    writeFileSync(join(templates, 'partials', 'item.hbs'), '* {{name}}\n');
    expect(createRenderer(templates, cache).render('list', VIEW)).toBe('* a\n* b\n');
  });

  it('compiles again when an entry is damaged', () => {
    createRenderer(templates, cache).render('list', VIEW);
    for (const file of readdirSync(cache)) writeFileSync(join(cache, file), '{ this is not a template');
    expect(createRenderer(templates, cache).render('list', VIEW)).toBe(PRINTED);
  });
});
