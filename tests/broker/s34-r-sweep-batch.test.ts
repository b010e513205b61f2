/**
 * The sweep's batch (session 34): a swept broker JWT cost its broker two or three round trips after
 * due() (hold with its record, expireAlone), one entry after the other; now the whole batch is held
 * in one store step (holdMany, each record read beside its renewed lease) and its broker JWTs alone
 * in their run are expired in a second (expireAloneMany). What must not change: each entry worked
 * once (an entry another instance holds is not worked), an entry that cannot be read or meets a key
 * of another type fails alone, and every other entry takes the path it took before, to the same
 * state and the same audit lines (a property over mixed batches, against the step-by-step sweep).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { memoryAuditSink } from '../../shared/broker/audit-log.js';
import type { GithubApp } from '../../shared/broker/providers/github-app.js';
import { Revoker } from '../../shared/broker/revocation.js';
import { MemoryStore } from '../../shared/broker/state/memory.js';
import { RedisStore } from '../../shared/broker/state/redis.js';
import { SecretBox } from '../../shared/broker/state/secret-box.js';
import { RecordUnreadable, type CredentialRecord, type Store } from '../../shared/broker/state/store.js';
import { monitored } from '../support/redis-monitor.js';
import { startRedis, type RedisServer } from '../support/redis.js';
import { expiredJwt } from '../support/records.js';
import { record } from './store-suite.js';

/** Seeds: a fixed one and one new per run (CI does not fix them). */
const SEEDS = [34, Date.now() % 1_000_000];
const Q = 'stepwarden:queue';
const nowS = () => Math.floor(Date.now() / 1000);
const box = SecretBox.fromText(randomBytes(32).toString('hex'), 'test');

let server: RedisServer;
let store: RedisStore;
let raw: Redis;

beforeAll(async () => {
  server = await startRedis();
  store = await RedisStore.connect(server.url, { callerClock: true, box });
  raw = server.client();
}, 60_000);
afterAll(async () => {
  await raw?.quit();
  await store?.close();
  await server?.stop();
});
beforeEach(async () => {
  await raw.flushdb();
});

/** The store without the batch's steps: the sweep as it was before (hold, get, expireAlone per entry). */
function stepByStep(s: Store): Store {
  return Object.assign(Object.create(s) as Store, {
    takeDue: undefined,
    holdMany: undefined,
    expireAloneMany: undefined,
  });
}

/** The store without takeDue (session 42): the batch as sessions 34-41 took it (due, holdMany, expireAloneMany). */
function heldBatch(s: Store): Store {
  return Object.assign(Object.create(s) as Store, { takeDue: undefined });
}

/** The three ways a sweep takes its batch, each property below compares. */
const PATHS = { take: (s: Store) => s, held: heldBatch, steps: stepByStep } as const;
type Path = keyof typeof PATHS;

/** A GitHub App whose revocations succeed (the sweep's upstream call). */
const github = { revokeToken: async () => undefined } as unknown as GithubApp;

async function sweep(s: Store, now: number) {
  const audit = memoryAuditSink();
  const logs: Record<string, unknown>[] = [];
  const revoker = new Revoker({
    store: s,
    audit,
    githubFor: (r) => (r.kind === 'github' ? github : undefined),
    now: () => now,
    log: {
      log: (_level: string, _msg: string, fields?: Record<string, unknown>) => void logs.push(fields ?? {}),
    },
  } as ConstructorParameters<typeof Revoker>[0]);
  const n = await revoker.sweep(1000);
  return { n, events: audit.events as Record<string, unknown>[], logs };
}

describe("the sweep's batch: two store steps for the broker JWTs it expires", () => {
  for (const [path, calls] of [
    ['take', 1],
    ['held', 3],
  ] as const)
    it(`twenty due broker JWTs, each alone in its run: ${calls} store step(s) in all (${path}); each expired and audited once`, async () => {
      const records = Array.from({ length: 20 }, () => expiredJwt());
      for (const r of records) await store.put(r);
      let out!: Awaited<ReturnType<typeof sweep>>;
      const seen = await monitored(raw, async () => {
        out = await sweep(PATHS[path](store), nowS());
      });
      expect(out.n).toBe(20);
      // What the store sent: takeDue's one script call, or due, holdMany and expireAloneMany (before
      // session 34: 1 + 2 a credential, 41 here).
      const sent = seen.filter((c) => c.source !== 'lua').map((c) => c.args[0]!.toLowerCase());
      expect(sent.every((c) => c === 'eval' || c === 'evalsha')).toBe(true);
      expect(sent).toHaveLength(calls);
      // The records were read inside the step, one HGETALL each, none beside it.
      expect(seen.filter((c) => c.source === 'lua' && c.args[0]!.toLowerCase() === 'hgetall')).toHaveLength(
        20,
      );
      await expectExpiredOnce(records, out);
    });

  async function expectExpiredOnce(records: CredentialRecord[], out: Awaited<ReturnType<typeof sweep>>) {
    const ids = records.map((r) => r.grantId).sort();
    expect(out.events.map((e) => e.grant_id).sort()).toEqual(ids);
    for (const e of out.events) expect([e.type, e.reason]).toEqual(['credential.expired', 'TTL_PASSED']);
    for (const r of records) {
      expect(await raw.hget(`stepwarden:rec:${r.grantId}`, 'revocation')).toBe('"done"');
      expect(await raw.zscore(Q, r.grantId)).toBeNull();
    }
    // Once: nothing is left for a later sweep.
    expect((await sweep(store, nowS() + 3600)).events).toEqual([]);
  }

  it("holdMany: an entry another caller holds is not held, not read and not given back by this one's release", async () => {
    const [a, b, c] = [expiredJwt(), expiredJwt(), expiredJwt()];
    for (const r of [a, b, c]) await store.put(r);
    const ids = await store.due(nowS(), 10, 60);
    expect(ids.sort()).toEqual([a, b, c].map((r) => r.grantId).sort());
    // b's lease ran out and another instance took it (its own lease, another score).
    const theirs = nowS() + 600.25;
    await raw.zadd(Q, theirs, b.grantId);
    const held = await store.holdMany([a.grantId, b.grantId, c.grantId, randomUUID()], 60);
    expect(held[1]).toBeUndefined();
    // An id this instance never took with due() is not held either.
    expect(held[3]).toBeUndefined();
    for (const [i, r] of [
      [0, a],
      [2, c],
    ] as const)
      expect(held[i]).toEqual({ record: await store.get(r.grantId) });
    expect(Number(await raw.zscore(Q, b.grantId))).toBe(theirs);
    // a and c are this caller's (renewed, fraction kept): its release gives them back, not b.
    await store.release([a.grantId, b.grantId, c.grantId]);
    expect(Number(await raw.zscore(Q, b.grantId))).toBe(theirs);
    for (const r of [a, c]) expect(Number(await raw.zscore(Q, r.grantId))).toBeLessThanOrEqual(nowS() + 1);
  });

  it('holdMany: a record key of another type is left unread, a corrupt record fails alone, the others are read', async () => {
    const [a, wrong, corrupt] = [expiredJwt(), expiredJwt(), expiredJwt()];
    for (const r of [a, wrong, corrupt]) await store.put(r);
    await raw.del(`stepwarden:rec:${wrong.grantId}`);
    await raw.set(`stepwarden:rec:${wrong.grantId}`, 'not a record');
    await raw.hset(`stepwarden:rec:${corrupt.grantId}`, 'r', '{not json');
    const ids = [a, wrong, corrupt].map((r) => r.grantId);
    expect((await store.due(nowS(), 10, 60)).sort()).toEqual([...ids].sort());
    const held = await store.holdMany(ids, 60);
    expect(held[0]).toEqual({ record: await store.get(a.grantId) });
    expect(held[1]).toEqual({ unread: true });
    const e = (held[2] as { error: unknown }).error;
    expect(e).toBeInstanceOf(RecordUnreadable);
    expect((e as RecordUnreadable).code).toBe('ERR_STATE_RECORD_CORRUPT');
    // Held all the same: each lease renewed (not due again now).
    for (const id of ids) expect(Number(await raw.zscore(Q, id))).toBeGreaterThan(nowS() + 30);
  });

  it('expireAloneMany: what expireAlone refuses is refused entry by entry, a failing entry leaves the others', async () => {
    const now = nowS();
    const jwt = (over: Partial<CredentialRecord> = {}) => ({ ...expiredJwt(), ...over });
    const alone = jwt();
    const revoked = jwt({ revokedAt: now - 50 });
    const undelivered = jwt();
    const withSecret = record({ expiresAt: now - 100 });
    const shared = jwt();
    const sibling = jwt({ runId: shared.runId });
    const wrong = jwt();
    const last = jwt();
    for (const r of [alone, revoked, undelivered, withSecret, shared, sibling, wrong, last])
      await store.put(r);
    await raw.hset(`stepwarden:rec:${undelivered.grantId}`, 'deliverBy', JSON.stringify(now - 10));
    // The record key of another type: its step fails inside the script, the entries after it go on.
    await raw.del(`stepwarden:rec:${wrong.grantId}`);
    await raw.set(`stepwarden:rec:${wrong.grantId}`, 'not a record');
    const entries = [
      alone,
      revoked,
      undelivered,
      withSecret,
      shared,
      wrong,
      last,
      { ...jwt(), grantId: randomUUID() },
    ];
    expect(await store.expireAloneMany(entries, now)).toEqual([
      true,
      false,
      false,
      false,
      false,
      false,
      true,
      false,
    ]);
    for (const r of [alone, last]) {
      expect(await raw.hget(`stepwarden:rec:${r.grantId}`, 'revocation')).toBe('"done"');
      expect(await raw.zscore(Q, r.grantId)).toBeNull();
    }
    for (const r of [undelivered, withSecret, shared]) {
      expect(await raw.hexists(`stepwarden:rec:${r.grantId}`, 'revokedAt')).toBe(0);
      expect(await raw.zscore(Q, r.grantId)).not.toBeNull();
    }
    expect(await raw.get(`stepwarden:rec:${wrong.grantId}`)).toBe('not a record');
    // The same answers, one by one, from expireAlone (one source for both: the same Lua function).
    await raw.zrem(`stepwarden:ix:run:${shared.runId}`, sibling.grantId);
    expect(await store.expireAloneMany([shared], now)).toEqual([true]);
  });
});

/** The kinds of queued entry the property mixes in one batch. */
const KINDS = [
  'alone',
  'chained',
  'revoked',
  'undelivered',
  'github',
  'corrupt',
  'wrongRunIndex',
  'intent',
] as const;
type Kind = (typeof KINDS)[number];

/** Writes one entry of `kind` (label `i`), due now; returns its grant ids by label. */
async function setUp(s: RedisStore, kind: Kind, i: number, now: number): Promise<Map<string, string>> {
  const labels = new Map<string, string>();
  const base = expiredJwt();
  labels.set(base.grantId, `${i}`);
  switch (kind) {
    case 'alone':
      await s.put(base);
      break;
    case 'chained': {
      // A child exchanged from it, in its run, not due yet: revoked with its parent.
      const child = { ...expiredJwt(), runId: base.runId, chain: [base.grantId], expiresAt: now + 600 };
      labels.set(child.grantId, `${i}.child`);
      await s.put(base);
      await s.put(child);
      break;
    }
    case 'revoked':
      await s.put({ ...base, revokedAt: now - 30, revocation: 'done' });
      await raw.zadd(Q, now - 1, base.grantId);
      break;
    case 'undelivered':
      await s.put(base);
      await raw.hset(`stepwarden:rec:${base.grantId}`, 'deliverBy', JSON.stringify(now - 10));
      break;
    case 'github': {
      const g = record({
        grantId: base.grantId,
        runId: base.runId,
        issuedAt: now - 200,
        expiresAt: now - 100,
      });
      await s.put(g);
      break;
    }
    case 'corrupt':
      await s.put(base);
      await raw.hset(`stepwarden:rec:${base.grantId}`, 'r', '{not json');
      break;
    case 'wrongRunIndex':
      await s.put(base);
      await raw.del(`stepwarden:ix:run:${base.runId}`);
      await raw.set(`stepwarden:ix:run:${base.runId}`, 'not an index');
      break;
    case 'intent': {
      // An exchange that died after its write-ahead intent: its claim counted, nothing stored.
      const { grantId, claimKey, ...place } = base as CredentialRecord & { claimKey: string };
      await s.claim(claimKey, 3600, grantId);
      await s.intend({ grantId, claimKey, deadline: now - 5, sweepAt: now - 5, ...place });
      break;
    }
  }
  await raw.zadd(Q, now - 100 + i, base.grantId);
  return labels;
}

/** A sweep's outcome with grant ids replaced by their labels: audit lines (sorted) and state. */
async function outcome(kinds: readonly Kind[], path: Path) {
  await raw.flushdb();
  const now = nowS();
  const labels = new Map<string, string>();
  for (const [i, kind] of kinds.entries())
    for (const [id, l] of await setUp(store, kind, i, now)) labels.set(id, l);
  const s = PATHS[path](store);
  const first = await sweep(s, now);
  // A second sweep an hour on: what the first left (nothing but what another instance must take).
  const second = await sweep(s, now + 3600);
  const line = (e: Record<string, unknown>) =>
    JSON.stringify([
      labels.get(String(e.grant_id)) ?? 'unknown',
      e.type,
      e.reason,
      e.outcome,
      e.run_id === undefined,
    ]);
  const logs = [...first.logs, ...second.logs].map((l) =>
    JSON.stringify([labels.get(String(l.grant_id)), l.code]),
  );
  const state: Record<string, unknown> = {};
  for (const [id, l] of labels) {
    const key = `stepwarden:rec:${id}`;
    const type = await raw.type(key);
    const h = type === 'hash' ? await raw.hgetall(key) : undefined;
    // Times relative to the sweep's (the two sweeps of a case start in different seconds).
    const kept = h
      ? {
          revokedAt: h.revokedAt === undefined ? undefined : Number(h.revokedAt) - now,
          revokedReason: h.revokedReason,
          revocation: h.revocation,
          secret: h.secret !== undefined,
        }
      : type;
    state[l] = {
      kept,
      queued: (await raw.zscore(Q, id)) !== null,
      intent: await raw.exists(`stepwarden:intent:${id}`),
    };
  }
  return {
    n: [first.n, second.n],
    lines: [...first.events, ...second.events].map(line).sort(),
    logs: logs.sort(),
    state,
  };
}

describe("the sweep's batch against the step-by-step sweep (property)", () => {
  for (const seed of SEEDS)
    it(`the same state, audit lines and logs for any mix of queued entries (seed ${seed})`, async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.constantFrom(...KINDS), { minLength: 1, maxLength: 8 }),
          async (kinds) => {
            const taken = await outcome(kinds, 'take');
            const held = await outcome(kinds, 'held');
            const stepwise = await outcome(kinds, 'steps');
            expect(taken).toEqual(stepwise);
            expect(held).toEqual(stepwise);
            // Each credential audited at most once across both sweeps (the child: once, with its parent).
            const labelsAudited = taken.lines.map((l) => (JSON.parse(l) as string[])[0]);
            expect(new Set(labelsAudited).size).toBe(labelsAudited.length);
          },
        ),
        { seed, numRuns: 25 },
      );
    }, 240_000);
});

/** The memory store's kinds: what its API can write (no raw keys to corrupt). */
const MEMORY_KINDS = ['alone', 'chained', 'undelivered', 'github', 'intent'] as const;
type MemoryKind = (typeof MEMORY_KINDS)[number];

async function memoryOutcome(kinds: readonly MemoryKind[], path: Path) {
  const now = nowS();
  const mem = new MemoryStore(() => now);
  const labels = new Map<string, string>();
  for (const [i, kind] of kinds.entries()) {
    const base = { ...expiredJwt(), issuedAt: now - 120, expiresAt: now - 60 + i };
    labels.set(base.grantId, `${i}`);
    const { grantId, claimKey, ...place } = base as CredentialRecord & { claimKey: string };
    if (kind === 'alone') await mem.put(base);
    if (kind === 'chained') {
      const child = {
        ...expiredJwt(),
        runId: base.runId,
        chain: [grantId],
        issuedAt: now - 120,
        expiresAt: now + 600,
      };
      labels.set(child.grantId, `${i}.child`);
      await mem.put(base);
      await mem.put(child);
    }
    if (kind === 'github') await mem.put(record({ grantId, issuedAt: now - 200, expiresAt: now - 100 + i }));
    if (kind === 'undelivered' || kind === 'intent') {
      await mem.claim(claimKey, 3600, grantId);
      await mem.intend({ grantId, claimKey, deadline: now - 5, sweepAt: now - 5 + i / 10, ...place });
      if (kind === 'undelivered') await mem.put({ ...base, deliverBy: now - 5 });
    }
  }
  const s = PATHS[path](mem);
  const first = await sweep(s, now);
  const lines = first.events
    .map((e) =>
      JSON.stringify([labels.get(String(e.grant_id)) ?? 'unknown', e.type, e.reason, e.outcome, e.ttl]),
    )
    .sort();
  const state: Record<string, unknown> = {};
  for (const [id, l] of labels) {
    const r = await mem.get(id);
    // Times relative to the sweep's (the two sweeps of a case may start in different seconds).
    state[l] = r && {
      revokedAt: r.revokedAt === undefined ? undefined : r.revokedAt - now,
      reason: r.revokedReason,
      revocation: r.revocation,
      secret: !!r.secret,
    };
  }
  return { n: first.n, lines, state, left: await mem.due(now + 3600, 100, 60) };
}

describe("the memory store's batch against its step-by-step sweep (property)", () => {
  for (const seed of SEEDS)
    it(`the same state and audit lines for any mix of queued entries (seed ${seed})`, async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.constantFrom(...MEMORY_KINDS), { minLength: 1, maxLength: 8 }),
          async (kinds) => {
            const stepwise = await memoryOutcome(kinds, 'steps');
            for (const path of ['take', 'held'] as const) {
              const batched = await memoryOutcome(kinds, path);
              expect({ ...batched, left: batched.left.length }).toEqual({
                ...stepwise,
                left: stepwise.left.length,
              });
            }
          },
        ),
        { seed, numRuns: 60 },
      );
    });

  it('a batch of broker JWTs alone in their run: one takeDue, nothing else', async () => {
    const now = nowS();
    const mem = new MemoryStore(() => now);
    const records = Array.from({ length: 10 }, () => expiredJwt());
    for (const r of records) await mem.put(r);
    const calls: string[] = [];
    const view = new Proxy(mem, {
      get(target, k, recv) {
        const v = Reflect.get(target, k, recv) as unknown;
        if (typeof v !== 'function') return v;
        return (...args: unknown[]) => {
          calls.push(String(k));
          return (v as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    const out = await sweep(view, now);
    expect(out.n).toBe(10);
    expect(calls).toEqual(['takeDue']);
    // An empty queue: the take alone.
    calls.length = 0;
    expect((await sweep(view, now)).n).toBe(0);
    expect(calls).toEqual(['takeDue']);
    for (const r of records)
      expect(await mem.get(r.grantId)).toMatchObject({
        revokedAt: now,
        revokedReason: 'TTL_PASSED',
        revocation: 'done',
      });
  });
});
