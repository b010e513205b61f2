/**
 * Session 34, left by session 33: the store refuses writes between a GitHub token's mint and its
 * record's put, and GitHub then fails the exchange's immediate revocation of it too (a 500 to the
 * whole call). No record holds the token for the sweep (the second put fails as well), so before this
 * session the 503's refusal line was its only trace and the token lived its hour at GitHub with
 * nothing owed on record and no call after it. Decided (docs/decisions.md, session 34): the instance
 * that minted it holds it in memory (bounded) and asks again with backoff, handing it to the store
 * once the store takes it; an audit line says, at once, that only this instance holds it, by grant
 * id, with what an operator must do if the instance stops. Through a broker process on redis-server
 * and the GitHub stand-in.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrokerProcess } from '../support/cluster.js';
import { MINT_ROUTE, refuseWritesAtMint, startRig, until, type Rig } from '../support/redis-rig.js';
import { runIdOf } from '../support/run-ids.js';

const DELETE = '/installation/token';
const MINT = MINT_ROUTE;

describe('a failed exchange whose token neither the store nor GitHub took (s34)', () => {
  let rig: Rig;
  let a: BrokerProcess;

  beforeAll(async () => {
    rig = await startRig({ unq: 534101 });
    a = await rig.spawn('s34-unq', { extra: 'timeouts: { upstream: 4 }\n' });
    // Generous for a loaded 2-core machine (redis-server, the stand-ins and a broker process).
  }, 180_000);
  afterAll(async () => {
    rig?.gh.standin.fail('DELETE', DELETE, { count: 0 });
    rig?.gh.standin.fail('POST', MINT, { count: 0 });
    await rig?.redis
      .client()
      .call('CONFIG', 'SET', 'min-replicas-to-write', '0')
      .catch(() => undefined);
    await rig?.close();
  }, 120_000);

  it('is held by the instance, revoked once GitHub answers while the store is still down, with one alarm and one end', async () => {
    const raw = rig.redis.client();
    // The revocation's call fails as a whole (500 to it and the client's three retries); then GitHub heals.
    const deletes: number[] = [];
    rig.gh.standin.fail('DELETE', DELETE, {
      count: 4,
      status: 500,
      onArrive: () => deletes.push(Date.now()),
    });
    // The mint is answered once Redis refuses writes (no replica: NOREPLICAS), so the record's put fails.
    refuseWritesAtMint(rig);
    const before = rig.gh.state.tokens.length;
    const run = runIdOf('s34-unq-1');
    try {
      const r = await rig.exchange(a, await rig.oidc('unq', 's34-unq-1'), 'release');
      // The premise: the store failed after the mint, GitHub failed the revocation, nothing delivered.
      expect(r.status).toBe(503);
      expect(r.body.access_token).toBeUndefined();
      const minted = rig.gh.state.tokens.slice(before);
      expect(minted).toHaveLength(1);
      expect(deletes.length).toBeGreaterThanOrEqual(1);
      expect(minted[0]!.revoked).toBe(false);
      const mine = () => rig.audit('s34-unq').filter((e) => e.run_id === run);
      // The alarm: written when the exchange gave up on the store, naming the grant and the remedy.
      await until(
        () => mine().some((e) => e.type === 'credential.revocation_pending'),
        30_000,
        'the alarm line',
      );
      const alarm = mine().find((e) => e.type === 'credential.revocation_pending')!;
      expect(alarm.reason).toBe('REVOCATION_UNQUEUED');
      expect(typeof alarm.grant_id).toBe('string');
      expect(String(alarm.detail)).toMatch(/suspend/i);
      expect(String(alarm.detail)).toContain('installation');
      // Still down: only the instance can end it. GitHub healed after four 500s.
      await until(() => minted[0]!.revoked, 90_000, 'the token revoked by the instance that held it');
      expect(await raw.call('CONFIG', 'GET', 'min-replicas-to-write')).toEqual([
        'min-replicas-to-write',
        '1',
      ]);
      await until(() => mine().some((e) => e.type === 'credential.revoked'), 30_000, 'the line that ends it');
      const ends = mine().filter((e) => /^credential\.(revoked|revoke_failed|expired)$/.test(String(e.type)));
      expect(ends.map((e) => [e.type, e.reason, e.grant_id])).toEqual([
        ['credential.revoked', 'REVOKED_AFTER_RETRY', alarm.grant_id],
      ]);
      // The token itself is nowhere in the audit file.
      expect(JSON.stringify(rig.audit('s34-unq'))).not.toContain(minted[0]!.token);
      expect(a.stderr()).not.toContain(minted[0]!.token);
    } finally {
      await raw.call('CONFIG', 'SET', 'min-replicas-to-write', '0');
    }
  }, 240_000);
});
