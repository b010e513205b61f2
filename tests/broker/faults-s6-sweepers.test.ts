/**
 * Two sweepers on one overdue queue while GitHub's revocation endpoint fails (session 6 review):
 * many credentials due at once, GitHub answering 500 or a secondary rate limit with Retry-After.
 * Real redis-server, the GitHub stand-in behind the real App client.
 */
import { createPrivateKey, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { memoryAuditSink, type AuditSink } from '../../shared/broker/audit-log.js';
import { GithubApp } from '../../shared/broker/providers/github-app.js';
import { Revoker } from '../../shared/broker/revocation.js';
import { RedisStore } from '../../shared/broker/state/redis.js';
import { SecretBox } from '../../shared/broker/state/secret-box.js';
import { demoRepo, startAppStandin, type AppStandin } from '../support/github.js';
import { startRedis, type RedisServer } from '../support/redis.js';
import { record } from './store-suite.js';

const DELETE = '/installation/token';
const nowS = () => Math.floor(Date.now() / 1000);
const box = SecretBox.fromText(randomBytes(32).toString('hex'), 'test');

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
  gh.standin.fail('DELETE', DELETE, { count: 0 });
});

/** The broker's App client; `instant`: no waits between its own retries (a 500 is retried at once). */
const app = (instant = true) =>
  new GithubApp({
    api: gh.standin.url,
    appId: gh.appId,
    privateKey: createPrivateKey(gh.privateKeyPem),
    retries: 2,
    ...(instant ? { retryAfterBaseValue: 0 } : {}),
  });

async function due(store: RedisStore, github: GithubApp, n: number) {
  const out: { grantId: string; secret: string }[] = [];
  for (let i = 0; i < n; i++) {
    const { token } = await github.createToken('octo-org', 'octo-repo', { contents: 'read' }, ['octo-repo']);
    const r = { ...record({ expiresAt: nowS() - 5, upstreamExpiresAt: nowS() + 3000 }), secret: token };
    await store.put(r);
    out.push(r);
  }
  return out;
}

const clock = { offset: 0 };
function sweeper(store: RedisStore, github: GithubApp, audit: AuditSink) {
  return new Revoker({
    store,
    audit,
    githubFor: () => github,
    now: () => nowS() + clock.offset,
    log: { log: () => undefined },
  });
}

const deletes = () => gh.standin.requests.filter((q) => q.method === 'DELETE' && q.path === DELETE);

describe('sweepers and a failing GitHub', () => {
  it('a secondary rate limit with Retry-After: one call, then no more until the wait is over; all retried then, once each', async () => {
    clock.offset = 0;
    const store = await RedisStore.connect(redis.url, { callerClock: true, box });
    // Real waits: a Retry-After past the upstream deadline is refused at once (ERR_GITHUB_RATE_LIMITED).
    const github = app(false);
    try {
      const creds = await due(store, github, 6);
      gh.standin.fail('DELETE', DELETE, {
        count: 100,
        status: 403,
        body: {
          message:
            'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
          documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
        },
        headers: { 'retry-after': '30' },
      });
      const before = deletes().length;
      const sink = memoryAuditSink();
      const events = sink.events;
      const s = sweeper(store, github, sink);
      // Read before the sweep (session 26: read per credential after it, a slow machine's second tick
      // between the sweep and the check failed a wait that was right).
      const sweptAt = nowS();
      await s.sweep();
      // One request met the limit; the other five were not sent into it.
      expect(deletes().length - before).toBe(1);
      expect(events.filter((e) => e.type === 'credential.revocation_pending')).toHaveLength(6);
      const raw = redis.client();
      for (const c of creds)
        expect(Number(await raw.zscore('stepwarden:queue', c.grantId))).toBeGreaterThanOrEqual(sweptAt + 30);
      // Before the wait is over, nothing is retried.
      clock.offset = 10;
      await s.sweep();
      expect(deletes().length - before).toBe(1);
      // After it (GitHub answers again), each is revoked once.
      gh.standin.fail('DELETE', DELETE, { count: 0 });
      clock.offset = 31;
      await s.sweep();
      for (const c of creds) expect(gh.state.tokens.find((t) => t.token === c.secret)!.revoked).toBe(true);
      const done = events.filter((e) => e.type === 'credential.revoked');
      expect(done.map((e) => e.grant_id).sort()).toEqual(creds.map((c) => c.grantId).sort());
      expect(new Set(done.map((e) => e.reason))).toEqual(new Set(['REVOKED_AFTER_RETRY']));
    } finally {
      await store.close();
    }
  });

  it('two instances sweeping 40 due credentials at once while GitHub answers 500 for a while: each revoked and audited once', async () => {
    clock.offset = 0;
    const store1 = await RedisStore.connect(redis.url, { callerClock: true, box });
    const store2 = await RedisStore.connect(redis.url, { callerClock: true, box });
    const github = app();
    try {
      const creds = await due(store1, github, 40);
      gh.standin.fail('DELETE', DELETE, { count: 25, status: 500 });
      const sink = memoryAuditSink();
      const events = sink.events;
      const a = sweeper(store1, github, sink);
      const b = sweeper(store2, github, sink);
      // Rounds of both sweeping together (small batches, so they interleave), the clock moved on so
      // the retries fall due, until nothing is left.
      for (let round = 0; round < 12 && (await redis.client().zcard('stepwarden:queue')) > 0; round++) {
        await Promise.all([a.sweep(7), b.sweep(7), a.sweep(7), b.sweep(7)]);
        clock.offset += 70; // past any backoff and any lease
      }
      expect(await redis.client().zcard('stepwarden:queue')).toBe(0);
      for (const c of creds) {
        expect(gh.state.tokens.find((t) => t.token === c.secret)!.revoked).toBe(true);
        const mine = events.filter((e) => e.grant_id === c.grantId);
        const terminal = mine.filter((e) => e.type !== 'credential.revocation_pending');
        expect(terminal).toHaveLength(1);
        expect(terminal[0]!.outcome).toBe('success');
        expect(mine.filter((e) => e.type === 'credential.revocation_pending').length).toBeLessThanOrEqual(1);
      }
      expect(events.some((e) => e.type === 'credential.revocation_pending')).toBe(true);
    } finally {
      await store1.close();
      await store2.close();
    }
  });
});
