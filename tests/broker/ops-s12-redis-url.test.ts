/**
 * The database of a redis state URL (`redis://user:pass@host:port/3`). ioredis sends SELECT while
 * connecting but on a refusal (the user lacks +select: the ACL line docs/deploy.md gave had none; or the
 * server has fewer databases) only emits an event and goes on in database 0: a broker configured for
 * /3 started and kept its jtis, claims and kill-switch blocks in database 0, shared with whatever else
 * used it. Now start is refused (ERR_STATE_DB, with the fix), and readiness checks it again.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RedisStore } from '../../shared/broker/state/redis.js';
import { SecretBox } from '../../shared/broker/state/secret-box.js';
import { startRedis, type RedisServer } from '../support/redis.js';

const PASS = 'Doc-ACL-user-pass-7f3a9c';
const box = () => SecretBox.fromText(randomBytes(32).toString('hex'), 'test');
const DOC_ACL = [
  '+@read',
  '+@write',
  '+@scripting',
  '+multi',
  '+exec',
  '+publish',
  '+subscribe',
  '+wait',
  '+ping',
  '+time',
  '+info',
];

describe('redis state: the database of the URL is the one used, or the broker does not start', () => {
  let redis: RedisServer;
  const url = (user: string, db: number) => `redis://${user}:${PASS}@127.0.0.1:${redis.port}/${db}`;

  beforeAll(async () => {
    redis = await startRedis();
    const c = redis.client();
    await c.call('ACL', 'SETUSER', 'nosel', 'on', `>${PASS}`, '~stepwarden:*', '&stepwarden:*', ...DOC_ACL);
    await c.call(
      'ACL',
      'SETUSER',
      'sel',
      'on',
      `>${PASS}`,
      '~stepwarden:*',
      '&stepwarden:*',
      ...DOC_ACL,
      '+select',
    );
    c.disconnect();
  });
  afterAll(async () => redis.stop());

  it('refuses /3 when the user may not SELECT, naming the rule and the fix, never the password', async () => {
    const err = await RedisStore.connect(url('nosel', 3), { box: box() }).then(
      (s) => (void s.close(), undefined),
      (e: unknown) => e as Error,
    );
    expect(err?.message).toMatch(/^ERR_STATE_DB: the state store refused SELECT 3 \(the URL's \/3\): NOPERM/);
    expect(err?.message).toMatch(/add \+select to the broker's ACL user/);
    expect(err?.message).toContain(`redis://nosel:***@127.0.0.1:${redis.port}/3`);
    expect(err?.message).not.toContain(PASS);
  });

  it('refuses a database the server does not have (databases 16: /42)', async () => {
    await expect(RedisStore.connect(url('sel', 42), { box: box() })).rejects.toThrow(
      /^ERR_STATE_DB: the state store refused SELECT 42 .*out of range.*raise the server's databases setting above 42/,
    );
  });

  it('keeps its keys in the database the URL names, and readiness fails once SELECT is taken away', async () => {
    const store = await RedisStore.connect(url('sel', 3), { box: box() });
    const c = redis.client();
    try {
      expect(await store.useOnce('ops-s12-jti', 60)).toBe(true);
      await c.select(3);
      expect(await c.exists('stepwarden:jti:ops-s12-jti')).toBe(1);
      await c.select(0);
      expect(await c.dbsize()).toBe(0);
      await store.health();
      await c.call('ACL', 'SETUSER', 'sel', '-select');
      await expect(store.health()).rejects.toThrow(/^ERR_STATE_DB: .*NOPERM/);
    } finally {
      await c.call('ACL', 'SETUSER', 'sel', '+select');
      c.disconnect();
      await store.close();
    }
  });

  it.each([
    ['a wrong password', (port: number) => `redis://sel:Wrong-${PASS}@127.0.0.1:${port}/0`, /WRONGPASS/],
    ['an unknown ACL user', (port: number) => `redis://nobody:${PASS}@127.0.0.1:${port}/0`, /WRONGPASS/],
  ])('refuses %s at start with the fix, never the password', async (_n, at, why) => {
    const err = await RedisStore.connect(at(redis.port), { box: box() }).then(
      (s) => (void s.close(), undefined),
      (e: unknown) => e as Error,
    );
    expect(err?.message).toMatch(/^ERR_STATE_UNREACHABLE: /);
    expect(err?.message).toMatch(why);
    expect(err?.message).toMatch(/check the user and password of the state URL/);
    expect(err?.message).not.toContain(PASS);
  });
});
