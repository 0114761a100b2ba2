/** The currency between stages: emitters produce these, overlays and the formatter transform them, output writes them. */
export interface GeneratedFile {
  /** path relative to the output folder, with forward slashes: `src/client.ts` */
  path: string;
  content: string;
  /**
   * The content is already in its final form and skips the formatter: the runtime modules, kept formatted in the
   * repository with the output's own prettier options (`npm run format:runtime`; a test holds every such file stable),
   * and a large file re-indented as soon as it was emitted (src/format.ts `formatEarly`).
   */
  preformatted?: boolean;
}
