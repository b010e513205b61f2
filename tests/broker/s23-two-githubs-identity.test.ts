/**
 * Session 23, hostile review of the broker: a broker serving two GitHubs (github.com and a GHES
 * server, or two GHES servers) keeps ids, claims and rate limits per issuer, but the JWTs it signed
 * did not say which GitHub the workload ran on. Owner and repository names, and the numeric ids, are
 * each GitHub's own: `acme/app` on the GHES server (whoever may create the organization `acme` there)
 * got a JWT-SVID with the same SPIFFE ID, the same AWS session tags and the same claims as
 * github.com's `acme/app`, so a relying party authorizing on the SPIFFE ID (the point of the profile)
 * or on the tags could not tell them apart. Now every broker JWT carries `oidc_issuer` (the issuer of
 * the workload's token) and, when the broker serves several GitHubs, the GitHub's name: in the SPIFFE
 * ID after `gh/` for every GitHub but github.com (whose IDs stay as they were), and as the `GitHub`
 * session tag. A broker serving one GitHub keeps its SPIFFE IDs and tags (jwt-profiles.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { decodeJwt } from 'jose';
import { spiffeIdOf } from '../../shared/broker/providers/jwt-profiles.js';
import { HOOKS, MANIFEST } from '../support/broker.js';
import { demoRepo } from '../support/github.js';
import { startTwoGithubs, type TwoGithubs } from '../support/two-githubs.js';

const TD = 'ci.example.org';
/** A default-profile audience (a JWT-SVID is never a chain subject), with session tags. */
const CHAIN = 'https://chain.example.internal';
const M = `${MANIFEST}          - step: chain
            audience: ${CHAIN}
            scope: [x]
            ttl: 60
`;
type Tags = { principal_tags: Record<string, string[]>; transitive_tag_keys: string[] };
const tagsOf = (t: Record<string, unknown>) => t['https://aws.amazon.com/tags'] as Tags;

describe('a broker serving two GitHubs: its JWTs say which one', () => {
  let g: TwoGithubs;
  beforeAll(async () => {
    // The same repository (names and ids) on both GitHubs.
    g = await startTwoGithubs({
      repos: () => [demoRepo({ files: { main: { '.github/access-manifest.yml': M } } })],
      config: [
        `spiffe: { trust-domain: ${TD}, key-file: ./svid-keys.json }`,
        'audiences:',
        `  ${HOOKS}: { jwt-profile: spiffe, aws-session-tags: true }`,
        `  ${CHAIN}: { aws-session-tags: true }`,
      ],
    });
  });
  afterAll(() => g.close());

  /** A granted credential of `audience` for the release job's `step`, decoded, and as sent. */
  const issued = async (oidc: string, audience: string, step: string) => {
    const r = await g.token({ subject_token: oidc, audience, job: 'publish', step });
    expect([r.status, r.body.error_description]).toEqual([200, undefined]);
    return { jwt: r.body.access_token!, claims: decodeJwt(r.body.access_token!) };
  };

  it('the same repository, workflow, job and step on two GitHubs get two SPIFFE IDs, tags and issuers', async () => {
    const a = (await issued(await g.dotcom.mint({ run_id: '7' }), HOOKS, 'notify')).claims;
    const b = (await issued(await g.ghes.mint({ run_id: '7' }), HOOKS, 'notify')).claims;
    // Everything the GitHubs number or name on their own is alike.
    expect([a.repository, a.repository_id, a.workflow, a.job, a.step]).toEqual([
      b.repository,
      b.repository_id,
      b.workflow,
      b.job,
      b.step,
    ]);
    expect(a.sub).not.toBe(b.sub);
    const site = (url: string) => new URL(url).host.replace(/[^A-Za-z0-9._-]/g, '');
    const path = 'octo-org/octo-repo/release.yml/publish/notify';
    expect(a.sub).toBe(`spiffe://${TD}/gh/${site(g.dotcom.url)}/${path}`);
    expect(b.sub).toBe(`spiffe://${TD}/gh/${site(g.ghes.url)}/${path}`);
    expect([a.oidc_issuer, b.oidc_issuer]).toEqual([g.dotcom.url, g.ghes.url]);
    expect(tagsOf(a).principal_tags.GitHub).toEqual([new URL(g.dotcom.url).host]);
    expect(tagsOf(b).principal_tags.GitHub).toEqual([new URL(g.ghes.url).host]);
    expect(tagsOf(a).transitive_tag_keys).toContain('GitHub');
  });

  it("a chained child keeps its parent's GitHub", async () => {
    const parent = await issued(await g.ghes.mint({ run_id: '8' }), CHAIN, 'chain');
    const c = await g.token({
      subject_token: parent.jwt,
      subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
    });
    expect([c.status, c.body.error_description]).toEqual([200, undefined]);
    const child = decodeJwt(c.body.access_token!);
    expect(child.oidc_issuer).toBe(g.ghes.url);
    expect(tagsOf(child).principal_tags.GitHub).toEqual([new URL(g.ghes.url).host]);
    expect(tagsOf(child).principal_tags).toEqual(tagsOf(parent.claims).principal_tags);
  });
});

describe('SPIFFE IDs name the GitHub only when given one, never github.com', () => {
  const ctx = {
    repository: 'acme/app',
    workflow: 'w.yml',
    job: 'j',
    step: 's',
    run_id: '1',
    run_attempt: '1',
  };
  it('github.com (or no GitHub named) keeps the six-segment ID; another GitHub adds its name', () => {
    expect(spiffeIdOf(TD, ctx)).toBe(`spiffe://${TD}/gh/acme/app/w.yml/j/s`);
    expect(spiffeIdOf(TD, { ...ctx, github: 'github.com' })).toBe(`spiffe://${TD}/gh/acme/app/w.yml/j/s`);
    expect(spiffeIdOf(TD, { ...ctx, github: 'ghes.example.com' })).toBe(
      `spiffe://${TD}/gh/ghes.example.com/acme/app/w.yml/j/s`,
    );
  });
});
