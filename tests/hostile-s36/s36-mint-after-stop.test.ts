/**
 * Session 36, left by session 35: an exchange that outlives the stop's in-flight wait. SIGTERM comes
 * while the exchange still reads its manifest (GitHub slow, each read inside its own deadline); the
 * stop cuts the client at `drain-timeout` and waits its in-flight window (2 × upstream + 5 s) from
 * there, but the exchange's gate and mint come later still, so the mint could answer after the stop
 * drained the audit and closed the store. Before: GitHub minted, the store was closed, GitHub then
 * failed the DELETE and the token was left to a stopping instance (the alarm only: live for its hour,
 * no record; the next instance's sweep called the grant "nothing returned"). Decided: once the drain
 * has cut every client nothing more is minted: such an exchange is refused before its mint
 * (`ERR_BROKER_STOPPING`), its intent and claim given back, its line in the audit file. Every mint
 * still out then began before the wait and ends, by its upstream deadline, inside it.
 * Run through the CLI's own entry, which (unlike the tests' wrapper) does not exit while work is out.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrokerProcess } from '../support/cluster.js';
import { startRig, until, type Rig } from '../support/redis-rig.js';

const MINT = '/app/installations/{installation_id}/access_tokens';
const REVOKE = '/installation/token';
const UPSTREAM = 30;

describe('an exchange that reaches its mint after the stop cut its client (s36)', () => {
  let rig: Rig;
  let a: BrokerProcess;

  beforeAll(async () => {
    rig = await startRig({ drn: 536101 }, { github: true });
    a = await rig.spawn('s36-late-a', {
      extra: `drain-timeout: 1\ntimeouts: { upstream: ${UPSTREAM} }\n`,
      entry: 'shared/cli/main.ts',
    });
  }, 120_000);
  afterAll(async () => {
    rig?.gh.standin.fail('DELETE', REVOKE, { count: 0 });
    await rig?.close();
  }, 120_000);

  it('mints nothing: refused naming its rule, no token live, one line, the claim given back', async () => {
    const raw = rig.redis.client();
    // The broker's connections (the stop closes them last); this client's own is left out.
    const brokerClients = async () =>
      String(await raw.client('LIST'))
        .split('\n')
        .filter((l) => l.includes('cmd=') && !l.includes('cmd=client')).length;
    const before = await brokerClients();
    expect(before).toBeGreaterThan(0);
    let reads = 0;
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let minted = false;
    // The default branch's read token, then the manifest's, each answered 6 s inside its own
    // deadline: the exchange reaches its gate and mint about 2 × 24 s after the signal, past the
    // stop's drain (1 s) and before its wait's end (1 + 65 s); the mint's own deadline (30 s) outlasts
    // that wait. The mint is held until the stop closed the store (GitHub answering while the process
    // still runs).
    const mint = () =>
      rig.gh.standin.fail('POST', MINT, { count: 1, until: released, onArrive: () => (minted = true) });
    const slow = (next: () => void) =>
      rig.gh.standin.fail('POST', MINT, {
        count: 1,
        delayMs: (UPSTREAM - 6) * 1000,
        onArrive: () => (reads++, next()),
      });
    slow(() => slow(mint));
    const exited = new Promise<number | null>((r) => a.proc.once('exit', (code) => r(code)));
    const asked = rig
      .exchange(a, await rig.oidc('drn', 's36-late-1'), 'release')
      .catch(() => ({ status: 0, body: {} as Record<string, unknown> }));
    await until(() => reads === 1, 60_000, 'the first read held');
    a.proc.kill('SIGTERM');
    // The drain cuts the client long before the exchange is done.
    expect((await asked).status).toBe(0);
    await until(() => reads === 2, 60_000, 'the second read held');
    await until(async () => (await brokerClients()) < before, 120_000, 'the stop closed the store');
    // Both read tokens released (204) before GitHub starts failing revocations.
    const deletes = () => rig.gh.standin.requests.filter((r) => r.method === 'DELETE' && r.status === 204);
    await until(() => deletes().length >= 2, 60_000, 'the read tokens released');
    rig.gh.standin.fail('DELETE', REVOKE, { count: 1000, status: 500 });
    release();
    expect(await exited).toBe(0);
    // The next instance sweeps whatever the first left queued (an intent: at its in-flight window).
    const b = await rig.spawn('s36-late-b');
    try {
      await until(
        async () => (await raw.zcard('stepwarden:queue')) === 0,
        120_000,
        'nothing left queued for a sweep',
      );
      // No token GitHub minted is live: the reads' were released, and no mint was answered.
      expect(rig.gh.state.tokens.filter((t) => !t.revoked)).toEqual([]);
      expect(minted).toBe(false);
      rig.gh.standin.fail('DELETE', REVOKE, { count: 0 });
      const lines = rig.audit('s36-late-a', 's36-late-b').filter((l) => l.run_id !== undefined);
      // One line for the exchange, in the first instance's file, naming its rule; no grant.
      expect(lines.map((l) => [l.type, l.outcome, l.reason])).toEqual([
        ['credential.refused', 'error', 'ERR_BROKER_STOPPING'],
      ]);
      expect(String(lines[0]!.detail)).toMatch(/stopping/);
      // The claim was given back: the step's next exchange (a fresh token) is granted at b.
      const again = await rig.exchange(b, await rig.oidc('drn', 's36-late-1'), 'release');
      expect(again.status).toBe(200);
    } finally {
      rig.gh.standin.fail('DELETE', REVOKE, { count: 0 });
      await b.stop();
    }
  }, 300_000);
});
