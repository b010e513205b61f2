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
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { loadBrokerConfig } from '../../shared/broker/config.js';
import { spiffeIdOf } from '../../shared/broker/providers/jwt-profiles.js';
import { startBroker, type RunningBroker } from '../../shared/broker/server.js';
import { startOidcIssuer, type OidcIssuer } from '../../shared/standins/oidc-issuer.js';
import { HOOKS, MANIFEST } from '../support/broker.js';
import { demoRepo, startAppStandin, type AppStandin } from '../support/github.js';

const DOTCOM_AUD = 'https://broker.example.com';
const GHES_AUD = 'https://broker.example.com/ghes';
const TD = 'ci.example.org';
/** A default-profile audience (a JWT-SVID is never a chain subject), with session tags. */
const CHAIN = 'https://chain.example.internal';
const M = `${MANIFEST}          - step: chain
            audience: ${CHAIN}
            scope: [x]
            ttl: 60
`;
type Tags = { principal_tags: Record<string, string[]>; transitive_tag_keys: string[] };

describe('a broker serving two GitHubs: its JWTs say which one', () => {
  let one: OidcIssuer;
  let two: OidcIssuer;
  let appOne: AppStandin;
  let appTwo: AppStandin;
  let broker: RunningBroker;
  beforeAll(async () => {
    one = await startOidcIssuer({ audience: DOTCOM_AUD });
    two = await startOidcIssuer({ audience: GHES_AUD });
    // The same repository (names and ids) on both GitHubs.
    appOne = await startAppStandin([demoRepo({ files: { main: { '.github/access-manifest.yml': M } } })]);
    appTwo = await startAppStandin([demoRepo({ files: { main: { '.github/access-manifest.yml': M } } })]);
    const dir = mkdtempSync(join(tmpdir(), 'sw-s23-githubs-'));
    writeFileSync(join(dir, 'one.pem'), appOne.privateKeyPem);
    writeFileSync(join(dir, 'two.pem'), appTwo.privateKeyPem);
    const config = loadBrokerConfig(
      [
        'listen: 127.0.0.1:0',
        `url: ${DOTCOM_AUD}`,
        `audience: ${DOTCOM_AUD}`,
        'manifests: { source: github }',
        `github: { api: ${appOne.standin.url}, app-id: ${appOne.appId}, private-key-file: ./one.pem }`,
        'issuers:',
        `  - ${one.url}`,
        `  - url: ${two.url}`,
        `    audience: ${GHES_AUD}`,
        `    github: { api: ${appTwo.standin.url}, app-id: ${appTwo.appId}, private-key-file: ./two.pem }`,
        'signing: { key-file: ./keys.json }',
        `spiffe: { trust-domain: ${TD}, key-file: ./svid-keys.json }`,
        'audiences:',
        `  ${HOOKS}: { jwt-profile: spiffe, aws-session-tags: true }`,
        `  ${CHAIN}: { aws-session-tags: true }`,
        'audit: ./audit.jsonl',
        'require-job-identity: false',
      ].join('\n'),
      'broker.yml',
      dir,
    );
    broker = await startBroker(config, { logger: { log: () => undefined } });
  });
  afterAll(async () => {
    await broker.close();
    await Promise.all([one.close(), two.close(), appOne.standin.close(), appTwo.standin.close()]);
  });

  const svid = async (oidc: string) => {
    const r = await fetch(`${broker.url}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
        subject_token: oidc,
        subject_token_type: 'urn:ietf:params:oauth:token-type:id_token',
        audience: HOOKS,
        job: 'publish',
        step: 'notify',
      }),
    });
    const body = (await r.json()) as Record<string, string>;
    expect(r.status).toBe(200);
    return decodeJwt(body.access_token!);
  };

  it('the same repository, workflow, job and step on two GitHubs get two SPIFFE IDs, tags and issuers', async () => {
    const a = await svid(await one.mint({ run_id: '7' }));
    const b = await svid(await two.mint({ run_id: '7' }));
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
    expect(a.sub).toBe(`spiffe://${TD}/gh/${site(one.url)}/octo-org/octo-repo/release.yml/publish/notify`);
    expect(b.sub).toBe(`spiffe://${TD}/gh/${site(two.url)}/octo-org/octo-repo/release.yml/publish/notify`);
    expect([a.oidc_issuer, b.oidc_issuer]).toEqual([one.url, two.url]);
    const tagsA = a['https://aws.amazon.com/tags'] as Tags;
    const tagsB = b['https://aws.amazon.com/tags'] as Tags;
    expect(tagsA.principal_tags.GitHub).toEqual([new URL(one.url).host]);
    expect(tagsB.principal_tags.GitHub).toEqual([new URL(two.url).host]);
    expect(tagsA.transitive_tag_keys).toContain('GitHub');
  });

  it("a chained child keeps its parent's GitHub", async () => {
    const oidc = await two.mint({ run_id: '8' });
    const r = await fetch(`${broker.url}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
        subject_token: oidc,
        subject_token_type: 'urn:ietf:params:oauth:token-type:id_token',
        audience: CHAIN,
        job: 'publish',
        step: 'chain',
      }),
    });
    const parent = ((await r.json()) as Record<string, string>).access_token!;
    const c = await fetch(`${broker.url}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
        subject_token: parent,
        subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
      }),
    });
    const cb = (await c.json()) as Record<string, string>;
    expect([c.status, cb.error_description]).toEqual([200, undefined]);
    const child = decodeJwt(cb.access_token!);
    expect(child.oidc_issuer).toBe(two.url);
    const tags = (t: Record<string, unknown>) => (t['https://aws.amazon.com/tags'] as Tags).principal_tags;
    expect(tags(child).GitHub).toEqual([new URL(two.url).host]);
    expect(tags(child)).toEqual(tags(decodeJwt(parent)));
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
