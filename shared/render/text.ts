import type { CheckResult } from '../check/run.js';
import { oneLine } from './escape.js';

/**
 * Human output: `file:line  severity  rule  message`, grouped by file, then a count. Printed to a runner
 * log by `run: stepwarden check`, so every value is one line (`oneLine`): a job named `"x\n::error::"`
 * cannot print a workflow command.
 */
export function renderText(result: CheckResult): string {
  const lines: string[] = [];
  let current = '';
  for (const f of result.findings) {
    if (f.file !== current) {
      if (current) lines.push('');
      current = f.file;
    }
    lines.push(
      `${oneLine(f.file)}:${f.line}  ${f.severity.padEnd(7)}  ${f.rule.padEnd(22)}  ${oneLine(f.message)}`,
    );
  }
  const errors = result.findings.filter((f) => f.severity === 'error').length;
  const warnings = result.findings.length - errors;
  if (lines.length) lines.push('');
  lines.push(
    `${result.jobs.length} job${result.jobs.length === 1 ? '' : 's'} checked: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`,
  );
  return `${lines.join('\n')}\n`;
}
