/** Semver for the generated package: which bump a set of API changes calls for, and applying it. */
import type { Bump, ChangeKind, SurfaceChange } from './types.js';

/** Compatible changes that leave the generated types and methods as they were: no new API, so only a patch. */
const PATCH_KINDS: ReadonlySet<ChangeKind> = new Set(['operation-id-changed', 'tags-changed', 'field-read-only-changed']);

/** `major` for any breaking change, `minor` for any other change to the client's API, else `patch`. */
export function suggestBump(changes: readonly SurfaceChange[]): Bump {
  if (changes.some((c) => c.severity === 'breaking')) return 'major';
  if (changes.some((c) => !PATCH_KINDS.has(c.kind))) return 'minor';
  return 'patch';
}

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

/**
 * Applies `bump` to a semver `version`, as `npm version` does: a prerelease is released by the bump that
 * reaches it (`1.0.0-rc.1` + major → `1.0.0`). Build metadata is dropped. Throws `RangeError` on a non-semver.
 */
export function bumpVersion(version: string, bump: Bump): string {
  const match = SEMVER.exec(version.trim());
  if (!match) throw new RangeError(`not a semver version: "${version}"`);
  const [major, minor, patch] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const pre = match[4] !== undefined;
  if (bump === 'major') return pre && minor === 0 && patch === 0 ? `${major}.0.0` : `${major + 1}.0.0`;
  if (bump === 'minor') return pre && patch === 0 ? `${major}.${minor}.0` : `${major}.${minor + 1}.0`;
  return pre ? `${major}.${minor}.${patch}` : `${major}.${minor}.${patch + 1}`;
}
