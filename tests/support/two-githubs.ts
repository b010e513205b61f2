/**
 * A broker serving two GitHubs (github.com's role and a GHES server's, each a local OIDC issuer with its
 * own audience and GitHub App stand-in, manifests read through each App), for the suites that show
 * what is kept per issuer. `repos` gives each GitHub's repositories; `config` adds lines to broker.yml
 * (files it names are written first from `files`).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StandinRepo } from '../../shared/standins/github-app-routes.js';
import { loadBrokerConfig } from '../../shared/broker/config.js';
import { startBroker, type RunningBroker } from '../../shared/broker/server.js';
import { startOidcIssuer, type OidcIssuer } from '../../shared/standins/oidc-issuer.js';
import { startAppStandin, type AppStandin } from './github.js';

export const DOTCOM_AUD = 'https://broker.example.com';
export const GHES_AUD = 'https://broker.example.com/ghes';

export interface TwoGithubs {
  readonly dotcom: OidcIssuer;
  readonly ghes: OidcIssuer;
  readonly appDotcom: AppStandin;
  readonly appGhes: AppStandin;
  readonly broker: RunningBroker;
  /** POST /token with the token-exchange defaults and `form` over them. */
  token(form: Record<string, string>): Promise<{ status: number; body: Record<string, string> }>;
  close(): Promise<void>;
}

export async function startTwoGithubs(opts: {
  repos: (github: 'dotcom' | 'ghes') => StandinRepo[];
  config?: readonly string[];
  files?: Readonly<Record<string, string>>;
}): Promise<TwoGithubs> {
  const dotcom = await startOidcIssuer({ audience: DOTCOM_AUD });
  const ghes = await startOidcIssuer({ audience: GHES_AUD });
  const appDotcom = await startAppStandin(opts.repos('dotcom'));
  const appGhes = await startAppStandin(opts.repos('ghes'));
  const dir = mkdtempSync(join(tmpdir(), 'sw-two-githubs-'));
  writeFileSync(join(dir, 'dotcom.pem'), appDotcom.privateKeyPem);
  writeFileSync(join(dir, 'ghes.pem'), appGhes.privateKeyPem);
  for (const [name, text] of Object.entries(opts.files ?? {})) writeFileSync(join(dir, name), text);
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
      ...(opts.config ?? []),
    ].join('\n'),
    'broker.yml',
    dir,
  );
  const broker = await startBroker(config, { logger: { log: () => undefined } });
  return {
    dotcom,
    ghes,
    appDotcom,
    appGhes,
    broker,
    async token(form) {
      const r = await fetch(`${broker.url}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
          subject_token_type: 'urn:ietf:params:oauth:token-type:id_token',
          ...form,
        }),
      });
      return { status: r.status, body: (await r.json()) as Record<string, string> };
    },
    async close() {
      await broker.close();
      await Promise.all([dotcom.close(), ghes.close(), appDotcom.standin.close(), appGhes.standin.close()]);
    },
  };
}
