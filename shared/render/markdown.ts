/**
 * The job-summary table, grouped by rule (groups holding an error first) then file; user-controlled
 * text escaped; cut under 1 MiB (GitHub's per-step summary limit, in bytes) with a note saying where
 * the full list is.
 */
import type { CheckResult, JobReport } from '../check/run.js';
import type { Finding } from '../check/finding.js';
import { RULES } from '../check/registry.js';
import { clip, code, cutLinesToSize, escapeMarkdown, SUMMARY_LIMIT, type LazyLine } from './escape.js';

/** Rows shown before the rest of a rule's findings fold into `<details>`. */
const FOLD_AFTER = 20;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `marked`: the row's group holds both severities, so each warning says it did not fail the check. */
function row(f: Finding, marked: boolean): string {
  const said = marked && f.severity === 'warning' ? 'warning: ' : '';
  return `| ${code(clip(`${f.file}:${f.line}`))} | ${f.job ? code(clip(f.job)) : ''} | ${code(clip(f.subject))} | ${said}${escapeMarkdown(clip(f.message, 1000))} |`;
}

const HEADER = ['| where | job | subject | finding |', '| --- | --- | --- | --- |'];

/** One job's row: effective access, what a reviewer compares the findings against. */
function jobRow(j: JobReport): string {
  const list = (xs: readonly string[]) => xs.map((x) => code(clip(x))).join(' ');
  const name = code(clip(`${j.workflow} / ${j.job}`)) + (j.via ? ` via ${code(clip(j.via))}` : '');
  const perms = Object.entries(j.permissions).map(([s, l]) => `${s}: ${l}`);
  return `| ${name} | ${perms.length ? list(perms) : 'none'} | ${list(j.secrets)} | ${list(j.environments)} |`;
}

/** `<details>` left open in `text` (the note closes it). */
const openDetails = (text: string) =>
  (text.match(/<details>/g) ?? []).length - (text.match(/<\/details>/g) ?? []).length;

const cutNote = (n: number, open: number) =>
  `${open > 0 ? '</details>\n\n' : ''}_Cut to stay under GitHub's job summary size limit: ${n} more lines. For the full list, write SARIF (input \`sarif-file\`) or run \`stepwarden check --format json\`._`;

/** The note after a cut summary: `n` lines cut, a `<details>` the kept text left open closed. */
export const summaryCutNote = (n: number, kept: string): string => cutNote(n, openDetails(kept));

/**
 * The summary's lines; each row (a finding or a job) is a function, made only if the cut reaches it.
 * A row is one line (every value in it is escaped, which flattens line breaks) and holds no
 * `<details>` or `</details>` (escaping writes every `<` as `&lt;`): what the cut counts of those is
 * in the other lines.
 */
function summaryLines(result: CheckResult): LazyLine[] {
  const lines: LazyLine[] = [];
  // Text of our own, split as the whole text will be (an unknown rule id is written as it is).
  const text = (...ts: string[]) => {
    for (const t of ts) lines.push(...t.split('\n'));
  };
  const errors = result.findings.filter((f) => f.severity === 'error').length;
  const warnings = result.findings.length - errors;
  text(
    '## stepwarden check',
    '',
    errors
      ? `**${plural(errors, 'error')}**, ${plural(warnings, 'warning')} across ${plural(result.jobs.length, 'job')}.`
      : `No errors, ${plural(warnings, 'warning')} across ${plural(result.jobs.length, 'job')}.`,
    '',
  );
  // Rule titles are our own markdown; unknown rule ids (a renderer must not drop findings it has no
  // metadata for) are escaped and go last.
  const byRule = new Map<string, Finding[]>();
  for (const f of result.findings) {
    const list = byRule.get(f.rule);
    if (list) list.push(f);
    else byRule.set(f.rule, [f]);
  }
  const known = new Set(RULES.map((r) => r.meta.id));
  const groups = [
    ...RULES.map((r) => ({ id: r.meta.id, title: r.meta.title })),
    ...[...byRule.keys()].filter((id) => !known.has(id)).map((id) => ({ id, title: escapeMarkdown(id) })),
  ];
  // Groups holding an error first (each severity in the registry's order): the summary is cut at
  // GitHub's limit, and warning rules sort before most error rules there, so enough warnings cut every
  // error row while the line above counted them (session 40).
  const failing = (id: string) => byRule.get(id)?.some((f) => f.severity === 'error') === true;
  const ordered = [...groups.filter((g) => failing(g.id)), ...groups.filter((g) => !failing(g.id))];
  const rows = (fs: readonly Finding[], marked: boolean) => {
    for (const f of fs) lines.push(() => row(f, marked));
  };
  for (const g of ordered) {
    const fs = byRule.get(g.id);
    if (!fs) continue;
    // Same file: no collation to ask for (localeCompare of a string with itself is 0).
    const byFile = [...fs].sort((a, b) =>
      a.file === b.file ? a.line - b.line : a.file.localeCompare(b.file) || a.line - b.line,
    );
    // The mark and counts are the findings' own: org-reach in an organization rule's audit mode and
    // credential-step where it cannot judge report below their rule's severity (session 40).
    const errorsHere = fs.filter((f) => f.severity === 'error').length;
    const mixed = errorsHere > 0 && errorsHere < fs.length;
    const counts = mixed
      ? `${fs.length}: ${plural(errorsHere, 'error')}, ${plural(fs.length - errorsHere, 'warning')}`
      : `${fs.length}`;
    text(
      `### ${errorsHere ? '❌' : '⚠️'} ${g.id} (${counts})`,
      '',
      `${g.title} — [rule docs](https://github.com/stepwarden/stepwarden/blob/main/docs/rules/${g.id}.md)`,
      '',
      ...HEADER,
    );
    rows(byFile.slice(0, FOLD_AFTER), mixed);
    text('');
    if (byFile.length > FOLD_AFTER) {
      text(`<details><summary>${byFile.length - FOLD_AFTER} more</summary>`, '', ...HEADER);
      rows(byFile.slice(FOLD_AFTER), mixed);
      text('', '</details>', '');
    }
  }
  if (!result.findings.length) text('Every job holds only what the access manifest declares.', '');
  if (result.jobs.length) {
    text(
      `<details><summary>Effective access of ${plural(result.jobs.length, 'job')}</summary>`,
      '',
      '| job | GITHUB_TOKEN | secrets | environments |',
      '| --- | --- | --- | --- |',
    );
    for (const j of result.jobs) lines.push(() => jobRow(j));
    text('', '</details>', '');
  }
  return lines;
}

/** The job-summary table: findings grouped by rule then file, then every job's access, cut under `limit` bytes. */
export function renderMarkdown(result: CheckResult, limit = SUMMARY_LIMIT): string {
  const lines = summaryLines(result);
  return cutLinesToSize(
    lines,
    limit,
    summaryCutNote,
    // The whole text's open `<details>`: those of our own lines, as no row holds one.
    (total) => cutNote(total, openDetails(lines.filter((l) => typeof l === 'string').join('\n'))),
  );
}
