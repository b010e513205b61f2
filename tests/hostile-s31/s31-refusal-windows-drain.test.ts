/**
 * Session 31, attacking session 30's early stop of the refusal windows' walk (53dc6cd,
 * shared/broker/audit-budget.ts: "kept in start order while the clock does not go back") and the
 * audit line written without the spread (02ebc3a, brokerAuditLine): with an injected clock that goes
 * back, stands still, moves by fractions and jumps a minute, windows opened out of order, reasons
 * mixed, flushes anywhere and the drain at the end, no refusal is lost or counted twice (each one is a
 * line of its own or counted in exactly one summary of its repository, by reason), and no line the
 * broker writes carries a key twice. Several random seeds a run (FC_SEED replays one).
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { budgetedAuditSink } from '../../shared/broker/audit-budget.js';
import { brokerAuditLine, memoryAuditSink } from '../../shared/broker/audit-log.js';
import { duplicateMember } from '../../shared/oidc/json-members.js';

const seeds = process.env.FC_SEED
  ? [Number(process.env.FC_SEED)]
  : [0, 1, 2].map(() => Math.floor(Math.random() * 2 ** 31));

const REASONS = ['ERR_NO_GRANT', 'ERR_OIDC_EXPIRED', 'ERR_KILLED'] as const;

type Step = { kind: 'refuse'; repo: number; reason: number; dt: number } | { kind: 'flush'; dt: number };

const dt = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 30 }) },
  { weight: 2, arbitrary: fc.double({ min: 0, max: 2, noNaN: true }) },
  { weight: 1, arbitrary: fc.integer({ min: -120, max: -1 }) },
  { weight: 1, arbitrary: fc.constantFrom(60, 59.999, 60.001, -0.001) },
);
const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('refuse' as const),
      repo: fc.integer({ min: 1, max: 5 }),
      reason: fc.integer({ min: 0, max: 2 }),
      dt,
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('flush' as const), dt }) },
);

async function run(steps: Step[], perMinute: number): Promise<void> {
  const sink = memoryAuditSink();
  const clock = { t: 1000 };
  const b = budgetedAuditSink(sink, { refusalsPerMinute: perMinute, now: () => clock.t });
  const sent = new Map<string, number>();
  for (const s of steps) {
    clock.t += s.dt;
    if (s.kind === 'flush') {
      await b.flush();
      continue;
    }
    const reason = REASONS[s.reason]!;
    const key = `${s.repo} ${reason}`;
    sent.set(key, (sent.get(key) ?? 0) + 1);
    b.write({
      type: 'credential.refused',
      outcome: 'denied',
      reason,
      repository: `o/r${s.repo}`,
      repository_id: String(s.repo),
    });
  }
  await b.drain!();
  // Every refusal: its own line, or counted under its repository and reason in one summary.
  const seen = new Map<string, number>();
  for (const e of sink.events) {
    const line = brokerAuditLine('2026-12-06T00:00:00.000Z', e as Record<string, unknown>);
    expect(duplicateMember(line)).toBeUndefined();
    const parsed = JSON.parse(line) as Record<string, unknown>;
    expect([parsed.v, parsed.source]).toEqual([e.v ?? parsed.v, 'broker']);
    if (e.type === 'credential.refused') {
      const key = `${e.repository_id} ${e.reason}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
    } else if (e.type === 'audit.refusals_suppressed') {
      const d = e.details as { suppressed: number; by_reason: Record<string, number> };
      expect(Object.values(d.by_reason).reduce((a, n) => a + n, 0)).toBe(d.suppressed);
      expect(e.repository).toBe(`o/r${e.repository_id}`);
      for (const [reason, n] of Object.entries(d.by_reason)) {
        const key = `${e.repository_id} ${reason}`;
        seen.set(key, (seen.get(key) ?? 0) + n);
      }
    }
  }
  expect(new Map([...seen].sort())).toEqual(new Map([...sent].sort()));
}

describe('refusal windows with a clock going back, drained (s31)', () => {
  it('lose no refusal and count none twice; no line carries a key twice', async () => {
    for (const seed of seeds)
      await fc.assert(
        fc.asyncProperty(fc.array(step, { maxLength: 120 }), fc.integer({ min: 1, max: 3 }), run),
        {
          numRuns: 300,
          seed,
          examples: [
            // A window opened after the clock went back, then the clock forward past both.
            [
              [
                { kind: 'refuse', repo: 1, reason: 0, dt: 50 },
                { kind: 'refuse', repo: 1, reason: 1, dt: 0 },
                { kind: 'refuse', repo: 2, reason: 0, dt: -40 },
                { kind: 'refuse', repo: 2, reason: 2, dt: 0 },
                { kind: 'flush', dt: 65 },
                { kind: 'refuse', repo: 1, reason: 0, dt: 0 },
                { kind: 'refuse', repo: 1, reason: 0, dt: 0 },
              ],
              1,
            ],
          ],
        },
      );
    // Generous for a loaded 2-core CI machine.
  }, 120_000);
});
