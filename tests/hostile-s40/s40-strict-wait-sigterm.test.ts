/**
 * Session 40, on call: SIGTERM while strict mode waits for a replica to take a credential's record
 * (`recordReplicatedOrRevoked`, session 39). The drain cuts the client before the wait ends; the
 * stop then waits for the exchange (its in-flight window) before it closes the store. Does the token
 * GitHub minted stay live with nobody holding it, or does the process hang or exit before revoking?
 *
 * Held on the start commit: the wait runs out (no replica), the token is revoked at GitHub and at the
 * primary (`credential.revoked` ERR_STATE_NOT_REPLICATED), nothing is granted, the process exits 0.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrokerProcess } from '../support/cluster.js';
import { holdNext } from '../support/github.js';
import {
  MINT_ROUTE,
  sleep,
  until,
  type Rig,
  startReplicatedRig,
  type ReplicatedRig,
} from '../support/redis-rig.js';

describe('SIGTERM while a strict wait for the record is pending (s40)', () => {
  let pair: ReplicatedRig;
  let rig: Rig;
  let a: BrokerProcess;

  beforeAll(async () => {
    pair = await startReplicatedRig({ waitterm: 540301 });
    ({ rig } = pair);
    a = await rig.spawn('s40-waitterm-a', {
      extra: 'state-strict: true\nstate-strict-timeout-ms: 3000\ndrain-timeout: 1\n',
    });
    await until(async () => (await pair.replicas()) === 1, 30_000, 'replica up');
  }, 180_000);
  afterAll(async () => {
    await pair?.close();
  }, 120_000);

  it('the client cut, the token revoked at GitHub, nothing granted, exit 0', async () => {
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
      a.proc.once('exit', (code, signal) => r({ code, signal })),
    );
    const held = holdNext(rig.gh.standin, 'POST', MINT_ROUTE);
    const exchange = rig.exchange(a, await rig.oidc('waitterm', 's40-waitterm-1'), 'release').then(
      (r) => r.status,
      () => 0,
    );
    try {
      await held.arrived;
      await pair.detach();
    } finally {
      held.release();
    }
    // The mint answered: the exchange is at the record's wait (3 s) when the signal comes.
    await sleep(400);
    a.proc.kill('SIGTERM');
    expect(await exited).toEqual({ code: 0, signal: null });
    expect([0, 503]).toContain(await exchange);
    const live = rig.gh.state.tokens.filter((t) => !t.revoked);
    expect(live).toEqual([]);
    const lines = rig.audit('s40-waitterm-a');
    const granted = lines.filter((l) => l.type === 'credential.granted').map((l) => l.grant_id);
    expect(granted).toHaveLength(1);
    expect(
      lines.filter((l) => l.type === 'credential.revoked' && l.grant_id === granted[0]).map((l) => l.reason),
    ).toEqual(['ERR_STATE_NOT_REPLICATED']);
  }, 120_000);
});
