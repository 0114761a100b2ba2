import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import type { Issue } from '../issue.js';
import { bundleRefs } from './bundle-refs.js';
import { canonicalize } from './canonicalize.js';
import { checkSpec, type Dialect } from './check-spec.js';
import { readSpec, type OnRead } from './read-spec.js';
import { readXNullable } from './x-nullable.js';

/**
 * A spec that passed the checks: key order canonical, every `$ref` internal and resolvable, Swagger 2's `x-nullable`
 * read as `nullable` (x-nullable.ts).
 */
export interface LoadedSpec {
  file: string;
  /** treat as deeply read-only: no stage patches it */
  document: Record<string, unknown>;
  dialect: Dialect;
  /**
   * With `loadSpec(file, { digest: true })`: a SHA-256 of what loading read — the spec's real path and every file's
   * path and text, in the order read. The document is a function of it (and of the generator's code), so it can
   * stand for the document in the result cache's key at a fraction of the cost of serialising the document.
   */
  sourceDigest?: string;
}

/** Reads a spec file, bundles the files it references, and checks it. Returns the spec only when there are no error-level issues. */
export async function loadSpec(file: string, options: { digest?: boolean } = {}): Promise<{ spec?: LoadedSpec; issues: Issue[] }> {
  const hash = options.digest ? createHash('sha256') : undefined;
  const field = (name: string, value: string) => hash!.update(`${name} ${value.length}\n`).update(value).update('\n');
  const onRead: OnRead | undefined = hash && ((path, text) => field(`file ${path}`, text));
  const read = await readSpec(file, onRead);
  if (!read.spec) return { issues: read.issues };
  // where relative references resolve from (bundling follows the real path); unknown (the file went away): no digest
  const real = hash && realPath(file);
  if (real !== undefined) field('real path', real);
  const bundled = bundleRefs(file, read.spec.document, onRead);
  if (bundled.issues.some((i) => i.severity === 'error')) return { issues: bundled.issues };
  const checked = checkDocument(file, bundled.document);
  return checked.spec && hash && real !== undefined ? { ...checked, spec: { ...checked.spec, sourceDigest: hash.digest('hex') } } : checked;
}

function realPath(file: string): string | undefined {
  try {
    return realpathSync(file);
  } catch {
    return undefined;
  }
}

/** Checks an already parsed document (also used by tests that build specs in memory). */
export function checkDocument(file: string, raw: unknown): { spec?: LoadedSpec; issues: Issue[] } {
  const { dialect, issues } = checkSpec(raw);
  const withFile = issues.map((issue) => ({ ...issue, file: issue.file ?? file }));
  if (!dialect || withFile.some((i) => i.severity === 'error')) return { issues: withFile };
  const note = { key: 'x-nullable', found: false };
  const document = canonicalize(raw, note) as Record<string, unknown>;
  // Swagger 2's `x-nullable` is read as `nullable` in the new copy, before any stage sees it (most specs have none,
  // and then the walk is skipped: on GitHub's spec it costs a third of the copy)
  if (note.found) readXNullable(document);
  return { spec: { file, document, dialect }, issues: withFile };
}
