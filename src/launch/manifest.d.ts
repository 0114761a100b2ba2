// Types of manifest.js (plain JavaScript: the launcher runs before anything is built).
import type { Stats } from 'node:fs';

export const MANIFEST_FORMAT: number;
export const SETTLE_MS: number;

/** A build input, path relative to the root: checked by content, or by status (a settled dependency file). */
export type Input = { path: string; hash: string } | { path: string; size: number; mtimeMs: number; ctimeMs: number; ino: number };
export interface ChunkEntry {
  file: string;
  hash: string;
  inputs: Input[];
}
export interface Manifest {
  format: number;
  root: string;
  builder: string;
  buildId: string;
  chunks: Record<string, ChunkEntry>;
}

export function inputRecord(path: string, stat: Stats, statAt: number, bytes: Uint8Array): Input;
export function sha256(data: string | Uint8Array): string;
export function manifestPath(buildDir: string): string;
export function builderId(root: string): string;
export function buildIdOf(chunks: Record<string, ChunkEntry>): string;
export function readManifest(buildDir: string, root: string, builder: string): Manifest | undefined;
export function staleChunks(manifest: Manifest | undefined, root: string, buildDir: string, names: readonly string[]): Set<string>;
export function writeAtomic(file: string, data: string | Uint8Array): void;
