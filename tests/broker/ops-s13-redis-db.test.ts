/**
 * A reconnect whose SELECT is refused. ioredis sends SELECT on every (re)connect, but when the server
 * refuses it (the ACL user lost +select, a server restarted with fewer databases) it only emits an
 * 'error' event and goes on in database 0. Start and /readyz SELECTed again, but between the reconnect
 * and the next /readyz every exchange ran in database 0: there the used jtis and kill-switch blocks of
 * the URL's database are absent, so a consumed OIDC token was exchanged again, and the broker's keys
 * landed in whatever else uses database 0. Now nothing reaches the store until the connection is
 * verified in its database since its last (re)connect: the exchange is refused (503 ERR_STATE_DB, with
 * the fix), /readyz says not ready, and a fixed ACL heals without a restart.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { RedisStore } from '../../shared/broker/state/redis.js';
import { SecretBox } from '../../shared/broker/state/secret-box.js';
import { StateDbUnverified } from '../../shared/broker/state/store.js';
import type { BrokerProcess } from '../support/cluster.js';
import { startRedis, type RedisServer } from '../support/redis.js';
import { startRig, until, type Rig } from '../support/redis-rig.js';

const PASS = 'S13-db-guard-pass-4c1e0b';
// The ACL line of docs/deploy.md, and +select (the URL names /3).
const ACL = [
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
  '+select',
];

async function addUser(c: Redis, user: string): Promise<void> {
  await c.call('ACL', 'SETUSER', user, 'on', `>${PASS}`, '~stepwarden:*', '&stepwarden:*', ...ACL);
}

/** The user's connections, from CLIENT LIST: whether each is a subscriber. */
async function connections(c: Redis, user: string): Promise<{ sub: boolean; db: number }[]> {
  const text = (await c.call('CLIENT', 'LIST')) as string;
  return text
    .split('\n')
    .filter((l) => l.includes(` user=${user} `))
    .map((l) => ({ sub: !/ sub=0 /.test(l) || !/ psub=0 /.test(l), db: Number(/ db=(\d+) /.exec(l)?.[1]) }));
}

/** The guard's answer while the reconnect's handshake or its SELECT is still under way. */
const PENDING = /not yet verified to be in database/;

/**
 * Cuts the user's connections and waits until its command connection is back and the guard has its
 * SELECT's answer: `probe` (a store call that must not run in database 0) is repeated while it is
 * refused as still pending (ioredis's handshake and the guard's SELECT: a few round trips, which a
 * sleep of 300 ms guessed at; at load 16 they can take longer).
 */
async function cutAndWait(c: Redis, user: string, probe: () => Promise<string>): Promise<void> {
  await c.call('CLIENT', 'KILL', 'USER', user);
  await until(async () => (await connections(c, user)).some((x) => !x.sub), 10_000, 'a reconnect');
  await until(async () => !PENDING.test(await probe()), 10_000, 'the guard settled');
}

describe('redis state: a reconnect whose SELECT is refused never runs in database 0 (store)', () => {
  let redis: RedisServer;
  let admin: Redis;
  beforeAll(async () => {
    redis = await startRedis();
    admin = redis.client();
    await addUser(admin, 'dbstore');
  });
  afterAll(async () => {
    admin.disconnect();
    await redis.stop();
  });

  it('refuses every command with ERR_STATE_DB until SELECT is allowed again, then serves database 3', async () => {
    const box = SecretBox.fromText(randomBytes(32).toString('hex'), 'test');
    const store = await RedisStore.connect(`redis://dbstore:${PASS}@127.0.0.1:${redis.port}/3`, { box });
    try {
      expect(await store.useOnce('s13-used', 600)).toBe(true);
      await admin.call('ACL', 'SETUSER', 'dbstore', '-select');
      let probes = 0;
      await cutAndWait(admin, 'dbstore', () =>
        store.useOnce(`s13-probe-${++probes}`, 600).then(
          (v) => `answered ${v}`,
          (e: unknown) => (e as Error).message,
        ),
      );

      // The jti used in /3 is absent from /0: a store there would call it fresh.
      const err = await store.useOnce('s13-used', 600).then(
        (v) => new Error(`answered ${v}`),
        (e: unknown) => e as Error,
      );
      expect(err).toBeInstanceOf(StateDbUnverified);
      expect(err.message).toMatch(
        /^ERR_STATE_DB: the state store refused SELECT 3 \(the URL's \/3\): NOPERM/,
      );
      expect(err.message).toMatch(/add \+select to the broker's ACL user/);
      expect(err.message).not.toContain(PASS);
      await expect(store.blocks()).rejects.toBeInstanceOf(StateDbUnverified);
      await expect(store.seen('s13-used')).rejects.toBeInstanceOf(StateDbUnverified);
      await expect(store.health()).rejects.toThrow(/^ERR_STATE_DB: .*NOPERM/);
      await admin.select(0);
      expect(await admin.dbsize()).toBe(0);

      await admin.call('ACL', 'SETUSER', 'dbstore', '+select');
      await until(
        () =>
          store.useOnce('s13-used', 600).then(
            (fresh) => !fresh,
            () => false,
          ),
        5000,
        'the store healed in database 3',
      );
      await store.health();
      expect(await admin.dbsize()).toBe(0);
    } finally {
      await admin.call('ACL', 'SETUSER', 'dbstore', '+select');
      await store.close();
    }
  });
});

describe('redis state: the server restarted with fewer databases', () => {
  it('refuses every command with ERR_STATE_DB (out of range, the fix) instead of running in database 0 of the new server', async () => {
    const redis = await startRedis();
    const box = SecretBox.fromText(randomBytes(32).toString('hex'), 'test');
    const store = await RedisStore.connect(`redis://127.0.0.1:${redis.port}/3`, { box });
    const dir = mkdtempSync(join(tmpdir(), 'sw-s13-db1-'));
    // The same port, a fresh dir (an AOF with SELECT 3 would not load), `databases 1`.
    await redis.down();
    const small = spawn(
      process.env.REDIS_SERVER ?? '/usr/bin/redis-server',
      ['--port', String(redis.port), '--bind', '127.0.0.1', '--dir', dir, '--databases', '1', '--save', ''],
      { stdio: 'ignore' },
    );
    const admin = new Redis({
      port: redis.port,
      host: '127.0.0.1',
      lazyConnect: true,
      maxRetriesPerRequest: 1,
    });
    admin.on('error', () => undefined);
    try {
      await until(
        () =>
          admin.ping().then(
            () => true,
            () => false,
          ),
        10_000,
        'the small server',
      );
      await until(
        () =>
          store.useOnce('s13-db1', 600).then(
            () => {
              throw new Error('a command ran on the small server');
            },
            (e: unknown) => e instanceof StateDbUnverified,
          ),
        10_000,
        'the reconnect refused',
      );
      await expect(store.useOnce('s13-db1', 600)).rejects.toThrow(
        /^ERR_STATE_DB: the state store refused SELECT 3 \(the URL's \/3\): .*out of range.*raise the server's databases setting above 3/,
      );
      expect(await admin.dbsize()).toBe(0);
    } finally {
      admin.disconnect();
      await store.close();
      await new Promise<void>((r) => {
        small.once('close', () => r());
        small.kill('SIGKILL');
      });
      rmSync(dir, { recursive: true, force: true });
      await redis.stop();
    }
  }, 60_000);
});

describe('redis state: a broker whose reconnect is refused SELECT grants nothing from database 0', () => {
  let rig: Rig;
  let broker: BrokerProcess;
  let admin: Redis;
  const state = () => `redis://dbbroker:${PASS}@127.0.0.1:${rig.redis.port}/3`;

  beforeAll(async () => {
    rig = await startRig({ tenant: 330001 });
    admin = rig.redis.client();
    await addUser(admin, 'dbbroker');
    broker = await rig.spawn('db', { state: state() });
  }, 60_000);
  afterAll(async () => {
    await admin.call('ACL', 'SETUSER', 'dbbroker', '+select').catch(() => undefined);
    await rig?.close();
  }, 60_000);

  it('refuses the exchange and the replay with 503 ERR_STATE_DB, is not ready, and heals when +select is back', async () => {
    const used = await rig.oidc('tenant', 's13-run-1');
    expect((await rig.exchange(broker, used)).status).toBe(200);

    await admin.call('ACL', 'SETUSER', 'dbbroker', '-select');
    let probes = 0;
    await cutAndWait(admin, 'dbbroker', async () =>
      JSON.stringify((await rig.exchange(broker, await rig.oidc('tenant', `s13-probe-${++probes}`))).body),
    );

    const fresh = await rig.exchange(broker, await rig.oidc('tenant', 's13-run-2'));
    expect(fresh.status).toBe(503);
    expect(fresh.body.error).toBe('temporarily_unavailable');
    expect(fresh.body.error_description).toMatch(
      /^ERR_STATE_DB: the state store refused SELECT 3 \(the URL's \/3\): NOPERM.*add \+select/,
    );
    expect(JSON.stringify(fresh.body)).not.toContain(PASS);
    // The consumed token again: in database 0 its jti is absent.
    const replay = await rig.exchange(broker, used);
    expect(replay.status).toBe(503);
    expect(replay.body.error_description).toMatch(/^ERR_STATE_DB: /);

    const ready = await fetch(`${broker.url}/readyz`);
    expect(ready.status).toBe(503);
    const checks = ((await ready.json()) as { checks: Record<string, { ok: boolean; detail?: string }> })
      .checks;
    expect(checks.store?.ok).toBe(false);
    expect(checks.store?.detail).toMatch(/ERR_STATE_DB/);
    await admin.select(0);
    expect(await admin.keys('*')).toEqual([]);
    // The on-call hears of it once, not once per refused exchange.
    const alarms = broker
      .stderr()
      .split('\n')
      .filter((l) => /ERROR ERR_STATE_DB: .* after a reconnect/.test(l));
    expect(alarms).toHaveLength(1);
    expect(alarms[0]).toMatch(/add \+select to the broker's ACL user/);
    expect(alarms[0]).not.toContain(PASS);

    await admin.call('ACL', 'SETUSER', 'dbbroker', '+select');
    await until(async () => (await fetch(`${broker.url}/readyz`)).status === 200, 10_000, 'ready again');
    const again = await rig.exchange(broker, used);
    expect(again.status).toBe(400);
    expect(again.body.error_description).toMatch(/^ERR_OIDC_REPLAYED/);
    expect((await rig.exchange(broker, await rig.oidc('tenant', 's13-run-3'))).status).toBe(200);
    expect(await admin.keys('*')).toEqual([]);
    expect(broker.stderr()).toMatch(/the state store connection is in database 3 again/);
    expect((await connections(admin, 'dbbroker')).filter((c) => !c.sub).map((c) => c.db)).toEqual([3]);
  }, 60_000);
});
