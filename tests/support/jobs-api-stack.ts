/**
 * The broker stack with the GitHub run routes (Jobs API, approvals) mounted on its REST stand-in and
 * the run's GITHUB_TOKEN (`gha-token`: contents and actions read on octo-repo) known to it: what the
 * audit step needs to confirm a gate from the Jobs API. The suites that judge the gate share it.
 */
import { expect } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { githubRunRoutes, type RunState, type StandinStep } from '../../shared/standins/github-run-routes.js';
import { runAction } from './action-runner.js';
import { AUD, runnerEnv, startStack, type Stack } from './broker.js';

/** A commit sha the gate and audit steps are pinned to in these workflows. */
export const PIN = 'c'.repeat(40);
export const GATE = `stepwarden/stepwarden/actions/enforce@${PIN}`;
export const AUDIT = `stepwarden/stepwarden/actions/audit@${PIN}`;

/** A fresh run state for githubRunRoutes: no approvals, no jobs, the run's token. */
export const runState = (): RunState => ({ approvals: {}, jobs: {}, tokens: ['gha-token'] });

export async function startJobsApiStack(runs: RunState): Promise<Stack> {
  const s = await startStack();
  githubRunRoutes(runs, () => s.gh.standin.url)(s.gh.standin);
  s.gh.state.tokens.push({
    token: 'gha-token',
    installationId: 7,
    permissions: { contents: 'read', actions: 'read' },
    repositories: ['octo-repo'],
    expiresAt: new Date(Date.now() + 3600_000).toISOString(),
    revoked: false,
  });
  return s;
}

/** Closes the stack after checking every answer of the stand-in kept GitHub's published shapes. */
export async function closeJobsApiStack(s: Stack): Promise<void> {
  expect(s.gh.standin.shapeErrors).toEqual([]);
  await s.close();
}

/** One completed Jobs API step row. */
export const row = (name: string, conclusion: StandinStep['conclusion'] = 'success'): StandinStep => ({
  name,
  status: 'completed',
  conclusion,
});

/**
 * The audit step of a job whose gate failed, run against the Jobs API stand-in beside a look-alike
 * job (a pull request's `decoyAs`, whose step named like the gate succeeded), with a token without
 * `check_run_id` unless `claims` adds one: the audit must find its own job, never the look-alike's
 * rows. `n` makes the run, sha and job ids unique per call. Returns the action's result and the
 * summary's gate line.
 */
export async function auditBesideLookAlike(
  s: Stack,
  runs: RunState,
  o: {
    n: number;
    files: Record<string, string>;
    shownAs: string;
    decoyAs?: string;
    claims?: Record<string, string>;
  },
) {
  const runId = String(90_000 + o.n);
  const sha = o.n.toString(16).padStart(40, 'e');
  s.gh.state.repos[0]!.files[sha] = o.files;
  runs.jobs![`octo-org/octo-repo#${runId}#1`] = [
    {
      id: 900_000 + o.n,
      name: o.shownAs,
      steps: [
        row('Set up job'),
        row(`Run ${GATE}`, 'failure'),
        row('Run make', 'skipped'),
        { name: `Run ${AUDIT}`, status: 'in_progress', conclusion: null },
      ],
    },
    { id: 910_000 + o.n, name: o.decoyAs ?? 'publish', steps: [row('Set up job'), row(`Run ${GATE}`)] },
  ];
  const dir = mkdtempSync(join(tmpdir(), 'sw-jobname-'));
  const runnerTemp = join(dir, 'runner-temp');
  mkdirSync(join(runnerTemp, 'stepwarden'), { recursive: true });
  writeFileSync(join(runnerTemp, 'stepwarden/audit.jsonl'), '');
  const all = { run_id: runId, event_name: 'push', workflow_sha: sha, job_workflow_sha: sha, ...o.claims };
  const env = runnerEnv(s, runId, { GITHUB_API_URL: s.gh.standin.url }, all);
  s.issuer.setRunnerClaims(all);
  // The job's directory is read by nobody once the run's summary and outputs are in hand.
  const r = await runAction('actions/audit', {
    runnerTemp,
    summaryFile: join(dir, 'summary.md'),
    env,
    inputs: { 'broker-url': s.broker.url, 'oidc-audience': AUD, 'fail-on': 'anomaly' },
    github: { token: 'gha-token', workspace: dir },
  }).finally(() => rmSync(dir, { recursive: true, force: true }));
  return { ...r, gate: r.summary.split('\n').find((l) => l.startsWith('**Gate**')) ?? '' };
}
