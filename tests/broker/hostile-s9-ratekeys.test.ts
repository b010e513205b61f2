/**
 * Hostile review (session 9): rate-limit keys an attacker influences. Repository ids are per GitHub
 * (github.com, each GHES server): the replay bucket was keyed by the id alone, so a tenant replaying
 * its own used tokens spent the bucket of another GitHub's repository with the same id, whose refused
 * replays then answered 429 and were audited as rate limited under the other repository's id.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { memoryAuditSink } from '../../shared/broker/audit-log.js';
import { JobIdentityChecker } from '../../shared/broker/job-identity.js';
import { directorySource } from '../../shared/broker/manifest-source.js';
import { startBrokerWith, type RunningBroker } from '../../shared/broker/server.js';
import { generateSigningKey } from '../../shared/broker/signing-key.js';
import { MemoryStore } from '../../shared/broker/state/memory.js';
import { createOidcVerifier } from '../../shared/oidc/verify.js';
import { startOidcIssuer, type OidcIssuer } from '../../shared/standins/oidc-issuer.js';
import { AUD, MANIFEST } from '../support/broker.js';
import { runIdOf } from '../support/run-ids.js';

let a: OidcIssuer;
let b: OidcIssuer;
let broker: RunningBroker;

beforeAll(async () => {
  a = await startOidcIssuer({ audience: AUD });
  b = await startOidcIssuer({ audience: AUD });
  const dir = mkdtempSync(join(tmpdir(), 'sw-s9-rate-'));
  mkdirSync(join(dir, 'octo-org/octo-repo/.github'), { recursive: true });
  writeFileSync(join(dir, 'octo-org/octo-repo/.github/access-manifest.yml'), MANIFEST);
  broker = await startBrokerWith(
    {
      url: AUD,
      verifier: createOidcVerifier({ issuers: [a.url, b.url], audience: AUD }),
      store: new MemoryStore(),
      key: await generateSigningKey(),
      manifests: directorySource(dir, { recheckMs: 0 }),
      audit: memoryAuditSink(),
      jobIdentity: new JobIdentityChecker(undefined, { require: false }),
      rateLimit: { limit: 1000, windowSeconds: 60 },
      replayRateLimit: { limit: 2, windowSeconds: 60 },
      adminTokenHashes: [],
    },
    '127.0.0.1:0',
    50,
  );
});
afterAll(async () => {
  await broker.close();
  await a.close();
  await b.close();
});

const exchange = async (oidc: string) => {
  const res = await fetch(`${broker.url}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
      subject_token: oidc,
      subject_token_type: 'urn:ietf:params:oauth:token-type:id_token',
      audience: 'https://hooks.example.internal',
      job: 'publish',
      step: 'notify',
    }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};
const code = (r: { body: Record<string, unknown> }) => String(r.body.error_description).split(':')[0];

describe('replay buckets are per issuer', () => {
  it("one issuer's replays do not spend the bucket of another issuer's repository with the same id", async () => {
    const mine = await a.mint({ run_id: runIdOf('r-a') });
    expect((await exchange(mine)).status).toBe(200);
    for (let i = 0; i < 2; i++) expect(code(await exchange(mine))).toBe('ERR_OIDC_REPLAYED');
    expect(code(await exchange(mine))).toBe('ERR_REPLAY_RATE_LIMITED');
    // The other GitHub's repository 100001: its first refused replay is a replay, not a 429.
    const theirs = await b.mint({ run_id: runIdOf('r-b') });
    expect((await exchange(theirs)).status).toBe(200);
    expect(code(await exchange(theirs))).toBe('ERR_OIDC_REPLAYED');
  });
});
