/**
 * Generates the client package for a spec with the generator's own `generate()`, writes it to a temporary folder as
 * JavaScript (esbuild strips the types, nothing else) and imports it, next to the model the generator built.
 */
import { transform } from 'esbuild';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { formatIssue } from '../../src/issue.js';
import { loadSpec } from '../../src/load/load-spec.js';
import { buildModel } from '../../src/model/build-model.js';
import type { ApiModel } from '../../src/model/types.js';
import { generate } from '../../src/run.js';

/** What a generated package exports that the harness uses. */
export interface ClientModule {
  createClient(options: Record<string, unknown>): Record<string, unknown>;
  isApiError(value: unknown): boolean;
  [validator: string]: unknown;
}

export interface LoadedClient {
  module: ClientModule;
  model: ApiModel;
  /** the bundled, checked document (what the sampler reads schemas from) */
  document: Record<string, unknown>;
  /** removes the temporary folder */
  dispose(): Promise<void>;
}

/** Thrown when the generator refuses the spec: counted as a crash of the run, never as a skip. */
export class GeneratorFailure extends Error {}

/** Generates, writes and imports the client for `spec` (the overlays the project ties to it included). */
export async function loadGeneratedClient(spec: string): Promise<LoadedClient> {
  const result = await generate({ spec, packageVersion: '1.0.0' });
  if (!result.files) {
    const errors = result.issues.filter((i) => i.severity === 'error').map(formatIssue);
    throw new GeneratorFailure(`the generator failed on ${spec}:\n${errors.slice(0, 10).join('\n')}`);
  }
  const loaded = await loadSpec(spec);
  if (!loaded.spec) throw new GeneratorFailure(`${spec} did not load a second time`);
  const { model } = buildModel(loaded.spec);
  const dir = await mkdtemp(join(tmpdir(), 'zc-contract-'));
  try {
    for (const file of result.files) {
      if (!file.path.startsWith('src/') || !file.path.endsWith('.ts')) continue;
      const js = await transform(file.content, { loader: 'ts', format: 'esm', target: 'es2022' });
      const target = join(dir, file.path.replace(/\.ts$/, '.js'));
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, js.code);
    }
    await writeFile(join(dir, 'package.json'), '{ "type": "module" }\n');
    const module = (await import(pathToFileURL(join(dir, 'src', 'index.js')).href)) as ClientModule;
    return { module, model, document: loaded.spec.document, dispose: () => rm(dir, { recursive: true, force: true }) };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
