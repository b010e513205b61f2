/**
 * Session 30 (w-bspeed2): the Redis gate is handed the subject's block keys as one argument, a key per
 * line, and splits and looks them up only when the blocks hash exists (GATE_LUA). Whatever the names
 * (quotes, backslashes, newlines, which JSON escapes, any Unicode), the gate must find exactly the
 * blocks blockMatches finds (the memory store's rule), and a matching block must stop the exchange
 * before its claim. Random subjects and blocks, each run's seed printed by fast-check on failure; run
 * with several seeds (FC_SEED is not fixed in CI).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { RedisStore } from '../../shared/broker/state/redis.js';
import { SecretBox } from '../../shared/broker/state/secret-box.js';
import {
  blockKey,
  blockMatches,
  gatesOf,
  type Block,
  type BlockSelector,
  type BlockSubject,
  type GateRequest,
} from '../../shared/broker/state/store.js';
import { startRedis, type RedisServer } from '../support/redis.js';

/** Names with what JSON escapes (a newline among them: the separator of the gate's one argument). */
const name = fc.oneof(
  fc.string({ minLength: 1, maxLength: 12 }),
  fc.constantFrom('octo-org/octo-repo', 'a\nb', 'q"uote', 'back\\slash', 'tab\there', 'Ｏcto/x', '\u2028'),
);

const subjectArb: fc.Arbitrary<BlockSubject> = fc.record(
  {
    repository: name,
    repositoryId: fc.integer({ min: 1, max: 1e9 }).map(String),
    workflow: name,
    callerWorkflow: name,
    runId: name,
    parentRuns: fc.array(name, { maxLength: 3 }),
  },
  { requiredKeys: ['repository', 'workflow', 'runId'] },
);

/** A block drawn from the subject's own values (so some match) or from random ones. */
const selectorFor = (s: BlockSubject): fc.Arbitrary<BlockSelector> => {
  const pick = (own: (string | undefined)[]) =>
    fc.option(fc.oneof(fc.constantFrom(...own.filter((v): v is string => v !== undefined)), name), {
      nil: undefined,
    });
  return fc
    .record({
      repository: pick([
        s.repository,
        s.repository.toUpperCase(),
        s.repositoryId !== undefined ? `#${s.repositoryId}` : undefined,
      ]),
      workflow: pick([s.workflow, s.callerWorkflow]),
      runId: pick([s.runId, ...(s.parentRuns ?? [])]),
    })
    .filter((b) => b.repository !== undefined || b.workflow !== undefined || b.runId !== undefined)
    .map((b) => Object.fromEntries(Object.entries(b).filter(([, v]) => v !== undefined)) as BlockSelector);
};

describe('s30-b: the Redis gate finds exactly the blocks that match its subject', () => {
  let redis: RedisServer;
  let store: RedisStore;
  beforeAll(async () => {
    redis = await startRedis();
    store = await RedisStore.connect(redis.url, {
      box: SecretBox.fromText(randomBytes(32).toString('hex'), 'test'),
    });
  }, 60_000);
  afterAll(async () => {
    await store?.close();
    await redis?.stop();
  });

  const gateFor = (subject: BlockSubject): GateRequest => {
    const now = Math.floor(Date.now() / 1000);
    return {
      jtiKey: `iss:${randomUUID()}`,
      jtiTtlSeconds: 600,
      subject,
      claimTtlSeconds: 3600,
      uses: 1,
      intent: {
        grantId: randomUUID(),
        claimKey: `claim:${randomUUID()}`,
        deadline: now + 300,
        sweepAt: now + 30,
        repository: subject.repository,
        repositoryId: subject.repositoryId ?? '1',
        workflow: subject.workflow,
        job: 'publish',
        step: 'release',
        runId: subject.runId,
        runAttempt: '1',
        audience: 'github',
      },
    };
  };

  it('with no block in force: nothing found, the exchange intended', async () => {
    // The hash is absent: the gate reads EXISTS alone and never splits its keys.
    expect(await redis.client().exists('stepwarden:blocks')).toBe(0);
    const r = await gatesOf(store).gate(gateFor({ repository: 'a/b', workflow: 'w.yml', runId: '7' }));
    expect(r).toMatchObject({ fresh: true, blocks: [], intended: true });
  });

  it('random subjects and blocks: the blocks found are those blockMatches names', async () => {
    await fc.assert(
      fc.asyncProperty(
        subjectArb.chain((s) =>
          fc.tuple(fc.constant(s), fc.array(selectorFor(s), { minLength: 1, maxLength: 4 })),
        ),
        async ([subject, selectors]) => {
          const written = new Map<string, Block>();
          for (const sel of selectors) {
            const b: Block = { ...sel, actor: 'oncall', at: 1 };
            written.set(blockKey(b), b);
            await store.block(b);
          }
          try {
            const r = await gatesOf(store).gate(gateFor(subject));
            const want = [...written.values()].filter((b) => blockMatches(b, subject));
            const key = (b: Block) => blockKey(b);
            // As a set: a run that is also its own parent names one key twice (so did 4fbe0df's HMGET).
            expect([...new Set(r.blocks.map(key))].sort()).toEqual(want.map(key).sort());
            expect(r.fresh).toBe(true);
            // A matching block stops the exchange before its claim; none lets it on.
            expect(r.intended).toBe(want.length === 0);
          } finally {
            for (const b of written.values()) await store.unblock(b);
          }
        },
      ),
      { numRuns: 60 },
    );
    // About 1.5 s at load 10 here; sized for a 2-core machine at load 20 (a few Redis calls per run).
  }, 120_000);
});
