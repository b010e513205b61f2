/**
 * Session 21: runs a broker-issued GitHub token starts, by any event. The broker linked a run to the
 * runs whose tokens could have started it only for `workflow_dispatch` / `repository_dispatch`, and
 * counted as able to start runs only tokens with `actions: write` or `contents: write`. That is the
 * GITHUB_TOKEN's rule (its events start no runs except those two); an App installation token's events
 * start runs of every kind (GitHub's docs, "Triggering a workflow from a workflow"). So a compromised
 * run X holding `contents: write` pushed a commit or a tag (event `push`, actor the App's bot), or with
 * `issues: write` opened an issue (event `issues`): the run it started had no parent, its credentials
 * survived `/admin/revoke run_id=X`, and X's block did not refuse its later exchanges.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startStack, type Stack, closeCheckingAudit, errorCode, HOOKS } from '../support/broker.js';
import { runIdOf } from '../support/run-ids.js';

const BOT = 'stepwarden-standin[bot]';
const MANIFEST = `version: 1
repository: { name: octo-org/octo-repo, id: 100001, owner-id: 200001 }
workflows:
  release.yml:
    triggers: [push, issues, workflow_dispatch]
    jobs:
      publish:
        credentials:
          - { step: release, audience: github, permissions: { contents: write, issues: write }, uses: 10, ttl: 300 }
          - { step: notify, audience: ${HOOKS}, scope: [notify:send], uses: 10, ttl: 120, when: { event: [push, issues] } }
`;

let s: Stack;

beforeAll(async () => {
  s = await startStack({ manifest: MANIFEST });
});
afterAll(() => closeCheckingAudit(s));

const oidc = (runId: string, claims: Record<string, unknown> = {}) =>
  s.issuer.mint({ run_id: runIdOf(runId), ...claims });
async function github(runId: string, scope: string) {
  const r = await s.token(s.exchangeForm(await oidc(runId), { scope }));
  expect(r.status).toBe(200);
  return r;
}
async function notify(runId: string, claims: Record<string, unknown>) {
  return s.token(s.exchangeForm(await oidc(runId, claims), { audience: HOOKS, step: 'notify' }));
}
const parentRunsOf = (grant: unknown) =>
  (
    s.audit.events.find((e) => e.type === 'credential.granted' && e.grant_id === grant)?.details as
      Record<string, unknown> | undefined
  )?.parent_runs;
const active = async (token: unknown) =>
  (await s.post('/introspect', { token: String(token) }, { authorization: 'Bearer secret' })).body.active;

describe('a run started by a broker-issued GitHub token, whatever its event', () => {
  for (const [name, scope, event] of [
    ['a push (contents: write: a commit or a tag)', 'contents:write', 'push'],
    ['an issue opened (issues: write)', 'issues:write', 'issues'],
  ] as const)
    it(`${name}: its credentials record the run whose token started it; the kill switch on that run reaches them`, async () => {
      const label = `app-parent-${event}`;
      const parent = runIdOf(label);
      const child = `app-child-${event}`;
      await github(label, scope);
      const c = await notify(child, { event_name: event, actor: BOT });
      expect(c.status).toBe(200);
      // (with the earlier cases' parents: their tokens are kept until they expire upstream)
      expect(parentRunsOf(c.body.grant_id)).toEqual(expect.arrayContaining([parent]));

      const fired = await s.post('/admin/revoke', { run_id: parent }, { authorization: 'Bearer secret' });
      expect(fired.status).toBe(200);
      expect(await active(c.body.access_token)).toBe(false);
      const later = await notify(child, { event_name: event, actor: BOT });
      expect([later.status, errorCode(later)]).toEqual([403, 'ERR_BLOCKED']);
      expect(String(later.body.error_description)).toMatch(new RegExp(`run ${parent}`));
      await s.post('/admin/unblock', { run_id: parent }, { authorization: 'Bearer secret' });
    });

  it('controls: a run started by a person, and a token that can start nothing (read only), link no parent', async () => {
    await github('ro-parent', 'contents:read issues:read');
    const byBot = await notify('ro-child', { event_name: 'push', actor: BOT });
    expect(byBot.status).toBe(200);
    expect(parentRunsOf(byBot.body.grant_id)).toEqual(
      // Runs holding a token that can start runs (earlier cases' parents are revoked by then, but
      // the store still keeps them until their upstream expiry: over-approximate, never miss).
      expect.not.arrayContaining([runIdOf('ro-parent')]),
    );
    await github('w-parent', 'contents:write');
    const byPerson = await notify('person-child', { event_name: 'push', actor: 'octocat' });
    expect(byPerson.status).toBe(200);
    expect(parentRunsOf(byPerson.body.grant_id)).toBeUndefined();
  });
});
