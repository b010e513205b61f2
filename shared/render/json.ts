import type { CheckResult } from '../check/run.js';

/** The stable JSON contract (docs/required-check.md). Key order is fixed for readable diffs. */
export function renderJson(result: CheckResult): string {
  const findings = result.findings.map((f) => ({
    rule: f.rule,
    severity: f.severity,
    workflow: f.workflow,
    job: f.job,
    subject: f.subject,
    message: f.message,
    file: f.file,
    line: f.line,
  }));
  return `${JSON.stringify({ jobs: result.jobs, findings }, null, 2)}\n`;
}
