/**
 * Session 39, strict mode and the record of a GitHub token. `state-strict` waits for a replica after
 * the exchange's gate (jti, claim, intent), not after the record that holds the sealed GitHub token,
 * the one thing that can revoke it early. A failover between the two (the replica promoted while
 * GitHub minted: here the mint is held, the replica detached, the mint let go) left a token the client
 * received, 200, whose record only the lost primary had: on the promoted store the kill switch of the
 * repository found nothing to revoke, the holder's /revoke and the job end neither, and its sweep took
 * the intent as abandoned ("nothing was returned"); the token lived its hour at GitHub. On the start
 * commit the exchange answered 200 and, after the failover, `/admin/revoke` revoked 0 while the token
 * stayed live at GitHub.
 *
 * Now in strict mode a credential leaves only once a replica acknowledged its record (the same marker
 * and WAIT as strict revocations); none: it is revoked (GitHub's token at GitHub) and the exchange
 * answers 503 `ERR_STATE_NOT_REPLICATED`, nothing granted.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrokerProcess } from '../support/cluster.js';
import { holdNext } from '../support/github.js';
import type { RedisServer } from '../support/redis.js';
import {
  ADMIN,
  MINT_ROUTE,
  until,
  type Rig,
  startReplicatedRig,
  type ReplicatedRig,
} from '../support/redis-rig.js';

describe('strict mode: a GitHub token leaves only once a replica has its record (s39)', () => {
  let pair: ReplicatedRig;
  let replica: RedisServer;
  let rig: Rig;
  let a: BrokerProcess;

  beforeAll(async () => {
    pair = await startReplicatedRig({ recfo: 539301 });
    ({ replica, rig } = pair);
    a = await rig.spawn('s39-recfo-a', { extra: 'state-strict: true\nstate-strict-timeout-ms: 2000\n' });
    await until(async () => (await pair.replicas()) === 1, 30_000, 'replica up');
  }, 180_000);
  afterAll(async () => {
    await pair?.close();
  }, 120_000);

  it('the replica promoted while GitHub mints: 503, the token revoked at GitHub, nothing live the new primary does not know', async () => {
    const held = holdNext(rig.gh.standin, 'POST', MINT_ROUTE);
    const exchange = rig.exchange(a, await rig.oidc('recfo', 's39-recfo-1'), 'release');
    try {
      // The gate waited for the replica before the mint: the jti, the claim and the intent are on it.
      await held.arrived;
      await pair.detach();
    } finally {
      held.release();
    }
    const r = await exchange;
    if (typeof r.body.access_token === 'string') rig.secrets.push(r.body.access_token);
    const live = () => rig.gh.state.tokens.filter((t) => !t.revoked).map((t) => t.token);
    // Before: 200 with the token; the promoted store never had its record.
    expect([r.status, String(r.body.error_description).split(':')[0]]).toEqual([
      503,
      'ERR_STATE_NOT_REPLICATED',
    ]);
    expect(String(r.body.error_description)).toContain('nothing was granted');
    await until(() => live().length === 0, 20_000, 'the minted token revoked at GitHub');
    // The fleet after the failover: the kill switch there has nothing it cannot see.
    const b = await rig.spawn('s39-recfo-b', { state: replica.url });
    try {
      const kill = await b.post('/admin/revoke', { repository: 'octo-org/recfo' }, ADMIN);
      expect(kill.status).toBe(200);
      expect(live()).toEqual([]);
      await b.post('/admin/unblock', { repository: 'octo-org/recfo' }, ADMIN);
    } finally {
      await b.stop();
    }
  }, 180_000);
});
