/**
 * Session 31: the kill switch against descendants minted concurrently, through broker processes,
 * with nothing held or hooked: a run's broker credential is exchanged for chained children (and
 * those for grandchildren) many at a time while an administrator's `/admin/revoke run_id=` for the
 * run (or the holder's RFC 7009 revocation of the root) is in flight. Whatever the interleaving, once the kill has answered, no credential of the run
 * that left a broker is live: introspection at every broker says inactive, a further chained exchange
 * of it is refused. On one redis-server with two broker processes (the kill at one, the chains at the
 * other and at both), and on a broker of its own with the memory store. The rounds vary when the kill
 * starts (when 0-4 children have been delivered); each round is a run of its own.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrokerProcess } from '../support/cluster.js';
import { ADMIN, startRig, type Rig } from '../support/redis-rig.js';
import { runIdOf } from '../support/run-ids.js';

const GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange';
const JWT = 'urn:ietf:params:oauth:token-type:jwt';
const ROUNDS = 6;
const WIDTH = 8;

describe('a kill switch against chained credentials minted at the same time (s31)', () => {
  let rig: Rig;
  let a: BrokerProcess;
  let b: BrokerProcess;
  let mem: BrokerProcess;

  beforeAll(async () => {
    rig = await startRig({ alpha: 531003 });
    a = await rig.spawn('s31-kill-a');
    b = await rig.spawn('s31-kill-b');
    mem = await rig.spawn('s31-kill-mem', { state: 'memory' });
    // Generous for a loaded 2-core machine (redis-server, the stand-ins and three broker processes).
  }, 240_000);
  afterAll(async () => {
    await rig?.close();
  }, 120_000);

  const chain = async (at: BrokerProcess, subject: string) => {
    const r = await at.post('/token', { grant_type: GRANT, subject_token: subject, subject_token_type: JWT });
    const token = typeof r.body.access_token === 'string' ? r.body.access_token : undefined;
    if (token) rig.secrets.push(token);
    return token;
  };

  async function round(
    label: string,
    killAt: BrokerProcess,
    chainAt: BrokerProcess[],
    startAfter: number,
    by: 'admin' | 'holder' = 'admin',
  ) {
    const run = `s31-kill-${label}`;
    const parent = await rig.exchange(killAt, await rig.oidc('alpha', run), 'notify');
    expect(parent.status).toBe(200);
    const root = String(parent.body.access_token);
    const delivered: string[] = [root];
    // The kill starts when `startAfter` children have been delivered (0: with the first requests in
    // flight), while the other children and the grandchildren of those delivered are being minted.
    let kill: Promise<{ status: number }> | undefined;
    const fire = () =>
      (kill ??=
        by === 'admin'
          ? killAt.post('/admin/revoke', { run_id: runIdOf(run) }, ADMIN)
          : killAt.post('/revoke', { token: root }));
    let children = 0;
    if (startAfter === 0) fire();
    const minting: Promise<void>[] = [];
    for (let i = 0; i < WIDTH; i++) {
      minting.push(
        chain(chainAt[i % chainAt.length]!, root).then(async (child) => {
          if (!child) return;
          delivered.push(child);
          if (++children === startAfter) fire();
          const grandchild = await chain(chainAt[(i + 1) % chainAt.length]!, child);
          if (grandchild) delivered.push(grandchild);
        }),
      );
    }
    await Promise.all(minting);
    expect((await fire()).status).toBe(200);
    // Once the kill has answered and every exchange has: nothing of the run is live anywhere.
    const everywhere = [killAt, ...chainAt];
    for (const token of delivered) {
      for (const at of everywhere) {
        const r = await at.post('/introspect', { token }, ADMIN);
        expect([r.status, r.body.active]).toEqual([200, false]);
      }
      expect(await chain(chainAt[0]!, token)).toBeUndefined();
    }
    // The credentials that left a broker besides the root.
    return delivered.length - 1;
  }

  it('two brokers on one redis-server: the kill at one, the chains at the other', async () => {
    let left = 0;
    for (let n = 0; n < ROUNDS; n++) left += await round(`ab-${n}`, a, [b], n % 5);
    // Children did leave the brokers before and around the kill (not all refusals).
    expect(left).toBeGreaterThan(2 * ROUNDS);
    // Generous for a loaded 2-core machine: each round is about 30 requests and 50 introspections.
  }, 300_000);

  it('two brokers on one redis-server: the kill at one, the chains at both', async () => {
    let left = 0;
    for (let n = 0; n < ROUNDS; n++) left += await round(`both-${n}`, a, [a, b], n % 5);
    expect(left).toBeGreaterThan(2 * ROUNDS);
  }, 300_000);

  it('the memory store: the kill and the chains at one broker', async () => {
    let left = 0;
    for (let n = 0; n < ROUNDS; n++) left += await round(`mem-${n}`, mem, [mem], n % 5);
    expect(left).toBeGreaterThan(2 * ROUNDS);
  }, 300_000);

  it('two brokers on one redis-server: the root revoked by its holder (RFC 7009) at one, the chains at both', async () => {
    let left = 0;
    for (let n = 0; n < ROUNDS; n++) left += await round(`holder-${n}`, a, [a, b], n % 5, 'holder');
    expect(left).toBeGreaterThan(2 * ROUNDS);
  }, 300_000);
});
