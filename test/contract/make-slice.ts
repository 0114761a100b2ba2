/**
 * `tsx test/contract/make-slice.ts`: chooses the slice of the 200-spec corpus sample that `npm run contract:corpus`
 * checks by default, and writes it to test/contract/corpus-slice.json (committed, so every run checks the same specs).
 *
 * Every spec of the sample that uses something rare is taken: a request body other than JSON, a parameter style or
 * `explode` other than the default, a `content` parameter, an array/object header or path parameter, an object query
 * parameter, a cookie parameter. The rest of the slice is a seeded draw from the other specs, so that plain JSON APIs
 * are represented too. Specs over 1 MB are left out (Prism alone takes minutes to start on them on a loaded
 * 2-core machine; `--all` checks them). So are AWS specs whose every operation's path holds a `#` fragment (no
 * request can reach such a path, so they yield no verdict); the few AWS specs with ordinary paths stay eligible.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { ensureCorpus, specPath } from '../corpus/corpus-cache.js';
import { mulberry32 } from '../corpus/sample.js';

const SLICE_SIZE = 60;
const SEED = 20240301;
const MAX_BYTES = 1_000_000;
const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

type Doc = Record<string, any>;

/** The features of a spec that make it worth checking, as short tags (`query:deepObject`, `body:multipart`, ...). */
export function specFeatures(doc: Doc): string[] {
  const tags = new Set<string>();
  const components = (doc.components ?? {}) as Doc;
  const resolve = (node: any, kind: string): Doc => {
    if (node && typeof node.$ref === 'string') return (components[kind] ?? {})[node.$ref.split('/').pop()] ?? {};
    return node ?? {};
  };
  const schemaType = (schema: any): string | undefined => resolve(schema, 'schemas').type;
  let fragmentPaths = 0;
  let ops = 0;
  for (const [path, rawItem] of Object.entries((doc.paths ?? {}) as Doc)) {
    const item = rawItem as Doc;
    for (const [method, op] of Object.entries(item)) {
      if (!METHODS.has(method) || typeof op !== 'object' || op === null) continue;
      ops++;
      if (path.includes('#')) fragmentPaths++;
      for (const raw of [...(item.parameters ?? []), ...((op as Doc).parameters ?? [])]) {
        const p = resolve(raw, 'parameters');
        if (typeof p.in !== 'string') continue;
        tags.add(`in:${p.in}`);
        if (p.style !== undefined) tags.add(`${p.in}:${p.style}`);
        if (p.explode !== undefined) tags.add(`${p.in}:explode-${p.explode}`);
        if (p.content) tags.add(`${p.in}:content`);
        const type = schemaType(p.schema);
        if ((type === 'array' || type === 'object') && p.in !== 'query') tags.add(`${p.in}:${type}`);
        if (type === 'object' && p.in === 'query') tags.add('query:object');
      }
      const body = resolve((op as Doc).requestBody, 'requestBodies');
      for (const mediaType of Object.keys(body.content ?? {})) tags.add(`body:${bodyKind(mediaType)}`);
      for (const response of Object.values(((op as Doc).responses ?? {}) as Doc)) {
        for (const mediaType of Object.keys(resolve(response, 'responses').content ?? {})) {
          const kind = bodyKind(mediaType);
          if (kind !== 'json') tags.add(`response:${kind}`);
        }
      }
    }
  }
  if (ops > 0 && fragmentPaths === ops) tags.add('paths:all-fragments');
  return [...tags].sort();
}

function bodyKind(mediaType: string): string {
  const base = mediaType.split(';')[0]!.trim().toLowerCase();
  if (base === 'application/json' || base.endsWith('+json') || base === 'text/json') return 'json';
  if (base === 'application/x-www-form-urlencoded') return 'form';
  if (base.startsWith('multipart/')) return 'multipart';
  if (base.startsWith('text/') || base.endsWith('xml')) return 'text';
  return 'binary';
}

/** Tags that make a spec worth taking whatever the draw. */
function isRare(tag: string): boolean {
  if (/^body:(form|multipart|text|binary)$/.test(tag)) return true;
  if (/:(content|array|object)$/.test(tag) || tag === 'in:cookie') return true;
  if (/:(label|matrix|spaceDelimited|pipeDelimited|deepObject)$/.test(tag)) return true;
  // `explode` against the default of the location's default style
  return /^(query|cookie):explode-false$|^(path|header):explode-true$/.test(tag);
}

function main(): void {
  const paths = ensureCorpus((line) => console.error(line));
  const sample = (JSON.parse(readFileSync(new URL('../corpus/sample.json', import.meta.url), 'utf8')) as { specs: string[] }).specs;
  const eligible = sample
    .map((id) => ({ id, file: specPath(paths, id) }))
    .filter(({ file }) => statSync(file).size <= MAX_BYTES)
    .map(({ id, file }) => ({ id, features: specFeatures(JSON.parse(readFileSync(file, 'utf8')) as Doc) }))
    .filter((s) => !s.features.includes('paths:all-fragments'));
  const rare = eligible.filter((s) => s.features.some(isRare));
  const rest = eligible.filter((s) => !rare.includes(s));
  const random = mulberry32(SEED);
  const drawn: typeof rest = [];
  const pool = [...rest];
  while (rare.length + drawn.length < SLICE_SIZE && pool.length > 0) drawn.push(pool.splice(Math.floor(random() * pool.length), 1)[0]!);
  const specs = [...rare, ...drawn].sort((a, b) => (a.id < b.id ? -1 : 1));
  const out = {
    about: 'The specs `npm run contract:corpus` checks by default; chosen by test/contract/make-slice.ts (read it for the criteria).',
    source: 'test/corpus/sample.json',
    seed: SEED,
    specs: specs.map((s) => ({ id: s.id, features: s.features, why: rare.includes(s) ? 'rare features' : 'seeded draw' })),
  };
  writeFileSync(new URL('./corpus-slice.json', import.meta.url), `${JSON.stringify(out, null, 2)}\n`);
  console.log(`${specs.length} specs: ${rare.length} for their features, ${drawn.length} drawn; ${sample.length - eligible.length} of the sample not eligible`);
}

main();
