/**
 * A broker process SIGKILLed between its write-ahead intent and the delivery, while a second instance
 * keeps running (session 25). faults-kill covers the next instance sweeping at its start; here nobody
 * restarts: the running peer's once-a-second sweep must take the dead one's intent when its in-flight
 * window ends (never before: the exchange could still be alive), give the claim back with one
 * `INTENT_ABANDONED` line, and let the step's retry be granted exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrokerProcess } from '../support/cluster.js';
import { sleep, startRig, until, type Rig } from '../support/redis-rig.js';
import { runIdOf } from '../support/run-ids.js';

const REPOS = { peer: 340001 };
// In-flight window: 2 × the upstream deadline + 5 s (server.ts): 13 s here.
const EXTRA = 'timeouts: { upstream: 4, headers: 10, body: 10, keep-alive: 5 }\n';
const WINDOW_MS = (2 * 4 + 5) * 1000;
const TOKENS = '/app/installations/{installation_id}/access_tokens';

let rig: Rig;
beforeAll(async () => {
  rig = await startRig(REPOS);
}, 60_000);
afterAll(async () => {
  await rig?.close();
}, 60_000);

/**
 * `a`'s exchange of the step in `run`, its GitHub call held, then `a` SIGKILLed with its write-ahead
 * intent written (nothing minted): resolves to the intent's grant id.
 */
async function killMidExchange(a: BrokerProcess, run: string): Promise<string> {
  const raw = rig.redis.client();
  rig.gh.standin.fail('POST', TOKENS, { count: 1, delayMs: 3000 });
  const outcome = rig.exchange(a, await rig.oidc('peer', run), 'release').then(
    (r) => `answered ${r.status}`,
    () => 'connection lost',
  );
  let intents: string[] = [];
  await until(async () => (intents = await raw.keys('stepwarden:intent:*')).length > 0, 10_000, 'intent');
  await a.stop('SIGKILL');
  expect(await outcome).toBe('connection lost');
  return intents[0]!.slice('stepwarden:intent:'.length);
}

/**
 * The step's retry at `b` after the sweep, GitHub answering again: a 503 (the stand-in's mint past the
 * 4 s deadline on a loaded machine) is asked again, as the action does; what matters is one 200.
 */
async function retryAfterSweep(b: BrokerProcess, run: string) {
  rig.gh.standin.fail('POST', TOKENS, { count: 0 });
  let retry = { status: 0, body: {} as Record<string, unknown> };
  for (let i = 0; i < 5 && (i === 0 || retry.status === 503); i++) {
    retry = await rig.exchange(b, await rig.oidc('peer', run), 'release');
    if (retry.status === 503) await sleep(500);
  }
  return retry;
}

describe('a broker killed mid-exchange while its peer runs (redis state)', () => {
  it("the peer's sweep takes the intent after the window, once; the retry is granted once", async () => {
    const [a, b] = await Promise.all([
      rig.spawn('peer-a', { extra: EXTRA }),
      rig.spawn('peer-b', { extra: EXTRA }),
    ]);
    try {
      const raw = rig.redis.client();
      // GitHub holds a's token call, so a dies with its intent written and nothing minted.
      const minted = rig.gh.state.tokens.length;
      const grant = await killMidExchange(a, 'peer-1');

      // Within the window the intent stands (the exchange could be alive): a retry then is held
      // (ERR_GRANT_IN_FLIGHT, the next test), never granted a second credential.
      // After it, b's running sweep takes it: one line, the claim back.
      await until(
        () => rig.audit('peer-b').some((e) => e.grant_id === grant),
        WINDOW_MS + 30_000,
        "the peer's sweep line",
      );
      expect(rig.audit('peer-b').filter((e) => e.grant_id === grant)).toEqual([
        expect.objectContaining({
          type: 'credential.revoked',
          reason: 'INTENT_ABANDONED',
          run_id: runIdOf('peer-1'),
        }),
      ]);
      expect(await raw.exists(`stepwarden:intent:${grant}`)).toBe(0);

      const retry = await retryAfterSweep(b, 'peer-1');
      expect([retry.status, retry.body.error_description]).toEqual([200, undefined]);
      const again = await rig.exchange(b, await rig.oidc('peer', 'peer-1'), 'release');
      expect(String(again.body.error_description)).toMatch(/^ERR_GRANT_ALREADY_CLAIMED/);
      // The sweep line and the grant, each once, across both instances' files.
      await until(
        () =>
          rig
            .audit('peer-a', 'peer-b')
            .some((e) => e.type === 'credential.granted' && e.run_id === runIdOf('peer-1')),
        10_000,
        'granted line',
      );
      const granted = rig
        .audit('peer-a', 'peer-b')
        .filter((e) => e.type === 'credential.granted' && e.run_id === runIdOf('peer-1'));
      expect(granted).toHaveLength(1);
      // Every GitHub token minted since is the one delivered, or revoked.
      const delivered = new Set(rig.secrets);
      for (const t of rig.gh.state.tokens.slice(minted))
        expect(delivered.has(t.token) || t.revoked).toBe(true);
    } finally {
      await a.stop('SIGKILL');
      await b.stop();
    }
  }, 180_000);

  // Found in session 25 (it.failing until session 26): a retry inside the window was refused
  // ERR_GRANT_ALREADY_CLAIMED with a `credential.claimed_twice` "possible theft" line, and stayed
  // counted, so the step was refused for the rest of its run attempt. The gate now holds it
  // (429 ERR_GRANT_IN_FLIGHT, Retry-After: the window's end), uncounted.
  it('a retry inside the window does not keep the step from its one credential after the sweep', async () => {
    const [a, b] = await Promise.all([
      rig.spawn('early-a', { extra: EXTRA }),
      rig.spawn('early-b', { extra: EXTRA }),
    ]);
    try {
      const grant = await killMidExchange(a, 'early-1');
      // The action's retries (a fresh token each), at once, at the other instance: held, not
      // counted, no "possible theft" line.
      for (let i = 0; i < 2; i++) {
        const early = await rig.exchange(b, await rig.oidc('peer', 'early-1'), 'release');
        expect([early.status, String(early.body.error_description).split(':')[0]]).toEqual([
          429,
          'ERR_GRANT_IN_FLIGHT',
        ]);
      }
      await until(
        () => rig.audit('early-b').some((e) => e.grant_id === grant),
        WINDOW_MS + 30_000,
        "the peer's sweep line",
      );
      const retry = await retryAfterSweep(b, 'early-1');
      expect([retry.status, retry.body.error_description]).toEqual([200, undefined]);
      const again = await rig.exchange(b, await rig.oidc('peer', 'early-1'), 'release');
      expect(String(again.body.error_description)).toMatch(/^ERR_GRANT_ALREADY_CLAIMED/);
      const ofRun = () => rig.audit('early-a', 'early-b').filter((e) => e.run_id === runIdOf('early-1'));
      await until(() => ofRun().some((e) => e.type === 'credential.claimed_twice'), 10_000, 'theft line');
      const lines = ofRun();
      expect(lines.filter((e) => e.reason === 'ERR_GRANT_IN_FLIGHT')).toEqual([
        expect.objectContaining({ type: 'credential.refused', outcome: 'denied' }),
        expect.objectContaining({ type: 'credential.refused', outcome: 'denied' }),
      ]);
      // One theft line: the retry after the grant, not the ones that waited for the sweep.
      expect(lines.filter((e) => e.type === 'credential.claimed_twice')).toHaveLength(1);
    } finally {
      await a.stop('SIGKILL');
      await b.stop();
    }
  }, 180_000);
});
