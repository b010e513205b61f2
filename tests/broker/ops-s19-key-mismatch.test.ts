/**
 * On call (session 19): two brokers on one store with different state encryption keys, started at once
 * on an empty store (so the start-up check, ERR_STATE_KEY_MISMATCH, had nothing sealed to compare).
 * Before: each sealed GitHub tokens the other cannot open; a job end at the other answered 200,
 * `complete: true`, no credential (the unreadable record skipped with a stderr line), its sweep left
 * them queued, and /readyz said 200 at both: a load balancer kept sending job ends to an instance
 * that cannot revoke what its peer granted, and nothing an operator watches named the cause. Now
 * /readyz of an instance that cannot open a key the store saw seal within the window is 503 naming
 * ERR_STATE_KEY_UNKNOWN, the key id and the fix, and the job end lists what it could not open as
 * revocation-failed, `complete: false`, counted in its job.ended line.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { keyIdOf } from '../../shared/broker/state/secret-box.js';
import type { BrokerProcess } from '../support/cluster.js';
import { startRig, until, type Rig } from '../support/redis-rig.js';

describe('two brokers with different state keys on one store', () => {
  let rig: Rig;
  let a: BrokerProcess;
  let b: BrokerProcess;
  const keyA = randomBytes(32).toString('hex');
  const keyB = randomBytes(32).toString('hex');

  beforeAll(async () => {
    rig = await startRig({ keys: 393001 });
    [a, b] = await Promise.all([
      rig.spawn('keys-a', { env: { STEPWARDEN_STATE_KEY: keyA } }),
      rig.spawn('keys-b', { env: { STEPWARDEN_STATE_KEY: keyB } }),
    ]);
  }, 60_000);
  afterAll(async () => {
    await rig?.close();
  }, 60_000);

  const ready = async (at: BrokerProcess) => {
    const r = await fetch(`${at.url}/readyz`);
    return { status: r.status, text: JSON.stringify(await r.json()) };
  };

  it('an instance that cannot open what its peer sealed is not ready, and says which key and the fix', async () => {
    expect((await ready(a)).status).toBe(200);
    expect((await ready(b)).status).toBe(200);
    expect((await rig.exchange(a, await rig.oidc('keys', 's19-keys-a'), 'release')).status).toBe(200);

    const atB = await ready(b);
    expect(atB.status).toBe(503);
    expect(atB.text).toMatch(/ERR_STATE_KEY_UNKNOWN/);
    expect(atB.text).toContain(keyIdOf(Buffer.from(keyA, 'hex')));
    expect(atB.text).toMatch(/same key/);
    expect(atB.text).not.toContain(keyA);
    // A can open everything sealed so far: still ready.
    expect((await ready(a)).status).toBe(200);

    // Its job end at B cannot revoke it. Before: 200 with `complete: true` and no credential listed,
    // so the job's audit step read "nothing was live". Now the answer and the job.ended line say what
    // B could not open, and the listing is not complete.
    const end = await b.post('/revoke', {
      subject_token: await rig.oidc('keys', 's19-keys-a'),
      job: 'publish',
    });
    expect(end.status).toBe(200);
    expect(end.body.complete).toBe(false);
    expect(end.body.credentials).toEqual([
      expect.objectContaining({ step: 'release', state: 'revocation-failed' }),
    ]);
    await until(() => rig.audit('keys-b').some((e) => e.type === 'job.ended'), 10_000, 'the job.ended line');
    expect(rig.audit('keys-b').find((e) => e.type === 'job.ended')!.details).toMatchObject({
      unopened: 1,
      unopened_code: 'ERR_STATE_KEY_UNKNOWN',
    });
    // At A it is revoked.
    const atA = await a.post('/revoke', {
      subject_token: await rig.oidc('keys', 's19-keys-a'),
      job: 'publish',
    });
    expect([atA.status, atA.body.revoked]).toEqual([200, 1]);
  }, 60_000);
});
