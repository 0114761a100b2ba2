/**
 * `npm run generate` (the README's command) starts the generator with the Node options of package.json's script
 * (`--v8-pool-size=0`: see README, How the command runs). They are process options, which the worker threads
 * inherit: the command must still work with either worker, and give what the plain binary gives.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { TYPES_WORKER_MIN_BYTES } from '../../src/emit/types-worker.js';
import { ROOT, runCli, snapshotDir, tempDir } from '../helpers/cli.js';

/** Runs `npm run generate -- ...args` (no result cache: the work itself runs), with the names of the stages it ran. */
function npmRunGenerate(args: string[], env: Record<string, string> = {}): { code: number; stdout: string; stderr: string; stages: Set<string> } {
  const timings = join(tempDir('zc-npm-timings-'), 'timings.json');
  const result = spawnSync('npm', ['run', '--silent', 'generate', '--', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ZENSKAR_CODEGEN_RESULT_CACHE: '0', ZENSKAR_CODEGEN_TIMINGS: timings, ...env },
    timeout: 120_000,
  });
  const records = (JSON.parse(readFileSync(timings, 'utf8')) as { records: Array<{ name: string }> }).records;
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr, stages: new Set(records.map((r) => r.name)) };
}

it('--check passes on generated/ with prettier in the format worker', () => {
  const { code, stdout, stderr, stages } = npmRunGenerate(['--check'], { ZENSKAR_CODEGEN_FORMAT_WORKER: '1' });
  expect(stderr).not.toMatch(/error/i);
  expect(code).toBe(0);
  expect(stdout).toBe('');
  expect(stages).toContain('format (worker)');
}, 120_000);

it('generates a spec large enough for the types worker as the plain binary does', () => {
  // ~1.3 MB: a thousand component schemas and an operation reading each
  const schemas: Record<string, unknown> = {};
  const paths: Record<string, unknown> = {};
  for (let i = 0; i < 1000; i++) {
    schemas[`Thing${i}`] = {
      type: 'object',
      required: ['id'],
      properties: { id: { type: 'string', description: 'x'.repeat(900) }, count: { type: 'integer', minimum: 0 }, next: { $ref: `#/components/schemas/Thing${(i + 1) % 1000}` } },
    };
    paths[`/things${i}/{id}`] = {
      get: {
        operationId: `getThing${i}`,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: `#/components/schemas/Thing${i}` } } } } },
      },
    };
  }
  const dir = tempDir('zc-npm-script-');
  const spec = join(dir, 'big.json');
  writeFileSync(spec, JSON.stringify({ openapi: '3.1.0', info: { title: 'big', version: '1.0.0' }, paths, components: { schemas } }));
  expect(JSON.stringify({ paths, schemas }).length).toBeGreaterThan(TYPES_WORKER_MIN_BYTES);
  const viaNpm = npmRunGenerate(['--spec', spec, '--out', join(dir, 'npm')]);
  expect(viaNpm.stderr).not.toMatch(/error/i);
  expect(viaNpm.code).toBe(0);
  expect(viaNpm.stages).toContain('types (worker)');
  const plain = runCli(['generate', '--spec', spec, '--out', join(dir, 'plain')]);
  expect(plain.code).toBe(0);
  expect(snapshotDir(join(dir, 'npm'))).toEqual(snapshotDir(join(dir, 'plain')));
}, 180_000);
