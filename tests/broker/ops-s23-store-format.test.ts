/**
 * On call (session 23): a rolling upgrade puts two versions on one store. Before, nothing in the store
 * said which version wrote what: an instance read any record holding the fields it knew and ignored
 * the rest, so a record a newer version wrote with a field that changes its meaning was revoked,
 * listed or introspected as if it were of today's shape, and a rolled-back instance started on a
 * store full of records it could not understand without a word. Now every record names its store
 * format (`v` in `r`; absent: 1, the shape written before session 23), `stepwarden:formats` says
 * which formats were written in the last two hours, and an older instance refuses by name what a
 * newer one wrote: per record ERR_STATE_RECORD_NEWER (left queued for the newer version, never
 * given up as corrupt; a job end says it is not complete), at start ERR_STATE_FORMAT_NEWER. The
 * "older" and "newer" records are written by hand in the shape each version writes.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { loadBrokerConfig } from '../../shared/broker/config.js';
import { disagreements, fingerprint, settingsOf } from '../../shared/broker/ops/fleet.js';
import { canonical } from '../../shared/broker/ops/reload.js';
import { FORMATS, newerFormats } from '../../shared/broker/state/redis.js';
import { STORE_FORMAT } from '../../shared/broker/state/store.js';
import type { BrokerProcess } from '../support/cluster.js';
import { ADMIN, startRig, until, type Rig } from '../support/redis-rig.js';
import { runIdOf } from '../support/run-ids.js';

const nowS = () => Math.floor(Date.now() / 1000);
const QUEUE = 'stepwarden:queue';

describe('store formats across versions (real redis-server, real broker processes)', () => {
  let rig: Rig;
  let a: BrokerProcess;

  beforeAll(async () => {
    rig = await startRig({ fmt: 393101 });
    a = await rig.spawn('fmt-a');
  }, 60_000);
  afterAll(async () => {
    await rig?.close();
  }, 60_000);

  /** The record hash of the one credential of `run` (found through the run's index). */
  const recordOf = async (run: string) => {
    const raw = rig.redis.client();
    const keys = (await raw.keys('stepwarden:ix:run:*')).filter((k) => k.includes(runIdOf(run)));
    const [id] = await raw.zrange(keys[0]!, '0', '-1');
    return { id: id!, key: `stepwarden:rec:${id}`, hash: await raw.hgetall(`stepwarden:rec:${id}`) };
  };
  const rewrite = async (key: string, r: string, change: (o: Record<string, unknown>) => void) => {
    const o = JSON.parse(r) as Record<string, unknown>;
    change(o);
    await rig.redis.client().hset(key, 'r', JSON.stringify(o));
  };

  it('writes its format in every record and in stepwarden:formats', async () => {
    expect((await rig.exchange(a, await rig.oidc('fmt', 's23-fmt-1'), 'release')).status).toBe(200);
    const { hash } = await recordOf('s23-fmt-1');
    expect((JSON.parse(hash.r!) as { v: unknown }).v).toBe(STORE_FORMAT);
    const formats = await rig.redis.client().hgetall(FORMATS);
    expect(Object.keys(formats)).toEqual([String(STORE_FORMAT)]);
    expect(Math.abs(Number(formats[String(STORE_FORMAT)]) - nowS())).toBeLessThan(600);
  }, 60_000);

  it('reads and revokes a record of the shape written before session 23 (no v)', async () => {
    const { key, hash } = await recordOf('s23-fmt-1');
    await rewrite(key, hash.r!, (o) => delete o.v);
    const end = await a.post('/revoke', {
      subject_token: await rig.oidc('fmt', 's23-fmt-1'),
      job: 'publish',
    });
    expect([end.status, end.body.revoked, end.body.complete]).toEqual([200, 1, true]);
  }, 60_000);

  it('refuses a record of a newer format by name and leaves it for the newer version', async () => {
    const granted = await rig.exchange(a, await rig.oidc('fmt', 's23-fmt-2'), 'release');
    expect(granted.status).toBe(200);
    const { id, key, hash } = await recordOf('s23-fmt-2');
    await rewrite(key, hash.r!, (o) => (o.v = STORE_FORMAT + 1));

    const seen = await a.post('/introspect', { token: granted.body.access_token as string }, ADMIN);
    expect(seen.status).toBe(503);
    expect(String(seen.body.error_description)).toMatch(/ERR_STATE_RECORD_NEWER/);
    expect(String(seen.body.error_description)).toContain(`store format ${STORE_FORMAT + 1}`);

    // The job end cannot revoke it here: not complete, the credential named, the code in its line.
    const end = await a.post('/revoke', {
      subject_token: await rig.oidc('fmt', 's23-fmt-2'),
      job: 'publish',
    });
    expect(end.status).toBe(200);
    expect(end.body.complete).toBe(false);
    expect(end.body.credentials).toEqual([
      expect.objectContaining({ step: 'release', state: 'revocation-failed' }),
    ]);
    await until(
      () => rig.audit('fmt-a').some((e) => e.type === 'job.ended' && e.run_id === runIdOf('s23-fmt-2')),
      10_000,
      'the job.ended line',
    );
    const ended = rig
      .audit('fmt-a')
      .find((e) => e.type === 'job.ended' && e.run_id === runIdOf('s23-fmt-2'))!;
    expect(ended.details).toMatchObject({ unopened: 1, unopened_code: 'ERR_STATE_RECORD_NEWER' });

    // Due now: the sweep leaves it queued with an error line, never marks it revoked or audits it
    // given up (a newer instance revokes it at GitHub).
    const raw = rig.redis.client();
    await raw.zadd(QUEUE, nowS() - 5, id);
    await until(() => /written by a newer stepwarden/.test(a.stderr()), 15_000, 'the sweep error line');
    expect(await raw.hget(key, 'revokedAt')).toBeNull();
    expect(await raw.zscore(QUEUE, id)).not.toBeNull();
    expect(
      rig.audit('fmt-a').filter((e) => e.type === 'credential.revoke_failed' && e.grant_id === id),
    ).toEqual([]);
    const token = granted.body.access_token as string;
    expect(rig.gh.state.tokens.find((t) => t.token === token)!.revoked).toBeFalsy();

    // Put back in this version's format (what the newer instance would do: revoke it), cleaned up.
    await rewrite(key, (await raw.hget(key, 'r'))!, (o) => (o.v = STORE_FORMAT));
    expect((await a.post('/revoke', { token })).body).toEqual({ revoked: 1 });
  }, 60_000);

  it('a newer record with a field in an encoding this version does not know is still left to the newer version (session 24)', async () => {
    // The format is read before any other field: a newer version may add a hash field that is not
    // JSON, and calling the record corrupt would mark it revoked and take it off the queue, so the
    // newer instance would never revoke it at GitHub.
    const granted = await rig.exchange(a, await rig.oidc('fmt', 's24-fmt-field'), 'release');
    expect(granted.status).toBe(200);
    const { id, key, hash } = await recordOf('s24-fmt-field');
    const raw = rig.redis.client();
    await rewrite(key, hash.r!, (o) => (o.v = STORE_FORMAT + 1));
    await raw.hset(key, 'lease2', 'binary:\u0001not-json');

    const seen = await a.post('/introspect', { token: granted.body.access_token as string }, ADMIN);
    expect(String(seen.body.error_description)).toMatch(/ERR_STATE_RECORD_NEWER/);

    await raw.zadd(QUEUE, nowS() - 5, id);
    await until(
      () =>
        a
          .stderr()
          .split('\n')
          .some((l) => l.includes(id) && /ERR_STATE_RECORD/.test(l)),
      15_000,
      'the sweep line of this record',
    );
    expect(
      a
        .stderr()
        .split('\n')
        .filter((l) => l.includes(id) && /given up/.test(l)),
    ).toEqual([]);
    expect(await raw.hget(key, 'revokedAt')).toBeNull();
    expect(await raw.zscore(QUEUE, id)).not.toBeNull();
    expect(
      rig.audit('fmt-a').filter((e) => e.type === 'credential.revoke_failed' && e.grant_id === id),
    ).toEqual([]);

    // Revoked by an instance of the newer version: a job end here no longer counts it as unopened.
    await raw.hset(key, 'revokedAt', JSON.stringify(nowS()));
    const end = await a.post('/revoke', {
      subject_token: await rig.oidc('fmt', 's24-fmt-field'),
      job: 'publish',
    });
    expect([end.status, end.body.complete]).toEqual([200, true]);

    await raw.hdel(key, 'lease2', 'revokedAt');
    await rewrite(key, (await raw.hget(key, 'r'))!, (o) => (o.v = STORE_FORMAT));
    expect((await a.post('/revoke', { token: granted.body.access_token as string })).body).toEqual({
      revoked: 1,
    });
  }, 60_000);

  it('a kill switch at an instance that cannot read a matching record says so instead of "revoked: 0"', async () => {
    // Before: the record was skipped with a stderr line and the answer and admin.revoke line said
    // revoked 0, as if nothing matching were live; the credential lived to its deadline unnoticed.
    const raw = rig.redis.client();
    const granted = await rig.exchange(a, await rig.oidc('fmt', 's23-fmt-5'), 'release');
    expect(granted.status).toBe(200);
    const { key, hash } = await recordOf('s23-fmt-5');
    await rewrite(key, hash.r!, (o) => (o.v = STORE_FORMAT + 1));
    const fired = await a.post('/admin/revoke', { run_id: runIdOf('s23-fmt-5'), actor: 'oncall' }, ADMIN);
    expect(fired.status).toBe(200);
    expect(fired.body).toMatchObject({ revoked: 0, blocked: true, unopened: 1 });
    expect(String(fired.body.warning)).toMatch(/ERR_STATE_RECORD_NEWER/);
    expect(String(fired.body.warning)).toMatch(/NOT revoked/);
    await until(
      () => rig.audit('fmt-a').some((e) => e.type === 'admin.revoke' && /NOT revoked/.test(String(e.detail))),
      10_000,
      'the admin.revoke line',
    );
    // Put back (as a newer instance would revoke it), then lifted, so later tests start clean.
    await rewrite(key, (await raw.hget(key, 'r'))!, (o) => (o.v = STORE_FORMAT));
    expect((await a.post('/revoke', { token: granted.body.access_token as string })).body).toEqual({
      revoked: 1,
    });
    expect(
      (await a.post('/admin/unblock', { run_id: runIdOf('s23-fmt-5'), actor: 'oncall' }, ADMIN)).status,
    ).toBe(200);
  }, 60_000);

  it('a sweep in a broker process goes around a record it cannot read instead of stopping on it', async () => {
    // Before: the service's store turned the unreadable record into a 503 refusal, the sweep stopped
    // on it, gave its batch back, and stopped on it again every second: nothing due behind it was
    // revoked. The tests of session 6 swept the bare store, where it was handled.
    const raw = rig.redis.client();
    const bad = await rig.exchange(a, await rig.oidc('fmt', 's23-fmt-3'), 'release');
    const good = await rig.exchange(a, await rig.oidc('fmt', 's23-fmt-4'), 'release');
    expect([bad.status, good.status]).toEqual([200, 200]);
    const broken = await recordOf('s23-fmt-3');
    const fine = await recordOf('s23-fmt-4');
    await raw.hset(broken.key, 'r', 'not json');
    await raw.zadd(QUEUE, nowS() - 10, broken.id, nowS() - 5, fine.id);
    const gone = (id: string) => (e: Record<string, unknown>) =>
      e.grant_id === id && (e.type === 'credential.expired' || e.type === 'credential.revoke_failed');
    await until(
      () => rig.audit('fmt-a').some(gone(fine.id)) && rig.audit('fmt-a').some(gone(broken.id)),
      15_000,
      'both swept',
    );
    expect(
      rig
        .audit('fmt-a')
        .filter(gone(fine.id))
        .map((e) => e.type),
    ).toEqual(['credential.expired']);
    expect(
      rig
        .audit('fmt-a')
        .filter(gone(broken.id))
        .map((e) => [e.type, e.reason]),
    ).toEqual([['credential.revoke_failed', 'ERR_STATE_RECORD_CORRUPT']]);
    const token = good.body.access_token as string;
    expect(rig.gh.state.tokens.find((t) => t.token === token)!.revoked).toBe(true);
  }, 60_000);

  it('does not start on a store a newer version wrote in the last two hours, and does after', async () => {
    const raw = rig.redis.client();
    await raw.hset(FORMATS, String(STORE_FORMAT + 1), nowS() - 60);
    const refused = await rig.spawn('fmt-b').then(
      () => '',
      (err: Error) => err.message,
    );
    expect(refused).toMatch(/exited \(2\)/);
    expect(refused).toMatch(/ERR_STATE_FORMAT_NEWER/);
    expect(refused).toContain(`store format ${STORE_FORMAT + 1}`);
    expect(refused).toMatch(/roll back/);
    // Three hours ago: every record it wrote has expired; a rollback starts.
    await raw.hset(FORMATS, String(STORE_FORMAT + 1), nowS() - 3 * 3600);
    const b = await rig.spawn('fmt-c');
    expect((await fetch(`${b.url}/readyz`)).status).toBe(200);
  }, 90_000);
});

describe('newerFormats (pure)', () => {
  const window = 2 * 3600;
  it('names exactly the formats above this one written within two hours', () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.oneof(fc.integer({ min: 1, max: 999 }).map(String), fc.string({ maxLength: 8 })),
          fc.oneof(
            fc.integer({ min: 0, max: 3 * window }).map((ago) => ['ago', ago] as const),
            fc.string(),
          ),
        ),
        (entries) => {
          const now = 10_000_000;
          const seen: Record<string, string> = {};
          for (const [f, at] of Object.entries(entries))
            seen[f] = Array.isArray(at) ? String(now - at[1]) : (at as string);
          const expected = Object.entries(seen)
            .filter(([f]) => /^[1-9]\d{0,5}$/.test(f) && Number(f) > STORE_FORMAT)
            .filter(([, at]) => !(Number(at) < now - window))
            .map(([f]) => Number(f))
            .sort((x, y) => y - x);
          expect(newerFormats(seen, now)).toEqual(expected);
        },
      ),
    );
  });
  it('never refuses this version or an older one, whenever written', () => {
    expect(newerFormats({ '1': '0', [String(STORE_FORMAT)]: 'not a time' }, nowS())).toEqual([]);
  });
  it('counts a newer format with a time it cannot judge as recent (fails closed)', () => {
    expect(newerFormats({ [String(STORE_FORMAT + 1)]: 'x' }, nowS())).toEqual([STORE_FORMAT + 1]);
  });
});

describe('the store format on the instance card', () => {
  const config = loadBrokerConfig('listen: 127.0.0.1:0\n', 'broker.yml', '/');
  const settings = settingsOf(
    config,
    {
      adminTokenHashes: [],
      rateLimit: { limit: 600, windowSeconds: 60 },
      replayRateLimit: { limit: 60, windowSeconds: 60 },
      drainTimeoutMs: 10_000,
      drainDelayMs: 0,
    },
    ['k1'],
  );
  it('is published, so a rollout that changes it names the instances of each version', () => {
    expect(settings['store-format']).toBe(fingerprint(canonical(STORE_FORMAT)));
    const me = { instance: 'new:1', at: 0, settings };
    const old = {
      instance: 'old:1',
      at: 0,
      settings: { ...settings, 'store-format': fingerprint(canonical(STORE_FORMAT + 1)) },
    };
    expect(disagreements(me, [me, old])).toEqual([
      { setting: 'store-format', groups: [['new:1'], ['old:1']] },
    ]);
  });
});
