/**
 * Hostile review (session 13), the installation token GitHub hands back, against the real broker
 * (local issuer, GitHub stand-in, broker on 127.0.0.1). The broker asks GitHub by repository *name*
 * while the manifest binds the repository by *id*; and GitHub reads an absent list as "everything".
 * The minted token must never be wider than the grant: a token GitHub answers for another repository
 * under the name, for every repository, or with a permission not asked for is revoked and refused.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { createPrivateKey } from 'node:crypto';
import fc from 'fast-check';
import { auditEventSchema } from '../../shared/audit/event.js';
import { GithubApp, widerThanAsked } from '../../shared/broker/providers/github-app.js';
import { BrokerRefusal } from '../../shared/broker/errors.js';
import { startStack, type Stack, errorCode } from '../support/broker.js';
import { runIdOf } from '../support/run-ids.js';

const MANIFEST = `version: 1
repository: { name: octo-org/octo-repo, id: 100001, owner-id: 200001 }
workflows:
  release.yml:
    jobs:
      publish:
        credentials:
          - { step: release, audience: github, permissions: { contents: write, issues: read }, uses: 100, ttl: 300 }
`;

let s: Stack;
const secrets = new Set<string>();
let runs = 0;

beforeAll(async () => {
  s = await startStack({ manifest: MANIFEST });
});
afterEach(() => {
  delete s.gh.state.tokenAnswer;
  s.gh.state.repos[0] = { ...s.gh.state.repos[0]!, id: 100001 };
});
afterAll(async () => {
  try {
    const audit = JSON.stringify(s.audit.events);
    for (const t of secrets) expect(audit.includes(t)).toBe(false);
    for (const e of s.audit.events) expect(auditEventSchema.safeParse(e).success).toBe(true);
  } finally {
    await s.close();
  }
});

async function exchange() {
  const t = Math.floor(Date.now() / 1000);
  const c = {
    ...s.issuer.claims({ ref: 'refs/heads/main' }),
    ref_type: 'branch',
    run_id: runIdOf(`s13g-${++runs}`),
    iat: t,
    nbf: t,
    exp: t + 300,
  };
  const tok = await s.issuer.mintRaw(JSON.stringify(c));
  secrets.add(tok);
  const r = await s.token(s.exchangeForm(tok));
  if (typeof r.body.access_token === 'string') secrets.add(r.body.access_token);
  for (const x of s.gh.state.tokens) secrets.add(x.token);
  return r;
}

async function refusedWider(fragment: RegExp) {
  const before = s.audit.events.length;
  const issued = s.gh.state.tokens.length;
  const r = await exchange();
  expect([r.status, errorCode(r)]).toEqual([502, 'ERR_GITHUB_TOKEN_WIDER']);
  expect(String(r.body.error_description)).toMatch(fragment);
  // The token GitHub handed out is revoked upstream, and nothing about it is live at the broker.
  const minted = s.gh.state.tokens.slice(issued);
  expect(minted).toHaveLength(1);
  expect(minted[0]!.revoked).toBe(true);
  expect(s.audit.events.slice(before).map((e) => e.reason)).toContain('ERR_GITHUB_TOKEN_WIDER');
  expect(s.audit.events.slice(before).some((e) => e.type === 'credential.granted')).toBe(false);
}

describe("GitHub's answer is checked against what was asked", () => {
  it('the name now naming another repository (renamed, the name re-created): refused, not minted for it', async () => {
    s.gh.state.repos[0] = { ...s.gh.state.repos[0]!, id: 999999 };
    await refusedWider(/id 999999, not 100001/);
  });

  it('every repository of the installation (repository_selection all): refused', async () => {
    s.gh.state.tokenAnswer = (a) => ({ ...a, repository_selection: 'all', repositories: undefined });
    await refusedWider(/every repository of the installation/);
  });

  it('a repository not asked for: refused', async () => {
    s.gh.state.tokenAnswer = (a) => ({
      ...a,
      repositories: [
        ...(a.repositories as object[]),
        { ...(a.repositories as object[])[0]!, id: 5, name: 'other' },
      ],
    });
    await refusedWider(/1 not asked for/);
  });

  it("a repository of another owner (an installation found by a name now another account's): refused", async () => {
    s.gh.state.tokenAnswer = (a) => ({
      ...a,
      repositories: (a.repositories as { full_name: string }[]).map((r) => ({
        ...r,
        full_name: r.full_name.replace(/^octo-org\//, 'octo-org-renamed/'),
      })),
    });
    await refusedWider(/octo-org-renamed\/octo-repo.*another owner than octo-org/);
  });

  it('a permission not asked for, or a higher level: refused', async () => {
    s.gh.state.tokenAnswer = (a) => ({
      ...a,
      permissions: { ...(a.permissions as object), administration: 'write' },
    });
    await refusedWider(/administration: write, asked none/);
    s.gh.state.tokenAnswer = (a) => ({
      ...a,
      permissions: { ...(a.permissions as object), issues: 'write' },
    });
    await refusedWider(/issues: write, asked read/);
  });

  it("GitHub's own metadata: read beside what was asked, and the answer as asked, are granted", async () => {
    s.gh.state.tokenAnswer = (a) => ({
      ...a,
      permissions: { ...(a.permissions as object), metadata: 'read' },
    });
    expect((await exchange()).status).toBe(200);
    delete s.gh.state.tokenAnswer;
    expect((await exchange()).status).toBe(200);
  });

  it('an empty repositories or permissions list is never sent (GitHub reads it as everything)', async () => {
    const app = new GithubApp({
      api: s.gh.standin.url,
      appId: s.gh.appId,
      privateKey: createPrivateKey(s.gh.privateKeyPem),
    });
    const issued = s.gh.state.tokens.length;
    for (const [perms, repos] of [
      [{ contents: 'read' }, []],
      [{}, ['octo-repo']],
    ] as const) {
      const err = await app.createToken('octo-org', 'octo-repo', perms, [...repos]).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(BrokerRefusal);
      expect((err as BrokerRefusal).code).toBe('ERR_GITHUB_TOKEN_WIDER');
    }
    expect(s.gh.state.tokens.length).toBe(issued);
  });
});

describe('widerThanAsked, pure (property)', () => {
  const perm = fc.constantFrom('contents', 'issues', 'metadata', 'administration', 'pull_requests');
  const level = fc.constantFrom('read', 'write', 'admin');
  const name = fc.constantFrom('octo-repo', 'Octo-Repo', 'other', 'shared');
  const rank = { read: 1, write: 2, admin: 3 } as Record<string, number>;
  it('refuses exactly an answer that is not within what was asked (plus metadata: read), of the owner asked', () => {
    fc.assert(
      fc.property(
        fc.dictionary(perm, level, { minKeys: 1 }),
        fc.dictionary(perm, level),
        fc.uniqueArray(name, { minLength: 1, selector: (n) => n.toLowerCase() }),
        fc.uniqueArray(name, { selector: (n) => n.toLowerCase() }),
        fc.constantFrom('selected', 'all'),
        fc.constantFrom('octo-org', 'OCTO-ORG', 'other-org'),
        (asked, got, names, gotNames, selection, owner) => {
          const answer = {
            permissions: got,
            repository_selection: selection,
            repositories: gotNames.map((n) => ({
              id: n.toLowerCase() === 'octo-repo' ? 1 : 2,
              name: n,
              full_name: `${owner}/${n}`,
            })),
          };
          const lower = (xs: readonly string[]) => new Set(xs.map((x) => x.toLowerCase()));
          const sameRepos =
            lower(names).size === lower(gotNames).size &&
            [...lower(gotNames)].every((n) => lower(names).has(n));
          const within = Object.entries(got).every(
            ([p, l]) =>
              (p === 'metadata' && l === 'read' && !asked[p]) || rank[l]! <= (rank[asked[p] ?? ''] ?? 0),
          );
          const target = { owner: 'octo-org', repo: 'octo-repo', repositories: names, repositoryId: '1' };
          const verdict = widerThanAsked(answer, asked, target);
          const sameOwner = owner !== 'other-org' || gotNames.length === 0;
          expect(verdict === undefined).toBe(selection === 'selected' && sameRepos && sameOwner && within);
          // The own repository under another id is always wider, when it is covered.
          const moved = widerThanAsked(
            { ...answer, repositories: answer.repositories.map((r) => ({ ...r, id: 3 })) },
            asked,
            target,
          );
          if (lower(names).has('octo-repo')) expect(moved).toBeDefined();
        },
      ),
    );
  });
});
