/**
 * A Sentinel failover under `strict` mode: real redis-server processes on loopback (a primary, its
 * replica, one Sentinel). A jti and a claim written (and acknowledged by the replica) before the
 * primary is killed are still there on the promoted replica; while the new primary has no replica,
 * every jti/claim write is refused (fail closed, undone); when the old primary comes back as the new
 * replica, writes are acknowledged again. A plain (non-strict) store follows the failover too.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RedisStore } from '../../shared/broker/state/redis.js';
import { SecretBox } from '../../shared/broker/state/secret-box.js';
import { startRedis, startSentinel, type RedisServer, type Sentinel } from '../support/redis.js';
import { sleep, startRig, until } from '../support/redis-rig.js';

const box = SecretBox.fromText(randomBytes(32).toString('hex'), 'test');
let primary: RedisServer;
let replica: RedisServer;
let sentinel: Sentinel;

beforeAll(async () => {
  primary = await startRedis();
  replica = await startRedis({ replicaOf: primary.port });
  const p = primary.client();
  await until(async () => (await p.info('replication')).includes('state=online'), 20_000, 'replica online');
  sentinel = await startSentinel(primary.port, 'stepwarden');
}, 60_000);

afterAll(async () => {
  await sentinel?.stop();
  await replica?.stop();
  await primary?.stop();
}, 60_000);

/** Runs `f` until it resolves, ignoring the errors of a store that is still reconnecting. */
async function eventually<T>(f: () => Promise<T>, what: string): Promise<T> {
  let out: T | undefined;
  let ok = false;
  await until(
    async () => {
      try {
        out = await f();
        ok = true;
      } catch {
        ok = false;
      }
      return ok;
    },
    40_000,
    what,
  );
  return out!;
}

describe('sentinel failover', () => {
  it('what the replica acknowledged survives the failover; with no replica writes are refused; the old primary rejoins as replica', async () => {
    const url = `redis-sentinel://127.0.0.1:${sentinel.port}/stepwarden`;
    const strict = await RedisStore.connect(url, { box, strict: { replicas: 1, timeoutMs: 2000 } });
    const plain = await RedisStore.connect(url, { box });
    try {
      expect((await strict.admit('iss:before', 600)).fresh).toBe(true);
      expect(await strict.claim('claim-before', 3600, 'g1')).toBe(1);

      await primary.down('SIGKILL');
      await until(
        async () => (await sentinel.primary()) === `127.0.0.1:${replica.port}`,
        40_000,
        'sentinel promoted the replica',
      );
      // The promoted replica has both writes: a replay of the jti is refused, the claim is counted.
      expect(await eventually(() => plain.seen('iss:before'), 'plain store follows the failover')).toBe(true);
      expect((await plain.admit('iss:before', 600)).fresh).toBe(false);
      expect(await plain.claim('claim-before', 3600, 'g2')).toBe(2);
      // The new primary has no replica: strict writes are refused and undone, never trusted.
      const refused = await eventually(
        () =>
          strict.admit('iss:during', 600).then(
            () => 'accepted',
            (err: Error) => {
              if (/ERR_STATE_NOT_REPLICATED/.test(err.message)) return err.message;
              throw err; // still reconnecting: try again
            },
          ),
        'strict store reconnected',
      );
      expect(refused).toMatch(/ERR_STATE_NOT_REPLICATED: 0 of 1 replica\(s\) acknowledged within 2000 ms/);
      await expect(strict.claim('claim-during', 3600, 'g3')).rejects.toThrow(/ERR_STATE_NOT_REPLICATED/);
      expect(await plain.seen('iss:during')).toBe(false);
      expect(await plain.claim('claim-during', 3600, 'g4')).toBe(1);

      // The old primary comes back; Sentinel makes it the new primary's replica; strict writes resume.
      await primary.up();
      const fresh = await eventually(async () => {
        const r = await strict.admit(`iss:after-${randomBytes(4).toString('hex')}`, 600);
        return r.fresh;
      }, 'old primary rejoined as replica');
      expect(fresh).toBe(true);
      expect((await strict.admit('iss:during', 600)).fresh).toBe(true);
      const old = primary.client();
      await sleep(200);
      expect(await old.exists('stepwarden:jti:iss:during')).toBe(1);
      expect(await old.exists('stepwarden:jti:iss:before')).toBe(1);
    } finally {
      await strict.close();
      await plain.close();
    }
  }, 120_000);

  it('two broker processes on the Sentinel URL follow a failover mid-burst: granted or 503, refused tokens revoked, both recover', async () => {
    // After the first test the replica is the primary and the old primary its replica.
    const [current, standby] =
      (await sentinel.primary()) === `127.0.0.1:${replica.port}` ? [replica, primary] : [primary, replica];
    const rig = await startRig({ failover: 350001 }, { redis: current });
    const state = `redis-sentinel://127.0.0.1:${sentinel.port}/stepwarden`;
    try {
      const [a, b] = await Promise.all([rig.spawn('a', { state }), rig.spawn('b', { state })]);
      expect((await rig.exchange(a, await rig.oidc('failover', 'before-a'), 'release')).status).toBe(200);
      expect((await rig.exchange(b, await rig.oidc('failover', 'before-b'), 'release')).status).toBe(200);
      let done = false;
      const outcomes: { status: number; body: Record<string, unknown> }[] = [];
      let n = 0;
      const workers = Array.from({ length: 4 }, async (_, w) => {
        while (!done) {
          outcomes.push(
            await rig.exchange(w % 2 ? b : a, await rig.oidc('failover', `burst-${n++}`), 'release'),
          );
          await sleep(20);
        }
      });
      await sleep(300);
      await current.down('SIGKILL');
      await until(
        async () => (await sentinel.primary()) === `127.0.0.1:${standby.port}`,
        40_000,
        'sentinel promoted the standby',
      );
      await until(
        () => outcomes.slice(-4).filter((o) => o.status === 200).length === 4,
        40_000,
        'burst recovered',
      );
      done = true;
      await Promise.all(workers);
      expect(outcomes.some((o) => o.status === 503)).toBe(true);
      for (const o of outcomes.filter((x) => x.status !== 200)) {
        expect(o.status).toBe(503);
        expect(o.body.error_description).toMatch(/^ERR_(STATE_UNAVAILABLE|EXCHANGE_INTERRUPTED)/);
      }
      const delivered = new Set(rig.secrets);
      await until(
        () => rig.gh.state.tokens.every((t) => delivered.has(t.token) || t.revoked),
        15_000,
        'refused tokens revoked',
      );
      expect((await rig.exchange(a, await rig.oidc('failover', 'after-a'))).status).toBe(200);
      expect((await rig.exchange(b, await rig.oidc('failover', 'after-b'))).status).toBe(200);
      await Promise.all([a.stop(), b.stop()]);
    } finally {
      await rig.close();
      await current.up();
    }
  }, 120_000);

  it('a broker process with state-strict: no replica, the exchange is refused and its writes undone; with one, the same OIDC token is granted once', async () => {
    const own = await startRedis();
    const rig = await startRig({ strict: 350002 }, { redis: own });
    let copy: RedisServer | undefined;
    try {
      const a = await rig.spawn('strict', { extra: 'state-strict: true\nstate-strict-timeout-ms: 1000\n' });
      const oidc = await rig.oidc('strict', 'strict-1');
      const minted = rig.gh.state.tokens.length;
      const refused = await rig.exchange(a, oidc, 'release');
      expect(refused.status).toBe(503);
      expect(refused.body.error_description).toMatch(/^ERR_STATE_UNAVAILABLE: .*ERR_STATE_NOT_REPLICATED/);
      expect(rig.gh.state.tokens.length).toBe(minted);
      copy = await startRedis({ replicaOf: own.port });
      const p = own.client();
      await until(
        async () => (await p.info('replication')).includes('state=online'),
        20_000,
        'replica online',
      );
      // The jti and the claim were undone: the client's retry with the same token is not a replay.
      let granted = await rig.exchange(a, oidc, 'release');
      // (Until the replica's first acknowledgement comes in time, a retry is refused the same way.)
      for (let i = 0; i < 20 && granted.status === 503; i++) {
        expect(granted.body.error_description).toMatch(/ERR_STATE_NOT_REPLICATED/);
        await sleep(250);
        granted = await rig.exchange(a, oidc, 'release');
      }
      expect([granted.status, granted.body.error_description]).toEqual([200, undefined]);
      expect((await rig.exchange(a, oidc, 'release')).body.error_description).toMatch(/^ERR_OIDC_REPLAYED/);
      await a.stop();
    } finally {
      await rig.close();
      await copy?.stop();
      await own.stop();
    }
  }, 90_000);
});
