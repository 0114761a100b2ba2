/**
 * Project configuration: which hand-written overlays belong to which spec. Overlays are written for one document,
 * so they apply to it alone: `--spec other.json` gets none unless asked for by name (`--overlays <names>`).
 */
import { sessionExclusivity } from './overlays/session-exclusivity.js';
import type { Overlay } from './overlays/types.js';

/** The overlays of one spec document. */
export interface SpecOverlays {
  /**
   * The spec, as the project keeps it. Matched by file name (`openapi-20240301.json`, the name the generated
   * files cite in their header), so an updated or moved copy of the document still gets its overlays, and so
   * their drift checks; a document with another name does not.
   */
  spec: string;
  overlays: readonly Overlay[];
}

/** What the generator is configured with. */
export interface ProjectConfig {
  specs: readonly SpecOverlays[];
}

/** This project's configuration. A new overlay: one file in src/overlays/, one entry in its spec's `overlays`. */
export const projectConfig: ProjectConfig = {
  specs: [
    {
      spec: 'spec/openapi-20240301.json',
      overlays: [sessionExclusivity],
    },
  ],
};
