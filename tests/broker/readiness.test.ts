/**
 * A broker process on a real redis-server: /readyz turns 503 naming the store when Redis stops and
 * 200 when it is back; 503 naming the audit sink when the audit log cannot be written. The overdue
 * revocations gauge counts a GitHub token whose deadline passed while GitHub refused its DELETE, and
 * drops back to 0 once a retry gets through.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startOidcIssuer, type OidcIssuer } from '../../shared/standins/oidc-issuer.js';
import { AUD } from '../support/broker.js';
import { spawnBroker, type BrokerProcess } from '../support/cluster.js';
import { demoRepo, startAppStandin, type AppStandin } from '../support/github.js';
import { metricValue, parsePrometheus, hasMetric } from '../support/prometheus.js';
import { startRedis, type RedisServer } from '../support/redis.js';
import { MemoryStore } from '../../shared/broker/state/memory.js';
import { runIdOf } from '../support/run-ids.js';

const TTL = 30; // the shortest ttl a manifest allows
const UPSTREAM = 2; // timeouts.upstream: the overdue grace is this plus one sweep

const MANIFEST = `version: 1
repository: { name: octo-org/octo-repo, id: 100001, owner-id: 200001 }
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
            ttl: ${TTL}
          - step: notify
            audience: https://hooks.example.internal
            scope: [notify:send]
            ttl: 60
`;

let redis: RedisServer;
let issuer: OidcIssuer;
let gh: AppStandin;
let dir: string;
let broker: BrokerProcess;

beforeAll(async () => {
  redis = await startRedis();
  issuer = await startOidcIssuer({ audience: AUD });
  gh = await startAppStandin([demoRepo()]);
  dir = mkdtempSync(join(tmpdir(), 'sw-ready-'));
  mkdirSync(join(dir, 'manifests/octo-org/octo-repo/.github'), { recursive: true });
  writeFileSync(join(dir, 'manifests/octo-org/octo-repo/.github/access-manifest.yml'), MANIFEST);
  writeFileSync(join(dir, 'app.pem'), gh.privateKeyPem);
  mkdirSync(join(dir, 'audit'));
  writeFileSync(
    join(dir, 'broker.yml'),
    `listen: 127.0.0.1:0
url: ${AUD}
audience: ${AUD}
issuers: [${issuer.url}]
require-job-identity: false
manifests: { source: directory, path: ./manifests }
github: { api: ${gh.standin.url}, app-id: ${gh.appId}, private-key-file: ./app.pem }
signing: { key-file: ./keys.json }
state: ${redis.url}
audit: ./audit/broker-audit.jsonl
timeouts: { upstream: ${UPSTREAM} }
`,
  );
  broker = await spawnBroker(join(dir, 'broker.yml'), {
    STEPWARDEN_STATE_KEY: randomBytes(32).toString('hex'),
  });
}, 90_000);

afterAll(async () => {
  await broker?.stop();
  await redis?.stop();
  await issuer?.close();
  await gh?.standin.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function readyz(): Promise<{
  status: number;
  body: { checks: Record<string, { ok: boolean; detail?: string }> };
}> {
  const r = await fetch(`${broker.url}/readyz`);
  return { status: r.status, body: (await r.json()) as never };
}

/** Polls /readyz until it answers `status` (a state change is seen at the next probe). */
async function readyzUntil(status: number, ms = 20_000) {
  const until = Date.now() + ms;
  for (;;) {
    const r = await readyz();
    if (r.status === status) return r;
    if (Date.now() > until) throw new Error(`/readyz stayed ${r.status}: ${JSON.stringify(r.body)}`);
    await new Promise((res) => setTimeout(res, 100));
  }
}

async function scrape() {
  const r = await fetch(`${broker.url}/metrics`);
  expect(r.status).toBe(200);
  return parsePrometheus(await r.text());
}

const form = async (step: 'release' | 'notify', run: string) => ({
  grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
  subject_token: await issuer.mint({ run_id: runIdOf(run) }),
  subject_token_type: 'urn:ietf:params:oauth:token-type:id_token',
  audience: step === 'release' ? 'github' : 'https://hooks.example.internal',
  job: 'publish',
  step,
});

describe('readiness flips with its parts', () => {
  it('is 503 naming the store while redis-server is down, 200 when it is back', async () => {
    const up = await readyzUntil(200);
    expect(up.body.checks).toMatchObject({ store: { ok: true }, 'audit-sink': { ok: true } });
    await redis.down();
    const down = await readyzUntil(503);
    expect(down.body.checks.store).toMatchObject({ ok: false });
    expect(down.body.checks.store!.detail).toBeTruthy();
    // Only the store is named: the other parts still answer.
    expect(down.body.checks['signing-key']).toEqual({ ok: true });
    expect(down.body.checks['audit-sink']).toEqual({ ok: true });
    // And the broker fails closed meanwhile: an exchange is a 503, nothing granted.
    const refused = await broker.post('/token', await form('notify', '7101'));
    expect(refused.status).toBe(503);
    expect(String(refused.body.error_description)).toMatch(/^ERR_STATE_UNAVAILABLE/);
    const m = await scrape();
    expect(metricValue(m, 'stepwarden_ready', { check: 'store' })).toBe(0);
    expect(metricValue(m, 'stepwarden_store_errors_total')).toBeGreaterThan(0);

    await redis.up();
    const back = await readyzUntil(200);
    expect(back.body.checks.store).toEqual({ ok: true });
    expect((await broker.post('/token', await form('notify', '7102'))).status).toBe(200);
    expect(metricValue(await scrape(), 'stepwarden_ready', { check: 'store' })).toBe(1);
  }, 60_000);

  it('is 503 naming the audit sink while the audit log cannot be written, 200 after', async () => {
    renameSync(join(dir, 'audit'), join(dir, 'audit-away'));
    writeFileSync(join(dir, 'audit'), 'a file where the audit folder was');
    try {
      const r = await readyzUntil(503);
      expect(r.body.checks['audit-sink']).toMatchObject({ ok: false });
      expect(r.body.checks['audit-sink']!.detail).toMatch(/audit log .* is not writable/);
      expect(r.body.checks.store).toEqual({ ok: true });
    } finally {
      renameSync(join(dir, 'audit'), join(dir, 'gone'));
      renameSync(join(dir, 'audit-away'), join(dir, 'audit'));
    }
    expect((await readyzUntil(200)).body.checks['audit-sink']).toEqual({ ok: true });
  }, 30_000);
});

describe('overdue revocations', () => {
  it('counts a token past its deadline while GitHub refuses DELETE /installation/token, and 0 once it is revoked', async () => {
    const before = await scrape();
    expect(hasMetric(before, 'stepwarden_revocations_overdue')).toBe(true);
    expect(metricValue(before, 'stepwarden_revocations_overdue')).toBe(0);
    gh.standin.fail('DELETE', '/installation/token', { count: 1_000_000, status: 502 });
    const f = await form('release', '7201');
    const sentAt = Date.now();
    const r = await broker.post('/token', f);
    expect(r.status).toBe(200);
    // Live, within its ttl: nothing is overdue.
    expect(metricValue(await scrape(), 'stepwarden_revocations_overdue')).toBe(0);

    // Past the deadline and the grace, every DELETE refused: overdue.
    const until = sentAt + (TTL + UPSTREAM + 20) * 1000;
    let overdue = 0;
    while (overdue === 0) {
      if (Date.now() > until) throw new Error('the overdue gauge never counted the token');
      await new Promise((res) => setTimeout(res, 500));
      overdue = metricValue(await scrape(), 'stepwarden_revocations_overdue');
    }
    expect(overdue).toBe(1);
    // Not before the deadline plus the grace (whole seconds on the broker's clock: at most 1 s early).
    expect(Date.now() - sentAt).toBeGreaterThanOrEqual((TTL + UPSTREAM) * 1000);
    const m = await scrape();
    expect(metricValue(m, 'stepwarden_revocations_total', { result: 'pending' })).toBe(1);
    expect(metricValue(m, 'stepwarden_revocations_total', { result: 'done' })).toBe(0);
    expect(gh.state.tokens.some((t) => t.revoked)).toBe(false);

    // GitHub answers again: the next retry revokes it and the gauge goes back to 0.
    gh.standin.fail('DELETE', '/installation/token', { count: 0 });
    const back = Date.now() + 40_000;
    while (metricValue(await scrape(), 'stepwarden_revocations_overdue') !== 0) {
      if (Date.now() > back) throw new Error('the overdue gauge never went back to 0');
      await new Promise((res) => setTimeout(res, 500));
    }
    expect(gh.state.tokens.filter((t) => t.revoked)).toHaveLength(1);
    expect(metricValue(await scrape(), 'stepwarden_revocations_total', { result: 'done' })).toBe(1);
  }, 120_000);
});

describe('MemoryStore.overdue (the one-instance store behind the same gauge)', () => {
  it('counts queued records and intents past their deadline until their revocation is settled', async () => {
    const store = new MemoryStore(() => 1000);
    const where = {
      repository: 'octo-org/octo-repo',
      repositoryId: '100001',
      workflow: 'release.yml',
      job: 'publish',
      step: 'release',
      runId: '1',
      runAttempt: '1',
      audience: 'github',
    };
    await store.put({
      ...where,
      grantId: 'g1',
      tokenHash: 'h1',
      kind: 'github',
      scope: 'contents:write',
      sub: 's',
      issuedAt: 900,
      expiresAt: 930,
    });
    await store.put({
      ...where,
      grantId: 'g2',
      tokenHash: 'h2',
      kind: 'jwt',
      scope: '',
      sub: 's',
      issuedAt: 900,
      expiresAt: 2000,
    });
    await store.intend({ ...where, grantId: 'g3', claimKey: 'c3', deadline: 950 });
    expect(await store.overdue(920)).toBe(0);
    expect(await store.overdue(940)).toBe(1);
    expect(await store.overdue(960)).toBe(2);
    // Marked revoked but GitHub has not confirmed: still overdue; settled: no longer.
    await store.markRevoked('g1', 960);
    await store.retryRevocation('g1', 970, 1);
    expect(await store.overdue(960)).toBe(2);
    await store.settleRevocation('g1', 'done');
    await store.abandon('g3');
    expect(await store.overdue(960)).toBe(0);
    expect(await store.overdue(2000)).toBe(1);
  });
});
