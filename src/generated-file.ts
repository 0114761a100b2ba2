/** The currency between stages: emitters produce these, overlays and the formatter transform them, output writes them. */
export interface GeneratedFile {
  /** path relative to the output folder, with forward slashes: `src/client.ts` */
  path: string;
  content: string;
}
