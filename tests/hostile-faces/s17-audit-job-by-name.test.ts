/**
 * Session 17: without a check_run_id in the job's OIDC token the audit step finds its job in the Jobs
 * API by name, and it looked for a job *named* GITHUB_JOB (the job's id). A job with a `name:` of its
 * own (`Publish release`) shows under that name, so the only job named `publish` was another job of
 * the run: one a pull request added with `name: publish` and a step named like the gate that
 * succeeded. The summary then read that job's rows: "Gate ✅ passed: confirmed by the Jobs API" for a
 * job whose gate failed. The job is now looked up under the name GitHub shows for it (its `name:` in
 * the workflow at the verified sha, else its id), and a `name:` with an expression cannot be looked up
 * by name at all. Seen failing before the fix.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StandinStep } from '../../shared/standins/github-run-routes.js';
import { runAction } from '../support/action-runner.js';
import { AUD, runnerEnv, type Stack } from '../support/broker.js';
import { AUDIT, GATE, closeJobsApiStack, runState, startJobsApiStack } from '../support/jobs-api-stack.js';

let s: Stack;
const runs = runState();
beforeAll(async () => {
  s = await startJobsApiStack(runs);
});
afterAll(async () => closeJobsApiStack(s));

const workflow = (jobName: string) => `name: release
on: [push]
permissions: { contents: read, id-token: write, actions: read }
jobs:
  publish:
    name: ${jobName}
    runs-on: ubuntu-latest
    steps:
      - id: gate
        uses: ${GATE}
      - run: make
      - uses: ${AUDIT}
        if: always()
  decoy:
    name: publish
    runs-on: ubuntu-latest
    steps:
      - name: Run ${GATE}
        run: 'true'
`;
const row = (name: string, conclusion: StandinStep['conclusion'] = 'success'): StandinStep => ({
  name,
  status: 'completed',
  conclusion,
});

let n = 0;
async function audit(jobName: string, shownAs: string) {
  n++;
  const runId = String(17_000 + n);
  const sha = n.toString(16).padStart(40, 'e');
  s.gh.state.repos[0]!.files[sha] = { '.github/workflows/release.yml': workflow(jobName) };
  runs.jobs![`octo-org/octo-repo#${runId}#1`] = [
    {
      id: 170_000 + n,
      name: shownAs,
      steps: [
        row('Set up job'),
        row(`Run ${GATE}`, 'failure'),
        row('Run make', 'skipped'),
        { name: `Run ${AUDIT}`, status: 'in_progress', conclusion: null },
      ],
    },
    // The pull request's job: `name: publish`, a step named like the gate, which succeeded.
    { id: 171_000 + n, name: 'publish', steps: [row('Set up job'), row(`Run ${GATE}`)] },
  ];
  const dir = mkdtempSync(join(tmpdir(), 'sw-s17-jobname-'));
  const runnerTemp = join(dir, 'runner-temp');
  mkdirSync(join(runnerTemp, 'stepwarden'), { recursive: true });
  writeFileSync(join(runnerTemp, 'stepwarden/audit.jsonl'), '');
  // No check_run_id: the token of a runner that does not sign one.
  const claims = { run_id: runId, event_name: 'push', workflow_sha: sha, job_workflow_sha: sha };
  const env = runnerEnv(s, runId, { GITHUB_API_URL: s.gh.standin.url }, claims);
  s.issuer.setRunnerClaims(claims);
  const r = await runAction('actions/audit', {
    runnerTemp,
    summaryFile: join(dir, 'summary.md'),
    env,
    inputs: { 'broker-url': s.broker.url, 'oidc-audience': AUD, 'fail-on': 'anomaly' },
    github: { token: 'gha-token', workspace: dir },
  });
  return { ...r, gate: r.summary.split('\n').find((l) => l.startsWith('**Gate**')) ?? '' };
}

describe('the audit finds its job in the Jobs API under the name GitHub shows for it', () => {
  it('a job with `name:` is not another job named like its id: the failed gate is shown failed', async () => {
    const r = await audit('Publish release', 'Publish release');
    expect(r.gate).not.toContain('✅');
    expect(r.gate).toMatch(/^\*\*Gate\*\* ❌ failed/);
    expect(r.summary).toMatch(/gate-not-passed/);
    expect(r.failed).toBe(true);
  }, 60_000);

  it('a job `name:` with an expression cannot be found by name: no ✅ from a look-alike job', async () => {
    const r = await audit(
      "${{ github.event_name == 'push' && 'Publish release' || 'x' }}",
      'Publish release',
    );
    expect(r.gate).not.toContain('✅');
  }, 60_000);
});
