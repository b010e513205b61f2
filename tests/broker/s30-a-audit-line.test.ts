/**
 * The file sink's line (brokerAuditLine, shared/broker/audit-log.ts, session 30) is written without
 * first spreading the event into `{ v, time, source, ...event }`. The audit log is a security record:
 * its bytes must be those of the spread form for every event, whatever its keys (ones the three
 * leading fields would shadow, integer-like ones an object orders first, `__proto__`, `toJSON`),
 * values near the bounds, or a line over MAX_AUDIT_LINE. Random seeds.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { AUDIT_EVENT_VERSION } from '../../shared/audit/event.js';
import {
  MAX_AUDIT_LINE,
  SOURCE_JTI,
  boundAuditLine,
  brokerAuditLine,
  fileAuditSink,
  type AuditFileIo,
} from '../../shared/broker/audit-log.js';

const spread = (time: string, event: Record<string, unknown>) =>
  boundAuditLine({ v: AUDIT_EVENT_VERSION, time, source: 'broker', ...event });

const text = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ minLength: 250, maxLength: 260 }),
  fc.string({ unit: 'binary', minLength: 60, maxLength: 70 }),
  fc.constantFrom('x'.repeat(257), 'é'.repeat(1025), '\u2028', 'a\u202Eb', ''),
);
const key = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom('type', 'outcome', 'reason', 'detail', 'details', 'repository', 'job'),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom('v', 'time', 'source', '0', '7', '01', '__proto__', 'toJSON', 'k'.repeat(65)),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
);
const value = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    text,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.array(tie('v'), { maxLength: 35 }),
    fc.dictionary(key, tie('v'), { maxKeys: 35 }),
  ),
})).v;
/** An event: keys in any order, an own `__proto__` as JSON.parse would make it. */
const event = fc.array(fc.tuple(key, value), { maxLength: 10 }).map((entries) => {
  const e: Record<string, unknown> = {};
  for (const [k, v] of entries)
    Object.defineProperty(e, k, { value: v, enumerable: true, writable: true, configurable: true });
  return e;
});
const time = fc.oneof(
  { weight: 5, arbitrary: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()) },
  { weight: 1, arbitrary: text },
);

describe('brokerAuditLine', () => {
  it('writes the bytes of the spread form for any event', () => {
    fc.assert(
      fc.property(time, event, (t, e) => {
        expect(brokerAuditLine(t, e)).toBe(spread(t, e));
      }),
      { numRuns: 3000 },
    );
  });

  it('for a grant as the service writes it (the jti under its symbol, never in the line)', () => {
    const grant = {
      type: 'credential.granted',
      outcome: 'success',
      [SOURCE_JTI]: '7f1c-jti',
      repository: 'octo-org/octo-repo',
      repository_id: '100001',
      workflow: 'release.yml',
      job: 'publish',
      step: 'notify',
      run_id: '1234567890',
      run_attempt: 1,
      event_name: 'push',
      ref: 'refs/heads/main',
      sha: 'a'.repeat(40),
      actor: { login: 'octocat', id: '300001' },
      audience: 'https://hooks.example.internal',
      scope: 'notify:send',
      grant_id: 'g-1',
      ttl: 60,
      expires_at: '2026-12-06T02:40:00.000Z',
      details: { job_identity: 'not-required' },
    };
    const t = '2026-12-06T02:39:00.000Z';
    const line = brokerAuditLine(t, grant);
    expect(line).toBe(spread(t, grant));
    expect(
      line.startsWith(
        '{"v":1,"time":"2026-12-06T02:39:00.000Z","source":"broker","type":"credential.granted"',
      ),
    ).toBe(true);
    expect(line).not.toContain('7f1c-jti');
    // Over the line bound: the bounding copy's cuts, the same as before.
    const long = { ...grant, detail: 'é'.repeat(1000), details: { big: 'x'.repeat(250).split('') } };
    expect(brokerAuditLine(t, long)).toBe(spread(t, long));
    expect(Buffer.byteLength(brokerAuditLine(t, long))).toBeLessThanOrEqual(MAX_AUDIT_LINE);
    // An event with its own toJSON: the spread copy's toJSON answers for the whole line.
    const odd = { type: 'x', toJSON: () => ({ replaced: true }) };
    expect(brokerAuditLine(t, odd)).toBe(spread(t, odd));
  });

  it('is what the file sink appends', async () => {
    let data = '';
    const io: AuditFileIo = {
      persist: async (_p, _d, chunk, entryPending) => {
        data += chunk;
        return { entryPending };
      },
      open: () => Promise.reject(new Error('unused')),
      syncDir: async () => undefined,
    };
    const at = new Date('2026-12-06T02:39:00.000Z');
    const sink = fileAuditSink(
      '/nonexistent/audit.log',
      () => at,
      () => undefined,
      undefined,
      io,
    );
    const e = {
      type: 'credential.refused',
      outcome: 'denied',
      reason: 'ERR_NO_GRANT',
      job: 'a\u2028b',
    } as const;
    sink.write(e);
    await sink.flush();
    expect(data).toBe(`${spread(at.toISOString(), e)}\n`);
  });
});
