/**
 * Session 23: a job end that failed (the broker unreachable) fails actions/audit's step by default,
 * after the summary is written, whatever `fail-on` says: the job's credentials stay live until their
 * ttl, which must be visible. `job-end-failure: warn` keeps session 22's warning.
 */
import { createServer } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { runAction } from '../support/action-runner.js';
import { runnerEnv, startStack, type Stack } from '../support/broker.js';

let s: Stack;
let deadUrl: string;
const dirs: string[] = [];
beforeAll(async () => {
  s = await startStack();
  // A port that was free a moment ago and has nothing listening: the broker is unreachable.
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as { port: number };
  await new Promise<void>((r) => srv.close(() => r()));
  deadUrl = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  await s.close();
});

function audit(runId: string, inputs: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'sw-s23-jobend-'));
  dirs.push(dir);
  return runAction('actions/audit', {
    runnerTemp: join(dir, 'runner-temp'),
    summaryFile: join(dir, 'summary.md'),
    env: runnerEnv(s, runId),
    inputs: { 'broker-url': deadUrl, 'oidc-audience': 'stepwarden', token: '', ...inputs },
  });
}

describe('actions/audit when the job end fails', () => {
  it('by default the step fails, with an error naming the failure, after writing the summary', async () => {
    const r = await audit('8301', {});
    expect(r.failed).toBe(true);
    expect(r.log).toMatch(/::error::stepwarden: job-end revocation and the broker's record failed/);
    expect(r.log).toMatch(/job-end-failure: warn/);
    expect(r.summary.length).toBeGreaterThan(0);
  }, 60_000);

  it('job-end-failure: warn keeps the warning and passes; another value is refused', async () => {
    const r = await audit('8302', { 'job-end-failure': 'warn' });
    expect(r.failed).toBe(false);
    expect(r.log).toMatch(/::warning::stepwarden: job-end revocation and the broker's record failed/);
    const bad = await audit('8303', { 'job-end-failure': 'sometimes' });
    expect(bad.failed).toBe(true);
    expect(bad.log).toMatch(/job-end-failure must be fail or warn, not 'sometimes'/);
  }, 60_000);
});
