/**
 * Topical cases, one feature each: `<case>/spec.json` generates (no overlays) into `<case>/__golden__/` (types.ts
 * and client.ts, the files this feature shapes, and README.md; `vitest -u` updates them), and the whole package, plus
 * the case's `usage.ts` when there is one (its `@ts-expect-error`s are the negative checks) and every TypeScript
 * block of its README, typechecks under the strict options of generated/ in one in-memory program.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GeneratedFile } from '../../src/generated-file.js';
import { generate } from '../../src/run.js';
import { typecheckPackages, type PackageDiagnostic } from '../corpus/typecheck.js';
import { docBlockFiles } from '../docs/doc-blocks.js';

const DIR = fileURLToPath(new URL('./', import.meta.url));
const CASES = readdirSync(DIR, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
const GOLDEN_FILES = ['src/types.ts', 'src/client.ts', 'README.md'];

const outputs = new Map<string, GeneratedFile[]>();
let diagnostics = new Map<string, PackageDiagnostic[]>();

beforeAll(async () => {
  for (const name of CASES) {
    const result = await generate({ spec: `${DIR}${name}/spec.json`, packageVersion: '1.0.0', overlays: false });
    outputs.set(name, result.files ?? []);
  }
  diagnostics = typecheckPackages(
    CASES.map((name) => {
      // `.ts.txt`: a consumer of the generated package, not part of the repo's own typecheck
      const usage = `${DIR}${name}/usage.ts.txt`;
      const extra = existsSync(usage) ? [{ path: 'usage.ts', content: readFileSync(usage, 'utf8') }] : [];
      const files = outputs.get(name)!;
      const packageName = (JSON.parse(files.find((f) => f.path === 'package.json')!.content) as { name: string }).name;
      const docs = docBlockFiles(files, packageName);
      return { id: name, files: [...files.filter((f) => f.path.endsWith('.ts') || f.path === 'package.json'), ...extra, ...docs] };
    }),
  );
}, 300_000);

describe.each(CASES)('case %s', (name) => {
  it('generates', () => {
    expect(outputs.get(name)!.length).toBeGreaterThan(0);
  });

  it.each(GOLDEN_FILES)('%s matches the golden file', async (path) => {
    const file = outputs.get(name)!.find((f) => f.path === path);
    await expect(file?.content).toMatchFileSnapshot(`${DIR}${name}/__golden__/${path}`);
  });

  it('typechecks strictly (usage.ts included)', () => {
    expect(diagnostics.get(name)).toEqual([]);
  });
});
