/**
 * Hostile review (session 9): a kill-switch block by repository name learns the repository's id.
 * Before, a name block matched the name only: the repository's admins (the suspects) renamed it, the
 * manifest binds the id, so the grants went on under the new name past the block. Now `/admin/revoke`
 * asks GitHub (and the live credentials) for the id and blocks it beside the name; lifting the name
 * block lifts what it learned; an id it cannot learn is said in the answer and the audit line.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import { NUMERIC_ID } from '../../shared/oidc/claims.js';
import { RedisStore } from '../../shared/broker/state/redis.js';
import { SecretBox } from '../../shared/broker/state/secret-box.js';
import { blockKey, blockKeysFor, repositoryIdOfBlock } from '../../shared/broker/state/store.js';
import { startStack, type Stack } from '../support/broker.js';
import { startRedis } from '../support/redis.js';
import { runIdOf } from '../support/run-ids.js';

describe('a name block survives a rename', () => {
  let s: Stack;
  beforeAll(async () => {
    s = await startStack({ source: 'github' });
  });
  afterAll(async () => {
    await s.close();
  });
  const admin = (path: string, form: Record<string, string>) =>
    s.post(path, form, { authorization: 'Bearer secret' });
  const exchangeAs = async (repository: string, run: string) =>
    s.token(
      s.exchangeForm(await s.issuer.mint({ repository, run_id: runIdOf(run), repository_id: '100001' })),
    );
  const rename = (name: string) => {
    (s.gh.state.repos[0] as { name: string }).name = name;
  };

  it('blocks the id GitHub gives the name; the renamed repository is refused, and unblock lifts both', async () => {
    expect((await exchangeAs('octo-org/octo-repo', 'rn-0')).status).toBe(200);
    const r = await admin('/admin/revoke', { repository: 'octo-org/octo-repo' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ blocked: true, repository_ids: ['100001'] });
    expect(r.body.warning).toBeUndefined();
    rename('renamed');
    try {
      const evaded = await exchangeAs('octo-org/renamed', 'rn-1');
      expect([evaded.status, String(evaded.body.error_description)]).toEqual([
        403,
        'ERR_BLOCKED: the kill switch blocks repository #100001; an admin lifts it with POST /admin/unblock',
      ]);
      expect(s.audit.events.filter((e) => e.type === 'admin.revoke').at(-1)).toMatchObject({
        repository: 'octo-org/octo-repo',
        details: { repository_ids: ['100001'] },
      });
      expect((await admin('/admin/unblock', { repository: 'octo-org/octo-repo' })).body).toEqual({
        unblocked: true,
      });
      expect(await s.store.blocks()).toEqual([]);
      expect((await exchangeAs('octo-org/renamed', 'rn-2')).status).toBe(200);
    } finally {
      rename('octo-repo');
    }
  });

  it('an id block the admin set is not lifted by unblocking a name', async () => {
    await admin('/admin/revoke', { repository_id: '100001' });
    await admin('/admin/revoke', { repository: 'octo-org/octo-repo' });
    expect((await admin('/admin/unblock', { repository: 'octo-org/octo-repo' })).body).toEqual({
      unblocked: true,
    });
    // The admin's own id block stays (it has no learnedFrom); so does its refusal.
    expect((await exchangeAs('octo-org/octo-repo', 'rn-3')).status).toBe(403);
    expect((await admin('/admin/unblock', { repository_id: '100001' })).body).toEqual({ unblocked: true });
    expect(await s.store.blocks()).toEqual([]);
  });

  it('a name pasted in fullwidth letters (which the block folds) learns the id too', async () => {
    const r = await admin('/admin/revoke', { repository: '\uff4f\uff43\uff54\uff4f-org/OCTO-REPO' });
    expect(r.body).toMatchObject({ blocked: true, repository_ids: ['100001'] });
    await admin('/admin/unblock', { repository: '\uff4f\uff43\uff54\uff4f-org/OCTO-REPO' });
    expect(await s.store.blocks()).toEqual([]);
  });

  it('a name whose id cannot be learned is still blocked, and the answer and audit say a rename evades it', async () => {
    const r = await admin('/admin/revoke', { repository: 'octo-org/ghost' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ blocked: true, repository_ids: [] });
    expect(String(r.body.warning)).toMatch(
      /rename of the repository evades this block; block by repository_id/,
    );
    expect(s.audit.events.filter((e) => e.type === 'admin.revoke').at(-1)).toMatchObject({
      detail: expect.stringMatching(/evades this block/),
    });
    await admin('/admin/unblock', { repository: 'octo-org/ghost' });
  });
});

describe('a name block learns the id from the exchanges it stops', () => {
  let s: Stack;
  beforeAll(async () => {
    s = await startStack();
  });
  afterAll(async () => {
    await s.close();
  });
  const admin = (path: string, form: Record<string, string>) =>
    s.post(path, form, { authorization: 'Bearer secret' });

  it('GitHub could not say the id at the block; the first refused token teaches it, unblock lifts it', async () => {
    // The App cannot read the repository (renamed at GitHub meanwhile, say): no id learned at the block.
    (s.gh.state.repos[0] as { name: string }).name = 'elsewhere';
    const r = await admin('/admin/revoke', { repository: 'octo-org/octo-repo', workflow: 'release.yml' });
    (s.gh.state.repos[0] as { name: string }).name = 'octo-repo';
    expect(r.body).toMatchObject({ blocked: true, repository_ids: [] });
    const stopped = await s.token(s.exchangeForm(await s.issuer.mint({ run_id: runIdOf('lr-1') })));
    expect(stopped.status).toBe(403);
    await new Promise((ok) => setImmediate(ok));
    expect(await s.store.blocks()).toContainEqual(
      expect.objectContaining({
        repository: '#100001',
        workflow: 'release.yml',
        learnedFrom: 'octo-org/octo-repo',
      }),
    );
    // The renamed repository's tokens are now stopped by the id (blockKeysFor reads the same keys).
    expect(
      blockKeysFor({
        repository: 'octo-org/renamed',
        repositoryId: '100001',
        workflow: 'release.yml',
        runId: '2',
      }),
    ).toContain(blockKey({ repository: '#100001', workflow: 'release.yml' }));
    expect(
      (await admin('/admin/unblock', { repository: 'octo-org/octo-repo', workflow: 'release.yml' })).body,
    ).toEqual({ unblocked: true });
    expect(await s.store.blocks()).toEqual([]);
  });
});

describe('one repository-id shape', () => {
  it('a block key by id exists exactly for the ids the verifier accepts (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.stringMatching(/^[0-9]{1,22}$/), fc.string()), (id) => {
        const keys = blockKeysFor({ repository: 'a/b', repositoryId: id, workflow: 'w.yml', runId: '1' });
        expect(keys.includes(blockKey({ repository: `#${id}` }))).toBe(NUMERIC_ID.test(id));
        expect(repositoryIdOfBlock(`#${id}`) !== undefined).toBe(NUMERIC_ID.test(id));
      }),
      { numRuns: 500 },
    );
  });
});

describe('a learned id block on the Redis store', () => {
  it('keeps what it was learned from, stops the renamed repository at the gate, and is lifted by its key', async () => {
    const server = await startRedis();
    const store = await RedisStore.connect(server.url, {
      box: SecretBox.fromText(randomBytes(32).toString('hex'), 'test'),
    });
    try {
      await store.block({ repository: '#100001', actor: 'oncall', at: 1, learnedFrom: 'octo-org/octo-repo' });
      expect(await store.blocks()).toEqual([
        { repository: '#100001', actor: 'oncall', at: 1, learnedFrom: 'octo-org/octo-repo' },
      ]);
      const keys = blockKeysFor({
        repository: 'octo-org/renamed',
        repositoryId: '100001',
        workflow: 'release.yml',
        runId: '1',
      });
      expect(keys).toContain(blockKey({ repository: '#100001' }));
      expect(await store.unblock((await store.blocks())[0]!)).toBe(true);
      expect(await store.blocks()).toEqual([]);
    } finally {
      await store.close();
      await server.stop();
    }
  });
});
