/** The diff as JSON (a stable contract) and as the PR comment / job summary markdown. */
import { createHash } from 'node:crypto';
import { clip, code, COMMENT_LIMIT, cutToSize, escapeMarkdown } from '../render/escape.js';
import { DESCRIPTION_CUT, type Change } from './diff.js';

export const MARKER = '<!-- stepwarden:access-diff -->';

/**
 * What an approval label approves: a digest of the widened and unjudged changes, kept in the comment
 * (`<!-- stepwarden:widened HEX -->`). A label found while the comment a person last read showed
 * another widening is not an approval of this one.
 */
export function widenedDigest(changes: readonly Change[]): string {
  const keys = changes
    .filter((c) => c.effect !== 'narrowed')
    .map((c) => JSON.stringify([c.effect, c.kind, c.workflow, c.job, c.subject, c.before, c.after]))
    .sort();
  return createHash('sha256').update(keys.join('\n')).digest('hex');
}
const DIGEST = /^<!-- stepwarden:widened ([0-9a-f]{64}) -->$/m;
/** The widened digest a comment body carries, if any. */
export const digestOf = (body: string | undefined): string | undefined =>
  body ? DIGEST.exec(body)?.[1] : undefined;

export function renderDiffJson(changes: readonly Change[]): string {
  return `${JSON.stringify(
    {
      changes: changes.map((c) => ({
        workflow: c.workflow,
        job: c.job,
        kind: c.kind,
        subject: c.subject,
        before: c.before,
        after: c.after,
        effect: c.effect,
        ...(c.file ? { file: c.file } : {}),
        ...(c.line ? { line: c.line } : {}),
        ...(c.renamedFrom ? { renamedFrom: c.renamedFrom } : {}),
      })),
    },
    null,
    2,
  )}\n`;
}

export interface MarkdownOptions {
  /** `https://github.com/OWNER/REPO/blob/SHA` for file links (head side). */
  readonly blobBase?: string;
  /** The head commit the diff is of, named in the comment (two runs of one pull request can race). */
  readonly headSha?: string;
  /** Carry the widened digest (see widenedDigest) for the approval label. */
  readonly digest?: boolean;
  readonly limit?: number;
}

const WIDENED = '### ⬆️ Widened';
const NARROWED = '### ⬇️ Narrowed';

/** Rows of the tables under `heading` in `text` (up to the next `### `), headers not counted. */
function rowsUnder(text: string, heading: string): number {
  const at = text.indexOf(`\n${heading}\n`);
  if (at < 0) return 0;
  const rest = text.slice(at + heading.length + 2);
  const end = rest.indexOf('\n### ');
  return (end < 0 ? rest : rest.slice(0, end))
    .split('\n')
    .filter((l) => l.startsWith('| ') && !l.startsWith('| workflow |') && !l.startsWith('| --- |')).length;
}

/**
 * The note that ends a cut comment: outside any `<details>` the cut left open (inside one it would be
 * folded away), and saying how many widened and narrowed changes are not listed.
 */
function cutNote(kept: string, widened: number, narrowed: number, total: number): string {
  const open = (kept.match(/<details>/g) ?? []).length - (kept.match(/<\/details>/g) ?? []).length;
  const close = open > 0 ? `${'</details>\n\n'.repeat(open)}` : '';
  const w = widened - rowsUnder(kept, WIDENED);
  const n = narrowed - rowsUnder(kept, NARROWED);
  return `${close}> [!WARNING]\n> Cut to stay under GitHub's 65,536-character comment limit: **${w} of ${widened} widened** and ${n} of ${narrowed} narrowed changes are not listed here (every one counts for \`fail-on: widened\`, and no approval label approves a widening this comment cannot show: split the pull request). Run \`stepwarden diff BASE HEAD --format json\` for all ${total} changes.`;
}

/**
 * How many widened changes `body` (renderDiffMarkdown's) does not show whole: those a cut at the
 * comment limit left out (session 21), and those listed with a value clipped in its cell or cut by the
 * diff itself (a new job's description past 900 characters, session 23). A label approves what the
 * comment showed, so it cannot approve these.
 */
export const widenedNotShown = (changes: readonly Change[], body: string): number => {
  const widened = changes.filter((c) => c.effect === 'widened');
  const missing = Math.max(0, widened.length - rowsUnder(body, WIDENED));
  return Math.min(widened.length, missing + widened.filter(shownInPart).length);
};

/**
 * A change whose row cannot show all of it: a name or value past its cell's clip (a renamed file's old
 * name is a name too, session 24), or a value cut by the diff.
 */
const shownInPart = (c: Change): boolean =>
  c.workflow.length > CELL ||
  (c.renamedFrom?.length ?? 0) > CELL ||
  (c.job?.length ?? 0) > CELL ||
  c.subject.length > CELL ||
  [c.before, c.after].some((v) => v !== null && (v.length > VALUE || v.endsWith(DESCRIPTION_CUT)));

const FOLD_AFTER = 25;

function where(c: Change, blobBase?: string): string {
  if (!c.file) return '';
  const label = cell(`${c.file}${c.line ? `:${c.line}` : ''}`);
  if (!blobBase) return label;
  const href = `${blobBase}/${c.file.split('/').map(encodeURIComponent).join('/')}${c.line ? `#L${c.line}` : ''}`;
  return `<a href="${href.replace(/"/g, '%22')}">${label}</a>`;
}

/**
 * One value of a row, clipped (a megabyte `uses:` value would push every row after it past the limit).
 * Names (workflow, job, subject) at CELL; a before/after value at VALUE, the artifact's cap, so every
 * value the diff describes is shown whole: at 300 a new job's description (its permissions first)
 * hid the secrets, environments and actions after them (session 23).
 */
const CELL = 300;
const VALUE = 1000;
const cell = (v: string, max = CELL) => code(clip(v, max));
const show = (v: string | null) => (v === null ? '—' : cell(v, VALUE));

function table(changes: readonly Change[], blobBase?: string): string[] {
  const rows = changes.map(
    (c) =>
      `| ${cell(c.workflow)}${c.renamedFrom ? ` (was ${cell(c.renamedFrom)})` : ''} | ${c.job ? cell(c.job) : ''} | ${c.kind} | ${cell(c.subject)} | ${show(c.before)} → ${show(c.after)} | ${where(c, blobBase)} |`,
  );
  const head = ['| workflow | job | kind | what | change | where |', '| --- | --- | --- | --- | --- | --- |'];
  if (rows.length <= FOLD_AFTER) return [...head, ...rows];
  return [
    ...head,
    ...rows.slice(0, FOLD_AFTER),
    '',
    `<details><summary>${rows.length - FOLD_AFTER} more</summary>`,
    '',
    ...head,
    ...rows.slice(FOLD_AFTER),
    '',
    '</details>',
  ];
}

export function renderDiffMarkdown(changes: readonly Change[], opts: MarkdownOptions = {}): string {
  const unjudged = changes.filter((c) => c.effect === 'cannot-judge');
  const widened = changes.filter((c) => c.effect === 'widened');
  const narrowed = changes.filter((c) => c.effect === 'narrowed');
  const lines = [
    MARKER,
    ...(opts.digest ? [`<!-- stepwarden:widened ${widenedDigest(changes)} -->`] : []),
    '## stepwarden access diff',
    '',
  ];
  if (changes.length === 0) {
    lines.push('No access changes: every job holds what it held on the base branch. ✅');
    return `${lines.join('\n')}\n`;
  }
  lines.push(
    `**${widened.length} widened**, ${narrowed.length} narrowed${unjudged.length ? `, **${unjudged.length} cannot be judged**` : ''}${opts.headSha ? ` at ${code(opts.headSha.slice(0, 12))}` : ''}.`,
    '',
  );
  if (unjudged.length)
    lines.push(
      '### ⚠️ Cannot judge',
      '',
      'stepwarden could not read what these files grant, so it cannot say they do not widen access; they fail `fail-on: widened` until fixed.',
      '',
      ...table(unjudged, opts.blobBase),
      '',
    );
  if (widened.some((c) => c.kind === 'credential' || c.kind === 'manifest')) {
    lines.push(
      '> [!NOTE]',
      '> This pull request widens grants in the access manifest. The broker reads manifests from the default branch only, so these grants take effect after merge, and not for this pull request.',
      '',
    );
  }
  if (widened.length) lines.push(WIDENED, '', ...table(widened, opts.blobBase), '');
  if (narrowed.length) lines.push(NARROWED, '', ...table(narrowed, opts.blobBase), '');
  return cutToSize(`${lines.join('\n')}\n`, opts.limit ?? COMMENT_LIMIT - 1000, (_n, kept) =>
    cutNote(kept, widened.length, narrowed.length, changes.length),
  );
}

export { escapeMarkdown };
