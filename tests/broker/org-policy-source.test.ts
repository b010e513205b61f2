import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { OidcIssuer } from '../../shared/standins/oidc-issuer.js';
import { BrokerRefusal } from '../../shared/broker/errors.js';
import { loadOrgPolicy } from '../../shared/manifest/load.js';
import {
  combinedOrgPolicy,
  githubOrgPolicySource,
  ORG_POLICY_PATH,
  staticOrgPolicy,
  type OrgPolicyReader,
} from '../../shared/broker/org-policy-source.js';
import { githubSource } from '../../shared/broker/manifest-source.js';
import type { GithubApp } from '../../shared/broker/providers/github-app.js';
import { switchableOrgPolicy } from '../../shared/broker/ops/reload.js';
import { demoRepo, type AppStandin } from '../support/github.js';
import { startTwoGithubs, type TwoGithubs } from '../support/two-githubs.js';
import { MANIFEST, startStack, type Stack } from '../support/broker.js';
import { runIdOf } from '../support/run-ids.js';

const CAP = 'version: 1\nmax-credential-permissions: { contents: read, issues: read }\n';
const WIDER = 'version: 1\nmax-credential-permissions: { contents: write, issues: read }\n';

/** A GitHub of one `.github` repository per owner, with commits and outages, counting reads. */
function fakeGithub() {
  const state = {
    commits: new Map<string, { sha: string; text: string | undefined }>(),
    down: false,
    heads: 0,
    reads: 0,
  };
  const reader: OrgPolicyReader = {
    async defaultBranchHead(owner, repo) {
      state.heads++;
      if (state.down)
        throw new BrokerRefusal('temporarily_unavailable', 'ERR_GITHUB_UNAVAILABLE', 'GitHub 503', 503);
      const c = state.commits.get(owner.toLowerCase());
      if (!c || repo !== '.github')
        throw new BrokerRefusal('invalid_target', 'ERR_GITHUB_REFUSED', 'Not Found (GitHub 404)');
      return { branch: 'main', sha: c.sha };
    },
    async readFile(owner, _repo, path, ref) {
      state.reads++;
      if (state.down) throw new TypeError('fetch failed');
      const c = state.commits.get(owner.toLowerCase());
      return c && c.sha === ref && path === ORG_POLICY_PATH ? c.text : undefined;
    },
  };
  return { state, reader };
}

async function refusal(p: Promise<unknown>): Promise<BrokerRefusal> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(BrokerRefusal);
    return err as BrokerRefusal;
  }
  throw new Error('expected a refusal');
}

describe('organization policy from OWNER/.github', () => {
  it('reads the default branch, caches by commit, and follows a new commit', async () => {
    const { state, reader } = fakeGithub();
    state.commits.set('acme', { sha: 'c1', text: CAP });
    const src = githubOrgPolicySource(reader, { headTtlMs: 0 });
    const a = await src.get('acme');
    expect(a.policies[0]!.value['max-credential-permissions']).toEqual({ contents: 'read', issues: 'read' });
    expect(a.from).toBe('acme/.github@c1');
    await src.get('ACME'); // owners compare case-insensitively
    expect([state.heads, state.reads]).toEqual([2, 1]); // head re-checked, file read once per commit
    state.commits.set('acme', { sha: 'c2', text: WIDER });
    expect((await src.get('acme')).policies[0]!.value['max-credential-permissions']).toEqual({
      contents: 'write',
      issues: 'read',
    });
    expect(state.reads).toBe(2);
  });

  it('re-checks the head only after the refresh interval', async () => {
    const { state, reader } = fakeGithub();
    state.commits.set('acme', { sha: 'c1', text: CAP });
    let t = 0;
    const src = githubOrgPolicySource(reader, { headTtlMs: 60_000, now: () => t });
    await src.get('acme');
    await src.get('acme');
    expect(state.heads).toBe(1);
    t = 61_000;
    await src.get('acme');
    expect(state.heads).toBe(2);
  });

  it('serves the last copy, marked stale, while GitHub is unavailable', async () => {
    const { state, reader } = fakeGithub();
    state.commits.set('acme', { sha: 'c1', text: CAP });
    const src = githubOrgPolicySource(reader, { headTtlMs: 0 });
    await src.get('acme');
    state.down = true;
    const stale = await src.get('acme');
    expect(stale).toMatchObject({ stale: true, from: 'acme/.github@c1' });
    expect(stale.policies[0]!.value['max-credential-permissions']).toEqual({
      contents: 'read',
      issues: 'read',
    });
    state.down = false;
    expect((await src.get('acme')).stale).toBeUndefined();
  });

  it('refuses (fails closed) when the policy was never read and GitHub is unavailable', async () => {
    const { state, reader } = fakeGithub();
    state.commits.set('acme', { sha: 'c1', text: CAP });
    state.down = true;
    const e = await refusal(githubOrgPolicySource(reader).get('acme'));
    expect([e.code, e.status]).toEqual(['ERR_ORG_POLICY_UNAVAILABLE', 503]);
  });

  it('refuses an invalid policy with file:line, and does not fall back to the older valid copy', async () => {
    const { state, reader } = fakeGithub();
    state.commits.set('acme', { sha: 'c1', text: CAP });
    const src = githubOrgPolicySource(reader, { headTtlMs: 0 });
    await src.get('acme');
    state.commits.set('acme', { sha: 'c2', text: 'version: 1\nmax-credential-ttl: 5\n' });
    const e = await refusal(src.get('acme'));
    expect(e.code).toBe('ERR_ORG_POLICY_INVALID');
    expect(e.description).toMatch(/acme\/\.github:stepwarden\/org-policy\.yml:2: /);
    // An outage now does not resurrect the copy that the invalid commit replaced.
    state.down = true;
    expect((await refusal(src.get('acme'))).code).toBe('ERR_ORG_POLICY_UNAVAILABLE');
  });

  it('refuses an owner without a policy file, or without a .github repository the App can read', async () => {
    const { state, reader } = fakeGithub();
    state.commits.set('acme', { sha: 'c1', text: undefined });
    const src = githubOrgPolicySource(reader);
    expect((await refusal(src.get('acme'))).code).toBe('ERR_ORG_POLICY_MISSING');
    expect((await refusal(src.get('nobody'))).code).toBe('ERR_ORG_POLICY_MISSING');
  });

  it('asks GitHub once for concurrent requests of one owner', async () => {
    const { state, reader } = fakeGithub();
    state.commits.set('acme', { sha: 'c1', text: CAP });
    const src = githubOrgPolicySource(reader);
    await Promise.all([src.get('acme'), src.get('acme'), src.get('acme')]);
    expect(state.heads).toBe(1);
  });
});

describe('organization policy from OWNER/.github, end to end (broker, GitHub stand-in)', () => {
  let s: Stack;
  const policyReads = () =>
    s.gh.standin.requests.filter((r) =>
      decodeURIComponent(r.path).endsWith('/contents/stepwarden/org-policy.yml'),
    ).length;

  beforeAll(async () => {
    s = await startStack({ orgPolicies: (app) => githubOrgPolicySource(app, { headTtlMs: 0 }) });
    s.gh.state.repos.push(
      demoRepo({ name: '.github', id: 100099, files: { main: { 'stepwarden/org-policy.yml': CAP } } }),
    );
  });
  afterAll(async () => {
    expect(s.gh.standin.shapeErrors).toEqual([]);
    await s.close();
  });

  it("applies the owner's policy, read at its default branch commit, and names it in the audit", async () => {
    const above = await s.token(s.exchangeForm(await s.issuer.mint({ run_id: runIdOf('o1') })));
    expect(String(above.body.error_description)).toMatch(/^ERR_ORG_CEILING/);
    const ok = await s.token(
      s.exchangeForm(await s.issuer.mint({ run_id: runIdOf('o2') }), { scope: 'contents:read' }),
    );
    expect(ok.status).toBe(200);
    expect(s.audit.events.at(-1)).toMatchObject({
      type: 'credential.granted',
      details: { org_policy: expect.stringMatching(/^octo-org\/\.github@[0-9a-f]{40}$/) },
    });
    expect(policyReads()).toBe(1);
  });

  it('serves the stale copy during a GitHub outage, and says so in the audit', async () => {
    s.gh.standin.fail('GET', '/repos/{owner}/{repo}', { count: 20, status: 503 });
    const r = await s.token(
      s.exchangeForm(await s.issuer.mint({ run_id: runIdOf('o3') }), { scope: 'contents:read' }),
    );
    expect(r.status).toBe(200);
    expect(s.audit.events.at(-1)).toMatchObject({ details: { org_policy_stale: true } });
    s.gh.standin.fail('GET', '/repos/{owner}/{repo}', { count: 0, status: 503 });
  });

  it('refuses, with file:line, when the default branch gets an invalid policy', async () => {
    const i = s.gh.state.repos.findIndex((r) => r.name === '.github');
    s.gh.state.repos[i] = demoRepo({
      name: '.github',
      id: 100099,
      defaultBranch: 'v2',
      files: { v2: { 'stepwarden/org-policy.yml': 'version: 1\nforbidden-triggers: push\n' } },
    });
    const r = await s.token(
      s.exchangeForm(await s.issuer.mint({ run_id: runIdOf('o4') }), { scope: 'contents:read' }),
    );
    expect(r.status).toBe(400);
    expect(String(r.body.error_description)).toMatch(
      /^ERR_ORG_POLICY_INVALID: .*octo-org\/\.github:stepwarden\/org-policy\.yml:2: /,
    );
    expect(s.audit.events.at(-1)).toMatchObject({
      type: 'credential.refused',
      reason: 'ERR_ORG_POLICY_INVALID',
    });
  });
});

describe("organization policy: the token's issuer's App, and the local file as well", () => {
  it("reads each owner with the App of the token's issuer, keyed by issuer, and refuses an issuer without one", async () => {
    const a = fakeGithub();
    const b = fakeGithub();
    a.state.commits.set('acme', { sha: 'a1', text: CAP });
    b.state.commits.set('acme', { sha: 'b1', text: WIDER });
    const src = githubOrgPolicySource((iss) =>
      iss === 'https://a' ? a.reader : iss === 'https://b' ? b.reader : undefined,
    );
    // The same owner name on two GitHubs is two organizations.
    expect((await src.get('acme', 'https://a')).policies[0]!.value['max-credential-permissions']).toEqual({
      contents: 'read',
      issues: 'read',
    });
    expect((await src.get('acme', 'https://b')).policies[0]!.value['max-credential-permissions']).toEqual({
      contents: 'write',
      issues: 'read',
    });
    expect([a.state.reads, b.state.reads]).toEqual([1, 1]);
    const e = await refusal(src.get('acme', 'https://c'));
    expect(e.code).toBe('ERR_ORG_POLICY_MISSING');
    expect(e.description).toMatch(/issuer https:\/\/c has no GitHub App/);
  });

  it('combines the local file with the owner policy: both are in force, named in from', async () => {
    const { state, reader } = fakeGithub();
    state.commits.set('acme', { sha: 'c1', text: CAP });
    const local = loadOrgPolicy(WIDER, 'org.yml');
    const both = await combinedOrgPolicy(local, githubOrgPolicySource(reader)).get('acme');
    expect(both.policies.map((p) => p.file)).toEqual(['org.yml', 'acme/.github:stepwarden/org-policy.yml']);
    expect(both.from).toBe('file+acme/.github@c1');
    // The GitHub side's failures stay failures: a missing owner policy is not lifted by the local file.
    expect((await refusal(combinedOrgPolicy(local, githubOrgPolicySource(reader)).get('nobody'))).code).toBe(
      'ERR_ORG_POLICY_MISSING',
    );
  });
});

describe('organization policy: local file and OWNER/.github both apply, end to end', () => {
  const REACH = `version: 1
repository: { name: octo-org/octo-repo, id: 100001, owner-id: 200001 }
workflows:
  release.yml:
    jobs:
      publish:
        credentials:
          - { step: release, audience: github, permissions: { contents: write } }
          - { step: jewels, audience: github, permissions: { contents: read }, repositories: [self, crown-jewels] }
`;
  const LOCAL = `version: 1
max-credential-ttl: 120
max-credential-permissions: { contents: write }
allow-cross-repository:
  - { from: octo-org/octo-repo, to: [crown-jewels] }
`;
  let s: Stack;
  let n = 0;
  const setRemote = (text: string) => {
    const i = s.gh.state.repos.findIndex((r) => r.name === '.github');
    n++;
    const repo = demoRepo({
      name: '.github',
      id: 100099,
      defaultBranch: `b${n}`,
      files: { [`b${n}`]: { 'stepwarden/org-policy.yml': text } },
    });
    if (i >= 0) s.gh.state.repos[i] = repo;
    else s.gh.state.repos.push(repo);
  };
  const exchange = async (over: Record<string, string>) =>
    s.token(s.exchangeForm(await s.issuer.mint({ run_id: runIdOf(`both-${n}-${Math.random()}`) }), over));

  beforeAll(async () => {
    s = await startStack({
      manifest: REACH,
      orgPolicies: (app) =>
        combinedOrgPolicy(
          loadOrgPolicy(LOCAL, 'org.yml'),
          // Only this stack's issuer has an App: the broker must ask with the token's issuer.
          githubOrgPolicySource((iss) => (iss === s.issuer.url ? app : undefined), { headTtlMs: 0 }),
        ),
    });
    s.gh.state.repos.push(demoRepo({ name: 'crown-jewels', id: 100002, files: { main: {} } }));
    setRemote('version: 1\nmax-credential-permissions: { contents: read }\n');
  });
  afterAll(async () => {
    expect(s.gh.standin.shapeErrors).toEqual([]);
    await s.close();
  });

  it('the stricter ceiling wins: GitHub caps contents at read, the local file caps the ttl', async () => {
    const write = await exchange({ step: 'release', scope: 'contents:write' });
    expect(write.body.error_description).toMatch(
      /^ERR_ORG_CEILING: contents:write is above the organization ceiling \(contents: read, octo-org\/\.github:stepwarden\/org-policy\.yml:2\)/,
    );
    const read = await exchange({ step: 'release', scope: 'contents:read' });
    expect(read.status).toBe(200);
    expect(read.body.expires_in).toBeLessThanOrEqual(120);
    expect(s.audit.events.at(-1)).toMatchObject({
      type: 'credential.granted',
      details: { org_policy: expect.stringMatching(/^file\+octo-org\/\.github@[0-9a-f]{40}$/) },
    });
  });

  it('a consent must be given by both: the local file alone does not let crown-jewels through', async () => {
    const one = await exchange({ step: 'jewels' });
    expect(one.body.error_description).toMatch(
      /^ERR_CROSS_REPOSITORY_NOT_ALLOWED: .*the organization policy \(octo-org\/\.github:stepwarden\/org-policy\.yml\)/,
    );
    setRemote('version: 1\nallow-cross-repository:\n  - { from: octo-org/*, to: [crown-jewels] }\n');
    expect((await exchange({ step: 'jewels' })).status).toBe(200);
    expect(s.gh.state.tokens.at(-1)!.repositories).toEqual(['octo-repo', 'crown-jewels']);
  });

  it('and the other way round: GitHub consenting does not lift the local file', async () => {
    const st = await startStack({
      manifest: REACH,
      orgPolicies: (app) =>
        combinedOrgPolicy(
          loadOrgPolicy('version: 1\n', 'org.yml'),
          githubOrgPolicySource(app, { headTtlMs: 0 }),
        ),
    });
    st.gh.state.repos.push(
      demoRepo({
        name: '.github',
        id: 100099,
        files: {
          main: {
            'stepwarden/org-policy.yml':
              'version: 1\nallow-cross-repository:\n  - { from: octo-org/*, to: [crown-jewels] }\n',
          },
        },
      }),
    );
    const r = await st.token(
      st.exchangeForm(await st.issuer.mint({ run_id: runIdOf('lf1') }), { step: 'jewels' }),
    );
    expect(r.body.error_description).toMatch(/^ERR_CROSS_REPOSITORY_NOT_ALLOWED: .*\(org\.yml\)/);
    await st.close();
  });
});

describe('organization policy from the config: each issuer reads its own owners, plus the local file', () => {
  let g: TwoGithubs;
  let dotcom: OidcIssuer;
  let ghes: OidcIssuer;
  let appDotcom: AppStandin;
  let appGhes: AppStandin;
  beforeAll(async () => {
    const repos = (policy: string) => [
      demoRepo({ files: { main: { '.github/access-manifest.yml': MANIFEST } } }),
      demoRepo({ name: '.github', id: 100099, files: { main: { 'stepwarden/org-policy.yml': policy } } }),
    ];
    // The same owner on two GitHubs: github.com caps contents at read, the GHES server allows write.
    g = await startTwoGithubs({
      repos: (github) => repos(github === 'dotcom' ? CAP : WIDER),
      files: { 'org.yml': 'version: 1\nmax-credential-ttl: 90\n' },
      config: ['org-policy: { source: github, file: ./org.yml }'],
    });
    ({ dotcom, ghes, appDotcom, appGhes } = g);
  });
  afterAll(() => g.close());

  const exchange = (oidc: string) =>
    g.token({
      subject_token: oidc,
      audience: 'github',
      scope: 'contents:write',
      job: 'publish',
      step: 'release',
    });

  it("a GHES token is judged by the GHES owner's policy, a github.com token by github.com's; the file applies to both", async () => {
    const fromGhes = await exchange(await ghes.mint({ run_id: '1' }));
    expect(fromGhes.status).toBe(200);
    expect(fromGhes.body.expires_in).toBeLessThanOrEqual(90);
    const fromDotcom = await exchange(await dotcom.mint({ run_id: '1' }));
    expect(String(fromDotcom.body.error_description)).toMatch(/^ERR_ORG_CEILING: contents:write/);
    const policyReads = (app: AppStandin) =>
      app.standin.requests.filter((r) => decodeURIComponent(r.path).endsWith('/stepwarden/org-policy.yml'))
        .length;
    expect([policyReads(appDotcom), policyReads(appGhes)]).toEqual([1, 1]);
  });
});

describe('cached(): the answer only when no GitHub call is needed (session 28: the screen folds into the gate then)', () => {
  it('OWNER/.github: nothing before the first read, the same answer while the head is fresh, nothing after it or a forget', async () => {
    const { state, reader } = fakeGithub();
    state.commits.set('acme', { sha: 'c1', text: CAP });
    let t = 0;
    const src = githubOrgPolicySource(reader, { headTtlMs: 60_000, now: () => t });
    expect(src.cached!('acme')).toBeUndefined();
    const read = await src.get('acme');
    const calls = [state.heads, state.reads];
    expect(await src.cached!('acme')).toEqual(read);
    expect([state.heads, state.reads]).toEqual(calls);
    t = 61_000;
    expect(src.cached!('acme')).toBeUndefined();
    await src.get('acme');
    src.forget!('acme');
    expect(src.cached!('acme')).toBeUndefined();
    // A refusal cached for a commit is given by cached() too, without GitHub.
    state.commits.set('empty', { sha: 'e1', text: undefined });
    expect((await refusal(src.get('empty'))).code).toBe('ERR_ORG_POLICY_MISSING');
    const heads = state.heads;
    expect((await refusal(src.cached!('empty')!)).code).toBe('ERR_ORG_POLICY_MISSING');
    expect(state.heads).toBe(heads);
  });

  it('the GitHub manifest source: nothing until the read has answered, then the same answer without GitHub', async () => {
    const state = { heads: 0, reads: 0 };
    const app = {
      defaultBranchHead: async () => (state.heads++, { branch: 'main', sha: 'c1' }),
      readFile: async () => (state.reads++, MANIFEST),
    };
    const src = githubSource(app as unknown as GithubApp, 60_000);
    expect(src.cached!('octo-org/octo-repo')).toBeUndefined();
    const pending = src.get('octo-org/octo-repo');
    // The head is known but the file's read has not answered: still GitHub's.
    expect(src.cached!('octo-org/octo-repo')).toBeUndefined();
    const read = await pending;
    const calls = [state.heads, state.reads];
    expect(await src.cached!('Octo-Org/octo-repo')).toEqual(read);
    expect([state.heads, state.reads]).toEqual(calls);
    src.forget!('octo-org/octo-repo');
    expect(src.cached!('octo-org/octo-repo')).toBeUndefined();
  });

  it('a static policy and the switchable source answer from cached() as from get()', async () => {
    const { state, reader } = fakeGithub();
    state.commits.set('acme', { sha: 'c1', text: CAP });
    const inner = githubOrgPolicySource(reader, { headTtlMs: 60_000 });
    const sw = switchableOrgPolicy(inner);
    expect(sw.source.cached!('acme')).toBeUndefined();
    const read = await sw.source.get('acme');
    expect(await sw.source.cached!('acme')).toEqual(read);
    sw.set(staticOrgPolicy());
    expect(await sw.source.cached!('acme')).toEqual({ policies: [] });
  });
});
