/**
 * Session 14 trust boundary, the other repositories a grant names (`repositories: [self, crown-jewels]`)
 * against the real broker (local issuer, GitHub stand-in). Those are asked of GitHub by name only (the
 * manifest and the organization policy carry no id for them), so GitHub's answer must list exactly the
 * full names asked, under the owner asked, each once: an entry without a full name, or one listed
 * twice in place of another, is not what was asked and is revoked and refused like a wider answer.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { widerThanAsked } from '../../shared/broker/providers/github-app.js';
import { startStack, type Stack, errorCode } from '../support/broker.js';
import { demoRepo } from '../support/github.js';
import { runIdOf } from '../support/run-ids.js';

const MANIFEST = `version: 1
repository: { name: octo-org/octo-repo, id: 100001, owner-id: 200001 }
workflows:
  release.yml:
    jobs:
      publish:
        credentials:
          - { step: jewels, audience: github, permissions: { contents: read }, repositories: [self, crown-jewels] }
          - { step: only-jewels, audience: github, permissions: { contents: read }, repositories: [crown-jewels] }
`;
const ORG = `version: 1
allow-cross-repository:
  - { from: octo-org/octo-repo, to: [crown-jewels] }
`;

type Repo = { id: number; name: string; full_name?: string };
let s: Stack;
const secrets = new Set<string>();
let runs = 0;

beforeAll(async () => {
  s = await startStack({ manifest: MANIFEST, org: ORG });
  s.gh.state.repos.push(demoRepo({ name: 'crown-jewels', id: 100002, files: { main: {} } }));
});
afterEach(() => {
  delete s.gh.state.tokenAnswer;
});
afterAll(async () => {
  try {
    const audit = JSON.stringify(s.audit.events);
    for (const t of secrets) expect(audit.includes(t)).toBe(false);
  } finally {
    await s.close();
  }
});

async function exchange(step: string) {
  const t = Math.floor(Date.now() / 1000);
  const c = {
    ...s.issuer.claims({ ref: 'refs/heads/main' }),
    ref_type: 'branch',
    run_id: runIdOf(`s14r-${++runs}`),
    iat: t,
    nbf: t,
    exp: t + 300,
  };
  const tok = await s.issuer.mintRaw(JSON.stringify(c));
  secrets.add(tok);
  const r = await s.token(s.exchangeForm(tok, { step }));
  if (typeof r.body.access_token === 'string') secrets.add(r.body.access_token);
  for (const x of s.gh.state.tokens) secrets.add(x.token);
  return r;
}

async function refused(step: string, answer: (repos: Repo[]) => Repo[], fragment: RegExp) {
  s.gh.state.tokenAnswer = (a) => ({ ...a, repositories: answer(a.repositories as Repo[]) });
  const before = s.audit.events.length;
  const issued = s.gh.state.tokens.length;
  const r = await exchange(step);
  expect([r.status, errorCode(r)]).toEqual([502, 'ERR_GITHUB_TOKEN_WIDER']);
  expect(String(r.body.error_description)).toMatch(fragment);
  const minted = s.gh.state.tokens.slice(issued);
  expect(minted).toHaveLength(1);
  expect(minted[0]!.revoked).toBe(true);
  expect(s.audit.events.slice(before).some((e) => e.type === 'credential.granted')).toBe(false);
}

describe("GitHub's answer for the other repositories of a grant", () => {
  it('as asked: granted, both repositories covered', async () => {
    const r = await exchange('jewels');
    expect(r.status).toBe(200);
    expect(s.gh.state.tokens.at(-1)!.repositories).toEqual(['octo-repo', 'crown-jewels']);
    expect((await exchange('only-jewels')).status).toBe(200);
  });

  it('crown-jewels of another owner: refused', async () => {
    await refused(
      'only-jewels',
      (rs) => rs.map((r) => ({ ...r, full_name: `evil-org/${r.name}` })),
      /"evil-org\/crown-jewels", a repository of another owner than octo-org/,
    );
  });

  it('a name that disagrees with its full name: refused', async () => {
    await refused(
      'only-jewels',
      (rs) => rs.map((r) => ({ ...r, full_name: 'octo-org/crown-jewels-old' })),
      /1 not asked for/,
    );
  });

  it('one repository listed twice in place of the other: refused', async () => {
    await refused('jewels', (rs) => [rs[0]!, rs[0]!], /some twice/);
  });
});

describe('widerThanAsked, the repository list', () => {
  // GitHub's schema requires full_name (the stand-in refuses an answer without it), so this is pure:
  // an answer that does not say whose repository it covers is not taken on its name alone.
  it('an entry without a full_name (its owner unknown) is refused', () => {
    const asked = {
      owner: 'octo-org',
      repo: 'octo-repo',
      repositories: ['octo-repo', 'crown-jewels'],
      repositoryId: '1',
    };
    const answer = (jewels: Repo) => ({
      permissions: { contents: 'read' },
      repository_selection: 'selected',
      repositories: [{ id: 1, name: 'octo-repo', full_name: 'octo-org/octo-repo' }, jewels],
    });
    expect(
      widerThanAsked(
        answer({ id: 2, name: 'crown-jewels', full_name: 'octo-org/crown-jewels' }),
        { contents: 'read' },
        asked,
      ),
    ).toBeUndefined();
    expect(widerThanAsked(answer({ id: 2, name: 'crown-jewels' }), { contents: 'read' }, asked)).toMatch(
      /1 not asked for, some without a full_name/,
    );
  });

  const name = fc.constantFrom('octo-repo', 'Octo-Repo', 'crown-jewels', 'other');
  const owner = fc.constantFrom('octo-org', 'OCTO-ORG', 'evil-org');
  const entry = fc.record(
    { name, owner, full: fc.constantFrom('match', 'absent', 'other-name') },
    { requiredKeys: ['name', 'owner', 'full'] },
  );
  it('accepts exactly the full names asked, under the owner asked, each once', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(name, { minLength: 1, selector: (n) => n.toLowerCase() }),
        fc.array(entry, { maxLength: 4 }),
        (asked, got) => {
          const repositories: Repo[] = got.map((e) => ({
            id: e.name.toLowerCase() === 'octo-repo' ? 1 : 2,
            name: e.name,
            ...(e.full === 'absent'
              ? {}
              : { full_name: `${e.owner}/${e.full === 'match' ? e.name : 'renamed'}` }),
          }));
          const verdict = widerThanAsked(
            { permissions: { contents: 'read' }, repository_selection: 'selected', repositories },
            { contents: 'read' },
            { owner: 'octo-org', repo: 'octo-repo', repositories: asked, repositoryId: '1' },
          );
          const full = got.map((e) =>
            e.full === 'match' && e.owner !== 'evil-org' ? `octo-org/${e.name.toLowerCase()}` : undefined,
          );
          const want = new Set(asked.map((n) => `octo-org/${n.toLowerCase()}`));
          const exact =
            full.every((f) => f !== undefined && want.has(f)) &&
            new Set(full).size === full.length &&
            full.length === want.size;
          expect(verdict === undefined).toBe(exact);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
