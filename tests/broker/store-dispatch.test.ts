/**
 * Dispatched runs, end to end on two broker processes and Redis: a run whose broker-issued GitHub
 * token can start runs (contents: write: repository_dispatch) starts a child run (actor: the App's bot,
 * event repository_dispatch), which starts a grandchild. Their credentials record the parent runs, so
 * the kill switch on the first run reaches all of them, at GitHub and at introspection, and blocks
 * their later exchanges; runs started by anyone else are left alone.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrokerProcess } from '../support/cluster.js';
import { ADMIN, startRig, until, type Rig } from '../support/redis-rig.js';
import { runIdOf } from '../support/run-ids.js';

const REPOS = { deploy: 340001 };
const BOT = 'stepwarden-standin[bot]'; // the stand-in App's slug

let rig: Rig;
let a: BrokerProcess;
let b: BrokerProcess;

beforeAll(async () => {
  rig = await startRig(REPOS);
  [a, b] = await Promise.all([rig.spawn('a'), rig.spawn('b')]);
}, 60_000);

afterAll(async () => {
  await rig?.close();
}, 60_000);

const dispatched = (actor = BOT, event = 'repository_dispatch') => ({ event_name: event, actor });

async function get(
  at: BrokerProcess,
  runId: string,
  step: 'release' | 'notify',
  claims: Record<string, unknown> = {},
) {
  const r = await rig.exchange(at, await rig.oidc('deploy', runId, claims), step);
  expect(r.status).toBe(200);
  return { token: r.body.access_token as string, grant: r.body.grant_id as string };
}

const introspect = async (token: string) =>
  (await b.post('/introspect', { token }, ADMIN)).body.active as boolean;
const upstreamRevoked = (token: string) => rig.gh.state.tokens.find((t) => t.token === token)!.revoked;

describe('dispatched runs record their parent runs', () => {
  it('revoke run X reaches the runs its tokens dispatched, and their children; other runs are left alone', async () => {
    const parentToken = await get(a, 'parent-1', 'release'); // push: not dispatched
    const child = await get(b, 'child-1', 'notify', dispatched());
    const childToken = await get(b, 'child-1', 'release', dispatched());
    const grandchild = await get(a, 'grandchild-1', 'notify', dispatched(BOT, 'workflow_dispatch'));
    // Started by a person, or by another App: not the broker's doing.
    const byUser = await get(a, 'user-1', 'notify', dispatched('octocat'));
    const byOtherApp = await get(b, 'renovate-1', 'notify', dispatched('renovate[bot]'));

    const details = (grant: string) =>
      rig.audit('a', 'b').find((e) => e.type === 'credential.granted' && e.grant_id === grant)?.details as
        Record<string, unknown> | undefined;
    await until(() => details(byOtherApp.grant) !== undefined, 5000, 'audit lines');
    expect(details(parentToken.grant)!.parent_runs).toBeUndefined();
    expect(details(child.grant)!.parent_runs).toEqual([runIdOf('parent-1')]);
    expect(details(childToken.grant)!.parent_runs).toEqual([runIdOf('parent-1')]);
    expect(details(grandchild.grant)!.parent_runs).toEqual([runIdOf('child-1'), runIdOf('parent-1')]);
    expect(details(byUser.grant)!.parent_runs).toBeUndefined();
    expect(details(byOtherApp.grant)!.parent_runs).toBeUndefined();

    const fired = await b.post('/admin/revoke', { run_id: runIdOf('parent-1') }, ADMIN);
    expect(fired.status).toBe(200);
    expect(fired.body).toMatchObject({ revoked: 4, blocked: true });
    expect(upstreamRevoked(parentToken.token)).toBe(true);
    expect(upstreamRevoked(childToken.token)).toBe(true);
    expect(await introspect(child.token)).toBe(false);
    expect(await introspect(grandchild.token)).toBe(false);
    expect(await introspect(byUser.token)).toBe(true);
    expect(await introspect(byOtherApp.token)).toBe(true);

    // The block covers the descendants' later exchanges at either instance, not the others'.
    for (const [at, runId, claims] of [
      [a, 'child-1', dispatched()],
      [b, 'grandchild-1', dispatched(BOT, 'workflow_dispatch')],
    ] as const) {
      const r = await rig.exchange(at, await rig.oidc('deploy', runId, claims));
      expect(r.status).toBe(403);
      expect(r.body.error_description).toContain(
        `ERR_BLOCKED: the kill switch blocks run ${runIdOf('parent-1')};`,
      );
    }
    expect((await rig.exchange(a, await rig.oidc('deploy', 'user-1', dispatched('octocat')))).status).toBe(
      200,
    );
    expect((await rig.exchange(b, await rig.oidc('deploy', 'push-2'))).status).toBe(200);

    // Lifting the block lets them exchange again; their parents are still recorded.
    expect((await a.post('/admin/unblock', { run_id: runIdOf('parent-1') }, ADMIN)).body).toEqual({
      unblocked: true,
    });
    expect((await rig.exchange(a, await rig.oidc('deploy', 'child-1', dispatched()))).status).toBe(200);
  }, 60_000);
});
