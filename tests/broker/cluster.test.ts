/**
 * Two broker processes on one real redis-server: replay protection, single use, the rate limit and
 * the kill switch hold across both; a deadline is swept once whichever instance gets there; killing
 * and restarting both loses nothing.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadOrCreateSigningKey } from '../../shared/broker/signing-key.js';
import { startOidcIssuer, type OidcIssuer } from '../../shared/standins/oidc-issuer.js';
import { spawnBroker, type BrokerProcess } from '../support/cluster.js';
import { demoRepo, startAppStandin, type AppStandin } from '../support/github.js';
import { startRedis, type RedisServer } from '../support/redis.js';
import { runIdOf } from '../support/run-ids.js';

const AUD = 'https://broker.example.com';
const ADMIN = { authorization: 'Bearer secret' };
const REPOS = {
  jti: 300001,
  claim: 300002,
  rate: 300003,
  kill: 300004,
  sweep: 300005,
  restart: 300006,
} as const;
type RepoKey = keyof typeof REPOS;

let redis: RedisServer;
let issuer: OidcIssuer;
let gh: AppStandin;
let dir: string;
let a: BrokerProcess;
let b: BrokerProcess;
const env = { STEPWARDEN_STATE_KEY: randomBytes(32).toString('hex') };
const secrets: string[] = [];

const manifest = (name: string, id: number) => `version: 1
repository: { name: octo-org/${name}, id: ${id}, owner-id: 200001 }
workflows:
  release.yml:
    triggers: [push]
    jobs:
      publish:
        permissions: { contents: read, id-token: write }
        credentials:
          - step: release
            audience: github
            permissions: { contents: write }
            ttl: 30
          - step: notify
            audience: https://hooks.example.internal
            scope: [notify:send]
            ttl: 60
`;

function config(name: string): string {
  const file = join(dir, `${name}.yml`);
  writeFileSync(
    file,
    `listen: 127.0.0.1:0
url: ${AUD}
audience: ${AUD}
issuers: [${issuer.url}]
require-job-identity: false
manifests: { source: directory, path: ./manifests }
github: { api: ${gh.standin.url}, app-id: ${gh.appId}, private-key-file: ./app.pem }
signing: { key-file: ./signing-key.json }
state: ${redis.url}
rate-limit: { per-repository: 5/min }
admin-tokens-file: ./admin-tokens
audit: ./audit-${name}.jsonl
`,
  );
  return file;
}

async function start(): Promise<[BrokerProcess, BrokerProcess]> {
  return Promise.all([spawnBroker(config('a'), env), spawnBroker(config('b'), env)]);
}

async function oidc(repo: RepoKey, runId: string): Promise<string> {
  return issuer.mint({
    repository: `octo-org/${repo}`,
    repository_id: String(REPOS[repo]),
    run_id: runIdOf(runId),
  });
}

function form(token: string, step: 'release' | 'notify' = 'notify'): Record<string, string> {
  return {
    grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
    subject_token: token,
    subject_token_type: 'urn:ietf:params:oauth:token-type:id_token',
    audience: step === 'release' ? 'github' : 'https://hooks.example.internal',
    job: 'publish',
    step,
  };
}

async function exchange(at: BrokerProcess, token: string, step: 'release' | 'notify' = 'notify') {
  const r = await at.post('/token', form(token, step));
  if (typeof r.body.access_token === 'string') secrets.push(r.body.access_token);
  return r;
}

function auditLines(): Record<string, unknown>[] {
  const lines: Record<string, unknown>[] = [];
  for (const n of ['a', 'b']) {
    let text: string;
    try {
      text = readFileSync(join(dir, `audit-${n}.jsonl`), 'utf8');
    } catch {
      continue;
    }
    // Complete lines only: the part after the last newline is a batch the broker is still writing
    // (these tests read while exchanges go on; a grant's own line is complete before it answers).
    for (const l of text
      .slice(0, text.lastIndexOf('\n') + 1)
      .split('\n')
      .filter(Boolean))
      lines.push(JSON.parse(l) as Record<string, unknown>);
  }
  return lines;
}

const sweepGrants: { grant: string; token: string }[] = [];

beforeAll(async () => {
  redis = await startRedis();
  issuer = await startOidcIssuer({ audience: AUD });
  gh = await startAppStandin(
    Object.entries(REPOS).map(([name, id], i) => demoRepo({ name, id, installationId: 70 + i })),
  );
  dir = mkdtempSync(join(tmpdir(), 'sw-cluster-'));
  for (const [name, id] of Object.entries(REPOS)) {
    mkdirSync(join(dir, 'manifests/octo-org', name, '.github'), { recursive: true });
    writeFileSync(join(dir, 'manifests/octo-org', name, '.github/access-manifest.yml'), manifest(name, id));
  }
  writeFileSync(join(dir, 'app.pem'), gh.privateKeyPem);
  writeFileSync(
    join(dir, 'admin-tokens'),
    'oncall:2bb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25b\n',
  ); // named: the name is the audit actor; sha256('secret'), a plain one that short is refused
  await loadOrCreateSigningKey(join(dir, 'signing-key.json'));
  [a, b] = await start();
}, 120_000);

afterAll(async () => {
  await a?.stop();
  await b?.stop();
  // No audit line, at either instance, carries a credential; no GitHub token sits in Redis in clear.
  const text = JSON.stringify(auditLines());
  const raw = redis.client();
  let dump = '';
  for (const k of await raw.keys('*'))
    if ((await raw.type(k)) === 'hash') dump += JSON.stringify(await raw.hgetall(k));
  for (const s of secrets) {
    expect(text).not.toContain(s);
    expect(dump).not.toContain(s);
  }
  expect(gh.standin.shapeErrors).toEqual([]);
  await redis.stop();
  await issuer.close();
  await gh.standin.close();
}, 60_000);

describe('two broker processes on one redis', () => {
  it('issues short-lived GitHub tokens at both (their deadlines are checked last)', async () => {
    for (const [i, at] of [a, b, a, b].entries()) {
      const r = await exchange(at, await oidc('sweep', `sweep-${i}`), 'release');
      expect(r.status).toBe(200);
      expect(r.body.expires_in).toBeLessThanOrEqual(30);
      sweepGrants.push({ grant: r.body.grant_id as string, token: r.body.access_token as string });
    }
  });

  it('a jti used at one is refused at the other', async () => {
    const t = await oidc('jti', 'jti-1');
    expect((await exchange(a, t)).status).toBe(200);
    const again = await exchange(b, t);
    expect(again.status).toBe(400);
    expect(again.body.error_description).toMatch(/^ERR_OIDC_REPLAYED/);
  });

  it('a single-use grant claimed at one cannot be claimed at the other', async () => {
    expect((await exchange(a, await oidc('claim', 'claim-1'), 'release')).status).toBe(200);
    const second = await exchange(b, await oidc('claim', 'claim-1'), 'release');
    expect(second.status).toBe(400);
    expect(second.body.error_description).toMatch(/^ERR_GRANT_ALREADY_CLAIMED/);
    // Another run is another grant.
    expect((await exchange(b, await oidc('claim', 'claim-2'), 'release')).status).toBe(200);
  });

  it('the rate limit counts across both (5/min per repository)', async () => {
    const results = [];
    for (let i = 0; i < 8; i++) results.push(await exchange(i % 2 ? b : a, await oidc('rate', `rate-${i}`)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(5);
    const limited = results.filter((r) => r.status === 429);
    expect(limited).toHaveLength(3);
    for (const r of limited) expect(r.body.error_description).toMatch(/^ERR_RATE_LIMITED/);
  });

  it('a kill switch at one blocks the other at once, and revokes what the other issued', async () => {
    const live = await exchange(b, await oidc('kill', 'kill-1'), 'release');
    expect(live.status).toBe(200);
    const token = live.body.access_token as string;
    expect((await a.post('/introspect', { token }, { authorization: 'Bearer secret' })).body.active).toBe(
      true,
    );

    const fired = await a.post('/admin/revoke', { repository: 'octo-org/kill', actor: 'oncall' }, ADMIN);
    expect(fired.status).toBe(200);
    expect(fired.body).toMatchObject({ revoked: 1, blocked: true });
    expect(gh.state.tokens.find((t) => t.token === token)!.revoked).toBe(true);
    expect((await b.post('/introspect', { token }, { authorization: 'Bearer secret' })).body.active).toBe(
      false,
    );

    const refused = await exchange(b, await oidc('kill', 'kill-2'));
    expect(refused.status).toBe(403);
    expect(refused.body.error_description).toMatch(/^ERR_BLOCKED: .*octo-org\/kill/);
    // Other repositories are not touched.
    expect((await exchange(b, await oidc('jti', 'jti-2'))).status).toBe(200);

    expect((await b.post('/admin/unblock', { repository: 'octo-org/kill' })).status).toBe(401);
    const lifted = await b.post('/admin/unblock', { repository: 'octo-org/kill', actor: 'oncall' }, ADMIN);
    expect(lifted.body).toEqual({ unblocked: true });
    expect((await exchange(a, await oidc('kill', 'kill-3'))).status).toBe(200);
    const admin = auditLines().filter((e) => e.type === 'admin.revoke' || e.type === 'admin.unblock');
    expect(admin.map((e) => `${e.type}:${e.outcome}`).sort()).toEqual([
      'admin.revoke:success',
      'admin.unblock:denied',
      'admin.unblock:success',
    ]);
  });

  it('killing and restarting both loses nothing: used jtis, claims, live credentials, blocks', async () => {
    const used = await oidc('restart', 'restart-1');
    const live = await exchange(a, used, 'release');
    expect(live.status).toBe(200);
    const token = live.body.access_token as string;
    await b.post('/admin/revoke', { run_id: runIdOf('restart-blocked') }, ADMIN);

    await Promise.all([a.stop('SIGKILL'), b.stop('SIGKILL')]);
    [a, b] = await start();

    expect((await exchange(b, used, 'release')).body.error_description).toMatch(/^ERR_OIDC_REPLAYED/);
    expect((await exchange(a, await oidc('restart', 'restart-1'), 'release')).body.error_description).toMatch(
      /^ERR_GRANT_ALREADY_CLAIMED/,
    );
    expect((await exchange(a, await oidc('restart', 'restart-blocked'))).body.error_description).toMatch(
      /^ERR_BLOCKED/,
    );
    expect((await b.post('/introspect', { token }, { authorization: 'Bearer secret' })).body).toMatchObject({
      active: true,
      scope: 'contents:write',
    });
    expect((await b.post('/revoke', { token })).body).toEqual({ revoked: 1 });
    expect(gh.state.tokens.find((t) => t.token === token)!.revoked).toBe(true);
  }, 120_000);

  it('each deadline is swept once, whichever instance gets there, and revoked upstream', async () => {
    const done = () => sweepGrants.every((g) => gh.state.tokens.find((t) => t.token === g.token)?.revoked);
    for (let i = 0; i < 600 && !done(); i++) await new Promise((r) => setTimeout(r, 100));
    expect(done()).toBe(true);
    // The lines are batched to disk after the upstream revocation: wait for all of them (as long as
    // for the revocations: a loaded CI machine can hold a broker off the CPU), then exactly one each.
    const expired = () => auditLines().filter((e) => e.type === 'credential.expired');
    const missing = () => sweepGrants.filter((g) => !expired().some((e) => e.grant_id === g.grant));
    for (let i = 0; i < 600 && missing().length; i++) await new Promise((r) => setTimeout(r, 100));
    // On failure, every line about the grants without one says what happened to them instead.
    const about = (grant: string) =>
      auditLines()
        .filter((e) => e.grant_id === grant)
        .map((e) => `${String(e.type)} ${String(e.reason ?? '')}`);
    expect(missing().map((g) => ({ grant: g.grant, lines: about(g.grant) }))).toEqual([]);
    for (const g of sweepGrants)
      expect(expired().filter((e) => e.grant_id === g.grant && e.reason === 'TTL_PASSED')).toHaveLength(1);
    for (const g of sweepGrants)
      expect(
        (await a.post('/introspect', { token: g.token }, { authorization: 'Bearer secret' })).body,
      ).toEqual({ active: false });
  }, 150_000);
});
