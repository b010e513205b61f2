/**
 * Session 34, operating the broker: SIGTERM with a burst of exchanges in flight, of both kinds (GitHub
 * tokens whose mint GitHub holds, broker JWTs), some of the held mints answered inside the drain and
 * some only after its deadline cut their clients. Nothing half-written: every credential a client
 * received has its granted line, a delivered record and its deadline queued (and a GitHub token still
 * live at GitHub); every grant no client received ends revoked (its line, and the token at GitHub),
 * by the draining instance or, from the store's queue, by the next one; the process exits 0.
 * hostile-s6-ops-lifecycle holds one exchange; this holds many at once, on a shared Redis store.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RedisStore } from '../../shared/broker/state/redis.js';
import { SecretBox } from '../../shared/broker/state/secret-box.js';
import type { BrokerProcess } from '../support/cluster.js';
import { startRig, until, type Rig } from '../support/redis-rig.js';

const MINT = '/app/installations/{installation_id}/access_tokens';
const HELD = 8;
const JWTS = 8;

describe('SIGTERM with a burst of exchanges in flight (s34)', () => {
  let rig: Rig;
  let a: BrokerProcess;

  beforeAll(async () => {
    rig = await startRig({ drn: 534201 });
    // Long enough for the first half of the held mints to finish inside it on a loaded machine; the
    // GitHub calls outlive it (the late half is answered after the cut, not aborted by the deadline).
    a = await rig.spawn('s34-drain-a', { extra: 'drain-timeout: 12\ntimeouts: { upstream: 60 }\n' });
  }, 180_000);
  afterAll(async () => {
    rig?.gh.standin.fail('POST', MINT, { count: 0 });
    await rig?.close();
  }, 120_000);

  it('every delivered credential recorded and queued, every undelivered one revoked, exit 0', async () => {
    let arrived = 0;
    let early!: () => void;
    let late!: () => void;
    const releaseEarly = new Promise<void>((r) => (early = r));
    const releaseLate = new Promise<void>((r) => (late = r));
    // The first half of the mints is answered inside the drain, the rest after its deadline: the
    // second fault is set when the first half has arrived (a held call keeps the fault it met).
    rig.gh.standin.fail('POST', MINT, {
      count: HELD / 2,
      until: releaseEarly,
      onArrive: () => {
        if (++arrived === HELD / 2)
          rig.gh.standin.fail('POST', MINT, {
            count: HELD / 2,
            until: releaseLate,
            onArrive: () => void arrived++,
          });
      },
    });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
      a.proc.once('exit', (code, signal) => r({ code, signal })),
    );
    const ask = async (i: number, step: 'release' | 'notify') => {
      const r = await rig
        .exchange(a, await rig.oidc('drn', `s34-drain-${step}-${i}`), step)
        .catch(() => ({ status: 0, body: {} as Record<string, unknown> }));
      return {
        step,
        status: r.status,
        grant: r.body.grant_id as string | undefined,
        token: r.body.access_token,
      };
    };
    const github = Array.from({ length: HELD }, (_, i) => ask(i, 'release'));
    await until(() => arrived === HELD, 60_000, 'every held mint at GitHub');
    // The JWTs race the signal: some are answered, some refused or cut; none may be half-written.
    const jwts = Array.from({ length: JWTS }, (_, i) => ask(i, 'notify'));
    a.proc.kill('SIGTERM');
    early();
    const answers: Awaited<ReturnType<typeof ask>>[] = [];
    try {
      // The clients of the late half are cut at the drain's deadline; only then does GitHub answer.
      answers.push(...(await Promise.all(jwts)));
      const gh = github.map((p) => p.then((x) => (answers.push(x), x)));
      await until(() => answers.filter((x) => x.step === 'release').length === HELD, 90_000, 'the cut');
      late();
      await Promise.all(gh);
    } finally {
      early();
      late();
    }
    expect(await exited).toEqual({ code: 0, signal: null });
    const delivered = answers.filter((x) => x.status === 200);
    // The premise: some of each kind were delivered, and some GitHub tokens were not.
    expect(delivered.some((x) => x.step === 'release')).toBe(true);
    expect(answers.filter((x) => x.step === 'release' && x.status !== 200).length).toBeGreaterThan(0);
    const box = SecretBox.fromText(rig.env.STEPWARDEN_STATE_KEY!, 's34');
    const store = await RedisStore.connect(rig.redis.url, { box });
    try {
      const raw = rig.redis.client();
      const lines = rig.audit('s34-drain-a');
      const granted = new Set(lines.filter((l) => l.type === 'credential.granted').map((l) => l.grant_id));
      for (const x of delivered) {
        expect(granted.has(x.grant)).toBe(true);
        const r = await store.get(x.grant!);
        expect(r?.deliverBy).toBeUndefined();
        expect(r?.revokedAt).toBeUndefined();
        expect(Number(await raw.zscore('stepwarden:queue', x.grant!))).toBe(r!.expiresAt);
        if (x.step === 'release')
          expect(rig.gh.state.tokens.find((t) => t.token === x.token)?.revoked).toBe(false);
      }
      const mine = new Set(delivered.map((x) => x.grant));
      const undelivered = [...granted].filter((g) => !mine.has(g as string));
      // The premise: GitHub minted tokens nobody received (the late half: lined and revoked by the
      // drain, or refused before their line when the drain closed the store under them).
      const received = delivered.filter((x) => x.step === 'release').length;
      expect(rig.gh.state.tokens.length).toBeGreaterThan(received);
      // The next instance sweeps what the drain left queued (their in-flight window, then revoked).
      const b = await rig.spawn('s34-drain-b');
      const ended = () =>
        new Set(
          rig
            .audit('s34-drain-a', 's34-drain-b')
            .filter((l) => l.type === 'credential.revoked')
            .map((l) => l.grant_id),
        );
      await until(() => undelivered.every((g) => ended().has(g)), 120_000, 'every undelivered grant revoked');
      const live = new Set(delivered.filter((x) => x.step === 'release').map((x) => x.token));
      await until(
        () => rig.gh.state.tokens.every((t) => t.revoked || live.has(t.token)),
        60_000,
        'every GitHub token nobody received revoked at GitHub',
      );
      expect(rig.gh.state.tokens.filter((t) => live.has(t.token) && t.revoked)).toEqual([]);
      // One end a grant at most, and none for a delivered one (its deadline is minutes away).
      const ends = rig
        .audit('s34-drain-a', 's34-drain-b')
        .filter((l) => /^credential\.(revoked|revoke_failed|expired)$/.test(String(l.type)))
        .map((l) => l.grant_id);
      expect(new Set(ends).size).toBe(ends.length);
      for (const g of mine) expect(ends).not.toContain(g);
      await b.stop();
    } finally {
      await store.close();
    }
  }, 360_000);
});
