import type { Issue } from '../issue.js';
import { bundleRefs } from './bundle-refs.js';
import { canonicalize } from './canonicalize.js';
import { checkSpec, type Dialect } from './check-spec.js';
import { readSpec } from './read-spec.js';

/** A spec that passed the checks: key order canonical, every `$ref` internal and resolvable. */
export interface LoadedSpec {
  file: string;
  /** treat as deeply read-only: no stage patches it */
  document: Record<string, unknown>;
  dialect: Dialect;
}

/** Reads a spec file, bundles the files it references, and checks it. Returns the spec only when there are no error-level issues. */
export async function loadSpec(file: string): Promise<{ spec?: LoadedSpec; issues: Issue[] }> {
  const read = await readSpec(file);
  if (!read.spec) return { issues: read.issues };
  const bundled = bundleRefs(file, read.spec.document);
  if (bundled.issues.some((i) => i.severity === 'error')) return { issues: bundled.issues };
  return checkDocument(file, bundled.document);
}

/** Checks an already parsed document (also used by tests that build specs in memory). */
export function checkDocument(file: string, raw: unknown): { spec?: LoadedSpec; issues: Issue[] } {
  const { dialect, issues } = checkSpec(raw);
  const withFile = issues.map((issue) => ({ ...issue, file: issue.file ?? file }));
  if (!dialect || withFile.some((i) => i.severity === 'error')) return { issues: withFile };
  const document = canonicalize(raw) as Record<string, unknown>;
  return { spec: { file, document, dialect }, issues: withFile };
}
