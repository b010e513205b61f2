/**
 * On call (session 19): a broker paused (SIGSTOP: a VM frozen, a debugger, a container runtime's
 * freeze) while it holds the sweep lease of a due GitHub token and its revocation call is out, then
 * resumed (SIGCONT) after the lease ran out and another broker took the entry over.
 * What must hold: the token is revoked at GitHub (one 204; a second call on a token already dead is
 * answered 401 and read as done, since nothing can stop a frozen process's call that was already
 * sent), exactly one terminal audit line for it across both brokers, and none saying it failed.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Redis } from 'ioredis';
import { sleep, startRig, until, type Rig } from '../support/redis-rig.js';

// The sweep's lease (revocation.ts LEASE_SECONDS): the other broker may take the entry after it.
const LEASE_MS = 60_000;
const EXTRA = 'timeouts: { upstream: 4, headers: 10, body: 10, keep-alive: 5 }\n';

describe('a broker paused (SIGSTOP) while holding the sweep lease, resumed after another took over', () => {
  let rig: Rig;
  let raw: Redis;

  beforeAll(async () => {
    // A release token of 30 s (the manifest's minimum): due soon after it is granted.
    rig = await startRig({ paused: 391001 }, { releaseTtl: 30 });
    raw = rig.redis.client();
  }, 60_000);
  afterAll(async () => {
    await rig?.close();
  }, 60_000);

  it('revokes the token once at GitHub, writes one terminal line, never a revoke_failed', async () => {
    const a = await rig.spawn('paused-a', { extra: EXTRA });
    const granted = await rig.exchange(a, await rig.oidc('paused', 's19-paused'), 'release');
    expect(granted.status).toBe(200);
    const token = rig.gh.state.tokens.at(-1)!;
    const grant = String(rig.audit('paused-a').find((e) => e.type === 'credential.granted')!.grant_id);
    const deadline = Number(await raw.zscore('stepwarden:queue', grant));

    // GitHub holds the revocation call 3 s: A is stopped with the call out (or just before it).
    rig.gh.standin.fail('DELETE', '/installation/token', { count: 1, delayMs: 3000 });
    await until(
      async () => Number(await raw.zscore('stepwarden:queue', grant)) > deadline + 30,
      60_000,
      "A's lease on the due entry",
    );
    const leasedAt = Date.now();
    a.proc.kill('SIGSTOP');
    try {
      await sleep(Math.max(0, leasedAt + LEASE_MS + 2000 - Date.now()));
      await rig.spawn('paused-b', { extra: EXTRA });
      // B starts, waits out its first sweep tick and calls GitHub: a child process each, starved for
      // tens of seconds at load 28 (session 41).
      await until(
        () => rig.audit('paused-b').some((e) => e.grant_id === grant),
        90_000,
        "B's line for the entry",
      );
      expect(token.revoked).toBe(true);
    } finally {
      a.proc.kill('SIGCONT');
    }
    // A's call comes back (or times out) now: whatever it finds must not say anything twice.
    await sleep(8000);
    const lines = rig
      .audit('paused-a', 'paused-b')
      .filter((e) => e.grant_id === grant && e.type !== 'credential.granted');
    expect(lines.filter((e) => e.type === 'credential.revoke_failed')).toEqual([]);
    expect(
      lines.filter((e) => ['credential.revoked', 'credential.expired'].includes(String(e.type))),
    ).toHaveLength(1);
    const deletes = rig.gh.standin.requests.filter(
      (r) => r.method === 'DELETE' && r.path === '/installation/token' && r.status === 204,
    );
    expect(deletes).toHaveLength(1);
    const rec = await raw.hgetall(`stepwarden:rec:${grant}`);
    expect(rec.revocation).toBe('"done"');
    expect(await raw.zscore('stepwarden:queue', grant)).toBeNull();
    // The work is that long: the credential's 30 s to its deadline, the 60 s lease, B's start and sweep
    // (104 s in CI at d6e859b8); at load 28 it ran past the former 150 s (session 41).
  }, 300_000);
});
