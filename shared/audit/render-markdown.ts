/**
 * The job summary of an audit report: who or what started the run, refusals and anomalies first, then
 * workload activity and administrator activity as separate tables. Readable at a glance for hundreds of
 * events (groups with counts, long tails folded into `<details>`), under GitHub's per-step summary
 * limit, and everything that comes from users (branch names, inputs, logins, steps) escaped.
 */
import { clip, code as fullCode, cutToSize, escapeMarkdown, SUMMARY_LIMIT } from '../render/escape.js';
import { ANOMALY_KINDS, type Anomaly } from './anomalies.js';
import type { Initiator } from './classify.js';
import type { Actor, AuditEvent } from './event.js';
import type { GateCheck } from './job-steps.js';
import type { AdministratorItem, AuditReport, RunInfo, WorkloadGroup } from './report.js';

export interface MarkdownOptions {
  /** Byte limit of the whole text (GitHub: 1 MiB per step summary). */
  readonly limit?: number;
  /** Rows shown before a table folds into `<details>`. */
  readonly visibleRows?: number;
  /** Rows inside `<details>`; the rest are counted. */
  readonly foldedRows?: number;
  /** Printed in the footer. */
  readonly version?: string;
}

/** What each revocation reason means to a reader (the one table the summary and docs use). */
export const REVOCATION_WORDS: Record<string, string> = {
  REVOKED_AFTER_COMMAND: 'at step end',
  // Older brokers' word for /revoke token=; they could not tell the step from another holder either.
  REVOKED_BY_STEP: 'at step end',
  REVOKED_BY_HOLDER: 'by a holder of the credential',
  REVOKED_AT_JOB_END: 'at job end',
  REVOKED_BEFORE_JOB_END: 'before job end',
  REVOKED_BY_ADMIN: 'by the kill switch',
  TTL_PASSED: 'by its ttl',
  NOT_REVOKED: 'not revoked',
  ERR_REVOKE_FAILED: 'revocation failed',
  UNDELIVERED: 'never delivered (the client was gone)',
  SEND_INTERRUPTED: 'while it was being sent (the client left mid-answer and may hold it)',
  EXCHANGE_INTERRUPTED: 'exchange interrupted',
  REVOCATION_INTERRUPTED: 'revoked (an instance stopped mid-revocation)',
  ERR_STATE_RECORD_CORRUPT: 'revocation failed (record unreadable)',
  ERR_STATE_SECRET_TAMPERED: 'revocation failed (stored secret tampered)',
  ERR_STATE_SECRET_MISSING: 'revocation failed (stored secret missing)',
  ERR_STATE_KEY_UNKNOWN: 'revocation pending (state key not held here)',
};

export const INITIATOR_WORDS: Record<Initiator, string> = {
  machine: 'a machine (schedule, another workflow, a bot or app)',
  'human-change': "a person's earlier change (push, pull request, release)",
  'human-direct': 'a person, directly',
  'user-token': "a script with a person's token",
};

/** Inline code of a value, clipped. */
const code = (text: string) => fullCode(clip(text));
/** Escaped text of a value, clipped. */
const plain = (value: string, max = 256) => escapeMarkdown(clip(value, max));

const plural = (n: number, word: string, many: string = `${word}s`) =>
  `${n.toLocaleString('en-US')} ${n === 1 ? word : many}`;

function who(a: Actor | undefined): string {
  if (!a) return 'unknown';
  return `${code(a.login)}${a.type === 'Bot' ? ' (bot)' : ''}`;
}

/** `12:04:05` for times on the report's first day, else the date too (UTC either way). */
function timeText(iso: string | undefined, day: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return plain(iso, 40);
  const s = d.toISOString();
  return s.slice(0, 10) === day ? s.slice(11, 19) : `${s.slice(0, 10)} ${s.slice(11, 19)}`;
}

function duration(seconds: number | undefined): string {
  if (seconds === undefined) return '';
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
  return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
}

function runLines(run: RunInfo | undefined, r: AuditReport): string[] {
  const t = r.totals;
  if (!run) {
    const span = t.first && t.last ? ` from ${timeText(t.first, '')} to ${timeText(t.last, '')} UTC` : '';
    return [
      `${plural(t.events, 'event')} of ${plural(t.runs, 'run')} in ${plural(t.repositories, 'repository', 'repositories')}${span}.`,
    ];
  }
  const where = [
    run.repository ? code(run.repository) : undefined,
    run.workflow ? code(run.workflow) : undefined,
    run.job ? `job ${code(run.job)}` : undefined,
    run.run_id ? `run ${code(run.run_id)}${run.run_attempt ? ` attempt ${run.run_attempt}` : ''}` : undefined,
  ].filter(Boolean);
  const c = run.started_by;
  const actor = run.triggering_actor ?? run.actor;
  // The token GitHub signed names the actor, not who started this attempt: that is the runner's
  // GITHUB_TRIGGERING_ACTOR, which a step's GITHUB_ENV can set (and so turn a person's re-run into a
  // bot's workload, or blame someone else). A re-run's token names the first attempt's actor, so
  // there even the same login is only the runner's word.
  const triggered =
    r.verification &&
    run.triggering_actor &&
    (run.triggering_actor.login !== run.actor?.login || (run.run_attempt ?? 1) > 1)
      ? " (who: the runner's GITHUB_TRIGGERING_ACTOR, not verified)"
      : '';
  const event = run.event_name ? code(run.event_name) : 'an unknown event';
  const ref = run.ref ? ` on ${code(run.ref)}` : '';
  let started: string;
  if (c?.rule === 're-run-by-person')
    started = `**Re-run by hand** by ${who(actor)}${triggered} (originally ${event}${ref})`;
  else if (c?.rule === 'dispatch-by-person')
    started = `**Dispatched by hand** by ${who(actor)}${triggered}${ref}`;
  else started = `${event}${ref}, by ${who(actor)}${triggered}`;
  const cls = c
    ? c.class === 'administrator'
      ? ' — **administrator activity**'
      : ` — workload, set in motion by ${INITIATOR_WORDS[c.initiator]}`
    : '';
  const lines = [`**Run** ${where.join(' · ')}`, '', `**Started by** ${started}${cls}`];
  const inputs = run.details?.inputs;
  if (inputs && typeof inputs === 'object' && Object.keys(inputs).length)
    lines.push(
      '',
      `**Inputs**${r.verification ? ' (event payload, not verified)' : ''} ${keyValues(inputs as Record<string, unknown>)}`,
    );
  const v = r.verification;
  if (v)
    lines.push(
      '',
      `**Verified** against ${v.verified.length ? v.verified.map(escapeMarkdown).join('; ') : 'nothing'}.${v.notVerified.length ? ` **Not verified:** ${v.notVerified.map(escapeMarkdown).join('; ')}.` : ''}`,
    );
  const g = r.gate;
  if (v?.gate && (g || v.gate.state !== 'no-gate')) lines.push('', confirmedGateLine(v.gate, g));
  else if (g && v) {
    // The verdict is a line of the job's trail, which any step can write: shown as reported, never as ✅.
    const first = g.problems[0];
    // One gate writes one verdict: more are a step writing its own (the worst is the one shown).
    const several = g.reports > 1 ? ` (${g.reports} verdicts in the trail: one gate writes one)` : '';
    lines.push(
      '',
      g.outcome === 'success'
        ? `**Gate** reported allowed by the enforce step (a line of the job's trail: not verified)${several}`
        : `**Gate** ❌ reported ${g.outcome === 'error' ? 'could not judge the job' : 'outside its access manifest'} by the enforce step (a line of the job's trail: not verified)${several}${first?.message ? `: ${plain(first.message, 300)}` : ''}`,
    );
  } else if (g) {
    const mode = g.mode === 'audit' ? ' (audit mode: reported only)' : '';
    const first = g.problems[0];
    const where = (p: (typeof g.problems)[number]) =>
      `${p.file ? code(`${p.file}${p.line ? `:${p.line}` : ''}`) : ''} ${plain(p.message ?? '', 300)}`.trim();
    // No log holds a verdict the job cannot write: only the enforce step records one, in the job's
    // trail (a broker log never carries it). So it is reported, never ✅, here too.
    const said =
      "by the enforce step (a line of a job's trail, which every step of the job can write: not verified)";
    lines.push(
      '',
      g.outcome === 'success'
        ? `**Gate** reported allowed ${said}`
        : `**Gate** ❌ reported ${g.outcome === 'error' ? 'could not judge the job' : 'outside its access manifest'} ${said}${mode}${first ? `: ${where(first)}` : ''}${g.problems.length > 1 ? ` and ${g.problems.length - 1} more` : ''}`,
    );
  }
  return lines;
}

/** What the trail's worst verdict says, in the summary's words. */
const REPORTED: Record<AuditEvent['outcome'], string> = {
  success: 'allowed',
  denied: 'outside its access manifest',
  error: 'could not judge the job',
};

/**
 * The gate line when the Jobs API was read (session 15): ✅ only for a gate step GitHub shows as
 * passed; the trail's verdict beside it, labelled unconfirmed where the Jobs API does not bear it out.
 */
function confirmedGateLine(c: GateCheck, g: AuditReport['gate']): string {
  const several = g && g.reports > 1 ? ` (${g.reports} verdicts in the trail: one gate writes one)` : '';
  const step = c.name
    ? ` (step ${code(c.name)}, line ${c.line ?? '?'}, concluded ${code(String(c.conclusion))})`
    : '';
  const reason = g?.problems[0]?.message ? `: ${plain(g.problems[0].message, 300)}` : '';
  const trail = (agrees: boolean) =>
    !g
      ? '; the trail holds no verdict (the enforce step writes one)'
      : agrees
        ? `; the enforce step reported ${REPORTED[g.outcome]}${several}${g.outcome === 'success' ? '' : reason}`
        : `; the trail reports ${REPORTED[g.outcome]} (unconfirmed: the Jobs API shows otherwise; a step of the job can write that line)${several}`;
  if (c.state === 'passed')
    return `**Gate** ✅ passed: confirmed by the Jobs API${step}${trail(g?.outcome === 'success')}`;
  if (c.state === 'failed') return `**Gate** ❌ failed${step}${trail(g?.outcome !== 'success')}`;
  // Nothing the Jobs API shows bears out an "allowed"; a denial beside such a gate is no less likely.
  return `**Gate** ❌ not confirmed: ${plain(c.why, 600)}${trail(c.state !== 'no-gate' && g?.outcome !== 'success')}`;
}

function keyValues(o: Record<string, unknown>, max = 20): string {
  const entries = Object.entries(o);
  const shown = entries
    .slice(0, max)
    .map(([k, v]) => code(`${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`));
  return shown.join(' ') + (entries.length > max ? ` and ${entries.length - max} more` : '');
}

function list(xs: unknown, max = 10): string {
  if (!Array.isArray(xs)) return '';
  return (
    xs
      .slice(0, max)
      .map((x) => code(String(x)))
      .join(' ') + (xs.length > max ? ` and ${xs.length - max} more` : '')
  );
}

interface Fold {
  readonly visibleRows: number;
  readonly foldedRows: number;
}

/**
 * A table of `columns`: the first `visibleRows` rows as they are, up to `foldedRows` more in
 * `<details>`, the rest counted with where to find them.
 */
function table(columns: string[], rows: string[], fold: Fold, what: string): string[] {
  const header = [`| ${columns.join(' | ')} |`, `|${' --- |'.repeat(columns.length)}`];
  const out = [...header, ...rows.slice(0, fold.visibleRows)];
  const rest = rows.slice(fold.visibleRows, fold.visibleRows + fold.foldedRows);
  if (rest.length)
    out.push(
      '',
      `<details><summary>${plural(rest.length, `more ${what}`, `more ${what}s`)}</summary>`,
      '',
      ...header,
      ...rest,
      '',
      '</details>',
    );
  const omitted = rows.length - fold.visibleRows - rest.length;
  if (omitted > 0)
    out.push(
      '',
      `_${plural(omitted, `further ${what}`, `further ${what}s`)} not shown: \`stepwarden audit --format json\` lists every event._`,
    );
  return out;
}

/** The note for what a capped report counted but did not keep. */
const counted = (n: number, what: string, many?: string) =>
  n
    ? ['', `_${plural(n, `further ${what}`, many ? `further ${many}` : undefined)} counted, not listed._`]
    : [];

function place(g: { repository?: string; workflow?: string; job?: string }, multiRepo: boolean): string {
  return [multiRepo ? g.repository : undefined, g.workflow, g.job]
    .filter((x): x is string => !!x)
    .map(code)
    .join(' / ');
}

function revokedText(g: WorkloadGroup, day: string | undefined): string {
  const parts = Object.entries(g.revoked).map(([reason, n]) => {
    const words = REVOCATION_WORDS[reason] ?? plain(reason, 64);
    return g.count > 1 || n > 1 ? `${words} ×${n}` : words;
  });
  const at = g.lastRevoked && g.count === 1 ? `${timeText(g.lastRevoked, day)} ` : '';
  return `${at}${parts.join(', ')}`;
}

/**
 * `checked`: the audit action had the broker's answer (the only record of grants a step cannot write);
 * undefined: no verification at all (the CLI reads what it is given). A ✅ is only a grant the broker's
 * answer holds; a grant only a trail says was issued is marked so where anything else was verified.
 */
function resultText(g: WorkloadGroup, checked: boolean | undefined): string {
  const n = g.count > 1 ? ` ×${g.count.toLocaleString('en-US')}` : '';
  const used = g.used ? `, used ${g.used}${g.usedFailed ? ` (${g.usedFailed} failed)` : ''}` : '';
  if (g.result === 'refused') return `❌ refused${n}`;
  if (g.result === 'rate-limited') return `⏳ rate-limited${n}`;
  if (g.result === 'claimed twice') return `🚨 claimed twice${n}`;
  if (g.result === 'granted') {
    if (checked && g.reported === 0) return `✅ granted${n}${used}`;
    if (checked === undefined) return `granted${n}${used}`;
    const which = g.reported < g.count ? `${g.reported.toLocaleString('en-US')} ` : '';
    return `granted${n}${used} (${which}reported by the job, not verified)`;
  }
  return `${g.result}${n}`;
}

function workloadRows(
  groups: WorkloadGroup[],
  cols: { job: boolean; repo: boolean },
  day: string | undefined,
  checked: boolean | undefined,
): string[] {
  return groups.map((g) => {
    const lifetime =
      g.lifetimeCount === 0
        ? ''
        : g.lifetimeCount === 1
          ? duration(g.lifetimeMax)
          : `avg ${duration(Math.round(g.lifetimeSum / g.lifetimeCount))}, max ${duration(g.lifetimeMax)}`;
    const issued =
      g.count > 1 && g.first !== g.last
        ? `${timeText(g.first, day)} – ${timeText(g.last, day)}`
        : timeText(g.first, day);
    const cells = [
      ...(cols.job ? [place(g, cols.repo)] : []),
      g.step ? code(g.step) : '',
      g.audience ? code(g.audience) : '',
      g.scope ? code(g.scope) : '',
      resultText(g, checked),
      issued,
      g.result === 'granted' || g.result === 'revoked' || g.result === 'expired' ? revokedText(g, day) : '',
      lifetime,
    ];
    return `| ${cells.join(' | ')} |`;
  });
}

function refusalRows(
  groups: WorkloadGroup[],
  cols: { job: boolean; repo: boolean },
  day: string | undefined,
): string[] {
  return groups.map((g) => {
    const cells = [
      timeText(g.first, day) + (g.count > 1 ? ` (×${g.count.toLocaleString('en-US')})` : ''),
      ...(cols.job ? [place(g, cols.repo)] : []),
      g.step ? code(g.step) : '',
      g.audience ? code(g.audience) : '',
      g.scope ? code(g.scope) : '',
      g.reason ? code(g.reason) : escapeMarkdown(g.result),
      g.detail ? plain(g.detail, 300) : '',
    ];
    return `| ${cells.join(' | ')} |`;
  });
}

function anomalyRows(anomalies: Anomaly[], multiRepo: boolean, day: string | undefined): string[] {
  return anomalies.map((a) => {
    const where = [place(a, multiRepo), a.step ? `step ${code(a.step)}` : ''].filter(Boolean).join(' / ');
    const icon = a.severity === 'error' ? '🚨' : '⚠️';
    return `| ${icon} ${a.kind} | ${where} | ${a.value.toLocaleString('en-US')} | ${a.threshold} | ${timeText(a.first, day)} | ${plain(a.detail, 500)} |`;
  });
}

function adminDetails(a: AdministratorItem): string {
  const d = a.details ?? {};
  const parts: string[] = [];
  if (d.inputs && typeof d.inputs === 'object')
    parts.push(`inputs ${keyValues(d.inputs as Record<string, unknown>, 10)}`);
  if (Array.isArray(d.files)) parts.push(`files ${list(d.files)}`);
  if (Array.isArray(d.environments)) parts.push(`environments ${list(d.environments)}`);
  if (typeof d.state === 'string') parts.push(plain(d.state, 64));
  if (typeof d.comment === 'string' && d.comment) parts.push(`“${plain(d.comment, 200)}”`);
  if (d.target && typeof d.target === 'object')
    parts.push(`target ${keyValues(d.target as Record<string, unknown>, 5)}`);
  if (typeof d.revoked === 'number') parts.push(`${d.revoked} revoked`);
  if (typeof d.action === 'string' && a.type !== 'admin.change') parts.push(code(d.action));
  if (a.initiator === 'user-token') parts.push("with a person's token");
  if (a.initiator === 'machine') parts.push('by a bot or app');
  if (a.outcome !== 'success') parts.push(`outcome ${a.outcome}`);
  if (!parts.length && a.detail) parts.push(plain(a.detail, 200));
  return parts.join('; ');
}

function adminRows(items: AdministratorItem[], multiRepo: boolean, day: string | undefined): string[] {
  return items.map((a) => {
    const what = plain(a.what) + (multiRepo && a.repository ? ` in ${code(a.repository)}` : '');
    return `| ${who(a.who)} | ${what} | ${timeText(a.time, day)} | ${adminDetails(a)} |`;
  });
}

/**
 * Anomalies the audit step derived itself from the broker's record, the Jobs API or the trail's file
 * (not from lines a step wrote): shown first, so a flood of reported ones cannot push them out of view.
 */
const CHECKED_KINDS: readonly string[] = [
  'broker-unanswered',
  'claimed-by-unknown-step',
  'gate-not-passed',
  'trail-unreadable',
  'unconfirmed-gate-verdict',
  'unverified-trail-line',
];

interface RenderOptions extends Fold {
  readonly version: string;
  /** The fold of the tables only the job's steps report (refusals, unverified lines): shrunk first. */
  readonly reported: Fold;
}

function render(r: AuditReport, o: RenderOptions): string {
  const t = r.totals;
  const day = t.first?.slice(0, 10);
  const jobs = new Set(r.groups.map((g) => `${g.repository}/${g.workflow}/${g.job}`));
  const multiRepo = t.repositories > 1;
  const cols = { job: jobs.size > 1 || !r.run, repo: multiRepo };
  const out: string[] = ['## stepwarden audit', '', ...runLines(r.run, r), ''];
  if (!r.verification)
    out.push(
      "**Not verified:** `stepwarden audit` checks nothing against the broker or GitHub: everything below is what the input says. A job's trail is writable by every step of its job; the broker's own audit log is the record.",
      '',
    );

  const refused =
    t.refusals + (t.by_type['credential.rate_limited'] ?? 0) + (t.by_type['credential.claimed_twice'] ?? 0);
  if (refused || t.anomalies) {
    out.push(
      '> [!WARNING]',
      `> **${[refused ? plural(refused, 'refused request') : '', t.anomalies ? plural(t.anomalies, 'anomaly', 'anomalies') : ''].filter(Boolean).join(' · ')}** in this ${r.run ? 'run' : 'log'}: see below.`,
      '',
    );
  }
  if (r.verification?.trailError)
    out.push(
      '> [!CAUTION]',
      `> **The job's trail could not be read**: ${plain(r.verification.trailError, 500)}. ${r.verification.brokerConfirmed ? "The workload section is the broker's record." : 'Without a broker answer nothing below about credentials is known.'}`,
      '',
    );
  if (r.refusals.length) {
    const refusals = [...r.refusals].sort((a, b) => b.count - a.count || (a.first < b.first ? -1 : 1));
    out.push(
      '### Refusals',
      '',
      ...table(
        ['when', ...(cols.job ? ['job'] : []), 'step', 'audience', 'scope', 'reason', 'detail'],
        refusalRows(refusals, cols, day),
        r.verification ? o.reported : o,
        'refusal',
      ),
      '',
    );
  }
  if (r.anomalies.length) {
    const checked = (a: Anomaly) => (CHECKED_KINDS.includes(a.kind) ? 0 : 1);
    const anomalies = [...r.anomalies].sort((a, b) =>
      checked(a) !== checked(b)
        ? checked(a) - checked(b)
        : a.severity === b.severity
          ? a.first < b.first
            ? -1
            : 1
          : a.severity === 'error'
            ? -1
            : 1,
    );
    out.push(
      '### Anomalies',
      '',
      ...table(
        ['kind', 'where', 'value', 'threshold', 'first seen', 'detail'],
        anomalyRows(anomalies, multiRepo, day),
        o,
        'anomaly',
      ),
      ...counted(r.anomaliesOmitted, 'anomaly', 'anomalies'),
    );
    out.push(
      '',
      `<sub>Kinds: ${[...new Set(r.anomalies.map((a) => a.kind))].map((k) => `${k}: ${ANOMALY_KINDS[k]}`).join('; ')}.</sub>`,
      '',
    );
  }

  const unverified = r.verification?.unverified ?? [];
  if (unverified.length)
    out.push(
      '### Unverified trail lines',
      '',
      "Lines of the job's trail (writable by every step) that the broker's record or the runner's own context does not confirm; they are not counted above or below.",
      '',
      ...table(
        ['line', 'type', 'step', 'grant', 'why'],
        unverified.map(
          (u) =>
            `| ${u.line} | ${code(u.type)} | ${u.step ? code(u.step) : ''} | ${u.grant_id ? code(u.grant_id) : ''} | **unverified**: ${plain(u.why, 300)} |`,
        ),
        o.reported,
        'unverified line',
      ),
      '',
    );

  out.push('### Workload activity', '');
  const initiators = Object.entries(t.workload_by_initiator).map(
    ([i, n]) => `${INITIATOR_WORDS[i as Initiator]} (${n.toLocaleString('en-US')})`,
  );
  out.push(
    // Without the broker's answer "0 live at job end" would be the trail's clean word.
    `${r.verification && !r.verification.brokerConfirmed ? "The job's trail reports (not verified): " : ''}${plural(t.workload, 'workload event')}: ${plural(t.granted, 'credential')} granted, ${plural(refused, 'request')} refused, ${plural(t.revoked, 'revocation')}, ${plural(t.live_at_end, 'credential')} live at job end.${initiators.length ? ` Set in motion by ${initiators.join('; ')}.` : ''}`,
    '',
  );
  const workload = r.groups.filter(
    (g) => g.result === 'granted' || g.result === 'revoked' || g.result === 'expired',
  );
  if (workload.length) {
    workload.sort((a, b) => b.count - a.count || (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
    out.push(
      ...table(
        [
          ...(cols.job ? ['job'] : []),
          'step',
          'audience',
          'scope',
          'result',
          'issued',
          'revoked',
          'lifetime',
        ],
        workloadRows(workload, cols, day, r.verification?.brokerConfirmed),
        o,
        'row',
      ),
    );
    if (r.otherEvents)
      out.push(
        '',
        `_${plural(r.otherEvents, 'event')} beyond the first groups are folded into \`(other)\`._`,
      );
  } else if (r.verification?.brokerConfirmed) out.push('_The broker issued no credential for this job._');
  else if (r.verification)
    out.push("_No credential in the job's trail, and no broker answer to check that against._");
  else out.push('_No credential in the input._');
  out.push('');

  out.push('### Administrator activity', '');
  if (r.administrator.length) {
    out.push(
      ...table(
        ['who', 'what', 'when', 'details'],
        adminRows(r.administrator, multiRepo, day),
        o,
        'administrator event',
      ),
      ...counted(r.administratorOmitted, 'administrator event'),
    );
  } else {
    const rerun =
      r.verification && r.run?.triggering_actor && (r.run.run_attempt ?? 1) > 1
        ? " (who started this attempt is the runner's word, not verified)"
        : '';
    out.push(
      `_No person acted directly${r.run ? ' in this run' : ''}${rerun}: everything above is workload._`,
    );
  }
  out.push('');

  const footer = [
    `stepwarden${o.version ? ` ${o.version}` : ''}`,
    plural(t.events, 'event'),
    `workload ${t.workload.toLocaleString('en-US')}`,
    `administrator ${t.administrator.toLocaleString('en-US')}`,
    ...(t.malformed ? [`${plural(t.malformed, 'unreadable line')}`] : []),
    'times in UTC',
    'classification rules: docs/audit.md',
  ];
  out.push(`<sub>${footer.join(' · ')}</sub>`, '');
  return out.join('\n');
}

/**
 * Renders under `limit` bytes: when the text is too long, the folded tails shrink first, then the
 * visible rows; a last cut on a line boundary is the backstop.
 */
export function renderAuditMarkdown(r: AuditReport, opts: MarkdownOptions = {}): string {
  const limit = opts.limit ?? SUMMARY_LIMIT;
  let visible = opts.visibleRows ?? 25;
  let folded = opts.foldedRows ?? 500;
  // What only the job's steps report shrinks before the broker's record and the API's facts do.
  let reportedVisible = visible;
  let reportedFolded = folded;
  for (;;) {
    const text = render(r, {
      visibleRows: visible,
      foldedRows: folded,
      version: opts.version ?? '',
      reported: { visibleRows: reportedVisible, foldedRows: reportedFolded },
    });
    if (Buffer.byteLength(text, 'utf8') <= limit) return text;
    if (reportedFolded > 0) reportedFolded = Math.floor(reportedFolded / 2);
    else if (reportedVisible > 5) reportedVisible = Math.floor(reportedVisible / 2);
    else if (folded > 0) folded = Math.floor(folded / 2);
    else if (visible > 5) visible = Math.floor(visible / 2);
    else if (reportedVisible > 1) reportedVisible = Math.floor(reportedVisible / 2);
    else
      return cutToSize(
        text,
        limit,
        (n) => `_… ${plural(n, 'more line')} cut to stay under GitHub's summary limit._`,
      );
  }
}
