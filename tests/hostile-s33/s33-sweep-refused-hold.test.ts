/**
 * Session 33 (lead, at the merge): an instance whose sweep takes a due entry and then cannot hold it
 * kept it a whole lease. An ACL user that may EVALSHA but not EVAL, after the server lost its scripts
 * (SCRIPT FLUSH, a restart), runs due() (another instance loaded that script) but not the hold step:
 * the hold failed, the lease taken by due() was dropped from what release() gives back, so the entry
 * stayed leased 60 s, and the same instance, ticking first, took it again at the next expiry: the
 * other instances never swept it (tests/hostile-s32/s32-scripts-flush's ACL case failed about one run
 * in two on that race, at 8d88a68 too). Now the failed sweep gives the entry back at once, in plain
 * commands when the release script is refused as well.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { memoryAuditSink } from '../../shared/broker/audit-log.js';
import { Revoker } from '../../shared/broker/revocation.js';
import { RedisStore } from '../../shared/broker/state/redis.js';
import { SecretBox } from '../../shared/broker/state/secret-box.js';
import { startRedis, type RedisServer } from '../support/redis.js';
import { expiredJwt } from '../support/records.js';

let server: RedisServer;
let admin: RedisStore;
let limited: RedisStore;
const box = SecretBox.fromText(randomBytes(32).toString('hex'), 'test');
const now = () => Math.floor(Date.now() / 1000);

beforeAll(async () => {
  server = await startRedis();
  const raw = server.client();
  await raw.call('ACL', 'SETUSER', 'sweeper', 'on', '>s33-pass-word', '~*', '&*', '+@all', '-eval');
  await raw.quit();
  admin = await RedisStore.connect(server.url, { box });
  limited = await RedisStore.connect(server.url.replace('redis://', 'redis://sweeper:s33-pass-word@'), {
    box,
  });
}, 60_000);
afterAll(async () => {
  await limited?.close();
  await admin?.close();
  await server?.stop();
});

/** The server without its scripts, then only due()'s loaded (by the admin's sweep of an empty queue). */
async function onlyDueLoaded(): Promise<void> {
  const raw = server.client();
  await raw.script('FLUSH');
  await raw.quit();
  // The limited user's first call of a script is EVAL (refused); later ones are EVALSHA.
  await limited.due(now(), 10, 60).catch(() => undefined);
  expect(await admin.due(now(), 10, 60)).toEqual([]);
}

/** An entry the admin took with due(): given back and swept (expired), so the queue is empty again. */
async function settle(grantId: string): Promise<void> {
  await admin.release([grantId]);
  const audit = memoryAuditSink();
  expect(await new Revoker({ store: admin, audit, githubFor: () => undefined, now }).sweep()).toBe(1);
  expect(audit.events.map((l) => (l as Record<string, unknown>).grant_id)).toEqual([grantId]);
}

describe('a sweep whose hold the store refuses gives the entry back (s33)', () => {
  it('control: an entry the limited instance took (due) and did not give back stays leased', async () => {
    await onlyDueLoaded();
    const r = expiredJwt();
    await admin.put(r);
    expect(await limited.due(now(), 10, 60)).toEqual([r.grantId]);
    // The admin's sweep does not see it: the lease is the limited instance's (this is what a failed
    // hold must not leave behind).
    expect(await admin.due(now(), 10, 60)).toEqual([]);
    await limited.release([r.grantId]);
    expect(await admin.due(now(), 10, 60)).toEqual([r.grantId]);
    await settle(r.grantId);
  });

  it("the limited instance's sweep fails on the hold and the entry is due again at once, for the admin's sweep", async () => {
    await onlyDueLoaded();
    const r = expiredJwt();
    await admin.put(r);
    const audit = memoryAuditSink();
    const sweeping = new Revoker({ store: limited, audit, githubFor: () => undefined, now });
    // The hold (and the release script) refused: the sweep fails, nothing revoked or audited there.
    await expect(sweeping.sweep()).rejects.toThrow(/NOPERM/);
    expect(audit.events).toEqual([]);
    // Given back: the admin's sweep takes it now, not a lease (60 s) later.
    const other = new Revoker({ store: admin, audit, githubFor: () => undefined, now });
    expect(await other.sweep()).toBe(1);
    expect(audit.events.map((l) => [l.type, (l as Record<string, unknown>).grant_id])).toEqual([
      ['credential.expired', r.grantId],
    ]);
    expect((await admin.get(r.grantId))?.revokedAt).toBeDefined();
  });

  it('a release whose script runs is not changed: the lease compared, an entry another caller holds left alone', async () => {
    const r = expiredJwt();
    await admin.put(r);
    expect(await admin.due(now(), 10, 60)).toEqual([r.grantId]);
    // The limited instance never took this entry: its release gives nothing back.
    await limited.release([r.grantId]);
    expect(await limited.due(now(), 10, 60)).toEqual([]);
    await admin.release([r.grantId]);
    expect(await limited.due(now(), 10, 60)).toEqual([r.grantId]);
    await limited.release([r.grantId]);
    expect(await admin.due(now(), 10, 60)).toEqual([r.grantId]);
    await settle(r.grantId);
  });
});
