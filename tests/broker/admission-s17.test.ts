/**
 * Exchanges in flight (session 17): the broker works on at most `exchangesInFlight` exchanges at once
 * and the rest wait their turn in arrival order, so a burst does not keep hundreds of half-done
 * exchanges on the heap. Every waiting exchange is still answered, and the write-ahead order holds.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { AuditEvent } from '../../shared/audit/event.js';
import type { AuditSink } from '../../shared/broker/audit-log.js';
import { Admission, EXCHANGES_IN_FLIGHT } from '../../shared/broker/server.js';
import { HOOKS, startStack } from '../support/broker.js';

/** An audit sink whose flushes (the write-ahead point every grant waits for) resolve only when opened. */
function heldAuditSink() {
  const events: Omit<AuditEvent, 'v' | 'time' | 'source'>[] = [];
  let open = false;
  const waiting: (() => void)[] = [];
  const sink: AuditSink = {
    write: (e) => void events.push(e),
    flush: () => (open ? Promise.resolve() : new Promise<void>((ok) => waiting.push(ok))),
  };
  return {
    sink,
    events,
    release() {
      open = true;
      for (const ok of waiting.splice(0)) ok();
    },
  };
}

const granted = (events: { type: string }[]) => events.filter((e) => e.type === 'credential.granted').length;

describe('exchanges in flight', () => {
  it('holds the exchanges past the limit before they start, and answers every one once slots free', async () => {
    const audit = heldAuditSink();
    const s = await startStack({ auditSink: audit.sink, limits: { exchangesInFlight: 2 } });
    try {
      const tokens = await Promise.all(
        Array.from({ length: 5 }, (_, i) => s.issuer.mint({ run_id: `s17-${i}` })),
      );
      const answers = Promise.all(
        tokens.map((t) => s.token(s.exchangeForm(t, { audience: HOOKS, step: 'notify' }))),
      );
      const until = async (done: () => boolean, ms: number) => {
        for (const end = Date.now() + ms; !done() && Date.now() < end;)
          await new Promise((r) => setTimeout(r, 20));
      };
      // Two exchanges reach their audit line and wait there for the held flush; the other three must
      // not start. Without the limit all five are granted (and wait) within a second of the first two.
      await until(() => granted(audit.events) >= 2, 20_000);
      await until(() => granted(audit.events) > 2, 1000);
      expect(granted(audit.events)).toBe(2);
      audit.release();
      const all = await answers;
      expect(all.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
      expect(granted(audit.events)).toBe(5);
      expect(new Set(all.map((r) => r.body.grant_id)).size).toBe(5);
    } finally {
      audit.release();
      await s.close();
    }
  });

  it('a refused or failed exchange gives its slot back (a limit of 1 still answers the next)', async () => {
    const s = await startStack({ limits: { exchangesInFlight: 1 } });
    try {
      const bad = await s.token(s.exchangeForm('not-a-jwt', { audience: HOOKS, step: 'notify' }));
      expect(bad.status).toBe(400);
      const replayed = await s.issuer.mint({ run_id: 's17-replay' });
      const first = await s.token(s.exchangeForm(replayed, { audience: HOOKS, step: 'notify' }));
      expect(first.status).toBe(200);
      const again = await s.token(s.exchangeForm(replayed, { audience: HOOKS, step: 'notify' }));
      expect(again.status).toBe(400);
      const next = await s.token(
        s.exchangeForm(await s.issuer.mint({ run_id: 's17-next' }), { audience: HOOKS, step: 'notify' }),
      );
      expect(next.status).toBe(200);
    } finally {
      await s.close();
    }
  });

  it('the default is a whole number above one; a limit below one or not whole is refused', () => {
    expect(Number.isInteger(EXCHANGES_IN_FLIGHT) && EXCHANGES_IN_FLIGHT > 1).toBe(true);
    for (const bad of [0, -1, 1.5, Number.NaN]) expect(() => new Admission(bad)).toThrow(RangeError);
  });

  it('never lets more than the limit hold a slot, and hands slots out in arrival order (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 200 }),
        async (limit, steps) => {
          const a = new Admission(limit);
          let holding = 0;
          let arrived = 0;
          const started: number[] = [];
          const pending: Promise<void>[] = [];
          for (const acquire of steps) {
            if (acquire) {
              const me = arrived++;
              const wait = a.acquire();
              if (!wait) {
                holding++;
                started.push(me);
              } else
                pending.push(
                  wait.then(() => {
                    holding++;
                    started.push(me);
                  }),
                );
            } else if (holding > 0) {
              holding--;
              a.release();
            }
            // Hand-offs run as microtasks: let them, then check the bound.
            await Promise.resolve();
            await Promise.resolve();
            expect(holding).toBeLessThanOrEqual(limit);
          }
          // Drain: every waiter gets its slot, in the order it asked.
          while (holding > 0) {
            holding--;
            a.release();
            await Promise.resolve();
            await Promise.resolve();
          }
          await Promise.all(pending);
          expect(started).toEqual([...started].sort((x, y) => x - y));
          expect(started).toHaveLength(arrived);
          expect(a.queued).toBe(0);
        },
      ),
      { numRuns: 200 },
    );
  });
});
