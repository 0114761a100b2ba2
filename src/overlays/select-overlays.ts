import { basename } from 'node:path';
import type { ProjectConfig } from '../config.js';
import type { Issue } from '../issue.js';
import type { Overlay } from './types.js';

/** `configured`: the overlays the config ties to the spec; `false`: none; a list: exactly these, by name. */
export type OverlaySelection = 'configured' | false | readonly string[];

/** Picks the overlays for one generation; an unknown name is an error issue. */
export function selectOverlays(
  config: ProjectConfig,
  specFile: string,
  selection: OverlaySelection = 'configured',
): { overlays: Overlay[]; issues: Issue[] } {
  if (selection === false) return { overlays: [], issues: [] };
  if (selection === 'configured') {
    const entry = config.specs.find((s) => basename(s.spec) === basename(specFile));
    return { overlays: [...(entry?.overlays ?? [])], issues: [] };
  }
  const known = new Map(config.specs.flatMap((s) => s.overlays).map((o) => [o.name, o]));
  const issues: Issue[] = [];
  const overlays: Overlay[] = [];
  for (const name of selection) {
    const overlay = known.get(name);
    if (overlay) {
      if (!overlays.includes(overlay)) overlays.push(overlay);
      continue;
    }
    issues.push({
      severity: 'error',
      code: 'unknown-overlay',
      pointer: '#',
      message: `no overlay named '${name}'; known overlays: ${[...known.keys()].sort().join(', ') || 'none'}`,
    });
  }
  return { overlays, issues };
}
