import { describe, expect, it, jest } from '@jest/globals';
import fc from 'fast-check';
import { memoryAuditSink, SOURCE_JTI } from '../../shared/broker/audit-log.js';
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

describe('per-repository budget for attributed refusals (session 24)', () => {
  const refused = (repository: string, reason: string, jti?: string) =>
    ({
      type: 'credential.refused',
      outcome: 'denied',
      reason,
      repository,
      repository_id: repository === 'o/a' ? '1' : '2',
      ...(jti ? { [SOURCE_JTI]: jti } : {}),
    }) as const;
  const make = () => {
    const sink = memoryAuditSink();
    const clock = { t: 0 };
    const b = budgetedAuditSink(sink, {
      refusalsPerMinute: 3,
      now: () => clock.t,
      wall: () => new Date(Date.UTC(2026, 0, 1, 0, 0, clock.t)),
    });
    return { sink, clock, b };
  };

  it('writes the budget, counts the rest by code and token, one count per minute; other repositories and grants pass', async () => {
    const { sink, clock, b } = make();
    for (let i = 0; i < 5; i++) b.write(refused('o/a', 'ERR_OIDC_EXPIRED', 'j1'));
    b.write(refused('o/a', 'ERR_OIDC_REPLAYED', 'j2'));
    b.write({ type: 'credential.granted', outcome: 'success', repository: 'o/a', repository_id: '1' });
    b.write({ type: 'job.ended', outcome: 'success', repository: 'o/a', repository_id: '1' });
    b.write(refused('o/b', 'ERR_NO_GRANT'));
    expect(sink.events.map((e) => `${e.repository} ${e.reason ?? e.type}`)).toEqual([
      'o/a ERR_OIDC_EXPIRED',
      'o/a ERR_OIDC_EXPIRED',
      'o/a ERR_OIDC_EXPIRED',
      'o/a credential.granted',
      'o/a job.ended',
      'o/b ERR_NO_GRANT',
    ]);
    // A flush within the minute writes no count (it would be a second line that minute).
    clock.t = 30;
    await b.flush();
    expect(sink.events.filter((e) => e.type === 'audit.refusals_suppressed')).toHaveLength(0);
    clock.t = 60;
    await b.flush();
    const [summary, ...more] = sink.events.filter((e) => e.type === 'audit.refusals_suppressed');
    expect(more).toHaveLength(0);
    expect(summary).toMatchObject({
      repository: 'o/a',
      repository_id: '1',
      outcome: 'denied',
      reason: 'AUDIT_REFUSALS_SUPPRESSED',
      details: {
        suppressed: 3,
        by_reason: { ERR_OIDC_EXPIRED: 2, ERR_OIDC_REPLAYED: 1 },
        tokens: 2,
        first: '2026-01-01T00:00:00.000Z',
        last: '2026-01-01T00:00:00.000Z',
        budget_per_minute: 3,
      },
    });
    // The jti went to no line (a symbol key: JSON never writes it).
    expect(JSON.stringify(sink.events)).not.toContain('"j1"');
    // A new minute: the budget is back.
    b.write(refused('o/a', 'ERR_OIDC_EXPIRED'));
    expect(sink.events.at(-1)?.reason).toBe('ERR_OIDC_EXPIRED');
  });

  it('a window rolled over by the next refusal writes its count first; the drain writes an open one', async () => {
    const { sink, clock, b } = make();
    for (let i = 0; i < 4; i++) b.write(refused('o/a', 'ERR_RATE_LIMITED'));
    clock.t = 61;
    for (let i = 0; i < 5; i++) b.write(refused('o/a', 'ERR_RATE_LIMITED'));
    const counts = () =>
      sink.events.filter((e) => e.type === 'audit.refusals_suppressed').map((e) => e.details?.suppressed);
    expect(counts()).toEqual([1]);
    await b.drain!();
    expect(counts()).toEqual([1, 2]);
    // Every refusal is a line or in a count.
    expect(sink.events.filter((e) => e.reason === 'ERR_RATE_LIMITED')).toHaveLength(6);
  });

  it('property: lines per repository and minute never exceed budget + 1, and lines + counts = refusals', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            dt: fc.integer({ min: 0, max: 40 }),
            repo: fc.constantFrom('o/a', 'o/b'),
            reason: fc.constantFrom('ERR_OIDC_EXPIRED', 'ERR_RATE_LIMITED', 'ERR_NO_GRANT'),
          }),
          { maxLength: 60 },
        ),
        async (steps) => {
          const { sink, clock, b } = make();
          for (const s of steps) {
            clock.t += s.dt;
            b.write(refused(s.repo, s.reason));
          }
          await b.drain!();
          for (const repo of ['o/a', 'o/b']) {
            const mine = sink.events.filter((e) => e.repository === repo);
            const lines = mine.filter((e) => e.type === 'credential.refused').length;
            const counted = mine
              .filter((e) => e.type === 'audit.refusals_suppressed')
              .reduce((n, e) => n + Number(e.details?.suppressed), 0);
            expect(lines + counted).toBe(steps.filter((s) => s.repo === repo).length);
            const minutes = Math.floor(clock.t / 60) + 1;
            expect(mine.length).toBeLessThanOrEqual(minutes * (3 + 1));
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('the count names chained credentials too', () => {
  it('a broker credential presented again and again (chained exchange) counts as one token', async () => {
    const sink = memoryAuditSink();
    const b = budgetedAuditSink(sink, { refusalsPerMinute: 1, now: () => 0 });
    for (let i = 0; i < 4; i++)
      b.write({
        type: 'credential.refused',
        outcome: 'denied',
        reason: 'ERR_CHAIN_SCOPE',
        repository: 'o/a',
        repository_id: '1',
        details: { parent_grant_id: 'g-1' },
      });
    await b.drain!();
    expect(sink.events.at(-1)?.details).toMatchObject({ suppressed: 3, tokens: 1 });
  });
});
