/** Credential records for store-level tests. */
import { randomBytes, randomUUID } from 'node:crypto';
import type { CredentialRecord } from '../../shared/broker/state/store.js';

const now = () => Math.floor(Date.now() / 1000);

/** A broker JWT alone in its run whose expiry passed a minute ago: due now. */
export function expiredJwt(): CredentialRecord {
  const runId = `s33-${randomUUID()}`;
  return {
    grantId: randomUUID(),
    tokenHash: randomBytes(32).toString('hex'),
    kind: 'jwt',
    repository: 'octo-org/octo-repo',
    repositoryId: '100001',
    workflow: 'release.yml',
    job: 'publish',
    step: 'notify',
    runId,
    runAttempt: '1',
    audience: 'https://hooks.example.internal',
    scope: 'notify:send',
    sub: 'repo:octo-org/octo-repo:ref:refs/heads/main',
    issuer: 'https://token.actions.githubusercontent.com',
    issuedAt: now() - 120,
    expiresAt: now() - 60,
    claimKey: `claim:100001:${runId}:1:release.yml:publish:notify:https://hooks.example.internal`,
  };
}
