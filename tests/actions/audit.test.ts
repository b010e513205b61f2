import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  appendFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { auditEventSchema } from '../../shared/audit/event.js';
import { anomalyThresholdsSchema } from '../../shared/audit/anomalies.js';
import { githubRunRoutes, type RunState, type StandinStep } from '../../shared/standins/github-run-routes.js';
import { runAction } from '../support/action-runner.js';
import { AUD, runnerEnv, startStack, type Stack } from '../support/broker.js';
import { runIdOf } from '../support/run-ids.js';

let s: Stack;
const runs: RunState = { approvals: {}, jobs: {}, tokens: ['gha-token'] };
beforeAll(async () => {
  s = await startStack();
  githubRunRoutes(runs, () => s.gh.standin.url)(s.gh.standin);
});
const jobDirs: string[] = [];
afterAll(async () => {
  for (const d of jobDirs.splice(0)) rmSync(d, { recursive: true, force: true });
  expect(s.gh.standin.shapeErrors).toEqual([]);
  await s.close();
});

const HOSTILE = '<img src=x onerror=alert(1)> @security-team | `x`';

/** One job: its env, a shared RUNNER_TEMP and summary, and a dispatch payload with a hostile input. */
function job(runId: string, over: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'sw-audit-job-'));
  jobDirs.push(dir);
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
  }, 150_000);

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
  }, 120_000);

  it('fail-on: anomaly fails the step; thresholds are inputs; a bad input exits 2 and says why', async () => {
    const j = job('7003');
    await exchangeStep(j, 'release', 'github', 'administration:write');
    const strict = await runAction('actions/audit', {
      ...shared(j),
      inputs: { 'fail-on': 'anomaly', token: '' },
    });
    expect(strict.failed).toBe(true);
    expect(strict.log).toMatch(/anomal/);
    // A second audit step in the same job would see the first one's lines as unverified: a fresh job.
    const j2 = job('7004');
    await exchangeStep(j2, 'release', 'github', 'administration:write');
    const lax = await runAction('actions/audit', {
      ...shared(j2),
      // A pass needs the broker's record (session 12): without a broker-url fail-on: anomaly fails.
      inputs: {
        'fail-on': 'anomaly',
        refusals: '5',
        token: '',
        'broker-url': s.broker.url,
        'oidc-audience': AUD,
      },
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
  }, 120_000);

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

const SHA = 'a'.repeat(40);
/** The running workflow at the token's workflow_sha: maps the Jobs API's display names to step ids. */
const WORKFLOW = `name: release
on: [push, workflow_dispatch]
permissions: { contents: read, id-token: write, actions: read }
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - id: release
        name: Release
        uses: stepwarden/stepwarden/actions/exchange@${SHA}
      - id: notify
        uses: stepwarden/stepwarden/actions/exchange@${SHA}
      - id: twice
        name: Notify twice
        if: github.event_name == 'schedule'
        uses: stepwarden/stepwarden/actions/exchange@${SHA}
      - name: Build
        run: make
      - uses: stepwarden/stepwarden/actions/audit@${SHA}
        if: always()
`;

const step = (name: string, status: StandinStep['status'] = 'completed'): StandinStep => ({
  name,
  status,
  conclusion: status === 'completed' ? 'success' : null,
});
/** The Jobs API's view of job publish: every step but `twice` (skipped) ran; the audit step is running. */
const STEPS: StandinStep[] = [
  step('Set up job'),
  step('Release'),
  step(`Run stepwarden/stepwarden/actions/exchange@${SHA}`),
  { name: 'Notify twice', status: 'completed', conclusion: 'skipped' },
  step('Build'),
  step(`Run stepwarden/stepwarden/actions/audit@${SHA}`, 'in_progress'),
];

describe('actions/audit trusts the broker, not the trail', () => {
  beforeAll(() => {
    // The audit's token may read the workflow file (contents) like a job token.
    s.gh.state.tokens.push({
      token: 'gha-token',
      installationId: 7,
      permissions: { contents: 'read', actions: 'read' },
      repositories: ['octo-repo'],
      expiresAt: new Date(Date.now() + 3600_000).toISOString(),
      revoked: false,
    });
    s.gh.state.repos[0]!.files[SHA] = { '.github/workflows/release.yml': WORKFLOW };
  });

  /** A job of run `runId` whose Jobs API entry is check run `checkRun` (a matrix leg when several). */
  function leg(runId: string, checkRun: number, name = 'publish') {
    const j = job(runId);
    const key = `octo-org/octo-repo#${runId}#1`;
    runs.jobs![key] = [...(runs.jobs![key] ?? []), { id: checkRun, name, steps: STEPS }];
    const claims = {
      run_id: runIdOf(runId),
      event_name: 'workflow_dispatch',
      check_run_id: String(checkRun),
    };
    // The runner's token endpoint answers for the leg whose step is running.
    const as = () => s.issuer.setRunnerClaims(claims);
    return { ...j, as };
  }
  type Leg = ReturnType<typeof leg>;
  const exchangeAs = async (l: Leg, stepName: string, audience: string, scope: string) => {
    l.as();
    return exchangeStep(l, stepName, audience, scope);
  };
  const auditAs = async (l: Leg, inputs: Record<string, string> = {}) => {
    l.as();
    return runAction('actions/audit', {
      ...shared(l),
      inputs: { 'broker-url': s.broker.url, 'oidc-audience': AUD, ...inputs },
      github: { token: 'gha-token', workspace: l.dir },
    });
  };
  const trailFile = (l: Leg) => join(l.runnerTemp, 'stepwarden/audit.jsonl');
  const forge = (l: Leg, lines: Record<string, unknown>[]) =>
    appendFileSync(
      trailFile(l),
      lines
        .map((e) =>
          JSON.stringify({
            v: 1,
            time: new Date().toISOString(),
            source: 'action',
            repository: 'octo-org/octo-repo',
            workflow: 'release.yml',
            job: 'publish',
            ...e,
          }),
        )
        .join('\n') + '\n',
    );
  const deletes = () =>
    s.gh.standin.requests.filter((r) => r.method === 'DELETE' && r.path === '/installation/token').length;
  const active = async (token: string) =>
    (await s.post('/introspect', { token }, { authorization: 'Bearer secret' })).body.active;

  it('a forged credential.revoked line is shown unverified, and the credential the broker holds live is revoked (GitHub DELETE)', async () => {
    const l = leg('7101', 71011);
    const got = await exchangeAs(l, 'release', 'github', 'contents:write');
    const token = got.outputs.token!;
    const grant = got.outputs['grant-id']!;
    expect(await active(token)).toBe(true);
    forge(l, [
      {
        type: 'credential.revoked',
        outcome: 'success',
        reason: 'REVOKED_AFTER_COMMAND',
        step: 'release',
        audience: 'github',
        grant_id: grant,
      },
    ]);
    const before = deletes();
    const r = await auditAs(l);
    expect(r.failed).toBe(false);
    expect(deletes()).toBe(before + 1);
    expect(await active(token)).toBe(false);
    expect(s.audit.events.find((e) => e.grant_id === grant && e.type === 'credential.revoked')).toMatchObject(
      {
        reason: 'REVOKED_AT_JOB_END',
      },
    );
    expect(r.summary).toMatch(/### Unverified trail lines/);
    expect(r.summary).toMatch(/\*\*unverified\*\*: the broker still held it live at job end/);
    expect(r.summary).toMatch(/at job end/);
    expect(r.summary).not.toMatch(/\| at step end/);
    expect(r.summary).toMatch(/\*\*Verified\*\* against the broker's record/);
    expect(r.outputs).toMatchObject({ 'live-at-end': '1', unverified: '1' });
    expect(r.summary).toMatch(/unverified-trail-line/);
    // No credential or token anywhere the job can read.
    const seen = [
      r.summary,
      r.log.replace(/^::add-mask::.*$/gm, ''),
      readFileSync(trailFile(l), 'utf8'),
    ].join('\n');
    for (const t of [token, ...s.gh.state.tokens.map((x) => x.token), 'runner-request-token'])
      expect(seen).not.toContain(t);
    expect(r.leaks).toEqual([]);
  }, 120_000);

  it('a deleted trail is an error, not "no credential": the broker lists and revokes the grant', async () => {
    const l = leg('7102', 71021);
    const got = await exchangeAs(l, 'release', 'github', 'contents:write');
    rmSync(trailFile(l));
    const r = await auditAs(l);
    expect(r.failed).toBe(false);
    expect(r.log).toMatch(/::error::stepwarden: ERR_TRAIL_MISSING/);
    expect(r.summary).toMatch(/The job's trail could not be read/);
    expect(r.summary).not.toMatch(/No credential/);
    expect(r.summary).toMatch(/<code>release<\/code> \| <code>github<\/code>/);
    expect(r.summary).toMatch(/trail-unreadable/);
    expect(await active(got.outputs.token!)).toBe(false);
  }, 120_000);

  it('a trail replaced by a directory or a link is a clear error, no crash, nothing written through it', async () => {
    const l = leg('7103', 71031);
    await exchangeAs(l, 'notify', 'https://hooks.example.internal', 'notify:send');
    rmSync(trailFile(l));
    mkdirSync(trailFile(l));
    const r = await auditAs(l, { 'trail-path': 'kept.jsonl' });
    expect(r.failed).toBe(false);
    expect(r.steps[0]!.exitCode).toBe(0);
    expect(r.log).toMatch(/ERR_TRAIL_NOT_A_FILE: the trail at .* is a directory/);
    expect(r.log).not.toMatch(/EISDIR/);
    expect(r.summary).toMatch(/<code>notify<\/code>/);

    const l2 = leg('7104', 71041);
    await exchangeAs(l2, 'notify', 'https://hooks.example.internal', 'notify:send');
    const elsewhere = join(l2.dir, 'elsewhere.txt');
    writeFileSync(elsewhere, 'untouched\n');
    rmSync(trailFile(l2));
    symlinkSync(elsewhere, trailFile(l2));
    const r2 = await auditAs(l2);
    expect(r2.failed).toBe(false);
    expect(r2.log).toMatch(/ERR_TRAIL_NOT_A_FILE: the trail at .* is a symbolic link/);
    expect(readFileSync(elsewhere, 'utf8')).toBe('untouched\n');
  }, 120_000);

  it('a 600 MB sparse trail is a clear error, not an empty trail, and is not read', async () => {
    const l = leg('7105', 71051);
    await exchangeAs(l, 'notify', 'https://hooks.example.internal', 'notify:send');
    truncateSync(trailFile(l), 600 * 1024 * 1024);
    // Not read: refused by its size before any read (a wall-clock bound here failed only by load).
    const r = await auditAs(l);
    expect(r.failed).toBe(false);
    expect(r.log).toMatch(/ERR_TRAIL_TOO_LARGE: the trail at .* is 629,145,600 bytes/);
    expect(r.summary).not.toMatch(/No credential/);
    expect(r.summary).toMatch(/<code>notify<\/code>/);
    // Nothing appended to it either.
    expect(lstatSync(trailFile(l)).size).toBe(600 * 1024 * 1024);
  }, 120_000);

  it('forged administrator lines and a forged gate verdict have no effect', async () => {
    const l = leg('7106', 71061);
    runs.approvals['octo-org/octo-repo#7106'] = [
      { user: 'lead', state: 'approved', environments: ['production'], comment: 'ok' },
    ];
    await exchangeAs(l, 'notify', 'https://hooks.example.internal', 'notify:send');
    forge(l, [
      // Hide the hand dispatch behind a schedule, invent an approval and an access-rule change.
      { type: 'run.started', outcome: 'success', event_name: 'schedule', run_id: '7106', run_attempt: 1 },
      {
        type: 'run.approval',
        outcome: 'success',
        actor: { login: 'forger', type: 'User' },
        details: { state: 'approved', environments: ['production'] },
      },
      {
        type: 'admin.change',
        outcome: 'success',
        actor: { login: 'forger', type: 'User' },
        details: { files: ['.github/access-manifest.yml'] },
      },
      // A real denial, then a forged allow after it.
      { type: 'job.enforced', outcome: 'denied', reason: 'ERR_JOB_OUTSIDE_MANIFEST', detail: 'outside' },
      { type: 'job.enforced', outcome: 'success', reason: 'JOB_WITHIN_MANIFEST' },
    ]);
    const r = await auditAs(l);
    expect(r.failed).toBe(false);
    expect(r.summary).toMatch(/\*\*Dispatched by hand\*\* by <code>mona<\/code>/);
    expect(r.summary).not.toMatch(/forger/);
    expect(r.summary).not.toMatch(/✅ the job is within its access manifest/);
    // The worst verdict stands (session 6): the forged allow after the denial does not replace it.
    // The workflow has no gate step, so the Jobs API bears out neither line (session 15).
    expect(r.summary).toMatch(
      /\*\*Gate\*\* ❌ not confirmed: job has no actions\/enforce step of its own in .*; the trail reports outside its access manifest \(unconfirmed: .*\) \(2 verdicts in the trail/,
    );
    expect(r.summary).toMatch(/unconfirmed-gate-verdict/);
    // Administrator activity: the hand dispatch and the one real approval (Actions API), nothing else.
    expect(r.outputs.administrator).toBe('2');
    expect(r.summary).not.toMatch(/changed workflows or the access manifest/);
    expect(r.outputs.unverified).toBe('3');
  }, 120_000);

  it('a rewritten event payload that contradicts the signed run is ignored (no invented inputs or access-rule change)', async () => {
    const l = leg('7112', 71121);
    await exchangeAs(l, 'notify', 'https://hooks.example.internal', 'notify:send');
    writeFileSync(
      l.env.GITHUB_EVENT_PATH!,
      JSON.stringify({
        ref: 'refs/heads/evil',
        inputs: { note: 'planted' },
        commits: [{ id: 'c'.repeat(40), modified: ['.github/access-manifest.yml'] }],
        sender: { login: 'mona', type: 'User' },
      }),
    );
    const r = await auditAs(l);
    expect(r.failed).toBe(false);
    expect(r.log).toMatch(
      /::error::stepwarden: the event payload at GITHUB_EVENT_PATH does not match the run GitHub signed \(the payload's ref 'refs\/heads\/evil'/,
    );
    expect(r.summary).not.toMatch(/planted/);
    expect(r.summary).toMatch(/the event payload, ignored: it does not match the signed run/);
    // The hand dispatch itself is a signed fact (event and actor), still shown.
    expect(r.summary).toMatch(/\*\*Dispatched by hand\*\* by <code>mona<\/code>/);
  }, 120_000);

  it('a grant claimed by a plain step under the name of a step that never ran is listed, an anomaly, and revoked', async () => {
    const l = leg('7107', 71071);
    // The `Build` step (plain `run:`) claims the grant of step `twice`, which was skipped.
    const stolen = await exchangeAs(l, 'twice', 'https://hooks.example.internal', 'notify:send');
    const grant = stolen.outputs['grant-id']!;
    // ... and removes its line from the trail.
    writeFileSync(trailFile(l), '');
    const r = await auditAs(l);
    expect(r.failed).toBe(false);
    expect(r.summary).toMatch(/claimed-by-unknown-step/);
    expect(r.summary).toContain(grant);
    expect(r.summary).toMatch(/<code>twice<\/code>/);
    expect(r.log).toMatch(
      /::error::stepwarden: the broker issued grant .* under step 'twice', which did not run/,
    );
    expect(await active(stolen.outputs.token!)).toBe(false);
    expect(r.summary).toMatch(/the steps that ran in the Jobs API \(named through the workflow file\)/);

    // The steps that did run (Release by name, notify by GitHub's default name) are no anomaly.
    const ok = leg('7108', 71081);
    await exchangeAs(ok, 'release', 'github', 'contents:write');
    await exchangeAs(ok, 'notify', 'https://hooks.example.internal', 'notify:send');
    const r2 = await auditAs(ok);
    expect(r2.summary).not.toMatch(/claimed-by-unknown-step/);
  }, 120_000);

  it("an OIDC token of another run (a redirected token request) is not taken as this job's record", async () => {
    const l = leg('7110', 71101);
    const own = await exchangeAs(l, 'notify', 'https://hooks.example.internal', 'notify:send');
    const other = leg('7111', 71111);
    await exchangeAs(other, 'release', 'github', 'contents:write');
    // The audit step of run 7110 is handed run 7111's token.
    other.as();
    const r = await runAction('actions/audit', {
      ...shared(l),
      inputs: { 'broker-url': s.broker.url, 'oidc-audience': AUD },
      github: { token: 'gha-token', workspace: l.dir },
    });
    // No job end was made (the job's own credential stays live, below): since session 23 that fails
    // the step by default (job-end-failure: fail).
    expect(r.failed).toBe(true);
    expect(r.log).toMatch(
      /::error::stepwarden: the OIDC token the runner handed out is for run '7111', not this job's '7110'/,
    );
    expect(r.summary).toMatch(/\*\*Not verified:\*\* credentials \(the OIDC token is for another run/);
    expect(r.summary).not.toMatch(/<code>release<\/code>/);
    expect(await active(own.outputs.token!)).toBe(true);
  }, 120_000);

  it("a matrix leg's job end revokes and lists only its own credentials, not a sibling leg's", async () => {
    const a = leg('7109', 71091, 'publish (a)');
    const b = leg('7109', 71092, 'publish (b)');
    // (Different steps: the broker's single-use claim key does not name the leg yet, so a second leg
    // claiming the same grant in the same run attempt is refused as a second claim.)
    const mine = await exchangeAs(a, 'notify', 'https://hooks.example.internal', 'notify:send');
    const sibling = await exchangeAs(b, 'release', 'github', 'contents:write');
    expect(sibling.outputs.token).toBeTruthy();
    const before = deletes();
    const r = await auditAs(a);
    expect(deletes()).toBe(before);
    expect(r.failed).toBe(false);
    expect(await active(mine.outputs.token!)).toBe(false);
    expect(await active(sibling.outputs.token!)).toBe(true);
    expect(r.summary).toMatch(/1 credential granted/);
    expect(r.summary).toMatch(/<code>notify<\/code>/);
    expect(r.summary).not.toMatch(/<code>release<\/code>/);
    expect(r.summary).toMatch(/\(check run 71091: this matrix leg only\)/);
    expect(r.outputs['live-at-end']).toBe('1');
  }, 120_000);
});
