export const id = 937;
export const ids = [937];
export const modules = {

/***/ 1660:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ti: () => (/* binding */ renderAuditMarkdown)
/* harmony export */ });
/* unused harmony exports REVOCATION_WORDS, INITIATOR_WORDS */
/* harmony import */ var _render_escape_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4732);
/* harmony import */ var _anomalies_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2791);
/**
 * The job summary of an audit report: who or what started the run, refusals and anomalies first, then
 * workload activity and administrator activity as separate tables. Readable at a glance for hundreds of
 * events (groups with counts, long tails folded into `<details>`), under GitHub's per-step summary
 * limit, and everything that comes from users (branch names, inputs, logins, steps) escaped.
 */


/** What each revocation reason means to a reader (the one table the summary and docs use). */
const REVOCATION_WORDS = {
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
const INITIATOR_WORDS = {
    machine: 'a machine (schedule, another workflow, a bot or app)',
    'human-change': "a person's earlier change (push, pull request, release)",
    'human-direct': 'a person, directly',
    'user-token': "a script with a person's token",
};
/** Inline code of a value, clipped. */
const code = (text) => (0,_render_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .code */ .aY)((0,_render_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .clip */ .$Q)(text));
/** Escaped text of a value, clipped. */
const plain = (value, max = 256) => (0,_render_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeMarkdown */ .FV)((0,_render_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .clip */ .$Q)(value, max));
const plural = (n, word, many = `${word}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? word : many}`;
function who(a) {
    if (!a)
        return 'unknown';
    return `${code(a.login)}${a.type === 'Bot' ? ' (bot)' : ''}`;
}
/** `12:04:05` for times on the report's first day, else the date too (UTC either way). */
function timeText(iso, day) {
    if (!iso)
        return '';
    const d = new Date(iso);
    if (Number.isNaN(d.getTime()))
        return plain(iso, 40);
    const s = d.toISOString();
    return s.slice(0, 10) === day ? s.slice(11, 19) : `${s.slice(0, 10)} ${s.slice(11, 19)}`;
}
function duration(seconds) {
    if (seconds === undefined)
        return '';
    if (seconds < 120)
        return `${seconds} s`;
    if (seconds < 7200)
        return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
    return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
}
function runLines(run, r) {
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
    const triggered = r.verification &&
        run.triggering_actor &&
        (run.triggering_actor.login !== run.actor?.login || (run.run_attempt ?? 1) > 1)
        ? " (who: the runner's GITHUB_TRIGGERING_ACTOR, not verified)"
        : '';
    const event = run.event_name ? code(run.event_name) : 'an unknown event';
    const ref = run.ref ? ` on ${code(run.ref)}` : '';
    let started;
    if (c?.rule === 're-run-by-person')
        started = `**Re-run by hand** by ${who(actor)}${triggered} (originally ${event}${ref})`;
    else if (c?.rule === 'dispatch-by-person')
        started = `**Dispatched by hand** by ${who(actor)}${triggered}${ref}`;
    else
        started = `${event}${ref}, by ${who(actor)}${triggered}`;
    const cls = c
        ? c.class === 'administrator'
            ? ' \u2014 **administrator activity**'
            : ` \u2014 workload, set in motion by ${INITIATOR_WORDS[c.initiator]}`
        : '';
    const lines = [`**Run** ${where.join(' \u00b7 ')}`, '', `**Started by** ${started}${cls}`];
    const inputs = run.details?.inputs;
    if (inputs && typeof inputs === 'object' && Object.keys(inputs).length)
        lines.push('', `**Inputs**${r.verification ? ' (event payload, not verified)' : ''} ${keyValues(inputs)}`);
    const v = r.verification;
    if (v)
        lines.push('', `**Verified** against ${v.verified.length ? v.verified.map(_render_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeMarkdown */ .FV).join('; ') : 'nothing'}.${v.notVerified.length ? ` **Not verified:** ${v.notVerified.map(_render_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeMarkdown */ .FV).join('; ')}.` : ''}`);
    const g = r.gate;
    if (v?.gate && (g || v.gate.state !== 'no-gate'))
        lines.push('', confirmedGateLine(v.gate, g));
    else if (g && v) {
        // The verdict is a line of the job's trail, which any step can write: shown as reported, never as \u2705.
        const first = g.problems[0];
        // One gate writes one verdict: more are a step writing its own (the worst is the one shown).
        const several = g.reports > 1 ? ` (${g.reports} verdicts in the trail: one gate writes one)` : '';
        lines.push('', g.outcome === 'success'
            ? `**Gate** reported allowed by the enforce step (a line of the job's trail: not verified)${several}`
            : `**Gate** \u274c reported ${g.outcome === 'error' ? 'could not judge the job' : 'outside its access manifest'} by the enforce step (a line of the job's trail: not verified)${several}${first?.message ? `: ${plain(first.message, 300)}` : ''}`);
    }
    else if (g) {
        const mode = g.mode === 'audit' ? ' (audit mode: reported only)' : '';
        const first = g.problems[0];
        const where = (p) => `${p.file ? code(`${p.file}${p.line ? `:${p.line}` : ''}`) : ''} ${plain(p.message ?? '', 300)}`.trim();
        // No log holds a verdict the job cannot write: only the enforce step records one, in the job's
        // trail (a broker log never carries it). So it is reported, never \u2705, here too.
        const said = "by the enforce step (a line of a job's trail, which every step of the job can write: not verified)";
        lines.push('', g.outcome === 'success'
            ? `**Gate** reported allowed ${said}`
            : `**Gate** \u274c reported ${g.outcome === 'error' ? 'could not judge the job' : 'outside its access manifest'} ${said}${mode}${first ? `: ${where(first)}` : ''}${g.problems.length > 1 ? ` and ${g.problems.length - 1} more` : ''}`);
    }
    return lines;
}
/** What the trail's worst verdict says, in the summary's words. */
const REPORTED = {
    success: 'allowed',
    denied: 'outside its access manifest',
    error: 'could not judge the job',
};
/**
 * The gate line when the Jobs API was read (session 15): \u2705 only for a gate step GitHub shows as
 * passed; the trail's verdict beside it, labelled unconfirmed where the Jobs API does not bear it out.
 */
function confirmedGateLine(c, g) {
    const several = g && g.reports > 1 ? ` (${g.reports} verdicts in the trail: one gate writes one)` : '';
    const step = c.name
        ? ` (step ${code(c.name)}, line ${c.line ?? '?'}, concluded ${code(String(c.conclusion))})`
        : '';
    const reason = g?.problems[0]?.message ? `: ${plain(g.problems[0].message, 300)}` : '';
    const trail = (agrees) => !g
        ? '; the trail holds no verdict (the enforce step writes one)'
        : agrees
            ? `; the enforce step reported ${REPORTED[g.outcome]}${several}${g.outcome === 'success' ? '' : reason}`
            : `; the trail reports ${REPORTED[g.outcome]} (unconfirmed: the Jobs API shows otherwise; a step of the job can write that line)${several}`;
    if (c.state === 'passed')
        return `**Gate** \u2705 passed: confirmed by the Jobs API${step}${trail(g?.outcome === 'success')}`;
    if (c.state === 'failed')
        return `**Gate** \u274c failed${step}${trail(g?.outcome !== 'success')}`;
    // Nothing the Jobs API shows bears out an "allowed"; a denial beside such a gate is no less likely.
    return `**Gate** \u274c not confirmed: ${plain(c.why, 600)}${trail(c.state !== 'no-gate' && g?.outcome !== 'success')}`;
}
function keyValues(o, max = 20) {
    const entries = Object.entries(o);
    const shown = entries
        .slice(0, max)
        .map(([k, v]) => code(`${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`));
    return shown.join(' ') + (entries.length > max ? ` and ${entries.length - max} more` : '');
}
function list(xs, max = 10) {
    if (!Array.isArray(xs))
        return '';
    return (xs
        .slice(0, max)
        .map((x) => code(String(x)))
        .join(' ') + (xs.length > max ? ` and ${xs.length - max} more` : ''));
}
/**
 * A table of `columns`: the first `visibleRows` rows as they are, up to `foldedRows` more in
 * `<details>`, the rest counted with where to find them.
 */
function table(columns, rows, fold, what) {
    const header = [`| ${columns.join(' | ')} |`, `|${' --- |'.repeat(columns.length)}`];
    const out = [...header, ...rows.slice(0, fold.visibleRows)];
    const rest = rows.slice(fold.visibleRows, fold.visibleRows + fold.foldedRows);
    if (rest.length)
        out.push('', `<details><summary>${plural(rest.length, `more ${what}`, `more ${what}s`)}</summary>`, '', ...header, ...rest, '', '</details>');
    const omitted = rows.length - fold.visibleRows - rest.length;
    if (omitted > 0)
        out.push('', `_${plural(omitted, `further ${what}`, `further ${what}s`)} not shown: \`stepwarden audit --format json\` lists every event._`);
    return out;
}
/** The note for what a capped report counted but did not keep. */
const counted = (n, what, many) => n
    ? ['', `_${plural(n, `further ${what}`, many ? `further ${many}` : undefined)} counted, not listed._`]
    : [];
function place(g, multiRepo) {
    return [multiRepo ? g.repository : undefined, g.workflow, g.job]
        .filter((x) => !!x)
        .map(code)
        .join(' / ');
}
function revokedText(g, day) {
    const parts = Object.entries(g.revoked).map(([reason, n]) => {
        const words = REVOCATION_WORDS[reason] ?? plain(reason, 64);
        return g.count > 1 || n > 1 ? `${words} \u00d7${n}` : words;
    });
    const at = g.lastRevoked && g.count === 1 ? `${timeText(g.lastRevoked, day)} ` : '';
    return `${at}${parts.join(', ')}`;
}
/**
 * `checked`: the audit action had the broker's answer (the only record of grants a step cannot write);
 * undefined: no verification at all (the CLI reads what it is given). A \u2705 is only a grant the broker's
 * answer holds; a grant only a trail says was issued is marked so where anything else was verified.
 */
function resultText(g, checked) {
    const n = g.count > 1 ? ` \u00d7${g.count.toLocaleString('en-US')}` : '';
    const used = g.used ? `, used ${g.used}${g.usedFailed ? ` (${g.usedFailed} failed)` : ''}` : '';
    if (g.result === 'refused')
        return `\u274c refused${n}`;
    if (g.result === 'rate-limited')
        return `\u23f3 rate-limited${n}`;
    if (g.result === 'claimed twice')
        return `\ud83d\udea8 claimed twice${n}`;
    if (g.result === 'granted') {
        if (checked && g.reported === 0)
            return `\u2705 granted${n}${used}`;
        if (checked === undefined)
            return `granted${n}${used}`;
        const which = g.reported < g.count ? `${g.reported.toLocaleString('en-US')} ` : '';
        return `granted${n}${used} (${which}reported by the job, not verified)`;
    }
    return `${g.result}${n}`;
}
function workloadRows(groups, cols, day, checked) {
    return groups.map((g) => {
        const lifetime = g.lifetimeCount === 0
            ? ''
            : g.lifetimeCount === 1
                ? duration(g.lifetimeMax)
                : `avg ${duration(Math.round(g.lifetimeSum / g.lifetimeCount))}, max ${duration(g.lifetimeMax)}`;
        const issued = g.count > 1 && g.first !== g.last
            ? `${timeText(g.first, day)} \u2013 ${timeText(g.last, day)}`
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
function refusalRows(groups, cols, day) {
    return groups.map((g) => {
        const cells = [
            timeText(g.first, day) + (g.count > 1 ? ` (\u00d7${g.count.toLocaleString('en-US')})` : ''),
            ...(cols.job ? [place(g, cols.repo)] : []),
            g.step ? code(g.step) : '',
            g.audience ? code(g.audience) : '',
            g.scope ? code(g.scope) : '',
            g.reason ? code(g.reason) : (0,_render_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeMarkdown */ .FV)(g.result),
            g.detail ? plain(g.detail, 300) : '',
        ];
        return `| ${cells.join(' | ')} |`;
    });
}
function anomalyRows(anomalies, multiRepo, day) {
    return anomalies.map((a) => {
        const where = [place(a, multiRepo), a.step ? `step ${code(a.step)}` : ''].filter(Boolean).join(' / ');
        const icon = a.severity === 'error' ? '\ud83d\udea8' : '\u26a0\ufe0f';
        return `| ${icon} ${a.kind} | ${where} | ${a.value.toLocaleString('en-US')} | ${a.threshold} | ${timeText(a.first, day)} | ${plain(a.detail, 500)} |`;
    });
}
function adminDetails(a) {
    const d = a.details ?? {};
    const parts = [];
    if (d.inputs && typeof d.inputs === 'object')
        parts.push(`inputs ${keyValues(d.inputs, 10)}`);
    if (Array.isArray(d.files))
        parts.push(`files ${list(d.files)}`);
    if (Array.isArray(d.environments))
        parts.push(`environments ${list(d.environments)}`);
    if (typeof d.state === 'string')
        parts.push(plain(d.state, 64));
    if (typeof d.comment === 'string' && d.comment)
        parts.push(`\u201c${plain(d.comment, 200)}\u201d`);
    if (d.target && typeof d.target === 'object')
        parts.push(`target ${keyValues(d.target, 5)}`);
    if (typeof d.revoked === 'number')
        parts.push(`${d.revoked} revoked`);
    if (typeof d.action === 'string' && a.type !== 'admin.change')
        parts.push(code(d.action));
    if (a.initiator === 'user-token')
        parts.push("with a person's token");
    if (a.initiator === 'machine')
        parts.push('by a bot or app');
    if (a.outcome !== 'success')
        parts.push(`outcome ${a.outcome}`);
    if (!parts.length && a.detail)
        parts.push(plain(a.detail, 200));
    return parts.join('; ');
}
function adminRows(items, multiRepo, day) {
    return items.map((a) => {
        const what = plain(a.what) + (multiRepo && a.repository ? ` in ${code(a.repository)}` : '');
        return `| ${who(a.who)} | ${what} | ${timeText(a.time, day)} | ${adminDetails(a)} |`;
    });
}
/**
 * Anomalies the audit step derived itself from the broker's record, the Jobs API or the trail's file
 * (not from lines a step wrote): shown first, so a flood of reported ones cannot push them out of view.
 */
const CHECKED_KINDS = [
    'broker-unanswered',
    'claimed-by-unknown-step',
    'gate-not-passed',
    'trail-unreadable',
    'unconfirmed-gate-verdict',
    'unverified-trail-line',
];
function render(r, o) {
    const t = r.totals;
    const day = t.first?.slice(0, 10);
    const jobs = new Set(r.groups.map((g) => `${g.repository}/${g.workflow}/${g.job}`));
    const multiRepo = t.repositories > 1;
    const cols = { job: jobs.size > 1 || !r.run, repo: multiRepo };
    const out = ['## stepwarden audit', '', ...runLines(r.run, r), ''];
    if (!r.verification)
        out.push("**Not verified:** `stepwarden audit` checks nothing against the broker or GitHub: everything below is what the input says. A job's trail is writable by every step of its job; the broker's own audit log is the record.", '');
    const refused = t.refusals + (t.by_type['credential.rate_limited'] ?? 0) + (t.by_type['credential.claimed_twice'] ?? 0);
    if (refused || t.anomalies) {
        out.push('> [!WARNING]', `> **${[refused ? plural(refused, 'refused request') : '', t.anomalies ? plural(t.anomalies, 'anomaly', 'anomalies') : ''].filter(Boolean).join(' \u00b7 ')}** in this ${r.run ? 'run' : 'log'}: see below.`, '');
    }
    if (r.verification?.trailError)
        out.push('> [!CAUTION]', `> **The job's trail could not be read**: ${plain(r.verification.trailError, 500)}. ${r.verification.brokerConfirmed ? "The workload section is the broker's record." : 'Without a broker answer nothing below about credentials is known.'}`, '');
    if (r.refusals.length) {
        const refusals = [...r.refusals].sort((a, b) => b.count - a.count || (a.first < b.first ? -1 : 1));
        out.push('### Refusals', '', ...table(['when', ...(cols.job ? ['job'] : []), 'step', 'audience', 'scope', 'reason', 'detail'], refusalRows(refusals, cols, day), r.verification ? o.reported : o, 'refusal'), '');
    }
    if (r.anomalies.length) {
        const checked = (a) => (CHECKED_KINDS.includes(a.kind) ? 0 : 1);
        const anomalies = [...r.anomalies].sort((a, b) => checked(a) !== checked(b)
            ? checked(a) - checked(b)
            : a.severity === b.severity
                ? a.first < b.first
                    ? -1
                    : 1
                : a.severity === 'error'
                    ? -1
                    : 1);
        out.push('### Anomalies', '', ...table(['kind', 'where', 'value', 'threshold', 'first seen', 'detail'], anomalyRows(anomalies, multiRepo, day), o, 'anomaly'), ...counted(r.anomaliesOmitted, 'anomaly', 'anomalies'));
        out.push('', `<sub>Kinds: ${[...new Set(r.anomalies.map((a) => a.kind))].map((k) => `${k}: ${_anomalies_js__WEBPACK_IMPORTED_MODULE_1__/* .ANOMALY_KINDS */ .Kp[k]}`).join('; ')}.</sub>`, '');
    }
    const unverified = r.verification?.unverified ?? [];
    if (unverified.length)
        out.push('### Unverified trail lines', '', "Lines of the job's trail (writable by every step) that the broker's record or the runner's own context does not confirm; they are not counted above or below.", '', ...table(['line', 'type', 'step', 'grant', 'why'], unverified.map((u) => `| ${u.line} | ${code(u.type)} | ${u.step ? code(u.step) : ''} | ${u.grant_id ? code(u.grant_id) : ''} | **unverified**: ${plain(u.why, 300)} |`), o.reported, 'unverified line'), '');
    out.push('### Workload activity', '');
    const initiators = Object.entries(t.workload_by_initiator).map(([i, n]) => `${INITIATOR_WORDS[i]} (${n.toLocaleString('en-US')})`);
    out.push(
    // Without the broker's answer "0 live at job end" would be the trail's clean word.
    `${r.verification && !r.verification.brokerConfirmed ? "The job's trail reports (not verified): " : ''}${plural(t.workload, 'workload event')}: ${plural(t.granted, 'credential')} granted, ${plural(refused, 'request')} refused, ${plural(t.revoked, 'revocation')}, ${plural(t.live_at_end, 'credential')} live at job end.${initiators.length ? ` Set in motion by ${initiators.join('; ')}.` : ''}`, '');
    const workload = r.groups.filter((g) => g.result === 'granted' || g.result === 'revoked' || g.result === 'expired');
    if (workload.length) {
        workload.sort((a, b) => b.count - a.count || (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
        out.push(...table([
            ...(cols.job ? ['job'] : []),
            'step',
            'audience',
            'scope',
            'result',
            'issued',
            'revoked',
            'lifetime',
        ], workloadRows(workload, cols, day, r.verification?.brokerConfirmed), o, 'row'));
        if (r.otherEvents)
            out.push('', `_${plural(r.otherEvents, 'event')} beyond the first groups are folded into \`(other)\`._`);
    }
    else if (r.verification?.brokerConfirmed)
        out.push('_The broker issued no credential for this job._');
    else if (r.verification)
        out.push("_No credential in the job's trail, and no broker answer to check that against._");
    else
        out.push('_No credential in the input._');
    out.push('');
    out.push('### Administrator activity', '');
    if (r.administrator.length) {
        out.push(...table(['who', 'what', 'when', 'details'], adminRows(r.administrator, multiRepo, day), o, 'administrator event'), ...counted(r.administratorOmitted, 'administrator event'));
    }
    else {
        const rerun = r.verification && r.run?.triggering_actor && (r.run.run_attempt ?? 1) > 1
            ? " (who started this attempt is the runner's word, not verified)"
            : '';
        out.push(`_No person acted directly${r.run ? ' in this run' : ''}${rerun}: everything above is workload._`);
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
    out.push(`<sub>${footer.join(' \u00b7 ')}</sub>`, '');
    return out.join('\n');
}
/**
 * Renders under `limit` bytes: when the text is too long, the folded tails shrink first, then the
 * visible rows; a last cut on a line boundary is the backstop.
 */
function renderAuditMarkdown(r, opts = {}) {
    const limit = opts.limit ?? _render_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .SUMMARY_LIMIT */ .Jt;
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
        if (Buffer.byteLength(text, 'utf8') <= limit)
            return text;
        if (reportedFolded > 0)
            reportedFolded = Math.floor(reportedFolded / 2);
        else if (reportedVisible > 5)
            reportedVisible = Math.floor(reportedVisible / 2);
        else if (folded > 0)
            folded = Math.floor(folded / 2);
        else if (visible > 5)
            visible = Math.floor(visible / 2);
        else if (reportedVisible > 1)
            reportedVisible = Math.floor(reportedVisible / 2);
        else
            return (0,_render_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .cutToSize */ .Vn)(text, limit, (n) => `_\u2026 ${plural(n, 'more line')} cut to stay under GitHub's summary limit._`);
    }
}


/***/ }),

/***/ 433:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Gn: () => (/* binding */ accessChangeEvents),
/* harmony export */   NY: () => (/* binding */ payloadMismatch),
/* harmony export */   Pp: () => (/* binding */ runStartedEvent),
/* harmony export */   zq: () => (/* binding */ approvalEvents)
/* harmony export */ });
/* unused harmony exports actorOf, isAccessRulePath */
/* harmony import */ var _event_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4098);
/**
 * The run-level events, pure: who or what started the run (from the runner's environment and the
 * event payload at GITHUB_EVENT_PATH), access-rule changes in the pushed commits, and environment
 * approvals (from the Actions API's run approvals). Everything taken from a payload is user-controlled:
 * kept as data, bounded in size, escaped only when rendered.
 */

const MAX_TEXT = 500;
const MAX_ITEMS = 50;
const obj = (v) => v && typeof v === 'object' && !Array.isArray(v) ? v : undefined;
const str = (v) => typeof v === 'string' ? (v.length > MAX_TEXT ? `${v.slice(0, MAX_TEXT)}\u2026` : v) : undefined;
/** A payload's `sender` / `user` object as an actor (GitHub says `type: Bot` for apps). */
function actorOf(v) {
    const o = obj(v);
    const login = o && str(o.login);
    if (!login)
        return undefined;
    const id = typeof o.id === 'number' || typeof o.id === 'string' ? String(o.id) : undefined;
    return { login, type: o.type === 'Bot' || /\[bot\]$/i.test(login) ? 'Bot' : 'User', ...(id ? { id } : {}) };
}
function bounded(o) {
    return Object.fromEntries(Object.entries(o)
        .slice(0, MAX_ITEMS)
        .map(([k, v]) => [
        k.slice(0, 100),
        typeof v === 'string' ? str(v) : typeof v === 'object' ? '[object]' : v,
    ]));
}
function base(ctx, time) {
    return { v: _event_js__WEBPACK_IMPORTED_MODULE_0__/* .AUDIT_EVENT_VERSION */ .cZ, time, source: 'action', ...ctx };
}
/** What the payload says about the run, by event (inputs of a dispatch, the schedule, the pull request). */
function runDetails(eventName, p, attempt) {
    const d = {};
    if (attempt > 1)
        d.rerun = true;
    switch (eventName) {
        case 'workflow_dispatch': {
            const inputs = obj(p.inputs);
            d.inputs = inputs ? bounded(inputs) : {};
            break;
        }
        case 'repository_dispatch':
            if (str(p.action))
                d.dispatch_type = str(p.action);
            break;
        case 'schedule':
            if (str(p.schedule))
                d.schedule = str(p.schedule);
            break;
        case 'push': {
            const pusher = obj(p.pusher);
            if (pusher && str(pusher.name))
                d.pusher = str(pusher.name);
            if (typeof p.forced === 'boolean')
                d.forced = p.forced;
            if (Array.isArray(p.commits))
                d.commits = p.commits.length;
            break;
        }
        case 'pull_request':
        case 'pull_request_target': {
            const pr = obj(p.pull_request);
            if (typeof p.number === 'number')
                d.pull_request = p.number;
            if (str(p.action))
                d.action = str(p.action);
            const head = obj(pr?.head);
            if (head && str(head.ref))
                d.head_ref = str(head.ref);
            const repo = obj(head?.repo);
            if (repo && typeof repo.fork === 'boolean')
                d.fork = repo.fork;
            break;
        }
        case 'workflow_run': {
            const wr = obj(p.workflow_run);
            if (wr && str(wr.name))
                d.upstream_workflow = str(wr.name);
            if (wr && str(wr.conclusion))
                d.upstream_conclusion = str(wr.conclusion);
            break;
        }
    }
    return d;
}
/**
 * The run.started event: the runner's context, with the actor typed from the payload's `sender` when it
 * is the same account (GitHub marks apps `type: Bot` even where the login has no `[bot]` suffix).
 */
function runStartedEvent(ctx, payload, time) {
    const p = obj(payload) ?? {};
    const sender = actorOf(p.sender);
    const fix = (a) => a && sender && a.login === sender.login ? { ...a, type: sender.type } : a;
    const actor = fix(ctx.actor) ?? sender;
    const triggering = fix(ctx.triggering_actor);
    const details = runDetails(ctx.event_name, p, ctx.run_attempt ?? 1);
    return _event_js__WEBPACK_IMPORTED_MODULE_0__/* .auditEventSchema */ .RX.parse({
        ...base(ctx, time),
        type: 'run.started',
        outcome: 'success',
        ...(actor ? { actor } : {}),
        ...(triggering ? { triggering_actor: triggering } : {}),
        ...(Object.keys(details).length ? { details } : {}),
    });
}
/** Is this path an access rule: a workflow file or the access manifest? */
function isAccessRulePath(path, manifestPath) {
    return path === manifestPath || /^\.github\/workflows\/[^/]+\.ya?ml$/.test(path);
}
/**
 * admin.change for a push whose commits add, change or remove workflow files or the manifest. GitHub's
 * push payload lists up to 2,048 commits with their files; a larger push says so in `details.truncated`.
 */
function accessChangeEvents(ctx, eventName, payload, manifestPath, time) {
    const p = obj(payload);
    if (eventName !== 'push' || !p || !Array.isArray(p.commits))
        return [];
    const files = new Set();
    const commits = [];
    for (const c of p.commits) {
        const commit = obj(c);
        if (!commit)
            continue;
        let touched = false;
        for (const key of ['added', 'modified', 'removed'])
            for (const f of Array.isArray(commit[key]) ? commit[key] : [])
                if (typeof f === 'string' && isAccessRulePath(f, manifestPath)) {
                    files.add(f);
                    touched = true;
                }
        if (touched && str(commit.id))
            commits.push(str(commit.id).slice(0, 40));
    }
    if (!files.size)
        return [];
    // Who pushed is the run's actor (signed in the OIDC token when the broker answered); the payload, a
    // file any step can rewrite, only types that account (session 33), as in runStartedEvent.
    const sender = actorOf(p.sender);
    const pusher = ctx.actor
        ? sender && sender.login === ctx.actor.login
            ? { ...ctx.actor, type: sender.type }
            : ctx.actor
        : sender;
    const list = [...files];
    return [
        _event_js__WEBPACK_IMPORTED_MODULE_0__/* .auditEventSchema */ .RX.parse({
            ...base(ctx, time),
            type: 'admin.change',
            outcome: 'success',
            ...(pusher ? { actor: pusher } : {}),
            detail: `${list.length} access-rule file${list.length === 1 ? '' : 's'} changed in the pushed commits`,
            details: {
                files: list.slice(0, MAX_ITEMS),
                commits: commits.slice(0, MAX_ITEMS),
                ...(list.length > MAX_ITEMS ? { files_total: list.length } : {}),
                ...(p.commits.length >= 2048 ? { truncated: true } : {}),
            },
        }),
    ];
}
/**
 * run.approval per entry of `GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals`. The API gives
 * no time for a review, so `time` is when it was read; the review happened before the job it gated.
 */
function approvalEvents(ctx, approvals, time) {
    if (!Array.isArray(approvals))
        return [];
    return approvals.slice(0, MAX_ITEMS).flatMap((a) => {
        const o = obj(a);
        if (!o)
            return [];
        const user = actorOf(o.user);
        const state = str(o.state) ?? 'unknown';
        const environments = Array.isArray(o.environments)
            ? o.environments.map((e) => str(obj(e)?.name)).filter((n) => !!n)
            : [];
        return [
            _event_js__WEBPACK_IMPORTED_MODULE_0__/* .auditEventSchema */ .RX.parse({
                ...base(ctx, time),
                type: 'run.approval',
                outcome: state === 'rejected' ? 'denied' : 'success',
                ...(user ? { actor: user } : {}),
                detail: `${state} ${environments.join(', ') || 'a deployment'}`,
                details: {
                    state,
                    environments,
                    ...(str(o.comment) ? { comment: str(o.comment) } : {}),
                    time_known: false,
                },
            }),
        ];
    });
}
/**
 * Does the event payload (GITHUB_EVENT_PATH, a file any step can rewrite) contradict the run facts
 * GitHub signed in the OIDC token? The reason when it does, so its inputs and pushed files are not
 * shown as the run's. Only fields the payload and the token both carry are compared: a payload
 * rewritten consistently with them is not detected.
 */
function payloadMismatch(eventName, payload, signed) {
    const p = obj(payload);
    if (!p)
        return undefined;
    const repo = obj(p.repository);
    const full = typeof repo?.full_name === 'string' ? repo.full_name : undefined;
    if (full && signed.repository && full.toLowerCase() !== signed.repository.toLowerCase())
        return `the payload's repository '${full.slice(0, 200)}' is not '${signed.repository}'`;
    if (eventName === 'push' && typeof p.after === 'string' && signed.sha && p.after !== signed.sha)
        return `the payload's pushed commit '${p.after.slice(0, 40)}' is not the run's '${signed.sha}'`;
    if ((eventName === 'push' || eventName === 'workflow_dispatch') &&
        typeof p.ref === 'string' &&
        signed.ref) {
        const ref = p.ref.startsWith('refs/') ? p.ref : `refs/heads/${p.ref}`;
        if (ref !== signed.ref)
            return `the payload's ref '${p.ref.slice(0, 200)}' is not the run's '${signed.ref}'`;
    }
    return undefined;
}


/***/ }),

/***/ 9134:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $Y: () => (/* binding */ TrailError),
/* harmony export */   hd: () => (/* binding */ readTrail),
/* harmony export */   jr: () => (/* binding */ appendTrailEvent),
/* harmony export */   pO: () => (/* binding */ runContext),
/* harmony export */   vy: () => (/* binding */ appendTrail),
/* harmony export */   yg: () => (/* binding */ trailPath)
/* harmony export */ });
/* unused harmony export MAX_TRAIL_BYTES */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _event_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4098);
/**
 * The job's local audit trail: `$RUNNER_TEMP/stepwarden/audit.jsonl`, one AuditEvent per line, shared
 * by the actions of one job (exchange, run, enforce, audit). Never holds a credential.
 */



function trailPath(env) {
    const temp = env.RUNNER_TEMP;
    if (!temp)
        throw new Error('RUNNER_TEMP is not set: the audit trail lives in the runner temp directory');
    return (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(temp, 'stepwarden', 'audit.jsonl');
}
/** The run context every trail line carries, from the runner's environment. */
function runContext(env) {
    const wfRef = env.GITHUB_WORKFLOW_REF ?? '';
    const file = /\/\.github\/workflows\/([^@/]+)@/.exec(wfRef)?.[1];
    return {
        ...(env.GITHUB_REPOSITORY ? { repository: env.GITHUB_REPOSITORY } : {}),
        ...(env.GITHUB_REPOSITORY_ID ? { repository_id: env.GITHUB_REPOSITORY_ID } : {}),
        ...(file ? { workflow: file } : {}),
        ...(env.GITHUB_JOB ? { job: env.GITHUB_JOB } : {}),
        ...(env.GITHUB_RUN_ID ? { run_id: env.GITHUB_RUN_ID } : {}),
        ...(env.GITHUB_RUN_ATTEMPT ? { run_attempt: Number(env.GITHUB_RUN_ATTEMPT) || 1 } : {}),
        ...(env.GITHUB_EVENT_NAME ? { event_name: env.GITHUB_EVENT_NAME } : {}),
        ...(env.GITHUB_REF ? { ref: env.GITHUB_REF } : {}),
        ...(env.GITHUB_SHA ? { sha: env.GITHUB_SHA } : {}),
        ...(env.GITHUB_ACTOR ? { actor: (0,_event_js__WEBPACK_IMPORTED_MODULE_2__/* .actorFromLogin */ .ri)(env.GITHUB_ACTOR, env.GITHUB_ACTOR_ID) } : {}),
        ...(env.GITHUB_TRIGGERING_ACTOR ? { triggering_actor: (0,_event_js__WEBPACK_IMPORTED_MODULE_2__/* .actorFromLogin */ .ri)(env.GITHUB_TRIGGERING_ACTOR) } : {}),
    };
}
/** Appends one validated event (a line is written whole by one append, so lines never interleave). */
function appendTrail(env, event) {
    return appendTrailEvent(env, {
        v: _event_js__WEBPACK_IMPORTED_MODULE_2__/* .AUDIT_EVENT_VERSION */ .cZ,
        time: new Date().toISOString(),
        source: 'action',
        ...runContext(env),
        ...event,
    });
}
/**
 * Appends an event that is already whole (run-level events built by run-events.ts). Never through a
 * symbolic link: any step can replace the trail, and a link would make this write somewhere else.
 */
function appendTrailEvent(env, event) {
    const full = _event_js__WEBPACK_IMPORTED_MODULE_2__/* .auditEventSchema */ .RX.parse(event);
    const path = trailPath(env);
    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdirSync)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(path, '..'), { recursive: true });
    const fd = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.openSync)(path, node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_WRONLY | node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_APPEND | node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_CREAT | node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_NOFOLLOW, 0o600);
    try {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.writeSync)(fd, `${JSON.stringify(full)}\n`);
    }
    finally {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.closeSync)(fd);
    }
    return full;
}
/** A job's trail is a few hundred lines; anything near this is not one the actions wrote. */
const MAX_TRAIL_BYTES = 16 * 1024 * 1024;
/** Why a trail could not be read: a stable code and a message that says what to look at. */
class TrailError extends Error {
    code;
    name = 'TrailError';
    constructor(code, message) {
        super(`${code}: ${message}`);
        this.code = code;
    }
}
/**
 * Reads the job's trail, which every step of the job can write: its type and size are checked with
 * `lstat` before anything is read, and the read is bounded, so a deleted trail, a directory, a symbolic
 * link or a 600 MB sparse file is a TrailError naming what was found, never an empty trail. Malformed
 * lines are skipped and counted.
 */
function readTrail(path, maxBytes = MAX_TRAIL_BYTES) {
    let st;
    try {
        // A linked directory would make the trail (and the audit's appends) live somewhere else.
        if ((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.lstatSync)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(path)).isSymbolicLink())
            throw new TrailError('ERR_TRAIL_NOT_A_FILE', `the trail's directory ${(0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(path)} is a symbolic link: a step of this job replaced it`);
        st = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.lstatSync)(path);
    }
    catch (err) {
        if (err instanceof TrailError)
            throw err;
        if (err.code === 'ENOENT')
            throw new TrailError('ERR_TRAIL_MISSING', `no trail at ${path}: no stepwarden step wrote one in this job, or a step deleted it`);
        throw new TrailError('ERR_TRAIL_UNREADABLE', `cannot read the trail at ${path}: ${err.message}`);
    }
    if (!st.isFile())
        throw new TrailError('ERR_TRAIL_NOT_A_FILE', `the trail at ${path} is ${st.isDirectory() ? 'a directory' : st.isSymbolicLink() ? 'a symbolic link' : 'not a regular file'}: a step of this job replaced it`);
    if (st.size > maxBytes)
        throw new TrailError('ERR_TRAIL_TOO_LARGE', `the trail at ${path} is ${st.size.toLocaleString('en-US')} bytes, over the ${maxBytes.toLocaleString('en-US')} a job's trail can reach: a step of this job wrote it`);
    let text;
    let fd;
    try {
        fd = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.openSync)(path, node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_RDONLY | node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_NOFOLLOW | node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_NONBLOCK);
    }
    catch (err) {
        throw new TrailError('ERR_TRAIL_UNREADABLE', `cannot open the trail at ${path}: ${err.message}`);
    }
    try {
        // Swapped between lstat and open: judge what was opened.
        const opened = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.fstatSync)(fd);
        if (!opened.isFile() || opened.size > maxBytes)
            throw new TrailError('ERR_TRAIL_NOT_A_FILE', `the trail at ${path} changed while it was read`);
        const buf = Buffer.alloc(Math.min(opened.size, maxBytes) + 1);
        let n = 0;
        for (let r; n < buf.length && (r = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readSync)(fd, buf, n, buf.length - n, null)) > 0;)
            n += r;
        if (n > maxBytes)
            throw new TrailError('ERR_TRAIL_TOO_LARGE', `the trail at ${path} grew past ${maxBytes} bytes while it was read`);
        text = buf.subarray(0, n).toString('utf8');
    }
    finally {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.closeSync)(fd);
    }
    const lines = [];
    const malformed = [];
    text.split('\n').forEach((line, i) => {
        if (!line.trim())
            return;
        try {
            const r = _event_js__WEBPACK_IMPORTED_MODULE_2__/* .auditEventSchema */ .RX.safeParse(JSON.parse(line));
            if (r.success)
                lines.push({ line: i + 1, event: r.data });
            else
                malformed.push(i + 1);
        }
        catch {
            malformed.push(i + 1);
        }
    });
    return { events: lines.map((l) => l.event), lines, malformed };
}


/***/ }),

/***/ 8377:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B: () => (/* binding */ writeOutputFile),
/* harmony export */   I: () => (/* binding */ openOutputStream)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);
/**
 * Writing a report, SARIF file or trail copy the user named: whole or not at all. A temporary file
 * beside the target, then a rename, so a reader never sees half a report and a failed write leaves the
 * old file as it was. Three things a plain `writeFile(tmp); rename(tmp, target)` gets wrong:
 * - a target that is not a regular file (`--output /dev/stdout`, a FIFO, a terminal, `/dev/null`) would
 *   be replaced by a plain file (as root: the device node itself); it is written in place instead;
 * - a link to a regular file would be replaced by a file; the file it names is replaced, the link kept;
 * - a fixed temporary name (`out.tmp`) in a shared folder is a path another user can plant a link at,
 *   redirecting the write; the temporary name is unpredictable and created exclusively.
 */




/** Where the bytes go: the target itself (not a regular file), or a temporary file renamed onto it. */
async function plan(path, mkdirs) {
    // stat follows links: what the path names in the end decides.
    const st = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.stat)(path).catch((err) => {
        if (err.code === 'ENOENT')
            return undefined;
        throw err;
    });
    if (st?.isDirectory())
        throw new Error(`${path} is a directory; give a file path`);
    if (st && !st.isFile())
        return { inPlace: true };
    const target = st ? await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.realpath)(path) : path;
    if (mkdirs)
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.mkdir)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.dirname)(target), { recursive: true });
    return { inPlace: false, target };
}
const WHY = {
    ENOENT: 'its folder does not exist',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    ENOSPC: 'no space left on the device',
    EROFS: 'read-only file system',
    ENOTDIR: 'a part of the path is not a folder',
};
/** The user's path and the reason, not the temporary name the failure happened on. */
function cannotWrite(path, err) {
    const code = err.code;
    const why = code ? `${code}: ${WHY[code] ?? err.message}` : err.message;
    return new Error(`cannot write ${path} (${why})`, { cause: err });
}
const tmpName = (target) => `${target}.${process.pid}.${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(6).toString('hex')}.tmp`;
/** plan(), with an I/O failure named by the user's path. */
const planFor = (path, mkdirs) => plan(path, mkdirs).catch((err) => {
    throw err.code ? cannotWrite(path, err) : err;
});
/**
 * `mkdirs`: create the target's folder. `durable`: the bytes are on disk (fsync) before the rename, so a
 * crash leaves the old file or the new one, never an empty one (a manifest `init` writes).
 */
async function writeOutputFile(path, text, opts = {}) {
    const p = await planFor(path, opts.mkdirs ?? false);
    const tmp = p.inPlace ? path : tmpName(p.target);
    try {
        if (p.inPlace)
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.writeFile)(path, text);
        else {
            const fh = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.open)(tmp, 'wx', 0o644);
            try {
                await fh.writeFile(text);
                if (opts.durable)
                    await fh.sync();
            }
            finally {
                await fh.close();
            }
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rename)(tmp, p.target);
        }
    }
    catch (err) {
        if (!p.inPlace)
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)(tmp, { force: true });
        throw cannotWrite(path, err);
    }
}
async function openOutputStream(path, opts = {}) {
    const p = await planFor(path, opts.mkdirs ?? false);
    const file = p.inPlace ? path : tmpName(p.target);
    const stream = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.createWriteStream)(file, { flags: p.inPlace ? 'w' : 'wx', mode: 0o644 });
    // Kept, not thrown from an event: commit() reports it with the user's path.
    let failure;
    stream.on('error', (err) => (failure ??= err));
    const ended = () => new Promise((resolve, reject) => stream.end((err) => (err ? reject(err) : resolve())));
    return {
        stream,
        async commit() {
            try {
                await ended();
                if (failure)
                    throw failure;
                if (!p.inPlace)
                    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rename)(file, p.target);
            }
            catch (err) {
                throw cannotWrite(path, err);
            }
        },
        async abort() {
            // The open may still be on libuv's pool: a remove that ran before it would leave the file
            // it creates behind (about 3 % of aborts right after opening), so it waits for the close.
            const closed = new Promise((resolve) => stream.closed ? resolve() : stream.once('close', resolve));
            stream.destroy();
            await closed;
            if (!p.inPlace)
                await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)(file, { force: true });
        },
    };
}


/***/ }),

/***/ 4377:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   w$: () => (/* binding */ datetime)
/* harmony export */ });
/* unused harmony exports date, time, duration */
/* harmony import */ var _core_index_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3759);
/* harmony import */ var _schemas_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2857);



function datetime(params) {
    return _core_index_js__WEBPACK_IMPORTED_MODULE_0__/* ._isoDateTime */ .G1(_schemas_js__WEBPACK_IMPORTED_MODULE_1__/* .ZodISODateTime */ .You, params);
}
function date(params) {
    return core._isoDate(ZodISODate, params);
}
function time(params) {
    return core._isoTime(ZodISOTime, params);
}
function duration(params) {
    return core._isoDuration(ZodISODuration, params);
}


/***/ })

};
