import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../../src/run.js';
import { copyDir, GENERATED, runCli, runMain, snapshotDir, SPEC, tempDir } from '../helpers/cli.js';

describe('generated/ is the golden output', () => {
  it('regenerating into a copy reproduces generated/ byte for byte', () => {
    const out = join(tempDir(), 'generated');
    copyDir(GENERATED, out);
    rmSync(join(out, 'src'), { recursive: true });
    const { code, stderr } = runCli(['generate', '--spec', SPEC, '--out', out]);
    expect(stderr).not.toMatch(/error/);
    expect(code).toBe(0);
    expect(snapshotDir(out)).toEqual(snapshotDir(GENERATED));
  });

  it('--check exits 0 when generated/ is current', async () => {
    const { code, stdout } = await runMain(['generate', '--check']);
    expect(code).toBe(0);
    expect(stdout).toBe('');
  });

  it('--check exits 1 with a unified diff when the output is stale, and writes nothing', async () => {
    const out = join(tempDir(), 'generated');
    copyDir(GENERATED, out);
    const client = join(out, 'src/client.ts');
    writeFileSync(client, readFileSync(client, 'utf8').replace('export function createClient', 'export function createClientX'));
    const before = snapshotDir(out);
    const { code, stdout, stderr } = await runMain(['generate', '--spec', SPEC, '--out', out, '--check']);
    expect(code).toBe(1);
    expect(stdout).toContain('--- a/src/client.ts');
    expect(stdout).toContain('-export function createClientX');
    expect(stdout).toContain('+export function createClient(');
    expect(stderr).toMatch(/stale: 1 file/);
    expect(snapshotDir(out)).toEqual(before);
  });
});

/** Deterministic PRNG (mulberry32) so a failing shuffle can be reproduced. */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffleKeys(value: unknown, random: () => number): unknown {
  if (Array.isArray(value)) return value.map((v) => shuffleKeys(v, random));
  if (typeof value !== 'object' || value === null) return value;
  const keys = Object.keys(value);
  for (let i = keys.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [keys[i], keys[j]] = [keys[j]!, keys[i]!];
  }
  return Object.fromEntries(keys.map((k) => [k, shuffleKeys((value as Record<string, unknown>)[k], random)]));
}

describe('determinism', () => {
  it('the same spec with its keys in any order gives identical bytes', async () => {
    const reference = await generate({ spec: SPEC, packageVersion: '1.0.0' });
    expect(reference.files).toBeDefined();
    const doc = JSON.parse(readFileSync(SPEC, 'utf8')) as unknown;
    for (const seed of [1, 2, 3]) {
      const file = join(tempDir(), 'openapi-20240301.json');
      writeFileSync(file, JSON.stringify(shuffleKeys(doc, prng(seed)), null, seed));
      const shuffled = await generate({ spec: file, packageVersion: '1.0.0' });
      expect(shuffled.files).toEqual(reference.files);
    }
  });
});
