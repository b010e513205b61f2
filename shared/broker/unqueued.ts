/**
 * GitHub tokens no store holds: minted for an exchange whose record the store refused, whose
 * immediate revocation GitHub then failed, and whose record the store refused once more. Nobody
 * received such a token and no queue owes its revocation, so the instance that minted it, the only
 * holder of the secret, keeps it in memory (bounded) and, with backoff until the token's own
 * expiry, hands it to the store (then the sweep owns it, one line there) or revokes it itself.
 * Not on disk: a spool of live tokens would be a second, unsealed secret store. A stop gives each
 * one more try of both within the drain's deadline (drain()); one still held then is lost with the
 * instance, and a line of its own says so, by grant id, with the remedy (session 35).
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
  private readonly held = new Map<string, Held>();
  /** Set by drain(): nothing more is taken or scheduled. */
  private stopping = false;

  constructor(private readonly o: UnqueuedOptions) {}

  /** How many tokens this instance alone holds now. */
  get size(): number {
    return this.held.size;
  }

  /** Takes a token the store and GitHub both refused just now; audits the alarm at once. */
  hold(record: CredentialRecord, token: string, github: GithubApp): void {
    const now = this.o.now();
    const end = record.upstreamExpiresAt ?? record.issuedAt + GITHUB_TOKEN_LIFETIME;
    const taken = !this.stopping && this.held.size < (this.o.max ?? 1000) && !this.held.has(record.grantId);
    this.o.audit.write({
      type: 'credential.revocation_pending',
      outcome: 'error',
      reason: 'REVOCATION_UNQUEUED',
      detail: `the store refused this undelivered GitHub token's record and GitHub its revocation: ${
        taken
          ? `only this instance holds it and asks again with backoff until ${iso(end)}; if it stops first, the token`
          : this.stopping
            ? 'this instance is stopping and cannot keep it; the token'
            : `this instance already holds ${this.held.size} such tokens and cannot take it; the token`
      } ${remedy(record, end)}`,
      ...credentialFields(record, now),
    });
    if (!taken) return;
    const h: Held = { record, token, github, end, tries: 0 };
    this.held.set(record.grantId, h);
    this.later(h);
  }

  /**
   * The stop: each held token gets one more try (the store, then GitHub; a try already out is waited
   * for first) within `ms`; each still held after that is dropped with a line naming its grant and the
   * remedy. Nothing is scheduled, asked or written for them afterwards.
   */
  async drain(ms: number): Promise<void> {
    this.stopping = true;
    const all = [...this.held.values()];
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled(all.map((h) => this.lastTry(h))),
      new Promise((r) => (timer = setTimeout(r, ms))),
    ]);
    clearTimeout(timer);
    for (const h of all) {
      if (!this.owns(h)) continue;
      this.held.delete(h.record.grantId);
      this.o.audit.write({
        type: 'credential.revoke_failed',
        outcome: 'error',
        reason: 'REVOCATION_UNQUEUED_STOPPED',
        detail: `this instance stopped while it alone held this undelivered GitHub token (one more try at the store and at GitHub during the stop failed or ran out of time): nobody holds it now and the token ${remedy(h.record, h.end)}`,
        ...credentialFields(h.record, this.o.now()),
      });
    }
  }

  private owns(h: Held): boolean {
    return this.held.get(h.record.grantId) === h;
  }

  private async lastTry(h: Held): Promise<void> {
    clearTimeout(h.timer);
    await h.busy;
    if (!this.owns(h)) return;
    h.tries++;
    const out = await this.attempt(h);
    if (this.owns(h) && !(out instanceof Error)) this.ended(h, out);
  }

  private later(h: Held): void {
    if (this.stopping) return;
    const wait = Math.min(this.o.maxBackoffSeconds ?? 60, (this.o.backoffSeconds ?? 2) * 2 ** h.tries);
    h.timer = setTimeout(() => {
      h.timer = undefined;
      h.busy = this.retry(h).finally(() => (h.busy = undefined));
    }, wait * 1000);
    // Not what keeps a stopping process alive: drain() ends them.
    h.timer.unref();
  }

  /**
   * The store first: stored undelivered, the sweep revokes it with its own backoff and line. A put
   * refused because the record is already there (an earlier answer lost) is the same hand-over; one
   * refused because the sweep took the intent meanwhile leaves the token here. Then GitHub.
   */
  private async attempt(h: Held): Promise<'stored' | 'revoked' | Error> {
    const { record } = h;
    const stored = await this.o.store.put(record).then(
      () => true,
      async () => (await this.o.store.get(record.grantId).catch(() => undefined)) !== undefined,
    );
    if (stored) return 'stored';
    return h.github.revokeToken(h.token, undefined, freshUntilOf(record, this.o.now())).then(
      () => 'revoked' as const,
      (err: unknown) => (err instanceof Error ? err : new Error(String(err))),
    );
  }

  /** Handed to the store (its sweep writes the line) or revoked here (this line). */
  private ended(h: Held, how: 'stored' | 'revoked'): void {
    this.held.delete(h.record.grantId);
    if (how === 'revoked')
      this.o.audit.write({
        type: 'credential.revoked',
        outcome: 'success',
        reason: 'REVOKED_AFTER_RETRY',
        attempts: h.tries + 1,
        ...credentialFields(h.record, this.o.now()),
      });
  }

  private async retry(h: Held): Promise<void> {
    h.tries++;
    const out = await this.attempt(h);
    // Given up by a drain that ran out of time while this try was out: its line is written.
    if (!this.owns(h)) return;
    if (!(out instanceof Error)) return this.ended(h, out);
    if (this.o.now() < h.end) return this.later(h);
    this.held.delete(h.record.grantId);
    this.o.audit.write({
      type: 'credential.revoke_failed',
      outcome: 'error',
      reason: 'ERR_REVOKE_FAILED',
      detail: `upstream revocation failed (attempt ${h.tries + 1}): ${out.message}; gave up at the token's expiry upstream (${iso(h.end)})`,
      ...credentialFields(h.record, this.o.now()),
    });
  }
}

interface Held {
  readonly record: CredentialRecord;
  readonly token: string;
  readonly github: GithubApp;
  /** The token's expiry upstream, in seconds. */
  readonly end: number;
  /** Tries made after the first refusal. */
  tries: number;
  timer?: NodeJS.Timeout | undefined;
  /** A retry out now (drain() waits for it before its own try). */
  busy?: Promise<void> | undefined;
}

const iso = (t: number) => new Date(t * 1000).toISOString();

/** Until when a token nobody holds stays valid and what ends it sooner (one wording for every line). */
function remedy(record: CredentialRecord, end: number): string {
  const owner = record.repository.split('/', 1)[0]!;
  return `stays valid until ${iso(end)}: to end it sooner, suspend the App's installation on ${owner} (PUT /app/installations/{installation_id}/suspended) and lift the suspension after that time`;
}
