import { projectConfig, type ProjectConfig } from '../config.js';
import type { GeneratedFile } from '../generated-file.js';
import type { Issue } from '../issue.js';
import { applyOverlays, type OverlaySpec } from './apply-overlays.js';
import { selectOverlays, type OverlaySelection } from './select-overlays.js';

/** The overlay stage of the pipeline: selects the overlays for `spec` (by default, as configured) and applies them. */
export function applyProjectOverlays(
  files: readonly GeneratedFile[],
  spec: OverlaySpec,
  selection: OverlaySelection = 'configured',
  config: ProjectConfig = projectConfig,
): { files: GeneratedFile[]; issues: Issue[] } {
  const selected = selectOverlays(config, spec.file, selection);
  if (selected.issues.length > 0) return { files: [...files], issues: selected.issues };
  return applyOverlays(files, selected.overlays, spec);
}
