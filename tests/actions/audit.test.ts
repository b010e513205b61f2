import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { auditEventSchema } from '../../shared/audit/event.js';
import { anomalyThresholdsSchema } from '../../shared/audit/anomalies.js';
import { githubRunRoutes, type RunState } from '../../shared/standins/github-run-routes.js';
import { runAction } from '../support/action-runner.js';
import { AUD, runnerEnv, startStack, type Stack } from '../support/broker.js';

let s: Stack;
const runs: RunState = { approvals: {}, tokens: ['gha-token'] };
beforeAll(async () => {
  s = await startStack();
  githubRunRoutes(runs, () => s.gh.standin.url)(s.gh.standin);
});
afterAll(async () => {
  expect(s.gh.standin.shapeErrors).toEqual([]);
  await s.close();
});

const HOSTILE = '<img src=x onerror=alert(1)> @security-team | `x`';

/** One job: its env, a shared RUNNER_TEMP and summary, and a dispatch payload with a hostile input. */
function job(runId: string, over: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'sw-audit-job-'));
  const eventPath = join(dir, 'event.json');
  writeFileSync(
    eventPath,
    JSON.stringify({
      inputs: { note: HOSTILE },
      ref: 'refs/heads/main',
      sender: { login: 'mona', type: 'User' },
    }),
  );
  return {
    runnerTemp: join(dir, 'runner-temp'),
    summaryFile: join(dir, 'summary.md'),
    dir,
    env: runnerEnv(
      s,
      runId,
      {
        GITHUB_EVENT_NAME: 'workflow_dispatch',
        GITHUB_EVENT_PATH: eventPath,
        GITHUB_ACTOR: 'mona',
        GITHUB_TRIGGERING_ACTOR: 'mona',
        GITHUB_API_URL: s.gh.standin.url,
        ...over,
      },
      { event_name: 'workflow_dispatch' },
    ),
  };
}

const trail = (runnerTemp: string) =>
  readFileSync(join(runnerTemp, 'stepwarden/audit.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

type Job = ReturnType<typeof job>;
const shared = (j: Job) => ({ runnerTemp: j.runnerTemp, summaryFile: j.summaryFile, env: j.env });

/** One actions/exchange step of the job (its trail line lands in the job's RUNNER_TEMP). */
const exchangeStep = (j: Job, step: string, audience: string, scope: string) =>
  runAction('actions/exchange', {
    ...shared(j),
    inputs: { 'broker-url': s.broker.url, audience, scope, 'oidc-audience': AUD },
    github: { action: step },
  });

describe('actions/audit', () => {
  it('revokes what is still live, completes the trail, and writes the workload/administrator summary', async () => {
    const j = job('7001');
    runs.approvals['octo-org/octo-repo#7001'] = [
      { user: 'lead', state: 'approved', environments: ['production'], comment: `ok ${HOSTILE}` },
    ];
    const used = await runAction('actions/run', {
      ...shared(j),
      inputs: {
        'broker-url': s.broker.url,
        audience: 'github',
        scope: 'contents:write',
        'oidc-audience': AUD,
        run: 'test -n "$GH_TOKEN"',
      },
      github: { action: 'release' },
    });
    expect(used.failed).toBe(false);
    const live = await exchangeStep(j, 'notify', 'https://hooks.example.internal', 'notify:send');
    const liveToken = live.outputs.token!;
    expect(liveToken).toBeTruthy();
    const refused = await exchangeStep(j, 'release', 'github', 'administration:write');
    expect(refused.failed).toBe(true);

    const r = await runAction('actions/audit', {
      ...shared(j),
      inputs: {
        'broker-url': s.broker.url,
        'oidc-audience': AUD,
        'trail-path': join(j.dir, 'kept/trail.jsonl'),
      },
      github: { token: 'gha-token', workspace: j.dir },
    });
    expect(r.failed).toBe(false);
    expect(r.outputs).toMatchObject({ 'live-at-end': '1', refusals: '1', administrator: '2' });
    expect(Number(r.outputs.anomalies)).toBeGreaterThanOrEqual(2);

    // The leftover is revoked at the broker, and it says so in its own log.
    const grant = live.outputs['grant-id']!;
    expect(s.audit.events.find((e) => e.grant_id === grant && e.type === 'credential.revoked')).toMatchObject(
      { reason: 'REVOKED_AT_JOB_END' },
    );
    // Introspection needs client authentication (RFC 7662 §2.1): the stack's admin token.
    expect(
      (await s.post('/introspect', { token: liveToken }, { authorization: 'Bearer secret' })).body,
    ).toEqual({ active: false });

    const events = trail(j.runnerTemp);
    for (const e of events) expect(auditEventSchema.safeParse(e).success).toBe(true);
    expect(events.map((e) => e.type)).toEqual([
      'credential.granted',
      'credential.used',
      'credential.revoked',
      'credential.granted',
      'credential.refused',
      'run.started',
      'run.approval',
      'credential.revoked',
      'job.summary',
    ]);
    expect(events.find((e) => e.type === 'run.started')).toMatchObject({
      event_name: 'workflow_dispatch',
      details: { inputs: { note: HOSTILE } },
    });
    expect(readFileSync(join(j.dir, 'kept/trail.jsonl'), 'utf8')).toBe(
      readFileSync(join(j.runnerTemp, 'stepwarden/audit.jsonl'), 'utf8'),
    );

    const md = r.summary;
    expect(md).toMatch(/### Workload activity/);
    expect(md).toMatch(/### Administrator activity/);
    expect(md).toMatch(/\*\*Dispatched by hand\*\* by <code>mona<\/code>/);
    expect(md).toMatch(/approved a deployment/);
    expect(md).toMatch(/at job end/);
    expect(md).not.toContain('<img');
    expect(md).not.toMatch(/(^|[^\u200d])@security-team/);

    // No credential or token anywhere: summary, trail, logs of every step.
    const secrets = [
      ...s.gh.state.tokens.map((t) => t.token),
      liveToken,
      'gha-token',
      'runner-request-token',
    ];
    // `::add-mask::` lines are how a value is registered with the runner, which consumes them.
    const logs = [r.log, used.log, live.log].join('\n').replace(/^::add-mask::.*$/gm, '');
    const everything = [md, JSON.stringify(events), readFileSync(j.summaryFile, 'utf8'), logs].join('\n');
    for (const secret of secrets) expect(everything).not.toContain(secret);
    expect(r.leaks).toEqual([]);
  }, 90_000);

  it('without a broker-url it reports leftovers instead of revoking them; approvals it cannot read are a warning', async () => {
    const j = job('7002');
    await exchangeStep(j, 'notify', 'https://hooks.example.internal', 'notify:send');
    const r = await runAction('actions/audit', {
      ...shared(j),
      inputs: {},
      github: { token: 'no-actions-read' },
    });
    expect(r.failed).toBe(false);
    expect(r.log).toMatch(/::warning::stepwarden: environment approvals not read \(HTTP 403\)/);
    expect(r.log).toMatch(/::warning::stepwarden: 1 credential\(s\) still live at job end and no broker-url/);
    expect(r.outputs['live-at-end']).toBe('1');
    expect(r.summary).toMatch(/not revoked/);
  }, 60_000);

  it('fail-on: anomaly fails the step; thresholds are inputs; a bad input exits 2 and says why', async () => {
    const j = job('7003');
    await exchangeStep(j, 'release', 'github', 'administration:write');
    const strict = await runAction('actions/audit', {
      ...shared(j),
      inputs: { 'fail-on': 'anomaly', token: '' },
    });
    expect(strict.failed).toBe(true);
    expect(strict.log).toMatch(/anomal/);
    const lax = await runAction('actions/audit', {
      ...shared(j),
      inputs: { 'fail-on': 'anomaly', refusals: '5', token: '' },
    });
    expect(lax.failed).toBe(false);
    const bad = await runAction('actions/audit', { ...shared(j), inputs: { burst: 'many', token: '' } });
    expect(bad.steps[0]!.exitCode).toBe(2);
    expect(bad.log).toMatch(/input 'burst' must be a whole number/);
    const badFail = await runAction('actions/audit', {
      ...shared(j),
      inputs: { 'fail-on': 'sometimes', token: '' },
    });
    expect(badFail.log).toMatch(/fail-on must be never or anomaly/);
  }, 60_000);

  it("action.yml's threshold inputs are the schema's, with the schema's defaults in their descriptions", () => {
    const yml = parse(readFileSync(new URL('../../actions/audit/action.yml', import.meta.url), 'utf8')) as {
      inputs: Record<string, { description: string; default: string }>;
    };
    const defaults = anomalyThresholdsSchema.parse({});
    for (const [k, v] of Object.entries(defaults)) {
      expect(yml.inputs[k]).toBeDefined();
      expect(yml.inputs[k]!.description).toContain(`(default ${v})`);
      expect(yml.inputs[k]!.default).toBe('');
    }
    expect(existsSync(new URL('../../actions/audit/action.yml', import.meta.url))).toBe(true);
  });
});
