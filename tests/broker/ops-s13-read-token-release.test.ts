/**
 * A hung `DELETE /installation/token`. The broker mints short-lived tokens for its own reads (the
 * manifest's head and file, a job of the Jobs API, a repository's id) and revokes each after the
 * read. That revocation held the read's answer: until the read's own deadline (files, heads), or a
 * whole new deadline (jobs), so a GitHub hanging its DELETEs made every exchange that read something
 * wait up to twice `timeouts.upstream`. Now the revocation runs beside the answer on its own deadline;
 * a failure is logged (never the token) and counted in
 * `stepwarden_github_read_token_revoke_failures_total`.
 */
import { createPrivateKey } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GithubApp, type ReleaseFailure } from '../../shared/broker/providers/github-app.js';
import { githubJobRoutes, registerJob, type JobsState } from '../../shared/standins/github-job-routes.js';
import type { BrokerProcess } from '../support/cluster.js';
import { demoRepo, startAppStandin, type AppStandin } from '../support/github.js';
import { metricValue, parsePrometheus } from '../support/prometheus.js';
import { startRig, until, type Rig } from '../support/redis-rig.js';

// The deadline of one GitHub operation. A hung DELETE held a read until the deadline and a job read a
// whole deadline more; now reads answer in a few loopback round trips, far inside one deadline. Eight
// seconds, not three (session 26): three reads in parallel (an RS256 App JWT, a mint and a read each)
// took 3,036 ms on one starved core, while the flaw this pins makes them take the deadline or more
// whatever its length.
const DEADLINE_MS = 8000;
const HANG = { count: 1_000_000, delayMs: 120_000 };

describe('GithubApp: revoking its own read token never holds the read', () => {
  let gh: AppStandin;
  const failures: ReleaseFailure[] = [];
  let app: GithubApp;
  const jobs: JobsState = { jobs: [] };

  beforeAll(async () => {
    gh = await startAppStandin([demoRepo({ files: { main: { 'README.md': 'hello\n' } } })]);
    gh.state.installationPermissions.actions = 'read';
    githubJobRoutes(
      jobs,
      () => gh.standin.url,
      (token) => gh.state.tokens.some((t) => t.token === token && !t.revoked && t.permissions.actions),
    )(gh.standin);
    registerJob(jobs, {
      owner: 'octo-org',
      repo: 'octo-repo',
      id: 4242,
      runId: 77,
      runAttempt: 1,
      name: 'publish',
    });
    app = new GithubApp({
      api: gh.standin.url,
      appId: gh.appId,
      privateKey: createPrivateKey(gh.privateKeyPem),
      retries: 0,
      retryAfterBaseValue: 0,
      timeoutMs: DEADLINE_MS,
      onReleaseFailed: (f) => failures.push(f),
    });
    // The installation id cached: the reads below are token + read + DELETE.
    await app.installationId('octo-org', 'octo-repo');
  });
  afterAll(async () => gh.standin.close());

  it('answers a file, a head and a job inside one deadline while every DELETE hangs; each hung DELETE is reported, never its token', async () => {
    gh.standin.fail('DELETE', '/installation/token', HANG);
    const t0 = Date.now();
    const [file, head, job] = await Promise.all([
      app.readFile('octo-org', 'octo-repo', 'README.md', 'main'),
      app.defaultBranchHead('octo-org', 'octo-repo'),
      app.getJob('octo-org', 'octo-repo', '4242'),
    ]);
    const ms = Date.now() - t0;
    expect(file).toBe('hello\n');
    expect(head.branch).toBe('main');
    expect(job?.name).toBe('publish');
    expect(ms).toBeLessThan(DEADLINE_MS);
    expect(failures).toEqual([]);

    // Each DELETE fails at its own deadline, after the answers.
    await until(() => failures.length === 3, 3 * DEADLINE_MS, 'three reported revocations');
    expect(failures.map((f) => f.what).sort()).toEqual([
      'read README.md of octo-org/octo-repo',
      'read job 4242 of octo-org/octo-repo',
      'read the default branch of octo-org/octo-repo',
    ]);
    for (const f of failures) {
      expect(f.code).toBe('ERR_GITHUB_TIMEOUT');
      expect(Date.parse(f.expiresAt)).toBeGreaterThan(Date.now());
    }
    const said = JSON.stringify(failures);
    for (const t of gh.state.tokens) expect(said).not.toContain(t.token);
    gh.standin.fail('DELETE', '/installation/token', { count: 0 });
  }, 90_000);

  it('keeps at most maxReleasing revocations in flight: past it, the token is left to expire and that is reported at once', async () => {
    gh.standin.fail('DELETE', '/installation/token', HANG);
    const backlog: ReleaseFailure[] = [];
    const capped = new GithubApp({
      api: gh.standin.url,
      appId: gh.appId,
      privateKey: createPrivateKey(gh.privateKeyPem),
      retries: 0,
      retryAfterBaseValue: 0,
      timeoutMs: DEADLINE_MS,
      maxReleasing: 1,
      onReleaseFailed: (f) => backlog.push(f),
    });
    expect(await capped.readFile('octo-org', 'octo-repo', 'README.md', 'main')).toBe('hello\n');
    expect(await capped.readFile('octo-org', 'octo-repo', 'README.md', 'main')).toBe('hello\n');
    expect(backlog.map((f) => f.code)).toEqual(['ERR_GITHUB_RELEASE_BACKLOG']);
    await until(() => backlog.length === 2, 3 * DEADLINE_MS, 'the hung one reported');
    expect(backlog[1]!.code).toBe('ERR_GITHUB_TIMEOUT');
    // The slot is free again: the next release is sent.
    const deletes = gh.standin.requests.filter((r) => r.method === 'DELETE').length;
    gh.standin.fail('DELETE', '/installation/token', { count: 0 });
    await capped.readFile('octo-org', 'octo-repo', 'README.md', 'main');
    await until(
      () => gh.standin.requests.filter((r) => r.method === 'DELETE').length > deletes,
      DEADLINE_MS,
      'a DELETE sent',
    );
    expect(backlog).toHaveLength(2);
  }, 90_000);
});

describe('broker process: a hung DELETE of its read token does not hold the exchange', () => {
  let rig: Rig;
  let broker: BrokerProcess;

  beforeAll(async () => {
    rig = await startRig({ hangs: 340001 }, { github: true });
    broker = await rig.spawn('hang', { extra: `timeouts: { upstream: ${DEADLINE_MS / 1000} }\n` });
  }, 60_000);
  afterAll(async () => {
    rig?.gh.standin.fail('DELETE', '/installation/token', { count: 0 });
    await rig?.close();
  }, 60_000);

  it('grants within one deadline while reading the manifest, logs and counts the hung DELETEs, never their tokens', async () => {
    rig.gh.standin.fail('DELETE', '/installation/token', HANG);
    const t0 = Date.now();
    const r = await rig.exchange(broker, await rig.oidc('hangs', 's13-hang-1'));
    const ms = Date.now() - t0;
    expect(r.status).toBe(200);
    expect(ms).toBeLessThan(DEADLINE_MS);

    const failed = async () => {
      const text = await (await fetch(`${broker.url}/metrics`)).text();
      const m = parsePrometheus(text);
      return (
        metricValue(m, 'stepwarden_github_read_token_revoke_failures_total', {
          code: 'ERR_GITHUB_TIMEOUT',
        }) ?? 0
      );
    };
    // The manifest's head and its file: two read tokens.
    await until(async () => (await failed()) >= 2, 4 * DEADLINE_MS, 'two counted failures');
    const lines = broker
      .stderr()
      .split('\n')
      .filter((l) => l.includes('for its own read was not revoked'));
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines.join('\n')).toMatch(/"code":"ERR_GITHUB_TIMEOUT"/);
    expect(lines.join('\n')).toMatch(/"for":"read \.github\/access-manifest\.yml of octo-org\/hangs"/);
    for (const t of rig.gh.state.tokens) expect(broker.stderr()).not.toContain(t.token);
  }, 90_000);
});
