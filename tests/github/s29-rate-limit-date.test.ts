/**
 * Session 29 (docs/decisions.md "Attacking session 28's changes"): session 28 read
 * `x-ratelimit-reset` on GitHub's clock too (its `Date` header) and waited the longer of the two
 * readings. A `Date` far behind (a middlebox's, a proxy's clock at the epoch, a stand-in's) made the
 * reading as long as the distance: `Date: Thu, 01 Jan 1970 00:00:00 GMT` with the reset 30 s ahead
 * asked a wait of about 1.8e9 s. The call was refused at once with that Retry-After, and the
 * revocation queue (revocation.ts `limitedUntil`) held every revocation of the App behind it for
 * the instance's life: each was given up at once as past its token's expiry. GitHub's primary
 * window is an hour ("Rate limits for the REST API": requests per hour; `x-ratelimit-reset` is when
 * the current window resets), so a reading on GitHub's clock more than an hour from the reset either
 * way is not GitHub's (one far ahead read a reset past on our clock as a rolled-over window: a retry
 * after a second): it is ignored, as a missing `Date` is. The wait is also whole seconds (RFC 9110 §10.2.3 delay-seconds:
 * the broker sends it as Retry-After, and its own client reads at most 6 decimals).
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { rateLimitWait } from '../../shared/github/octokit.js';

const limited = (headers: Record<string, string>) => ({ status: 403, response: { headers } });
const httpDate = (epochSeconds: number) => new Date(epochSeconds * 1000).toUTCString();
const NOW = 1_800_000_000;
const HOUR = 3600;

describe('rateLimitWait: a Date far from the reset', () => {
  it('a Date at the epoch, the reset 30 s ahead on our clock: 30 s, not 1.8e9', () => {
    const headers = { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW + 30) };
    expect(rateLimitWait(limited({ ...headers, date: 'Thu, 01 Jan 1970 00:00:00 GMT' }), NOW)).toBe(30);
  });

  it('a Date two hours behind a reset past on our clock: the minute, as without a Date', () => {
    const headers = { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW - 5) };
    expect(rateLimitWait(limited({ ...headers, date: httpDate(NOW - 5 - 2 * HOUR) }), NOW)).toBe(60);
  });

  it('a Date two days ahead, the reset past on our clock: the minute, not a retry after a second', () => {
    const headers = { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW - 5) };
    expect(rateLimitWait(limited({ ...headers, date: httpDate(NOW + 2 * 86400) }), NOW)).toBe(60);
  });

  it('a Date within the hour still lengthens the wait (session 28, control)', () => {
    const headers = { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW + 10) };
    expect(rateLimitWait(limited({ ...headers, date: httpDate(NOW + 10 - HOUR) }), NOW)).toBe(HOUR);
  });

  it('a Retry-After in decimals: whole seconds too, rounded up', () => {
    expect(rateLimitWait({ status: 429, response: { headers: { 'retry-after': '30.25' } } }, NOW)).toBe(31);
    expect(rateLimitWait({ status: 429, response: { headers: { 'retry-after': '0.5' } } }, NOW)).toBe(1);
  });

  it('whole seconds on a clock between two seconds', () => {
    const headers = { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW + 30) };
    expect(rateLimitWait(limited(headers), NOW + 0.25)).toBe(30);
    expect(rateLimitWait(limited({ ...headers, date: httpDate(NOW) }), NOW + 0.25)).toBe(30);
  });

  it('any Date: a whole wait of at most an hour (the reset within it), never shorter than it (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -HOUR, max: HOUR }),
        fc.integer({ min: -2_000_000_000, max: 2_000_000_000 }),
        fc.integer({ min: 0, max: 999 }),
        (resetIn, dateOffset, ms) => {
          const reset = NOW + resetIn;
          const now = NOW + ms / 1000;
          const headers = {
            'x-ratelimit-remaining': '0',
            'x-ratelimit-reset': String(reset),
            date: httpDate(NOW + dateOffset),
          };
          const wait = rateLimitWait(limited(headers), now)!;
          expect(Number.isInteger(wait)).toBe(true);
          expect(wait).toBeGreaterThanOrEqual(Math.max(1, reset - now));
          expect(wait).toBeLessThanOrEqual(HOUR);
        },
      ),
      { seed: 29, numRuns: 400 },
    );
  });
});
