/** A finding: plain data that renderers turn into text, JSON, SARIF, annotations or markdown. */
export type Severity = 'error' | 'warning';

export interface Finding {
  readonly rule: string;
  readonly severity: Severity;
  /** Workflow file name (the manifest key); null for manifest-only findings. */
  readonly workflow: string | null;
  /** Job id; null for workflow-level or manifest-level findings. */
  readonly job: string | null;
  /** The scope, secret, environment, trigger or `uses:` reference concerned. */
  readonly subject: string;
  readonly message: string;
  /** Repository-relative file the line points into (a workflow or the manifest). */
  readonly file: string;
  readonly line: number;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** File, line, rule, subject, message: code-unit order, so output does not depend on the locale. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    cmp(a.file, b.file) ||
    a.line - b.line ||
    cmp(a.rule, b.rule) ||
    cmp(a.subject, b.subject) ||
    cmp(a.job ?? '', b.job ?? '') ||
    cmp(a.message, b.message)
  );
}
