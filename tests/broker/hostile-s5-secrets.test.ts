/**
 * Hostile review (session 5): no token ever leaves the broker process except in the 200 answer that
 * issues it. The real `stepwarden broker` process (its own config file, file audit log, metrics) runs
 * a release job's exchanges and the refusals an attacker provokes; then every OIDC token and every
 * credential issued (GitHub installation tokens as the stand-in minted them, broker JWTs) is looked
 * for in every refusal body, the audit file, /metrics and the process's stdout and stderr.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHmac, createPublicKey } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startOidcIssuer, type OidcIssuer } from '../../shared/standins/oidc-issuer.js';
import { AUD, MANIFEST } from '../support/broker.js';
import { spawnBroker, type BrokerProcess } from '../support/cluster.js';
import { demoRepo, startAppStandin, type AppStandin } from '../support/github.js';

const HOOKS = 'https://hooks.example.internal';
const ADMIN = 'ops-admin-token-5f1c-9a8b7c6d5e4f30211203';
let issuer: OidcIssuer;
let gh: AppStandin;
let dir: string;
let b: BrokerProcess;
const oidcTokens: string[] = [];
const issued: string[] = [];
const refusals: string[] = [];

beforeAll(async () => {
  issuer = await startOidcIssuer({ audience: AUD });
  gh = await startAppStandin([demoRepo()]);
  dir = mkdtempSync(join(tmpdir(), 'sw-s5-secrets-'));
  mkdirSync(join(dir, 'manifests/octo-org/octo-repo/.github'), { recursive: true });
  writeFileSync(join(dir, 'manifests/octo-org/octo-repo/.github/access-manifest.yml'), MANIFEST);
  writeFileSync(join(dir, 'app.pem'), gh.privateKeyPem);
  writeFileSync(join(dir, 'admin-tokens'), `ops ${ADMIN}\n`);
  writeFileSync(
    join(dir, 'broker.yml'),
    `listen: 127.0.0.1:0
url: ${AUD}
audience: ${AUD}
issuers: [${issuer.url}]
require-job-identity: false
manifests: { source: directory, path: ./manifests }
github: { api: ${gh.standin.url}, app-id: ${gh.appId}, private-key-file: ./app.pem }
signing: { key-file: ./signing-key.json }
admin-tokens-file: ./admin-tokens
audit: ./audit.jsonl
`,
  );
  b = await spawnBroker(join(dir, 'broker.yml'));
}, 90_000);

afterAll(async () => {
  await b?.stop();
  await issuer?.close();
  await gh?.standin.close();
});

async function mint(claims: Record<string, unknown> = {}): Promise<string> {
  const t = await issuer.mint(claims);
  oidcTokens.push(t);
  return t;
}

const form = (oidc: string, over: Record<string, string> = {}) => ({
  grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
  subject_token: oidc,
  subject_token_type: 'urn:ietf:params:oauth:token-type:id_token',
  audience: 'github',
  job: 'publish',
  step: 'release',
  ...over,
});

async function call(path: string, f: Record<string, string>, headers: Record<string, string> = {}) {
  const r = await b.post(path, f, headers);
  if (r.status >= 400) refusals.push(JSON.stringify(r.body));
  else if (typeof r.body.access_token === 'string') issued.push(r.body.access_token);
  return r;
}

describe('no token in any refusal, audit line, metric or log of the broker process', () => {
  it('runs a job and the refusals a compromised step provokes, then finds no token anywhere but its own answer', async () => {
    // Granted: a GitHub token, a service JWT, a chained child.
    const t1 = await mint({ run_id: '7001' });
    const gh1 = await call('/token', form(t1));
    expect(gh1.status).toBe(200);
    const jwt = await call(
      '/token',
      form(await mint({ run_id: '7001' }), { audience: HOOKS, step: 'notify' }),
    );
    expect(jwt.status).toBe(200);
    const child = await call('/token', {
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
      subject_token: jwt.body.access_token as string,
      subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
      scope: 'notify:send',
    });
    expect(child.status).toBe(200);

    // Refused: a replay, a second claim, a scope above the grant, another audience, a forged token,
    // an expired one, a token of another repository, a chained subject that is an OIDC token.
    const codes: string[] = [];
    const refuse = async (path: string, f: Record<string, string>, h: Record<string, string> = {}) => {
      const r = await call(path, f, h);
      expect(r.status).toBeGreaterThanOrEqual(400);
      expect(r.status).toBeLessThan(500);
      codes.push(String(r.body.error_description).split(':')[0]!);
    };
    await refuse('/token', form(t1));
    await refuse('/token', form(await mint({ run_id: '7001' })));
    await refuse('/token', form(await mint({ run_id: '7002' }), { scope: 'contents:admin' }));
    await refuse('/token', form(await mint({ aud: 'https://other.example.com' })));
    await refuse('/token', form(await mint({ aud: [AUD, 'https://other.example.com'] })));
    const pem = createPublicKey({ key: issuer.jwks().keys[0] as never, format: 'jwk' })
      .export({ type: 'spki', format: 'pem' })
      .toString();
    const good = await mint({ run_id: '7003' });
    const [h, p] = good.split('.') as [string, string];
    const hsHeader = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(h, 'base64url').toString()), alg: 'HS256' }),
    ).toString('base64url');
    const hs = `${hsHeader}.${p}.${createHmac('sha256', pem).update(`${hsHeader}.${p}`).digest('base64url')}`;
    oidcTokens.push(hs);
    await refuse('/token', form(hs));
    const signed = `${h}.${p}.${'A'.repeat(342)}`;
    oidcTokens.push(signed);
    await refuse('/token', form(signed));
    const expired = await issuer.mint({ run_id: '7004' }, { expiresIn: -600, issuedAtOffset: -700 });
    oidcTokens.push(expired);
    await refuse('/token', form(expired));
    await refuse('/token', form(await mint({ repository: 'octo-org/other', repository_id: '999' })));
    await refuse('/token', {
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
      subject_token: await mint(),
      subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
    });
    // The token as another parameter, and the JSON body with subject_token twice.
    await refuse('/token', form(await mint({ run_id: '7005' }), { job: good }));
    const dup = await fetch(`${b.url}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `{"subject_token":${JSON.stringify(good)},${JSON.stringify(form(good)).slice(1)}`,
    });
    refusals.push(await dup.text());
    expect(dup.status).toBe(400);
    // Introspection and revocation by callers who do not hold the right token.
    await refuse('/introspect', { token: gh1.body.access_token as string });
    await refuse(
      '/introspect',
      { token: gh1.body.access_token as string },
      { authorization: `Bearer ${await mint()}` },
    );
    await refuse('/admin/revoke', { repository: 'octo-org/octo-repo' }, { authorization: `Bearer ${good}` });
    expect(codes).toEqual([
      'ERR_OIDC_REPLAYED',
      'ERR_GRANT_ALREADY_CLAIMED',
      'ERR_SCOPE_NOT_GRANTED',
      'ERR_OIDC_AUDIENCE',
      'ERR_OIDC_AUDIENCE',
      'ERR_OIDC_ALG',
      'ERR_OIDC_SIGNATURE',
      'ERR_OIDC_EXPIRED',
      'ERR_NO_MANIFEST',
      'ERR_CHAIN_SUBJECT',
      'ERR_PARAM_INVALID',
      'ERR_INTROSPECT_UNAUTHORIZED',
      'ERR_INTROSPECT_UNAUTHORIZED',
      'ERR_ADMIN_UNAUTHORIZED',
    ]);

    // Allowed reads: introspection by the admin, job-end revocation, the kill switch.
    const intro = await call(
      '/introspect',
      { token: gh1.body.access_token as string },
      { authorization: `Bearer ${ADMIN}` },
    );
    expect(intro.body).toMatchObject({ active: true });
    const end = await call('/revoke', { subject_token: await mint({ run_id: '7001' }), job: 'publish' });
    expect(end.status).toBe(200);
    expect(JSON.stringify(end.body)).not.toMatch(/eyJ|ghs_/);
    const kill = await call(
      '/admin/revoke',
      { repository: 'octo-org/octo-repo' },
      { authorization: `Bearer ${ADMIN}` },
    );
    expect(kill.status).toBe(200);
    const metrics = await (await fetch(`${b.url}/metrics`)).text();
    expect(metrics).toMatch(/stepwarden_exchanges_total/);
    await b.stop();

    const minted = gh.state.tokens.map((t) => (t as { token: string }).token);
    expect(minted.length).toBeGreaterThan(0);
    const secrets = [...oidcTokens, ...issued, ...minted, ADMIN];
    const audit = readFileSync(join(dir, 'audit.jsonl'), 'utf8');
    expect(audit.split('\n').filter(Boolean).length).toBeGreaterThan(15);
    const places: [string, string][] = [
      ['audit.jsonl', audit],
      ['metrics', metrics],
      ['stdout', b.stdout()],
      ['stderr', b.stderr()],
      ...refusals.map((r, i): [string, string] => [`refusal ${i}`, r]),
    ];
    const leaks: string[] = [];
    for (const [where, text] of places)
      for (const secret of secrets) {
        // The whole token, or its signature (the part that makes it usable).
        const sig = secret.split('.').at(-1)!;
        if (text.includes(secret) || (sig.length >= 40 && text.includes(sig)))
          leaks.push(`${where}: ${secret.slice(0, 12)}…`);
      }
    expect(leaks).toEqual([]);
  });
});
