import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createPrivateKey } from 'node:crypto';
import { SignJWT } from 'jose';
import { startGithubStandin } from '../../shared/standins/github-api.js';
import { openApiValidator, ShapeError } from '../support/openapi-shapes.js';
import { demoRepo, startAppStandin, type AppStandin } from '../support/github.js';

let gh: AppStandin;
let appJwt: string;

beforeAll(async () => {
  gh = await startAppStandin([
    demoRepo({ files: { main: { '.github/access-manifest.yml': 'version: 1\n' } } }),
  ]);
  const now = Math.floor(Date.now() / 1000);
  appJwt = await new SignJWT({})
    .setProtectedHeader({ alg: 'RS256' })
    .setIssuer(String(gh.appId))
    .setIssuedAt(now - 60)
    .setExpirationTime(now + 540)
    .sign(createPrivateKey(gh.privateKeyPem));
});
afterAll(async () => {
  expect(gh.standin.shapeErrors).toEqual([]);
  await gh.standin.close();
});

const call = async (method: string, path: string, auth: string, body?: unknown) => {
  const res = await fetch(`${gh.standin.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${auth}`, 'content-type': 'application/json' },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return {
    status: res.status,
    body: res.status === 204 ? undefined : ((await res.json()) as Record<string, unknown>),
  };
};

describe("the GitHub stand-in (shapes checked against GitHub's OpenAPI description)", () => {
  it('serves the app flow: installation, token, contents, commits, revoke', async () => {
    const inst = await call('GET', '/repos/octo-org/octo-repo/installation', appJwt);
    expect(inst.status).toBe(200);
    const tok = await call('POST', `/app/installations/${inst.body!.id}/access_tokens`, appJwt, {
      permissions: { contents: 'read' },
      repositories: ['octo-repo'],
    });
    expect(tok.status).toBe(201);
    const token = tok.body!.token as string;
    expect((await call('GET', '/repos/octo-org/octo-repo', token)).body!.default_branch).toBe('main');
    const commit = await call('GET', '/repos/octo-org/octo-repo/commits/main', token);
    const file = await call(
      'GET',
      `/repos/octo-org/octo-repo/contents/.github/access-manifest.yml?ref=${commit.body!.sha}`,
      token,
    );
    expect(Buffer.from(file.body!.content as string, 'base64').toString()).toBe('version: 1\n');
    expect((await call('DELETE', '/installation/token', token)).status).toBe(204);
    expect((await call('GET', '/repos/octo-org/octo-repo', token)).status).toBe(401);
  });

  it('refuses app routes without a valid app JWT and permissions the installation lacks', async () => {
    expect((await call('GET', '/repos/octo-org/octo-repo/installation', 'garbage')).status).toBe(401);
    expect(
      (
        await call('POST', '/app/installations/7/access_tokens', appJwt, {
          permissions: { administration: 'write' },
        })
      ).status,
    ).toBe(422);
  });

  it('injects faults (5xx, secondary rate limits) for retry tests', async () => {
    gh.standin.fail('GET', '/repos/{owner}/{repo}/installation', { count: 1, status: 502 });
    expect((await call('GET', '/repos/octo-org/octo-repo/installation', appJwt)).status).toBe(502);
    expect((await call('GET', '/repos/octo-org/octo-repo/installation', appJwt)).status).toBe(200);
  });

  it("a route that drifts from GitHub's shape fails the validator", async () => {
    const errors: Error[] = [];
    const validate = openApiValidator();
    const s = await startGithubStandin({
      validate: (op) => {
        try {
          validate(op);
        } catch (e) {
          errors.push(e as Error);
        }
      },
    });
    s.route('POST', '/app/installations/{installation_id}/access_tokens', () => ({
      status: 201,
      body: { token: 123, expires_at: 'soon' },
    }));
    s.route('GET', '/repos/{owner}/{repo}/installation', () => ({ status: 418, body: {} }));
    await fetch(`${s.url}/app/installations/1/access_tokens`, { method: 'POST', body: '{}' });
    await fetch(`${s.url}/repos/o/r/installation`);
    await s.close();
    expect(errors).toHaveLength(2);
    expect(errors[0]).toBeInstanceOf(ShapeError);
    expect(errors[0]!.message).toMatch(/drifts from GitHub's shape/);
    expect(errors[1]!.message).toMatch(/never answers 418/);
  });
});
