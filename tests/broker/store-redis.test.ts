import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import { describe, expect, it } from '@jest/globals';
import { parseSentinelUrl, redactUrl, RedisStore } from '../../shared/broker/state/redis.js';
import { SecretBox } from '../../shared/broker/state/secret-box.js';
import { blockKey, blockKeysFor, retainUntil } from '../../shared/broker/state/store.js';
import { redisForSuite, startRedis } from '../support/redis.js';
import { gateRequest, record, storeSuite } from './store-suite.js';

const server = redisForSuite();
const box = SecretBox.fromText(randomBytes(32).toString('hex'), 'test');

storeSuite('redis', async () => {
  await server().client().flushdb();
  const a = await RedisStore.connect(server().url, { callerClock: true, box });
  const b = await RedisStore.connect(server().url, { callerClock: true, box });
  const more: RedisStore[] = [];
  return {
    a,
    b,
    async bounded(runs) {
      const s = await RedisStore.connect(server().url, { callerClock: true, box, runsPerRepository: runs });
      more.push(s);
      return s;
    },
    async close() {
      await a.close();
      await b.close();
      for (const s of more) await s.close();
    },
  };
});

describe('redis store', () => {
  it('never keeps the GitHub token in clear: sealed with AES-256-GCM, bound to its grant', async () => {
    const store = await RedisStore.connect(server().url, { callerClock: true, box });
    const r = record();
    await store.put(r);
    const raw = server().client();
    const keys = await raw.keys('*');
    let dump = '';
    for (const k of keys) {
      const type = await raw.type(k);
      if (type === 'hash') dump += JSON.stringify(await raw.hgetall(k));
      else if (type === 'string') dump += (await raw.get(k)) ?? '';
    }
    expect(dump).toContain(r.grantId);
    expect(dump).not.toContain(r.secret!);
    expect(await raw.hget(`stepwarden:rec:${r.grantId}`, 'secret')).toMatch(/^aes256gcm:/);
    // Another key cannot read it (an instance with it does not even start), and the record expires
    // on its own (EXPIREAT).
    const otherBox = SecretBox.fromText(randomBytes(32).toString('base64'), 'other');
    await expect(RedisStore.connect(server().url, { callerClock: true, box: otherBox })).rejects.toThrow(
      /ERR_STATE_KEY_MISMATCH/,
    );
    await raw.del('stepwarden:sealers');
    const other = await RedisStore.connect(server().url, { callerClock: true, box: otherBox });
    await expect(other.get(r.grantId)).rejects.toThrow(/ERR_STATE_KEY_UNKNOWN/);
    expect(await raw.ttl(`stepwarden:rec:${r.grantId}`)).toBeGreaterThan(3600);
    expect(await raw.ttl(`stepwarden:rec:${r.grantId}`)).toBeLessThanOrEqual(3600 + 600 + 5);
    await other.close();
    await store.close();
  });

  it('jti keys expire with their ttl; claim keys carry the claim window', async () => {
    const store = await RedisStore.connect(server().url, { callerClock: true, box });
    await store.admit('iss:ttl-check', 90);
    await store.claim('ttl-claim', 3600);
    const raw = server().client();
    expect(await raw.ttl('stepwarden:jti:iss:ttl-check')).toBeGreaterThan(80);
    expect(await raw.ttl('stepwarden:claim:ttl-claim')).toBeGreaterThan(3500);
    await store.close();
  });

  it('scripts run by their SHA and are sent again when the server lost them (SCRIPT FLUSH, a restart)', async () => {
    const store = await RedisStore.connect(server().url, { callerClock: true, box });
    try {
      const jtiKey = `iss:noscript-${randomBytes(4).toString('hex')}`;
      const req = { jtiKey, rateKey: 'noscript', limit: 100, windowSeconds: 60, now: 0 };
      expect((await store.screen(req)).seen).toBe(false);
      await server().client().script('FLUSH');
      expect(await store.useOnce(jtiKey, 60)).toBe(true);
      expect((await store.screen(req)).seen).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('indexes hold the retained records only: ended ones are trimmed at the next put; an older set index is still read', async () => {
    const store = await RedisStore.connect(server().url, { callerClock: true, box });
    const raw = server().client();
    try {
      const t = Math.floor(Date.now() / 1000);
      const repositoryId = `ix-${randomBytes(4).toString('hex')}`;
      // A record put long ago whose retention has ended (its hash expired by itself): its index
      // entry goes at the next put of the repository. Settled records ('done'): not queued for sweeps.
      await raw.zadd(`stepwarden:ix:repoid:${repositoryId}`, t - 60, 'ended-grant');
      const live = record({ repositoryId, revocation: 'done' });
      await store.put(live);
      expect(await raw.zrange(`stepwarden:ix:repoid:${repositoryId}`, '0', '-1')).toEqual([live.grantId]);
      expect(await raw.ttl(`stepwarden:ix:repoid:${repositoryId}`)).toBeGreaterThan(3600);
      // A record indexed by an older version (a set under idx:), and one whose record is gone.
      const older = record({ repositoryId, revocation: 'done' });
      await store.put(older);
      await raw.zrem(`stepwarden:ix:repoid:${repositoryId}`, older.grantId);
      await raw.sadd(`stepwarden:idx:repoid:${repositoryId}`, older.grantId, 'gone-grant');
      const found = await store.list({ repositoryId });
      expect(found.map((r) => r.grantId).sort()).toEqual([live.grantId, older.grantId].sort());
      expect(await raw.smembers(`stepwarden:idx:repoid:${repositoryId}`)).toEqual([older.grantId]);
      expect((await store.live({ repositoryId }, t)).map((r) => r.grantId).sort()).toEqual(
        [live.grantId, older.grantId].sort(),
      );
    } finally {
      await store.close();
    }
  });

  it('a trimmed index expires at the end of the minute its latest retention ends in, and is trimmed only when that moves (session 29)', async () => {
    const store = await RedisStore.connect(server().url, { callerClock: true, box });
    const raw = server().client();
    try {
      const t = Math.floor(Date.now() / 1000);
      const repositoryId = `slot-${randomBytes(4).toString('hex')}`;
      const key = `stepwarden:ix:repoid:${repositoryId}`;
      const expiry = async () => Number(await raw.call('EXPIRETIME', key));
      const first = record({ repositoryId, revocation: 'done' });
      await store.put(first);
      const keep = Math.ceil(retainUntil(first));
      const at = await expiry();
      expect(at % 60).toBe(0);
      expect(at).toBeGreaterThanOrEqual(keep);
      expect(at).toBeLessThan(keep + 60);
      // A put retained within the key's expiry: ZADD and EXPIRETIME alone, an ended entry stays...
      await raw.zadd(key, t - 60, 'ended-grant');
      const within = record({ repositoryId, revocation: 'done', upstreamExpiresAt: at - 600 });
      await store.put(within);
      expect(await expiry()).toBe(at);
      expect(await raw.zscore(key, 'ended-grant')).not.toBeNull();
      // ...which no reader lists (its record is gone), and the reader removes.
      expect((await store.live({ repositoryId }, t)).map((r) => r.grantId).sort()).toEqual(
        [first.grantId, within.grantId].sort(),
      );
      expect(await raw.zscore(key, 'ended-grant')).toBeNull();
      // A put retained past the key's expiry trims the ended entries and moves it to its own minute.
      await raw.zadd(key, t - 60, 'ended-again');
      const past = record({ repositoryId, revocation: 'done', upstreamExpiresAt: at - 600 + 1 });
      await store.put(past);
      expect(await raw.zscore(key, 'ended-again')).toBeNull();
      expect(await expiry()).toBe(at + 60);
      expect((await raw.zrange(key, '0', '-1')).sort()).toEqual(
        [first.grantId, within.grantId, past.grantId].sort(),
      );
    } finally {
      await store.close();
    }
  });

  it('an epoch of another type still fails the gate, writing nothing (epoch and generation read by one MGET, session 29)', async () => {
    // Its own server: the epoch is the whole store's.
    const own = await startRedis();
    const store = await RedisStore.connect(own.url, { callerClock: true, box });
    const raw = own.client();
    try {
      const epoch = (await raw.get('stepwarden:epoch'))!;
      await raw.del('stepwarden:epoch');
      await raw.hset('stepwarden:epoch', 'x', epoch);
      const req = gateRequest();
      await expect(store.gate(req)).rejects.toThrow(/WRONGTYPE/);
      expect(await raw.exists(`stepwarden:jti:${req.jtiKey}`)).toBe(0);
    } finally {
      await store.close();
      await own.stop();
    }
  });

  it('a claim counter an older version left (a string) becomes that many holders, in the claim and in the gate, its TTL kept', async () => {
    const store = await RedisStore.connect(server().url, { callerClock: true, box });
    const raw = server().client();
    try {
      const key = `legacy-${randomBytes(4).toString('hex')}`;
      await raw.set(`stepwarden:claim:${key}`, '2', 'EX', 5000);
      expect(await store.claim(key, 86400, 'g-new')).toBe(3);
      expect(await raw.type(`stepwarden:claim:${key}`)).toBe('set');
      expect(await raw.ttl(`stepwarden:claim:${key}`)).toBeGreaterThan(4900);
      expect(await raw.ttl(`stepwarden:claim:${key}`)).toBeLessThanOrEqual(5000);
      await store.unclaim(key, 'g-new');
      expect(await store.claimed(key)).toBe(2);
      // The gate's claim reads the same conversion.
      const gateKey = `legacy-${randomBytes(4).toString('hex')}`;
      await raw.set(`stepwarden:claim:${gateKey}`, '1');
      const gate = await store.gate({
        jtiKey: `iss:${randomBytes(4).toString('hex')}`,
        jtiTtlSeconds: 60,
        subject: { repository: 'octo-org/legacy', workflow: '.github/workflows/x.yml', runId: '1' },
        claimTtlSeconds: 86400,
        uses: 1,
        intent: {
          grantId: `g-${randomBytes(4).toString('hex')}`,
          claimKey: gateKey,
          deadline: Math.floor(Date.now() / 1000) + 60,
          repository: 'octo-org/legacy',
          repositoryId: '1',
          workflow: '.github/workflows/x.yml',
          job: 'j',
          step: 's',
          runId: '1',
          runAttempt: '1',
          audience: 'https://a.example',
        },
      });
      expect(gate).toMatchObject({ fresh: true, count: 2, intended: false });
      // A value that is no claim at all (a hash) is an error, never a claim.
      const hashKey = `legacy-${randomBytes(4).toString('hex')}`;
      await raw.hset(`stepwarden:claim:${hashKey}`, 'x', '1');
      await expect(store.claim(hashKey, 60, 'g')).rejects.toThrow(/WRONGTYPE/);
    } finally {
      await store.close();
    }
  });

  it('reads a record an older version wrote (one JSON field each) as it reads its own', async () => {
    const store = await RedisStore.connect(server().url, { callerClock: true, box });
    try {
      const r = record({ dispatchTo: ['octo-org/other'], revocation: 'pending', revokeAttempts: 2 });
      const older: string[] = [];
      for (const [k, v] of Object.entries(r))
        older.push(k, k === 'secret' ? box.seal(String(v), r.grantId) : JSON.stringify(v));
      await server()
        .client()
        .hset(`stepwarden:rec:${r.grantId}`, ...older);
      expect(await store.get(r.grantId)).toEqual(r);
      // Its own: the fields the scripts use beside one JSON text, and the same record back.
      const own = record({ deliverBy: r.issuedAt + 30, claimKey: 'c1' });
      await store.intend({ ...own, claimKey: 'c1', deadline: own.expiresAt, sweepAt: own.deliverBy });
      await store.put(own);
      const fields = await server().client().hkeys(`stepwarden:rec:${own.grantId}`);
      expect(fields.sort()).toEqual(['claimKey', 'deliverBy', 'expiresAt', 'grantId', 'r', 'secret']);
      expect(await store.get(own.grantId)).toEqual(own);
    } finally {
      await store.close();
    }
  });

  it('looks blocks up by the keys blockKey gives every selector that matches the subject', () => {
    const subject = {
      repository: 'Octo-Org/Repo"x',
      workflow: 'a\\b.yml',
      runId: '7',
      parentRuns: ['5', '6'],
    };
    const expected = new Set<string>();
    for (const repository of [undefined, 'octo-org/repo"x'])
      for (const workflow of [undefined, 'a\\b.yml'])
        for (const runId of [undefined, '7', '5', '6'])
          if (repository ?? workflow ?? runId) expected.add(blockKey({ repository, workflow, runId }));
    expect(new Set(blockKeysFor(subject))).toEqual(expected);
    expect(blockKeysFor(subject)).toHaveLength(15);
    expect(blockKeysFor(subject)).not.toContain(blockKey({ runId: '8' }));
  });

  it('a wrong key length is refused with how to make one', () => {
    expect(() => SecretBox.fromText('abc', 'k.txt')).toThrow(/ERR_STATE_KEY.*k\.txt.*openssl rand -hex 32/);
  });

  it('an unreachable server is a clear error at connect, and a command on a dead connection fails fast', async () => {
    await expect(RedisStore.connect('redis://127.0.0.1:1', { callerClock: true, box })).rejects.toThrow(
      /ERR_STATE_UNREACHABLE/,
    );
    const store = await RedisStore.connect(server().url, { callerClock: true, box });
    await server().restart(); // the connection drops; no offline queue: the next command errors, not waits
    const started = Date.now();
    let failed = false;
    try {
      await store.admit('iss:down', 60);
    } catch {
      failed = true;
    }
    expect(Date.now() - started).toBeLessThan(3000);
    // Either it failed fast, or the client had already reconnected; both grant nothing twice.
    if (!failed) expect((await store.admit('iss:down', 60)).fresh).toBe(false);
    await store.close();
  });
});

describe('redis state URLs', () => {
  it('redis-sentinel:// names the Sentinels, the primary, credentials and db; anything else is not a Sentinel URL', () => {
    expect(parseSentinelUrl('redis-sentinel://app:p%40ss@s1:26379,s2:26380,s3/stepwarden/2')).toEqual({
      sentinels: [
        { host: 's1', port: 26379 },
        { host: 's2', port: 26380 },
        { host: 's3', port: 26379 },
      ],
      name: 'stepwarden',
      username: 'app',
      password: 'p@ss',
      db: 2,
    });
    expect(parseSentinelUrl('redis-sentinel://s1:26379')).toBeUndefined();
    expect(parseSentinelUrl('redis-sentinel://s1:x/primary')).toBeUndefined();
    expect(parseSentinelUrl('redis://s1:6379/0')).toBeUndefined();
    expect(redactUrl('redis://u:hunter2@h:6379/1')).not.toContain('hunter2');
    expect(redactUrl('redis-sentinel://u:hunter2@s1:26379/p')).not.toContain('hunter2');
  });
});

describe('strict mode', () => {
  it('waits for a replica to acknowledge jti and claim writes; with none reachable it refuses', async () => {
    const own = await startRedis();
    const replica = await startRedis({ replicaOf: own.port });
    const strict = await RedisStore.connect(own.url, {
      callerClock: true,
      box,
      strict: { replicas: 1, timeoutMs: 3000 },
    });
    try {
      // The replica needs a moment to sync; then a write is acknowledged and visible there.
      const raw = replica.client();
      const primary = own.client();
      for (let i = 0; i < 200 && !(await primary.info('replication')).includes('state=online'); i++)
        await new Promise((r) => setTimeout(r, 50));
      expect((await strict.admit('iss:strict-1', 60)).fresh).toBe(true);
      expect(await raw.exists('stepwarden:jti:iss:strict-1')).toBe(1);
      expect(await strict.claim('strict-claim', 60)).toBe(1);
      const t = Math.floor(Date.now() / 1000);
      const gateOf = (jtiKey: string, grantId: string) => ({
        jtiKey,
        jtiTtlSeconds: 60,
        subject: { repository: 'octo-org/octo-repo', workflow: 'release.yml', runId: '1' },
        claimTtlSeconds: 60,
        uses: 1,
        intent: { ...record(), grantId, claimKey: 'strict-gate', deadline: t + 60, sweepAt: t + 30 },
      });
      expect((await strict.gate(gateOf('iss:strict-g1', 'g1'))).intended).toBe(true);
      expect(await raw.exists('stepwarden:intent:g1')).toBe(1);
      await strict.abandon('g1');
      await strict.unclaim('strict-gate', 'g1');
      await replica.stop();
      const quick = await RedisStore.connect(own.url, {
        callerClock: true,
        box,
        strict: { replicas: 1, timeoutMs: 300 },
      });
      await expect(quick.admit('iss:strict-2', 60)).rejects.toThrow(
        /ERR_STATE_NOT_REPLICATED: 0 of 1 replica\(s\) acknowledged within 300 ms/,
      );
      await expect(quick.claim('strict-claim', 60)).rejects.toThrow(/ERR_STATE_NOT_REPLICATED/);
      // The whole gate undone: jti free again, no claim held, no intent queued.
      await expect(quick.gate(gateOf('iss:strict-g2', 'g2'))).rejects.toThrow(/ERR_STATE_NOT_REPLICATED/);
      expect(await primary.exists('stepwarden:jti:iss:strict-g2', 'stepwarden:intent:g2')).toBe(0);
      expect(await primary.scard('stepwarden:claim:strict-gate')).toBe(0);
      expect(await primary.zscore('stepwarden:queue', 'g2')).toBeNull();
      await quick.close();
      // Nothing was granted on the refused writes, so they were undone: the retries are not refused.
      const plain = await RedisStore.connect(own.url, { callerClock: true, box });
      expect((await plain.admit('iss:strict-2', 60)).fresh).toBe(true);
      expect(await plain.claim('strict-claim', 60)).toBe(2);
      await plain.close();
    } finally {
      await strict.close();
      await replica.stop();
      await own.stop();
    }
  }, 60_000);
});

describe('the ACL docs/deploy.md gives the broker', () => {
  it('is enough for every store operation, pub/sub included, and keeps it out of other keys', async () => {
    const admin = server().client();
    const line = /`(ACL SETUSER stepwarden [^`]+)`/.exec(
      readFileSync(new URL('../../docs/deploy.md', import.meta.url), 'utf8'),
    )![1]!;
    const args = line.replace('>PASSWORD', '>acl-test-pw').split(' ').slice(1);
    await admin.call('ACL', ...args);
    const url = `redis://stepwarden:acl-test-pw@127.0.0.1:${server().port}`;
    const a = await RedisStore.connect(url, { callerClock: true, box });
    const b = await RedisStore.connect(url, { callerClock: true, box });
    try {
      const got: string[] = [];
      await b.subscribe((m) => got.push(m.repository ?? '*'));
      const t = Math.floor(Date.now() / 1000);
      expect((await a.admit('iss:acl', 60)).fresh).toBe(true);
      expect(await a.seen('iss:acl')).toBe(true);
      const r = record({ deliverBy: t + 30, claimKey: 'acl-claim', expiresAt: t - 1 });
      expect(await a.claim('acl-claim', 60, r.grantId)).toBe(1);
      await a.intend({ ...r, claimKey: 'acl-claim', deadline: r.expiresAt, sweepAt: t + 30 });
      await a.put(r);
      expect((await a.deliver(r.grantId)).delivered).toBe(true);
      expect(await a.due(t, 10, 30)).toEqual([r.grantId]);
      expect(await a.markRevoked(r.grantId, t)).toBe(true);
      await a.retryRevocation(r.grantId, t + 5, 1);
      await a.settleRevocation(r.grantId, 'done');
      expect((await a.list({ runId: r.runId })).map((x) => x.grantId)).toContain(r.grantId);
      expect(await a.abandon('none')).toBeUndefined();
      await a.unclaim('acl-claim', r.grantId);
      expect((await a.rateLimit('acl-rate', 5, 60)).allowed).toBe(true);
      const screened = await a.screen({
        jtiKey: 'iss:acl-2',
        rateKey: 'acl-rate',
        limit: 5,
        windowSeconds: 60,
        now: t,
      });
      expect(screened).toEqual({ seen: false, allowed: true, retryAfter: 0 });
      const g = await a.gate({
        jtiKey: 'iss:acl-2',
        jtiTtlSeconds: 60,
        subject: { repository: r.repository, workflow: r.workflow, runId: r.runId },
        claimTtlSeconds: 60,
        uses: 1,
        intent: { ...r, grantId: 'acl-grant-2', claimKey: 'acl-claim-2', deadline: t + 60, sweepAt: t + 30 },
      });
      expect(g).toEqual({ fresh: true, blocks: [], count: 1, intended: true });
      await a.block({ runId: 'acl-run', actor: 'oncall', at: t });
      expect(await a.unblock({ runId: 'acl-run' })).toBe(true);
      await a.publish({ why: 'unblock', repository: 'octo-org/acl' });
      for (const end = Date.now() + 10_000; Date.now() < end && got.length === 0;)
        await new Promise((res) => setTimeout(res, 20));
      expect(got).toEqual(['octo-org/acl']);
      // Nothing outside the broker's prefix.
      const raw = new Redis(url, { maxRetriesPerRequest: 1 });
      raw.on('error', () => undefined);
      await expect(raw.get('other:key')).rejects.toThrow(/NOPERM/);
      raw.disconnect();
    } finally {
      await a.close();
      await b.close();
      await admin.call('ACL', 'DELUSER', 'stepwarden');
    }
  });
});
