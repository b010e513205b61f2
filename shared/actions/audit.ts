/**
 * actions/audit (last step, `if: always()`): asks the broker (fresh OIDC token, used once) for every
 * credential it issued for this run attempt and job, which revokes every live one; takes who or what
 * started the run, access-rule changes and environment approvals from the verified token, the API and
 * the runner, and which steps ran from the Jobs API; then writes the job summary that keeps workload
 * activity apart from administrator activity. The job's trail, which every step can write, is checked
 * against all that: what is not confirmed is shown as unverified, never as fact. Uploads nothing;
 * `trail-path` copies the trail for an artifact upload.
 */
import * as core from '@actions/core';
import { annotations } from './annotations.js';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseThresholds, type Anomaly, type AnomalyThresholds } from '../audit/anomalies.js';
import { actorFromLogin, type AuditEvent } from '../audit/event.js';
import {
  findJob,
  jobShownName,
  judgeGate,
  stepRan,
  type ApiJob,
  type GateCheck,
  type StepRan,
} from '../audit/job-steps.js';
import { buildReport, type AuditReport } from '../audit/report.js';
import { renderAuditMarkdown } from '../audit/render-markdown.js';
import { accessChangeEvents, approvalEvents, payloadMismatch, runStartedEvent } from '../audit/run-events.js';
import {
  appendTrail,
  appendTrailEvent,
  readTrail,
  runContext,
  trailPath,
  TrailError,
} from '../audit/trail.js';
import {
  brokerAnomaly,
  brokerListingSchema,
  gateAnomalies,
  trailAnomaly,
  verifyJob,
  type BrokerListing,
  type UnverifiedLine,
} from '../audit/verify.js';
import { VERSION } from '../cli/version.js';
import { writeOutputFile } from '../cli/output-file.js';
import { parseWorkflowRef, readRepoFile } from '../enforce/github-source.js';
import { runnerOctokit } from '../github/octokit.js';
import { MANIFEST_PATH } from '../manifest/schema.js';
import type { StepModel } from '../workflow/model.js';
import { parseWorkflow } from '../workflow/parse.js';
import { endJob } from './broker-client.js';
import { readEventPayload } from './event-payload.js';
import type { ActionEntry } from './index.js';
import { maskedIdTokens } from './oidc-token.js';
import { writeStepSummary } from './summary.js';

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

const httpStatus = (err: unknown) => (err as { status?: number }).status;
const failure = (err: unknown) => {
  const status = httpStatus(err);
  return `${status ? `HTTP ${status}: ` : ''}${(err as Error).message}`;
};

/** The broker's answer at job end (its call revokes every live credential of the job), or why none. */
async function askBroker(
  env: NodeJS.ProcessEnv,
  brokerUrl: string,
  oidcAudience: string,
): Promise<{ listing: BrokerListing } | { why: string }> {
  if (!brokerUrl) return { why: 'no broker-url' };
  if (!env.ACTIONS_ID_TOKEN_REQUEST_URL)
    return { why: "no OIDC token: the job needs 'permissions: id-token: write'" };
  try {
    // A fresh OIDC token per attempt (the broker uses one once), masked as it is made; retried on
    // unreachable, 429 and 5xx after the broker's Retry-After (broker-client.ts post(), one loop).
    const body = await endJob(brokerUrl, maskedIdTokens(oidcAudience), env.GITHUB_JOB ?? '');
    const parsed = brokerListingSchema.safeParse(body);
    if (!parsed.success)
      return { why: 'the broker answered without a credential list (a broker older than this action?)' };
    // The token came from ACTIONS_ID_TOKEN_REQUEST_URL, which a step can redirect (GITHUB_ENV): a token
    // of another run would list another job's credentials as this one's.
    const sub = parsed.data.subject;
    const other = [
      ['run', sub.run_id, env.GITHUB_RUN_ID],
      ['repository', sub.repository?.toLowerCase(), env.GITHUB_REPOSITORY?.toLowerCase()],
    ].find(([, signed, runner]) => signed && runner && signed !== runner);
    if (other) {
      annotations.error(
        `stepwarden: the OIDC token the runner handed out is for ${other[0]} '${other[1]}', not this job's '${other[2]}': a step redirected the token request; the broker's answer is not used`,
      );
      return { why: `the OIDC token is for another ${other[0]}` };
    }
    return { listing: parsed.data };
  } catch (err) {
    return { why: `the broker failed: ${(err as Error).message}` };
  }
}

/** The run context, with every fact the broker verified in GitHub's signed token in place of the env's. */
function verifiedContext(env: NodeJS.ProcessEnv, subject: Readonly<Record<string, string>> | undefined) {
  const ctx: Partial<AuditEvent> = runContext(env);
  if (!subject) return ctx;
  const s = subject;
  return {
    ...ctx,
    ...(s.repository ? { repository: s.repository } : {}),
    ...(s.repository_id ? { repository_id: s.repository_id } : {}),
    ...(s.workflow ? { workflow: s.workflow } : {}),
    ...(s.run_id ? { run_id: s.run_id } : {}),
    ...(s.run_attempt ? { run_attempt: Number(s.run_attempt) || 1 } : {}),
    ...(s.event_name ? { event_name: s.event_name } : {}),
    ...(s.ref ? { ref: s.ref } : {}),
    ...(s.sha ? { sha: s.sha } : {}),
    ...(s.actor ? { actor: actorFromLogin(s.actor, s.actor_id) } : {}),
  };
}

/** Environment approvals of the run (Actions API), or why they could not be read. */
async function approvals(
  env: NodeJS.ProcessEnv,
  ctx: Partial<AuditEvent>,
  token: string,
  now: string,
): Promise<{ events: AuditEvent[] } | { why: string }> {
  if (!token) return { why: 'no token' };
  const [owner, repo] = (ctx.repository ?? '').split('/');
  if (!owner || !repo || !ctx.run_id) return { why: 'no repository or run id' };
  try {
    const gh = runnerOctokit(token, env);
    const res = await gh.rest.actions.getReviewsForRun({ owner, repo, run_id: Number(ctx.run_id) });
    return { events: approvalEvents(ctx, res.data, now) };
  } catch (err) {
    const status = httpStatus(err);
    annotations.warning(
      `stepwarden: environment approvals not read${status ? ` (HTTP ${status})` : ''}: ${(err as Error).message}. ` +
        "The token needs 'actions: read'; the summary lists no approvals.",
    );
    return { why: `approvals not read${status ? ` (HTTP ${status})` : ''}` };
  }
}

/** The running workflow's steps of this job (for the Jobs API's display names) and its path, when readable. */
async function workflowSteps(
  env: NodeJS.ProcessEnv,
  token: string,
  subject: Readonly<Record<string, string>> | undefined,
): Promise<
  { steps: readonly StepModel[]; path: string; shown: ReturnType<typeof jobShownName> } | undefined
> {
  const ref = subject?.job_workflow_ref ?? subject?.workflow_ref ?? env.GITHUB_WORKFLOW_REF ?? '';
  const wref = parseWorkflowRef(ref);
  const sha = subject?.job_workflow_sha ?? subject?.workflow_sha ?? env.GITHUB_WORKFLOW_SHA ?? wref?.ref;
  if (!wref || !sha || !env.GITHUB_JOB) return undefined;
  try {
    const text = await readRepoFile(runnerOctokit(token, env), {
      owner: wref.owner,
      repo: wref.repo,
      path: wref.path,
      ref: sha,
    });
    if (text === undefined) return undefined;
    const job = parseWorkflow(wref.file, wref.path, text).jobs.find((j) => j.id === env.GITHUB_JOB);
    // A job of a called workflow: the token's job_workflow_ref names another file than its workflow_ref.
    const called = !!subject?.job_workflow_ref && subject.job_workflow_ref !== subject.workflow_ref;
    return job ? { steps: job.steps, path: wref.path, shown: jobShownName(job, job.id, called) } : undefined;
  } catch {
    return undefined;
  }
}

/** Which of the job's steps ran (Jobs API), as a function of a grant's step name; or why unknown. */
async function jobSteps(
  env: NodeJS.ProcessEnv,
  ctx: Partial<AuditEvent>,
  token: string,
  subject: Readonly<Record<string, string>> | undefined,
): Promise<{ ran: (step: string) => StepRan; mapped: boolean; gate?: GateCheck } | { why: string }> {
  if (!token) return { why: 'no token to read the Jobs API' };
  const [owner, repo] = (ctx.repository ?? '').split('/');
  if (!owner || !repo || !ctx.run_id) return { why: 'no repository or run id' };
  let jobs: ApiJob[];
  try {
    const gh = runnerOctokit(token, env);
    jobs = (await gh.paginate(gh.rest.actions.listJobsForWorkflowRunAttempt, {
      owner,
      repo,
      run_id: Number(ctx.run_id),
      attempt_number: ctx.run_attempt ?? 1,
      per_page: 100,
    })) as ApiJob[];
  } catch (err) {
    annotations.warning(
      `stepwarden: the job's steps were not read from the Jobs API (${failure(err)}); grants claimed under a step that never ran cannot be told. The token needs 'actions: read'.`,
    );
    return { why: `the Jobs API was not read (${httpStatus(err) ?? 'error'})` };
  }
  const read = await workflowSteps(env, token, subject);
  // Found by name only without a check run id: under the name GitHub shows (the job's `name:`), never
  // another job that took the id as its `name:`; a `name:` with an expression finds none.
  const shown = read ? read.shown : env.GITHUB_JOB;
  if (!subject?.check_run_id && typeof shown === 'object')
    return {
      why: `${shown.why} (${read!.path}) and the OIDC token names no check run, so its row in the Jobs API cannot be told`,
    };
  const found = findJob(jobs, {
    ...(subject?.check_run_id ? { checkRunId: subject.check_run_id } : {}),
    ...(typeof shown === 'string' && shown ? { name: shown } : {}),
  });
  if (!('job' in found)) return { why: found.why };
  const steps = read?.steps;
  return {
    ran: (step) => stepRan(found.job, step, steps),
    mapped: steps !== undefined,
    // Which step is the gate, and whether a success means "allowed", only the workflow can say.
    ...(read ? { gate: judgeGate(found.job, read.steps, read.path) } : {}),
  };
}

/** Appends to the trail unless it was found tampered with (never through a link, never into a directory). */
function appender(env: NodeJS.ProcessEnv, trailError: TrailError | undefined) {
  let usable = !trailError || trailError.code === 'ERR_TRAIL_MISSING';
  return (write: () => unknown) => {
    if (!usable) return;
    try {
      write();
    } catch (err) {
      usable = false;
      annotations.warning(`stepwarden: the job's trail cannot be written: ${(err as Error).message}`);
    }
  };
}

export const auditAction: ActionEntry = {
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
      annotations.setFailed(`fail-on must be never or anomaly, not '${failOn}'`);
      return 2;
    }
    // Session 23: a job end that failed leaves the job's credentials live until their ttl; by default
    // that fails the step (after the summary), whatever fail-on says. `warn`: the warning only.
    const jobEndFailure = core.getInput('job-end-failure') || 'fail';
    if (!['fail', 'warn'].includes(jobEndFailure)) {
      annotations.setFailed(`job-end-failure must be fail or warn, not '${jobEndFailure}'`);
      return 2;
    }
    let limits: AnomalyThresholds;
    let path: string;
    try {
      limits = thresholds();
      path = trailPath(env);
    } catch (err) {
      annotations.setFailed((err as Error).message);
      return 2;
    }
    const now = new Date().toISOString();

    // The trail: any step of the job can have written, deleted or replaced it.
    let trail: ReturnType<typeof readTrail> = { events: [], lines: [], malformed: [] };
    let trailError: TrailError | undefined;
    try {
      trail = readTrail(path);
    } catch (err) {
      if (!(err instanceof TrailError)) throw err;
      trailError = err;
      annotations.error(`stepwarden: ${err.message}`);
    }
    const append = appender(env, trailError);

    // The broker's record (this call also revokes every credential of the job still live).
    const answer = await askBroker(env, brokerUrl, oidcAudience);
    const listing = 'listing' in answer ? answer.listing : undefined;
    if (!listing) {
      const live = liveGrants(trail.events).length;
      if (!brokerUrl)
        annotations.warning(
          `stepwarden: ${live} credential(s) still live at job end and no broker-url to revoke them; they expire at their ttl. Nothing in the summary is checked against the broker.`,
        );
      else {
        const text = `stepwarden: job-end revocation and the broker's record failed (${(answer as { why: string }).why}); the job's credentials stay live until the broker expires them at their ttl, and the summary shows the trail's word only`;
        if (jobEndFailure === 'fail') annotations.error(text);
        else annotations.warning(text);
      }
    } else if (listing.revoked)
      core.info(`stepwarden: the broker revoked ${listing.revoked} credential(s) still live at job end`);
    const ctx = verifiedContext(env, listing?.subject);

    // Run-level and administrator facts: never from the trail.
    let payload = await readEventPayload(env);
    const mismatch = listing ? payloadMismatch(ctx.event_name, payload, listing.subject) : undefined;
    if (mismatch) {
      annotations.error(
        `stepwarden: the event payload at GITHUB_EVENT_PATH does not match the run GitHub signed (${mismatch}): a step rewrote it; its inputs and pushed files are not shown`,
      );
      payload = undefined;
    }
    const first = listing?.credentials[0]?.issued_at ?? now;
    const runEvents: AuditEvent[] = [
      runStartedEvent(ctx, payload, first < now ? first : now),
      ...accessChangeEvents(ctx, ctx.event_name, payload, manifest, now),
    ];
    const reviews = await approvals(env, ctx, token, now);
    if ('events' in reviews) runEvents.push(...reviews.events);
    const steps = await jobSteps(env, ctx, token, listing?.subject);

    const checked = verifyJob({
      trail: trail.lines,
      ...(listing ? { broker: listing } : {}),
      ...('ran' in steps ? { stepRan: steps.ran } : {}),
      ctx,
      now,
    });
    const extra: Anomaly[] = [
      ...checked.anomalies,
      ...(trailError ? [trailAnomaly(ctx, trailError.message, now)] : []),
      ...(brokerUrl && 'why' in answer ? [brokerAnomaly(ctx, answer.why, now)] : []),
    ];
    const built = buildReport([...runEvents, ...checked.events], { thresholds: limits });
    // The trail's verdict (the worst of its lines) against the gate's step in the Jobs API.
    const gate = 'gate' in steps ? steps.gate : undefined;
    if (gate) extra.push(...gateAnomalies(gate, built.gate?.outcome, ctx, now));
    const report: AuditReport = {
      ...built,
      anomalies: [...built.anomalies, ...extra],
      totals: {
        ...built.totals,
        anomalies: built.totals.anomalies + extra.length,
        malformed: built.totals.malformed + trail.malformed.length,
      },
      verification: {
        ...verification(listing, answer, reviews, steps, checked.unverified, trailError, mismatch),
        ...(gate ? { gate } : {}),
      },
    };
    for (const u of checked.unknownSteps)
      annotations.error(
        `stepwarden: the broker issued grant ${u.grant_id} under step '${u.step}', ${u.why} (${u.state})`,
      );

    for (const e of runEvents) append(() => appendTrailEvent(env, e));
    for (const c of listing?.credentials ?? [])
      if (c.state === 'revoked-now' || c.state === 'revocation-failed')
        append(() =>
          appendTrail(env, {
            type: 'credential.revoked',
            outcome: c.state === 'revoked-now' ? 'success' : 'error',
            reason: c.state === 'revoked-now' ? 'REVOKED_AT_JOB_END' : 'ERR_REVOKE_FAILED',
            detail: 'still live at job end; revoked by the broker for the audit step',
            step: c.step,
            audience: c.audience,
            grant_id: c.grant_id,
          }),
        );
    append(() =>
      appendTrail(env, {
        type: 'job.summary',
        outcome: 'success',
        details: {
          workload: report.totals.workload,
          administrator: report.totals.administrator,
          anomalies: report.totals.anomalies,
          refusals: report.totals.refusals,
          unverified: checked.unverified.length,
          verified_by_broker: !!listing,
        },
      }),
    );
    if (trail.malformed.length)
      annotations.warning(
        `stepwarden: ${trail.malformed.length} unreadable trail line(s): ${trail.malformed.slice(0, 10).join(', ')}`,
      );
    if (checked.unverified.length)
      annotations.warning(
        `stepwarden: ${checked.unverified.length} trail line(s) the broker's record does not confirm; the summary shows them as unverified`,
      );
    const markdown = renderAuditMarkdown(report, { version: VERSION });
    if (writeStepSummary(markdown, env) === 'none') core.info(markdown);

    if (copyTo && !trailError) {
      const dest = resolve(env.GITHUB_WORKSPACE ?? io.cwd, copyTo);
      await writeOutputFile(dest, readFileSync(path, 'utf8'), { mkdirs: true });
      core.setOutput('trail-path', dest);
    }
    const t = report.totals;
    core.setOutput('workload', String(t.workload));
    core.setOutput('administrator', String(t.administrator));
    core.setOutput('anomalies', String(t.anomalies));
    core.setOutput('refusals', String(t.refusals));
    core.setOutput('live-at-end', String(t.live_at_end));
    core.setOutput('unverified', String(checked.unverified.length));
    if (brokerUrl && !listing && jobEndFailure === 'fail') {
      annotations.setFailed(
        "stepwarden: the job end failed, so this job's credentials were not revoked (they end at their ttl); see the error above. job-end-failure: warn makes this a warning",
      );
      return 3;
    }
    if (failOn === 'anomaly' && t.anomalies > 0) {
      annotations.setFailed(`stepwarden: ${t.anomalies} anomaly(ies) in this job; see the job summary`);
      return 1;
    }
    // Without a broker every fact fail-on could fail on is the trail's word: a step that erased its
    // lines would pass. (A broker-url that went unanswered is a broker-unanswered anomaly above.)
    if (failOn === 'anomaly' && !brokerUrl) {
      annotations.setFailed(
        "stepwarden: fail-on: anomaly needs broker-url: without the broker's record, no anomaly means only that the job's trail, which every step of the job can write, shows none. Set broker-url (and 'permissions: id-token: write'), or fail-on: never for a summary that is the trail's word",
      );
      return 2;
    }
    return 0;
  },
};

/** The summary's one line: what was checked against what, and what was not. */
function verification(
  listing: BrokerListing | undefined,
  answer: { listing: BrokerListing } | { why: string },
  reviews: { events: AuditEvent[] } | { why: string },
  steps: { mapped: boolean; gate?: GateCheck } | { why: string },
  unverified: UnverifiedLine[],
  trailError: TrailError | undefined,
  payloadProblem: string | undefined,
): NonNullable<AuditReport['verification']> {
  const verified: string[] = [];
  const notVerified: string[] = [];
  if (listing) {
    verified.push(
      `the broker's record of every credential of this run attempt and job${listing.subject.check_run_id ? ` (check run ${listing.subject.check_run_id}: this matrix leg only)` : ''}`,
      "the run's repository, attempt, event, ref and actor in the OIDC token GitHub signed (checked by the broker)",
    );
    if (!listing.complete)
      notVerified.push('credentials revoked or expired before job end (the broker cannot list them)');
  } else
    notVerified.push(
      `credentials (${'why' in answer ? answer.why : 'no broker answer'}: the workload section is the trail's word)`,
      "the run's facts (taken from the runner's environment)",
    );
  if ('mapped' in steps)
    verified.push(
      `the steps that ran in the Jobs API${steps.mapped ? ' (named through the workflow file)' : ' (by step name only)'}`,
    );
  else notVerified.push(`whether each grant's step ran (${steps.why})`);
  const gateChecked = 'mapped' in steps && steps.gate !== undefined;
  if (gateChecked)
    verified.push("the enforce gate's step in the Jobs API (passed, failed, skipped or never ran)");
  if ('events' in reviews) verified.push('environment approvals in the Actions API');
  else notVerified.push(`environment approvals (${reviews.why})`);
  notVerified.push(
    gateChecked
      ? "refusals, commands' outcomes and the gate's reasons (reported by the job's steps in the trail)"
      : "refusals, commands' outcomes and the gate's verdict (reported by the job's steps in the trail)",
    payloadProblem
      ? 'the event payload, ignored: it does not match the signed run'
      : listing
        ? 'dispatch inputs and pushed files (the event payload; its repository, ref and commit match the signed run)'
        : 'dispatch inputs and pushed files (the event payload)',
  );
  return {
    verified,
    notVerified,
    brokerConfirmed: !!listing,
    unverified,
    ...(trailError ? { trailError: trailError.message } : {}),
  };
}
