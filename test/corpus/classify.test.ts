/** Failure causes group equal problems together and say where a package's diagnostics are. */
import { describe, expect, it } from 'vitest';
import { countByFileAndCode, groupFailures, typecheckCause } from './classify.js';

describe('classify', () => {
  const diag = (file: string, code: number, message: string) => ({ file, line: 1, code, message });

  it('names the first diagnostic as the cause and counts all of them by file and code', () => {
    const cause = typecheckCause([
      diag('src/validators.ts', 2563, 'The containing function or module body is too large for control flow analysis.'),
      diag('src/types.ts', 2339, "Property 'schema' does not exist on type 'X'."),
      diag('src/validators.ts', 2563, 'The containing function or module body is too large for control flow analysis.'),
    ]);
    expect(cause.cause).toBe('tsc TS2563 in validators.ts: The containing function or module body is too large for control flow analysis.');
    expect(cause.detail).toContain('3 diagnostic(s) (validators.ts TS2563 ×2, types.ts TS2339 ×1)');
  });

  it('groups specs whose causes differ only in names and numbers', () => {
    const a = { id: 'a', status: 'fail' as const, ...typecheckCause([diag('src/types.ts', 2339, "Property 'x' does not exist on type '{ a: 1 }'.")]) };
    const b = { id: 'b', status: 'fail' as const, ...typecheckCause([diag('src/types.ts', 2339, "Property 'y' does not exist on type '{ b: 22 }'.")]) };
    const groups = groupFailures([a, b, { id: 'c', status: 'pass' }]);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.ids).toEqual(['a', 'b']);
  });

  it('counts diagnostics without a file under (program)', () => {
    expect(countByFileAndCode([{ file: undefined, line: undefined, code: 5023, message: 'x' }])).toBe('(program) TS5023 ×1');
  });
});
