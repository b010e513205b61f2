/**
 * Revocation that is true, on both stores: GitHub's DELETE /installation/token failing (stand-in
 * fault injection), the kill switch firing mid-exchange, the audit path unwritable, the store down,
 * an instance that died between its write-ahead intent and the credential.
 */
import { createPrivateKey, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { auditEventSchema, type AuditEvent } from '../../shared/audit/event.js';
import { fileAuditSink, memoryAuditSink, type AuditSink } from '../../shared/broker/audit-log.js';
import { loadBrokerConfig } from '../../shared/broker/config.js';
import { directorySource } from '../../shared/broker/manifest-source.js';
import { GithubApp } from '../../shared/broker/providers/github-app.js';
import { JobIdentityChecker } from '../../shared/broker/job-identity.js';
import { startBroker, startBrokerWith, type RunningBroker } from '../../shared/broker/server.js';
import { generateSigningKey } from '../../shared/broker/signing-key.js';
import { MemoryStore } from '../../shared/broker/state/memory.js';
import { RedisStore } from '../../shared/broker/state/redis.js';
import { SecretBox } from '../../shared/broker/state/secret-box.js';
import type { Store } from '../../shared/broker/state/store.js';
import { createOidcVerifier } from '../../shared/oidc/verify.js';
import { startOidcIssuer, type OidcIssuer } from '../../shared/standins/oidc-issuer.js';
import { AUD, MANIFEST } from '../support/broker.js';
import { demoRepo, startAppStandin, type AppStandin } from '../support/github.js';
import { startRedis, type RedisServer } from '../support/redis.js';
import { runIdOf } from '../support/run-ids.js';

const ADMIN = { authorization: 'Bearer secret' };
const ADMIN_HASH = '2bb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25b'; // sha256('secret')

let redis: RedisServer;
let issuer: OidcIssuer;
let manifests: string;
const box = SecretBox.fromText(randomBytes(32).toString('hex'), 'test');

beforeAll(async () => {
  redis = await startRedis();
  issuer = await startOidcIssuer({ audience: AUD });
  manifests = mkdtempSync(join(tmpdir(), 'sw-rev-manifests-'));
  mkdirSync(join(manifests, 'octo-org/octo-repo/.github'), { recursive: true });
  writeFileSync(join(manifests, 'octo-org/octo-repo/.github/access-manifest.yml'), MANIFEST);
});
afterAll(async () => {
  await redis.stop();
  await issuer.close();
});

/** A GitHub App whose token creation waits for `release()`: an exchange caught mid-mint. */
class GatedApp extends GithubApp {
  gate: Promise<void> | undefined;
  minting: (() => void) | undefined;
  override async createToken(...args: Parameters<GithubApp['createToken']>) {
    this.minting?.();
    if (this.gate) await this.gate;
    return super.createToken(...args);
  }
}

interface Rig {
  readonly broker: RunningBroker;
  readonly gh: AppStandin;
  readonly app: GatedApp;
  readonly events: AuditEvent[];
  readonly store: Store;
  readonly clock: { offset: number };
  post(
    path: string,
    form: Record<string, string>,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: Record<string, unknown> }>;
  exchange(runId: string, step?: string): Promise<{ status: number; body: Record<string, unknown> }>;
  close(): Promise<void>;
}

async function rig(
  kind: 'memory' | 'redis',
  opts: { audit?: AuditSink; store?: Store; gh?: AppStandin } = {},
): Promise<Rig> {
  const clock = { offset: 0 };
  const now = () => Math.floor(Date.now() / 1000) + clock.offset;
  const gh = opts.gh ?? (await startAppStandin([demoRepo()]));
  const app = new GatedApp({
    api: gh.standin.url,
    appId: gh.appId,
    privateKey: createPrivateKey(gh.privateKeyPem),
    retries: 2,
    retryAfterBaseValue: 0,
  });
  let store = opts.store;
  if (!store) {
    if (kind === 'memory') store = new MemoryStore(() => now());
    else {
      await redis.client().flushdb();
      store = await RedisStore.connect(redis.url, { callerClock: true, box });
    }
  }
  const mem = memoryAuditSink();
  const broker = await startBrokerWith(
    {
      url: AUD,
      verifier: createOidcVerifier({ issuers: [issuer.url], audience: AUD, now }),
      store,
      key: await generateSigningKey(),
      manifests: directorySource(manifests),
      audit: opts.audit ?? mem,
      github: app,
      // Tokens here carry no check_run_id: the job is asserted (require-job-identity: false).
      jobIdentity: new JobIdentityChecker(undefined, { require: false }),
      rateLimit: { limit: 1000, windowSeconds: 60 },
      adminTokenHashes: [ADMIN_HASH],
      now,
      revokeBackoffSeconds: 2,
    },
    '127.0.0.1:0',
    30,
    // The sweep's operational lines (a store made to fail writes one) stay out of the runner's output.
    { log: { log: () => undefined } },
  );
  const post = async (path: string, form: Record<string, string>, headers: Record<string, string> = {}) => {
    const res = await fetch(`${broker.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(form),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  return {
    broker,
    gh,
    app,
    events: mem.events,
    store,
    clock,
    post,
    async exchange(runId, step = 'release') {
      return post('/token', {
        grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
        subject_token: await issuer.mint({ run_id: runIdOf(runId) }),
        subject_token_type: 'urn:ietf:params:oauth:token-type:id_token',
        audience: step === 'release' ? 'github' : 'https://hooks.example.internal',
        job: 'publish',
        step,
      });
    },
    async close() {
      await broker.close();
      if (!opts.gh) await gh.standin.close();
    },
  };
}

async function until(cond: () => boolean | Promise<boolean>, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const upstreamRevoked = (r: Rig, token: string) => r.gh.state.tokens.find((t) => t.token === token)!.revoked;

for (const kind of ['memory', 'redis'] as const) {
  describe(`revocation that is true (${kind} state)`, () => {
    it('a failed DELETE /installation/token is retried from the queue: revocation_pending until GitHub confirms', async () => {
      const r = await rig(kind);
      try {
        const got = await r.exchange('pending-1');
        expect(got.status).toBe(200);
        const token = got.body.access_token as string;
        const grant = got.body.grant_id as string;
        // One attempt is three calls (the client's two retries): all fail, then GitHub recovers.
        r.gh.standin.fail('DELETE', '/installation/token', { count: 3, status: 502 });
        expect((await r.post('/revoke', { token })).body).toEqual({ revoked: 1, revocation_pending: 1 });
        expect(upstreamRevoked(r, token)).toBe(false);
        expect((await r.post('/introspect', { token }, { authorization: 'Bearer secret' })).body).toEqual({
          active: false,
          revocation_pending: true,
        });
        expect((await r.post('/revoke', { token })).body).toEqual({ revoked: 0, revocation_pending: 1 });
        const pending = r.events.filter(
          (e) => e.grant_id === grant && e.type === 'credential.revocation_pending',
        );
        expect(pending).toHaveLength(1);
        expect(pending[0]).toMatchObject({ outcome: 'error', reason: 'REVOCATION_PENDING' });
        expect(r.events.some((e) => e.grant_id === grant && e.type === 'credential.revoked')).toBe(false);

        r.clock.offset += 3; // past the first backoff (2 s)
        await until(() => upstreamRevoked(r, token));
        await until(() => r.events.some((e) => e.grant_id === grant && e.type === 'credential.revoked'));
        expect(r.events.filter((e) => e.grant_id === grant && e.type === 'credential.revoked')).toEqual([
          expect.objectContaining({ outcome: 'success', reason: 'REVOKED_AFTER_RETRY', attempts: 2 }),
        ]);
        expect((await r.post('/introspect', { token }, { authorization: 'Bearer secret' })).body).toEqual({
          active: false,
        });
        expect((await r.store.get(grant))!.secret).toBeUndefined();
        for (const e of r.events) expect(auditEventSchema.safeParse(e).success).toBe(true);
      } finally {
        await r.close();
      }
    });

    it("gives up when the token's own expiry passes: credential.revoke_failed, once, and the secret wiped", async () => {
      const r = await rig(kind);
      try {
        const got = await r.exchange('giveup-1');
        const token = got.body.access_token as string;
        const grant = got.body.grant_id as string;
        r.gh.standin.fail('DELETE', '/installation/token', { count: 100_000, status: 500 });
        expect((await r.post('/revoke', { token })).body).toEqual({ revoked: 1, revocation_pending: 1 });
        r.clock.offset += 3700; // GitHub's hour is over
        await until(() =>
          r.events.some((e) => e.grant_id === grant && e.type === 'credential.revoke_failed'),
        );
        await new Promise((res) => setTimeout(res, 150)); // a few more sweeps: still once
        const failed = r.events.filter((e) => e.grant_id === grant && e.type === 'credential.revoke_failed');
        expect(failed).toHaveLength(1);
        expect(failed[0]).toMatchObject({ outcome: 'error', reason: 'ERR_REVOKE_FAILED' });
        expect(failed[0]!.detail).toMatch(/gave up after 2 attempt\(s\)/);
        const rec = (await r.store.get(grant))!;
        expect(rec).toMatchObject({ revocation: 'failed' });
        expect(rec.secret).toBeUndefined();
        expect((await r.post('/introspect', { token }, { authorization: 'Bearer secret' })).body).toEqual({
          active: false,
        });
      } finally {
        await r.close();
      }
    });

    it('the kill switch fired while an exchange is minting: that credential is revoked before it leaves', async () => {
      const r = await rig(kind);
      try {
        let release!: () => void;
        r.app.gate = new Promise((res) => (release = res));
        const minting = new Promise<void>((res) => (r.app.minting = res));
        const inFlight = r.exchange('inflight-1');
        await minting;
        const fired = await r.post(
          '/admin/revoke',
          { run_id: runIdOf('inflight-1'), actor: 'oncall' },
          ADMIN,
        );
        expect(fired.body).toMatchObject({ revoked: 0, blocked: true });
        release();
        const res = await inFlight;
        expect(res.status).toBe(403);
        expect(res.body.error_description).toContain(
          `ERR_BLOCKED: the kill switch blocks run ${runIdOf('inflight-1')};`,
        );
        const minted = r.gh.state.tokens.filter((t) => t.permissions?.contents === 'write');
        expect(minted).toHaveLength(1);
        expect(minted[0]!.revoked).toBe(true);
        expect(r.events).toContainEqual(
          expect.objectContaining({
            type: 'credential.revoked',
            reason: 'REVOKED_BY_ADMIN',
            run_id: runIdOf('inflight-1'),
          }),
        );
        r.app.gate = undefined;
        r.app.minting = undefined;
        // Later exchanges of that run are refused until an admin lifts the block; then they work.
        expect((await r.exchange('inflight-1', 'notify')).status).toBe(403);
        expect((await r.exchange('other-run', 'notify')).status).toBe(200);
        expect((await r.post('/admin/unblock', { run_id: runIdOf('inflight-1') }, ADMIN)).body).toEqual({
          unblocked: true,
        });
        expect((await r.exchange('inflight-1', 'notify')).status).toBe(200);
        expect(r.events.filter((e) => e.type === 'admin.unblock')).toEqual([
          expect.objectContaining({
            outcome: 'success',
            details: { target: { run_id: runIdOf('inflight-1') }, actor: 'admin' },
          }),
        ]);
      } finally {
        await r.close();
      }
    });

    it('an unwritable audit log: 503, an ALARM on stderr, the minted token revoked, the claim given back', async () => {
      const base = mkdtempSync(join(tmpdir(), 'sw-audit-'));
      const parent = join(base, 'logs');
      writeFileSync(parent, 'a file where the directory should be'); // ENOTDIR, even for root
      const alarms: string[] = [];
      const r = await rig(kind, {
        audit: fileAuditSink(join(parent, 'audit.jsonl'), undefined, (l) => alarms.push(l)),
      });
      try {
        const res = await r.exchange('audit-down');
        expect(res.status).toBe(503);
        expect(res.body).toMatchObject({ error: 'temporarily_unavailable' });
        expect(res.body.error_description).toMatch(/^ERR_AUDIT_UNAVAILABLE/);
        expect(alarms).toHaveLength(1);
        expect(alarms[0]).toMatch(
          /^stepwarden broker ALARM: the audit log .*audit\.jsonl cannot be written \(ENOTDIR\)/,
        );
        const minted = r.gh.state.tokens.filter((t) => t.permissions?.contents === 'write');
        expect(minted).toHaveLength(1);
        expect(minted[0]!.revoked).toBe(true);
        // The disk comes back: the same step of the same run can now get its credential (claim given back).
        rmSync(parent);
        mkdirSync(parent);
        const again = await r.exchange('audit-down');
        expect(again.status).toBe(200);
        expect(alarms.at(-1)).toMatch(/writable again/);
      } finally {
        await r.close();
        rmSync(base, { recursive: true, force: true });
      }
    });

    it('on start an instance sweeps what is overdue: an abandoned intent gives its claim back, a passed deadline is revoked', async () => {
      const gh = await startAppStandin([demoRepo()]);
      const first = await rig(kind, { gh });
      const got = await first.exchange('restart-1');
      const token = got.body.access_token as string;
      const claimKey = `claim:100001:crash-1:1:release.yml:publish:release:github`;
      await first.broker.close();
      // What a SIGKILL between the write-ahead intent and storing the credential leaves behind.
      const store =
        kind === 'memory' ? first.store : await RedisStore.connect(redis.url, { callerClock: true, box });
      expect(await store.claim(claimKey, 3600)).toBe(1);
      await store.intend({
        grantId: 'crashed-grant',
        claimKey,
        deadline: Math.floor(Date.now() / 1000) - 1,
        repository: 'octo-org/octo-repo',
        repositoryId: '100001',
        workflow: 'release.yml',
        job: 'publish',
        step: 'release',
        runId: runIdOf('crash-1'),
        runAttempt: '1',
        audience: 'github',
      });
      const second = await rig(kind, { gh, store });
      try {
        second.clock.offset += 400; // the first credential's ttl (300) passed while nothing ran
        await until(() => upstreamRevoked(second, token));
        await until(() => second.events.some((e) => e.type === 'credential.expired'));
        await until(() => second.events.some((e) => e.reason === 'INTENT_ABANDONED'));
        expect(second.events.filter((e) => e.type === 'credential.expired')).toEqual([
          expect.objectContaining({ grant_id: got.body.grant_id, reason: 'TTL_PASSED' }),
        ]);
        expect(second.events.find((e) => e.reason === 'INTENT_ABANDONED')).toMatchObject({
          grant_id: 'crashed-grant',
          run_id: runIdOf('crash-1'),
        });
        // The claim was given back: the step's retry gets its credential.
        second.clock.offset = 0;
        expect((await second.exchange('crash-1')).status).toBe(200);
      } finally {
        await second.close();
        await gh.standin.close();
      }
    });
  });
}

describe('store failures fail closed', () => {
  it('redis down mid-run: 503 ERR_STATE_UNAVAILABLE, nothing minted; back up: grants again', async () => {
    const own = await startRedis();
    const store = await RedisStore.connect(own.url, { callerClock: true, box });
    const r = await rig('redis', { store });
    try {
      expect((await r.exchange('down-0')).status).toBe(200);
      const before = r.gh.state.tokens.length;
      await own.stop();
      const res = await r.exchange('down-1');
      expect(res.status).toBe(503);
      expect(res.body.error_description).toMatch(/^ERR_STATE_UNAVAILABLE/);
      expect(r.gh.state.tokens.length).toBe(before);
    } finally {
      await r.close();
    }
  });

  it('memory state says at start what a restart forgets; redis state without an encryption key refuses to start', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sw-start-'));
    const lines: string[] = [];
    const broker = await startBroker(
      loadBrokerConfig(`listen: 127.0.0.1:0\nissuers: [${issuer.url}]\n`, 'broker.yml', dir),
      { warn: (l) => lines.push(l), logger: { log: () => undefined } },
    );
    await broker.close();
    expect(lines.join('')).toMatch(
      /state is in memory: a restart forgets used OIDC jtis .* revocation deadline/,
    );
    const prev = process.env.STEPWARDEN_STATE_KEY;
    delete process.env.STEPWARDEN_STATE_KEY;
    try {
      await expect(
        startBroker(loadBrokerConfig(`listen: 127.0.0.1:0\nstate: ${redis.url}\n`, 'broker.yml', dir)),
      ).rejects.toThrow(/ERR_STATE_KEY: .*state-encryption-key-file or STEPWARDEN_STATE_KEY/);
    } finally {
      if (prev !== undefined) process.env.STEPWARDEN_STATE_KEY = prev;
      rmSync(dir, { recursive: true, force: true });
    }
    expect(() => loadBrokerConfig('state: mongodb://x\n', 'broker.yml', dir)).toThrow(
      /broker\.yml:1: .*not supported/,
    );
    expect(() => loadBrokerConfig('state: rediss://u:pw@h:6380/2\n', 'broker.yml', dir)).not.toThrow();
  });
});
