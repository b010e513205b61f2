/**
 * Session 20, attacking session 19's issuer binding at config load: real deployments must still
 * start. A GHES server reached through a reverse proxy (the broker's egress, an internal load
 * balancer) keeps GHES's `/api/v3` path under the proxy's host name; session 19 read that as "the
 * API of another GitHub" and refused the configuration, with no way to say it is a proxy. Only an
 * App recognisably on another GitHub (github.com's, a ghe.com tenant's API) is refused for a GHES
 * issuer. The other forms (case in host names, trailing slashes, ports, the enterprise path form,
 * each issuer with its own App, manifests and owner-ids) are shown to load.
 */
import { describe, expect, it } from '@jest/globals';
import { loadBrokerConfig } from '../../shared/broker/config.js';
import { ManifestError } from '../../shared/manifest/errors.js';

/** The problems a config is refused with, as `line: message`; [] when it loads. */
function problems(yaml: string): string[] {
  try {
    loadBrokerConfig(yaml, 'b.yml', '/');
    return [];
  } catch (err) {
    if (!(err instanceof ManifestError)) throw err;
    return err.problems.map((p) => `${p.line}: ${p.message}`);
  }
}

const DOTCOM = 'https://token.actions.githubusercontent.com';
const GHES = 'https://ghes.example.com/_services/token';
const app = (api?: string) => `{ ${api ? `api: ${api}, ` : ''}app-id: 1, private-key-file: k.pem }`;
const one = (issuer: string, api?: string) =>
  `issuers: [${issuer}]\ngithub: ${app(api)}\nmanifests: { source: github }\n`;

describe('real deployments still start (issuer binding, session 19)', () => {
  it.each([
    [
      'a GHES server behind a reverse proxy (its /api/v3 under the proxy host)',
      one(GHES, 'https://github-api.corp.internal/api/v3'),
    ],
    ['a GHES server behind a proxy on another port', one(GHES, 'https://egress.corp.internal:8443/api/v3/')],
    [
      'a GHES issuer with its own App through a proxy beside github.com',
      `issuers:\n  - ${DOTCOM}\n  - url: ${GHES}\n    github: ${app('https://ghes-api.internal/api/v3')}\n    manifests: { source: github }\ngithub: ${app()}\nmanifests: { source: github }\n`,
    ],
    ['case in host names', one('https://Token.Actions.GitHubUserContent.com', 'https://API.GitHub.com/')],
    [
      'a GHES issuer and API with a port and trailing slashes',
      one('https://ghes.example.com:8443/_services/token/', 'https://ghes.example.com:8443/api/v3/'),
    ],
    ['a ghe.com tenant in capitals', one('https://token.actions.Acme.ghe.com', 'https://API.acme.ghe.com/')],
    [
      'the enterprise path form with a trailing slash beside github.com',
      `issuers: [${DOTCOM}, ${DOTCOM}/acme/]\ngithub: ${app()}\nmanifests: { source: github }\n`,
    ],
    [
      'each GitHub with its own App, manifests and owner-ids',
      `owner-ids: [5]\nissuers:\n  - ${DOTCOM}\n  - url: ${GHES}\n    github: ${app('https://ghes.example.com/api/v3')}\n    manifests: { source: github }\n    owner-ids: [7]\ngithub: ${app()}\nmanifests: { source: github }\n`,
    ],
  ])('%s: loads', (_what, yaml) => {
    expect(problems(yaml)).toEqual([]);
  });

  it('an App recognisably on another GitHub is still refused at its line', () => {
    // A GHES issuer's App on github.com's or a tenant's API, a github.com issuer's App on a GHES API.
    expect(problems(one(GHES))).toEqual([
      expect.stringMatching(/^2: the GitHub App of issuer .* is at https:\/\/api\.github\.com/),
    ]);
    expect(problems(one(GHES, 'https://api.acme.ghe.com'))).toEqual([
      expect.stringMatching(/^2: .*\(acme\.ghe\.com\)/),
    ]);
    expect(problems(one(DOTCOM, 'https://ghes.example.com/api/v3'))).toEqual([
      expect.stringMatching(/^2: .*\(ghes\.example\.com\)/),
    ]);
    expect(problems(one('https://token.actions.acme.ghe.com', 'https://api.other.ghe.com'))).toHaveLength(1);
  });
});
