/**
 * Session 19: two issuers of different GitHubs must not share one App or one manifest source. An
 * issuer written as a plain string takes the top-level `github` and `manifests`; a second GitHub's
 * token (a GHES server, a ghe.com tenant) was then judged against the first GitHub's manifests (bound
 * only by repository and owner ids, which each GitHub numbers on its own) and minted through its App.
 * Refused at config load, naming the line and the fix; the same GitHub under two issuer URLs (the
 * enterprise path form of github.com) still shares.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBrokerConfig } from '../../shared/broker/config.js';
import { ManifestError } from '../../shared/manifest/errors.js';
import { startOidcIssuer, type OidcIssuer } from '../../shared/standins/oidc-issuer.js';
import { AUD, MANIFEST } from '../support/broker.js';
import { spawnBroker } from '../support/cluster.js';

const DOTCOM = 'https://token.actions.githubusercontent.com';
const GHES = 'https://ghes.example.com/_services/token';
const TENANT = 'https://token.actions.acme.ghe.com';

/** The problems a config is refused with, as `line: message (fix)`; [] when it loads. */
function problems(yaml: string): string[] {
  try {
    loadBrokerConfig(yaml, 'b.yml', '/');
    return [];
  } catch (err) {
    if (!(err instanceof ManifestError)) throw err;
    return err.problems.map((p) => `${p.line}: ${p.message} (${p.fix})`);
  }
}

describe('a broker process with two issuers of different GitHubs sharing the top-level settings', () => {
  let a: OidcIssuer;
  let b: OidcIssuer;
  const dir = mkdtempSync(join(tmpdir(), 'sw-s19-issuers-'));
  beforeAll(async () => {
    [a, b] = await Promise.all([startOidcIssuer({ audience: AUD }), startOidcIssuer({ audience: AUD })]);
    mkdirSync(join(dir, 'manifests/octo-org/octo-repo/.github'), { recursive: true });
    writeFileSync(join(dir, 'manifests/octo-org/octo-repo/.github/access-manifest.yml'), MANIFEST);
  });
  afterAll(async () => {
    await Promise.all([a.close(), b.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it("does not start: the second issuer's token would be judged against the first one's manifests", async () => {
    const config = join(dir, 'broker.yml');
    writeFileSync(
      config,
      [
        'listen: 127.0.0.1:0',
        `url: ${AUD}`,
        `audience: ${AUD}`,
        'manifests: { source: directory, path: ./manifests }',
        'issuers:',
        `  - ${a.url}`,
        `  - ${b.url}`,
        'signing: { key-file: ./keys.json }',
        'audit: ./audit.jsonl',
        'require-job-identity: false',
      ].join('\n'),
    );
    const started = await spawnBroker(config).then(
      (p) => p,
      (err: Error) => err,
    );
    if (!(started instanceof Error)) {
      // The attack the refusal prevents: the other GitHub's octo-org/octo-repo (same ids) is granted.
      const r = await started.post('/token', {
        grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
        subject_token: await b.mint({ run_id: '1901' }),
        subject_token_type: 'urn:ietf:params:oauth:token-type:id_token',
        audience: 'https://hooks.example.internal',
        job: 'publish',
        step: 'notify',
      });
      await started.stop('SIGKILL');
      throw new Error(`the broker started; the second issuer's token was answered ${r.status}`);
    }
    expect(started.message).toMatch(/exited \(2\)/);
    expect(started.message).toContain('ERR_CONFIG_INVALID');
    expect(started.message).toMatch(/broker\.yml:7/); // the second issuer's line
    expect(started.message).toContain(`issuer ${b.url}`);
    expect(started.message).toMatch(/manifest directory \.\/manifests/);
    expect(started.message).toMatch(/its own manifests/);
  }, 70_000);
});

describe('which issuers may share an App or a manifest source', () => {
  const app = (api?: string) => `{ ${api ? `api: ${api}, ` : ''}app-id: 1, private-key-file: k.pem }`;

  it("github.com's issuer and its enterprise path form are one GitHub: they share", () => {
    expect(
      problems(`manifests: { source: github }\ngithub: ${app()}\nissuers: [${DOTCOM}, ${DOTCOM}/acme]\n`),
    ).toEqual([]);
  });

  it('a GHES server written as a plain string beside github.com: refused at its line, with the fix', () => {
    const p = problems(
      `manifests: { source: github }\ngithub: ${app()}\nissuers:\n  - ${DOTCOM}\n  - ${GHES}\n`,
    );
    expect(p).toHaveLength(1);
    expect(p[0]).toMatch(/^5: /);
    expect(p[0]).toContain(`issuer ${GHES} shares the GitHub App (app-id 1 at https://api.github.com)`);
    expect(p[0]).toContain(DOTCOM);
    expect(p[0]).toMatch(/- url: https:\/\/ghes\.example\.com\/_services\/token/);
  });

  it('a ghe.com tenant written as a plain string beside github.com: refused', () => {
    expect(
      problems(`manifests: { source: github }\ngithub: ${app()}\nissuers: [${DOTCOM}, ${TENANT}]\n`),
    ).toHaveLength(1);
  });

  it('a GHES issuer with its own App but the shared manifest directory: refused; its own directory or source: loads', () => {
    const ghes = (manifests: string) =>
      `manifests: { source: directory, path: ./manifests }\nissuers:\n  - ${DOTCOM}\n  - url: ${GHES}\n    github: ${app('https://ghes.example.com/api/v3')}\n${manifests}`;
    const shared = problems(ghes(''));
    expect(shared).toHaveLength(1);
    expect(shared[0]).toMatch(/^4: .*shares the manifest directory \.\/manifests/);
    expect(problems(ghes('    manifests: { source: directory, path: ./manifests-ghes }\n'))).toEqual([]);
    expect(problems(ghes('    manifests: { source: github }\n'))).toEqual([]);
    // Spelt differently, the same folder is still shared.
    expect(problems(ghes('    manifests: { source: directory, path: manifests/ }\n'))).toHaveLength(1);
  });

  it('two issuer objects naming the same App (api and app-id) are one App', () => {
    const p = problems(
      `issuers:\n  - url: ${DOTCOM}\n    github: ${app()}\n    manifests: { source: github }\n  - url: ${TENANT}\n    github: ${app()}\n    manifests: { source: github }\n`,
    );
    expect(p).toHaveLength(1);
    expect(p[0]).toMatch(/^5: /);
  });

  it("an App whose API is another GitHub's than its issuer's: refused (a GHES issuer's App defaulting to api.github.com)", () => {
    const p = problems(
      `issuers:\n  - url: ${GHES}\n    github: ${app()}\n    manifests: { source: github }\n`,
    );
    expect(p).toHaveLength(1);
    expect(p[0]).toMatch(
      /^3: .*the GitHub App of issuer https:\/\/ghes\.example\.com\/_services\/token is at https:\/\/api\.github\.com/,
    );
    expect(p[0]).toContain('api: https://ghes.example.com/api/v3');
    expect(problems(`github: ${app('https://ghes.example.com/api/v3')}\n`)[0]).toMatch(
      /issuer https:\/\/token\.actions\.githubusercontent\.com is at https:\/\/ghes\.example\.com\/api\/v3.*api: https:\/\/api\.github\.com/,
    );
    expect(
      problems(
        `issuers: [${TENANT}]\ngithub: ${app('https://api.acme.ghe.com')}\nmanifests: { source: github }\n`,
      ),
    ).toEqual([]);
    expect(
      problems(
        `issuers: [${GHES}]\ngithub: ${app('https://ghes.example.com/api/v3')}\nmanifests: { source: github }\n`,
      ),
    ).toEqual([]);
    // An API the broker cannot place (a proxy in front of GitHub) is the operator's to vouch for.
    expect(problems(`github: ${app('https://github-proxy.internal')}\n`)).toEqual([]);
  });
});

describe('owner-ids: the owners a broker serves', () => {
  let issuer: OidcIssuer;
  const dir = mkdtempSync(join(tmpdir(), 'sw-s19-owners-'));
  const EVIL = MANIFEST.replace(
    'repository: { name: octo-org/octo-repo, id: 100001, owner-id: 200001 }',
    'repository: { name: evil-org/evil-repo, id: 300001, owner-id: 400001 }',
  );
  beforeAll(async () => {
    issuer = await startOidcIssuer({ audience: AUD });
    for (const [repo, text] of [
      ['octo-org/octo-repo', MANIFEST],
      ['evil-org/evil-repo', EVIL],
    ] as const) {
      mkdirSync(join(dir, `manifests/${repo}/.github`), { recursive: true });
      writeFileSync(join(dir, `manifests/${repo}/.github/access-manifest.yml`), text);
    }
  });
  afterAll(async () => {
    await issuer.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("another owner's repository, whose manifest the broker can read, is refused before it is read; the listed owner is served", async () => {
    const config = join(dir, 'broker.yml');
    writeFileSync(
      config,
      [
        'listen: 127.0.0.1:0',
        `url: ${AUD}`,
        `audience: ${AUD}`,
        'manifests: { source: directory, path: ./manifests }',
        `issuers: [${issuer.url}]`,
        'owner-ids: [200001]',
        'signing: { key-file: ./keys.json }',
        'audit: ./audit.jsonl',
        'require-job-identity: false',
      ].join('\n'),
    );
    const b = await spawnBroker(config);
    try {
      const form = (subject: string) => ({
        grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
        subject_token: subject,
        subject_token_type: 'urn:ietf:params:oauth:token-type:id_token',
        audience: 'https://hooks.example.internal',
        job: 'publish',
        step: 'notify',
      });
      const ours = await b.post('/token', form(await issuer.mint({ run_id: '1911' })));
      expect(ours.status).toBe(200);
      const evil = await b.post(
        '/token',
        form(
          await issuer.mint({
            run_id: '1912',
            repository: 'evil-org/evil-repo',
            repository_id: '300001',
            repository_owner_id: '400001',
          }),
        ),
      );
      expect(evil.status).toBe(400);
      expect(String(evil.body.error_description)).toMatch(
        /^ERR_OWNER_NOT_ALLOWED: the token's repository owner evil-org \(id 400001\) is not one of this broker's owner-ids/,
      );
    } finally {
      await b.stop('SIGTERM');
    }
    const lines = readFileSync(join(dir, 'audit.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.filter((l) => l.reason === 'ERR_OWNER_NOT_ALLOWED')).toEqual([
      expect.objectContaining({
        type: 'credential.refused',
        outcome: 'denied',
        repository: 'evil-org/evil-repo',
      }),
    ]);
  }, 70_000);

  it('a second GitHub taking the top-level owner-ids: refused at load (its ids are numbered by another GitHub)', () => {
    const p = problems(
      `owner-ids: [200001]\nissuers:\n  - ${DOTCOM}\n  - url: ${GHES}\n    github: { api: https://ghes.example.com/api/v3, app-id: 2, private-key-file: g.pem }\n    manifests: { source: github }\n`,
    );
    expect(p).toHaveLength(1);
    expect(p[0]).toMatch(/^4: .*shares the top-level owner-ids/);
    expect(
      problems(
        `owner-ids: [200001]\nissuers:\n  - ${DOTCOM}\n  - url: ${GHES}\n    github: { api: https://ghes.example.com/api/v3, app-id: 2, private-key-file: g.pem }\n    manifests: { source: github }\n    owner-ids: [7]\n`,
      ),
    ).toEqual([]);
  });
});
