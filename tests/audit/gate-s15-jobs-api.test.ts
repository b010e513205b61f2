/**
 * Session 15: the audit summary's gate verdict is confirmed from GitHub's Jobs API, not taken from the
 * trail (which every step of the job can write). The audit action runs end to end against the broker
 * and the GitHub REST stand-in: the workflow at the token's workflow sha names the gate step, the Jobs
 * API says how that step concluded. Hostile cases first.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StandinStep } from '../../shared/standins/github-run-routes.js';
import { runAction } from '../support/action-runner.js';
import { AUD, runnerEnv, type Stack } from '../support/broker.js';
import { AUDIT, GATE, closeJobsApiStack, runState, startJobsApiStack } from '../support/jobs-api-stack.js';
import { runIdOf } from '../support/run-ids.js';

let s: Stack;
const runs = runState();
beforeAll(async () => {
  s = await startJobsApiStack(runs);
});
const jobDirs: string[] = [];
afterAll(async () => {
  for (const d of jobDirs.splice(0)) rmSync(d, { recursive: true, force: true });
  await closeJobsApiStack(s);
});

/** A workflow whose job `publish` runs `steps` (YAML list items, indented by six), then the audit step. */
const workflow = (steps: string) => `name: release
on: [push, workflow_dispatch]
permissions: { contents: read, id-token: write, actions: read }
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
${steps}      - run: make
      - uses: ${AUDIT}
        if: always()
`;

const done = (name: string, conclusion: StandinStep['conclusion'] = 'success'): StandinStep => ({
  name,
  status: 'completed',
  conclusion,
});
const auditRow: StandinStep = { name: `Run ${AUDIT}`, status: 'in_progress', conclusion: null };

let n = 0;
/**
 * One job of its own run: the workflow at its own sha, the Jobs API's steps (between `Set up job` and
 * the running audit step), and the trail's gate lines as the enforce step (or a forger) wrote them.
 */
function job(wf: string, steps: StandinStep[], verdicts: ('success' | 'denied' | 'error')[]) {
  n++;
  const runId = String(15_000 + n);
  const checkRun = 150_000 + n;
  const sha = n.toString(16).padStart(40, 'b');
  s.gh.state.repos[0]!.files[sha] = { '.github/workflows/release.yml': wf };
  runs.jobs![`octo-org/octo-repo#${runId}#1`] = [
    { id: checkRun, name: 'publish', steps: [done('Set up job'), ...steps, auditRow] },
  ];
  const dir = mkdtempSync(join(tmpdir(), 'sw-gate15-'));
  jobDirs.push(dir);
  const runnerTemp = join(dir, 'runner-temp');
  mkdirSync(join(runnerTemp, 'stepwarden'), { recursive: true });
  writeFileSync(
    join(runnerTemp, 'stepwarden/audit.jsonl'),
    verdicts
      .map((outcome) =>
        JSON.stringify({
          v: 1,
          time: new Date().toISOString(),
          type: 'job.enforced',
          outcome,
          source: 'action',
          repository: 'octo-org/octo-repo',
          workflow: 'release.yml',
          job: 'publish',
          reason: outcome === 'success' ? 'JOB_WITHIN_MANIFEST' : 'ERR_JOB_OUTSIDE_MANIFEST',
          details: {
            mode: 'enforce',
            problems:
              outcome === 'success'
                ? []
                : [
                    {
                      rule: 'excess-permission',
                      file: '.github/workflows/release.yml',
                      line: 3,
                      message: 'holds contents: write',
                    },
                  ],
          },
        }),
      )
      .join('\n') + (verdicts.length ? '\n' : ''),
  );
  const claims = {
    run_id: runIdOf(runId),
    event_name: 'push',
    check_run_id: String(checkRun),
    workflow_sha: sha,
    job_workflow_sha: sha,
  };
  const env = runnerEnv(s, runId, { GITHUB_API_URL: s.gh.standin.url }, claims);
  return {
    async audit(inputs: Record<string, string> = {}, token = 'gha-token') {
      s.issuer.setRunnerClaims(claims);
      return runAction('actions/audit', {
        runnerTemp,
        summaryFile: join(dir, 'summary.md'),
        env,
        inputs: { 'broker-url': s.broker.url, 'oidc-audience': AUD, 'fail-on': 'anomaly', ...inputs },
        github: { token, workspace: dir },
      });
    },
  };
}

const gateLine = (md: string) => md.split('\n').find((l) => l.startsWith('**Gate**')) ?? '';
const ARMED = `      - id: gate\n        uses: ${GATE}\n`;

describe('the gate verdict is confirmed from the Jobs API (hostile cases)', () => {
  it('a forged "allowed" line while the Jobs API says the gate failed: ❌, the line unconfirmed, an anomaly fail-on catches', async () => {
    const r = await job(
      workflow(ARMED),
      [done(`Run ${GATE}`, 'failure'), done('Run make', 'skipped')],
      ['success'],
    ).audit();
    const g = gateLine(r.summary);
    expect(g).not.toContain('✅');
    expect(g).toMatch(/^\*\*Gate\*\* ❌ failed/);
    expect(g).toMatch(/concluded <code>failure<\/code>/);
    expect(g).toMatch(/the trail reports allowed \(unconfirmed/);
    expect(r.summary).toMatch(/unconfirmed-gate-verdict/);
    expect(r.summary).toMatch(/gate-not-passed/);
    expect(r.failed).toBe(true);
    expect(r.log).toMatch(/anomal/);
  }, 60_000);

  it('a forged "allowed" line while the gate never ran (no Jobs API row): not confirmed, an anomaly', async () => {
    const r = await job(workflow(ARMED), [done('Run make')], ['success']).audit();
    const g = gateLine(r.summary);
    expect(g).toMatch(/^\*\*Gate\*\* ❌ not confirmed/);
    expect(g).toMatch(/never ran/);
    expect(g).toMatch(/\.github\/workflows\/release\.yml:8/);
    expect(r.summary).toMatch(/unconfirmed-gate-verdict/);
    expect(r.failed).toBe(true);
  }, 60_000);

  it('a renamed gate: a row under its default name is not the gate when the workflow names it otherwise', async () => {
    // The workflow's gate is `Enforce access`; the row that succeeded carries the default name another
    // step can take (`name:` of its own), and no row carries the gate's name.
    const wf = workflow(`      - id: gate\n        name: Enforce access\n        uses: ${GATE}\n`);
    const r = await job(wf, [done(`Run ${GATE}`), done('Run make')], ['success']).audit();
    const g = gateLine(r.summary);
    expect(g).not.toContain('✅');
    expect(g).toMatch(/never ran/);
    expect(g).toMatch(/Enforce access/);
    expect(r.summary).toMatch(/gate-not-passed/);
    expect(r.failed).toBe(true);
  }, 60_000);

  it('a gate whose `name:` is an expression cannot be told by name: not confirmed, an anomaly', async () => {
    // (A literal such as \${{ 'Gate' }} is read as GitHub reads it, plain text; a context is not.)
    const wf = workflow(
      `      - id: gate\n        name: Gate for \${{ github.ref_name }}\n        uses: ${GATE}\n`,
    );
    const r = await job(wf, [done('Gate for main'), done('Run make')], ['success']).audit();
    const g = gateLine(r.summary);
    expect(g).toMatch(/^\*\*Gate\*\* ❌ not confirmed/);
    expect(g).toMatch(/expression/);
    expect(r.summary).toMatch(/gate-not-passed/);
    expect(r.failed).toBe(true);
  }, 60_000);

  it('duplicate display names: a step named like the gate makes the rows impossible to tell apart', async () => {
    const wf = workflow(
      `      - id: gate\n        name: Enforce\n        uses: ${GATE}\n      - name: Enforce\n        run: exit 0\n`,
    );
    // The real gate failed; the impostor of the same name succeeded (and any step wrote "allowed").
    const r = await job(
      wf,
      [done('Enforce', 'failure'), done('Enforce'), done('Run make')],
      ['success'],
    ).audit();
    const g = gateLine(r.summary);
    expect(g).not.toContain('✅');
    expect(g).toMatch(/cannot be told apart/);
    expect(r.summary).toMatch(/gate-not-passed/);
    expect(r.failed).toBe(true);

    // The same with an impostor whose name is an expression (unique in the file, not in the API).
    const wf2 = workflow(
      `      - id: gate\n        name: Enforce\n        uses: ${GATE}\n      - name: \${{ 'Enforce' }}\n        run: exit 0\n`,
    );
    const r2 = await job(
      wf2,
      [done('Enforce', 'skipped'), done('Enforce'), done('Run make')],
      ['success'],
    ).audit();
    expect(gateLine(r2.summary)).toMatch(/cannot be told apart/);
    expect(r2.failed).toBe(true);
  }, 90_000);

  it('a gate inside a local composite action is not the job\'s gate: its "allowed" is unconfirmed', async () => {
    const wf = workflow(`      - uses: ./.github/actions/setup\n`);
    const r = await job(wf, [done('Run ./.github/actions/setup'), done('Run make')], ['success']).audit();
    const g = gateLine(r.summary);
    expect(g).toMatch(/^\*\*Gate\*\* ❌ not confirmed/);
    expect(g).toMatch(/no actions\/enforce step of its own/);
    expect(g).toMatch(/the trail reports allowed \(unconfirmed/);
    expect(r.summary).toMatch(/unconfirmed-gate-verdict/);
    expect(r.failed).toBe(true);
  }, 60_000);

  it('a gate skipped by `if:`: shown as skipped, an anomaly, even with no verdict in the trail', async () => {
    const wf = workflow(
      `      - id: gate\n        if: github.event_name == 'schedule'\n        uses: ${GATE}\n`,
    );
    const r = await job(wf, [done(`Run ${GATE}`, 'skipped'), done('Run make')], []).audit();
    const g = gateLine(r.summary);
    expect(g).toMatch(/^\*\*Gate\*\* ❌ not confirmed/);
    expect(g).toMatch(/skipped/);
    expect(r.summary).toMatch(/gate-not-passed/);
    expect(r.failed).toBe(true);
  }, 60_000);

  it('`continue-on-error`, `mode: audit` or a redirecting `env:` on the gate: a success says nothing, not confirmed, an anomaly', async () => {
    const coe = workflow(`      - id: gate\n        continue-on-error: true\n        uses: ${GATE}\n`);
    const r = await job(coe, [done(`Run ${GATE}`), done('Run make')], ['success']).audit();
    expect(gateLine(r.summary)).toMatch(/^\*\*Gate\*\* ❌ not confirmed.*continue-on-error/);
    expect(r.summary).toMatch(/gate-not-passed/);
    expect(r.failed).toBe(true);

    const audit = workflow(`      - id: gate\n        uses: ${GATE}\n        with: { mode: audit }\n`);
    const r2 = await job(audit, [done(`Run ${GATE}`), done('Run make')], ['denied']).audit();
    expect(gateLine(r2.summary)).toMatch(/^\*\*Gate\*\* ❌ not confirmed.*mode: audit/);
    expect(r2.failed).toBe(true);

    // An `env:` that points the gate at another API: its "allowed" is the workflow's choice.
    const bent = workflow(
      `      - id: gate\n        uses: ${GATE}\n        env: { GITHUB_API_URL: 'https://api.example.invalid' }\n`,
    );
    const r3 = await job(bent, [done(`Run ${GATE}`), done('Run make')], ['success']).audit();
    expect(gateLine(r3.summary)).toMatch(/^\*\*Gate\*\* ❌ not confirmed.*env: GITHUB\\_API\\_URL/);
    expect(r3.summary).toMatch(/unconfirmed-gate-verdict/);
    expect(r3.failed).toBe(true);
  }, 120_000);

  it('a forged denial while the gate passed: ✅ from the Jobs API, the denial unconfirmed, an anomaly', async () => {
    const r = await job(workflow(ARMED), [done(`Run ${GATE}`), done('Run make')], ['denied']).audit();
    const g = gateLine(r.summary);
    expect(g).toMatch(/^\*\*Gate\*\* ✅ passed/);
    expect(g).toMatch(/the trail reports outside its access manifest \(unconfirmed/);
    expect(r.summary).toMatch(/unconfirmed-gate-verdict/);
    expect(r.summary).not.toMatch(/gate-not-passed/);
    expect(r.failed).toBe(true);
  }, 60_000);
});

describe('the gate verdict is confirmed from the Jobs API', () => {
  it('an armed gate that passed, and its "allowed" line: ✅ confirmed, no anomaly, fail-on: anomaly passes', async () => {
    const r = await job(workflow(ARMED), [done(`Run ${GATE}`), done('Run make')], ['success']).audit();
    const g = gateLine(r.summary);
    expect(g).toMatch(/^\*\*Gate\*\* ✅ passed: confirmed by the Jobs API/);
    expect(g).toMatch(/concluded <code>success<\/code>/);
    expect(r.summary).not.toMatch(/gate-not-passed|unconfirmed-gate-verdict/);
    expect(r.summary).toMatch(/the enforce gate's step in the Jobs API/);
    expect(r.outputs.anomalies).toBe('0');
    expect(r.failed).toBe(false);

    // With a `name:` and an `if:` that let it run: the row of that name decides.
    const named = workflow(
      `      - id: gate\n        name: Gate\n        if: github.event_name != 'schedule'\n        uses: ${GATE}\n`,
    );
    const r2 = await job(named, [done('Gate'), done('Run make')], ['success']).audit();
    expect(gateLine(r2.summary)).toMatch(/^\*\*Gate\*\* ✅ passed/);
    expect(r2.failed).toBe(false);
  }, 90_000);

  it('a gate that failed with its denial: ❌ failed (confirmed), with the reported reason, an anomaly', async () => {
    const r = await job(
      workflow(ARMED),
      [done(`Run ${GATE}`, 'failure'), done('Run make', 'skipped')],
      ['denied'],
    ).audit();
    const g = gateLine(r.summary);
    expect(g).toMatch(/^\*\*Gate\*\* ❌ failed/);
    expect(g).toMatch(/holds contents: write/);
    expect(g).not.toMatch(/unconfirmed/);
    expect(r.summary).toMatch(/gate-not-passed/);
    expect(r.summary).not.toMatch(/unconfirmed-gate-verdict/);
  }, 60_000);

  it('a job without a gate and without a verdict has no gate line and no gate anomaly', async () => {
    const r = await job(workflow(''), [done('Run make')], []).audit();
    expect(gateLine(r.summary)).toBe('');
    expect(r.summary).not.toMatch(/gate-not-passed|unconfirmed-gate-verdict/);
    expect(r.failed).toBe(false);
  }, 60_000);

  it("without the Jobs API (a token without actions: read) the verdict stays the trail's word, never ✅", async () => {
    const r = await job(workflow(ARMED), [done(`Run ${GATE}`), done('Run make')], ['success']).audit(
      { 'fail-on': 'never' },
      'no-actions-read',
    );
    const g = gateLine(r.summary);
    expect(g).toMatch(/^\*\*Gate\*\* reported allowed by the enforce step/);
    expect(g).not.toContain('✅');
    expect(r.summary).not.toMatch(/gate-not-passed|unconfirmed-gate-verdict/);
  }, 60_000);
});
