/**
 * Attacking session 21's sweep-error redaction (session 22). describeSweepError cuts credentials out of
 * the error text it logs; its net required a word boundary before `ghs_`/`eyJ` and a literal `Bearer `.
 * Text that arrives encoded (a URL quoted in an error: `%20`, `%3D`; a JSON value quoted with `\n`
 * escapes) puts a letter or digit right before the token, and the token went to stderr whole. So did a
 * lowercase `bearer` header, a Basic one, and the password of a `redis://user:pass@host` URL.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { describeSweepError, sweepReporter } from '../../shared/broker/ops/sweep-report.js';

const TOKEN = 'ghs_16C7e42F292c6912E7710c838347Ae178B4a';
const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJyZXBvIn0.c2lnbmF0dXJlLXBhcnQ';
const detail = (message: string) => describeSweepError(new Error(message)).detail;

describe('the sweep error line never shows a credential', () => {
  it.each([
    ['URL-encoded after a space', `GET /x?h=Authorization%3A%20Bearer%20${TOKEN} failed`],
    ['URL-encoded after =', `fetch https://api.github.com/x?access_token%3D${TOKEN} failed`],
    ['after a JSON \\n escape', `WRONGTYPE {"note":"first\\n${TOKEN}"}`],
    ['a JWT after a quote escape', `ReplyError: bad value %22${JWT}%22`],
  ])('%s', (_, message) => {
    const d = detail(message);
    expect(d).not.toContain(TOKEN.slice(4));
    expect(d).not.toContain(JWT.split('.')[2]!);
  });

  it('a lowercase bearer, a Basic header, a URL password', () => {
    const opaque = 'aB3dE5gH7jK9mN1pQ3sT5vX7zA9cE1gI';
    for (const m of [
      `authorization: bearer ${opaque}`,
      `Authorization: Basic ${Buffer.from(`x-access-token:${opaque}`).toString('base64')}`,
      `connect ECONNREFUSED redis://default:${opaque}@10.0.0.7:6379`,
    ]) {
      const d = detail(m);
      expect(d).not.toContain(opaque);
      expect(d).not.toContain(Buffer.from(`x-access-token:${opaque}`).toString('base64'));
    }
  });

  it('whatever precedes the token (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), fc.stringMatching(/^[A-Za-z0-9]{36}$/), (before, rest) => {
        const d = detail(`${before}ghs_${rest}`);
        expect(d).not.toContain(rest);
      }),
    );
  });

  it('keeps what an operator needs: the store reply and the code', () => {
    expect(detail('WRONGTYPE Operation against a key holding the wrong kind of value')).toBe(
      'WRONGTYPE Operation against a key holding the wrong kind of value',
    );
    expect(detail('connect ECONNREFUSED 10.0.0.7:6379')).toBe('connect ECONNREFUSED 10.0.0.7:6379');
  });
});

describe('the sweep error lines of a flapping store', () => {
  it('stay at a couple a minute when every other sweep fails (each success used to reopen the limit)', () => {
    const out: { level: string; errors?: unknown }[] = [];
    let t = 0;
    const r = sweepReporter({ log: (level, _msg, f) => void out.push({ level, ...f }) }, undefined, () => t);
    for (; t < 120_000; t += 1000) {
      if ((t / 1000) % 2 === 0) r.failed(new Error('Command timed out'));
      else r.succeeded();
    }
    // Two minutes of flapping: an error line (and its "works again") per minute, not one a second.
    expect(out.length).toBeLessThanOrEqual(4);
    expect(out.filter((l) => l.level === 'error')).toHaveLength(2);
    // Every failure is in some line's count: none is lost to the limit.
    const counted = out.filter((l) => l.level === 'error').reduce((n, l) => n + Number(l.errors), 0);
    expect(counted).toBeGreaterThanOrEqual(31);
  });
});
