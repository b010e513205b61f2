/**
 * Hostile review (session 8): the kill switch spells repository names one way (blockFold), never
 * narrower than a grant's ASCII-case match, and the Redis store's block keys agree with the memory
 * store's match. A responder who pastes `ｏcto-org/octo-repo` (fullwidth) or types a dotless `ı`
 * blocked nothing before: `String#toLowerCase` keeps both as they are.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { MemoryStore } from '../../shared/broker/state/memory.js';
import { RedisStore } from '../../shared/broker/state/redis.js';
import { SecretBox } from '../../shared/broker/state/secret-box.js';
import {
  blockFold,
  blockKey,
  blockKeysFor,
  blockMatches,
  gatesOf,
  type BlockSelector,
  type GateRequest,
  type Store,
} from '../../shared/broker/state/store.js';
import { globMatch } from '../../shared/conditions/glob.js';
import { startRedis, type RedisServer } from '../support/redis.js';
import { startStack, type Stack } from '../support/broker.js';
import { runIdOf } from '../support/run-ids.js';

const subject = (repository: string) => ({ repository, workflow: 'release.yml', runId: '1' });

/** A block, as a responder may type it, and the GitHub name it must stop. */
const CASES: [string, string, string][] = [
  ['mixed case', 'Octo-ORG/Octo-Repo', 'octo-org/octo-repo'],
  ['Kelvin sign', 'octo-org/\u212Aube', 'octo-org/kube'],
  ['Kelvin sign, upper subject', 'octo-org/\u212Aube', 'octo-org/KUBE'],
  ['dotless i', 'octo-org/l\u0131bs', 'octo-org/libs'],
  ['dotted capital I', 'octo-org/L\u0130BS', 'octo-org/libs'.replace('i', 'i\u0307')],
  ['fullwidth letters', '\uff4f\uff43\uff54\uff4f-org/octo-repo', 'octo-org/octo-repo'],
  ['fullwidth capitals', '\uff2f\uff23\uff34\uff2f-ORG/OCTO-REPO', 'octo-org/octo-repo'],
  ['long s', 'octo-org/\u017fite', 'octo-org/site'],
];

describe('blockFold: one spelling for blocks (pure)', () => {
  it.each(CASES)('%s: the block %j stops %j', (_n, block, name) => {
    expect(blockMatches({ repository: block }, subject(name))).toBe(true);
    expect(blockKeysFor(subject(name))).toContain(blockKey({ repository: block }));
  });

  it('a block by id stops the repository under any name (a rename evades a name block)', () => {
    const renamed = { ...subject('octo-org/renamed'), repositoryId: '100001' };
    expect(blockMatches({ repository: '#100001' }, renamed)).toBe(true);
    expect(blockKeysFor(renamed)).toContain(blockKey({ repository: '#100001' }));
    expect(blockMatches({ repository: 'octo-org/octo-repo' }, renamed)).toBe(false);
    expect(blockMatches({ repository: '#100002' }, renamed)).toBe(false);
    expect(blockMatches({ repository: '#100001' }, subject('octo-org/octo-repo'))).toBe(false); // no id known
  });

  it('another repository is not stopped', () => {
    expect(blockMatches({ repository: 'octo-org/octo-repo' }, subject('octo-org/octo-rep0'))).toBe(false);
    expect(blockMatches({ repository: 'octo-org/kube' }, subject('octo-org/kubes'))).toBe(false);
  });

  const tricky = fc.constantFrom(
    ...'aAkKiIsSoO-/._\u212A\u0131\u0130\u017f\u00df\u03a3\u03c3\u03c2\uff4f\uff2f\u0307\u00e9\u0301'.split(
      '',
    ),
  );
  const name = fc.array(tricky, { minLength: 1, maxLength: 8 }).map((a) => a.join(''));

  it('never narrower than a grant: whatever an ASCII-case repository pattern matches, its block stops (property)', () => {
    fc.assert(
      fc.property(name, fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }), (n, flips) => {
        // The same name in another ASCII case: what a grant's repository pattern (nocase) matches.
        const other = [...n]
          .map((c, i) =>
            flips[i] && /[a-z]/i.test(c) ? (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()) : c,
          )
          .join('');
        if (!globMatch(n, other, { nocase: true })) return;
        expect(blockMatches({ repository: n }, subject(other))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('the keys a store looks a subject up by are exactly the blocks that match it (property)', () => {
    fc.assert(
      fc.property(name, name, fc.boolean(), fc.boolean(), (b, s, withWf, withRun) => {
        const sel: BlockSelector = {
          repository: b,
          ...(withWf ? { workflow: 'release.yml' } : {}),
          ...(withRun ? { runId: '1' } : {}),
        };
        expect(blockKeysFor(subject(s)).includes(blockKey(sel))).toBe(blockMatches(sel, subject(s)));
        expect(blockFold(blockFold(b))).toBe(blockFold(b));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('both stores refuse the subjects a block names, by the same rule', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis.stop();
  });

  const gate = (repository: string): GateRequest => ({
    jtiKey: `iss:${randomUUID()}`,
    jtiTtlSeconds: 600,
    subject: subject(repository),
    claimTtlSeconds: 3600,
    uses: 1,
    intent: {
      grantId: randomUUID(),
      claimKey: `claim:${randomUUID()}`,
      deadline: Math.floor(Date.now() / 1000) + 300,
      sweepAt: Math.floor(Date.now() / 1000) + 30,
      repository,
      repositoryId: '100001',
      workflow: 'release.yml',
      job: 'publish',
      step: 'release',
      runId: '1',
      runAttempt: '1',
      audience: 'github',
    },
  });

  it.each(['memory', 'redis'])('%s', async (kind) => {
    const box = SecretBox.fromText(randomBytes(32).toString('hex'), 'test');
    const store: Store = kind === 'memory' ? new MemoryStore() : await RedisStore.connect(redis.url, { box });
    try {
      {
        // By id: the renamed repository is stopped at the gate in both stores.
        await store.block({ repository: '#100001', actor: 'ir', at: 1 });
        const req = gate('octo-org/renamed');
        const r = await gatesOf(store).gate({ ...req, subject: { ...req.subject, repositoryId: '100001' } });
        expect(r.intended).toBe(false);
        expect(await store.unblock({ repository: '#100001' })).toBe(true);
      }
      for (const [, block, name] of CASES) {
        await store.block({ repository: block, actor: 'ir', at: 1 });
        const r = await gatesOf(store).gate(gate(name));
        expect(r.blocks.some((b) => blockMatches(b, subject(name)))).toBe(true);
        expect(r.intended).toBe(false);
        expect(await store.unblock({ repository: block })).toBe(true);
        expect((await gatesOf(store).gate(gate(name))).intended).toBe(true);
      }
    } finally {
      await store.close();
    }
  });
});

describe('end to end: a fullwidth block stops and revokes the repository', () => {
  let s: Stack;
  beforeAll(async () => {
    s = await startStack();
  });
  afterAll(async () => {
    await s.close();
  });
  const admin = (path: string, form: Record<string, string>) =>
    s.post(path, form, { authorization: 'Bearer secret' });

  it('revokes the live credential and refuses the next exchange (ERR_BLOCKED)', async () => {
    const live = await s.token(s.exchangeForm(await s.issuer.mint({ run_id: runIdOf('fw-1') })));
    expect(live.status).toBe(200);
    const r = await admin('/admin/revoke', { repository: '\uff4f\uff43\uff54\uff4f-org/OCTO-REPO' });
    expect(r.status).toBe(200);
    expect(r.body.revoked).toBe(1);
    const next = await s.token(s.exchangeForm(await s.issuer.mint({ run_id: runIdOf('fw-2') })));
    expect([next.status, String(next.body.error_description).split(':')[0]]).toEqual([403, 'ERR_BLOCKED']);
    expect(
      (await admin('/admin/unblock', { repository: '\uff4f\uff43\uff54\uff4f-org/OCTO-REPO' })).body,
    ).toEqual({
      unblocked: true,
    });
    expect((await s.token(s.exchangeForm(await s.issuer.mint({ run_id: runIdOf('fw-3') })))).status).toBe(
      200,
    );
  });

  it('a workflow given by its path blocks that workflow (it matched nothing and still said blocked: true)', async () => {
    const before = await s.token(s.exchangeForm(await s.issuer.mint({ run_id: runIdOf('wf-1') })));
    expect(before.status).toBe(200);
    const r = await admin('/admin/revoke', { workflow: '.github/workflows/release.yml' });
    expect([r.status, r.body.blocked]).toEqual([200, true]);
    expect(r.body.revoked).toBeGreaterThanOrEqual(1); // wf-1's, and fw-3's of the test above
    const next = await s.token(s.exchangeForm(await s.issuer.mint({ run_id: runIdOf('wf-2') })));
    expect([next.status, String(next.body.error_description).split(':')[0]]).toEqual([403, 'ERR_BLOCKED']);
    expect((await admin('/admin/unblock', { workflow: 'release.yml' })).body).toEqual({ unblocked: true });
    expect((await s.token(s.exchangeForm(await s.issuer.mint({ run_id: runIdOf('wf-3') })))).status).toBe(
      200,
    );
  });

  it.each([
    ['workflow', 'release'],
    ['workflow', '.github/workflows/sub/release.yml'],
    ['workflow', 'release.yml '],
    ['repository', 'octo-org'],
    ['repository', 'https://github.com/octo-org/octo-repo'],
    ['repository', 'octo-org/octo-repo\n'],
    ['run_id', '1 2'],
  ])('a selector that can match nothing is refused, not blocked: %s %j', async (name, value) => {
    const r = await admin('/admin/revoke', { [name]: value.replace('\\n', '\n') });
    expect([r.status, String(r.body.error_description).split(':')[0]]).toEqual([400, 'ERR_PARAM_INVALID']);
    expect(String(r.body.error_description)).toMatch(/e\.g\.|run id/);
    expect(await s.store.blocks()).toEqual([]);
  });

  it('repository_id blocks and lifts by id; both selectors at once are refused', async () => {
    const r = await admin('/admin/revoke', { repository_id: '100001' });
    expect([r.status, r.body.blocked]).toEqual([200, true]);
    const next = await s.token(s.exchangeForm(await s.issuer.mint({ run_id: runIdOf('id-1') })));
    expect([next.status, String(next.body.error_description)]).toEqual([
      403,
      'ERR_BLOCKED: the kill switch blocks repository #100001; an admin lifts it with POST /admin/unblock',
    ]);
    expect(s.audit.events.filter((e) => e.type === 'admin.revoke').at(-1)).toMatchObject({
      repository_id: '100001',
    });
    expect((await admin('/admin/unblock', { repository_id: '100001' })).body).toEqual({ unblocked: true });
    expect((await s.token(s.exchangeForm(await s.issuer.mint({ run_id: runIdOf('id-2') })))).status).toBe(
      200,
    );
    const forms: Record<string, string>[] = [
      { repository_id: '0100001' },
      { repository_id: 'x' },
      { repository_id: '1', repository: 'a/b' },
    ];
    for (const form of forms) {
      const bad = await admin('/admin/revoke', form);
      expect([bad.status, String(bad.body.error_description).split(':')[0]]).toEqual([
        400,
        'ERR_PARAM_INVALID',
      ]);
    }
    expect(await s.store.blocks()).toEqual([]);
  });
});
