/**
 * A problem found in the input spec (or in an overlay's expectations), shown to the user.
 * Spec problems are data: stages collect them and return them; only the CLI decides the exit code.
 */
export interface Issue {
  severity: 'error' | 'warning';
  /** kebab-case, stable: `unresolved-ref`, `duplicate-operation-id`, `unsupported-keyword`, ... */
  code: string;
  /** the file the problem is in (the spec path as given, or a referenced file) */
  file?: string;
  /** RFC 6901 JSON pointer into that file, written as a URI fragment: `#/paths/~1customers~1session/post` */
  pointer: string;
  /** what was expected and what was found; spec keywords in backticks */
  message: string;
  /** how to fix it, where a hint helps */
  hint?: string;
}

/** Thrown by a stage that cannot continue; carries the issues that stopped it. */
export class SpecError extends Error {
  readonly issues: Issue[];
  constructor(issues: Issue[]) {
    super(issues.map(formatIssue).join('\n'));
    this.name = 'SpecError';
    this.issues = issues;
  }
}

/** One line `error  file#/pointer  message`, plus an indented `hint:` line where there is one. */
export function formatIssue(issue: Issue): string {
  const where = `${issue.file ?? ''}${issue.pointer}`;
  const line = `${issue.severity}  ${where}  ${issue.message}`;
  return issue.hint ? `${line}\n  hint: ${issue.hint}` : line;
}

/**
 * Sorts issues by file, then pointer, then code, so output order never depends on traversal order; an issue
 * reported twice in the same words (two stages meeting the same spec node) is listed once.
 */
export function sortIssues(issues: readonly Issue[]): Issue[] {
  const unique = [...new Map(issues.map((i) => [JSON.stringify([i.severity, i.code, i.file, i.pointer, i.message, i.hint]), i])).values()];
  return unique.sort(
    (a, b) =>
      (a.file ?? '').localeCompare(b.file ?? '') ||
      a.pointer.localeCompare(b.pointer) ||
      a.code.localeCompare(b.code),
  );
}
