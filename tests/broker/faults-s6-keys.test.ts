/**
 * The state encryption key under faults (session 6 review): a wrong key at one instance, a key
 * rotation (the old records still revocable), records sealed before key ids. Real redis-server,
 * real broker processes for the start-up refusal, the GitHub stand-in for the revocations.
 */
import { createCipheriv, createPrivateKey, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { memoryAuditSink } from '../../shared/broker/audit-log.js';
import { GithubApp } from '../../shared/broker/providers/github-app.js';
import { Revoker } from '../../shared/broker/revocation.js';
import { RedisStore } from '../../shared/broker/state/redis.js';
import { keyIdOf, SecretBox } from '../../shared/broker/state/secret-box.js';
import { demoRepo, startAppStandin, type AppStandin } from '../support/github.js';
import { startRedis, type RedisServer } from '../support/redis.js';
import { ADMIN, startRig } from '../support/redis-rig.js';
import { record } from './store-suite.js';

const nowS = () => Math.floor(Date.now() / 1000);
const hex = () => randomBytes(32).toString('hex');

let redis: RedisServer;
let gh: AppStandin;
let app: GithubApp;

beforeAll(async () => {
  redis = await startRedis();
  gh = await startAppStandin([demoRepo()]);
  app = new GithubApp({
    api: gh.standin.url,
    appId: gh.appId,
    privateKey: createPrivateKey(gh.privateKeyPem),
    retries: 0,
    retryAfterBaseValue: 0,
  });
});
afterAll(async () => {
  await gh.standin.close();
  await redis.stop();
});

async function dueGithubRecord() {
  const { token } = await app.createToken('octo-org', 'octo-repo', { contents: 'read' }, ['octo-repo']);
  return { ...record({ expiresAt: nowS() - 60, upstreamExpiresAt: nowS() + 3000 }), secret: token };
}

const revokedAtGithub = (token: string) => gh.state.tokens.find((t) => t.token === token)!.revoked;

function revoker(store: RedisStore, skew = 0) {
  const audit = memoryAuditSink();
  const logged: unknown[] = [];
  const r = new Revoker({
    store,
    audit,
    githubFor: () => app,
    now: () => nowS() + skew,
    log: { log: (_l, _m, f = {}) => void logged.push(f.code) },
  });
  return { r, events: audit.events, logged };
}

describe('state encryption key rotation', () => {
  it('old key on a later line: records sealed under it are still read and revoked; new ones are sealed under the new key', async () => {
    await redis.client().flushdb();
    const [k1, k2] = [hex(), hex()];
    const old = await RedisStore.connect(redis.url, { box: SecretBox.fromText(k1, 'k1') });
    let rotated: RedisStore | undefined;
    try {
      const before = await dueGithubRecord();
      await old.put(before);
      // The new key alone cannot read what the old one sealed: it does not start.
      await expect(RedisStore.connect(redis.url, { box: SecretBox.fromText(k2, 'k2') })).rejects.toThrow(
        new RegExp(`ERR_STATE_KEY_MISMATCH: .*${keyIdOf(Buffer.from(k1, 'hex'))}`),
      );
      rotated = await RedisStore.connect(redis.url, { box: SecretBox.fromText(`${k2}\n${k1}\n`, 'k2+k1') });
      expect((await rotated.get(before.grantId))?.secret).toBe(before.secret);
      const after = { ...record(), secret: 'ghs_after_rotation' };
      await rotated.put(after);
      const sealed = await redis.client().hget(`stepwarden:rec:${after.grantId}`, 'secret');
      expect(sealed).toMatch(new RegExp(`^aes256gcm:${keyIdOf(Buffer.from(k2, 'hex'))}:`));
      // The rotated instance's sweep revokes the old-key credential at GitHub.
      const sweeper = revoker(rotated);
      await sweeper.r.sweep();
      expect(revokedAtGithub(before.secret)).toBe(true);
      expect(sweeper.events.map((e) => [e.grant_id, e.type])).toEqual([
        [before.grantId, 'credential.expired'],
      ]);
      // Every record sealed under the old key is gone (its window over): the new key alone starts.
      await redis.client().hset('stepwarden:sealers', keyIdOf(Buffer.from(k1, 'hex')), nowS() - 3 * 3600);
      const k2only = await RedisStore.connect(redis.url, { box: SecretBox.fromText(k2, 'k2') });
      await k2only.close();
    } finally {
      await old.close();
      await rotated?.close();
    }
  });

  it('an instance without the new key leaves what it cannot open to one that has it (no give-up, no audit line)', async () => {
    await redis.client().flushdb();
    const [k1, k2] = [hex(), hex()];
    // The lease is passed with the Revoker's clock skew below, so the sweep must read that clock
    // (production sweeps on the server's TIME: tests/broker/hostile-s9-state.test.ts).
    const oldOnly = await RedisStore.connect(redis.url, {
      callerClock: true,
      box: SecretBox.fromText(k1, 'k1'),
    });
    const rotated = await RedisStore.connect(redis.url, {
      callerClock: true,
      box: SecretBox.fromText(`${k2},${k1}`, 'k2+k1'),
    });
    try {
      const r = await dueGithubRecord();
      await rotated.put(r);
      await expect(oldOnly.get(r.grantId)).rejects.toThrow(/ERR_STATE_KEY_UNKNOWN/);
      const stale = revoker(oldOnly);
      expect(await stale.r.sweep()).toBe(0);
      expect(stale.events).toEqual([]);
      expect(stale.logged).toEqual(['ERR_STATE_KEY_UNKNOWN']);
      expect(revokedAtGithub(r.secret)).toBe(false);
      expect(await redis.client().zscore('stepwarden:queue', r.grantId)).not.toBeNull();
      // Past the stale instance's lease, the instance with the key revokes it, once.
      const good = revoker(rotated, 120);
      expect(await good.r.sweep()).toBe(1);
      expect(revokedAtGithub(r.secret)).toBe(true);
      expect(good.events.map((e) => [e.grant_id, e.type, e.outcome])).toEqual([
        [r.grantId, 'credential.expired', 'success'],
      ]);
    } finally {
      await oldOnly.close();
      await rotated.close();
    }
  });

  it('a secret sealed before key ids opens under any key of the list (under none: left to another instance); a key list with a bad key is refused', () => {
    const [k1, k2] = [hex(), hex()];
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', Buffer.from(k1, 'hex'), iv);
    c.setAAD(Buffer.from('grant-legacy'));
    const body = Buffer.concat([c.update('ghs_legacy', 'utf8'), c.final()]);
    const legacy = `aes256gcm:${Buffer.concat([iv, c.getAuthTag(), body]).toString('base64')}`;
    expect(SecretBox.fromText(`${k2}\n${k1}`, 'both').open(legacy, 'grant-legacy')).toBe('ghs_legacy');
    expect(() => SecretBox.fromText(k2, 'k2').open(legacy, 'grant-legacy')).toThrow(
      /ERR_STATE_KEY_UNKNOWN: .*sealed before key ids/,
    );
    expect(() => SecretBox.fromText(`${k2}\nnot-a-key`, 'k.txt')).toThrow(/ERR_STATE_KEY: .*k\.txt/);
    expect(() => SecretBox.fromText('  \n', 'k.txt')).toThrow(/ERR_STATE_KEY/);
  });
});

describe('a wrong key at one broker process', () => {
  it('does not start on a store whose records it cannot open (ERR_STATE_KEY_MISMATCH); with the old key on a later line it starts and revokes them', async () => {
    const rig = await startRig({ keys: 330001 });
    try {
      const a = await rig.spawn('a');
      const granted = await rig.exchange(a, await rig.oidc('keys', 'k-1'), 'release');
      expect(granted.status).toBe(200);
      const wrong = hex();
      await expect(rig.spawn('wrong', { env: { STEPWARDEN_STATE_KEY: wrong } })).rejects.toThrow(
        /ERR_STATE_KEY_MISMATCH/,
      );
      const b = await rig.spawn('b', {
        env: { STEPWARDEN_STATE_KEY: `${wrong},${rig.env.STEPWARDEN_STATE_KEY}` },
      });
      const token = granted.body.access_token as string;
      expect((await b.post('/revoke', { token })).body).toEqual({ revoked: 1 });
      expect(rig.gh.state.tokens.find((t) => t.token === token)!.revoked).toBe(true);
      // The other way round (an instance left on the old key alone): what the new key sealed is
      // refused with 503 naming the cause, never read as "no such credential".
      const fresh = await rig.exchange(b, await rig.oidc('keys', 'k-2'), 'release');
      expect(fresh.status).toBe(200);
      const stale = await a.post('/introspect', { token: fresh.body.access_token as string }, ADMIN);
      expect(stale.status).toBe(503);
      expect(String(stale.body.error_description)).toMatch(/ERR_STATE_UNAVAILABLE: .*ERR_STATE_KEY_UNKNOWN/);
    } finally {
      await rig.close();
    }
  }, 90_000);
});
