/**
 * Broker state behind one interface: a memory implementation for one instance, Redis for several
 * (same behaviour, one shared test suite: tests/broker/store-suite.ts). Nothing here is a secret
 * except `CredentialRecord.secret`, which is kept only so the broker can revoke upstream.
 */

export interface CredentialRecord {
  readonly grantId: string;
  /** sha256 of the credential, for /revoke and /introspect look-ups without keeping it searchable. */
  readonly tokenHash: string;
  readonly kind: 'github' | 'jwt';
  /** GitHub tokens only: needed for DELETE /installation/token. Never logged or returned. */
  readonly secret?: string;
  readonly audience: string;
  readonly scope: string;
  readonly sub: string;
  /** The OIDC issuer of the job: which App (github.com, GHES, ghe.com tenant) revokes upstream. */
  readonly issuer?: string;
  readonly repository: string;
  readonly repositoryId: string;
  readonly workflow: string;
  readonly job: string;
  readonly step: string;
  readonly runId: string;
  readonly runAttempt: string;
  /** The OIDC token's `check_run_id` (the job, or the matrix leg), when GitHub sent one. */
  readonly checkRunId?: string;
  readonly issuedAt: number;
  readonly expiresAt: number;
  revokedAt?: number;
}

export interface LiveFilter {
  readonly repositoryId?: string;
  readonly repository?: string;
  readonly workflow?: string;
  readonly runId?: string;
  readonly runAttempt?: string;
  readonly job?: string;
}

export interface Store {
  /** True the first time `key` is seen within `ttlSeconds` (OIDC `jti` single use). */
  useOnce(key: string, ttlSeconds: number): Promise<boolean>;
  /**
   * True when `useOnce(key)` was already called and has not expired, without using it: lets the
   * broker refuse a replay before it charges the repository's rate limit, and lets a dry run say so.
   * Optional for now: without it a replay is found at `useOnce`, after the rate limit.
   */
  seen?(key: string): Promise<boolean>;
  /** Counts one claim of a grant; resolves to the count including this one. */
  claim(key: string, ttlSeconds: number): Promise<number>;
  /** Gives back a claim that was counted but not issued (upstream failure). */
  unclaim(key: string): Promise<void>;
  put(record: CredentialRecord): Promise<void>;
  get(grantId: string): Promise<CredentialRecord | undefined>;
  byTokenHash(hash: string): Promise<CredentialRecord | undefined>;
  /**
   * Every credential matching every given field, live or not (revoked and expired ones too, while the
   * store keeps them), for the job-end listing of /revoke. Optional: without it /revoke lists the live ones
   * only and says so (`complete: false`).
   */
  list?(filter: LiveFilter): Promise<CredentialRecord[]>;
  /** Live (not revoked, not expired at `now`) credentials matching every given field. */
  live(filter: LiveFilter, now: number): Promise<CredentialRecord[]>;
  /** Credentials whose lifetime has passed but that are not revoked yet (for the sweeper). */
  expired(now: number): Promise<CredentialRecord[]>;
  /** Marks revoked; false when it already was (so a revocation is done and audited once). */
  markRevoked(grantId: string, at: number): Promise<boolean>;
  /** `limit` requests per `windowSeconds` (token bucket): allowed, or the seconds to wait. */
  rateLimit(
    key: string,
    limit: number,
    windowSeconds: number,
    now: number,
  ): Promise<{ allowed: boolean; retryAfter: number }>;
  close(): Promise<void>;
}
