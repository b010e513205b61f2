/**
 * Session 43, the orphaned take with real broker processes and SIGKILL: an instance whose audit log
 * fails takes its expired broker JWT (the store's step runs; its line cannot be made durable), then is
 * killed. On the start commit 0848e99d its next take dropped the take's list a second later whatever
 * its log said, and the kill lost the only copy of the line (in the dead process's queue): no instance
 * ever wrote `credential.expired` for it. Now the list stays leased in `stepwarden:takes` until its
 * lines are durable, and past the lease (60 s, the store's TIME) another instance adopts it and writes
 * the line, once.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrokerProcess } from '../support/cluster.js';
import { manifestFor, startRig, until, type Rig } from '../support/redis-rig.js';

describe('an instance killed after its take, its log failing: another adopts the take (s43)', () => {
  let rig: Rig;
  let dying: BrokerProcess;
  let path: string;

  beforeAll(async () => {
    rig = await startRig({ orphankill: 430002 });
    rig.writeManifest('orphankill', manifestFor('orphankill', 430002).replace('ttl: 60', 'ttl: 30'));
    dying = await rig.spawn('s43-dying');
    path = join(rig.dir, 'audit-s43-dying.jsonl');
  }, 120_000);
  afterAll(async () => {
    rmSync(path, { recursive: true, force: true });
    await rig?.close();
  }, 60_000);

  it('the expired line is written by the other instance past the lease', async () => {
    const granted = await rig.exchange(dying, await rig.oidc('orphankill', 's43-kill-1'));
    expect(granted.status).toBe(200);
    const line = rig.audit('s43-dying').find((l) => l.type === 'credential.granted');
    const grantId = String(line?.grant_id);
    expect(line?.ttl).toBe(30);
    // Its log fails from here: the take's line is queued in the process only.
    rmSync(path, { force: true });
    mkdirSync(path);
    const raw = rig.redis.client();
    try {
      await until(
        async () => (await raw.hget(`stepwarden:rec:${grantId}`, 'revokedAt')) !== null,
        90_000,
        'the dying instance to take the expired JWT',
      );
      // Its sweep runs each second: give it a few ticks, as a real instance would have, to drop the list.
      const tick = Number((await raw.time())[0]) + 3;
      await until(async () => Number((await raw.time())[0]) >= tick, 10_000, 'three sweep ticks');
    } finally {
      raw.disconnect();
    }
    await dying.stop('SIGKILL');
    const other = await rig.spawn('s43-other');
    await until(
      () => rig.audit('s43-other').some((l) => l.type === 'credential.expired' && l.grant_id === grantId),
      120_000,
      "the other instance to adopt the dead instance's take",
    );
    expect(
      rig.audit('s43-other').filter((l) => l.type === 'credential.expired' && l.grant_id === grantId),
    ).toHaveLength(1);
    expect(other.stderr()).not.toMatch(/ALARM/);
  }, 300_000);
});
