import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { Readable } from 'node:stream';
import type { AuditEvent } from '../../shared/audit/event.js';
import { parseAuditLine } from '../../shared/audit/parse-line.js';
import { MAX_LINE_BYTES, streamAuditEvents, type LineProblem } from '../../shared/audit/read.js';
import { exampleTrail } from '../../scripts/audit-example.js';

async function read(chunks: (string | Buffer)[]) {
  const events: AuditEvent[] = [];
  const problems: LineProblem[] = [];
  const lines = await streamAuditEvents(
    [{ name: 'in.jsonl', stream: Readable.from(chunks) }],
    (e) => void events.push(e),
    (p) => void problems.push(p),
  );
  return { events, problems, lines };
}

const trail = exampleTrail();
const text = trail.map((e) => JSON.stringify(e)).join('\n');

describe('reading audit inputs', () => {
  it('reads the same events whatever the chunking, with line numbers for the rest (property)', async () => {
    const input = `${text}\nbroken\n`;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: input.length - 1 }), { maxLength: 20 }),
        async (cuts) => {
          const points = [...new Set(cuts)].sort((a, b) => a - b);
          const chunks = [0, ...points].map((p, i) =>
            Buffer.from(input).subarray(p, points[i] ?? input.length),
          );
          const r = await read(chunks);
          expect(r.events).toHaveLength(trail.length);
          expect(r.problems).toEqual([{ file: 'in.jsonl', line: trail.length + 1, message: 'not JSON' }]);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('splits multi-byte characters across chunks correctly', async () => {
    const e = { ...trail[0]!, detail: 'déploiement 🚀 — ok' };
    const bytes = Buffer.from(`${JSON.stringify(e)}\n`);
    const r = await read([bytes.subarray(0, 150), bytes.subarray(150, 151), bytes.subarray(151)]);
    expect(r.events[0]!.detail).toBe('déploiement 🚀 — ok');
  });

  it('skips a line longer than the limit instead of buffering it, and reads on', async () => {
    const huge = 'x'.repeat(MAX_LINE_BYTES + 10);
    const r = await read([
      `${JSON.stringify(trail[0])}\n`,
      huge.slice(0, 600_000),
      huge.slice(600_000),
      `\n${JSON.stringify(trail[1])}\n`,
    ]);
    expect(r.events).toHaveLength(2);
    expect(r.problems).toEqual([
      { file: 'in.jsonl', line: 2, message: `line longer than ${MAX_LINE_BYTES} bytes, skipped` },
    ]);
  });

  it('skips an over-long line that arrives whole in one chunk too', async () => {
    const r = await read([`${'x'.repeat(MAX_LINE_BYTES + 5)}\n${JSON.stringify(trail[0])}\n`]);
    expect(r.events).toHaveLength(1);
    expect(r.problems.map((p) => p.line)).toEqual([1]);
  });

  it('a last line without a newline counts; CRLF and blank lines are fine', async () => {
    const r = await read([`${JSON.stringify(trail[0])}\r\n\r\n${JSON.stringify(trail[1])}`]);
    expect(r.events).toHaveLength(2);
    expect(r.problems).toEqual([]);
  });
});

describe('one line', () => {
  it('an array of events (one page of an API) is several events; one bad element rejects the line', () => {
    const ok = parseAuditLine(JSON.stringify([trail[0], trail[1]]));
    expect('events' in ok && ok.events.length).toBe(2);
    const bad = parseAuditLine(JSON.stringify([trail[0], { v: 1 }]));
    expect('error' in bad && bad.error).toMatch(/^element 1: /);
  });

  it('says why a line is not an event', () => {
    expect(parseAuditLine('{"hello":1}')).toEqual({
      error: 'neither a stepwarden audit event (no "v") nor a GitHub audit-log entry (no "action")',
    });
    expect(parseAuditLine(JSON.stringify({ ...trail[0], type: 'credential.stolen' }))).toMatchObject({
      error: expect.stringMatching(/^not a stepwarden audit event: type: /),
    });
    expect(parseAuditLine(JSON.stringify({ ...trail[0], v: 2 }))).toMatchObject({
      error: expect.stringMatching(/v: /),
    });
  });

  it('drops fields it does not know (forward compatible) and never passes them on', () => {
    const r = parseAuditLine(JSON.stringify({ ...trail[0], access_token: 'ghs_secret', future_field: 1 }));
    expect('events' in r && Object.keys(r.events[0]!)).not.toContain('access_token');
    expect(JSON.stringify(r)).not.toContain('ghs_secret');
  });

  it('never throws (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (s) => {
        const r = parseAuditLine(s);
        expect('events' in r || 'error' in r).toBe(true);
      }),
    );
  });

  it('says when the last line, without its line end, is not an event (a log still being written)', async () => {
    const line = JSON.stringify(trail[0]);
    const torn = await read([`${text}\n${line.slice(0, Math.floor(line.length / 2))}`]);
    expect(torn.events).toHaveLength(trail.length);
    expect(torn.problems).toHaveLength(1);
    expect(torn.problems[0]!.line).toBe(trail.length + 1);
    expect(torn.problems[0]!.message).toMatch(
      /^not JSON \(the last line has no line end: a writer may still/,
    );
    // A whole last line without its line end is an event; a broken line that is ended is only "not JSON".
    const whole = await read([`${text}\n${line}`]);
    expect(whole.events).toHaveLength(trail.length + 1);
    expect(whole.problems).toEqual([]);
    const ended = await read([`${text}\n${line.slice(0, 10)}\n`]);
    expect(ended.problems).toEqual([{ file: 'in.jsonl', line: trail.length + 1, message: 'not JSON' }]);
  });
});
