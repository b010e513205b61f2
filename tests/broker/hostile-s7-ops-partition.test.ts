/**
 * Session 7, operating the broker: a network partition between a broker process and Redis in the
 * middle of a burst (the proxy stops forwarding both ways, connections stay open, and what was sent
 * meanwhile arrives late when it heals, as TCP retransmits it). Every exchange must end, 200 or
 * 503 `temporarily_unavailable`, within a bound (a hang fails the test); `/readyz` must say the store
 * is down while `/healthz` (liveness) stays up; nothing is granted twice (a run's step gets one
 * credential across all its retries); every GitHub token minted and not delivered is revoked; and the
 * broker recovers by itself once the partition heals.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startRedisProxy, type RedisProxy } from '../support/redis-proxy.js';
import { ADMIN, sleep, startRig, until, type Rig } from '../support/redis-rig.js';
import { runIdOf } from '../support/run-ids.js';

const REPOS = { parted: 380001 };
// In-flight window: 2 × 4 + 5 = 13 s (what a late write's intent waits before the sweep takes it).
const EXTRA = 'timeouts: { upstream: 4, headers: 10, body: 10, keep-alive: 5 }\n';
let rig: Rig;
let proxy: RedisProxy;

beforeAll(async () => {
  rig = await startRig(REPOS);
  proxy = await startRedisProxy(rig.redis.port);
}, 60_000);
afterAll(async () => {
  await proxy?.close();
  await rig?.close();
}, 60_000);

describe('a network partition to Redis mid-burst', () => {
  it('each exchange ends 200 or 503 within its bound, nothing is granted twice, the broker recovers when it heals', async () => {
    const a = await rig.spawn('parted-a', { state: proxy.url, extra: EXTRA });
    const received = new Map<string, string[]>(); // run -> access tokens a client received
    const outcomes: string[] = [];
    const oidcs: string[] = [];
    /** One exchange of the run's single-use `release` grant; a hang past 40 s fails the test. */
    const attempt = async (run: string) => {
      const oidc = await rig.oidc('parted', run);
      oidcs.push(oidc);
      const res = await fetch(`${a.url}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
          subject_token: oidc,
          subject_token_type: 'urn:ietf:params:oauth:token-type:id_token',
          audience: 'github',
          job: 'publish',
          step: 'release',
        }),
        signal: AbortSignal.timeout(40_000),
      });
      const body = (await res.json()) as Record<string, unknown>;
      if (res.status === 200) {
        rig.secrets.push(String(body.access_token));
        received.set(run, [...(received.get(run) ?? []), String(body.access_token)]);
      }
      const code = String(body.error_description ?? '').split(':')[0];
      outcomes.push(`${res.status} ${body.error ?? ''} ${code}`.trim());
      return { status: res.status, error: body.error, code };
    };

    expect((await attempt('warm')).status).toBe(200);
    const runs = Array.from({ length: 32 }, (_, i) => `p-${i}`);
    // A staggered burst, cut once a few have been granted: the exchanges in flight then are at every
    // step (verifying, the gate, minting, storing, delivering).
    let partitioned = false;
    const burst: Promise<{ status: number; error: unknown }>[] = [];
    for (const r of runs) {
      burst.push(attempt(r));
      if (received.size >= 5 && !partitioned) {
        proxy.stall();
        partitioned = true;
      }
      await sleep(15);
    }
    if (!partitioned) {
      // A slow machine: the stagger ran out first. Cut as soon as a few are granted.
      await until(() => received.size >= 5, 30_000, 'the first grants of the burst');
      proxy.stall();
    }
    const during = await Promise.all(burst);
    for (const r of during)
      expect(r.status === 200 || (r.status === 503 && r.error === 'temporarily_unavailable')).toBe(true);
    expect(during.some((r) => r.status === 200)).toBe(true);
    expect(during.some((r) => r.status === 503)).toBe(true);
    // While it lasts: refused at once-ish, readiness red naming the store, liveness green.
    const cut = await attempt('during-partition');
    expect(cut).toMatchObject({ status: 503, error: 'temporarily_unavailable' });
    const ready = await fetch(`${a.url}/readyz`, { signal: AbortSignal.timeout(30_000) });
    expect(ready.status).toBe(503);
    const checks = ((await ready.json()) as { checks: Record<string, { ok: boolean }> }).checks;
    expect(checks.store).toMatchObject({ ok: false });
    expect((await fetch(`${a.url}/healthz`)).status).toBe(200);
    // The kill switch cannot write its block: the admin is told so (503), never a 200 that blocks nothing.
    const kill = await fetch(`${a.url}/admin/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...ADMIN },
      body: `run_id=${runIdOf('kill-during-partition')}`,
      signal: AbortSignal.timeout(30_000),
    });
    expect(kill.status).toBe(503);
    expect(((await kill.json()) as { error: string }).error).toBe('temporarily_unavailable');

    proxy.heal();
    // Recovers by itself: a fresh run is granted again.
    await until(async () => (await attempt(`after-${Date.now()}`)).status === 200, 30_000, 'recovery');
    expect((await fetch(`${a.url}/readyz`)).status).toBe(200);

    // Every refused run retries (fresh OIDC token each time) until its step has its credential. A
    // write that reached Redis late holds the claim until the sweep frees it (in-flight window).
    for (const run of [...runs, 'during-partition']) {
      await until(
        async () => (received.get(run)?.length ?? 0) > 0 || (await attempt(run)).status === 200,
        60_000,
        `run ${run} granted once the partition healed`,
      ).catch((e: unknown) => {
        // What the refusals of this run were (a claim left spent shows as ERR_GRANT_ALREADY_CLAIMED).
        throw new Error(`${(e as Error).message}; last answers: ${outcomes.slice(-5).join(', ')}`);
      });
    }
    // Nothing granted twice: one credential per run, however many retries.
    for (const run of [...runs, 'during-partition']) expect(received.get(run)).toHaveLength(1);
    // One more try is refused as a second claim: the grant is single-use per run attempt.
    const again = await attempt(runs[0]!);
    expect(again).toMatchObject({ status: 400, code: 'ERR_GRANT_ALREADY_CLAIMED' });
    // Every GitHub token minted that no client received is revoked upstream.
    const delivered = new Set([...received.values()].flat());
    await until(
      () => rig.gh.state.tokens.filter((t) => !delivered.has(t.token)).every((t) => t.revoked),
      60_000,
      'every undelivered GitHub token revoked',
    );
    // Nothing the broker wrote on stderr carries a credential or an OIDC token, and every line is one
    // JSON object (the operational log's format, kept while the store is away).
    for (const s of [...rig.secrets, ...oidcs]) expect(a.stderr()).not.toContain(s);
    const notJson = a
      .stderr()
      .split('\n')
      .filter(Boolean)
      .filter((l) => {
        try {
          return typeof JSON.parse(l) !== 'object';
        } catch {
          return true;
        }
      });
    expect(notJson).toEqual([]);
    await a.stop();
  }, 240_000);
});
