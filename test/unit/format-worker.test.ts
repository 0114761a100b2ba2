/**
 * Formatting in a worker thread (src/format.ts `startFormatWorker`) gives exactly what formatting in process gives,
 * whether a file was offered early, offered and then changed, or never offered; prettier's errors come back.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { emitPackage } from '../../src/emit/emit-package.js';
import { formatFiles, startFormatWorker } from '../../src/format.js';
import { loadSpec } from '../../src/load/load-spec.js';
import { buildModel } from '../../src/model/build-model.js';
import { applyProjectOverlays } from '../../src/overlays/apply-project-overlays.js';
import { SPEC } from '../helpers/cli.js';

const worker = startFormatWorker();
afterAll(() => worker.stop());

describe('the format worker', () => {
  it('formats the emitted package, files offered as the overlays finish them, exactly as in process', async () => {
    const loaded = await loadSpec(SPEC);
    const { model } = buildModel(loaded.spec!);
    const emitted = await emitPackage(loaded.spec!, model, { packageVersion: '1.0.0' });
    const offered: string[] = [];
    const overlaid = await applyProjectOverlays(emitted.files, loaded.spec!, 'configured', undefined, {
      onFileDone: (file) => {
        offered.push(file.path);
        worker.offer(file);
      },
    });
    // every file once: the ones no edit names first, then each edited one when its last edit is done, the largest
    // (which prettier takes longest over) edited first
    expect([...offered].sort()).toEqual(emitted.files.map((f) => f.path).sort());
    expect(offered.slice(-3)).toEqual(['src/validators.ts', 'src/client.ts', 'src/types.ts']);
    expect(await formatFiles(overlaid.files, worker)).toEqual(await formatFiles(overlaid.files));
  });

  it('a file offered and then changed is formatted again; one never offered is formatted when asked', async () => {
    const first = { path: 'a.ts', content: 'export const a   = 1' };
    const changed = { path: 'a.ts', content: 'export const a   = 2' };
    worker.offer(first);
    expect(await formatFiles([changed, { path: 'b.json', content: '{"b":[1,2]}' }], worker)).toEqual([
      { path: 'a.ts', content: 'export const a = 2;\n' },
      { path: 'b.json', content: '{ "b": [1, 2] }\n' },
    ]);
  });

  it("prettier's error comes back as the format's failure", async () => {
    await expect(formatFiles([{ path: 'bad.ts', content: 'export const = ;' }], worker)).rejects.toThrow(/prettier failed in the format worker/);
  });
});
