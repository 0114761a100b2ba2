/** The depth guard stays exactly where a cycle of calls could descend without bound (src/emit/validators/depth-guards.ts). */
import { describe, expect, it } from 'vitest';
import { dropUnneededDepthGuards } from '../../src/emit/validators/depth-guards.js';
import { compileSchemaModule } from '../../src/emit/validators/index.js';

const QUICK = 'if (d > 256) return false;\n';
const fn = (name: string, calls: string) => ({ name, params: 'x: unknown, d: number', origin: name, body: `${QUICK}return ${calls || 'true'};` });
const guarded = (fns: ReturnType<typeof dropUnneededDepthGuards>) => fns.filter((f) => f.body.startsWith(QUICK)).map((f) => f.name);

describe('dropUnneededDepthGuards', () => {
  it('keeps the guard on self-calls, mutual recursion and calls through a table; drops it elsewhere', () => {
    const fns = [
      fn('q_self', 'q_self(x, d + 1)'),
      fn('q_a', 'q_b(x, d + 1)'),
      fn('q_b', 'q_a(x, d + 1) && q_leaf(x, d + 1)'),
      fn('q_viaTable', 'u(x, d + 1, A_1)'),
      fn('q_branch', 'q_viaTable(x, d + 1)'),
      fn('q_leaf', ''),
      fn('q_top', 'q_leaf(x, d + 1) && q_a(x, d + 1)'),
    ];
    const out = dropUnneededDepthGuards(fns, [{ name: 'A_1', expr: '[q_branch, q_leaf]' }]);
    expect(guarded(out).sort()).toEqual(['q_a', 'q_b', 'q_branch', 'q_self', 'q_viaTable']);
    expect(out.find((f) => f.name === 'q_leaf')!.body).toBe('return true;');
  });

  it('a name inside a longer identifier is no call', () => {
    const out = dropUnneededDepthGuards([fn('q_a', 'q_ab(x, d + 1)'), fn('q_ab', '')], []);
    expect(guarded(out)).toEqual([]);
  });
});

describe('compiled modules', () => {
  const load = async (schema: unknown) => {
    const { content } = compileSchemaModule(schema, { dialect: 'json-schema-2020-12' });
    const js = (await import('typescript')).default.transpileModule(content, { compilerOptions: { target: 99, module: 99 } }).outputText;
    return { content, mod: (await import(`data:text/javascript;base64,${Buffer.from(js).toString('base64')}`)) as { validate(v: unknown): { ok: boolean; errors?: Array<{ type: string }> } } };
  };

  it('a schema without recursion has no depth guard and no depth message', async () => {
    const { content, mod } = await load({ type: 'object', properties: { a: { type: 'array', items: { type: 'object', properties: { b: { type: 'string' } } } } } });
    expect(content).not.toContain('recursion_loop');
    expect(mod.validate({ a: [{ b: 'x' }] }).ok).toBe(true);
    expect(mod.validate({ a: [{ b: 1 }] }).ok).toBe(false);
  });

  it('a recursive schema through a union still stops deep data with recursion_loop, not a stack overflow', async () => {
    const { mod } = await load({ $defs: { R: { anyOf: [{ type: 'integer' }, { type: 'array', items: { $ref: '#/$defs/R' } }] } }, $ref: '#/$defs/R' });
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const result = mod.validate(deep);
    expect(result.ok).toBe(false);
    expect(result.errors!.map((e) => e.type)).toContain('recursion_loop');
  });
});

describe('names of any shape', () => {
  it('finds calls between functions whose names are not `<letter>_…` too', () => {
    const QUICK2 = 'if (d > 256) return false;\n';
    const mk = (name: string, calls: string) => ({ name, params: '', origin: name, body: `${QUICK2}return ${calls};` });
    const out = dropUnneededDepthGuards([mk('check_a', 'check_b(x)'), mk('check_b', 'check_a(x)'), mk('leaf', 'true')], []);
    expect(out.filter((f) => f.body.startsWith(QUICK2)).map((f) => f.name)).toEqual(['check_a', 'check_b']);
  });
});
