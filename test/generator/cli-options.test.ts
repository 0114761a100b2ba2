import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/cli.js';
import { runMain, SPEC, tempDir } from '../helpers/cli.js';

describe('CLI options', () => {
  it('maps --overlays / --no-overlays / nothing to an overlay selection', async () => {
    expect((await parseArgs(['generate'])).overlays).toBe('configured');
    expect((await parseArgs(['generate', '--no-overlays'])).overlays).toBe(false);
    expect((await parseArgs(['generate', '--overlays', 'a, b'])).overlays).toEqual(['a', 'b']);
  });

  it('defaults: --check fails on any drift, generate on nothing', async () => {
    expect((await parseArgs(['generate', '--check'])).failOn).toBe('any');
    expect((await parseArgs(['generate'])).failOn).toBe('none');
    expect((await parseArgs(['generate', '--check', '--fail-on', 'breaking'])).failOn).toBe('breaking');
  });

  it('--bump with --check is a usage error', async () => {
    const { code, stderr } = await runMain(['generate', '--check', '--bump']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/cannot be combined with --check/);
  });

  it('another document gets no overlays unless asked, and gets them with --overlays', async () => {
    const other = join(tempDir(), 'other.json');
    copyFileSync(SPEC, other);
    const plain = join(tempDir(), 'out');
    const asked = join(tempDir(), 'out');
    expect((await runMain(['generate', '--spec', other, '--out', plain])).code).toBe(0);
    expect((await runMain(['generate', '--spec', other, '--out', asked, '--overlays', 'session-exclusivity'])).code).toBe(0);
    expect(readFileSync(join(plain, 'src/client.ts'), 'utf8')).not.toContain('createGuestSession');
    expect(readFileSync(join(asked, 'src/client.ts'), 'utf8')).toContain('createGuestSession');
  });
});
