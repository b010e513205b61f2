/**
 * Session 37, clocks: the broker's wall clock stepped back (an NTP step after the clock ran ahead, a
 * VM restored from a snapshot, `date -s`). The verifier, the service and the memory store read the
 * steady clock (shared/clock/steady.ts, session 15), but the manifest and organization-policy caches
 * measured their ages on `Date.now()`: stepped back by an hour, a cached default-branch head (and so
 * the manifest read at it) or a directory manifest's last check stayed "fresh" for that hour. A
 * manifest narrowed after an incident (a grant removed, the org policy's reach withdrawn) went on
 * granting what it no longer says. Cache ages are durations: they are now measured on the monotonic
 * clock, which a wall step moves neither way.
 *
 * In-process: `Date.now` is stepped back for the duration of each case (restored after).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { directorySource, githubSource } from '../../shared/broker/manifest-source.js';
import { githubOrgPolicySource } from '../../shared/broker/org-policy-source.js';
import type { GithubApp } from '../../shared/broker/providers/github-app.js';

const HOUR = 3_600_000;
const realNow = Date.now;
let step = 0;
/** Steps the wall clock `ms` back from now on (what an NTP step does to Date.now). */
const stepBack = (ms: number) => {
  step = ms;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
// Installed before the sources are made: a source that keeps `Date.now` itself keeps this one.
beforeAll(() => {
  Date.now = () => realNow() - step;
});
afterEach(() => {
  step = 0;
});
afterAll(() => {
  Date.now = realNow;
});

const manifest = (steps: string[]) => `version: 1
repository: { name: octo-org/octo-repo, id: 100001, owner-id: 200001 }
workflows:
  release.yml:
    jobs:
      publish:
        permissions: { contents: read, id-token: write }
        credentials:
${steps.map((s) => `          - { step: ${s}, audience: https://hooks.example.internal, scope: [notify:send], ttl: 60 }`).join('\n')}
`;
const stepsOf = (loaded: { manifest: { manifest: unknown } }): string[] => {
  const m = loaded.manifest.manifest as {
    workflows: Record<string, { jobs: Record<string, { credentials?: { step: string }[] }> }>;
  };
  return (m.workflows['release.yml']!.jobs.publish!.credentials ?? []).map((c) => c.step);
};

describe('a wall clock stepped back does not keep a narrowed manifest or org policy (s37)', () => {
  it('the directory source re-checks the file after recheckMs of real time, whatever the wall says', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sw-s37-clock-'));
    try {
      const path = join(dir, 'octo-org/octo-repo/.github');
      mkdirSync(path, { recursive: true });
      writeFileSync(join(path, 'access-manifest.yml'), manifest(['notify', 'deploy']));
      const src = directorySource(dir, { recheckMs: 50 });
      expect(stepsOf(await src.get('octo-org/octo-repo'))).toEqual(['notify', 'deploy']);
      stepBack(HOUR);
      // The incident's edit: `deploy` removed.
      writeFileSync(join(path, 'access-manifest.yml'), manifest(['notify']));
      await sleep(200);
      // Before: the last check looked an hour in the future, so the cached manifest was served.
      expect(stepsOf(await src.get('octo-org/octo-repo'))).toEqual(['notify']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("the GitHub source asks for the default branch's head again after headTtlMs of real time", async () => {
    let head = 'a'.repeat(40);
    const files: Record<string, string> = {
      ['a'.repeat(40)]: manifest(['notify', 'deploy']),
      ['b'.repeat(40)]: manifest(['notify']),
    };
    const app = {
      defaultBranchHead: async () => ({ sha: head, branch: 'main' }),
      readFile: async (_o: string, _r: string, _p: string, sha: string) => files[sha],
    } as unknown as GithubApp;
    const src = githubSource(app, 50);
    expect(stepsOf(await src.get('octo-org/octo-repo'))).toEqual(['notify', 'deploy']);
    stepBack(HOUR);
    head = 'b'.repeat(40);
    await sleep(200);
    // Before: the head cached "until" an hour ahead of the stepped wall: commit a..., `deploy` granted.
    const now = await src.get('octo-org/octo-repo');
    expect(now.commit).toBe(head);
    expect(stepsOf(now)).toEqual(['notify']);
    expect(src.cached?.('octo-org/octo-repo')).toBeDefined();
  });

  it("the organization policy's head is asked again after its ttl of real time", async () => {
    let head = 'a'.repeat(40);
    let heads = 0;
    const policies: Record<string, string> = {
      ['a'.repeat(40)]: 'version: 1\n',
      ['b'.repeat(40)]: 'version: 1\n# narrowed\n',
    };
    const app = {
      defaultBranchHead: async () => {
        heads++;
        return { sha: head, branch: 'main' };
      },
      readFile: async (_o: string, _r: string, _p: string, sha: string) => policies[sha],
    } as unknown as GithubApp;
    const src = githubOrgPolicySource(() => app, { headTtlMs: 50 });
    await src.get('octo-org', undefined);
    const before = heads;
    stepBack(HOUR);
    head = 'b'.repeat(40);
    await sleep(200);
    await src.get('octo-org', undefined);
    // Before: the head's "until" lay an hour ahead of the stepped wall, and GitHub was not asked.
    expect(heads).toBe(before + 1);
  });
});
