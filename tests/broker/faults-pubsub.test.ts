/**
 * Caches dropped on every instance (Redis pub/sub): two broker processes read manifests and the
 * organization policy through the GitHub App and keep them compiled per commit. A change GitHub serves
 * under the same commit is invisible to both (what a cache means) until a kill switch is lifted at one:
 * then the other reads the current manifest and policy at once. A block itself needs no message: it is
 * a key read on every exchange.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrokerProcess } from '../support/cluster.js';
import { ADMIN, manifestFor, startRig, until, type Rig } from '../support/redis-rig.js';

const REPOS = { cached: 330001 };
const OPEN = 'version: 1\nmax-credential-permissions: { contents: write }\n';
const NO_PUSH = 'version: 1\nforbidden-triggers: [push]\n';

let rig: Rig;
let a: BrokerProcess;
let b: BrokerProcess;
let run = 0;

beforeAll(async () => {
  rig = await startRig(REPOS, { github: true, orgPolicy: OPEN });
  [a, b] = await Promise.all([rig.spawn('a'), rig.spawn('b')]);
}, 60_000);

afterAll(async () => {
  await rig?.close();
}, 60_000);

const notify = async (at: BrokerProcess) => rig.exchange(at, await rig.oidc('cached', `run-${run++}`));

/** A block and its lifting at `a`: what an incident's fix looks like. */
async function blockAndLift() {
  expect((await a.post('/admin/revoke', { repository: 'octo-org/cached' }, ADMIN)).status).toBe(200);
  expect((await a.post('/admin/unblock', { repository: 'octo-org/cached' }, ADMIN)).body).toEqual({
    unblocked: true,
  });
}

describe('cache drops reach every instance (redis pub/sub)', () => {
  it('the organization policy and the manifest changed under the same commit: stale at both until a kill switch is lifted at one, then current at the other', async () => {
    expect((await notify(a)).status).toBe(200);
    expect((await notify(b)).status).toBe(200);

    rig.writeOrgPolicy(NO_PUSH);
    // Cached per commit: neither instance has read it again.
    expect((await notify(b)).status).toBe(200);
    await blockAndLift();
    let last: Awaited<ReturnType<typeof notify>> | undefined;
    await until(async () => (last = await notify(b)).status !== 200, 5000, 'org policy dropped at b');
    expect(last!.status).toBe(400);
    expect(last!.body.error_description).toMatch(/push/);

    rig.writeOrgPolicy(OPEN);
    // Without the notify grant.
    rig.writeManifest(
      'cached',
      manifestFor('cached', REPOS.cached).replace(/ {10}- step: notify[\s\S]*$/, ''),
    );
    await blockAndLift();
    await until(
      async () => {
        last = await notify(b);
        return /^ERR_NO_GRANT|step 'notify'/.test(String(last.body.error_description));
      },
      5000,
      'manifest dropped at b',
    );
    expect(last!.status).toBe(400);
    expect((await notify(a)).status).toBe(400);
    // The release grant is still there: the manifest was read, not lost.
    expect((await rig.exchange(b, await rig.oidc('cached', `run-${run++}`), 'release')).status).toBe(200);
  }, 60_000);

  it('a subscriber that lost its connection drops every cache when it is back (messages sent meanwhile are lost)', async () => {
    // Both instances have the current manifest compiled; it changes under the same commit again.
    expect((await rig.exchange(b, await rig.oidc('cached', `run-${run++}`), 'release')).status).toBe(200);
    rig.writeManifest('cached', manifestFor('cached', REPOS.cached));
    expect((await notify(b)).status).toBe(400);
    // No message is sent; the store restarts: every subscriber resubscribes and drops what it had.
    await rig.redis.restart();
    let last: Awaited<ReturnType<typeof notify>> | undefined;
    await until(async () => (last = await notify(b)).status === 200, 15_000, 'caches dropped on resubscribe');
    expect(last!.status).toBe(200);
  }, 60_000);
});
