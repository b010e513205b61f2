/**
 * The state server must be able to hold the broker's state: no eviction (a dropped jti is a replay the
 * broker cannot see), Redis >= 7.0 / Valkey >= 7.2, not a Cluster node; AOF off is a warning. Refused
 * at start, and a policy changed at run time turns readiness red (shared/broker/state/redis.ts).
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  parseInfo,
  RedisStore,
  stateServerProblems,
  stateServerWarnings,
} from '../../shared/broker/state/redis.js';
import { SecretBox } from '../../shared/broker/state/secret-box.js';
import { failClosed } from '../../shared/broker/state/fail-closed.js';
import { runChecks, storeCheck } from '../../shared/broker/ops/readiness.js';
import { startRedis, type RedisServer } from '../support/redis.js';

const box = SecretBox.fromText(randomBytes(32).toString('hex'), 'test');

const info = (fields: Record<string, string>) =>
  `# Server\r\n${Object.entries(fields)
    .map(([k, v]) => `${k}:${v}`)
    .join('\r\n')}\r\n`;
const GOOD = {
  redis_version: '7.0.15',
  maxmemory_policy: 'noeviction',
  aof_enabled: '1',
  cluster_enabled: '0',
};

describe('what the state server must be (pure)', () => {
  it('accepts Redis 7 and Valkey (which reports its Redis compatibility level) with noeviction', () => {
    expect(stateServerProblems(parseInfo(info(GOOD)))).toEqual([]);
    const valkey = info({ ...GOOD, redis_version: '7.2.4', server_name: 'valkey', valkey_version: '8.0.1' });
    expect(stateServerProblems(parseInfo(valkey))).toEqual([]);
    expect(stateServerWarnings(parseInfo(info(GOOD)))).toEqual([]);
  });

  it('refuses every eviction policy but noeviction, volatile ones included, naming it and the fix', () => {
    for (const policy of [
      'allkeys-lru',
      'allkeys-lfu',
      'allkeys-random',
      'volatile-lru',
      'volatile-lfu',
      'volatile-random',
      'volatile-ttl',
    ]) {
      const [problem, ...rest] = stateServerProblems(parseInfo(info({ ...GOOD, maxmemory_policy: policy })));
      expect(rest).toEqual([]);
      expect(problem).toMatch(/^ERR_STATE_EVICTION: /);
      expect(problem).toContain(`'${policy}'`);
      expect(problem).toMatch(/Set maxmemory-policy noeviction/);
    }
    // Not readable (a proxy hiding the field) is refused too, never assumed fine.
    const { maxmemory_policy: _dropped, ...hidden } = GOOD;
    expect(stateServerProblems(parseInfo(info(hidden)))[0]).toMatch(/ERR_STATE_EVICTION.*'unknown'/);
    fc.assert(
      fc.property(
        fc
          .string({ minLength: 1, maxLength: 20 })
          .filter((p) => p.trim() === p && !/[\r\n:]/.test(p) && p !== 'noeviction'),
        (policy) => {
          expect(stateServerProblems(parseInfo(info({ ...GOOD, maxmemory_policy: policy })))).toHaveLength(1);
        },
      ),
    );
  });

  it('refuses an older server, an unknown version and a Cluster node', () => {
    expect(stateServerProblems(parseInfo(info({ ...GOOD, redis_version: '6.2.14' })))[0]).toMatch(
      /^ERR_STATE_UNSUPPORTED: .*'6\.2\.14'.*Redis OSS >= 7\.0 or Valkey >= 7\.2/,
    );
    const { redis_version: _v, ...noVersion } = GOOD;
    expect(stateServerProblems(parseInfo(info(noVersion)))[0]).toMatch(/version 'unknown'/);
    expect(stateServerProblems(parseInfo(info({ ...GOOD, cluster_enabled: '1' })))[0]).toMatch(
      /ERR_STATE_UNSUPPORTED: the state store is a Redis Cluster node/,
    );
  });

  it('warns when the server has no append-only file', () => {
    const [w] = stateServerWarnings(parseInfo(info({ ...GOOD, aof_enabled: '0' })));
    expect(w).toMatch(/no append-only file .*appendonly yes and appendfsync everysec/);
  });
});

describe('a real redis-server', () => {
  let lru: RedisServer;
  let plain: RedisServer;
  beforeAll(async () => {
    lru = await startRedis({ args: ['--maxmemory-policy', 'allkeys-lru'] });
    plain = await startRedis({ args: ['--appendonly', 'no'] });
  });
  afterAll(async () => {
    await lru.stop();
    await plain.stop();
  });

  it('with an eviction policy: the broker does not start on it, and says why', async () => {
    const url = `redis://default:hunter2-secret@127.0.0.1:${lru.port}`;
    const err = (await RedisStore.connect(url, { box }).catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(Error);
    expect(err.message).toMatch(/^ERR_STATE_EVICTION: .*'allkeys-lru'/);
    expect(err.message).toContain(`127.0.0.1:${lru.port}`);
    expect(err.message).not.toContain('hunter2-secret');
  });

  it('without AOF: starts, with the warning', async () => {
    const warnings: string[] = [];
    const store = await RedisStore.connect(plain.url, { box, warn: (w) => warnings.push(w) });
    try {
      // Beside the line a new store gets (its epoch written: ops-s15-state-lost).
      expect(warnings.filter((w) => !w.includes('had no stepwarden:epoch'))).toHaveLength(1);
      expect(warnings[0]).toMatch(/no append-only file/);
      expect((await runChecks([storeCheck(failClosed(store))])).ready).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('a policy changed at run time turns readiness red with the reason, and back', async () => {
    const store = failClosed(await RedisStore.connect(plain.url, { box }));
    const admin = plain.client();
    try {
      await admin.config('SET', 'maxmemory-policy', 'volatile-ttl');
      const red = await runChecks([storeCheck(store)]);
      expect(red.ready).toBe(false);
      expect(red.checks.store!.detail).toMatch(/^ERR_STATE_EVICTION: .*'volatile-ttl'/);
      await admin.config('SET', 'maxmemory-policy', 'noeviction');
      expect((await runChecks([storeCheck(store)])).ready).toBe(true);
    } finally {
      await admin.config('SET', 'maxmemory-policy', 'noeviction');
      await store.close();
    }
  });
});
