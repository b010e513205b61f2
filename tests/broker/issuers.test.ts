/**
 * Several issuers at once (github.com, a GHES server): each token gets its own issuer's audience,
 * App, API and manifest; a token cannot borrow another issuer's settings; revocation goes back to the
 * App that minted the token.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadBrokerConfig } from '../../shared/broker/config.js';
import type { RunningBroker } from '../../shared/broker/server.js';
import type { OidcIssuer } from '../../shared/standins/oidc-issuer.js';
import { MANIFEST } from '../support/broker.js';
import { demoRepo, type AppStandin } from '../support/github.js';
import { DOTCOM_AUD, startTwoGithubs, type TwoGithubs } from '../support/two-githubs.js';

describe('two issuers, each with its own App', () => {
  let g: TwoGithubs;
  let dotcom: OidcIssuer;
  let ghes: OidcIssuer;
  let appDotcom: AppStandin;
  let appGhes: AppStandin;
  let broker: RunningBroker;
  beforeAll(async () => {
    g = await startTwoGithubs({
      repos: () => [demoRepo({ files: { main: { '.github/access-manifest.yml': MANIFEST } } })],
    });
    ({ dotcom, ghes, appDotcom, appGhes, broker } = g);
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
  const mintedBy = (app: AppStandin, token: string) => app.state.tokens.some((t) => t.token === token);

  // Both stand-ins use the same repository id and run id: claims, rate limits and jtis are kept per issuer.
  it("mints each token through its own issuer's App", async () => {
    const a = await exchange(await dotcom.mint({ run_id: '1' }));
    expect(a.status).toBe(200);
    expect(mintedBy(appDotcom, a.body.access_token!)).toBe(true);
    expect(mintedBy(appGhes, a.body.access_token!)).toBe(false);
    const b = await exchange(await ghes.mint({ run_id: '1' }));
    expect(b.status).toBe(200);
    expect(mintedBy(appGhes, b.body.access_token!)).toBe(true);
    expect(mintedBy(appDotcom, b.body.access_token!)).toBe(false);
  });

  it("refuses a GHES token that carries github.com's audience", async () => {
    const r = await exchange(await ghes.mint({ run_id: '2', aud: DOTCOM_AUD }));
    expect(r.status).toBe(400);
    expect(r.body.error_description).toMatch(/ERR_OIDC_AUDIENCE/);
  });

  it('revokes a GHES token at the GHES App', async () => {
    const b = await exchange(await ghes.mint({ run_id: '3' }));
    const res = await fetch(`${broker.url}/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: b.body.access_token! }),
    });
    expect(res.status).toBe(200);
    expect(appGhes.state.tokens.find((t) => t.token === b.body.access_token)!.revoked).toBe(true);
  });

  it('config: an issuer object without an App cannot read manifests from GitHub', () => {
    expect(() =>
      loadBrokerConfig(
        `manifests: { source: github }\nissuers:\n  - url: https://ghes.example.com/_services/token\n`,
        'b.yml',
        '/',
      ),
    ).toThrow(/b\.yml:3.*need the `github` App settings \(issuer https:\/\/ghes\.example\.com/s);
    expect(() =>
      loadBrokerConfig(`issuers: [https://a.example.com, { url: https://a.example.com }]\n`, 'b.yml', '/'),
    ).toThrow(/listed twice/);
  });
});
