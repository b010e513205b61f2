/**
 * actions/enforce, the first step of a job: holds the running job (GITHUB_WORKFLOW_REF, GITHUB_JOB,
 * GITHUB_EVENT_NAME) against the manifest of the default branch, with its permissions read from the
 * workflow file at GITHUB_WORKFLOW_SHA. Outside the manifest the step fails, so the job stops; `mode:
 * audit` only warns. When it cannot judge, enforce mode fails closed. Every outcome is one trail line.
 */
import * as core from '@actions/core';
import { annotations } from './annotations.js';
import { appendTrail } from '../audit/trail.js';
import { factConflicts, isOwnRef, type ClaimedFacts } from '../enforce/facts.js';
import {
  EnforceSourceError,
  parseWorkflowRef,
  readRepoFile,
  readRunningWorkflows,
  repositoryFacts,
} from '../enforce/github-source.js';
import { enforceJob, fixLine, renderVerdict, type Verdict, type VerdictProblem } from '../enforce/verdict.js';
import { runnerOctokit } from '../github/octokit.js';
import { loadManifest, loadOrgPolicy } from '../manifest/load.js';
import { ManifestError } from '../manifest/errors.js';
import { MANIFEST_PATH } from '../manifest/schema.js';
import { parseRepoFileRef } from './check.js';
import { readEventPayload } from './event-payload.js';
import type { ActionEntry } from './index.js';

const MODES = ['enforce', 'audit'] as const;
type Mode = (typeof MODES)[number];

/** Problems kept in one trail line; the count is always whole. */
const TRAIL_PROBLEMS = 50;

/** What the gate needs before it can judge; each failure is an EnforceSourceError with the fix. */
interface Run {
  readonly verdict: Verdict;
  readonly manifestRef: string;
  readonly manifestPath: string;
}

function need(env: NodeJS.ProcessEnv, name: string): string {
  const v = env[name];
  if (!v)
    throw new EnforceSourceError(
      `${name} is not set`,
      'run this action as a step of a GitHub Actions job (the runner sets it)',
    );
  return v;
}

async function judge(io: Parameters<ActionEntry['run']>[1], token: string): Promise<Run> {
  const env = io.env;
  const workflowRef = need(env, 'GITHUB_WORKFLOW_REF');
  const wref = parseWorkflowRef(workflowRef);
  if (!wref)
    throw new EnforceSourceError(
      `GITHUB_WORKFLOW_REF '${workflowRef}' does not name a workflow file`,
      'expected owner/repo/.github/workflows/FILE.yml@REF, as the runner sets it',
    );
  const job = need(env, 'GITHUB_JOB');
  const event = need(env, 'GITHUB_EVENT_NAME');
  const [owner, repo] = need(env, 'GITHUB_REPOSITORY').split('/') as [string, string];
  // The workflow as this run reads it; GHES before 3.9 lacks GITHUB_WORKFLOW_SHA, so the ref is next best.
  const sha = env.GITHUB_WORKFLOW_SHA || wref.ref;
  const gh = runnerOctokit(token, env);

  const manifestPath = (core.getInput('manifest') || MANIFEST_PATH).replace(/^\.\//, '');
  // The repository's facts from the API; every other source that states them must agree.
  const [facts, payload, claims] = await Promise.all([
    repositoryFacts(gh, owner, repo),
    readEventPayload(env),
    jobClaims(env),
  ]);
  const ev = (payload ?? {}) as {
    repository?: { id?: unknown; full_name?: unknown; default_branch?: unknown; owner?: { id?: unknown } };
    pull_request?: { head?: { sha?: unknown; ref?: unknown } };
    before?: unknown;
  };
  const stated: ClaimedFacts[] = [
    {
      source: 'the runner environment (GITHUB_REPOSITORY*)',
      fullName: env.GITHUB_REPOSITORY,
      id: env.GITHUB_REPOSITORY_ID,
      ownerId: env.GITHUB_REPOSITORY_OWNER_ID,
    },
    {
      source: 'the event payload (GITHUB_EVENT_PATH)',
      fullName: ev.repository?.full_name,
      id: ev.repository?.id,
      ownerId: ev.repository?.owner?.id,
      defaultBranch: ev.repository?.default_branch,
    },
  ];
  if (claims)
    stated.push({
      source: "the job's OIDC token",
      fullName: claims.repository,
      id: claims.repository_id,
      ownerId: claims.repository_owner_id,
    });
  const conflicts = factConflicts(facts, stated);
  if (claims?.workflow_ref !== undefined && claims.workflow_ref !== workflowRef)
    conflicts.push(
      `the job's OIDC token says workflow_ref ${String(claims.workflow_ref)}, GITHUB_WORKFLOW_REF says ${workflowRef}`,
    );
  if (conflicts.length) throw refuse(conflicts);

  // The default branch, never the run's ref: a pull request that widens the manifest and its workflow
  // together must not pass its own gate (the broker reads manifests from the default branch too).
  const refInput = core.getInput('manifest-ref').trim();
  const own =
    refInput &&
    isOwnRef(refInput, {
      defaultBranch: facts.defaultBranch,
      refs: [env.GITHUB_HEAD_REF, env.GITHUB_REF, env.GITHUB_REF_NAME, stringOr(ev.pull_request?.head?.ref)],
      // The event's `before` is the branch's previous head (a push; a pull request's `synchronize`):
      // its author's commit too, not only the head (session 30).
      shas: [env.GITHUB_SHA, sha, stringOr(ev.pull_request?.head?.sha), stringOr(ev.before)],
    });
  if (own)
    annotations.warning(
      `manifest-ref '${refInput}' is the run's own branch, pull request ref or commit: a change could widen its own gate there, so it is refused and the manifest is read from the default branch '${facts.defaultBranch}'`,
    );
  const manifestRef = refInput && !own ? refInput : facts.defaultBranch;
  const orgInput = core.getInput('org-policy');
  const orgRef = orgInput ? parseRepoFileRef(orgInput) : undefined;
  if (orgInput && !orgRef)
    throw new EnforceSourceError(
      `org-policy '${orgInput}' is not OWNER/REPO:PATH`,
      'name the organization policy as OWNER/REPO:PATH (e.g. my-org/.github:stepwarden/org-policy.yml); the gate runs before checkout, so a workspace path cannot be read',
    );

  const [workflows, manifestText, orgText] = await Promise.all([
    readRunningWorkflows(gh, wref, sha),
    readRepoFile(gh, { owner, repo, path: manifestPath, ref: manifestRef }),
    orgRef ? readRepoFile(gh, orgRef) : Promise.resolve(undefined),
  ]);
  if (manifestText === undefined)
    throw new EnforceSourceError(
      `no access manifest at ${manifestPath} on '${manifestRef}' of ${owner}/${repo}`,
      `merge one to '${manifestRef}' (\`stepwarden init\` writes one declaring what the workflows hold today); the gate never reads it from the run's own ref`,
      404,
    );
  if (orgRef && orgText === undefined)
    throw new EnforceSourceError(
      `no organization policy at ${orgInput}`,
      'check the org-policy input; a private repository needs a token that can read it (a GitHub App token)',
      404,
    );
  const jobWorkflowRef = claims?.job_workflow_ref;
  const parsedJob = typeof jobWorkflowRef === 'string' ? parseWorkflowRef(jobWorkflowRef) : undefined;
  if (jobWorkflowRef !== undefined && !parsedJob)
    throw new EnforceSourceError(
      `the job's OIDC token has a job_workflow_ref that does not name a workflow file`,
      'expected owner/repo/.github/workflows/FILE.yml@REF, as GitHub issues it',
    );
  const jobSha = claims?.job_workflow_sha;
  const jobWorkflow = parsedJob && {
    repository: `${parsedJob.owner}/${parsedJob.repo}`,
    file: parsedJob.file,
    ref: parsedJob.ref,
    ...(typeof jobSha === 'string' && jobSha ? { sha: jobSha } : {}),
  };
  const manifest = loadManifest(manifestText, manifestPath);
  const bound = manifest.manifest.repository;
  const manifestConflicts = factConflicts(facts, [
    {
      source: `${manifestPath} on '${manifestRef}'`,
      fullName: bound?.name,
      id: bound?.id,
      ownerId: bound?.['owner-id'],
    },
  ]);
  if (manifestConflicts.length) throw refuse(manifestConflicts);
  const org = orgText !== undefined ? loadOrgPolicy(orgText, orgInput) : undefined;
  const verdict = enforceJob({
    workflows,
    manifest,
    ...(org ? { org } : {}),
    workflow: wref.file,
    job,
    event,
    repository: facts.fullName,
    ...(jobWorkflow ? { jobWorkflow } : {}),
    readAt: { ref: wref.ref, ...(env.GITHUB_WORKFLOW_SHA ? { sha: env.GITHUB_WORKFLOW_SHA } : {}) },
  });
  return { verdict, manifestRef, manifestPath };
}

const stringOr = (v: unknown) => (typeof v === 'string' ? v : undefined);

function refuse(conflicts: readonly string[]): EnforceSourceError {
  return new EnforceSourceError(
    `refusing to judge: the repository facts disagree: ${conflicts.join('; ')}`,
    'the API is the source of truth; a rewritten event payload, a manifest copied from another repository (its `repository:` block) or a misconfigured runner causes this — fix the source that disagrees',
  );
}

/** Audience of the token the gate asks for: not a broker's audience, so it cannot be replayed there. */
export const ENFORCE_OIDC_AUDIENCE = 'stepwarden-enforce';

/**
 * The claims of the job's OIDC token, when the job can get one (`id-token: write`): the runner's
 * token endpoint answers for this job only, so `job_workflow_ref` names the file the job is defined
 * in, which no environment variable does. Decoded, not verified: it comes straight from the runner's
 * endpoint and is used to identify the job, never to grant anything. Masked by getIDToken.
 */
async function jobClaims(env: NodeJS.ProcessEnv): Promise<Record<string, unknown> | undefined> {
  if (!env.ACTIONS_ID_TOKEN_REQUEST_URL || !env.ACTIONS_ID_TOKEN_REQUEST_TOKEN) return undefined;
  let token: string;
  try {
    token = await core.getIDToken(ENFORCE_OIDC_AUDIENCE);
  } catch (err) {
    throw new EnforceSourceError(
      `the job's OIDC token could not be read: ${(err as Error).message}`,
      're-run the job; without `id-token: write` the gate identifies the job by GITHUB_JOB alone',
    );
  }
  try {
    const claims = JSON.parse(
      Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'),
    ) as unknown;
    if (claims && typeof claims === 'object') return claims as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new EnforceSourceError("the job's OIDC token is not a JWT", 're-run the job');
}

/**
 * Appends the verdict to the job's trail. The runner masks the token in logs but not in files, so a
 * line that somehow quotes it (an upstream error message) has it cut out before it is written.
 */
function record(
  io: Parameters<ActionEntry['run']>[1],
  token: string,
  event: Parameters<typeof appendTrail>[1],
): void {
  const text = JSON.stringify(event);
  const safe =
    token && text.includes(token) ? (JSON.parse(text.split(token).join('***')) as typeof event) : event;
  try {
    appendTrail(io.env, safe);
  } catch (err) {
    // The verdict stands without its trail line; say so rather than change the outcome.
    annotations.warning(
      `stepwarden: the verdict was not written to the audit trail: ${(err as Error).message}`,
    );
  }
}

const problemText = (p: { file: string; line: number; message: string }) =>
  `${p.file}:${p.line}: ${p.message}`;

export const enforceAction: ActionEntry = {
  async run(_argv, io) {
    // Masked before anything else can print it.
    const token = core.getInput('token');
    if (token) core.setSecret(token);
    const modeInput = core.getInput('mode') || 'enforce';
    if (!(MODES as readonly string[]).includes(modeInput)) {
      annotations.setFailed(`mode must be one of ${MODES.join(', ')}, not '${modeInput}'`);
      return 2;
    }
    const mode = modeInput as Mode;
    const annotate = (
      severity: 'error' | 'warning',
      message: string,
      file: string,
      line: number,
      title: string,
    ) =>
      // Shown in GitHub's UI: annotations.ts writes a value's invisible characters out.
      annotations[mode === 'audit' ? 'warning' : severity](message, { file, startLine: line, title });

    let run: Run;
    try {
      if (!token)
        throw new EnforceSourceError('no token', 'keep the default `token: ${{ github.token }}` input');
      run = await judge(io, token);
    } catch (thrown) {
      // Anything else that goes wrong (a bug included) is "cannot judge" too: the gate fails closed.
      const err =
        thrown instanceof EnforceSourceError || thrown instanceof ManifestError
          ? thrown
          : new EnforceSourceError(
              `unexpected error: ${(thrown as Error).message}`,
              'report it to stepwarden; set `mode: audit` to let jobs run meanwhile',
            );
      const problems: VerdictProblem[] =
        err instanceof ManifestError
          ? err.problems.map((p) => ({
              rule: err.code,
              severity: 'error' as const,
              message: `${p.message}${p.fix ? `. Fix: ${p.fix}` : ''}`,
              file: p.file,
              line: p.line,
            }))
          : [];
      const what =
        err instanceof ManifestError
          ? `the ${err.code === 'ERR_ORG_POLICY_INVALID' ? 'organization policy' : 'access manifest'} is invalid (${err.code}); fix it on the default branch (see the annotations)`
          : `${err.message}. Fix: ${err.fix}`;
      const message = `stepwarden enforce cannot judge this job: ${what}`.replace(/\s+/g, ' ');
      for (const p of problems)
        annotate('error', p.message, p.file, p.line, 'stepwarden enforce: cannot judge');
      core.setOutput('verdict', 'error');
      core.setOutput('problems', String(Math.max(problems.length, 1)));
      record(io, token, {
        type: 'job.enforced',
        outcome: 'error',
        reason: 'ERR_ENFORCE_UNAVAILABLE',
        detail: message,
        details: {
          mode,
          problems: problems.length
            ? problems.slice(0, TRAIL_PROBLEMS)
            : [{ rule: 'ERR_ENFORCE_UNAVAILABLE', severity: 'error', message: err.message }],
        },
      });
      if (mode === 'audit') {
        annotations.warning(`${message} (audit mode: the job continues)`);
        return 0;
      }
      // Fail closed: a gate that cannot read its inputs must not wave the job through.
      annotations.setFailed(message);
      return 2;
    }

    const { verdict, manifestRef, manifestPath } = run;
    core.info(renderVerdict(verdict, { manifest: manifestPath, ref: manifestRef }));
    for (const p of verdict.problems)
      annotate(p.severity, `${p.message} (${p.rule})`, p.file, p.line, `stepwarden enforce: ${p.rule}`);
    const errors = verdict.problems.filter((p) => p.severity === 'error');
    core.setOutput('verdict', verdict.allowed ? 'allowed' : 'denied');
    core.setOutput('problems', String(verdict.problems.length));
    const where = `job '${verdict.job}' of ${verdict.workflow} on '${verdict.event}'`;
    record(io, token, {
      type: 'job.enforced',
      outcome: verdict.allowed ? 'success' : 'denied',
      reason: verdict.allowed ? 'JOB_WITHIN_MANIFEST' : 'ERR_JOB_OUTSIDE_MANIFEST',
      detail: verdict.allowed
        ? `${where} is within the manifest on '${manifestRef}'`
        : `${where} is outside the manifest on '${manifestRef}': ${errors.length} error(s), first ${problemText(errors[0]!)}${mode === 'audit' ? ' (audit mode: not stopped)' : ''}`,
      details: { mode, problems: verdict.problems.slice(0, TRAIL_PROBLEMS) },
    });
    if (verdict.allowed) return 0;
    const first = errors.slice(0, 3).map(problemText).join('; ');
    const more = errors.length > 3 ? ` and ${errors.length - 3} more` : '';
    const message = `stepwarden: ${where} is outside the access manifest: ${first}${more}. ${fixLine({ manifest: manifestPath, ref: manifestRef })}`;
    if (mode === 'audit') {
      annotations.warning(`${message} (audit mode: the job continues)`);
      return 0;
    }
    annotations.setFailed(message);
    return 1;
  },
};
