import { describe, expect, it, jest } from '@jest/globals';
import { memoryAuditSink } from '../../shared/broker/audit-log.js';
import { budgetedAuditSink } from '../../shared/broker/audit-budget.js';
import { startStack } from '../support/broker.js';

const garbage = { type: 'credential.refused', outcome: 'denied', reason: 'ERR_BODY' } as const;
const authenticated = { ...garbage, reason: 'ERR_NO_GRANT', repository: 'o/r', repository_id: '1' } as const;

describe('audit budget for unauthenticated refusals', () => {
  it('writes a burst, then counts, then says how many were dropped; authenticated lines always pass', () => {
    const sink = memoryAuditSink();
    let t = 0;
    const b = budgetedAuditSink(sink, { perSecond: 2, burst: 3, now: () => t });
    for (let i = 0; i < 10; i++) b.write(garbage);
    b.write(authenticated);
    expect(sink.events.map((e) => e.reason)).toEqual(['ERR_BODY', 'ERR_BODY', 'ERR_BODY', 'ERR_NO_GRANT']);
    t = 1; // two tokens back
    b.write(garbage);
    expect(sink.events.slice(4).map((e) => [e.reason, e.details?.suppressed])).toEqual([
      ['AUDIT_SUPPRESSED', 7],
      ['ERR_BODY', undefined],
    ]);
  });

  it('a clock stepped back takes no tokens away (session 9: the budget measured durations on the wall clock)', () => {
    const sink = memoryAuditSink();
    let t = 1000;
    const b = budgetedAuditSink(sink, { perSecond: 2, burst: 3, now: () => t });
    b.write(garbage);
    b.write(garbage); // one token left
    t = 0; // stepped back 1000 s: the bucket lost 2000 tokens' worth before
    b.write(garbage);
    expect(sink.events.map((e) => e.reason)).toEqual(['ERR_BODY', 'ERR_BODY', 'ERR_BODY']);
  });

  it('by default the budget runs on the monotonic clock: a wall step back keeps its tokens', () => {
    jest.useFakeTimers({ doNotFake: ['performance', 'nextTick', 'setImmediate'] });
    try {
      const sink = memoryAuditSink();
      const b = budgetedAuditSink(sink, { perSecond: 1, burst: 2 });
      b.write(garbage); // one token left
      jest.setSystemTime(Date.now() - 3600_000); // an NTP step back by an hour
      b.write(garbage);
      expect(sink.events.map((e) => e.reason)).toEqual(['ERR_BODY', 'ERR_BODY']);
    } finally {
      jest.useRealTimers();
    }
  });

  it('passes flush (and anything else the sink offers) through', async () => {
    const sink = memoryAuditSink();
    let flushed = 0;
    const b = budgetedAuditSink({ ...sink, flush: async () => void flushed++ });
    await b.flush();
    expect(flushed).toBe(1);
  });

  it('over HTTP: a flood of garbage grows the log by the budget, not by the flood', async () => {
    const s = await startStack();
    // Fifty at a time: sent one by one, a loaded machine stretched the flood past the 25 s in which
    // the budget refills 250 tokens, and the test then proved nothing (or timed out).
    const one = async () => {
      const r = await fetch(`${s.broker.url}/token`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: 'x',
      });
      await r.arrayBuffer();
      return r.status;
    };
    const t0 = Date.now();
    for (let i = 0; i < 5; i++)
      expect(await Promise.all(Array.from({ length: 50 }, one))).toEqual(Array(50).fill(415));
    const seconds = (Date.now() - t0) / 1000;
    const written = s.audit.events.filter((e) => e.reason === 'ERR_CONTENT_TYPE').length;
    expect(written).toBeLessThanOrEqual(100 + Math.ceil(seconds * 10) + 1);
    expect(written).toBeLessThan(250);
    await new Promise((res) => setTimeout(res, 250));
    await fetch(`${s.broker.url}/nope`, { method: 'POST' }).then((r) => r.arrayBuffer());
    expect(s.audit.events.some((e) => e.reason === 'AUDIT_SUPPRESSED')).toBe(true);
    await s.close();
  }, 60_000);
});
