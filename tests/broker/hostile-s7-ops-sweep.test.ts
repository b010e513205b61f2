/**
 * Session 7, operating the broker: an instance SIGKILLed in the middle of its revocation sweep, on
 * Redis state. Its sweep had leased a batch of due credentials (60 s) and was waiting on GitHub's
 * DELETE for the first; the lease outlives the process. Another instance must take every one of them
 * (the ones the dead sweep never leased at once, the leased ones once the lease is over), revoke each
 * at GitHub and audit each once. Slow by nature (a 30 s ttl, then the 60 s lease): bounded, no timing
 * assertions.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startRig, until, type Rig } from '../support/redis-rig.js';

const REPOS = { swept: 370001 };
const DELETE = '/installation/token';
let rig: Rig;

beforeAll(async () => {
  rig = await startRig(REPOS, { releaseTtl: 30 });
}, 60_000);
afterAll(async () => {
  await rig?.close();
}, 60_000);

describe('a broker SIGKILLed mid-sweep (redis state)', () => {
  it('the other instance revokes every overdue credential after the dead one’s lease, each once, audited once', async () => {
    const raw = rig.redis.client();
    const a = await rig.spawn('sweep-a');
    const N = 5;
    const got = await Promise.all(
      Array.from({ length: N }, async (_, i) =>
        rig.exchange(a, await rig.oidc('swept', `sweep-${i}`), 'release'),
      ),
    );
    expect(got.map((r) => r.status)).toEqual(Array(N).fill(200));
    const grants = got.map((r) => String(r.body.grant_id));
    const tokens = rig.gh.state.tokens.slice(-N);
    // GitHub hangs the first revocation: a's sweep holds its batch while it waits (it would give up at
    // the upstream deadline, 10 s; the test kills it long before).
    rig.gh.standin.fail('DELETE', DELETE, { count: 1, delayMs: 120_000 });
    // Queued at its revocation deadline once delivered; leased: moved to at least that + 60 s.
    const deadline = new Map<string, number>();
    for (const g of grants) deadline.set(g, Number(await raw.zscore('stepwarden:queue', g)));
    expect([...deadline.values()].every((d) => d > Date.now() / 1000)).toBe(true);
    const leased = async () => {
      const out: string[] = [];
      for (const g of grants) {
        const s = await raw.zscore('stepwarden:queue', g);
        if (s !== null && Number(s) >= deadline.get(g)! + 50) out.push(g);
      }
      return out;
    };
    // a's sweep has leased its batch and marked the first revoked: it is waiting on GitHub's DELETE.
    const marking = async () => {
      for (const g of grants) if (await raw.hexists(`stepwarden:rec:${g}`, 'revokedAt')) return true;
      return false;
    };
    await until(marking, 60_000, 'a sweep calling GitHub for a due credential');
    await a.stop('SIGKILL');
    const held = await leased();
    // Marked revoked by a (it was calling GitHub for it): the hung DELETE's credential.
    const marked: string[] = [];
    for (const g of grants) if (await raw.hexists(`stepwarden:rec:${g}`, 'revokedAt')) marked.push(g);
    expect(held.length).toBeGreaterThan(0);
    expect(tokens.every((t) => !t.revoked)).toBe(true); // the hung DELETE completed nothing

    rig.gh.standin.fail('DELETE', DELETE, { count: 0 });
    const b = await rig.spawn('sweep-b');
    const terminal = (g: string) =>
      rig
        .audit('sweep-a', 'sweep-b')
        .filter(
          (e) =>
            e.grant_id === g &&
            ['credential.expired', 'credential.revoked', 'credential.revoke_failed'].includes(String(e.type)),
        );
    await until(() => grants.every((g) => terminal(g).length > 0), 120_000, 'every credential swept');
    // One more sweep round or two: nothing is done twice.
    const deletes = rig.gh.standin.requests.filter((q) => q.method === 'DELETE' && q.path === DELETE).length;
    await new Promise((r) => setTimeout(r, 2500));
    // Each once: expired by b (its deadline, never worked by a), or, for the one whose DELETE a was in
    // when it died (already marked revoked), the end a never wrote.
    for (const g of grants)
      expect(terminal(g)).toEqual([
        expect.objectContaining(
          marked.includes(g)
            ? { type: 'credential.revoked', reason: 'REVOCATION_INTERRUPTED', outcome: 'success' }
            : { type: 'credential.expired', reason: 'TTL_PASSED', outcome: 'success' },
        ),
      ]);
    expect(marked).toHaveLength(1);
    expect(held).toContain(marked[0]);
    // Every line about them past the grant came from b (a died before finishing any).
    expect(
      rig
        .audit('sweep-a')
        .filter((e) => grants.includes(String(e.grant_id)) && e.type !== 'credential.granted'),
    ).toEqual([]);
    expect(tokens.map((t) => t.revoked)).toEqual(Array(N).fill(true));
    expect(rig.gh.standin.requests.filter((q) => q.method === 'DELETE' && q.path === DELETE).length).toBe(
      deletes,
    );
    for (const g of grants) expect(await raw.zscore('stepwarden:queue', g)).toBeNull();
    // Nothing either instance wrote on stderr carries a credential.
    for (const t of [...tokens.map((x) => x.token), ...rig.secrets]) {
      expect(b.stderr()).not.toContain(t);
      expect(a.stderr()).not.toContain(t);
    }
    await b.stop();
  }, 240_000);
});
