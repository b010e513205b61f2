import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { auditEventSchema } from '../../shared/audit/event.js';
import { runAction } from '../support/action-runner.js';
import { AUD, runnerEnv, startStack, type Stack } from '../support/broker.js';

let s: Stack;
beforeAll(async () => {
  s = await startStack();
});
afterAll(async () => {
  expect(s.gh.standin.shapeErrors).toEqual([]);
  await s.close();
});

const jobEnv = (runId: string) => runnerEnv(s, runId);

const trail = (runnerTemp: string) =>
  readFileSync(join(runnerTemp, 'stepwarden/audit.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('actions/exchange', () => {
  it('exchanges, masks the credential, sets outputs, and records the grant in the trail', async () => {
    const r = await runAction('actions/exchange', {
      inputs: {
        'broker-url': s.broker.url,
        audience: 'https://hooks.example.internal',
        scope: 'notify:send',
        'oidc-audience': AUD,
      },
      github: { action: 'notify' },
      env: jobEnv('ex-1'),
    });
    expect(r.failed).toBe(false);
    const token = r.outputs.token!;
    expect(token.split('.')).toHaveLength(3);
    expect(r.outputs.scope).toBe('notify:send');
    expect(r.masks).toContain(token);
    expect(r.leaks).toEqual([]);
    const lines = trail(r.runnerTemp);
    expect(lines).toHaveLength(1);
    expect(auditEventSchema.safeParse(lines[0]).success).toBe(true);
    expect(lines[0]).toMatchObject({
      type: 'credential.granted',
      step: 'notify',
      workflow: 'release.yml',
      job: 'publish',
      grant_id: r.outputs['grant-id'],
    });
    expect(JSON.stringify(lines)).not.toContain(token);
  }, 60_000);

  it("fails the step with the broker's reason and records the refusal", async () => {
    const r = await runAction('actions/exchange', {
      inputs: {
        'broker-url': s.broker.url,
        audience: 'github',
        scope: 'administration:write',
        'oidc-audience': AUD,
      },
      github: { action: 'release' },
      env: jobEnv('ex-2'),
    });
    expect(r.failed).toBe(true);
    expect(r.steps[0]!.stdout).toMatch(/::error::.*ERR_SCOPE_NOT_GRANTED/);
    expect(trail(r.runnerTemp)[0]).toMatchObject({
      type: 'credential.refused',
      outcome: 'denied',
      reason: 'ERR_SCOPE_NOT_GRANTED',
    });
  }, 60_000);

  it('says what to add when the job cannot get an OIDC token, and when the step has no id', async () => {
    const { ACTIONS_ID_TOKEN_REQUEST_URL: _u, ...noOidc } = jobEnv('ex-3');
    const r = await runAction('actions/exchange', {
      inputs: { 'broker-url': s.broker.url, audience: 'github' },
      github: { action: 'release' },
      env: noOidc,
    });
    expect(r.steps[0]!.stdout).toMatch(/id-token: write/);
    const noId = await runAction('actions/exchange', {
      inputs: { 'broker-url': s.broker.url, audience: 'github' },
      github: { action: '__stepwarden_stepwarden' },
      env: jobEnv('ex-4'),
    });
    expect(noId.steps[0]!.stdout).toMatch(/give the step an 'id:'/);
  }, 60_000);
});

describe('actions/run', () => {
  it('runs the command with the credential in its environment and revokes it after', async () => {
    const r = await runAction('actions/run', {
      inputs: {
        'broker-url': s.broker.url,
        audience: 'github',
        scope: 'contents:write',
        'oidc-audience': AUD,
        run: 'test -n "$GH_TOKEN" && echo "token length ${#GH_TOKEN}" && echo "and the token: $GH_TOKEN"',
      },
      github: { action: 'release' },
      env: jobEnv('run-1'),
    });
    expect(r.steps.map((x) => x.outcome)).toEqual(['success', 'success', 'success']);
    const issued = s.gh.state.tokens.at(-1)!;
    expect(issued.permissions).toEqual({ contents: 'write' });
    expect(issued.revoked).toBe(true);
    expect(r.steps[1]!.stdout).toMatch(/token length \d+/);
    // The command echoed the token: the runner masks it, and the harness proves it was registered.
    expect(r.masks).toContain(issued.token);
    expect(r.leaks.map((l) => l.where)).toEqual(['stdout of step command']);
    expect(trail(r.runnerTemp).map((e) => e.type)).toEqual([
      'credential.granted',
      'credential.used',
      'credential.revoked',
    ]);
  }, 60_000);

  it('revokes even when the command fails (if: always())', async () => {
    const r = await runAction('actions/run', {
      inputs: {
        'broker-url': s.broker.url,
        audience: 'https://hooks.example.internal',
        'oidc-audience': AUD,
        run: 'exit 7',
        'env-name': 'HOOK_TOKEN',
      },
      github: { action: 'notify' },
      env: jobEnv('run-2'),
    });
    expect(r.steps.map((x) => x.outcome)).toEqual(['success', 'failure', 'success']);
    expect(r.failed).toBe(true);
    const grant = s.audit.events.filter((e) => e.type === 'credential.revoked').at(-1)!;
    expect(grant.step).toBe('notify');
    expect(trail(r.runnerTemp).at(-1)).toMatchObject({ type: 'credential.revoked', outcome: 'success' });
  }, 60_000);

  it('refuses an env-name that is not a variable name (no injection through inputs)', async () => {
    const r = await runAction('actions/run', {
      inputs: {
        'broker-url': s.broker.url,
        audience: 'https://hooks.example.internal',
        'oidc-audience': AUD,
        run: 'true',
        'env-name': 'X; rm -rf /',
      },
      github: { action: 'notify' },
      env: jobEnv('run-3'),
    });
    // Refused in the exchange step, before a credential exists (tests/actions/run-env-name.test.ts).
    expect(r.steps[0]!.outcome).toBe('failure');
    expect(r.steps[1]!.outcome).toBe('skipped');
    expect(r.steps[2]!.outcome).toBe('success');
  }, 60_000);
});
