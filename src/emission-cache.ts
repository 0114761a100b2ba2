/**
 * The result cache: the formatted files of a generation's expensive half (emit → overlay → format) and its issues,
 * kept by the built command (src/bin.js) so that a run whose inputs have not changed since an earlier one skips it
 * — and so never loads TypeScript, ts-morph or prettier. Loading and checking the spec, the model and the API
 * surface still run every time (they decide the errors and the change report), and the output folder is still
 * compared with the files (`--check` sees a hand-edited generated/ as it always did).
 *
 * That half is a pure function of: the loaded spec (file name as given, dialect, document), the package version
 * and the overlay selection, the templates and the client runtime modules (read from disk at run time), and the
 * code itself. The key is a hash of all of them, the code as the launcher's build id (every chunk's content hash:
 * the generator, config.ts and its overlays, openapi-typescript, ts-morph, prettier, TypeScript), plus the Node,
 * V8 and ICU versions. The document is a function of the files loading read (their paths and texts, hashed while
 * loading: `sourceDigest`) and the code, so their hash stands for it. A document loaded otherwise (in memory) is a
 * tree of plain objects (canonicalize copies it), so its JSON text stands for it exactly, unless it holds a value
 * JSON would change (`-0`, `NaN`, ...): such a document is not cached.
 * Set ZENSKAR_CODEGEN_RESULT_CACHE=0 to run without it.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { currentLauncher } from './dependencies.js';
import { emitRuntimeFiles } from './emit/runtime-files.js';
import { TEMPLATES_DIR } from './emit/templates.js';
import { utf8Of, type GeneratedFile } from './generated-file.js';
import type { Issue } from './issue.js';
import type { LoadedSpec } from './load/load-spec.js';
import type { OverlaySelection } from './overlays/select-overlays.js';

/** What the cached half returns when it found no error. */
export interface Emission {
  files: GeneratedFile[];
  issues: Issue[];
}

/** What the cached half reads besides the code, the templates and the runtime modules. */
export interface EmissionInputs {
  spec: LoadedSpec;
  packageVersion: string;
  overlays: OverlaySelection | undefined;
}

/** An entry's first line. */
interface EntryHeader {
  key: string;
  issues: Issue[];
  files: Array<{ path: string; bytes: number }>;
}

/** The most entries kept; the least recently used go first (one GitHub-sized entry is ~25 MB). */
const MAX_ENTRIES = 24;

/** Bumped when the entry layout changes (entries of another layout are never read: the key differs). */
const ENTRY_FORMAT = 'zenskar-codegen emission 2';

/** The cache of this run, when it runs from the build with the result cache on. */
export function emissionCache(): EmissionCache | undefined {
  const launcher = currentLauncher();
  return launcher?.resultCacheDir ? new EmissionCache(launcher.resultCacheDir, launcher.buildId) : undefined;
}

export class EmissionCache {
  constructor(
    private readonly dir: string,
    private readonly buildId: string,
  ) {}

  /** The key of these inputs, or `undefined` when the document cannot be represented exactly (never cached). */
  key(inputs: EmissionInputs): string | undefined {
    // the texts loading read stand for the document when known (its JSON costs GitHub's spec ~0.1 s)
    const { sourceDigest } = inputs.spec;
    const document = sourceDigest === undefined ? exactJson(inputs.spec.document) : undefined;
    if (sourceDigest === undefined && document === undefined) return undefined;
    const hash = createHash('sha256');
    const field = (name: string, value: string) => hash.update(`${name} ${value.length}\n`).update(value).update('\n');
    field('format', ENTRY_FORMAT);
    field('build', this.buildId);
    field('versions', JSON.stringify([process.versions.node, process.versions.v8, process.versions.icu, process.versions.unicode]));
    field('spec', JSON.stringify([inputs.spec.file, inputs.spec.dialect]));
    field('options', JSON.stringify([inputs.packageVersion, inputs.overlays ?? 'configured']));
    for (const file of emitRuntimeFiles('')) field(`runtime ${file.path}`, file.content);
    for (const [path, content] of filesUnder(TEMPLATES_DIR)) field(`template ${path}`, content);
    if (sourceDigest !== undefined) field('sources', sourceDigest);
    else field('document', document!);
    return hash.digest('hex');
  }

  /** The cached emission of `key`, if there is a complete one. */
  read(key: string): Emission | undefined {
    const file = this.entry(key);
    try {
      const bytes = readFileSync(file);
      const end = bytes.indexOf(10); // the header's newline
      const header = JSON.parse(bytes.toString('utf8', 0, end)) as EntryHeader;
      if (header.key !== key || !Array.isArray(header.files) || !Array.isArray(header.issues)) return undefined;
      let at = end + 1;
      const files = header.files.map(({ path, bytes: length }) => ({ path, content: bytes.toString('utf8', at, (at += length)) }));
      if (at !== bytes.length) return undefined; // cut short or grown: not an entry this cache wrote
      const now = new Date();
      utimesSync(file, now, now); // least recently used goes first
      return { files, issues: header.issues };
    } catch {
      return undefined; // none, or unreadable: generated again
    }
  }

  /**
   * Stores an emission; a failure to store never fails the run (the promise never rejects). An entry is a JSON header
   * line (key, issues, each file's path and length in bytes) followed by the files' contents: no JSON string of a
   * 25 MB package is made. The bytes are made at once; the disk writes run in the background, so the caller can go
   * on (and must await the promise before it exits). `hintFor`: the spec file, whose bytes then mark the entry as
   * likely there (see `likelyHas`). `bytes`: the files' UTF-8 bytes, when the caller has them already.
   */
  write(key: string, emission: Emission, hintFor?: string, bytes: readonly Buffer[] = emission.files.map(utf8Of)): Promise<void> {
    // UTF-8 cannot hold a lone surrogate (it would come back as U+FFFD): such an emission is not kept. Only a file
    // whose bytes hold U+FFFD can have had one, so the others need no second look at their text.
    if (bytes.some((b, i) => b.includes(REPLACEMENT_CHARACTER) && !wellFormed(emission.files[i]!.content))) return Promise.resolve();
    const header: EntryHeader = { key, issues: emission.issues, files: emission.files.map((f, i) => ({ path: f.path, bytes: bytes[i]!.length })) };
    return this.store(key, [Buffer.from(`${JSON.stringify(header)}\n`, 'utf8'), ...bytes], hintFor).catch(() => undefined); // a cache only saves time
  }

  private async store(key: string, chunks: readonly Buffer[], hintFor: string | undefined): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const file = this.entry(key);
    // unique per writer, also between two runs of one process: the entry appears whole, by rename, or not at all
    const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      const handle = await open(temp, 'w');
      try {
        await handle.writev(chunks);
      } finally {
        await handle.close();
      }
      await rename(temp, file);
    } catch (err) {
      await rm(temp, { force: true });
      throw err;
    }
    this.evict();
    if (hintFor !== undefined) {
      mkdirSync(join(this.dir, 'hints'), { recursive: true });
      writeFileSync(this.hint(hintFor), '');
    }
  }

  /**
   * Whether an earlier run of this build stored the output of a spec file with these exact bytes: a guess, made
   * before loading (the key needs the loaded document), that decides only whether the types worker starts early.
   */
  likelyHas(specFile: string): boolean {
    try {
      return existsSync(this.hint(specFile));
    } catch {
      return false;
    }
  }

  private hint(specFile: string): string {
    const hash = createHash('sha256').update(`${this.buildId}\n${specFile}\n`).update(readFileSync(specFile)).digest('hex');
    return join(this.dir, 'hints', hash);
  }

  private entry(key: string): string {
    return join(this.dir, `${key}.json`);
  }

  private evict(): void {
    const entries = readdirSync(this.dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => ({ f, at: statSync(join(this.dir, f)).mtimeMs }))
      .sort((a, b) => b.at - a.at);
    for (const { f } of entries.slice(MAX_ENTRIES)) rmSync(join(this.dir, f), { force: true });
  }
}

/**
 * JSON text of a parsed document that gives back exactly the same value: `undefined` when it holds anything JSON
 * would change or drop (`-0`, `NaN`, `Infinity`, `undefined`, a non-plain object). Key order is kept.
 */
export function exactJson(document: unknown): string | undefined {
  return isExactJson(document, 0) ? JSON.stringify(document) : undefined;
}

function isExactJson(value: unknown, depth: number): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (typeof value !== 'object' || depth > 2_000) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!(i in value) || !isExactJson(value[i], depth + 1)) return false;
    return true;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  for (const key in value) if (!isExactJson((value as Record<string, unknown>)[key], depth + 1)) return false;
  return true;
}

/** U+FFFD in UTF-8: what a lone surrogate becomes when encoded. */
const REPLACEMENT_CHARACTER = Buffer.from([0xef, 0xbf, 0xbd]);

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether UTF-8 holds `text` exactly (no lone surrogate). */
function wellFormed(text: string): boolean {
  const native = (text as { isWellFormed?: () => boolean }).isWellFormed;
  return native ? native.call(text) : !LONE_SURROGATE.test(text);
}

/** Every file under `dir` (relative path → content), sorted; `[]` when there is no such folder. */
function filesUnder(dir: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const walk = (rel: string): void => {
    let entries;
    try {
      entries = readdirSync(join(dir, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(path);
      else out.push([path, readFileSync(join(dir, path), 'utf8')]);
    }
  };
  walk('');
  return out;
}
