/**
 * Session 32, attacking session 31's store scripts on plain EVAL/EVALSHA with a NOSCRIPT fallback
 * (shared/broker/state/redis.ts `run`): two broker processes on one redis-server, each single-use
 * OIDC token sent to both at once, while the server loses its scripts (SCRIPT FLUSH, again and again,
 * mid-burst). A NOSCRIPT answer ran nothing, so the fallback's EVAL cannot apply a step twice: every
 * token is granted exactly once (the other broker refused as a replay, never a 503 for the flush),
 * one `credential.granted` line and one GitHub token per grant, every token minted is one a client
 * holds. And an ACL user who may EVAL but not EVALSHA (or the reverse): every exchange either
 * completes once or fails closed (503) with nothing minted at GitHub and nothing granted.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrokerProcess } from '../support/cluster.js';
import { startRig, until, type Rig } from '../support/redis-rig.js';

const REPOS = { flush: 532101 };

let rig: Rig;
let a: BrokerProcess;
let b: BrokerProcess;

beforeAll(async () => {
  rig = await startRig(REPOS);
  [a, b] = await Promise.all([rig.spawn('fa'), rig.spawn('fb')]);
  // Generous for a loaded 2-core machine (redis-server, the stand-ins and two broker processes).
}, 180_000);

afterAll(async () => {
  await rig?.close();
}, 120_000);

const codeOf = (x: { body: Record<string, unknown> }) => String(x.body.error_description).split(':')[0];
const writeTokens = () => rig.gh.state.tokens.filter((t) => t.permissions.contents === 'write');

describe('the scripts flushed mid-burst, two brokers on one redis-server (s32)', () => {
  it('each single-use token sent to both brokers is granted exactly once, no 503, one line and one GitHub token a grant', async () => {
    // Warm: both brokers have sent every exchange script once (EVAL), so the burst runs on EVALSHA.
    for (const [p, run] of [
      [a, 'warm-a'],
      [b, 'warm-b'],
    ] as const)
      expect((await rig.exchange(p, await rig.oidc('flush', run), 'release')).status).toBe(200);
    const mintedBefore = writeTokens().length;
    const grantedBefore = rig.audit('fa', 'fb').filter((e) => e.type === 'credential.granted').length;

    const raw = rig.redis.client();
    let flushing = true;
    let flushes = 0;
    const flusher = (async () => {
      while (flushing) {
        await raw.script('FLUSH');
        flushes++;
        await new Promise((r) => setImmediate(r));
      }
    })();
    const rounds = 40;
    const results: { run: string; answers: { status: number; body: Record<string, unknown> }[] }[] = [];
    try {
      for (let i = 0; i < rounds; i += 8) {
        const batch = await Promise.all(
          Array.from({ length: Math.min(8, rounds - i) }, async (_, j) => {
            const run = `burst-${i + j}`;
            const token = await rig.oidc('flush', run);
            // The same token at both brokers at once: the one jti, two instances.
            const answers = await Promise.all([
              rig.exchange(a, token, 'release'),
              rig.exchange(b, token, 'release'),
            ]);
            return { run, answers };
          }),
        );
        results.push(...batch);
      }
    } finally {
      flushing = false;
      await flusher;
    }
    expect(flushes).toBeGreaterThan(rounds);

    const granted: string[] = [];
    for (const { run, answers } of results) {
      const statuses = answers.map((x) => x.status).sort();
      // One grant, the other a refusal of the replayed token (never a 503: a NOSCRIPT is not a fault).
      expect([run, statuses]).toEqual([run, [200, 400]]);
      const loser = answers.find((x) => x.status !== 200)!;
      expect([run, String(loser.body.error_description).split(':')[0]]).toEqual([run, 'ERR_OIDC_REPLAYED']);
      granted.push(String(answers.find((x) => x.status === 200)!.body.access_token));
    }
    expect(new Set(granted).size).toBe(rounds);
    // At GitHub: one token per grant, each the one a client holds.
    const minted = writeTokens().slice(mintedBefore);
    expect(minted.map((t) => t.token).sort()).toEqual([...granted].sort());
    // In the audit: one granted line per grant, each grant id once.
    const lines = rig.audit('fa', 'fb').filter((e) => e.type === 'credential.granted');
    expect(lines.length - grantedBefore).toBe(rounds);
    expect(new Set(lines.map((e) => e.grant_id)).size).toBe(lines.length);
  }, 300_000);

  it.each([
    ['may EVAL but not EVALSHA', '-evalsha'],
    ['may EVALSHA but not EVAL', '-eval'],
  ] as const)(
    'an ACL user who %s: each exchange completes once or fails closed (503), nothing minted for a refusal',
    async (_w, rule) => {
      const user = `sw${rule.replace(/\W/g, '')}`;
      const raw = rig.redis.client();
      await raw.call('ACL', 'SETUSER', user, 'on', '>s32-pass-word', '~*', '&*', '+@all', rule);
      const url = rig.redis.url.replace('redis://', `redis://${user}:s32-pass-word@`);
      const name = `fc${rule.replace(/\W/g, '')}`;
      // Starts: its own checks at start do not run the exchange scripts.
      const c = await rig.spawn(name, { state: url });
      const mintedBefore = writeTokens().length;
      const outcomes: number[] = [];
      const held: string[] = [];
      type Answer = { status: number; body: Record<string, unknown> };
      const all: { run: string; step: 'release' | 'notify'; answers: Answer[] }[] = [];
      const stuck: typeof all = [];
      for (let i = 0; i < 6; i++) {
        const run = `${name}-${i}`;
        const step = i % 3 ? 'release' : 'notify';
        // Half of them after a flush: the fallback path, under the rule.
        if (i % 2) await raw.script('FLUSH');
        const token = await rig.oidc('flush', run);
        const r = await rig.exchange(c, token, step);
        expect([run, r.status === 503 ? r.body.error : r.status]).toEqual([
          run,
          r.status === 503 ? 'temporarily_unavailable' : 200,
        ]);
        // The same token at a broker that may run its scripts: never a second grant of it. A 503
        // after the gate used its jti leaves it used (ERR_OIDC_REPLAYED), and the step's claim held
        // until given back (the abandon is a script too, refused like the rest: ERR_GRANT_IN_FLIGHT
        // until the sweep frees it); then the run's next token is granted, once.
        const answers = [r, await rig.exchange(a, token, step)];
        if (r.status === 200) expect([run, answers[1]!.status]).toEqual([run, 400]);
        else if (answers[1]!.status !== 200) {
          expect([run, codeOf(answers[1]!)]).toEqual([run, 'ERR_OIDC_REPLAYED']);
          const next = await rig.exchange(a, await rig.oidc('flush', run), step);
          answers.push(next);
          if (next.status !== 200) {
            expect([run, codeOf(next)]).toEqual([run, 'ERR_GRANT_IN_FLIGHT']);
            stuck.push({ run, step, answers });
          }
        }
        all.push({ run, step, answers });
        outcomes.push(r.status);
      }
      // A held claim is given back by the sweep (its deadline passed, nothing delivered), not lost.
      for (const s of stuck)
        await until(
          async () => {
            const x = await rig.exchange(a, await rig.oidc('flush', s.run), s.step);
            s.answers.push(x);
            if (x.status !== 200) expect([s.run, codeOf(x)]).toEqual([s.run, 'ERR_GRANT_IN_FLIGHT']);
            return x.status === 200;
          },
          120_000,
          `${s.run}'s claim given back`,
        );
      for (const { run, step, answers } of all) {
        expect([run, answers.filter((x) => x.status === 200).length]).toEqual([run, 1]);
        for (const x of answers)
          if (typeof x.body.access_token === 'string' && step === 'release') held.push(x.body.access_token);
      }
      // The rule was met: the user's scripts failed (else this tested nothing).
      expect(outcomes).toContain(503);
      // At GitHub: a live token for each release granted (here or at the other broker); one minted
      // for an exchange that then failed is revoked, never left live without a holder.
      const minted = writeTokens().slice(mintedBefore);
      expect(
        minted
          .filter((t) => !t.revoked)
          .map((t) => t.token)
          .sort(),
      ).toEqual(held.sort());
      expect(
        minted
          .filter((t) => t.revoked)
          .map((t) => t.token)
          .filter((t) => held.includes(t)),
      ).toEqual([]);
      // One granted line a 200 at this broker, none for a 503.
      expect(rig.audit(name).filter((e) => e.type === 'credential.granted').length).toBe(
        outcomes.filter((o) => o === 200).length,
      );
      await c.stop();
    },
    240_000,
  );
});
