/** The job-summary table, grouped by rule; user-controlled text escaped; cut under 1 MiB. */
import type { CheckResult } from '../check/run.js';
import { RULES } from '../check/registry.js';
import { code, cutToSize, escapeMarkdown, SUMMARY_LIMIT } from './escape.js';

const FOLD_AFTER = 20;

export function renderMarkdown(result: CheckResult, limit = SUMMARY_LIMIT): string {
  const errors = result.findings.filter((f) => f.severity === 'error').length;
  const warnings = result.findings.length - errors;
  const lines: string[] = [
    '## stepwarden check',
    '',
    errors
      ? `**${errors} error${errors === 1 ? '' : 's'}**, ${warnings} warning${warnings === 1 ? '' : 's'} across ${result.jobs.length} jobs.`
      : `No errors, ${warnings} warning${warnings === 1 ? '' : 's'} across ${result.jobs.length} jobs.`,
    '',
  ];
  for (const rule of RULES) {
    const fs = result.findings.filter((f) => f.rule === rule.meta.id);
    if (!fs.length) continue;
    lines.push(
      `### ${rule.meta.severity === 'error' ? '❌' : '⚠️'} ${rule.meta.id} (${fs.length})`,
      '',
      escapeMarkdown(rule.meta.title),
      '',
    );
    const row = (f: (typeof fs)[number]) =>
      `| ${code(`${f.file}:${f.line}`)} | ${f.job ? code(f.job) : ''} | ${code(f.subject)} | ${escapeMarkdown(f.message)} |`;
    const header = ['| where | job | subject | finding |', '| --- | --- | --- | --- |'];
    lines.push(...header, ...fs.slice(0, FOLD_AFTER).map(row), '');
    if (fs.length > FOLD_AFTER) {
      lines.push(
        `<details><summary>${fs.length - FOLD_AFTER} more</summary>`,
        '',
        ...header,
        ...fs.slice(FOLD_AFTER).map(row),
        '',
        '</details>',
        '',
      );
    }
  }
  return cutToSize(
    `${lines.join('\n')}\n`,
    limit,
    (n) =>
      `_Cut to stay under GitHub's summary size limit: ${n} more lines. Run \`stepwarden check --format json\` for the full list._`,
  );
}
