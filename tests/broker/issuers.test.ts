/**
 * Several issuers at once (github.com, a GHES server): each token gets its own issuer's audience,
 * App, API and manifest; a token cannot borrow another issuer's settings; revocation goes back to the
 * App that minted the token.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBrokerConfig } from '../../shared/broker/config.js';
import { startBroker, type RunningBroker } from '../../shared/broker/server.js';
import { startOidcIssuer, type OidcIssuer } from '../../shared/standins/oidc-issuer.js';
import { MANIFEST } from '../support/broker.js';
import { demoRepo, startAppStandin, type AppStandin } from '../support/github.js';

const DOTCOM_AUD = 'https://broker.example.com';
const GHES_AUD = 'https://broker.example.com/ghes';

describe('two issuers, each with its own App', () => {
  let dotcom: OidcIssuer;
  let ghes: OidcIssuer;
  let appDotcom: AppStandin;
  let appGhes: AppStandin;
  let broker: RunningBroker;
  beforeAll(async () => {
    dotcom = await startOidcIssuer({ audience: DOTCOM_AUD });
    ghes = await startOidcIssuer({ audience: GHES_AUD });
    appDotcom = await startAppStandin([
      demoRepo({ files: { main: { '.github/access-manifest.yml': MANIFEST } } }),
    ]);
    appGhes = await startAppStandin([
      demoRepo({ files: { main: { '.github/access-manifest.yml': MANIFEST } } }),
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'sw-issuers-'));
    writeFileSync(join(dir, 'dotcom.pem'), appDotcom.privateKeyPem);
    writeFileSync(join(dir, 'ghes.pem'), appGhes.privateKeyPem);
    const config = loadBrokerConfig(
      [
        'listen: 127.0.0.1:0',
        `url: ${DOTCOM_AUD}`,
        `audience: ${DOTCOM_AUD}`,
        'manifests: { source: github }',
        `github: { api: ${appDotcom.standin.url}, app-id: ${appDotcom.appId}, private-key-file: ./dotcom.pem }`,
        'issuers:',
        `  - ${dotcom.url}`,
        `  - url: ${ghes.url}`,
        `    audience: ${GHES_AUD}`,
        `    github: { api: ${appGhes.standin.url}, app-id: ${appGhes.appId}, private-key-file: ./ghes.pem }`,
        'signing: { key-file: ./keys.json }',
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
    await Promise.all([dotcom.close(), ghes.close(), appDotcom.standin.close(), appGhes.standin.close()]);
  });

  const exchange = async (oidc: string) => {
    const r = await fetch(`${broker.url}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
        subject_token: oidc,
        subject_token_type: 'urn:ietf:params:oauth:token-type:id_token',
        audience: 'github',
        scope: 'contents:write',
        job: 'publish',
        step: 'release',
      }),
    });
    return { status: r.status, body: (await r.json()) as Record<string, string> };
  };
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
