import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BrokerRefusal } from '../../shared/broker/errors.js';
import {
  githubOrgPolicySource,
  ORG_POLICY_PATH,
  type OrgPolicyReader,
} from '../../shared/broker/org-policy-source.js';
import { demoRepo } from '../support/github.js';
import { startStack, type Stack } from '../support/broker.js';

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
    expect(a.policy!.value['max-credential-permissions']).toEqual({ contents: 'read', issues: 'read' });
    expect(a.from).toBe('acme/.github@c1');
    await src.get('ACME'); // owners compare case-insensitively
    expect([state.heads, state.reads]).toEqual([2, 1]); // head re-checked, file read once per commit
    state.commits.set('acme', { sha: 'c2', text: WIDER });
    expect((await src.get('acme')).policy!.value['max-credential-permissions']).toEqual({
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
    expect(stale.policy!.value['max-credential-permissions']).toEqual({ contents: 'read', issues: 'read' });
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
    const above = await s.token(s.exchangeForm(await s.issuer.mint({ run_id: 'o1' })));
    expect(String(above.body.error_description)).toMatch(/^ERR_ORG_CEILING/);
    const ok = await s.token(
      s.exchangeForm(await s.issuer.mint({ run_id: 'o2' }), { scope: 'contents:read' }),
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
      s.exchangeForm(await s.issuer.mint({ run_id: 'o3' }), { scope: 'contents:read' }),
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
      s.exchangeForm(await s.issuer.mint({ run_id: 'o4' }), { scope: 'contents:read' }),
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
