/**
 * Revocation that is true: a credential is marked revoked once (whichever instance gets there), and
 * its upstream revocation is retried from the store's queue with backoff until GitHub confirms it or
 * the token dies by itself. Until then every answer says `revocation_pending`; after the last try the
 * audit says `credential.revoke_failed`. One terminal audit event per credential.
 */
import { randomUUID } from 'node:crypto';
import type { AuditSink } from './audit-log.js';
import { descendantsOf } from './chain.js';
import { BrokerRefusal } from './errors.js';
import { freshUntil, type GithubApp } from './providers/github-app.js';
import { jsonLogger, type Logger } from './ops/log.js';
import {
  RecordUnreadable,
  placeFields,
  unreadableIn,
  type CredentialRecord,
  type HeldEntry,
  type Store,
  type TakenBatch,
} from './state/store.js';

/**
 * A credential's audit fields (every revoked and expired line): `{ ...placeFields(r), audience, scope,
 * grant_id, ttl }` by assignment onto placeFields' fresh object, in the same order. That literal
 * opened with the spread of a non-empty object and added keys of its own, V8 11.3's slow path
 * (service.ts exchangeNames), once for every credential at its expiry.
 */
export function credentialFields(r: CredentialRecord, now: number) {
  const f: ReturnType<typeof placeFields> & {
    audience?: string;
    scope?: string;
    grant_id?: string;
    ttl?: number;
  } = placeFields(r);
  f.audience = r.audience;
  f.scope = r.scope;
  f.grant_id = r.grantId;
  f.ttl = Math.max(0, Math.min(now, r.expiresAt) - r.issuedAt);
  return f as Required<typeof f>;
}

export type RevocationStatus = 'done' | 'pending' | 'failed';

export interface Why {
  readonly type: 'credential.revoked' | 'credential.expired';
  readonly reason: string;
  readonly admin?: Record<string, unknown>;
}

export interface RevokerOptions {
  readonly store: Store;
  readonly audit: AuditSink;
  /** The App that minted a record's GitHub token (its issuer's tenant). */
  readonly githubFor: (r: CredentialRecord) => GithubApp | undefined;
  readonly now: () => number;
  /** First retry delay in seconds, doubled per attempt up to `maxBackoffSeconds` (defaults 2, 300). */
  readonly backoffSeconds?: number;
  readonly maxBackoffSeconds?: number;
  /** How long a sweeper holds a due entry before another instance may take it (default 60 s). */
  readonly leaseSeconds?: number;
  /** Operational log (stderr JSON lines): a queued entry this instance cannot read. */
  readonly log?: Logger;
}

/** A GitHub token lives an hour; a record without the upstream expiry assumes that. */
const GITHUB_TOKEN_LIFETIME = 3600;
/**
 * The end of a record's fresh window (github-app.ts FRESH_TOKEN_SECONDS) on Date.now()'s clock, for
 * revokeToken: from `issuedAt`, taken at the gate before the mint call, on the service's clock `now`.
 * Every revocation of a credential's GitHub token passes it (the Revoker's, and the exchange's own
 * of a token it minted and then could not store or deliver).
 */
export function freshUntilOf(r: CredentialRecord, now: number): number {
  return freshUntil(Date.now() + (r.issuedAt - now) * 1000);
}
/** How long a sweeper holds a due entry before another instance may take it. */
const LEASE_SECONDS = 60;
/** takeDue() calls whose answer was lost, kept to be read back (Revoker.lostTakes). */
const MAX_LOST_TAKES = 1000;

export class Revoker {
  /**
   * Per App and installation account (the repository's owner): GitHub answered a rate limit with a
   * wait (Retry-After, or a minute for a secondary limit without one). Until then no revocation of
   * that account calls it: GitHub warns that requests made while limited can get an integration
   * banned, and a sweep of many due tokens would make one each. Not per App (session 30): the call is
   * made with the installation's own token and its limit is the installation's, so one organization
   * exhausting its own limit held every other organization's job-end revocations.
   */
  private readonly limitedUntil = new WeakMap<GithubApp, Map<string, number>>();

  private holdOf(github: GithubApp): Map<string, number> {
    let m = this.limitedUntil.get(github);
    if (!m) this.limitedUntil.set(github, (m = new Map()));
    return m;
  }

  /**
   * Broker JWTs whose batch expiry step (expireAloneMany) failed with no answer, by grant id, with
   * the time it was sent with: the step may have run (the connection dropped after the script) and
   * taken them off the queue, so no sweep would meet them again. The next sweep reads them back first.
   */
  private readonly unanswered = new Map<string, { r: CredentialRecord; at: number }>();
  /**
   * Upstream revocations GitHub confirmed whose settle went unanswered: the line each owes if the
   * settle landed, until when no other instance can have settled it (half the lease, for the time
   * between the lease and this call).
   */
  private readonly unsettled = new Map<string, { line: Parameters<AuditSink['write']>[0]; until: number }>();
  /** takeDue() calls whose answer was lost (it failed, and may have run), by tag, with their expiry time. */
  private readonly lostTakes = new Map<string, number>();
  /** Tags of takes whose lines are written: the next take drops their lists. */
  private written: string[] = [];

  constructor(private readonly o: RevokerOptions) {}

  private fields(r: CredentialRecord) {
    return credentialFields(r, this.o.now());
  }

  /** Marks revoked (false: it already was) and revokes upstream; audits the outcome once. */
  async revoke(
    r: CredentialRecord,
    why: Why,
    opts: { undeliveredOnly?: boolean; cause?: string } = {},
  ): Promise<{ revoked: boolean; status?: RevocationStatus; count: number }> {
    // What the record keeps is who ended it. A descendant ended with its parent is REVOKED_WITH_PARENT,
    // except under the kill switch, which stays an administrator's act down the chain (its audit line
    // still says REVOKED_WITH_PARENT); a parent's TTL_PASSED is not the child's expiry.
    const cause = opts.cause ?? why.reason;
    const mark: { reason: string; undeliveredOnly?: boolean; retryAt?: number } = { reason: cause };
    if (opts.undeliveredOnly) mark.undeliveredOnly = true;
    // The upstream call is leased like a sweep's entry: this instance killed while it is out, another
    // takes the retry a lease later (REVOCATION_INTERRUPTED), not at the credential's deadline.
    if (r.kind === 'github' && r.secret) mark.retryAt = this.o.now() + (this.o.leaseSeconds ?? LEASE_SECONDS);
    const marked = await this.o.store.markRevoked(r.grantId, this.o.now(), mark);
    if (!marked) return { revoked: false, count: 0 };
    const status = await this.upstream(r, 0, why);
    let count = 1;
    // Chained sessions: what was exchanged from this credential dies with it.
    for (const child of await descendantsOf(this.o.store, r, this.o.now()))
      count += (
        await this.revoke(
          child,
          {
            type: 'credential.revoked',
            reason: 'REVOKED_WITH_PARENT',
            admin: { ...(why.admin ?? {}), parent_grant_id: r.grantId },
          },
          { cause: cause === 'REVOKED_BY_ADMIN' ? cause : 'REVOKED_WITH_PARENT' },
        )
      ).count;
    return { revoked: true, status, count };
  }

  /**
   * One upstream attempt. On failure the record goes back in the queue at now + backoff, unless
   * that is past the token's own expiry: then it is given up (the token is dead by then anyway).
   */
  private async upstream(r: CredentialRecord, attempts: number, why?: Why): Promise<RevocationStatus> {
    const started = this.o.now();
    const details = why?.admin ? { details: why.admin } : {};
    const github = this.o.githubFor(r);
    if (r.kind === 'github' && !r.secret && github) {
      // A GitHub token's secret is kept until its revocation is settled: a record without it was
      // changed in the store. Nothing can be revoked upstream; saying "revoked" would be a lie.
      if (await this.o.store.settleRevocation(r.grantId, 'failed'))
        this.o.audit.write({
          type: 'credential.revoke_failed',
          outcome: 'error',
          reason: 'ERR_STATE_SECRET_MISSING',
          detail:
            'the stored record of this GitHub token has lost its sealed secret (changed in the store): it cannot be revoked at GitHub and lives until its own expiry',
          ...this.fields(r),
          ...details,
        });
      return 'failed';
    }
    if (r.kind !== 'github' || !r.secret || !github) {
      if ((await this.o.store.settleRevocation(r.grantId, 'done')) && why)
        this.o.audit.write({
          type: why.type,
          outcome: 'success',
          reason: why.reason,
          ...this.fields(r),
          ...details,
        });
      return 'done';
    }
    const hold = this.holdOf(github);
    const account = r.repository.split('/', 1)[0]!.toLowerCase();
    try {
      const limited = hold.get(account);
      // A wait that passed is forgotten: the map holds only accounts limited now.
      if (limited !== undefined && this.o.now() >= limited) hold.delete(account);
      else if (limited !== undefined)
        throw new Error(
          `not called: GitHub asked this instance to wait until ${new Date(limited * 1000).toISOString()} (rate limit)`,
        );
      await github.revokeToken(r.secret, undefined, freshUntilOf(r, this.o.now()));
    } catch (err) {
      const now = this.o.now();
      const base = this.o.backoffSeconds ?? 2;
      if (err instanceof BrokerRefusal && err.code === 'ERR_GITHUB_RATE_LIMITED' && err.retryAfter)
        hold.set(account, now + err.retryAfter);
      // Never before the wait GitHub asked for.
      const delay = Math.max(
        Math.min(this.o.maxBackoffSeconds ?? 300, base * 2 ** attempts),
        (hold.get(account) ?? 0) - now,
      );
      const deadEnd = r.upstreamExpiresAt ?? r.issuedAt + GITHUB_TOKEN_LIFETIME;
      const message = `upstream revocation failed (attempt ${attempts + 1}): ${(err as Error).message}`;
      if (now + delay >= deadEnd) {
        // Settled meanwhile by another instance (this one paused past its lease): its line stands.
        if (!(await this.o.store.settleRevocation(r.grantId, 'failed')))
          return this.settledElsewhere(r.grantId);
        this.o.audit.write({
          type: 'credential.revoke_failed',
          outcome: 'error',
          reason: 'ERR_REVOKE_FAILED',
          detail: `${message}; gave up after ${attempts + 1} attempt(s): the token expires upstream at ${new Date(deadEnd * 1000).toISOString()}`,
          ...this.fields(r),
          ...details,
        });
        return 'failed';
      }
      const queued = await this.o.store.retryRevocation(r.grantId, now + delay, attempts + 1);
      if (!queued) return this.settledElsewhere(r.grantId);
      // 'again': another instance's failure made it pending first and wrote the one alarm.
      if (attempts === 0 && queued === true)
        this.o.audit.write({
          type: 'credential.revocation_pending',
          outcome: 'error',
          reason: 'REVOCATION_PENDING',
          detail: `${message}; retried with backoff until ${new Date(deadEnd * 1000).toISOString()}`,
          ...this.fields(r),
          details: { ...(why ? { cause: why.reason } : {}), ...(why?.admin ?? {}) },
        });
      return 'pending';
    }
    const line = {
      type: why?.type ?? 'credential.revoked',
      outcome: 'success' as const,
      reason: why?.reason ?? 'REVOKED_AFTER_RETRY',
      ...(attempts > 0 ? { attempts: attempts + 1 } : {}),
      ...this.fields(r),
      ...details,
    };
    const settled = await this.o.store.settleRevocation(r.grantId, 'done').catch((err: unknown) => {
      // GitHub revoked it and the settle's answer is lost (the store past its deadline): landed, the
      // settle took the queue entry and nobody would write this line (session 36). The next sweep
      // reads the record back, while the entry's lease (taken before this call) still keeps every
      // other instance off it, and writes the line if this settle landed (learnUnanswered).
      this.unsettled.set(r.grantId, { line, until: started + (this.o.leaseSeconds ?? LEASE_SECONDS) / 2 });
      throw err;
    });
    if (!settled) return this.settledElsewhere(r.grantId);
    this.o.audit.write(line);
    return 'done';
  }

  /**
   * Another instance settled this revocation while this one's call was out (a sweeper paused past its
   * lease, then resumed): that instance wrote the one terminal line; this answers what it recorded.
   */
  private async settledElsewhere(grantId: string): Promise<RevocationStatus> {
    const r = await this.o.store.get(grantId).catch(() => undefined);
    return r?.revocation === 'failed' ? 'failed' : 'done';
  }

  /**
   * Works the queue: deadlines that passed (revoke, audited `credential.expired`), upstream retries
   * that are due, and write-ahead intents whose record never came (the instance died mid-exchange).
   * Leased per entry in the store, so instances sweeping at once never take the same one.
   */
  async sweep(limit = 100): Promise<number> {
    if (this.unanswered.size || this.unsettled.size || this.lostTakes.size) await this.learnUnanswered();
    const lease = this.o.leaseSeconds ?? LEASE_SECONDS;
    const taken = this.o.store.takeDue ? await this.take(limit, lease) : undefined;
    const ids = taken ? taken.ids : await this.o.store.due(this.o.now(), limit, lease);
    const finished = new Set<string>();
    try {
      return await this.sweepBatch(ids, lease, finished, taken);
    } catch (err) {
      // Stopped on an error (a store past its deadline): what this batch did not finish is due again
      // at the next tick instead of a lease later. The store down: this fails too, and the lease holds.
      await this.o.store.release?.(ids.filter((id) => !finished.has(id))).catch(() => undefined);
      throw err;
    }
  }

  /**
   * The batch taken in one store step (takeDue, session 42): its broker JWTs alone in their run (most
   * of a queue) expired in it, and each given its line here, at once; the rest leased. The take's
   * tag is kept until the answer comes (its answer lost: learnUnanswered reads what it expired), and
   * after its lines are written the next take drops its list.
   */
  private async take(limit: number, lease: number): Promise<TakenBatch & { at: number; tag: string }> {
    const at = this.o.now();
    const tag = randomUUID();
    const written = this.written.splice(0);
    const taken = await this.o.store.takeDue!(at, limit, lease, { at, tag, written }).catch(
      (err: unknown) => {
        // Dropped or not (the step may have run): named again by the next take.
        this.written.unshift(...written);
        // A store down for long fails a take every tick (most never ran): the oldest are let go past
        // a bound, as their lists expire within the hour anyway.
        if (this.lostTakes.size >= MAX_LOST_TAKES) this.lostTakes.delete(this.lostTakes.keys().next().value!);
        this.lostTakes.set(tag, at);
        throw err;
      },
    );
    return { ...taken, at, tag };
  }

  /**
   * A take's lines are queued: its list is dropped (by the next take, or at the stop) only once they
   * are on disk (session 43). Before, the next take dropped it a second later whatever the log said:
   * with the log failing, the lines were only in this process, and a kill lost them for good. A log
   * that never takes them leaves the list to be adopted by another instance past its lease (its
   * lines then written there; here too, if this log heals: twice rather than never).
   */
  private writtenOnceDurable(tag: string): void {
    void this.o.audit.flush().then(
      () => void this.written.push(tag),
      () => undefined,
    );
  }

  /** At the stop, once the audit log is flushed: the lists of takes whose lines are on disk, dropped. */
  async dropWritten(): Promise<void> {
    const tags = this.written.splice(0);
    await this.o.store.dropTaken?.(tags);
  }

  /**
   * Owes lines only while no other instance can have adopted the take: its answer (or read-back)
   * came within half the lease. Later, the lines are left to the adopter (session 43).
   */
  private stillOwn(since: number, lease: number): boolean {
    return this.o.now() - since < lease / 2;
  }

  /**
   * `finished`: the entries of the batch that are done with (release() gives back the rest).
   * `taken`: the batch as takeDue() took it (the broker JWTs it expired are given their lines).
   */
  private async sweepBatch(
    ids: readonly string[],
    lease: number,
    finished: Set<string>,
    taken?: TakenBatch & { at: number; tag: string },
  ): Promise<number> {
    const store = this.o.store;
    let n = 0;
    // The entries a batch step left (not alone after all): their own path does not ask again.
    const tried = new Set<string>();
    if (taken) {
      // An answer that came later than half the lease: the take may be adopted by now, its lines left
      // to the adopter (written here too, they could be twice).
      const own = this.stillOwn(taken.at, lease);
      let owed = false;
      taken.held.forEach((h, i) => {
        const id = ids[i]!;
        if (!taken.expired[i]) return void tried.add(id);
        finished.add(id);
        if (!own) return;
        this.takenLine(id, h, taken.at);
        owed = true;
        n++;
      });
      // Orphans of an instance that died between its take and its lines: each record says when its
      // take expired it (revokedAt), the time its line carries.
      if (own)
        for (const { id, held } of taken.adopted ?? []) {
          const r = 'record' in held ? held.record : undefined;
          if (r && (r.revokedReason !== 'TTL_PASSED' || r.revocation !== 'done')) continue;
          this.takenLine(id, held, r?.revokedAt ?? taken.at);
          owed = true;
          n++;
        }
      if (owed) this.writtenOnceDurable(taken.tag);
    }
    // Without takeDue: the batch held in one store step, each record read beside its lease, and the
    // broker JWTs alone in their run expired in a second one, at once: two round trips for them all
    // instead of two or three each, one after the other (session 34). What is left is worked below,
    // one entry at a time, each held again just before (its lease may have run out meanwhile).
    const held =
      !taken && ids.length > 0 && store.holdMany && store.expireAloneMany
        ? await store.holdMany(ids, lease)
        : undefined;
    if (held) n += await this.expireHeld(ids, held, finished, tried);
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      if (finished.has(id)) continue;
      // Not held in the batch's step: another instance (or a deliver, a retry) has it.
      if (held && !held[i]) {
        finished.add(id);
        continue;
      }
      // The batch's lease may have run out while earlier entries were worked (GitHub slow): then
      // another instance has this one, and working it here too would revoke and audit it twice.
      if (store.hold && !(await store.hold(id, lease))) {
        finished.add(id);
        continue;
      }
      try {
        n += await this.sweepOne(id, tried.has(id));
      } catch (err) {
        // One entry that cannot be read must not stop the sweep of the others (it used to reject
        // the whole batch, silently, every time its lease came back). A store that is down still does.
        // Through the service's fail-closed store it arrives as a 503 refusal; before session 23 that
        // stopped every sweep at this entry for ever (each tick released it and stopped again).
        const unreadable = unreadableIn(err);
        if (unreadable) n += await this.unreadable(unreadable);
        // A key of the wrong type (a stray write over the run's index) fails this entry only: logged,
        // and the batch goes on (what this entry did not finish, its lease brings back).
        else if (wrongType(err))
          (this.o.log ?? jsonLogger()).log(
            'error',
            'a queued revocation met a key of the wrong type in the store; the sweep goes on without it',
            {
              code: 'ERR_STATE_WRONGTYPE',
              grant_id: id,
              detail: err.message.slice(0, 200),
            },
          );
        else throw err;
      }
      finished.add(id);
    }
    return n;
  }

  /**
   * The held entries that are broker JWTs alone in their run, due at their deadline (what sweepOne
   * gives expireAlone), expired in one store step right after the hold step, under the lease it
   * renewed; audited each as sweepOne would. The others (and any the step left: it decides each
   * again, atomically) are left to the per-entry path.
   */
  private async expireHeld(
    ids: readonly string[],
    held: readonly (HeldEntry | undefined)[],
    finished: Set<string>,
    tried: Set<string>,
  ): Promise<number> {
    const alone: { grantId: string; runId: string; r: CredentialRecord }[] = [];
    held.forEach((h, i) => {
      const r = h && 'record' in h ? h.record : undefined;
      if (r && r.deliverBy === undefined && r.revokedAt === undefined && r.kind !== 'github' && !r.secret)
        alone.push({ grantId: ids[i]!, runId: r.runId, r });
    });
    if (alone.length === 0) return 0;
    const now = this.o.now();
    const done = await this.o.store.expireAloneMany!(alone, now).catch((err: unknown) => {
      for (const { grantId, r } of alone) this.unanswered.set(grantId, { r, at: now });
      throw err;
    });
    let n = 0;
    alone.forEach(({ grantId, r }, i) => {
      if (!done[i]) {
        tried.add(grantId);
        return;
      }
      this.expiredLine(r, now);
      finished.add(grantId);
      n++;
    });
    return n;
  }

  private expiredLine(r: CredentialRecord, at: number): void {
    this.o.audit.write({
      type: 'credential.expired',
      outcome: 'success',
      reason: 'TTL_PASSED',
      ...credentialFields(r, at),
    });
  }

  /**
   * The line of an entry a take expired, its record read in the step; one that does not decode
   * (changed in the store) still gets its one line, with the id alone.
   */
  private takenLine(id: string, h: HeldEntry, at: number): void {
    const r = 'record' in h ? h.record : undefined;
    if (r) this.expiredLine(r, at);
    else
      this.o.audit.write({
        type: 'credential.expired',
        outcome: 'success',
        reason: 'TTL_PASSED',
        grant_id: id,
      });
  }

  /**
   * The entries of a batch expiry step whose answer was lost: each one the step settled (expired at
   * the very time it was sent with: no other sweep can have, as this instance held the entry's
   * lease, and a later sweep's time is a lease later) gets its line now, once. One it did not
   * settle is still queued under that lease and is swept as usual. A store still down fails this
   * sweep before it takes anything new, and the next one asks again.
   */
  private async learnUnanswered(): Promise<void> {
    for (const [id, { line, until }] of this.unsettled) {
      // Past it, another instance may have taken the entry, revoked and lined it: no line from here.
      const now =
        this.o.now() < until
          ? await this.o.store.get(id).catch((err: unknown) => {
              if (unreadableIn(err) || wrongType(err)) return undefined;
              throw err;
            })
          : undefined;
      this.unsettled.delete(id);
      if (now?.revocation === 'done') this.o.audit.write(line);
    }
    for (const [tag, at] of this.lostTakes) {
      // Every record read before any line is written: a store that fails half-way leaves the take
      // to the next sweep whole, and no line is written twice.
      const expired: CredentialRecord[] = [];
      // A list replaced by a key of another type (a stray write) must not stop every sweep from here on.
      // Read back and leased to this instance again (an adopter takes it only past that lease).
      const lease = this.o.leaseSeconds ?? LEASE_SECONDS;
      const claimed = this.o.now();
      const ids = await this.o.store.takenBy!(tag, lease).catch((err: unknown) => {
        if (wrongType(err)) return [];
        throw err;
      });
      for (const id of ids) {
        const r = await this.o.store.get(id).catch((err: unknown) => {
          if (unreadableIn(err) || wrongType(err)) return undefined;
          throw err;
        });
        if (r?.revokedAt === at && r.revokedReason === 'TTL_PASSED' && r.revocation === 'done')
          expired.push(r);
      }
      this.lostTakes.delete(tag);
      // The reads took past half the lease: the list may be adopted by now, its lines left there.
      if (!this.stillOwn(claimed, lease)) continue;
      for (const r of expired) this.expiredLine(r, at);
      if (ids.length > 0) this.writtenOnceDurable(tag);
    }
    for (const [id, { r, at }] of this.unanswered) {
      // A record that can no longer be read (changed in the store) is not a store down: left out,
      // or it would stop every sweep from here on.
      const now = await this.o.store.get(id).catch((err: unknown) => {
        if (unreadableIn(err) || wrongType(err)) return undefined;
        throw err;
      });
      this.unanswered.delete(id);
      if (now?.revokedAt === at && now.revokedReason === 'TTL_PASSED' && now.revocation === 'done')
        this.expiredLine(r, at);
    }
  }

  /**
   * A queued credential whose record cannot be read. Sealed under a key this instance lacks, or
   * written in a newer store format: left queued for an instance that has the key or the version
   * (logged). Changed in the store: marked revoked (introspection
   * inactive), given up, audited `credential.revoke_failed` once, with its descendants revoked.
   */
  private async unreadable(err: RecordUnreadable): Promise<number> {
    const log = this.o.log ?? jsonLogger();
    if (err.elsewhere) {
      log.log(
        'error',
        err.code === 'ERR_STATE_RECORD_NEWER'
          ? 'a queued revocation was written by a newer stepwarden in a store format this instance does not read; left to an instance of that version'
          : 'a queued revocation is sealed under a key this instance does not hold; left to another instance',
        {
          code: err.code,
          grant_id: err.grantId,
        },
      );
      return 0;
    }
    log.log('error', 'a queued revocation has an unreadable record; given up', {
      code: err.code,
      grant_id: err.grantId,
    });
    const id = err.grantId;
    const first = await this.o.store.markRevoked(id, this.o.now()).catch(() => true);
    await this.o.store.settleRevocation(id, 'failed');
    const r = err.partial;
    if (first)
      this.o.audit.write({
        type: 'credential.revoke_failed',
        outcome: 'error',
        reason: err.code,
        detail: `${err.message}: it cannot be revoked at GitHub (a GitHub token lives until its own expiry); marked revoked, taken off the queue`,
        ...(r ? this.fields(r) : { grant_id: id }),
      });
    if (r)
      for (const child of await descendantsOf(this.o.store, r, this.o.now()))
        await this.revoke(child, {
          type: 'credential.revoked',
          reason: 'REVOKED_WITH_PARENT',
          admin: { parent_grant_id: id },
        });
    return 1;
  }

  /**
   * One due entry; 1 when it was revoked (or its intent taken). `aloneTried`: expireAloneMany
   * already found it not alone (sweepBatch), so expireAlone is not asked again.
   */
  private async sweepOne(id: string, aloneTried = false): Promise<number> {
    let n = 0;
    let r = await this.o.store.get(id);
    if (!r) {
      // Taken atomically: either the exchange stored its record first (then it is handled below),
      // or its put will fail (IntentGone) and it delivers nothing. Nobody received a credential, so
      // the claim comes back in the same store step (the step can retry): a sweeper killed after it
      // leaves nothing counted.
      const intent = await this.o.store.abandon(id);
      if (intent) {
        this.o.audit.write({
          type: 'credential.revoked',
          outcome: 'error',
          reason: 'INTENT_ABANDONED',
          detail:
            'an instance stopped between the write-ahead intent and storing the credential; nothing was returned to the client (a GitHub token minted in that window was never received by the broker, so it cannot be revoked early: it dies in its hour)',
          ...placeFields(intent),
          audience: intent.audience,
          grant_id: intent.grantId,
        });
        n++;
        await this.o.store.settleRevocation(id, 'failed');
        return n;
      }
      r = await this.o.store.get(id);
      if (!r) {
        await this.o.store.settleRevocation(id, 'failed');
        return n;
      }
      // Stored and delivered in one step (putDelivered) between the two reads: it was due only as an
      // intent, and its own deadline is queued; revoking it now would take a delivered credential
      // early and audit it as expired.
      if (r.deliverBy === undefined && r.revokedAt === undefined && r.expiresAt > this.o.now()) return n;
    }
    if (r.deliverBy !== undefined && r.revokedAt === undefined) {
      // Stored but never delivered (the instance died before answering): revoke it upstream now.
      const done = await this.revoke(
        r,
        { type: 'credential.revoked', reason: 'EXCHANGE_INTERRUPTED' },
        { undeliveredOnly: true },
      );
      if (done.revoked) n++;
      return n;
    }
    if (r.revokedAt === undefined) {
      const why = { type: 'credential.expired', reason: 'TTL_PASSED' } as const;
      // A broker JWT (nothing to revoke upstream) alone in its run (no descendants): one store step
      // instead of markRevoked, the run's live() and settleRevocation; the same state and line.
      if (
        r.kind !== 'github' &&
        !r.secret &&
        !aloneTried &&
        (await this.o.store.expireAlone?.(id, r.runId, this.o.now()))
      ) {
        this.o.audit.write({ type: why.type, outcome: 'success', reason: why.reason, ...this.fields(r) });
        return n + 1;
      }
      if ((await this.revoke(r, why)).revoked) n++;
    } else if (r.revocation === 'done' || r.revocation === 'failed') {
      await this.o.store.settleRevocation(id, r.revocation);
    } else if (r.revocation === 'pending') {
      await this.upstream(r, r.revokeAttempts ?? 0);
    } else {
      // Marked revoked by an instance that stopped (SIGKILL, OOM) before its upstream call's outcome
      // was recorded: no line says how it ended yet, so this one says what happened. Audited as a
      // retry ("REVOKED_AFTER_RETRY") it read as the end of a revocation_pending that never was.
      await this.upstream(r, r.revokeAttempts ?? 0, {
        type: 'credential.revoked',
        reason: 'REVOCATION_INTERRUPTED',
      });
    }
    return n;
  }
}

/** A store key of another type than the broker's (a stray write): fails its entry, not the sweep. */
const wrongType = (err: unknown): err is Error => err instanceof Error && /\bWRONGTYPE\b/.test(err.message);
