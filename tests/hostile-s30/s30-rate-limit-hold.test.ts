/**
 * Session 30 (docs/decisions.md "Attacking session 29's changes"), a broker process on redis-server
 * with the OIDC and GitHub stand-ins:
 * - a `Retry-After` GitHub (or a middlebox) sends far ahead reaches the job as the broker's own
 *   `Retry-After`: 400 nines were answered as `Retry-After: Infinity`, which the action's client reads
 *   as no wait at all (0.5/1/2 s retries inside the limit). Now whole seconds, at most an hour.
 * - a rate limit GitHub answers one installation's revocation is that installation's (the revocation
 *   call is made with the installation's own token; primary limits are per installation): it held
 *   the revocations of every installation of the App (revocation.ts `limitedUntil`, keyed by the App),
 *   so one organization that exhausts its own installation's limit kept another organization's job-end
 *   revocations from being sent for up to an hour (given up when the wait passed the token's expiry).
 *   Now the hold is per repository owner (the installation's account).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrokerProcess } from '../support/cluster.js';
import { demoRepo } from '../support/github.js';
import { manifestFor, startRig, until, type Rig } from '../support/redis-rig.js';
import { runIdOf } from '../support/run-ids.js';

const ALPHA = 393011;
const BETA = 393012;
const BETA_INSTALLATION = 93;

describe('rate limits far ahead and per installation', () => {
  let rig: Rig;
  let a: BrokerProcess;

  beforeAll(async () => {
    rig = await startRig({ alpha: ALPHA });
    // A second organization with its own installation of the same App.
    rig.gh.state.repos.push(
      demoRepo({
        owner: 'other-org',
        name: 'beta',
        id: BETA,
        ownerId: 300001,
        installationId: BETA_INSTALLATION,
      }),
    );
    const dir = join(rig.dir, 'manifests/other-org/beta/.github');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'access-manifest.yml'),
      manifestFor('beta', BETA).replace('octo-org/beta', 'other-org/beta').replace('200001', '300001'),
    );
    a = await rig.spawn('hold-a');
  }, 120_000);
  afterAll(async () => {
    rig.gh.standin.fail('DELETE', '/installation/token', { count: 0 });
    rig.gh.standin.fail('POST', '/app/installations/{installation_id}/access_tokens', { count: 0 });
    await rig?.close();
  }, 120_000);

  const betaOidc = (run: string) =>
    rig.issuer.mint({
      repository: 'other-org/beta',
      repository_id: String(BETA),
      repository_owner: 'other-org',
      repository_owner_id: '300001',
      run_id: runIdOf(run),
    });
  const grantOf = (run: string) =>
    String(
      rig.audit('hold-a').find((e) => e.type === 'credential.granted' && e.run_id === runIdOf(run))!.grant_id,
    );
  const lines = (grant: string) =>
    rig.audit('hold-a').filter((e) => e.grant_id === grant && e.type !== 'credential.granted');

  it('a Retry-After of 400 nines is answered as whole seconds of at most an hour, not Infinity', async () => {
    rig.gh.standin.fail('POST', '/app/installations/{installation_id}/access_tokens', {
      count: 1,
      status: 403,
      body: { message: 'You have exceeded a secondary rate limit.' },
      headers: { 'retry-after': '9'.repeat(400) },
    });
    const res = await fetch(`${a.url}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
        subject_token: await rig.oidc('alpha', 's30-hold-refused'),
        subject_token_type: 'urn:ietf:params:oauth:token-type:id_token',
        audience: 'github',
        job: 'publish',
        step: 'release',
      }),
    });
    const body = (await res.json()) as Record<string, unknown>;
    expect(res.status).toBe(503);
    expect(String(body.error_description)).toMatch(/^ERR_GITHUB_RATE_LIMITED: /);
    const after = res.headers.get('retry-after');
    expect(after).toMatch(/^\d+$/);
    expect(Number(after)).toBeGreaterThan(0);
    expect(Number(after)).toBeLessThanOrEqual(3600);
  }, 120_000);

  it('one installation’s rate limit does not hold another installation’s revocation', async () => {
    expect((await rig.exchange(a, await rig.oidc('alpha', 's30-hold-alpha'), 'release')).status).toBe(200);
    expect((await rig.exchange(a, await betaOidc('s30-hold-beta'), 'release')).status).toBe(200);
    const betaToken = rig.gh.state.tokens.find((t) => t.installationId === BETA_INSTALLATION)!;
    expect(betaToken.revoked).toBe(false);
    // alpha's installation is out of its hourly limit for half an hour.
    rig.gh.standin.fail('DELETE', '/installation/token', {
      count: 1,
      status: 403,
      body: { message: 'API rate limit exceeded for installation ID 70.' },
      headers: {
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 1800),
      },
    });
    const endA = await a.post('/revoke', {
      subject_token: await rig.oidc('alpha', 's30-hold-alpha'),
      job: 'publish',
    });
    expect([endA.status, endA.body.revocation_pending]).toEqual([200, 1]);
    const endB = await a.post('/revoke', { subject_token: await betaOidc('s30-hold-beta'), job: 'publish' });
    expect(endB.status).toBe(200);
    // beta's token is revoked at GitHub at its job's end, not held behind alpha's limit.
    const beta = grantOf('s30-hold-beta');
    // Generous for a 2-core machine at load 20: the line is written within the /revoke call's batch.
    await until(() => lines(beta).length > 0, 90_000, 'beta’s revocation line');
    expect(lines(beta).map((l) => l.type)).toEqual(['credential.revoked']);
    expect(betaToken.revoked).toBe(true);
    // alpha's own stays pending behind its installation's reset (session 29's behaviour, kept).
    expect(lines(grantOf('s30-hold-alpha')).map((l) => l.type)).toEqual(['credential.revocation_pending']);
  }, 180_000);
});
