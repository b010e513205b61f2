/**
 * The revocation sweep against hostile or unreadable state (session 6 fault review), on a real
 * redis-server and the GitHub stand-in: records changed in the store by someone with write access,
 * a secret sealed under a key this instance lacks, a sweeper whose clock is behind, a batch that
 * outlives its lease while GitHub is slow. Each credential is revoked upstream at most once, each
 * unreadable one is audited once, and one bad entry never stops the sweep of the others.
 */
import { createPrivateKey, randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { auditEventSchema } from '../../shared/audit/event.js';
import { memoryAuditSink } from '../../shared/broker/audit-log.js';
import type { Logger } from '../../shared/broker/ops/log.js';
import { GithubApp } from '../../shared/broker/providers/github-app.js';
import { Revoker } from '../../shared/broker/revocation.js';
import { RedisStore } from '../../shared/broker/state/redis.js';
import { SecretBox } from '../../shared/broker/state/secret-box.js';
import { placeOf, type CredentialRecord, type Store } from '../../shared/broker/state/store.js';
import { demoRepo, startAppStandin, type AppStandin } from '../support/github.js';
import { startRedis, type RedisServer } from '../support/redis.js';
import { until } from '../support/redis-rig.js';
import { record } from './store-suite.js';

const Q = 'stepwarden:queue';
const nowS = () => Math.floor(Date.now() / 1000);
const box = SecretBox.fromText(randomBytes(32).toString('hex'), 'test');

/** The real App client against the stand-in, counting DELETE /installation/token per token; `gate` holds calls. */
class CountingApp extends GithubApp {
  readonly calls = new Map<string, number>();
  gate: Promise<void> | undefined;
  onCall: (() => void) | undefined;
  override async revokeToken(token: string, deadline?: number): Promise<void> {
    this.calls.set(token, (this.calls.get(token) ?? 0) + 1);
    this.onCall?.();
    if (this.gate) await this.gate;
    return super.revokeToken(token, deadline);
  }
}

let redis: RedisServer;
let gh: AppStandin;

beforeAll(async () => {
  redis = await startRedis();
  gh = await startAppStandin([demoRepo()]);
});
afterAll(async () => {
  await gh.standin.close();
  await redis.stop();
});
beforeEach(async () => {
  await redis.client().flushdb();
});

function app(): CountingApp {
  return new CountingApp({
    api: gh.standin.url,
    appId: gh.appId,
    privateKey: createPrivateKey(gh.privateKeyPem),
    retries: 0,
    retryAfterBaseValue: 0,
  });
}

const quiet = (): Logger & { lines: { msg: string; code: unknown; grant: unknown }[] } => {
  const lines: { msg: string; code: unknown; grant: unknown }[] = [];
  return { lines, log: (_l, msg, f = {}) => void lines.push({ msg, code: f.code, grant: f.grant_id }) };
};

function revoker(store: RedisStore, github: CountingApp, o: { skew?: number; leaseSeconds?: number } = {}) {
  const audit = memoryAuditSink();
  const log = quiet();
  const r = new Revoker({
    store,
    audit,
    githubFor: () => github,
    now: () => nowS() + (o.skew ?? 0),
    log,
    ...(o.leaseSeconds !== undefined ? { leaseSeconds: o.leaseSeconds } : {}),
  });
  return { r, events: audit.events, log: log.lines };
}

/** A real installation token from the stand-in, in a record whose deadline has passed. */
async function dueRecord(
  github: GithubApp,
  over: Partial<CredentialRecord> = {},
): Promise<CredentialRecord & { secret: string }> {
  const { token } = await github.createToken('octo-org', 'octo-repo', { contents: 'read' }, ['octo-repo']);
  return {
    ...record({ issuedAt: nowS() - 400, expiresAt: nowS() - 100, upstreamExpiresAt: nowS() + 3000, ...over }),
    secret: token,
  };
}

const revokedAtGithub = (token: string) => gh.state.tokens.find((t) => t.token === token)!.revoked;

describe('a sweep meeting records changed in the store', () => {
  it('revokes every readable credential, gives each unreadable one up once (credential.revoke_failed, off the queue), and never stops on one', async () => {
    const store = await RedisStore.connect(redis.url, { callerClock: true, box });
    const raw = redis.client();
    const github = app();
    try {
      const good = [await dueRecord(github), await dueRecord(github)];
      const tampered = await dueRecord(github);
      const notJson = await dueRecord(github);
      const moved = await dueRecord(github);
      const noSecret = await dueRecord(github);
      const badClaim = await dueRecord(github, { claimKey: 'octo-org/octo-repo:9001:1:publish:release' });
      for (const r of [...good, tampered, notJson, moved, noSecret, badClaim]) await store.put(r);
      // Someone with write access to the store: a flipped byte in the sealed token (GCM tag), a record
      // that is not JSON, another record's hash under this key, the sealed token deleted, a claim
      // key that is not JSON (the revocation script decodes it).
      const k = (r: CredentialRecord) => `stepwarden:rec:${r.grantId}`;
      const sealed = (await raw.hget(k(tampered), 'secret'))!;
      const at = sealed.length - 6;
      await raw.hset(
        k(tampered),
        'secret',
        sealed.slice(0, at) + (sealed[at] === 'A' ? 'B' : 'A') + sealed.slice(at + 1),
      );
      await raw.hset(k(notJson), 'r', '{"repository": "octo-org/octo-repo", ');
      await raw.hset(k(moved), 'grantId', JSON.stringify(good[0]!.grantId));
      await raw.hdel(k(noSecret), 'secret');
      await raw.hset(k(badClaim), 'claimKey', '{not json');
      await raw.hset(k(badClaim), 'deliverBy', JSON.stringify(nowS() - 50));
      // Lexicographically first among equal scores: the bad ones are worked before the good ones.
      for (const r of [tampered, notJson, moved, noSecret, badClaim])
        await raw.zadd(Q, nowS() - 500, r.grantId);

      const { r, events, log } = revoker(store, github);
      await r.sweep();

      for (const g of good) expect(revokedAtGithub(g.secret)).toBe(true);
      for (const g of good)
        expect(events.filter((e) => e.grant_id === g.grantId).map((e) => [e.type, e.reason])).toEqual([
          ['credential.expired', 'TTL_PASSED'],
        ]);
      const failed = (g: CredentialRecord) =>
        events.filter((e) => e.grant_id === g.grantId).map((e) => [e.type, e.outcome, e.reason]);
      expect(failed(tampered)).toEqual([['credential.revoke_failed', 'error', 'ERR_STATE_SECRET_TAMPERED']]);
      expect(failed(notJson)).toEqual([['credential.revoke_failed', 'error', 'ERR_STATE_RECORD_CORRUPT']]);
      expect(failed(moved)).toEqual([['credential.revoke_failed', 'error', 'ERR_STATE_RECORD_CORRUPT']]);
      expect(failed(noSecret)).toEqual([['credential.revoke_failed', 'error', 'ERR_STATE_SECRET_MISSING']]);
      expect(failed(badClaim)).toEqual([['credential.revoke_failed', 'error', 'ERR_STATE_RECORD_CORRUPT']]);
      for (const e of events) expect(auditEventSchema.safeParse(e).success).toBe(true);
      // Nothing at GitHub for what could not be read (its token is not known or not trusted).
      for (const b of [tampered, notJson, moved, noSecret, badClaim])
        expect(revokedAtGithub(b.secret)).toBe(false);
      expect(log.map((l) => l.code).sort()).toEqual([
        'ERR_STATE_RECORD_CORRUPT',
        'ERR_STATE_RECORD_CORRUPT',
        'ERR_STATE_RECORD_CORRUPT',
        'ERR_STATE_SECRET_TAMPERED',
      ]);
      // Given up: off the queue, the tampered secret wiped, the record marked revoked (inactive).
      expect(await raw.zcard(Q)).toBe(0);
      expect(await raw.hexists(k(tampered), 'secret')).toBe(0);
      const after = await store.get(tampered.grantId);
      expect(after?.revokedAt).toBeDefined();
      expect(after?.revocation).toBe('failed');
      expect(await raw.hexists(k(notJson), 'revokedAt')).toBe(1);
      // Once: another sweep (the entries' leases long over) finds nothing and writes nothing.
      const again = revoker(store, github, { skew: 3600 });
      expect(await again.r.sweep()).toBe(0);
      expect(again.events).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('an index entry whose record is unreadable does not hide the others from a kill switch (live())', async () => {
    const warned: string[] = [];
    const store = await RedisStore.connect(redis.url, {
      callerClock: true,
      box,
      warn: (l) => void warned.push(l),
    });
    const raw = redis.client();
    try {
      const a = record({ runId: 'ix-1' });
      const b = record({ runId: 'ix-1' });
      await store.put(a);
      await store.put(b);
      await raw.hset(`stepwarden:rec:${a.grantId}`, 'expiresAt', '"soon"');
      const live = await store.live({ runId: 'ix-1' }, nowS());
      expect(live.map((r) => r.grantId)).toEqual([b.grantId]);
      expect(warned.join('')).toMatch(new RegExp(`ERR_STATE_RECORD_CORRUPT: .*${a.grantId}`));
      // A dangling index entry (its record gone) is dropped, as before.
      await raw.del(`stepwarden:rec:${b.grantId}`);
      expect(await store.live({ runId: 'ix-1' }, nowS())).toEqual([]);
      expect(await raw.zrange('stepwarden:ix:run:ix-1', '0', '-1')).toEqual([a.grantId]);
    } finally {
      await store.close();
    }
  });

  it('a kill-switch block that is not JSON refuses the exchanges it names (a store error, 503, nothing held) and no other delivery', async () => {
    const warned: string[] = [];
    const store = await RedisStore.connect(redis.url, {
      callerClock: true,
      box,
      warn: (l) => void warned.push(l),
    });
    const raw = redis.client();
    try {
      const subject = { repository: 'octo-org/octo-repo', workflow: 'release.yml', runId: 'blk-1' };
      await raw.hset('stepwarden:blocks', JSON.stringify(['octo-org/octo-repo', '', '']), '{"repository":');
      const grantId = randomUUID();
      const req = {
        jtiKey: `iss:${grantId}`,
        jtiTtlSeconds: 60,
        subject,
        claimTtlSeconds: 600,
        uses: 1,
        intent: {
          ...placeOf(record({ runId: 'blk-1' })),
          grantId,
          claimKey: 'blk-claim',
          deadline: nowS() + 300,
          sweepAt: nowS() + 30,
        },
      };
      await expect(store.gate(req)).rejects.toThrow(SyntaxError);
      expect(await raw.scard('stepwarden:claim:blk-claim')).toBe(0);
      expect(await raw.exists(`stepwarden:intent:${grantId}`)).toBe(0);
      expect(await raw.zscore(Q, grantId)).toBeNull();
      // Delivery re-reads every block: the damaged one (another repository's) does not fail the
      // delivery of an exchange it does not name; a readable block still comes back.
      const other = record({ repository: 'octo-org/other-repo', runId: 'blk-2' });
      await store.put(other);
      await raw.hset(`stepwarden:rec:${other.grantId}`, 'deliverBy', JSON.stringify(nowS() + 30));
      await store.block({ runId: 'blk-9', actor: 'oncall', at: nowS() });
      const delivered = await store.deliver(other.grantId);
      expect(delivered.delivered).toBe(true);
      expect(delivered.blocks).toEqual([{ runId: 'blk-9', actor: 'oncall', at: expect.any(Number) }]);
      expect(warned.join('')).toMatch(/ERR_STATE_RECORD_CORRUPT: a kill-switch block/);
    } finally {
      await store.close();
    }
  });
});

describe('sweepers sharing one queue', () => {
  it('a sweeper whose clock is behind leases on the server clock: another instance does not take the entry it is working', async () => {
    const store1 = await RedisStore.connect(redis.url, { callerClock: true, box });
    const store2 = await RedisStore.connect(redis.url, { callerClock: true, box });
    const github = app();
    let release = () => undefined as void;
    let sweeping: Promise<unknown> = Promise.resolve();
    try {
      // A revocation GitHub refused once, due for its retry (marked revoked, pending).
      const r = await dueRecord(github, {
        expiresAt: nowS() - 600,
        revokedAt: nowS() - 600,
        revocation: 'pending',
        revokeAttempts: 1,
      });
      await store1.put(r);
      github.gate = new Promise<void>((res) => (release = res));
      let calling!: () => void;
      const called = new Promise<void>((res) => (calling = res));
      github.onCall = () => calling();
      // Instance 1 runs two minutes behind; GitHub is slow to answer it.
      const slow = revoker(store1, github, { skew: -120 });
      sweeping = slow.r.sweep();
      await called;
      // Instance 2 (right clock) sweeps meanwhile: the entry is leased, on the server's clock.
      const github2 = app();
      const other = revoker(store2, github2);
      expect(await other.r.sweep()).toBe(0);
      release();
      await sweeping;
      expect(github.calls.get(r.secret)).toBe(1);
      expect(github2.calls.size).toBe(0);
      expect(revokedAtGithub(r.secret)).toBe(true);
      expect([...slow.events, ...other.events].map((e) => [e.grant_id, e.reason, e.attempts])).toEqual([
        [r.grantId, 'REVOKED_AFTER_RETRY', 2],
      ]);
    } finally {
      github.gate = undefined;
      release();
      await sweeping.catch(() => undefined);
      await store1.close();
      await store2.close();
    }
  });

  it('a batch that outlived its lease (GitHub slow) skips the entries another instance took meanwhile', async () => {
    const store1 = await RedisStore.connect(redis.url, { callerClock: true, box });
    const store2 = await RedisStore.connect(redis.url, { callerClock: true, box });
    const github = app();
    let release = () => undefined as void;
    let sweeping: Promise<unknown> = Promise.resolve();
    try {
      const pending = { revocation: 'pending' as const, revokeAttempts: 1 };
      // Worked first by instance 1 (earlier deadline), and last in the order of equal lease scores.
      const first = await dueRecord(github, {
        grantId: `z-${randomUUID()}`,
        expiresAt: nowS() - 300,
        revokedAt: nowS() - 300,
        ...pending,
      });
      const second = await dueRecord(github, {
        grantId: `a-${randomUUID()}`,
        expiresAt: nowS() - 200,
        revokedAt: nowS() - 200,
        ...pending,
      });
      await store1.put(first);
      await store1.put(second);
      github.gate = new Promise<void>((res) => (release = res));
      let calling!: () => void;
      const called = new Promise<void>((res) => (calling = res));
      github.onCall = () => calling();
      // Instance 1 leases both for 1 s and is held by GitHub on the first.
      const slow = revoker(store1, github, { leaseSeconds: 1 });
      sweeping = slow.r.sweep();
      await called;
      github.gate = undefined;
      github.onCall = undefined;
      // Its lease over, instance 2 takes one entry: the second (first in the order of equal scores).
      const other = revoker(store2, github);
      await until(
        async () => (await other.r.sweep(1)) >= 0 && github.calls.has(second.secret),
        10_000,
        'taken',
      );
      release();
      await sweeping;
      expect(github.calls.get(first.secret)).toBe(1);
      expect(github.calls.get(second.secret)).toBe(1);
      const terminal = [...slow.events, ...other.events].map((e) => [e.grant_id, e.type]);
      expect(terminal.sort()).toEqual(
        [
          [first.grantId, 'credential.revoked'],
          [second.grantId, 'credential.revoked'],
        ].sort(),
      );
      expect(other.events.map((e) => e.grant_id)).toEqual([second.grantId]);
    } finally {
      github.gate = undefined;
      release();
      await sweeping.catch(() => undefined);
      await store1.close();
      await store2.close();
    }
  });
});

describe('clocks', () => {
  it("the token bucket runs on the server's TIME: an instance whose clock is an hour ahead gets no refill", async () => {
    const store1 = await RedisStore.connect(redis.url, { callerClock: true, box });
    const store2 = await RedisStore.connect(redis.url, { callerClock: true, box });
    try {
      const req = (now: number) => ({
        jtiKey: `iss:${randomUUID()}`,
        rateKey: 'skew-bucket',
        limit: 2,
        windowSeconds: 60,
        now,
      });
      expect((await store1.screen(req(nowS()))).allowed).toBe(true);
      expect((await store1.screen(req(nowS()))).allowed).toBe(true);
      const skewed = await store2.screen(req(nowS() + 3600));
      expect(skewed.allowed).toBe(false);
      expect(skewed.retryAfter).toBeGreaterThan(0);
      expect((await (store2 as Store).rateLimit('skew-bucket', 2, 60, nowS() + 3600)).allowed).toBe(false);
    } finally {
      await store1.close();
      await store2.close();
    }
  });
});
