/**
 * Session 6 hostile review, end to end through actions/audit: a step of the job that keeps the audit
 * step from reaching the broker (ACTIONS_ID_TOKEN_REQUEST_URL pointed elsewhere through GITHUB_ENV, the
 * broker's host blocked) turned the summary into the trail's word with no anomaly, so
 * `fail-on: anomaly` passed a forged, clean-looking trail and nothing was revoked at job end.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAction } from '../support/action-runner.js';
import { AUD, runnerEnv, startStack, type Stack } from '../support/broker.js';
import { runIdOf } from '../support/run-ids.js';

let s: Stack;
beforeAll(async () => {
  s = await startStack();
});
afterAll(async () => {
  await s.close();
});

/** A job whose trail tells a clean story: one credential, revoked after its command. */
function forgedJob(runId: string, over: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'sw-s6-audit-'));
  const runnerTemp = join(dir, 'runner-temp');
  mkdirSync(join(runnerTemp, 'stepwarden'), { recursive: true });
  const at = (s: number) => new Date(Date.now() - 60_000 + s * 1000).toISOString();
  const place = {
    v: 1,
    source: 'action',
    repository: 'octo-org/octo-repo',
    workflow: 'release.yml',
    job: 'publish',
    run_id: runIdOf(runId),
    run_attempt: 1,
    step: 'release',
    audience: 'github',
    scope: 'contents:write',
    grant_id: 'forged-grant',
  };
  writeFileSync(
    join(runnerTemp, 'stepwarden', 'audit.jsonl'),
    [
      { ...place, time: at(0), type: 'credential.granted', outcome: 'success', ttl: 300 },
      {
        ...place,
        time: at(5),
        type: 'credential.revoked',
        outcome: 'success',
        reason: 'REVOKED_AFTER_COMMAND',
      },
    ]
      .map((e) => JSON.stringify(e))
      .join('\n') + '\n',
  );
  return {
    runnerTemp,
    summaryFile: join(dir, 'summary.md'),
    env: runnerEnv(s, runId, { GITHUB_API_URL: s.gh.standin.url, ...over }),
    dir,
  };
}

describe('actions/audit with a broker-url but no broker answer', () => {
  it('a redirected OIDC token request is a broker-unanswered anomaly, and fail-on: anomaly fails', async () => {
    const j = forgedJob('8801', {
      // What a step's `echo "ACTIONS_ID_TOKEN_REQUEST_URL=…" >> "$GITHUB_ENV"` does to later steps.
      ACTIONS_ID_TOKEN_REQUEST_URL: 'http://127.0.0.1:9/token?api-version=2.0',
    });
    const r = await runAction('actions/audit', {
      runnerTemp: j.runnerTemp,
      summaryFile: j.summaryFile,
      env: j.env,
      inputs: { 'broker-url': s.broker.url, 'oidc-audience': AUD, 'fail-on': 'anomaly', token: '' },
      github: { workspace: j.dir },
    });
    expect(r.summary).toMatch(/broker-unanswered/);
    expect(Number(r.outputs.anomalies)).toBeGreaterThanOrEqual(1);
    expect(r.failed).toBe(true);
  }, 60_000);

  it('without a broker-url there is nothing to answer: no such anomaly (the summary says it is the trail’s word)', async () => {
    const j = forgedJob('8802');
    const r = await runAction('actions/audit', {
      runnerTemp: j.runnerTemp,
      summaryFile: j.summaryFile,
      env: j.env,
      inputs: { 'fail-on': 'anomaly', token: '' },
      github: { workspace: j.dir },
    });
    expect(r.summary).not.toMatch(/broker-unanswered/);
    expect(r.summary).toMatch(/the workload section is the trail's word/);
  }, 60_000);
});
