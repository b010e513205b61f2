/**
 * boundAuditLine serializes an event that is already within the bounds without copying it: the
 * bytes must be those of the bounding copy (the audit log is a security record and its readers and
 * hashes see these bytes). The reference below is the copy-always algorithm it replaced.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  MAX_AUDIT_DETAIL,
  MAX_AUDIT_FIELD,
  MAX_AUDIT_LINE,
  auditJson,
  boundAuditLine,
} from '../../shared/broker/audit-log.js';

function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 14)}…[${s.length}ch]`;
}
function boundValue(v: unknown, depth: number): unknown {
  if (typeof v === 'string') return clip(v, MAX_AUDIT_FIELD);
  if (v === null || typeof v !== 'object') return v;
  if (depth >= 4) return '[nested]';
  if (Array.isArray(v)) return v.slice(0, 32).map((x) => boundValue(x, depth + 1));
  const out: Record<string, unknown> = {};
  const keys = Object.keys(v);
  for (let i = 0; i < keys.length && i < 32; i++)
    out[clip(keys[i]!, 64)] = boundValue((v as Record<string, unknown>)[keys[i]!], depth + 1);
  return out;
}
function reference(event: Record<string, unknown>): string {
  const bounded: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(event))
    bounded[k] = k === 'detail' && typeof v === 'string' ? clip(v, MAX_AUDIT_DETAIL) : boundValue(v, 0);
  let line = auditJson(bounded);
  if (line.length * 3 <= MAX_AUDIT_LINE || Buffer.byteLength(line) <= MAX_AUDIT_LINE) return line;
  if (bounded.details !== undefined) {
    bounded.details = { truncated: true };
    line = auditJson(bounded);
  }
  if (Buffer.byteLength(line) > MAX_AUDIT_LINE && typeof bounded.detail === 'string') {
    bounded.detail = clip(bounded.detail, MAX_AUDIT_FIELD);
    line = auditJson(bounded);
  }
  for (const k of Object.keys(bounded).reverse()) {
    if (Buffer.byteLength(line) <= MAX_AUDIT_LINE) break;
    if (['v', 'time', 'source', 'type', 'outcome', 'reason'].includes(k)) continue;
    delete bounded[k];
    line = auditJson(bounded);
  }
  return line;
}

// Strings near the bounds (255-257, 1023-1025 characters), multi-byte ones, and keys near 64.
const text = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ minLength: 250, maxLength: 260 }),
  fc.string({ unit: 'binary', minLength: 60, maxLength: 70 }),
  fc.constantFrom('x'.repeat(256), 'x'.repeat(257), 'é'.repeat(1024), 'é'.repeat(1025), '__proto__'),
);
const key = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.constantFrom('k'.repeat(64), 'k'.repeat(65), '__proto__', 'toString'),
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

describe('boundAuditLine: an event within bounds is serialized as it is, with the bytes of the bounding copy', () => {
  it('equals the copy-always reference for any event (property)', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.oneof(key, fc.constantFrom('detail', 'details', 'type', 'reason')), value, {
          maxKeys: 12,
        }),
        fc.option(fc.oneof(text, fc.constantFrom('d'.repeat(1024), 'd'.repeat(1025), 'é'.repeat(2000)))),
        (event, detail) => {
          const e = {
            v: 1,
            time: '2026-01-01T00:00:00.000Z',
            source: 'broker',
            ...event,
            ...(detail !== null ? { detail } : {}),
          };
          expect(boundAuditLine(e)).toBe(reference(e));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('a Date, a class instance or an own __proto__ key takes the bounding copy, as before', () => {
    const proto = JSON.parse('{"__proto__": {"polluted": 1}, "a": 1}') as Record<string, unknown>;
    class Thing {
      readonly x = 1;
      toJSON() {
        return 'thing';
      }
    }
    for (const details of [new Date(0), new Thing(), proto, { nested: proto }, [new Date(0)]]) {
      const e = { v: 1, type: 'credential.granted', details };
      expect(boundAuditLine(e)).toBe(reference(e));
    }
    const top = JSON.parse('{"v": 1, "__proto__": {"type": "x"}}') as Record<string, unknown>;
    expect(boundAuditLine(top)).toBe(reference(top));
  });

  it('a deep or wide value is bounded, not serialized as it is', () => {
    const deep = { a: { b: { c: { d: { e: 'too deep' } } } } };
    const wide = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${i}`, i]));
    expect(boundAuditLine({ details: deep })).toBe('{"details":{"a":{"b":{"c":{"d":"[nested]"}}}}}');
    expect(
      Object.keys((JSON.parse(boundAuditLine({ details: wide })) as { details: object }).details),
    ).toHaveLength(32);
    expect(boundAuditLine({ step: 'x'.repeat(300) })).toBe(reference({ step: 'x'.repeat(300) }));
  });

  it('a line holds no raw line break, bidirectional or invisible character, and reads back the same value (property)', () => {
    // Session 19: JSON.stringify left U+2028/U+2029, NEL and bidi overrides raw in the file.
    const hostile = fc.constantFrom(
      '\u2028',
      '\u2029',
      '\u0085',
      '\u202e',
      '\u2066',
      '\u200b',
      '\ufeff',
      '\u{e0001}',
      '\u00a0',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ maxLength: 4 }), hostile), { maxLength: 40 }), (parts) => {
        const value = parts.join('');
        const line = boundAuditLine({ v: 1, type: 'job.ended', step: value, detail: value });
        expect(line).not.toMatch(
          // eslint-disable-next-line no-control-regex
          /[\u0000-\u001f\u007f-\u00a0\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]|\u{e0001}/u,
        );
        const back = JSON.parse(line) as Record<string, unknown>;
        if (value.length <= MAX_AUDIT_FIELD) expect([back.step, back.detail]).toEqual([value, value]);
      }),
      { numRuns: 500 },
    );
  });
});
