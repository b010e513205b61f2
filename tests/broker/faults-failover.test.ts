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
import { sleep, until } from '../support/redis-rig.js';

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

describe('sentinel failover, strict mode', () => {
  it('what the replica acknowledged survives the failover; with no replica writes are refused; the old primary rejoins as replica', async () => {
    const url = `redis-sentinel://127.0.0.1:${sentinel.port}/stepwarden`;
    const strict = await RedisStore.connect(url, { box, strict: { replicas: 1, timeoutMs: 500 } });
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
      expect(refused).toMatch(/ERR_STATE_NOT_REPLICATED: 0 of 1 replica\(s\) acknowledged within 500 ms/);
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
});
