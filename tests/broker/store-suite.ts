/**
 * One behaviour for every Store: the memory store and the Redis store each run this suite
 * (store-memory.test.ts, store-redis.test.ts). `b` is a second instance on the same state where the
 * implementation has one (Redis: a second connection, as a second broker would have).
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { lateDescendants } from '../../shared/broker/chain.js';
import {
  gatesOf,
  RUN_KEEP_SECONDS,
  jobEndKey,
  type CredentialRecord,
  type GateRequest,
  type Store,
} from '../../shared/broker/state/store.js';

export interface StoreContext {
  readonly a: Store;
  readonly b: Store;
  /** Another instance on the same state whose run indexes keep `runs` runs per repository. */
  bounded(runs: number): Promise<Store>;
  close(): Promise<void>;
}

const now = () => Math.floor(Date.now() / 1000);

export function record(over: Partial<CredentialRecord> = {}): CredentialRecord {
  const id = randomUUID();
  return {
    grantId: id,
    tokenHash: `h-${id}`,
    kind: 'github',
    secret: `ghs_secret_${id.replace(/-/g, '')}`,
    audience: 'github',
    scope: 'contents:read',
    sub: 'repo:octo-org/octo-repo:ref:refs/heads/main',
    repository: 'octo-org/octo-repo',
    repositoryId: '100001',
    workflow: 'release.yml',
    job: 'publish',
    step: 'release',
    runId: '9001',
    runAttempt: '1',
    issuedAt: now(),
    expiresAt: now() + 300,
    upstreamExpiresAt: now() + 3600,
    ...over,
  };
}

/** An exchange's gate request: a fresh jti, a claim of its own, an intent queued 30 s on (its window). */
export function gateRequest(over: Partial<GateRequest> = {}, grantId = randomUUID()): GateRequest {
  const t = now();
  const place = record();
  return {
    jtiKey: `iss:${randomUUID()}`,
    jtiTtlSeconds: 600,
    subject: { repository: place.repository, workflow: place.workflow, runId: place.runId },
    claimTtlSeconds: 3600,
    uses: 1,
    intent: {
      grantId,
      claimKey: `claim:${randomUUID()}`,
      deadline: t + 300,
      sweepAt: t + 30,
      repository: place.repository,
      repositoryId: place.repositoryId,
      workflow: place.workflow,
      job: place.job,
      step: place.step,
      runId: place.runId,
      runAttempt: place.runAttempt,
      audience: place.audience,
    },
    ...over,
  };
}

type GateResultLike = { fresh: boolean; count?: number; intended: boolean; inFlightUntil?: number };

export function storeSuite(name: string, make: () => Promise<StoreContext>): void {
  describe(`${name} store (shared suite)`, () => {
    let ctx: StoreContext;
    beforeEach(async () => {
      ctx = await make();
    });
    afterEach(async () => {
      await ctx.close();
    });

    it('a jti is fresh once, at any instance, even under a concurrent burst', async () => {
      const key = `iss:${randomUUID()}`;
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => (i % 2 ? ctx.a : ctx.b).admit(key, 60)),
      );
      expect(results.filter((r) => r.fresh)).toHaveLength(1);
      expect(await ctx.a.useOnce(key, 60)).toBe(false);
      expect(await ctx.b.useOnce(`other:${randomUUID()}`, 60)).toBe(true);
    });

    it('claims count across instances; a give-back frees one and never goes below zero', async () => {
      const key = `claim:${randomUUID()}`;
      const counts = await Promise.all(
        Array.from({ length: 10 }, (_, i) => (i % 2 ? ctx.a : ctx.b).claim(key, 3600)),
      );
      expect([...counts].sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      await ctx.b.unclaim(key);
      expect(await ctx.a.claim(key, 3600)).toBe(10);
      const fresh = `claim:${randomUUID()}`;
      await ctx.a.unclaim(fresh);
      await ctx.a.unclaim(fresh);
      expect(await ctx.b.claim(fresh, 3600)).toBe(1);
    });

    it('claimed() reads the claim count across instances without counting one', async () => {
      const key = `claim:${randomUUID()}`;
      expect(await ctx.b.claimed!(key)).toBe(0);
      await ctx.a.claim(key, 3600);
      expect(await ctx.b.claimed!(key)).toBe(1);
      expect(await ctx.b.claimed!(key)).toBe(1);
      await ctx.a.unclaim(key);
      expect(await ctx.b.claimed!(key)).toBe(0);
    });

    it('seen() tells a used jti from a fresh one, across instances', async () => {
      const k = `iss:${randomUUID()}`;
      expect(await ctx.b.seen!(k)).toBe(false);
      expect((await ctx.a.admit(k, 60)).fresh).toBe(true);
      expect(await ctx.b.seen!(k)).toBe(true);
    });

    it('lists ended credentials of a run too (the job-end listing), live() only the live ones', async () => {
      const runId = `run-${randomUUID()}`;
      const live = record({ runId });
      const ended = record({ runId, step: 'other' });
      await ctx.a.put(live);
      await ctx.a.put(ended);
      expect(await ctx.a.markRevoked(ended.grantId, now())).toBe(true);
      const filter = { repositoryId: '100001', runId, runAttempt: '1', job: 'publish' };
      expect((await ctx.b.live(filter, now())).map((r) => r.grantId)).toEqual([live.grantId]);
      expect((await ctx.b.list!(filter)).map((r) => r.grantId).sort()).toEqual(
        [live.grantId, ended.grantId].sort(),
      );
      expect(await ctx.b.list!({ ...filter, runId: `run-${randomUUID()}` })).toEqual([]);
    });

    it('stores every field of a record, including fields it does not know, and finds it by token hash', async () => {
      const r = { ...record(), checkRunId: '77', parentGrantId: 'p-1', futureField: [1] } as CredentialRecord;
      await ctx.a.put(r);
      expect(await ctx.b.get(r.grantId)).toEqual(r);
      expect(await ctx.b.byTokenHash(r.tokenHash)).toEqual(r);
      expect(await ctx.b.get('nope')).toBeUndefined();
      expect(await ctx.b.byTokenHash('nope')).toBeUndefined();
    });

    it('live() matches every given field, case-insensitively on the repository, and skips revoked or expired', async () => {
      const t = now();
      const r1 = record();
      const r2 = record({ runId: '9002', job: 'build', workflow: 'ci.yml' });
      const r3 = record({ repository: 'other/repo', repositoryId: '5' });
      const revoked = record();
      const expired = record({ expiresAt: t - 1 });
      for (const r of [r1, r2, r3, revoked, expired]) await ctx.a.put(r);
      expect(await ctx.a.markRevoked(revoked.grantId, t)).toBe(true);
      const ids = async (f: Parameters<Store['live']>[0]) =>
        (await ctx.b.live(f, t)).map((r) => r.grantId).sort();
      expect(await ids({ repository: 'OCTO-ORG/Octo-Repo' })).toEqual([r1.grantId, r2.grantId].sort());
      expect(await ids({ repositoryId: '5' })).toEqual([r3.grantId]);
      expect(await ids({ workflow: 'ci.yml' })).toEqual([r2.grantId]);
      expect(await ids({ runId: '9001' })).toEqual([r1.grantId, r3.grantId].sort());
      expect(
        await ids({
          repositoryId: '100001',
          runId: '9001',
          runAttempt: '1',
          job: 'publish',
          workflow: 'release.yml',
        }),
      ).toEqual([r1.grantId]);
      expect(await ids({ repositoryId: '100001', runId: '9001', runAttempt: '2', job: 'publish' })).toEqual(
        [],
      );
    });

    it('live() by workflow finds the credentials of the reusable workflows that workflow called', async () => {
      const t = now();
      const caller = `caller-${randomUUID()}.yml`;
      const callee = `callee-${randomUUID()}.yml`;
      const own = record({ workflow: caller });
      const called = record({ workflow: callee, callerWorkflow: caller });
      const elsewhere = record({ workflow: callee, callerWorkflow: `other-${randomUUID()}.yml` });
      for (const r of [own, called, elsewhere]) await ctx.a.put(r);
      const ids = async (f: Parameters<Store['live']>[0]) =>
        (await ctx.b.live(f, t)).map((r) => r.grantId).sort();
      expect(await ids({ workflow: caller })).toEqual([own.grantId, called.grantId].sort());
      expect(await ids({ repository: 'octo-org/octo-repo', workflow: caller })).toEqual(
        [own.grantId, called.grantId].sort(),
      );
      expect(await ids({ workflow: callee })).toEqual([called.grantId, elsewhere.grantId].sort());
      expect((await ctx.b.get(called.grantId))?.callerWorkflow).toBe(caller);
    });

    it('a credential is marked revoked once, whichever instance races', async () => {
      const r = record();
      await ctx.a.put(r);
      const wins = await Promise.all(
        Array.from({ length: 10 }, (_, i) => (i % 2 ? ctx.a : ctx.b).markRevoked(r.grantId, now())),
      );
      expect(wins.filter(Boolean)).toHaveLength(1);
      expect((await ctx.a.get(r.grantId))!.revokedAt).toBeDefined();
      expect(await ctx.a.markRevoked('unknown', now())).toBe(false);
    });

    it('keeps why a credential was revoked (the first revocation decides; later ones change nothing)', async () => {
      const byAdmin = record();
      const plain = record();
      await ctx.a.put(byAdmin);
      await ctx.a.put(plain);
      expect(await ctx.a.markRevoked(byAdmin.grantId, now(), { reason: 'REVOKED_BY_ADMIN' })).toBe(true);
      expect(await ctx.b.markRevoked(byAdmin.grantId, now(), { reason: 'REVOKED_BY_STEP' })).toBe(false);
      expect(await ctx.a.markRevoked(plain.grantId, now())).toBe(true);
      expect((await ctx.b.get(byAdmin.grantId))!.revokedReason).toBe('REVOKED_BY_ADMIN');
      expect((await ctx.b.get(plain.grantId))!.revokedReason).toBeUndefined();
      expect(
        (await ctx.b.list!({ runId: '9001', repositoryId: '100001' })).map((x) => x.revokedReason),
      ).toEqual(expect.arrayContaining(['REVOKED_BY_ADMIN']));
    });

    it('due revocations are leased to one sweeper at a time and come back when the lease lapses', async () => {
      const t = now();
      const r = record({ expiresAt: t - 5 });
      const later = record({ expiresAt: t + 300 });
      await ctx.a.put(r);
      await ctx.a.put(later);
      const [x, y] = await Promise.all([ctx.a.due(t, 10, 30), ctx.b.due(t, 10, 30)]);
      expect([...x, ...y]).toEqual([r.grantId]);
      expect(await ctx.b.due(t + 10, 10, 30)).toEqual([]);
      // Redis never starts a lease before its own clock's second: when that second turned after `t` was
      // read, the lease ends at t + 1 + 30 (and its fraction), so it is surely back at t + 32.
      expect(await ctx.b.due(t + 32, 10, 30)).toEqual([r.grantId]);
      expect(await ctx.a.due(t + 40, 10, 30)).toEqual([]);
      expect((await ctx.a.due(t + 301, 10, 30)).sort()).toEqual([r.grantId, later.grantId].sort());
    });

    it('takeDue: a due broker JWT alone in its run is expired in the step, once whichever instance takes it; the rest leased with their records', async () => {
      const t = now();
      const jwt = (over: Partial<CredentialRecord>) => {
        const {
          secret: _s,
          upstreamExpiresAt: _u,
          ...r
        } = record({
          kind: 'jwt',
          audience: 'https://hooks.example.internal',
          runId: `s42-${randomUUID()}`,
          issuedAt: t - 65,
          expiresAt: t - 5,
          ...over,
        });
        return r;
      };
      const alone = jwt({});
      const parent = jwt({});
      const child = jwt({ runId: parent.runId, chain: [parent.grantId], expiresAt: t + 600 });
      const github = record({ runId: `s42-${randomUUID()}`, issuedAt: t - 65, expiresAt: t - 5 });
      const notDue = jwt({ expiresAt: t + 300 });
      for (const r of [alone, parent, child, github, notDue]) await ctx.a.put(r);
      const take = (s: Store, tag: string) => s.takeDue!(t, 10, 30, { at: t, tag, written: [] });
      const batches = await Promise.all([take(ctx.a, `s42-a-${t}`), take(ctx.b, `s42-b-${t}`)]);
      const ids = batches.flatMap((b) => b.ids);
      expect(ids.sort()).toEqual([alone.grantId, parent.grantId, github.grantId].sort());
      expect(batches.flatMap((b) => b.ids.filter((_, i) => b.expired[i]))).toEqual([alone.grantId]);
      // Each entry's record as the step read it (before its expiry).
      for (const b of batches)
        b.ids.forEach((id, i) => {
          const h = b.held[i]!;
          expect('record' in h && h.record?.grantId).toBe(id);
          expect('record' in h && h.record?.revokedAt).toBeUndefined();
        });
      expect(await ctx.b.get(alone.grantId)).toMatchObject({
        revokedAt: t,
        revokedReason: 'TTL_PASSED',
        revocation: 'done',
      });
      expect((await ctx.b.get(parent.grantId))?.revokedAt).toBeUndefined();
      // The leased ones come back when the lease lapses (t + 32: see the lease case above); the expired one never.
      expect(await take(ctx.b, `s42-c-${t}`).then((b) => b.ids)).toEqual([]);
      expect((await ctx.b.due(t + 32, 10, 30)).sort()).toEqual([parent.grantId, github.grantId].sort());
    });

    it('a failed upstream revocation is re-queued with its attempts; settling wipes the secret and the entry', async () => {
      const t = now();
      const r = record({ expiresAt: t - 1 });
      await ctx.a.put(r);
      expect(await ctx.a.due(t, 10, 30)).toEqual([r.grantId]);
      await ctx.a.retryRevocation(r.grantId, t + 4, 1);
      expect(await ctx.b.get(r.grantId)).toMatchObject({ revocation: 'pending', revokeAttempts: 1 });
      expect(await ctx.b.due(t + 3, 10, 30)).toEqual([]);
      expect(await ctx.b.due(t + 4, 10, 30)).toEqual([r.grantId]);
      await ctx.b.settleRevocation(r.grantId, 'done');
      const settled = (await ctx.a.get(r.grantId))!;
      expect(settled.revocation).toBe('done');
      expect(settled.secret).toBeUndefined();
      expect(await ctx.a.due(t + 1000, 10, 30)).toEqual([]);
      // A put of a settled record does not queue it again.
      await ctx.a.put(settled);
      expect(await ctx.a.due(t + 1000, 10, 30)).toEqual([]);
    });

    it('a lease given back (release) is due again at once, for any instance; one no longer held is left alone', async () => {
      const t = now();
      const r = record({ expiresAt: t - 1 });
      await ctx.a.put(r);
      expect(await ctx.a.due(t, 10, 30)).toEqual([r.grantId]);
      expect(await ctx.b.due(t + 2, 10, 30)).toEqual([]);
      await ctx.a.release?.([r.grantId]);
      expect(await ctx.b.due(t + 2, 10, 30)).toEqual([r.grantId]);
      // Two instances: A's lease is gone (B's is in force), so A's late release must not take it from B.
      if (ctx.a !== ctx.b) {
        await ctx.a.release?.([r.grantId]);
        expect(await ctx.a.due(t + 2, 10, 30)).toEqual([]);
      }
    });

    it('the first settle wins: a late settle or retry (a sweeper paused past its lease) changes nothing and says so', async () => {
      const t = now();
      const r = record({ expiresAt: t - 1 });
      await ctx.a.put(r);
      await ctx.a.retryRevocation(r.grantId, t + 4, 1);
      expect(await ctx.b.settleRevocation(r.grantId, 'done')).toBe(true);
      expect(await ctx.a.settleRevocation(r.grantId, 'failed')).toBe(false);
      expect(await ctx.a.retryRevocation(r.grantId, t + 8, 2)).toBe(false);
      expect(await ctx.b.get(r.grantId)).toMatchObject({ revocation: 'done', revokeAttempts: 1 });
      expect(await ctx.a.due(t + 1000, 10, 30)).toEqual([]);
    });

    it('write-ahead intents are queued at their deadline until the record replaces them or they are abandoned', async () => {
      const t = now();
      const base = {
        claimKey: `claim:${randomUUID()}`,
        deadline: t - 1,
        repository: 'octo-org/octo-repo',
        repositoryId: '100001',
        workflow: 'release.yml',
        job: 'publish',
        step: 'release',
        runId: '9001',
        runAttempt: '1',
        audience: 'github',
      };
      const orphan = { ...base, grantId: randomUUID() };
      const dropped = { ...base, grantId: randomUUID() };
      const stored = { ...base, grantId: randomUUID(), deadline: t + 60 };
      for (const i of [orphan, dropped, stored]) await ctx.a.intend(i);
      await ctx.a.abandon(dropped.grantId);
      await ctx.a.put(record({ grantId: stored.grantId, expiresAt: t + 300 }));
      expect(await ctx.b.intent(orphan.grantId)).toEqual(orphan);
      expect(await ctx.b.intent(stored.grantId)).toBeUndefined();
      expect(await ctx.b.get(orphan.grantId)).toBeUndefined();
      expect(await ctx.b.due(t, 10, 30)).toEqual([orphan.grantId]);
      expect(await ctx.b.due(t + 20, 10, 30)).toEqual([]);
      await ctx.b.settleRevocation(orphan.grantId, 'failed');
      expect(await ctx.b.intent(orphan.grantId)).toBeUndefined();
      expect(await ctx.b.due(t + 1000, 10, 1)).toEqual([stored.grantId]);
    });

    it('a claim given back by its holder is freed once, however many instances give it back', async () => {
      const key = `claim:${randomUUID()}`;
      expect(await ctx.a.claim(key, 3600, 'g1')).toBe(1);
      expect(await ctx.b.claim(key, 3600, 'g2')).toBe(2);
      await Promise.all([ctx.a.unclaim(key, 'g1'), ctx.b.unclaim(key, 'g1'), ctx.a.unclaim(key, 'g1')]);
      expect(await ctx.b.claim(key, 3600, 'g3')).toBe(2);
      await ctx.a.unclaim(key, 'unknown');
      expect(await ctx.a.claim(key, 3600, 'g4')).toBe(3);
    });

    it('an exchange stores its record only while its intent is there; whoever takes the intent takes it once', async () => {
      const t = now();
      const intent = (grantId: string) => ({
        grantId,
        claimKey: `claim:${randomUUID()}`,
        deadline: t + 300,
        sweepAt: t + 10,
        repository: 'octo-org/octo-repo',
        repositoryId: '100001',
        workflow: 'release.yml',
        job: 'publish',
        step: 'release',
        runId: '9001',
        runAttempt: '1',
        audience: 'github',
      });
      const swept = intent(randomUUID());
      const kept = intent(randomUUID());
      await ctx.a.intend(swept);
      await ctx.a.intend(kept);
      // Queued at its in-flight window, not at the credential's deadline.
      expect(await ctx.b.due(t + 9, 10, 30)).toEqual([]);
      expect((await ctx.b.due(t + 10, 10, 30)).sort()).toEqual([swept.grantId, kept.grantId].sort());
      const taken = await Promise.all([ctx.a.abandon(swept.grantId), ctx.b.abandon(swept.grantId)]);
      expect(taken.filter(Boolean)).toEqual([swept]);
      await expect(
        ctx.a.put(record({ grantId: swept.grantId, deliverBy: t + 10, claimKey: swept.claimKey })),
      ).rejects.toThrow(/ERR_EXCHANGE_INTERRUPTED/);
      expect(await ctx.b.get(swept.grantId)).toBeUndefined();
      await ctx.a.put(record({ grantId: kept.grantId, deliverBy: t + 10, claimKey: kept.claimKey }));
      expect(await ctx.b.abandon(kept.grantId)).toBeUndefined();
      expect((await ctx.b.get(kept.grantId))!.deliverBy).toBe(t + 10);
    });

    it('an undelivered credential is queued at deliverBy; deliver and the sweep race once; revoking it gives its claim back', async () => {
      const t = now();
      const claimKey = `claim:${randomUUID()}`;
      const mk = async () => {
        const r = record({ claimKey, deliverBy: t + 10, expiresAt: t + 300 });
        expect(await ctx.a.claim(claimKey, 3600, r.grantId)).toBeGreaterThan(0);
        await ctx.a.intend({ ...r, claimKey, deadline: r.expiresAt, sweepAt: t + 10 });
        await ctx.a.put(r);
        return r;
      };
      const delivered = await mk();
      const interrupted = await mk();
      expect(await ctx.a.claim(claimKey, 3600, 'peek')).toBe(3);
      await ctx.a.unclaim(claimKey, 'peek');
      expect((await ctx.b.due(t + 10, 10, 30)).sort()).toEqual(
        [delivered.grantId, interrupted.grantId].sort(),
      );
      await ctx.a.block({ runId: 'blocked-run', actor: 'oncall', at: t });
      const d = await ctx.b.deliver(delivered.grantId);
      expect(d.delivered).toBe(true);
      expect(d.blocks.map((b) => b.runId)).toEqual(['blocked-run']);
      expect((await ctx.a.deliver(delivered.grantId)).delivered).toBe(false);
      // The sweep comes too late for the delivered one; the other it revokes, and its claim is free.
      expect(await ctx.a.markRevoked(delivered.grantId, t, { undeliveredOnly: true })).toBe(false);
      expect(await ctx.a.markRevoked(interrupted.grantId, t, { undeliveredOnly: true })).toBe(true);
      expect((await ctx.b.deliver(interrupted.grantId)).delivered).toBe(false);
      expect(await ctx.a.claim(claimKey, 3600, 'next')).toBe(2);
      // The delivered one waits for its deadline.
      expect(await ctx.b.due(t + 299, 10, 30)).toEqual([interrupted.grantId]);
      expect(await ctx.b.due(t + 300, 10, 30)).toEqual([delivered.grantId]);
      expect((await ctx.a.get(delivered.grantId))!.deliverBy).toBeUndefined();
    });

    it('putDelivered (a broker JWT after its audit line): stored delivered and queued at its deadline in one step while its intent is there; else IntentGone and nothing written', async () => {
      const t = now();
      const claimKey = `claim:${randomUUID()}`;
      const jwt = (over: Partial<CredentialRecord> = {}) =>
        record({ kind: 'jwt', secret: undefined, claimKey, deliverBy: t + 10, expiresAt: t + 300, ...over });
      const mk = async () => {
        const r = jwt();
        expect(await ctx.a.claim(claimKey, 3600, r.grantId)).toBeGreaterThan(0);
        await ctx.a.intend({ ...r, claimKey, deadline: r.expiresAt, sweepAt: t + 10 });
        return r;
      };
      expect(ctx.a.putDelivered).toBeDefined();
      const ok = await mk();
      const swept = await mk();
      await ctx.a.block({ runId: 'blocked-run-pd', actor: 'oncall', at: t });
      const d = await ctx.b.putDelivered!(ok);
      expect(d.blocks.map((b) => b.runId)).toContain('blocked-run-pd');
      const stored = (await ctx.a.get(ok.grantId))!;
      expect(stored.deliverBy).toBeUndefined();
      expect(stored.tokenHash).toBe(ok.tokenHash);
      expect((await ctx.a.byTokenHash(ok.tokenHash))!.grantId).toBe(ok.grantId);
      expect(await ctx.a.intent(ok.grantId)).toBeUndefined();
      // Delivered: a late deliver finds nothing to deliver, the sweep of an interrupted exchange nothing to take.
      expect((await ctx.a.deliver(ok.grantId)).delivered).toBe(false);
      expect(await ctx.a.markRevoked(ok.grantId, t, { undeliveredOnly: true })).toBe(false);
      // The sweep took the other's intent (and gave its claim back): it must not be stored or leave.
      expect(await ctx.b.abandon(swept.grantId)).toBeDefined();
      await expect(ctx.a.putDelivered!(swept)).rejects.toThrow(/ERR_EXCHANGE_INTERRUPTED/);
      expect(await ctx.b.get(swept.grantId)).toBeUndefined();
      expect(await ctx.b.byTokenHash(swept.tokenHash)).toBeUndefined();
      // Queued at its deadline, never at the in-flight window.
      expect(await ctx.b.due(t + 299, 10, 30)).toEqual([]);
      expect(await ctx.b.due(t + 300, 10, 30)).toEqual([ok.grantId]);
      expect((await ctx.a.live({ runId: ok.runId }, t)).map((r) => r.grantId)).toContain(ok.grantId);
    });

    it('the token bucket is shared: limit across instances, then a retry-after', async () => {
      const key = `rate:${randomUUID()}`;
      const res = await Promise.all(
        Array.from({ length: 5 }, (_, i) => (i % 2 ? ctx.a : ctx.b).rateLimit(key, 3, 60, now())),
      );
      expect(res.filter((r) => r.allowed)).toHaveLength(3);
      for (const r of res.filter((x) => !x.allowed)) expect(r.retryAfter).toBeGreaterThanOrEqual(1);
      expect((await ctx.a.rateLimit(`rate:${randomUUID()}`, 3, 60, now())).allowed).toBe(true);
    });

    it('blocks persist, are seen by admit() at every instance, and are lifted by their exact selector', async () => {
      await ctx.a.block({ repository: 'Octo-Org/Octo-Repo', actor: 'oncall', at: now() });
      await ctx.a.block({ runId: '42', actor: 'oncall', at: now() });
      const seen = await ctx.b.admit(`iss:${randomUUID()}`, 60);
      expect(seen.fresh).toBe(true);
      expect(seen.blocks.map((b) => b.repository ?? b.runId).sort()).toEqual(['42', 'Octo-Org/Octo-Repo']);
      expect(await ctx.b.unblock({ repository: 'octo-org/octo-repo' })).toBe(true);
      expect(await ctx.b.unblock({ repository: 'octo-org/octo-repo' })).toBe(false);
      expect(await ctx.b.unblock({ workflow: 'x.yml' })).toBe(false);
      expect((await ctx.a.blocks()).map((b) => b.runId)).toEqual(['42']);
    });

    it('screen: a used jti is said without charging the bucket; else one token, shared by the instances', async () => {
      const rate = `rate:${randomUUID()}`;
      const jti = `iss:${randomUUID()}`;
      const screen = (s: Store, jtiKey: string) =>
        gatesOf(s).screen({ jtiKey, rateKey: rate, limit: 1, windowSeconds: 3600, now: now() });
      expect(await ctx.a.useOnce(jti, 60)).toBe(true);
      // Replays, at either instance: seen, and the bucket untouched.
      for (const s of [ctx.a, ctx.b, ctx.a]) expect((await screen(s, jti)).seen).toBe(true);
      expect(await screen(ctx.b, `iss:${randomUUID()}`)).toEqual({
        seen: false,
        allowed: true,
        retryAfter: 0,
      });
      const second = await screen(ctx.a, `iss:${randomUUID()}`);
      expect(second.seen).toBe(false);
      expect(second.allowed).toBe(false);
      expect(second.retryAfter).toBeGreaterThan(0);
    });

    it('screenGate: a used jti stops it before the bucket, an empty bucket before any write; else the gate', async () => {
      const rateKey = `rate:${randomUUID()}`;
      const screenOf = (jtiKey: string) => ({ jtiKey, rateKey, limit: 1, windowSeconds: 3600, now: now() });
      // A replay (its jti used at the other instance): seen, nothing written, the bucket untouched.
      const used = `iss:${randomUUID()}`;
      expect(await ctx.b.useOnce(used, 60)).toBe(true);
      const replayGate = gateRequest({ jtiKey: used });
      expect(await gatesOf(ctx.a).screenGate(screenOf(used), replayGate)).toEqual({
        screen: { seen: true, allowed: true, retryAfter: 0 },
      });
      expect(await ctx.b.claimed!(replayGate.intent.claimKey)).toBe(0);
      expect(await ctx.b.intent(replayGate.intent.grantId)).toBeUndefined();
      // The bucket's one token goes to the first fresh exchange, whose gate runs in the same step:
      // jti used, claim counted, write-ahead intent queued (seen at the other instance).
      const first = gateRequest();
      expect(await gatesOf(ctx.a).screenGate(screenOf(first.jtiKey), first)).toEqual({
        screen: { seen: false, allowed: true, retryAfter: 0 },
        gate: { fresh: true, blocks: [], count: 1, intended: true },
      });
      expect(await ctx.b.seen!(first.jtiKey)).toBe(true);
      expect(await ctx.b.claimed!(first.intent.claimKey)).toBe(1);
      expect((await ctx.b.intent(first.intent.grantId))?.claimKey).toBe(first.intent.claimKey);
      expect(await ctx.b.due(first.intent.sweepAt! + 1, 100, 60)).toContain(first.intent.grantId);
      // The bucket is empty (shared by the instances): refused before any write. Its jti is not used
      // (the step's retry is not a replay), nothing is counted or queued.
      const limited = gateRequest();
      const r = await gatesOf(ctx.b).screenGate(screenOf(limited.jtiKey), limited);
      expect(r.gate).toBeUndefined();
      expect(r.screen.seen).toBe(false);
      expect(r.screen.allowed).toBe(false);
      expect(r.screen.retryAfter).toBeGreaterThan(0);
      expect(await ctx.a.seen!(limited.jtiKey)).toBe(false);
      expect(await ctx.a.claimed!(limited.intent.claimKey)).toBe(0);
      expect(await ctx.a.intent(limited.intent.grantId)).toBeUndefined();
      // A replay of the first is still said as a replay with the bucket empty (replays are not charged).
      expect(
        (await gatesOf(ctx.b).screenGate(screenOf(first.jtiKey), gateRequest({ jtiKey: first.jtiKey })))
          .screen,
      ).toEqual({
        seen: true,
        allowed: true,
        retryAfter: 0,
      });
    });

    it('screenGate answers as the screen then the gate do, for any run of replays, claims and an emptying bucket', async () => {
      // Each run: one side folded (screenGate), the other the two steps, on keys of their own.
      const shape = (
        screen: { seen: boolean; allowed: boolean; retryAfter: number },
        gate?: GateResultLike,
      ) => ({
        seen: screen.seen,
        allowed: screen.allowed,
        waits: screen.retryAfter > 0,
        ...(gate
          ? {
              fresh: gate.fresh,
              count: gate.count,
              intended: gate.intended,
              held: gate.inFlightUntil !== undefined,
            }
          : {}),
      });
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.tuple(fc.nat(3), fc.nat(1)), { minLength: 1, maxLength: 8 }),
          fc.integer({ min: 1, max: 4 }),
          async (ops, limit) => {
            const run = randomUUID();
            const sides = ['fold', 'apart'] as const;
            const got: Record<(typeof sides)[number], unknown[]> = { fold: [], apart: [] };
            for (const [j, c] of ops)
              for (const side of sides) {
                const jtiKey = `iss:${side}:${run}:${j}`;
                const screen = {
                  jtiKey,
                  rateKey: `rate:${side}:${run}`,
                  limit,
                  windowSeconds: 3600,
                  now: now(),
                };
                const base = gateRequest({ jtiKey });
                const gate = gateRequest({
                  jtiKey,
                  intent: { ...base.intent, claimKey: `claim:${side}:${run}:${c}` },
                });
                const gates = gatesOf(side === 'fold' ? ctx.a : ctx.b);
                if (side === 'fold') {
                  const r = await gates.screenGate(screen, gate);
                  got.fold.push(shape(r.screen, r.gate));
                } else {
                  const r = await gates.screen(screen);
                  got.apart.push(shape(r, r.seen || !r.allowed ? undefined : await gates.gate(gate)));
                }
              }
            expect(got.fold).toEqual(got.apart);
          },
        ),
        { numRuns: 25 },
      );
    });

    it('screenGate: the gate refuses as it does alone (a second claim in flight, a block)', async () => {
      const screenOf = (jtiKey: string) => ({
        jtiKey,
        rateKey: `rate:${randomUUID()}`,
        limit: 10,
        windowSeconds: 60,
        now: now(),
      });
      const first = gateRequest();
      expect((await gatesOf(ctx.a).screenGate(screenOf(first.jtiKey), first)).gate?.intended).toBe(true);
      // The same grant with another token at the other instance, while the first is in flight.
      const other = gateRequest({ intent: { ...first.intent, grantId: randomUUID() } });
      expect((await gatesOf(ctx.b).screenGate(screenOf(other.jtiKey), other)).gate).toEqual({
        fresh: true,
        blocks: [],
        count: 2,
        intended: false,
        inFlightUntil: first.intent.sweepAt,
      });
      expect(await ctx.a.claimed!(first.intent.claimKey)).toBe(1);
      // A block of the subject: the jti used, nothing counted.
      await ctx.a.block({ runId: first.intent.runId, actor: 'oncall', at: now() });
      const blocked = gateRequest();
      const g = (await gatesOf(ctx.b).screenGate(screenOf(blocked.jtiKey), blocked)).gate!;
      expect(g.fresh).toBe(true);
      expect(g.intended).toBe(false);
      expect(g.blocks.map((b) => b.runId)).toEqual([first.intent.runId]);
      expect(await ctx.a.claimed!(blocked.intent.claimKey)).toBe(0);
      expect(await ctx.a.intent(blocked.intent.grantId)).toBeUndefined();
    });

    it('gate: jti used, claim counted and intent queued once; a replay or a second claim writes nothing more', async () => {
      const req = gateRequest();
      const first = await gatesOf(ctx.a).gate(req);
      expect(first).toEqual({ fresh: true, blocks: [], count: 1, intended: true });
      expect((await ctx.b.intent(req.intent.grantId))?.claimKey).toBe(req.intent.claimKey);
      expect(await ctx.b.seen!(req.jtiKey)).toBe(true);
      // The same jti at the other instance: a replay, no claim counted, no intent.
      const replay = await gatesOf(ctx.b).gate({ ...req, intent: { ...req.intent, grantId: randomUUID() } });
      expect(replay).toEqual({ fresh: false, blocks: [], intended: false });
      expect(await ctx.a.claimed!(req.intent.claimKey)).toBe(1);
      // The same grant, another token, while the first is in flight: 2 > uses 1, its intent not
      // written, and not counted (given back in the same step): the sweep may take the first at sweepAt.
      const other = gateRequest({ intent: { ...req.intent, grantId: randomUUID() } });
      const second = await gatesOf(ctx.b).gate(other);
      expect(second).toEqual({
        fresh: true,
        blocks: [],
        count: 2,
        intended: false,
        inFlightUntil: req.intent.sweepAt,
      });
      expect(await ctx.a.intent(other.intent.grantId)).toBeUndefined();
      expect(await ctx.a.claimed!(req.intent.claimKey)).toBe(1);
      // The first intent is the one queued: the sweep finds it at sweepAt, and its abandon gives it back.
      expect(await ctx.a.due(req.intent.sweepAt! + 1, 100, 60)).toContain(req.intent.grantId);
      expect(await ctx.a.due(req.intent.sweepAt! + 1, 100, 60)).not.toContain(other.intent.grantId);
      expect((await ctx.b.abandon(req.intent.grantId))?.grantId).toBe(req.intent.grantId);
    });

    it('gate: a block of the subject (repository in any case, workflow, run or parent run) refuses before any claim', async () => {
      const t = now();
      await ctx.a.block({
        repository: 'OCTO-ORG/octo-repo',
        workflow: 'release.yml',
        actor: 'oncall',
        at: t,
      });
      await ctx.a.block({ runId: 'parent-7', actor: 'oncall', at: t });
      const blockedByRepo = gateRequest();
      const r1 = await gatesOf(ctx.b).gate(blockedByRepo);
      expect(r1.fresh).toBe(true);
      expect(r1.intended).toBe(false);
      expect(r1.count).toBeUndefined();
      expect(r1.blocks.map((b) => b.workflow)).toContain('release.yml');
      expect(await ctx.a.claimed!(blockedByRepo.intent.claimKey)).toBe(0);
      expect(await ctx.a.intent(blockedByRepo.intent.grantId)).toBeUndefined();
      // The jti is used all the same (as admit() always did).
      expect(await ctx.a.seen!(blockedByRepo.jtiKey)).toBe(true);
      const base = gateRequest();
      const child = { ...base, subject: { ...base.subject, workflow: 'ci.yml', parentRuns: ['parent-7'] } };
      const r2 = await gatesOf(ctx.a).gate(child);
      expect(r2.intended).toBe(false);
      expect(r2.blocks.map((b) => b.runId)).toContain('parent-7');
      // Another workflow of the same repository, not dispatched: not blocked.
      const free = gateRequest();
      const r3 = await gatesOf(ctx.b).gate({ ...free, subject: { ...free.subject, workflow: 'ci.yml' } });
      expect(r3).toMatchObject({ fresh: true, count: 1, intended: true });
      expect(await ctx.a.unblock({ runId: 'parent-7' })).toBe(true);
      const r4 = await gatesOf(ctx.a).gate({ ...child, jtiKey: `iss:${randomUUID()}` });
      expect(r4).toMatchObject({ fresh: true, count: 1, intended: true });
    });

    it("job-end mark: written at one instance, the other's gate of that job counts nothing and its delivery says so; another job is untouched", async () => {
      const job = (checkRunId: string) =>
        jobEndKey({
          issuer: 'iss',
          repositoryId: '100001',
          runId: randomUUID(),
          runAttempt: '1',
          checkRunId,
        })!;
      const ended = job('71');
      const open = job('72');
      expect(await ctx.b.jobEnded(ended)).toBe(false);
      await ctx.a.endJob(ended, 600);
      expect(await ctx.b.jobEnded(ended)).toBe(true);
      const req = gateRequest({ jobEndKey: ended });
      expect(await gatesOf(ctx.b).gate(req)).toEqual({
        fresh: true,
        blocks: [],
        intended: false,
        jobEnded: true,
      });
      expect(await ctx.a.claimed!(req.intent.claimKey)).toBe(0);
      expect(await ctx.a.intent(req.intent.grantId)).toBeUndefined();
      expect(await ctx.a.seen!(req.jtiKey)).toBe(true);
      expect(await gatesOf(ctx.a).gate(gateRequest({ jobEndKey: open }))).toEqual({
        fresh: true,
        blocks: [],
        count: 1,
        intended: true,
      });
      // Minting when the mark was written: put, then deliver (a GitHub token) or putDelivered (a JWT).
      const t = now();
      const minted = async (over: Partial<CredentialRecord> = {}) => {
        const r = record({ deliverBy: t + 30, claimKey: `claim:${randomUUID()}`, ...over });
        await ctx.a.intend({ ...r, claimKey: r.claimKey!, deadline: r.expiresAt, sweepAt: t + 30 });
        return r;
      };
      const gh = await minted();
      await ctx.a.put(gh);
      expect(await ctx.b.deliver(gh.grantId, ended)).toMatchObject({ delivered: true, jobEnded: true });
      const other = await minted();
      await ctx.a.put(other);
      expect((await ctx.b.deliver(other.grantId, open)).jobEnded).toBeUndefined();
      const jwt = await minted({ kind: 'jwt', secret: undefined });
      expect((await ctx.b.putDelivered!(jwt, ended)).jobEnded).toBe(true);
      const free = await minted({ kind: 'jwt', secret: undefined });
      expect((await ctx.b.putDelivered!(free)).jobEnded).toBeUndefined();
    });

    describe('run indexes (chain.ts: the parents of an App-started run)', () => {
      const ISS = 'https://token.actions.githubusercontent.com';
      // Its token's times follow its issue (record()'s follow the wall clock).
      const writer = (runId: string, over: Partial<CredentialRecord> = {}) => {
        const issuedAt = over.issuedAt ?? now();
        return record({
          runId,
          issuer: ISS,
          scope: 'contents:write',
          dispatchTo: ['octo-org/octo-repo'],
          issuedAt,
          expiresAt: issuedAt + 300,
          upstreamExpiresAt: issuedAt + 3600,
          ...over,
        });
      };
      const query = (liveAt: number) => ({ issuer: ISS, repository: 'Octo-Org/Octo-Repo', liveAt });

      it('a stored writing token puts its run in the window (first issue, latest keeping, ancestry merged), seen at the other instance', async () => {
        const t = now();
        await ctx.a.put(writer('7001', { issuedAt: t - 100, parentRuns: ['6001'] }));
        await ctx.a.put(
          writer('7001', { issuedAt: t - 50, upstreamExpiresAt: t + 4000, parentRuns: ['6002'] }),
        );
        await ctx.a.put(writer('7002', { issuedAt: t, dispatchTo: ['octo-org/other'] }));
        await ctx.a.put(record({ runId: '7003', issuer: ISS })); // no dispatchTo: not a writer
        const found = await ctx.b.writerRuns(query(t), t);
        expect(found.overflowed).toBe(false);
        expect(found.runs.map((w) => w.runId)).toEqual(['7001']);
        const [w] = found.runs;
        expect(w!.first).toBe(t - 100);
        expect(w!.until).toBe(t + 4000 + 600);
        expect([...w!.parents].sort()).toEqual(['6001', '6002']);
        // Another issuer's runs are not this one's.
        expect((await ctx.b.writerRuns({ ...query(t), issuer: 'https://ghes.example' }, t)).runs).toEqual([]);
      });

      it('the window ends with the run’s records; by id the run is kept as long as a run can live, every target named', async () => {
        const t = now();
        await ctx.a.put(writer('7101', { issuedAt: t, repositoryId: '100001' }));
        await ctx.a.put(writer('7101', { issuedAt: t + 5, dispatchTo: ['Octo-Org/Other'] }));
        const until = t + 5 + 3600 + 600;
        expect((await ctx.b.writerRuns(query(t + 4000), t + 4000)).runs.map((w) => w.runId)).toEqual([
          '7101',
        ]);
        const late = until + 1;
        expect((await ctx.b.writerRuns(query(late), late)).runs).toEqual([]);
        const [w, ...more] = await ctx.b.writers(['7101', '7199', '7101'], late);
        expect(more).toEqual([]);
        expect(w).toEqual({
          issuer: ISS,
          runId: '7101',
          repositoryId: '100001',
          first: t,
          until,
          // Each target with the first token that could write there.
          to: { 'octo-org/octo-repo': t, 'octo-org/other': t + 5 },
        });
        expect(await ctx.a.writers(['7101'], until + RUN_KEEP_SECONDS)).toHaveLength(1);
        expect(await ctx.a.writers(['7101'], until + RUN_KEEP_SECONDS + 2)).toEqual([]);
        expect(await ctx.a.writers([], late)).toEqual([]);
      });

      it('a target’s id from GitHub’s answer: the window keyed by it, the writer’s targets by name and by id', async () => {
        const t = now();
        await ctx.a.put(
          writer('7111', {
            issuedAt: t,
            dispatchTo: ['octo-org/other'],
            dispatchToIds: { 'octo-org/other': '100077' },
          }),
        );
        const byId = { issuer: ISS, repository: '#100077', liveAt: t };
        expect((await ctx.b.writerRuns(byId, t)).runs.map((w) => w.runId)).toEqual(['7111']);
        expect((await ctx.b.writers(['7111'], t))[0]!.to).toEqual({ 'octo-org/other': t, '#100077': t });
      });

      it('a blocked run’s kill-switch reach: kept, replaced whole, read for several runs at once', async () => {
        const t = now();
        const reach = (repositoryId: string, since: number) => ({ issuer: ISS, repositoryId, since });
        await ctx.a.noteReach('7301', [reach('100001', t), reach('100002', t + 5)], t);
        await ctx.a.noteReach('7302', [reach('100003', t + 9)], t);
        const got = await ctx.b.reaches(['7301', '7302', '7399', '7301'], t);
        expect([...got.keys()].sort()).toEqual(['7301', '7302']);
        expect(got.get('7301')!.sort((x, y) => x.since - y.since)).toEqual([
          reach('100001', t),
          reach('100002', t + 5),
        ]);
        await ctx.a.noteReach('7301', [reach('100004', t + 1)], t);
        expect((await ctx.b.reaches(['7301'], t)).get('7301')).toEqual([reach('100004', t + 1)]);
        await ctx.a.noteReach('7301', [], t);
        expect((await ctx.b.reaches(['7301'], t)).has('7301')).toBe(false);
        expect(await ctx.b.reaches([], t)).toEqual(new Map());
      });

      it('an unblock drops the run’s kept reach with its last block, in the same step (session 28)', async () => {
        const t = now();
        const reach = (repositoryId: string) => [{ issuer: ISS, repositoryId, since: t }];
        // Two blocks name run 7501 (by run, and by run within a repository); 7502 is blocked alone.
        await ctx.a.block({ runId: '7501', actor: 'oncall', at: t });
        await ctx.a.block({ repository: 'octo-org/octo-repo', runId: '7501', actor: 'oncall', at: t });
        await ctx.a.block({ runId: '7502', actor: 'oncall', at: t });
        await ctx.a.noteReach('7501', reach('100051'), t);
        await ctx.a.noteReach('7502', reach('100052'), t);
        const kept = async () => [...(await ctx.b.reaches(['7501', '7502'], t)).keys()].sort();
        // An unblock that lifts nothing, or lifts another run's block, leaves the reach.
        expect(await ctx.b.unblock({ runId: '7501', workflow: 'x.yml' })).toBe(false);
        expect(await kept()).toEqual(['7501', '7502']);
        // One of 7501's two blocks lifted: the other still stands on the same walk.
        expect(await ctx.b.unblock({ runId: '7501' })).toBe(true);
        expect(await kept()).toEqual(['7501', '7502']);
        // Its last block lifted: the reach goes with it; 7502's stays.
        expect(await ctx.b.unblock({ repository: 'octo-org/octo-repo', runId: '7501' })).toBe(true);
        expect(await kept()).toEqual(['7502']);
        // A new block of 7501 sees no reach until its own walk keeps one.
        await ctx.a.block({ runId: '7501', actor: 'oncall', at: t + 1 });
        expect(await kept()).toEqual(['7502']);
        expect(await ctx.a.unblock({ runId: '7501' })).toBe(true);
        expect(await ctx.a.unblock({ runId: '7502' })).toBe(true);
        expect(await ctx.b.reaches(['7501', '7502'], t)).toEqual(new Map());
      });

      it('a run’s parent links: its first exchange kept, parents unioned, read without writing', async () => {
        const t = now();
        const run = { issuer: ISS, repositoryId: '100001', runId: '7201' };
        expect(await ctx.a.runLink(run, t)).toBeUndefined();
        expect(await ctx.a.linkRun(run, [], t)).toEqual({ first: t, parents: [] });
        expect(await ctx.a.linkRun(run, ['7101'], t + 5)).toEqual({ first: t, parents: ['7101'] });
        const both = await ctx.b.linkRun(run, ['7102'], t + 10);
        expect([both.first, [...both.parents].sort()]).toEqual([t, ['7101', '7102']]);
        const kept = await ctx.b.runLink(run, t + 10 + RUN_KEEP_SECONDS);
        expect([kept?.first, [...(kept?.parents ?? [])].sort()]).toEqual([t, ['7101', '7102']]);
        expect(await ctx.a.runLink(run, t + 10 + RUN_KEEP_SECONDS + 1)).toBeUndefined();
        // Another repository's run of the same id is another run.
        expect(await ctx.a.runLink({ ...run, repositoryId: '100002' }, t)).toBeUndefined();
      });

      it('the App-started runs of a repository by first exchange (O(matching)), not another repository’s', async () => {
        const t = now();
        const run = (runId: string, repositoryId = '100031') => ({ issuer: ISS, repositoryId, runId });
        await ctx.a.linkRun(run('7301'), [], t);
        await ctx.b.linkRun(run('7302'), ['7101'], t + 100);
        await ctx.a.linkRun(run('7301'), [], t + 200); // a later exchange: its first stays t
        await ctx.a.linkRun(run('7303', '100032'), [], t + 150);
        const ids = async (from: number, at = t + 200) =>
          (await ctx.b.linkedRuns({ issuer: ISS, repositoryId: '100031' }, from, at))
            .map((l) => l.runId)
            .sort();
        expect(await ids(t)).toEqual(['7301', '7302']);
        expect(await ids(t + 1)).toEqual(['7302']);
        expect(await ids(t + 101)).toEqual([]);
        expect(await ids(t, t + 100 + RUN_KEEP_SECONDS + 1)).toEqual(['7301']);
      });

      it('the window is bounded per repository: the oldest runs go, and it says so while they would be in it', async () => {
        const small = await ctx.bounded(3);
        const t = now();
        for (let i = 0; i < 5; i++) await small.put(writer(`73${i}`, { issuedAt: t + i }));
        const found = await small.writerRuns(query(t), t + 5);
        expect(found.runs.map((w) => w.runId).sort()).toEqual(['732', '733', '734']);
        expect(found.overflowed).toBe(true);
        // The dropped runs are still found by id (no per-repository bound there).
        expect((await small.writers(['730', '731'], t + 5)).map((w) => w.runId).sort()).toEqual([
          '730',
          '731',
        ]);
        // Once the dropped runs' window has passed, the window is whole again.
        const after = t + 1 + 3600 + 600 + 1;
        expect((await small.writerRuns(query(after), after)).overflowed).toBe(false);
        // Another repository's index is its own.
        await small.put(writer('740', { issuedAt: t, dispatchTo: ['octo-org/other'] }));
        expect((await small.writerRuns({ ...query(t), repository: 'octo-org/other' }, t)).overflowed).toBe(
          false,
        );
      });

      it('merged ancestries keep one order at both stores (earlier ids first): chain.ts takes them in turn up to its bound', async () => {
        const t = now();
        const id = `o-${randomUUID().slice(0, 8)}`;
        const to = { dispatchTo: [`octo-org/${id}`] };
        await ctx.a.put(writer(id, { issuedAt: t, parentRuns: ['p2', 'p1'], ...to }));
        await ctx.b.put(writer(id, { issuedAt: t + 1, parentRuns: ['p3', 'p1', 'p0'], ...to }));
        const found = await ctx.a.writerRuns({ ...query(t), repository: `octo-org/${id}` }, t + 1);
        expect(found.runs.map((w) => w.parents)).toEqual([['p2', 'p1', 'p3', 'p0']]);
        const run = { issuer: ISS, repositoryId: id, runId: id };
        await ctx.a.linkRun(run, ['l2', 'l1', 'l2'], t);
        expect((await ctx.b.linkRun(run, ['l3', 'l1'], t + 1)).parents).toEqual(['l2', 'l1', 'l3']);
        expect((await ctx.a.runLink(run, t + 1))?.parents).toEqual(['l2', 'l1', 'l3']);
      });

      it('the kill switch’s late reach (chain.ts lateDescendants): App-started runs first seen after the writer’s token, in its own repository and in each other one it could write', async () => {
        const t = now();
        const sfx = randomUUID().slice(0, 8);
        const own = { repository: `octo-org/own-${sfx}`, repositoryId: `own-${sfx}` };
        const jewels = { repository: `octo-org/Jewels-${sfx}`, repositoryId: `jewels-${sfx}` };
        const parent = `p-${sfx}`;
        await ctx.a.put(
          writer(parent, {
            ...own,
            issuedAt: t - 100,
            dispatchTo: [own.repository, jewels.repository.toLowerCase()],
          }),
        );
        const child = async (where: typeof own, runId: string, first: number, over = {}) => {
          await ctx.a.linkRun({ issuer: ISS, repositoryId: where.repositoryId, runId }, [], first);
          const r = record({ ...where, runId, issuer: ISS, ...over });
          await ctx.a.put(r);
          return r.grantId;
        };
        // Linked before the parent's token there: not its child.
        await child(jewels, `early-${sfx}`, t - 500);
        const late = await child(jewels, `late-${sfx}`, t - 10);
        const ownLate = await child(own, `own-late-${sfx}`, t - 10);
        // A run of crown-jewels never linked, whose credential names the late child as a parent.
        const grand = record({ ...jewels, runId: `grand-${sfx}`, issuer: ISS, parentRuns: [`late-${sfx}`] });
        await ctx.a.put(grand);
        // Another issuer's run of the same repository is not this writer's child.
        await child(jewels, `ghes-${sfx}`, t - 10, { issuer: 'https://ghes.example' });
        const found = (await lateDescendants(ctx.b, parent, t)).map((r) => r.grantId).sort();
        expect(found).toEqual([late, ownLate, grand.grantId].sort());
      });

      it('a clock that steps back keeps the window’s order: every run in it is read', async () => {
        const t = now();
        const to = { dispatchTo: ['octo-org/clock'] };
        await ctx.a.put(writer('7401', { issuedAt: t + 100, ...to }));
        await ctx.a.put(writer('7402', { issuedAt: t, ...to }));
        await ctx.a.put(writer('7403', { issuedAt: t + 50, ...to }));
        const at = t + 4201;
        const found = await ctx.b.writerRuns({ ...query(at), repository: 'octo-org/clock' }, at);
        expect(found.runs.map((w) => w.runId).sort()).toEqual(['7401', '7403']);
      });
    });

    it('gate: under a concurrent burst at both instances, a grant of uses 2 is intended exactly twice', async () => {
      const claimKey = `claim:${randomUUID()}`;
      // One window for all: requests made across a second's turn would otherwise differ.
      const sweepAt = now() + 30;
      const reqs = Array.from({ length: 12 }, () => {
        const r = gateRequest({ uses: 2 });
        return { ...r, intent: { ...r.intent, claimKey, sweepAt } };
      });
      const results = await Promise.all(reqs.map((r, i) => gatesOf(i % 2 ? ctx.a : ctx.b).gate(r)));
      expect(results.filter((r) => r.intended)).toHaveLength(2);
      // The others found the two in flight: each over uses, none counted.
      for (const r of results.filter((x) => !x.intended)) {
        expect(r.count).toBeGreaterThan(2);
        expect(r.inFlightUntil).toBe(sweepAt);
      }
      expect(await ctx.b.claimed!(claimKey)).toBe(2);
      const intents = await Promise.all(reqs.map((r) => ctx.a.intent(r.intent.grantId)));
      expect(intents.filter(Boolean)).toHaveLength(2);
    });

    it('gate: the claim of an exchange swept at its window goes to the next attempt, once, and never while that exchange could deliver', async () => {
      const first = gateRequest();
      const { claimKey, sweepAt } = first.intent;
      const attempt = (grantId = randomUUID()) =>
        gateRequest({ intent: { ...first.intent, grantId, sweepAt: sweepAt! + 60 } });
      const gate = (s: Store, r: GateRequest) => gatesOf(s).gate(r);
      expect((await gate(ctx.a, first)).intended).toBe(true);
      // Its broker died; the step's retries, at the other instance, before the window ends: each
      // told when, none counted, the intent never taken before its time.
      for (let i = 0; i < 3; i++)
        expect(await gate(ctx.b, attempt())).toMatchObject({
          count: 2,
          intended: false,
          inFlightUntil: sweepAt,
        });
      expect(await ctx.b.claimed!(claimKey)).toBe(1);
      // A dry run's look, read-only, at either instance.
      expect(await ctx.a.inFlight!(claimKey, '')).toBe(sweepAt);
      expect(await ctx.b.inFlight!(claimKey, first.intent.grantId)).toBeUndefined();
      expect(await ctx.b.due(sweepAt! - 1, 100, 60)).not.toContain(first.intent.grantId);
      expect((await ctx.a.intent(first.intent.grantId))?.grantId).toBe(first.intent.grantId);
      // The sweep takes it (revocation.ts: abandon, the claim back in the same step).
      expect(await ctx.b.due(sweepAt! + 1, 100, 60)).toContain(first.intent.grantId);
      expect((await ctx.b.abandon(first.intent.grantId))?.claimKey).toBe(claimKey);
      // Two retries race, one at each instance: exactly one gets the claim, the other waits for it.
      const [x, y] = [attempt(), attempt()];
      const raced = await Promise.all([gate(ctx.a, x), gate(ctx.b, y)]);
      expect(raced.filter((r) => r.intended)).toHaveLength(1);
      const [won, lost] = raced[0]!.intended ? [x, raced[1]!] : [y, raced[0]!];
      expect(lost).toMatchObject({ count: 2, intended: false, inFlightUntil: won.intent.sweepAt });
      expect(await ctx.a.claimed!(claimKey)).toBe(1);
      // The winner minted and stored its credential, not yet delivered: still in flight.
      const rec = record({ grantId: won.intent.grantId, claimKey, deliverBy: won.intent.sweepAt });
      await ctx.a.put(rec);
      expect(await gate(ctx.b, attempt())).toMatchObject({ count: 2, inFlightUntil: won.intent.sweepAt });
      // Delivered: nothing in flight, so a second claim is counted and refused (possible theft).
      expect((await ctx.a.deliver(won.intent.grantId)).delivered).toBe(true);
      expect(await ctx.b.inFlight!(claimKey, '')).toBeUndefined();
      const theft = await gate(ctx.b, attempt());
      expect(theft).toEqual({ fresh: true, blocks: [], count: 2, intended: false });
      expect(await ctx.a.claimed!(claimKey)).toBe(2);
      // A replay of a used jti counts nothing and is told nothing of the claim.
      expect(await gate(ctx.a, { ...attempt(), jtiKey: won.jtiKey })).toEqual({
        fresh: false,
        blocks: [],
        intended: false,
      });
      // Another run attempt of the same step is its own claim.
      expect((await gate(ctx.a, gateRequest())).intended).toBe(true);
    });

    it('abandon: taking an intent gives its claim back in the same step, once, and only its own holder (session 27)', async () => {
      // The sweep of an overdue intent (revocation.ts) and a failed exchange take the intent and give
      // its claim back; two store calls left the claim counted when the caller died in between.
      const first = gateRequest();
      const { claimKey } = first.intent;
      expect((await gatesOf(ctx.a).gate(first)).intended).toBe(true);
      // Another holder of the claim (uses 2): a credential already delivered.
      const other = gateRequest({ uses: 2, intent: { ...first.intent, grantId: randomUUID() } });
      expect(await gatesOf(ctx.a).gate(other)).toMatchObject({ count: 2, intended: true });
      await ctx.a.put(record({ grantId: other.intent.grantId, claimKey }));
      expect(await ctx.b.claimed!(claimKey)).toBe(2);
      // One call, nothing after it: the intent is gone, and its claim with it.
      expect((await ctx.b.abandon(first.intent.grantId))?.grantId).toBe(first.intent.grantId);
      expect(await ctx.a.intent(first.intent.grantId)).toBeUndefined();
      expect(await ctx.a.claimed!(claimKey)).toBe(1);
      // Taken once: a second abandon (another sweeper, the exchange's own) gives back nothing more.
      expect(await ctx.a.abandon(first.intent.grantId)).toBeUndefined();
      expect(await ctx.a.claimed!(claimKey)).toBe(1);
      // The step's retry gets the claim back.
      const retry = gateRequest({ uses: 2, intent: { ...first.intent, grantId: randomUUID() } });
      expect(await gatesOf(ctx.b).gate(retry)).toMatchObject({ count: 2, intended: true });
    });

    it('gate: an undelivered credential revoked (the sweep, the kill switch) is not in flight; its claim is back', async () => {
      const first = gateRequest();
      const { claimKey } = first.intent;
      expect((await gatesOf(ctx.a).gate(first)).intended).toBe(true);
      await ctx.a.put(record({ grantId: first.intent.grantId, claimKey, deliverBy: first.intent.sweepAt }));
      expect(await ctx.b.markRevoked(first.intent.grantId, now(), { undeliveredOnly: true })).toBe(true);
      const next = gateRequest({ intent: { ...first.intent, grantId: randomUUID() } });
      expect(await gatesOf(ctx.b).gate(next)).toEqual({ fresh: true, blocks: [], count: 1, intended: true });
      expect((await ctx.a.deliver(first.intent.grantId)).delivered).toBe(false);
    });
  });
}
