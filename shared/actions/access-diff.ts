/**
 * actions/access-diff: the PR's access diff as one sticky comment and the job summary.
 * mode auto    (pull_request / pull_request_target): compute and post.
 * mode compute (pull_request from a fork, no secrets): compute, write the diff as JSON for an artifact.
 * mode post    (workflow_run): read that artifact as untrusted data and post it; the PR number comes
 *              from the workflow_run event, never from the artifact.
 */
import * as core from '@actions/core';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { runnerOctokit } from '../github/octokit.js';
import { commentAuthor, upsertComment, type CommentOutcome } from '../diff/comment.js';
import { diffSnapshots, type Change } from '../diff/diff.js';
import { readStateFromApi } from '../diff/github-source.js';
import { renderDiffMarkdown } from '../diff/render.js';
import { snapshot } from '../diff/snapshot.js';
import { escapeMarkdown } from '../render/escape.js';
import type { ActionEntry } from './index.js';

const changeSchema = z.strictObject({
  workflow: z.string().max(200),
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
  ]),
  subject: z.string().max(500),
  before: z.string().max(1000).nullable(),
  after: z.string().max(1000).nullable(),
  effect: z.enum(['widened', 'narrowed']),
  file: z.string().max(300).optional(),
  line: z.number().int().positive().optional(),
  renamedFrom: z.string().max(200).optional(),
});
/** The artifact of mode compute: untrusted in mode post, so size-capped and schema-checked. */
export const artifactSchema = z.strictObject({
  version: z.literal(1),
  headSha: z.string().regex(/^[0-9a-f]{40}$/),
  changes: z.array(changeSchema).max(5000),
});
const MAX_ARTIFACT_BYTES = 2 * 1024 * 1024;

interface PullRequestEvent {
  pull_request?: {
    number: number;
    base: { sha: string; repo: { full_name: string } };
    head: { sha: string };
  };
  workflow_run?: { pull_requests?: { number: number }[]; head_sha?: string };
}

async function writeAtomic(path: string, text: string) {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(`${path}.tmp`, text);
  await rename(`${path}.tmp`, path);
}

function widenedWithoutApproval(
  changes: readonly Change[],
  labels: readonly string[],
  approveLabel: string,
): boolean {
  return changes.some((c) => c.effect === 'widened') && !labels.includes(approveLabel);
}

export const accessDiffAction: ActionEntry = {
  summary: "Pull requests: access diff as one sticky comment (never runs the head's code)",
  async run(_argv, io) {
    const token = core.getInput('token', { required: true });
    core.setSecret(token);
    const mode = core.getInput('mode') || 'auto';
    const failOn = core.getInput('fail-on');
    const approveLabel = core.getInput('approve-label') || 'access-approved';
    const artifactPath = resolve(
      io.env.GITHUB_WORKSPACE ?? io.cwd,
      core.getInput('artifact-path') || 'stepwarden-access-diff.json',
    );
    const author = core.getInput('comment-author') || 'github-actions[bot]';
    if (!['auto', 'compute', 'post'].includes(mode))
      return fail(`mode must be auto, compute or post, not '${mode}'`);
    if (failOn && failOn !== 'widened') return fail(`fail-on takes widened, not '${failOn}'`);
    const [owner, repo] = (io.env.GITHUB_REPOSITORY ?? '/').split('/') as [string, string];
    const event = JSON.parse(
      await readFile(io.env.GITHUB_EVENT_PATH ?? '', 'utf8').catch(() => '{}'),
    ) as PullRequestEvent;
    const gh = runnerOctokit(token, io.env);

    let changes: Change[];
    let number: number;
    let headSha: string;
    if (mode === 'post') {
      const pr = event.workflow_run?.pull_requests?.[0];
      if (!pr)
        return fail('mode post runs on workflow_run of a pull request; the event names no pull request');
      number = pr.number;
      const text = await readFile(artifactPath, 'utf8').catch(() => undefined);
      if (text === undefined) return fail(`no diff artifact at ${artifactPath}`);
      if (Buffer.byteLength(text) > MAX_ARTIFACT_BYTES)
        return fail('the diff artifact is larger than 2 MiB; refusing it');
      let parsed;
      try {
        parsed = artifactSchema.safeParse(JSON.parse(text));
      } catch {
        return fail('the diff artifact is not JSON');
      }
      if (!parsed.success)
        return fail(`the diff artifact does not have the expected shape: ${parsed.error.issues[0]?.message}`);
      if (event.workflow_run?.head_sha && parsed.data.headSha !== event.workflow_run.head_sha)
        return fail('the diff artifact is for another commit than the workflow run');
      changes = parsed.data.changes as Change[];
      headSha = parsed.data.headSha;
    } else {
      const pr = event.pull_request;
      if (!pr)
        return fail('access-diff runs on pull_request or pull_request_target (no pull_request in the event)');
      number = pr.number;
      headSha = pr.head.sha;
      const [base, head] = await Promise.all([
        readStateFromApi(gh, owner, repo, pr.base.sha),
        readStateFromApi(gh, owner, repo, pr.head.sha),
      ]);
      for (const s of [base, head])
        if (s.manifestError)
          core.warning(`the manifest at ${s.label} is invalid and is left out of the diff`);
      changes = diffSnapshots(
        snapshot(base.workflows, base.manifest),
        snapshot(head.workflows, head.manifest),
      );
    }
    const server = io.env.GITHUB_SERVER_URL ?? 'https://github.com';
    const body = renderDiffMarkdown(changes, { blobBase: `${server}/${owner}/${repo}/blob/${headSha}` });
    core.setOutput('widened', String(changes.filter((c) => c.effect === 'widened').length));
    core.setOutput('narrowed', String(changes.filter((c) => c.effect === 'narrowed').length));

    let outcome: CommentOutcome | undefined;
    if (mode === 'compute') {
      await writeAtomic(artifactPath, JSON.stringify({ version: 1, headSha, changes }));
      core.setOutput('artifact-path', artifactPath);
    } else {
      outcome = await upsertComment(
        gh,
        { owner, repo, number },
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
    await core.summary.addRaw(`${body}${note}`).write();
    if (failOn === 'widened') {
      const labels =
        mode === 'compute'
          ? []
          : (await gh.rest.issues.listLabelsOnIssue({ owner, repo, issue_number: number })).data.map(
              (l) => l.name,
            );
      if (widenedWithoutApproval(changes, labels, approveLabel)) {
        core.setFailed(
          `access widens (${changes.filter((c) => c.effect === 'widened').length} changes) without the '${approveLabel}' label: a person must approve it`,
        );
        return 1;
      }
    }
    return 0;
  },
};

function fail(message: string): number {
  core.setFailed(message);
  return 2;
}
