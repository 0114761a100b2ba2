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

/**
 * The parts a file's content was made of, for files whose content is their concatenation left as V8 makes it: a rope
 * (src/format.ts re-indents large files into parts; validators.ts is emitted in pieces, re-indented from them). V8 stores a string's characters one byte each only when every
 * character fits; one character beyond Latin-1 anywhere (the arrow in validators.ts's header comment, a word in a
 * spec's description) makes a flat string two bytes a character. Left a rope, each part keeps its own width: on
 * GitHub's spec validators.ts takes ~15 MB instead of ~30. Anything that reads the characters of the whole content
 * flattens it (once) into one copy; what only needs its bytes encodes the parts one by one (`utf8Of`). A hint
 * beside the file, not a field of it: a copy of the file without it is still right, only flattened when encoded.
 */
const PARTS = new WeakMap<GeneratedFile, readonly string[]>();

/** A file whose content is `parts` joined (as a rope of them). */
export function fileOfParts(path: string, parts: readonly string[], flags: Pick<GeneratedFile, 'preformatted'> = {}): GeneratedFile {
  let content = parts[0] ?? '';
  for (let i = 1; i < parts.length; i++) content += parts[i]!;
  const file = { path, content, ...flags };
  PARTS.set(file, parts);
  return file;
}

/** The pieces `file`'s content is the concatenation of: its parts, or else the content as the only one. */
export function partsOf(file: GeneratedFile): readonly string[] {
  return PARTS.get(file) ?? [file.content];
}

/** `file`'s path and content (without its flags), its parts kept with it. */
export function plainFile(file: GeneratedFile): GeneratedFile {
  const plain = { path: file.path, content: file.content };
  const parts = PARTS.get(file);
  if (parts) PARTS.set(plain, parts);
  return plain;
}

/** The UTF-8 bytes of `file`'s content; a file made of parts is encoded part by part, leaving its content a rope. */
export function utf8Of(file: GeneratedFile): Buffer {
  const parts = PARTS.get(file);
  if (!parts) return Buffer.from(file.content, 'utf8');
  let size = 0;
  for (const part of parts) size += Buffer.byteLength(part, 'utf8');
  const bytes = Buffer.allocUnsafe(size);
  let at = 0;
  for (const part of parts) at += bytes.write(part, at, 'utf8');
  return bytes;
}
