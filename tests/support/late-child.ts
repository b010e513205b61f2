/**
 * The kill switch and the clock of the late-child suites (s22-late-child, s26-late-child-other-
 * repository): runs blocked by a case are unblocked after it, and `lateAfter` moves the broker's clock
 * past a parent's keeping and waits until the store has dropped its records, as a running broker's
 * store has by then (the sweep settles the upstream revocation first; a record owed one is kept), so
 * the cases cannot pass for the wrong reason.
 */
import { afterEach, expect } from '@jest/globals';
import { startStack, type Stack } from './broker.js';
import { demoRepo } from './github.js';
import { runIdOf } from './run-ids.js';

/** Past a parent's GitHub token's upstream expiry (an hour) and the 10 minutes its record is kept. */
export const LATE = 3600 + 600 + 120;
export const ADMIN = { authorization: 'Bearer secret' };

export function lateChildHelpers(stack: () => Stack) {
  const blocked: string[] = [];
  afterEach(async () => {
    stack().clock.offset = 0;
    for (const run_id of blocked.splice(0)) await stack().post('/admin/unblock', { run_id }, ADMIN);
  });
  return {
    active: async (token: unknown) =>
      (await stack().post('/introspect', { token: String(token) }, ADMIN)).body.active,
    /** Blocks run `run` (a label or an id: run-ids.ts). */
    kill: async (run: string) => {
      const run_id = runIdOf(run);
      blocked.push(run_id);
      expect((await stack().post('/admin/revoke', { run_id }, ADMIN)).status).toBe(200);
    },
    async lateAfter(parent: string): Promise<void> {
      const s = stack();
      s.clock.offset = LATE;
      for (let i = 0; i < 60 && (await s.store.list({ runId: runIdOf(parent) })).length; i++) {
        s.store.prune();
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(await s.store.list({ runId: runIdOf(parent) })).toEqual([]);
    },
  };
}

const BOT = 'stepwarden-standin[bot]';
const trainManifest = (name: string, id: number, grant: string) => `version: 1
repository: { name: octo-org/${name}, id: ${id}, owner-id: 200001 }
workflows:
  release.yml:
    jobs:
      publish:
        credentials:
          - ${grant}
`;

/**
 * A stack over three repositories of a release train (s27-kill-switch-in-flight,
 * s28-kill-switch-walk-race): octo-repo writes to crown-jewels, crown-jewels to vault, vault reads.
 * `exchange` mints a token of run `runId` (a label) in octo-repo, or as the App's bot (or `actor`) in
 * `repo`, and exchanges it for `step`.
 */
export async function startTrainStack(): Promise<{
  s: Stack;
  exchange(
    runId: string,
    step: string,
    repo?: { name: string; id: string },
    actor?: string,
  ): ReturnType<Stack['token']>;
}> {
  const s = await startStack({
    source: 'github',
    manifest: trainManifest(
      'octo-repo',
      100001,
      '{ step: push-jewels, audience: github, permissions: { contents: write }, repositories: [crown-jewels] }',
    ),
    org: `version: 1
allow-cross-repository:
  - { from: octo-org/octo-repo, repository-id: 100001, to: [crown-jewels] }
  - { from: octo-org/crown-jewels, repository-id: 100002, to: [vault] }
`,
  });
  const repo = (name: string, id: number, grant: string) =>
    demoRepo({
      name,
      id,
      files: { main: { '.github/access-manifest.yml': trainManifest(name, id, grant) } },
    });
  s.gh.state.repos.push(
    repo(
      'crown-jewels',
      100002,
      '{ step: push-vault, audience: github, permissions: { contents: write }, repositories: [vault] }',
    ),
    repo('vault', 100003, '{ step: read, audience: github, permissions: { contents: read } }'),
  );
  const exchange = async (runId: string, step: string, repo?: { name: string; id: string }, actor = BOT) =>
    s.token(
      s.exchangeForm(
        await s.issuer.mint(
          {
            run_id: runIdOf(runId),
            ...(repo
              ? { repository: `octo-org/${repo.name}`, repository_id: repo.id, event_name: 'push', actor }
              : {}),
          },
          { issuedAtOffset: s.clock.offset },
        ),
        { step },
      ),
    );
  return { s, exchange };
}
