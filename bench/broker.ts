/**
 * Benchmark: a 256-job matrix bursting at once at the broker over loopback (autocannon, each request
 * carrying its own pre-minted OIDC token), beside the bare crypto cost of one RS256 verify plus one
 * ES256 sign measured in the same run (the ceiling), as a ratio. Service-audience grants, so the
 * broker path is measured without the GitHub stand-in's own cost. Run: npx tsx bench/broker.ts
 * (BENCH_JOBS=256 connections, BENCH_ROUNDS=8 exchanges per connection, BENCH_PAIRS=2000 crypto
 * pairs for the ceiling; tests/bench/smoke.test.ts runs it with tiny ones)
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { SignJWT, jwtVerify, createLocalJWKSet } from 'jose';
import { memoryAuditSink } from '../shared/broker/audit-log.js';
import { directorySource } from '../shared/broker/manifest-source.js';
import { JobIdentityChecker } from '../shared/broker/job-identity.js';
import { startBrokerWith } from '../shared/broker/server.js';
import { generateSigningKey } from '../shared/broker/signing-key.js';
import { MemoryStore } from '../shared/broker/state/memory.js';
import { createOidcVerifier } from '../shared/oidc/verify.js';
import { startOidcIssuer } from '../shared/standins/oidc-issuer.js';

const JOBS = Number(process.env.BENCH_JOBS ?? 256);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 8);
const AUD = 'https://broker.bench.invalid';
const MANIFEST = `version: 1
repository: { name: octo-org/octo-repo, id: 100001, owner-id: 200001 }
workflows:
  release.yml:
    jobs:
      publish:
        credentials:
          - { step: notify, audience: https://hooks.example.internal, scope: [notify:send], ttl: 60 }
`;

const dir = mkdtempSync(join(tmpdir(), 'sw-bench-broker-'));
mkdirSync(join(dir, 'octo-org/octo-repo/.github'), { recursive: true });
writeFileSync(join(dir, 'octo-org/octo-repo/.github/access-manifest.yml'), MANIFEST);
const issuer = await startOidcIssuer({ audience: AUD });
const key = await generateSigningKey();
const broker = await startBrokerWith({
  url: AUD,
  verifier: createOidcVerifier({ issuers: [issuer.url], audience: AUD }),
  store: new MemoryStore(),
  key,
  manifests: directorySource(dir),
  audit: memoryAuditSink(),
  // The bench's tokens carry no check_run_id and there is no App: the job is asserted.
  jobIdentity: new JobIdentityChecker(undefined, { require: false }),
  rateLimit: { limit: 1_000_000, windowSeconds: 60 },
  adminTokenHashes: [],
});

// Every matrix job has its own run (a grant is single-use per run attempt) and its own token; one
// more for the warm-up, so the burst has JOBS x ROUNDS (autocannon refuses fewer than its connections).
const total = JOBS * ROUNDS + 1;
const bodies: string[] = [];
for (let i = 0; i < total; i++) {
  const token = await issuer.mint({ run_id: String(7_000_000_000 + i) });
  bodies.push(
    new URLSearchParams({
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
      subject_token: token,
      subject_token_type: 'urn:ietf:params:oauth:token-type:id_token',
      audience: 'https://hooks.example.internal',
      job: 'publish',
      step: 'notify',
    }).toString(),
  );
}
// Warm the JWKS cache and the manifest read.
await fetch(`${broker.url}/token`, {
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: bodies.pop()!,
});

let next = 0;
const result = await autocannon({
  url: `${broker.url}/token`,
  connections: JOBS,
  amount: bodies.length,
  timeout: 30,
  requests: [
    {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      setupRequest: (req) => ({ ...req, body: bodies[next++ % bodies.length] }),
    },
  ],
});

// The crypto ceiling: one RS256 verify + one ES256 sign, in this process, same run.
const sample = await issuer.mint({ run_id: '6999999999' });
const jwks = createLocalJWKSet(issuer.jwks());
const n = Number(process.env.BENCH_PAIRS ?? 2000);
const t0 = performance.now();
for (let i = 0; i < n; i++) {
  await jwtVerify(sample, jwks, { audience: AUD });
  await new SignJWT({ scope: 'x' })
    .setProtectedHeader({ alg: 'ES256' })
    .setIssuedAt()
    .setExpirationTime('1m')
    .sign(key.active(0).privateKey);
}
const perPair = (performance.now() - t0) / n;
const ceiling = 1000 / perPair;

const ok = result['2xx'];
const rps = ok / (result.duration || 1);
console.log(
  `burst: ${JOBS} concurrent connections (a ${JOBS}-job matrix), ${bodies.length} exchanges, ${ok} granted, ${result.non2xx} refused, ${result.errors} errors`,
);
console.log(
  `broker: ${rps.toFixed(0)} exchanges/s, latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`,
);
console.log(
  `crypto ceiling (1 RS256 verify + 1 ES256 sign, one core): ${perPair.toFixed(3)} ms, ${ceiling.toFixed(0)} pairs/s`,
);
console.log(`ratio broker/ceiling: ${(rps / ceiling).toFixed(2)}`);
await broker.close();
await issuer.close();
rmSync(dir, { recursive: true, force: true });
