/**
 * A budget for audit lines nobody authenticated: refusals before a token verified (bad bodies,
 * unknown routes, forged or malformed tokens, missing admin or introspection credentials) carry no
 * repository, so no per-repository rate limit bounds them; nor does one bound another owner's
 * (ERR_OWNER_NOT_ALLOWED). Past the budget they are counted, not
 * written, and one `AUDIT_SUPPRESSED` line says how many were dropped, so a flood of garbage cannot
 * grow the log faster than `perSecond` bounded lines (plus a burst).
 */
import { monotonicSeconds } from '../clock/steady.js';
import { REASON_CODE } from '../audit/event.js';
import { SOURCE_JTI, type AuditSink } from './audit-log.js';

type Event = Parameters<AuditSink['write']>[0];

/**
 * Also a token of an owner the broker does not serve (`owner-ids`), at verification or after: GitHub
 * signs one for any repository that asks, it is refused before the repository's rate limit and not
 * marked used (nothing is written for strangers), so one such token replayed was an unbounded stream
 * of attributed lines.
 */
const unauthenticated = (e: Event) =>
  e.outcome === 'denied' &&
  ((!e.repository_id && !e.repository) ||
    e.reason === 'ERR_OWNER_NOT_ALLOWED' ||
    // Refused at verification, signed for an owner not served (BrokerService.verify).
    (e.details as { owner_served?: unknown } | undefined)?.owner_served === false);

/** Refusal lines written per repository per minute before they are counted instead (session 24). */
export const DEFAULT_REFUSAL_BUDGET = 120;
const REFUSAL_WINDOW_SECONDS = 60;
/** Distinct tokens remembered per window: past it the count is a lower bound (`tokens_at_least`). */
const MAX_TOKENS_COUNTED = 10_000;

/**
 * A refusal attributed to a served repository (or a rate-limit answer): its line is budgeted per
 * repository. Grants, revocations, job ends, claims twice, dry runs and admin lines never are.
 */
const attributedRefusal = (e: Event) =>
  e.outcome === 'denied' &&
  (e.type === 'credential.refused' || e.type === 'credential.rate_limited') &&
  Boolean(e.repository_id || e.repository);

/** One repository's minute: what was written, and what was counted instead of written. */
interface RefusalWindow {
  start: number;
  written: number;
  suppressed: number;
  byReason: Map<string, number>;
  tokens: Set<string>;
  first?: string;
  last?: string;
  repository?: string;
  repository_id?: string;
}

export function budgetedAuditSink(
  sink: AuditSink,
  opts: {
    perSecond?: number;
    burst?: number;
    now?: () => number;
    /** Attributed refusal lines per repository per minute (default DEFAULT_REFUSAL_BUDGET). */
    refusalsPerMinute?: number;
    /** Wall time of a suppressed refusal, for the summary's first/last (tests inject it). */
    wall?: () => Date;
    /**
     * Sees every event counted instead of written (the broker's metrics): the metered sink sits under
     * this one, so a suppressed refusal was missing from `stepwarden_exchanges_total` too.
     */
    suppressed?: (event: Event) => void;
  } = {},
): AuditSink {
  const rate = opts.perSecond ?? 10;
  const burst = opts.burst ?? 100;
  // A duration: measured on the monotonic clock, so a wall clock stepped back takes no tokens away.
  const now = opts.now ?? monotonicSeconds;
  let tokens = burst;
  let at = now();
  let suppressed = 0;
  /** The count of what was suppressed since the last line, as one line. */
  const emitSuppressed = () => {
    if (suppressed === 0) return;
    sink.write({
      type: 'credential.refused',
      outcome: 'denied',
      reason: 'AUDIT_SUPPRESSED',
      detail: `${suppressed} unauthenticated refusal(s) (or of owners not served) were not written: over the budget of ${rate}/s (burst ${burst})`,
      details: { suppressed },
    });
    suppressed = 0;
  };
  const perMinute = opts.refusalsPerMinute ?? DEFAULT_REFUSAL_BUDGET;
  const wall = opts.wall ?? (() => new Date());
  const windows = new Map<string, RefusalWindow>();
  /** One `audit.refusals_suppressed` line for a window that counted refusals instead of writing them. */
  const summarize = (w: RefusalWindow) => {
    if (w.suppressed === 0) return;
    const byReason = Object.fromEntries([...w.byReason].sort(([a], [b]) => (a < b ? -1 : 1)));
    const capped = w.tokens.size >= MAX_TOKENS_COUNTED;
    sink.write({
      type: 'audit.refusals_suppressed',
      outcome: 'denied',
      reason: 'AUDIT_REFUSALS_SUPPRESSED',
      detail: `${w.suppressed} refusal(s) of this repository were counted, not written: over the budget of ${perMinute} refusal lines per minute (${Object.entries(
        byReason,
      )
        .map(([r, n]) => `${r} ${n}`)
        .join(', ')})`,
      ...(w.repository ? { repository: w.repository } : {}),
      ...(w.repository_id ? { repository_id: w.repository_id } : {}),
      details: {
        suppressed: w.suppressed,
        by_reason: byReason,
        // Distinct credentials presented (OIDC jti, or broker credential's grant id): one stolen token
        // replayed, or many fresh ones.
        [capped ? 'tokens_at_least' : 'tokens']: w.tokens.size,
        first: w.first,
        last: w.last,
        budget_per_minute: perMinute,
      },
    });
  };
  /**
   * `windows` is in order of start (a window is inserted when it starts and deleted when it ends) as
   * long as the clock never went back: the latest start is `lastStart`; `ordered` turns false when a
   * window started before it (an injected clock), until every window is closed.
   */
  let lastStart = -Infinity;
  let ordered = true;
  const opened = (key: string, w: RefusalWindow) => {
    if (windows.size === 0) ordered = true;
    else if (w.start < lastStart) ordered = false;
    lastStart = windows.size === 0 ? w.start : Math.max(lastStart, w.start);
    windows.set(key, w);
  };
  /**
   * Summarizes and forgets every window that ended (all of them at the drain). Every flush (every
   * grant) calls it: in start order, the first window still open ends the walk, so a flush costs the
   * windows it closes, not every repository refused in the last minute (session 30).
   */
  const closeWindows = (all: boolean) => {
    const t = now();
    const sorted = ordered && t >= lastStart;
    for (const [key, w] of windows)
      if (all || t - w.start >= REFUSAL_WINDOW_SECONDS || t < w.start) {
        windows.delete(key);
        summarize(w);
      } else if (sorted) break;
  };
  // A flood that stops still has its count written within a minute, with no later line to carry it.
  const sweeper = setInterval(() => closeWindows(false), REFUSAL_WINDOW_SECONDS * 1000);
  sweeper.unref?.();
  const budgetRefusal = (event: Event): boolean => {
    const key = String(event.repository_id || event.repository);
    const t = now();
    let w = windows.get(key);
    // A window ends after a minute (or when an injected clock goes back): its count is written first.
    if (w && (t - w.start >= REFUSAL_WINDOW_SECONDS || t < w.start)) {
      windows.delete(key);
      summarize(w);
      w = undefined;
    }
    if (!w) {
      w = { start: t, written: 0, suppressed: 0, byReason: new Map(), tokens: new Set() };
      opened(key, w);
    }
    if (w.written < perMinute) {
      w.written++;
      return true;
    }
    opts.suppressed?.(event);
    w.suppressed++;
    const reason = event.reason && REASON_CODE.test(event.reason) ? event.reason : 'UNKNOWN';
    w.byReason.set(reason, (w.byReason.get(reason) ?? 0) + 1);
    // The credential presented: an OIDC token's jti, or the broker credential a chained exchange or an
    // introspection client presented (its grant id, which the refusal line names anyway).
    const details = event.details as { parent_grant_id?: unknown; client_grant_id?: unknown } | undefined;
    const source =
      (event as { [SOURCE_JTI]?: unknown })[SOURCE_JTI] ??
      details?.parent_grant_id ??
      details?.client_grant_id;
    if (typeof source === 'string' && w.tokens.size < MAX_TOKENS_COUNTED) w.tokens.add(source);
    const at = wall().toISOString();
    w.first ??= at;
    w.last = at;
    w.repository ??= event.repository;
    w.repository_id ??= event.repository_id;
    return false;
  };
  const write: AuditSink['write'] = (event) => {
    if (attributedRefusal(event) && !unauthenticated(event)) {
      if (budgetRefusal(event)) return sink.write(event);
      return undefined as ReturnType<AuditSink['write']>;
    }
    if (!unauthenticated(event)) return sink.write(event);
    const t = now();
    // An injected clock that goes back refills nothing and takes nothing away.
    tokens = Math.min(burst, tokens + Math.max(0, t - at) * rate);
    at = t;
    if (tokens < 1) {
      opts.suppressed?.(event);
      suppressed++;
      return undefined as ReturnType<AuditSink['write']>;
    }
    tokens--;
    emitSuppressed();
    return sink.write(event);
  };
  // A flush (every grant waits for one) and the drain at stop also write the count: it used to wait
  // for the next unauthenticated refusal under the budget, so a flood's count was lost at shutdown
  // and could sit unwritten for hours after it.
  const flush: AuditSink['flush'] = () => {
    emitSuppressed();
    closeWindows(false);
    return sink.flush();
  };
  // Always offered: the drain at stop writes every open window's count (the broker's close calls it).
  const drain = () => {
    emitSuppressed();
    closeWindows(true);
    clearInterval(sweeper);
    return sink.drain ? sink.drain() : sink.flush();
  };
  // Everything else the sink offers (durability hooks) passes through unchanged.
  return new Proxy(sink, {
    get: (target, prop, receiver) =>
      prop === 'write'
        ? write
        : prop === 'flush'
          ? flush
          : prop === 'drain'
            ? drain
            : Reflect.get(target, prop, receiver),
  });
}
