/**
 * actions/audit (last step, `if: always()`): completes the job's trail with who or what started the
 * run, access-rule changes and environment approvals; revokes every credential still live (through the
 * broker, with a fresh OIDC token); then writes the job summary that keeps workload activity apart from
 * administrator activity. Uploads nothing; `trail-path` copies the trail for an artifact upload.
 */
import * as core from '@actions/core';
import { copyFileSync, mkdirSync, renameSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseThresholds, type AnomalyThresholds } from '../audit/anomalies.js';
import { pickFields, type AuditEvent } from '../audit/event.js';
import { buildReport } from '../audit/report.js';
import { renderAuditMarkdown } from '../audit/render-markdown.js';
import { accessChangeEvents, approvalEvents, runStartedEvent } from '../audit/run-events.js';
import { appendTrail, appendTrailEvent, readTrail, runContext, trailPath } from '../audit/trail.js';
import { VERSION } from '../cli/version.js';
import { runnerOctokit } from '../github/octokit.js';
import { MANIFEST_PATH } from '../manifest/schema.js';
import { revokeJob } from './broker-client.js';
import { readEventPayload } from './event-payload.js';
import type { ActionEntry } from './index.js';

/** Grants of the trail with no revocation or expiry after them. */
export function liveGrants(events: readonly AuditEvent[]): AuditEvent[] {
  const live = new Map<string, AuditEvent>();
  for (const e of events) {
    if (e.type === 'credential.granted' && e.outcome === 'success' && e.grant_id) live.set(e.grant_id, e);
    else if ((e.type === 'credential.revoked' && e.outcome === 'success') || e.type === 'credential.expired')
      if (e.grant_id) live.delete(e.grant_id);
  }
  return [...live.values()];
}

function thresholds(): AnomalyThresholds {
  return parseThresholds(
    // An empty input is an unset one, as the runner passes every input.
    (k) => core.getInput(k) || undefined,
    (k) => `input '${k}'`,
  );
}

/**
 * Appends the run-level events the trail does not have yet (the audit step may run in every job of a
 * run); returns them, as written.
 */
async function completeTrail(
  env: NodeJS.ProcessEnv,
  events: readonly AuditEvent[],
  token: string,
  manifest: string,
): Promise<AuditEvent[]> {
  const added: AuditEvent[] = [];
  const ctx = runContext(env);
  const payload = await readEventPayload(env);
  const now = new Date().toISOString();
  const first = events.reduce<string | undefined>((m, e) => (!m || e.time < m ? e.time : m), undefined);
  if (!events.some((e) => e.type === 'run.started'))
    added.push(appendTrailEvent(env, runStartedEvent(ctx, payload, first ?? now)));
  if (!events.some((e) => e.type === 'admin.change'))
    for (const e of accessChangeEvents(ctx, env.GITHUB_EVENT_NAME, payload, manifest, first ?? now))
      added.push(appendTrailEvent(env, e));
  if (!token || !env.GITHUB_RUN_ID || !env.GITHUB_REPOSITORY || events.some((e) => e.type === 'run.approval'))
    return added;
  const [owner, repo] = env.GITHUB_REPOSITORY.split('/') as [string, string];
  try {
    const gh = runnerOctokit(token, env);
    const res = await gh.rest.actions.getReviewsForRun({ owner, repo, run_id: Number(env.GITHUB_RUN_ID) });
    for (const e of approvalEvents(ctx, res.data, now)) added.push(appendTrailEvent(env, e));
  } catch (err) {
    const status = (err as { status?: number }).status;
    core.warning(
      `stepwarden: environment approvals not read${status ? ` (HTTP ${status})` : ''}: ${(err as Error).message}. ` +
        "The token needs 'actions: read'; the summary lists no approvals.",
    );
  }
  return added;
}

/** Revokes what the trail shows still live; every outcome goes into the trail, and is returned. */
async function revokeLeftovers(
  env: NodeJS.ProcessEnv,
  live: AuditEvent[],
  brokerUrl: string,
  oidcAudience: string,
): Promise<AuditEvent[]> {
  const added: AuditEvent[] = [];
  if (!live.length) return added;
  const record = (outcome: 'success' | 'error', reason: string, detail: string) => {
    for (const g of live)
      added.push(
        appendTrail(env, {
          type: 'credential.revoked',
          outcome,
          reason,
          detail,
          ...pickFields(g, ['step', 'audience', 'grant_id']),
        }),
      );
  };
  if (!brokerUrl) {
    core.warning(
      `stepwarden: ${live.length} credential(s) still live at job end and no broker-url to revoke them; they expire at their ttl`,
    );
    return added;
  }
  if (!env.ACTIONS_ID_TOKEN_REQUEST_URL) {
    record(
      'error',
      'ERR_REVOKE_FAILED',
      "no OIDC token to revoke with: the job needs 'permissions: id-token: write'",
    );
    core.warning(
      `stepwarden: ${live.length} credential(s) still live; no OIDC token to revoke them (id-token: write)`,
    );
    return added;
  }
  try {
    const oidc = await core.getIDToken(oidcAudience);
    core.setSecret(oidc);
    const n = await revokeJob(brokerUrl, oidc, env.GITHUB_JOB ?? '');
    record(
      'success',
      'REVOKED_AT_JOB_END',
      `still live at job end; the broker revoked ${n} credential(s) of the job`,
    );
    core.info(`stepwarden: revoked ${n} credential(s) still live at job end`);
  } catch (err) {
    record('error', 'ERR_REVOKE_FAILED', (err as Error).message);
    core.warning(
      `stepwarden: job-end revocation failed, the broker expires the credentials at their ttl: ${(err as Error).message}`,
    );
  }
  return added;
}

export const auditAction: ActionEntry = {
  summary: 'Job end: revoke leftovers, write the job summary (workload vs administrator)',
  async run(_argv, io) {
    const env = io.env;
    const brokerUrl = core.getInput('broker-url');
    const oidcAudience = core.getInput('oidc-audience') || brokerUrl;
    const token = core.getInput('token');
    if (token) core.setSecret(token);
    const copyTo = core.getInput('trail-path');
    const manifest = core.getInput('manifest') || MANIFEST_PATH;
    const failOn = core.getInput('fail-on') || 'never';
    if (!['never', 'anomaly'].includes(failOn)) {
      core.setFailed(`fail-on must be never or anomaly, not '${failOn}'`);
      return 2;
    }
    let limits: AnomalyThresholds;
    let path: string;
    try {
      limits = thresholds();
      path = trailPath(env);
    } catch (err) {
      core.setFailed((err as Error).message);
      return 2;
    }

    // The trail is read once; what this step appends is added to it as written.
    const { events, malformed } = readTrail(path);
    events.push(...(await completeTrail(env, events, token, manifest)));
    events.push(...(await revokeLeftovers(env, liveGrants(events), brokerUrl, oidcAudience)));
    const report = buildReport(events, { thresholds: limits });
    report.totals.malformed += malformed.length;
    appendTrail(env, {
      type: 'job.summary',
      outcome: 'success',
      details: {
        workload: report.totals.workload,
        administrator: report.totals.administrator,
        anomalies: report.totals.anomalies,
        refusals: report.totals.refusals,
      },
    });
    if (malformed.length)
      core.warning(
        `stepwarden: ${malformed.length} unreadable trail line(s): ${malformed.slice(0, 10).join(', ')}`,
      );
    const markdown = renderAuditMarkdown(report, { version: VERSION });
    if (env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(markdown).write();
    else core.info(markdown);

    if (copyTo) {
      const dest = resolve(env.GITHUB_WORKSPACE ?? io.cwd, copyTo);
      mkdirSync(dirname(dest), { recursive: true });
      copyFileSync(path, `${dest}.tmp`);
      renameSync(`${dest}.tmp`, dest);
      core.setOutput('trail-path', dest);
    }
    const t = report.totals;
    core.setOutput('workload', String(t.workload));
    core.setOutput('administrator', String(t.administrator));
    core.setOutput('anomalies', String(t.anomalies));
    core.setOutput('refusals', String(t.refusals));
    core.setOutput('live-at-end', String(t.live_at_end));
    if (failOn === 'anomaly' && t.anomalies > 0) {
      core.setFailed(`stepwarden: ${t.anomalies} anomaly(ies) in this job; see the job summary`);
      return 1;
    }
    return 0;
  },
};
