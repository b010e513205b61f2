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
import type { Stack } from '../support/broker.js';
import {
  AUDIT,
  GATE,
  auditBesideLookAlike,
  closeJobsApiStack,
  runState,
  startJobsApiStack,
} from '../support/jobs-api-stack.js';

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
let n = 0;
const audit = (jobName: string, shownAs: string) =>
  auditBesideLookAlike(s, runs, {
    n: 1700 + ++n,
    files: { '.github/workflows/release.yml': workflow(jobName) },
    shownAs,
  });

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
