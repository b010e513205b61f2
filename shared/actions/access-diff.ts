/**
 * actions/access-diff: the PR's access diff as one sticky comment and the job summary.
 * mode auto    (pull_request / pull_request_target): compute and post.
 * mode compute (pull_request from a fork, no secrets): compute, write the diff as JSON for an artifact.
 * mode post    (workflow_run): find the pull request through the API (by the run's head repository,
 *              branch and commit; it must belong to this repository), recompute the diff from its
 *              commits, and refuse an artifact that says otherwise.
 * Files that cannot be read are "cannot judge" entries; an invalid head manifest fails with exit 2.
 */
import * as core from '@actions/core';
import { annotations } from './annotations.js';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { z } from 'zod';
import { runnerOctokit, type StepwardenOctokitClient } from '../github/octokit.js';
import { commentAuthor, upsertComment, type CommentOutcome } from '../diff/comment.js';
import type { Change } from '../diff/diff.js';
import { readPullRequestStates } from '../diff/github-source.js';
import { digestOf, renderDiffMarkdown, widenedDigest, widenedNotShown } from '../diff/render.js';
import { diffStates, failsOnWidened, type DiffResult } from '../diff/states.js';
import { escapeMarkdown } from '../render/escape.js';
import type { ActionEntry } from './index.js';
import { writeStepSummary } from './summary.js';
import { writeOutputFile } from '../cli/output-file.js';

const changeSchema = z.strictObject({
  workflow: z.string().max(300),
  job: z.string().max(300).nullable(),
  kind: z.enum([
    'workflow',
    'job',
    'permission',
    'secret',
    'environment',
    'trigger',
    'action',
    'credential',
    'manifest',
    'policy',
    'unreadable',
  ]),
  subject: z.string().max(500),
  before: z.string().max(1000).nullable(),
  after: z.string().max(1000).nullable(),
  effect: z.enum(['widened', 'narrowed', 'cannot-judge']),
  file: z.string().max(300).optional(),
  line: z.number().int().positive().optional(),
  // A workflow name, as `workflow` (200 had refused a rename the compute job wrote).
  renamedFrom: z.string().max(300).optional(),
});
/** The artifact of mode compute: untrusted in mode post, so size-capped, schema-checked and re-computed. */
export const artifactSchema = z.strictObject({
  version: z.literal(1),
  headSha: z.string().regex(/^[0-9a-f]{40}$/),
  changes: z.array(changeSchema).max(5000),
});
const MAX_ARTIFACT_BYTES = 2 * 1024 * 1024;
const SHA = /^[0-9a-f]{40}$/;

interface PullRequestEvent {
  pull_request?: {
    number: number;
    base: { sha: string; repo: { full_name: string } };
    head: { sha: string; ref?: string; repo?: { owner?: { login?: string } } | null };
  };
  workflow_run?: {
    head_sha?: string;
    head_branch?: string | null;
    head_repository?: { full_name?: string; owner?: { login?: string } } | null;
  };
}

/** The pull request a post job comments on: looked up through the API, never taken from the artifact. */
interface Target {
  readonly number: number;
  readonly baseSha: string;
  readonly headSha: string;
  /** `OWNER:BRANCH` of the head, to find the pull request's current head before posting. */
  readonly head?: string;
}

/**
 * Why this run must not write the comment, or undefined: the pull request is no longer open at the
 * commit this run judged. Runs of two pushes race; the older one finishing last would otherwise
 * replace the newer diff (a widening shown as "Resolved"). Read just before posting; without the head's
 * branch (not a pull_request payload) it cannot be asked, and the comment names its commit anyway.
 */
async function staleReason(
  gh: StepwardenOctokitClient,
  owner: string,
  repo: string,
  t: Target,
): Promise<string | undefined> {
  if (!t.head) return undefined;
  const res = await gh.rest.pulls.list({ owner, repo, state: 'open', head: t.head, per_page: 100 });
  const pr = res.data.find((p) => p.number === t.number);
  if (!pr) return `pull request #${t.number} is no longer open with its head at ${t.head}`;
  if (pr.head.sha !== t.headSha)
    return `pull request #${t.number} moved on to ${pr.head.sha.slice(0, 12)} while this run judged ${t.headSha.slice(0, 12)}; the run of the newer commit writes the comment`;
  return undefined;
}

class Refusal extends Error {}

/**
 * The open pull request of this repository whose head is the workflow run's commit. For a fork,
 * `workflow_run.pull_requests` is empty, so it is looked up by the head repository's owner and
 * branch; either way the answer must have its base in this repository and its head at the run's
 * commit (a same-named branch of another fork, or a pull request of another repository, is refused).
 */
async function findPullRequest(
  gh: StepwardenOctokitClient,
  owner: string,
  repo: string,
  run: NonNullable<PullRequestEvent['workflow_run']>,
): Promise<Target> {
  const headSha = run.head_sha ?? '';
  const headRepo = run.head_repository?.full_name;
  const headOwner = run.head_repository?.owner?.login;
  if (!SHA.test(headSha) || !run.head_branch || !headRepo || !headOwner)
    throw new Refusal(
      'mode post runs on workflow_run of a pull_request run; the event lacks head_sha, head_branch or head_repository',
    );
  const res = await gh.rest.pulls.list({
    owner,
    repo,
    state: 'open',
    head: `${headOwner}:${run.head_branch}`,
    per_page: 100,
  });
  const self = `${owner}/${repo}`.toLowerCase();
  const matches = res.data.filter(
    (p) =>
      p.base.repo.full_name.toLowerCase() === self &&
      p.head.sha === headSha &&
      p.head.repo?.full_name.toLowerCase() === headRepo.toLowerCase(),
  );
  if (matches.length === 0)
    throw new Refusal(
      `no open pull request of ${owner}/${repo} has its head at ${headSha} (${headRepo}:${run.head_branch}); nothing to comment on`,
    );
  if (matches.length > 1)
    throw new Refusal(
      `${matches.length} open pull requests of ${owner}/${repo} have their head at ${headSha} (#${matches.map((p) => p.number).join(', #')}); refusing to guess`,
    );
  const pr = matches[0]!;
  return { number: pr.number, baseSha: pr.base.sha, headSha, head: `${headOwner}:${run.head_branch}` };
}

/** Reads the artifact as untrusted data: size, JSON, shape, and the commit it claims. */
async function readArtifact(path: string, headSha: string): Promise<Change[]> {
  const text = await readFile(path, 'utf8').catch(() => undefined);
  if (text === undefined) throw new Refusal(`no diff artifact at ${path}`);
  if (Buffer.byteLength(text) > MAX_ARTIFACT_BYTES)
    throw new Refusal('the diff artifact is larger than 2 MiB; refusing it');
  let parsed;
  try {
    parsed = artifactSchema.safeParse(JSON.parse(text));
  } catch {
    throw new Refusal('the diff artifact is not JSON');
  }
  if (!parsed.success)
    throw new Refusal(
      `the diff artifact does not have the expected shape: ${parsed.error.issues[0]?.message}`,
    );
  if (parsed.data.headSha !== headSha)
    throw new Refusal('the diff artifact is for another commit than the workflow run');
  return parsed.data.changes as Change[];
}

const changeKey = (c: Change) =>
  JSON.stringify([c.effect, c.kind, c.workflow, c.job, c.subject, c.before, c.after]);

/** The artifact's changes, as a multiset, equal the recomputed ones. */
function sameChanges(a: readonly Change[], b: readonly Change[]): boolean {
  if (a.length !== b.length) return false;
  const x = a.map(changeKey).sort();
  const y = b.map(changeKey).sort();
  return x.every((k, i) => k === y[i]);
}

const count = (changes: readonly Change[], effect: Change['effect']) =>
  changes.filter((c) => c.effect === effect).length;

export const accessDiffAction: ActionEntry = {
  async run(_argv, io) {
    const token = core.getInput('token', { required: true });
    core.setSecret(token);
    const mode = core.getInput('mode') || 'auto';
    const failOn = core.getInput('fail-on');
    const approveLabel = core.getInput('approve-label') || 'access-approved';
    const orgPolicyPath = core.getInput('org-policy').replace(/^\.\//, '') || undefined;
    const artifactPath = resolve(
      io.env.GITHUB_WORKSPACE ?? io.cwd,
      core.getInput('artifact-path') || 'stepwarden-access-diff.json',
    );
    const author = core.getInput('comment-author') || 'github-actions[bot]';
    if (!['auto', 'compute', 'post'].includes(mode))
      return fail(`mode must be auto, compute or post, not '${mode}'`);
    if (failOn && failOn !== 'widened') return fail(`fail-on takes widened, not '${failOn}'`);
    if (orgPolicyPath && (orgPolicyPath.includes(':') || orgPolicyPath.startsWith('/')))
      return fail(
        `org-policy takes a path in this repository (e.g. stepwarden/org-policy.yml), not '${orgPolicyPath}': the diff compares the policy in the repository that holds it`,
      );
    const [owner, repo] = (io.env.GITHUB_REPOSITORY ?? '/').split('/') as [string, string];
    const event = JSON.parse(
      await readFile(io.env.GITHUB_EVENT_PATH ?? '', 'utf8').catch(() => '{}'),
    ) as PullRequestEvent;
    const gh = runnerOctokit(token, io.env);
    const compute = async (baseSha: string, headSha: string): Promise<DiffResult> => {
      const [base, head] = await readPullRequestStates(gh, owner, repo, baseSha, headSha, {
        ...(orgPolicyPath ? { orgPolicyPath } : {}),
      });
      return diffStates(base, head);
    };

    let result: DiffResult;
    let target: Target;
    let mismatch: string | undefined;
    try {
      if (mode === 'post') {
        const run = event.workflow_run;
        if (!run) throw new Refusal('mode post runs on workflow_run; the event has no workflow_run');
        target = await findPullRequest(gh, owner, repo, run);
        const claimed = await readArtifact(artifactPath, target.headSha);
        // The compute job ran the fork's workflow: what it uploaded is a claim, checked against the
        // diff recomputed here from the pull request's own commits (read as data through the API).
        result = await compute(target.baseSha, target.headSha);
        if (!sameChanges(claimed, result.changes))
          mismatch = `the diff artifact does not match the diff recomputed from the pull request's commits (artifact: ${count(claimed, 'widened')} widened, ${claimed.length} changes; recomputed: ${count(result.changes, 'widened')} widened, ${result.changes.length} changes); refusing the artifact and posting the recomputed diff`;
      } else {
        const pr = event.pull_request;
        if (!pr)
          throw new Refusal(
            'access-diff runs on pull_request or pull_request_target (no pull_request in the event)',
          );
        const headOwner = pr.head.repo?.owner?.login;
        target = {
          number: pr.number,
          baseSha: pr.base.sha,
          headSha: pr.head.sha,
          ...(headOwner && pr.head.ref ? { head: `${headOwner}:${pr.head.ref}` } : {}),
        };
        result = await compute(target.baseSha, target.headSha);
      }
    } catch (err) {
      if (err instanceof Refusal) return fail(err.message);
      const status = (err as { status?: number }).status;
      return fail(
        `cannot read the pull request's files through the API${status ? ` (HTTP ${status})` : ''}: ${(err as Error).message}. The token needs contents: read${mode === 'post' ? ' (the post job recomputes the diff: give it `permissions: { actions: read, contents: read, pull-requests: write }`)' : ''}`,
      );
    }
    const { changes } = result;
    const server = io.env.GITHUB_SERVER_URL ?? 'https://github.com';
    const body = renderDiffMarkdown(changes, {
      blobBase: `${server}/${owner}/${repo}/blob/${target.headSha}`,
      headSha: target.headSha,
      digest: true,
    });
    core.setOutput('widened', String(count(changes, 'widened')));
    core.setOutput('narrowed', String(count(changes, 'narrowed')));
    core.setOutput('cannot-judge', String(count(changes, 'cannot-judge')));

    let outcome: CommentOutcome | undefined;
    if (mode === 'compute') {
      await writeOutputFile(artifactPath, JSON.stringify({ version: 1, headSha: target.headSha, changes }), {
        mkdirs: true,
      });
      core.setOutput('artifact-path', artifactPath);
    } else {
      let stale: string | undefined;
      try {
        stale = await staleReason(gh, owner, repo, target);
      } catch (err) {
        const status = (err as { status?: number }).status;
        stale = `the pull request's current head could not be read${status ? ` (HTTP ${status})` : ''}, so this run cannot tell whether a newer one has commented`;
      }
      outcome = stale
        ? { action: 'not-posted', reason: stale, minimized: 0 }
        : await upsertComment(
            gh,
            { owner, repo, number: target.number },
            changes.length ? body : undefined,
            await commentAuthor(gh, author),
          );
      core.setOutput('comment', outcome.action);
    }
    const note =
      outcome?.action === 'not-posted'
        ? `\n> [!WARNING]\n> The comment could not be posted: ${escapeMarkdown(outcome.reason)}.\n`
        : mode === 'compute'
          ? `\n_Computed for a separate workflow_run job to post (two-stage pattern, docs/access-diff.md)._\n`
          : '';
    const refused = mismatch ? `\n> [!CAUTION]\n> ${escapeMarkdown(mismatch)}.\n` : '';
    writeStepSummary(`${body}${note}${refused}`, io.env);
    if (mismatch) return fail(mismatch);
    if (result.invalidHead)
      return fail(
        `cannot judge this pull request: its ${changes.find((c) => c.effect === 'cannot-judge')?.subject ?? 'manifest'} is invalid (see the comment); fix it in the pull request`,
      );
    if (failOn === 'widened' && failsOnWidened(changes)) {
      const unjudged = count(changes, 'cannot-judge');
      if (unjudged > 0) {
        // No label approves what nobody could read.
        return fail(
          `${unjudged} file(s) cannot be judged (see the comment's "Cannot judge" section): make them readable workflow files under 1 MiB`,
        );
      }
      // Nor a widening the comment could not show: cut at GitHub's comment limit, it lists only the
      // widened rows that fit, and a label applied after reading it approved the rest unseen; a row
      // whose value is clipped (a new job described past 900 characters) hides its tail the same way.
      const hidden = widenedNotShown(changes, body);
      if (hidden > 0) {
        return fail(
          `${hidden} widened change(s) are not shown whole in the comment (rows cut at GitHub's 65,536-character limit, or a value too long for its row, such as a new job described past 900 characters), so no '${approveLabel}' label can approve them: split the pull request (or the new job) so that each part's widening fits in one comment (\`stepwarden diff BASE HEAD --format json\` lists them all)`,
        );
      }
      const labels =
        mode === 'compute'
          ? []
          : (await gh.rest.issues.listLabelsOnIssue({ owner, repo, issue_number: target.number })).data.map(
              (l) => l.name,
            );
      if (!labels.includes(approveLabel)) {
        annotations.setFailed(
          `access widens (${count(changes, 'widened')} changes) without the '${approveLabel}' label: a person must approve it`,
        );
        return 1;
      }
      // The label stays on the pull request across pushes: it approves the widening the comment showed
      // when it was read, not one pushed after it. The comment a person last read (before this run
      // wrote it) must show the same widening as this commit's.
      const shown = outcome && 'previous' in outcome ? digestOf(outcome.previous) : undefined;
      if (shown !== widenedDigest(changes)) {
        const removed = await gh.rest.issues
          .removeLabel({ owner, repo, issue_number: target.number, name: approveLabel })
          .then(
            () => true,
            () => false,
          );
        annotations.setFailed(
          `access widens (${count(changes, 'widened')} changes) differently from what the comment showed when the '${approveLabel}' label was applied (a later push changed the widening)${removed ? '; the label was removed' : ''}: a person must read the updated comment and apply the label again`,
        );
        return 1;
      }
    }
    return 0;
  },
};

function fail(message: string): number {
  annotations.setFailed(message);
  return 2;
}
