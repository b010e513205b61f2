/**
 * Hostile review (session 8): the wall clock stepped back under a running broker (an NTP step, a VM
 * snapshot restored, a spoofed time server). Before: a used OIDC token whose `jti` had been forgotten
 * was exchanged again once the clock put it back inside its lifetime (a replay), /introspect called an
 * expired credential active, and the revocation of a GitHub token waited for the wall clock to catch
 * up. The broker's clock (shared/clock/steady.ts) now never goes back. These tests step the real
 * `Date` (jest's fake Date and performance clock; timers stay real) under a broker built with its
 * default clocks, as `stepwarden broker` runs.
 */
import { createPrivateKey } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { memoryAuditSink } from '../../shared/broker/audit-log.js';
import { JobIdentityChecker } from '../../shared/broker/job-identity.js';
import { directorySource } from '../../shared/broker/manifest-source.js';
import { GithubApp } from '../../shared/broker/providers/github-app.js';
import { startBrokerWith, type RunningBroker } from '../../shared/broker/server.js';
import { generateSigningKey } from '../../shared/broker/signing-key.js';
import { MemoryStore } from '../../shared/broker/state/memory.js';
import { steadyClock } from '../../shared/clock/steady.js';
import { issuerKeys } from '../../shared/oidc/keys.js';
import { createOidcVerifier } from '../../shared/oidc/verify.js';
import { startOidcIssuer, type OidcIssuer } from '../../shared/standins/oidc-issuer.js';
import { AUD, MANIFEST, errorCode } from '../support/broker.js';
import { demoRepo, startAppStandin, type AppStandin } from '../support/github.js';
import { runIdOf } from '../support/run-ids.js';

const HOOKS = 'https://hooks.example.internal';
const T0 = Date.now();
let issuer: OidcIssuer;
let gh: AppStandin;
let broker: RunningBroker;

beforeAll(async () => {
  // Date and performance are driven by the test; timers, I/O and microtasks stay real.
  jest.useFakeTimers({
    now: T0,
    doNotFake: [
      'hrtime',
      'nextTick',
      'queueMicrotask',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  });
  issuer = await startOidcIssuer({ audience: AUD });
  gh = await startAppStandin([demoRepo({ files: { main: { '.github/access-manifest.yml': MANIFEST } } })]);
  const app = new GithubApp({
    api: gh.standin.url,
    appId: gh.appId,
    privateKey: createPrivateKey(gh.privateKeyPem),
    retries: 0,
    retryAfterBaseValue: 0,
  });
  const dir = mkdtempSync(join(tmpdir(), 'sw-s8-clock-'));
  mkdirSync(join(dir, 'octo-org/octo-repo/.github'), { recursive: true });
  writeFileSync(join(dir, 'octo-org/octo-repo/.github/access-manifest.yml'), MANIFEST);
  // No `now` anywhere: the verifier, the service and the store run on their default clocks.
  broker = await startBrokerWith(
    {
      url: AUD,
      verifier: createOidcVerifier({ issuers: [issuer.url], audience: AUD }),
      store: new MemoryStore(),
      key: await generateSigningKey(),
      manifests: directorySource(dir, { recheckMs: 0 }),
      audit: memoryAuditSink(),
      github: app,
      jobIdentity: new JobIdentityChecker(undefined, { require: false }),
      rateLimit: { limit: 1000, windowSeconds: 60 },
      adminTokenHashes: ['2bb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25b'], // sha256('secret')
    },
    '127.0.0.1:0',
    50,
  );
});
afterAll(async () => {
  jest.useRealTimers();
  await broker.close();
  await issuer.close();
  await gh.standin.close();
});

const post = async (path: string, form: Record<string, string>, headers: Record<string, string> = {}) => {
  const res = await fetch(`${broker.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};
const exchange = (oidc: string, over: Record<string, string> = {}) =>
  post('/token', {
    grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
    subject_token: oidc,
    subject_token_type: 'urn:ietf:params:oauth:token-type:id_token',
    audience: HOOKS,
    scope: '',
    job: 'publish',
    step: 'twice',
    ...over,
  });
describe('a wall clock stepped back', () => {
  it('does not make a used, forgotten OIDC token valid again (no replay)', async () => {
    const stolen = await issuer.mint({ run_id: runIdOf('clk-1') }); // iat T0, exp T0 + 300
    expect((await exchange(stolen)).status).toBe(200);
    expect(errorCode(await exchange(stolen))).toBe('ERR_OIDC_REPLAYED');
    // Two hours on: the token's jti is past its window and dropped at the next exchange.
    jest.setSystemTime(T0 + 2 * 3600_000);
    expect((await exchange(await issuer.mint({ run_id: runIdOf('clk-2') }))).status).toBe(200);
    // The wall clock steps back to just after the token was issued: inside its lifetime again.
    jest.setSystemTime(T0 + 5_000);
    const r = await exchange(stolen);
    expect('access_token' in r.body).toBe(false); // (never the token itself in a failure message)
    expect([r.status, errorCode(r)]).toEqual([400, 'ERR_OIDC_EXPIRED']);
  });

  it('keeps counting from where it was: an expired credential is inactive and its GitHub token revoked on time', async () => {
    jest.setSystemTime(T0 + 3 * 3600_000); // ahead of where the first test left the broker's clock
    const start = Date.now();
    const granted = await exchange(await issuer.mint({ run_id: runIdOf('clk-3') }), {
      audience: 'github',
      step: 'release',
    });
    expect(granted.status).toBe(200);
    const ghs = String(granted.body.access_token);
    const jwt = await exchange(await issuer.mint({ run_id: runIdOf('clk-4') }), { step: 'notify' }); // ttl 60
    expect(jwt.status).toBe(200);
    // 400 s pass (the github grant's ttl is 300), then the wall clock steps back an hour.
    jest.advanceTimersByTime(400_000);
    jest.setSystemTime(start + 400_000 - 3600_000);
    const seen = await post(
      '/introspect',
      { token: String(jwt.body.access_token) },
      { authorization: 'Bearer secret' },
    );
    expect(seen.body.active).toBe(false);
    // The sweeper (real timers, every 50 ms) revokes the GitHub token at its deadline, not an hour late.
    const revoked = () => gh.state.tokens.find((t) => t.token === ghs)?.revoked === true;
    for (let i = 0; i < 200 && !revoked(); i++) await new Promise((r) => setTimeout(r, 20));
    expect(revoked()).toBe(true);
  });
});

describe("the issuer's keys under a wall clock stepped back", () => {
  it('a key the issuer dropped is not used past the JWKS max age because the clock went back', async () => {
    jest.setSystemTime(T0 + 6 * 3600_000); // ahead of where the tests above left the broker's clock
    const keys = issuerKeys({ assertUrl: () => undefined, maxAgeMs: 60_000 })(issuer.url);
    const kid = issuer.jwks().keys[0]!.kid!;
    const token = { payload: '', signature: '', protected: '' };
    await expect(keys({ alg: 'RS256', kid }, token)).resolves.toBeDefined();
    await issuer.rotate(); // the old key leaves the issuer's JWKS (say, it leaked)
    jest.advanceTimersByTime(61_000); // past the max age...
    jest.setSystemTime(Date.now() - 3600_000); // ...and the wall clock steps back an hour
    const err = (await Promise.resolve(keys({ alg: 'RS256', kid }, token)).catch((e: unknown) => e)) as {
      code?: string;
    };
    expect(err.code).toBe('ERR_OIDC_KID_UNKNOWN');
  });
});

describe('steadyClock (pure)', () => {
  it('follows the wall forward, and by the monotonic clock while the wall is behind', () => {
    let wall = 1_000_000;
    let mono = 0;
    const c = steadyClock(
      () => wall,
      () => mono,
    );
    expect(c()).toBe(1_000_000);
    wall += 5_000;
    mono += 5_000;
    expect(c()).toBe(1_005_000);
    wall -= 3_600_000; // stepped back an hour
    mono += 1_000;
    expect(c()).toBe(1_006_000);
    mono += 2_000;
    expect(c()).toBe(1_008_000);
    wall = 2_000_000; // forward: followed
    mono += 1;
    expect(c()).toBe(2_000_000);
    mono -= 10; // a monotonic source that went back is not trusted to move time back either
    expect(c()).toBe(2_000_000);
  });
});
