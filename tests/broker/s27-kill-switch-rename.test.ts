/**
 * Session 27 (docs/decisions.md "The kill switch and a run's ancestry (session 27)"), through the
 * broker: a writing token's record keeps the ids GitHub's answer gave for the repositories it covers
 * (`dispatchToIds`), and the run indexes follow its writes by id, so a rename of the other repository
 * between the token and its child's exchange neither hides the parent nor escapes its kill switch.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startStack, type Stack, closeCheckingAudit, HOOKS } from '../support/broker.js';
import { demoRepo } from '../support/github.js';
import { lateChildHelpers } from '../support/late-child.js';

const BOT = 'stepwarden-standin[bot]';

const PARENT_MANIFEST = `version: 1
repository: { name: octo-org/octo-repo, id: 100001, owner-id: 200001 }
workflows:
  release.yml:
    jobs:
      publish:
        credentials:
          - { step: push-jewels, audience: github, permissions: { contents: write }, repositories: [crown-jewels] }
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
const { active, kill } = lateChildHelpers(() => s);

const oidc = (runId: string, claims: Record<string, unknown> = {}) =>
  s.issuer.mint({ run_id: runId, ...claims }, { issuedAtOffset: s.clock.offset });

describe('a writing token for another repository, then a rename of that repository', () => {
  it('the record keeps the id GitHub gave for the other repository', async () => {
    expect((await s.token(s.exchangeForm(await oidc('s27r-parent-1'), { step: 'push-jewels' }))).status).toBe(
      200,
    );
    const [r] = await s.store.list({ runId: 's27r-parent-1' });
    expect(r!.dispatchTo).toEqual(['octo-org/crown-jewels']);
    expect(r!.dispatchToIds).toEqual({ 'octo-org/crown-jewels': '100002' });
  });

  it('the child, started under the new name, names its parent, and the parent’s kill switch revokes it', async () => {
    const parent = 's27r-parent-2';
    expect((await s.token(s.exchangeForm(await oidc(parent), { step: 'push-jewels' }))).status).toBe(200);
    // Renamed at GitHub (the stand-in's repository object, its id kept).
    const repo = s.gh.state.repos.find((r) => r.name === 'crown-jewels') as { name: string };
    repo.name = 'jewels-renamed';
    try {
      const child = await s.token(
        s.exchangeForm(
          await oidc('s27r-child-2', {
            repository: 'octo-org/jewels-renamed',
            repository_id: '100002',
            event_name: 'push',
            actor: BOT,
          }),
          { audience: HOOKS, step: 'notify', scope: 'notify:send' },
        ),
      );
      expect(child.status).toBe(200);
      await kill(parent);
      expect(await active(child.body.access_token)).toBe(false);
    } finally {
      repo.name = 'crown-jewels';
    }
  });
});
