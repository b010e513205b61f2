/**
 * GitHub tokens no store holds: minted for an exchange whose record the store refused, whose
 * immediate revocation GitHub then failed, and whose record the store refused once more. Nobody
 * received such a token and no queue owes its revocation, so the instance that minted it, the only
 * holder of the secret, keeps it in memory (bounded) and, with backoff until the token's own
 * expiry, hands it to the store (then the sweep owns it, one line there) or revokes it itself.
 * Not on disk: a spool of live tokens would be a second, unsealed secret store. An instance that
 * stops first loses it; the alarm line written at once says so, by grant id, with the remedy.
 */
import type { AuditSink } from './audit-log.js';
import type { GithubApp } from './providers/github-app.js';
import { credentialFields, freshUntilOf } from './revocation.js';
import type { CredentialRecord, Store } from './state/store.js';

/** A GitHub token lives an hour; a record without the upstream expiry assumes that. */
const GITHUB_TOKEN_LIFETIME = 3600;

export interface UnqueuedOptions {
  readonly store: Store;
  readonly audit: AuditSink;
  readonly now: () => number;
  /** At most this many held at once (default 1000): past it, the alarm says the token is not held. */
  readonly max?: number;
  /** First wait in seconds, doubled per try up to `maxBackoffSeconds` (defaults 2, 60). */
  readonly backoffSeconds?: number;
  readonly maxBackoffSeconds?: number;
}

export class UnqueuedRevocations {
  private readonly held = new Map<string, NodeJS.Timeout>();

  constructor(private readonly o: UnqueuedOptions) {}

  /** How many tokens this instance alone holds now. */
  get size(): number {
    return this.held.size;
  }

  /** Takes a token the store and GitHub both refused just now; audits the alarm at once. */
  hold(record: CredentialRecord, token: string, github: GithubApp): void {
    const now = this.o.now();
    const end = record.upstreamExpiresAt ?? record.issuedAt + GITHUB_TOKEN_LIFETIME;
    const owner = record.repository.split('/', 1)[0]!;
    const taken = this.held.size < (this.o.max ?? 1000) && !this.held.has(record.grantId);
    this.o.audit.write({
      type: 'credential.revocation_pending',
      outcome: 'error',
      reason: 'REVOCATION_UNQUEUED',
      detail: `the store refused this undelivered GitHub token's record and GitHub its revocation: ${
        taken
          ? `only this instance holds it and asks again with backoff until ${new Date(end * 1000).toISOString()}; if it stops first, the token`
          : `this instance already holds ${this.held.size} such tokens and cannot take it; the token`
      } stays valid until then: to end it sooner, suspend the App's installation on ${owner} (PUT /app/installations/{installation_id}/suspended) and lift the suspension after that time`,
      ...credentialFields(record, now),
    });
    if (taken) this.later(record, token, github, end, 0);
  }

  private later(
    record: CredentialRecord,
    token: string,
    github: GithubApp,
    end: number,
    tries: number,
  ): void {
    const wait = Math.min(this.o.maxBackoffSeconds ?? 60, (this.o.backoffSeconds ?? 2) * 2 ** tries);
    const timer = setTimeout(() => void this.retry(record, token, github, end, tries + 1), wait * 1000);
    // A stop does not wait for it: the alarm line already says what a stop leaves.
    timer.unref();
    this.held.set(record.grantId, timer);
  }

  private async retry(
    record: CredentialRecord,
    token: string,
    github: GithubApp,
    end: number,
    tries: number,
  ): Promise<void> {
    // The store first: stored undelivered, the sweep revokes it with its own backoff and line. A put
    // refused because the record is already there (an earlier answer lost) is the same hand-over; one
    // refused because the sweep took the intent meanwhile leaves the token here.
    const stored = await this.o.store.put(record).then(
      () => true,
      async () => (await this.o.store.get(record.grantId).catch(() => undefined)) !== undefined,
    );
    if (stored) return void this.held.delete(record.grantId);
    try {
      await github.revokeToken(token, undefined, freshUntilOf(record, this.o.now()));
    } catch (err) {
      if (this.o.now() < end) return this.later(record, token, github, end, tries);
      this.held.delete(record.grantId);
      this.o.audit.write({
        type: 'credential.revoke_failed',
        outcome: 'error',
        reason: 'ERR_REVOKE_FAILED',
        detail: `upstream revocation failed (attempt ${tries + 1}): ${(err as Error).message}; gave up at the token's expiry upstream (${new Date(end * 1000).toISOString()})`,
        ...credentialFields(record, this.o.now()),
      });
      return;
    }
    this.held.delete(record.grantId);
    this.o.audit.write({
      type: 'credential.revoked',
      outcome: 'success',
      reason: 'REVOKED_AFTER_RETRY',
      attempts: tries + 1,
      ...credentialFields(record, this.o.now()),
    });
  }
}
