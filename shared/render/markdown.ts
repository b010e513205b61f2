/**
 * The job-summary table, grouped by rule then file; user-controlled text escaped; cut under 1 MiB
 * (GitHub's per-step summary limit, in bytes) with a note saying where the full list is.
 */
import type { CheckResult } from '../check/run.js';
import type { Finding } from '../check/finding.js';
import { RULES } from '../check/registry.js';
import { clip, code, cutToSize, escapeMarkdown, SUMMARY_LIMIT } from './escape.js';

/** Rows shown before the rest of a rule's findings fold into `<details>`. */
const FOLD_AFTER = 20;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function row(f: Finding): string {
  return `| ${code(clip(`${f.file}:${f.line}`))} | ${f.job ? code(clip(f.job)) : ''} | ${code(clip(f.subject))} | ${escapeMarkdown(clip(f.message, 1000))} |`;
}

const HEADER = ['| where | job | subject | finding |', '| --- | --- | --- | --- |'];

/** Effective access per job, folded: what a reviewer compares the findings against. */
function jobsTable(result: CheckResult): string[] {
  const list = (xs: readonly string[]) => xs.map((x) => code(clip(x))).join(' ');
  return [
    `<details><summary>Effective access of ${plural(result.jobs.length, 'job')}</summary>`,
    '',
    '| job | GITHUB_TOKEN | secrets | environments |',
    '| --- | --- | --- | --- |',
    ...result.jobs.map((j) => {
      const name = code(clip(`${j.workflow} / ${j.job}`)) + (j.via ? ` via ${code(clip(j.via))}` : '');
      const perms = Object.entries(j.permissions).map(([s, l]) => `${s}: ${l}`);
      return `| ${name} | ${perms.length ? list(perms) : 'none'} | ${list(j.secrets)} | ${list(j.environments)} |`;
    }),
    '',
    '</details>',
    '',
  ];
}

export function renderMarkdown(result: CheckResult, limit = SUMMARY_LIMIT): string {
  const errors = result.findings.filter((f) => f.severity === 'error').length;
  const warnings = result.findings.length - errors;
  const lines: string[] = [
    '## stepwarden check',
    '',
    errors
      ? `**${plural(errors, 'error')}**, ${plural(warnings, 'warning')} across ${plural(result.jobs.length, 'job')}.`
      : `No errors, ${plural(warnings, 'warning')} across ${plural(result.jobs.length, 'job')}.`,
    '',
  ];
  // Rule titles are our own markdown; unknown rule ids (a renderer must not drop findings it has no
  // metadata for) are escaped and go last.
  const known = new Set(RULES.map((r) => r.meta.id));
  const groups = [
    ...RULES.map((r) => ({ id: r.meta.id, severity: r.meta.severity, title: r.meta.title })),
    ...[...new Set(result.findings.map((f) => f.rule))]
      .filter((id) => !known.has(id))
      .map((id) => ({ id, severity: 'error' as const, title: escapeMarkdown(id) })),
  ];
  for (const g of groups) {
    const fs = result.findings.filter((f) => f.rule === g.id);
    if (!fs.length) continue;
    const byFile = [...fs].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
    lines.push(
      `### ${g.severity === 'error' ? '❌' : '⚠️'} ${g.id} (${fs.length})`,
      '',
      `${g.title} — [rule docs](https://github.com/stepwarden/stepwarden/blob/main/docs/rules/${g.id}.md)`,
      '',
      ...HEADER,
      ...byFile.slice(0, FOLD_AFTER).map(row),
      '',
    );
    if (byFile.length > FOLD_AFTER) {
      lines.push(
        `<details><summary>${byFile.length - FOLD_AFTER} more</summary>`,
        '',
        ...HEADER,
        ...byFile.slice(FOLD_AFTER).map(row),
        '',
        '</details>',
        '',
      );
    }
  }
  if (!result.findings.length) lines.push('Every job holds only what the access manifest declares.', '');
  if (result.jobs.length) lines.push(...jobsTable(result));
  return cutToSize(`${lines.join('\n')}\n`, limit, (n, kept) => {
    const open = (kept.match(/<details>/g) ?? []).length - (kept.match(/<\/details>/g) ?? []).length;
    return `${open > 0 ? '</details>\n\n' : ''}_Cut to stay under GitHub's job summary size limit: ${n} more lines. For the full list, write SARIF (input \`sarif-file\`) or run \`stepwarden check --format json\`._`;
  });
}
