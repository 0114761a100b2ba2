/** The semantic change report: API surface snapshot, diff, classification, bump and rendering. */
export { extractSurface, operationKey } from './extract-surface.js';
export { diffSurface, sortChanges } from './diff-surface.js';
export { compareTypes, type TypeRelation } from './compare-types.js';
export { classifyChange, type Verdict } from './classify-change.js';
export { suggestBump, bumpVersion } from './bump.js';
export { buildReport, compareSurfaces, formatExtractedSurfaceJson, formatSurfaceJson, parseSurfaceJson, type ParsedSurface } from './report.js';
export { renderMarkdown, renderText } from './render-report.js';
export type * from './types.js';
export { SURFACE_FORMAT } from './types.js';
