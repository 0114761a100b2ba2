import { projectConfig, type ProjectConfig } from '../config.js';
import type { GeneratedFile } from '../generated-file.js';
import type { Issue } from '../issue.js';
import type { OverlaySpec } from './apply-overlays.js';
import { selectOverlays, type OverlaySelection } from './select-overlays.js';

/**
 * The overlay stage of the pipeline: selects the overlays for `spec` (by default, as configured) and applies them.
 * ts-morph (and with it TypeScript, ~0.5 s to load) is loaded only when some overlay applies: most specs have none.
 */
export async function applyProjectOverlays(
  files: readonly GeneratedFile[],
  spec: OverlaySpec,
  selection: OverlaySelection = 'configured',
  config: ProjectConfig = projectConfig,
  options: { onFileDone?: (file: GeneratedFile) => void } = {},
): Promise<{ files: GeneratedFile[]; issues: Issue[] }> {
  const selected = selectOverlays(config, spec.file, selection);
  if (selected.issues.length > 0 || selected.overlays.length === 0) return { files: [...files], issues: selected.issues };
  const { applyOverlays } = await import('./apply-overlays.js');
  return applyOverlays(files, selected.overlays, spec, options);
}
