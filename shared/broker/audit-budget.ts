/**
 * A budget for audit lines nobody authenticated: refusals before a token verified (bad bodies,
 * unknown routes, forged or malformed tokens, missing admin or introspection credentials) carry no
 * repository, so no per-repository rate limit bounds them; nor does one bound another owner's
 * (ERR_OWNER_NOT_ALLOWED). Past the budget they are counted, not
 * written, and one `AUDIT_SUPPRESSED` line says how many were dropped, so a flood of garbage cannot
 * grow the log faster than `perSecond` bounded lines (plus a burst).
 */
import { monotonicSeconds } from '../clock/steady.js';
import type { AuditSink } from './audit-log.js';

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

export function budgetedAuditSink(
  sink: AuditSink,
  opts: { perSecond?: number; burst?: number; now?: () => number } = {},
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
  const write: AuditSink['write'] = (event) => {
    if (!unauthenticated(event)) return sink.write(event);
    const t = now();
    // An injected clock that goes back refills nothing and takes nothing away.
    tokens = Math.min(burst, tokens + Math.max(0, t - at) * rate);
    at = t;
    if (tokens < 1) {
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
    return sink.flush();
  };
  const drain = sink.drain
    ? () => {
        emitSuppressed();
        return sink.drain!();
      }
    : undefined;
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
