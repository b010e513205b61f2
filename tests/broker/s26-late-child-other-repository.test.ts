/**
 * Session 26, attacking session 25's run index (docs/decisions.md "Attacking session 25's changes"):
 * the kill switch of a writing run reaches its late children (chain.ts `lateDescendants`: App-started
 * runs first seen after its token, whose credentials do not name it) only in the run's *own*
 * repository. A run whose writing token covers another repository (`repositories: [crown-jewels]`)
 * starts runs there too (its push, its tag, its dispatch), and the block refuses their next exchange
 * (store.ts `writers`' `to`), but the credential such a child got after the parent's records were gone
 * stayed live until its ttl: the block missed what it refuses.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startStack, type Stack, closeCheckingAudit, errorCode, HOOKS } from '../support/broker.js';
import { demoRepo } from '../support/github.js';
import { lateChildHelpers } from '../support/late-child.js';
import { runIdOf } from '../support/run-ids.js';

const BOT = 'stepwarden-standin[bot]';

const PARENT_MANIFEST = `version: 1
repository: { name: octo-org/octo-repo, id: 100001, owner-id: 200001 }
workflows:
  release.yml:
    jobs:
      publish:
        credentials:
          - { step: push-jewels, audience: github, permissions: { contents: write }, repositories: [crown-jewels] }
          - { step: push-self, audience: github, permissions: { contents: write } }
`;
const CHILD_MANIFEST = `version: 1
repository: { name: octo-org/crown-jewels, id: 100002, owner-id: 200001 }
workflows:
  release.yml:
    jobs:
      publish:
        credentials:
          - { step: notify, audience: ${HOOKS}, scope: [notify:send], uses: 100, ttl: 3600 }
`;
const ORG = `version: 1
allow-cross-repository:
  - { from: octo-org/octo-repo, repository-id: 100001, to: [crown-jewels] }
`;

let s: Stack;
beforeAll(async () => {
  s = await startStack({ source: 'github', manifest: PARENT_MANIFEST, org: ORG });
  s.gh.state.repos.push(
    demoRepo({
      name: 'crown-jewels',
      id: 100002,
      files: { main: { '.github/access-manifest.yml': CHILD_MANIFEST } },
    }),
  );
});
afterAll(() => closeCheckingAudit(s));
const { active, kill, lateAfter } = lateChildHelpers(() => s);

const oidc = (runId: string, claims: Record<string, unknown> = {}) =>
  s.issuer.mint({ run_id: runIdOf(runId), ...claims }, { issuedAtOffset: s.clock.offset });
const push = async (runId: string, step: string) => s.token(s.exchangeForm(await oidc(runId), { step }));
/** An exchange of a run the App started in crown-jewels. */
const jewelsChild = async (runId: string, repository = 'octo-org/crown-jewels') =>
  s.token(
    s.exchangeForm(
      await oidc(runId, {
        repository,
        repository_id: '100002',
        event_name: 'push',
        actor: BOT,
      }),
      { audience: HOOKS, step: 'notify', scope: 'notify:send' },
    ),
  );
describe('a late child the App started in another repository than its parent’s', () => {
  it('control: inside the parent’s keeping the child names it, and the kill switch revokes it', async () => {
    const parent = 's26x-parent-1';
    expect((await push(parent, 'push-jewels')).status).toBe(200);
    const child = await jewelsChild('s26x-child-1');
    expect(child.status).toBe(200);
    await kill(parent);
    expect(await active(child.body.access_token)).toBe(false);
  });

  it('its first exchange after the parent’s records are gone: its next one is refused by the block', async () => {
    const parent = 's26x-parent-2';
    expect((await push(parent, 'push-jewels')).status).toBe(200);
    await lateAfter(parent);
    await kill(parent);
    const late = await jewelsChild('s26x-child-2');
    expect([late.status, errorCode(late)]).toEqual([403, 'ERR_BLOCKED']);
  });

  it('its first exchange after the parent’s records are gone, then the kill switch: the credential it got is revoked', async () => {
    const parent = 's26x-parent-3';
    expect((await push(parent, 'push-jewels')).status).toBe(200);
    await lateAfter(parent);
    const late = await jewelsChild('s26x-child-3');
    expect(late.status).toBe(200);
    await kill(parent);
    expect(await active(late.body.access_token)).toBe(false);
  });

  it('a run that wrote only to its own repository does not reach a late child of crown-jewels', async () => {
    const parent = 's26x-parent-4';
    expect((await push(parent, 'push-self')).status).toBe(200);
    await lateAfter(parent);
    const late = await jewelsChild('s26x-child-4');
    expect(late.status).toBe(200);
    await kill(parent);
    expect(await active(late.body.access_token)).toBe(true);
  });
});

/**
 * Session 27 (docs/decisions.md "The kill switch and a run's ancestry (session 27)"): a writing
 * token's record keeps the ids GitHub's answer gave for the repositories it covers (`dispatchToIds`),
 * and the run indexes follow its writes by id, so a rename of the other repository between the token
 * and its child's exchange neither hides the parent nor escapes its kill switch.
 */
describe('a writing token for another repository, then a rename of that repository', () => {
  it('the record keeps the id GitHub gave for the other repository', async () => {
    expect((await push('s27r-parent-1', 'push-jewels')).status).toBe(200);
    const [r] = await s.store.list({ runId: runIdOf('s27r-parent-1') });
    expect(r!.dispatchTo).toEqual(['octo-org/crown-jewels']);
    expect(r!.dispatchToIds).toEqual({ 'octo-org/crown-jewels': '100002' });
  });

  it('the child, started under the new name, names its parent, and the parent’s kill switch revokes it', async () => {
    const parent = 's27r-parent-2';
    expect((await push(parent, 'push-jewels')).status).toBe(200);
    // Renamed at GitHub (the stand-in's repository object, its id kept).
    const repo = s.gh.state.repos.find((r) => r.name === 'crown-jewels') as { name: string };
    repo.name = 'jewels-renamed';
    try {
      const child = await jewelsChild('s27r-child-2', 'octo-org/jewels-renamed');
      expect(child.status).toBe(200);
      await kill(parent);
      expect(await active(child.body.access_token)).toBe(false);
    } finally {
      repo.name = 'crown-jewels';
    }
  });
});

/**
 * Session 28: GitHub's token answer gave the other repository no id the broker can read exactly (a
 * JSON number past 2^53 - 1, read rounded): the record kept no `dispatchToIds`, its writes were
 * followed by name only, and a rename before the child's exchange hid the child from the parent's
 * kill switch. Such a writing token is revoked and the exchange refused (GitHub's answers carry ids).
 */
describe('a token answer without a usable id for the other repository (s28)', () => {
  // GitHub's OpenAPI description requires the id (the stand-in refuses an answer without one as drift).
  it.each([['past 2^53 - 1', 2 ** 53 + 2]])(
    'id %s: the writing token is revoked and nothing granted',
    async (_what, id) => {
      s.gh.state.tokenAnswer = (a) => ({
        ...a,
        repositories: (a.repositories as { name: string; id: number }[]).map((r) =>
          r.name === 'crown-jewels' ? { ...r, id } : r,
        ),
      });
      try {
        const minted = s.gh.state.tokens.length;
        const r = await push(`s28-noid-${String(id)}`, 'push-jewels');
        expect([r.status, errorCode(r)]).toEqual([503, 'ERR_GITHUB_UNAVAILABLE']);
        expect(String(r.body.error_description)).toContain('octo-org/crown-jewels');
        expect(s.gh.state.tokens.slice(minted).every((t) => t.revoked)).toBe(true);
        expect(await s.store.list({ runId: runIdOf(`s28-noid-${String(id)}`) })).toEqual([]);
      } finally {
        delete s.gh.state.tokenAnswer;
      }
    },
  );
});
