/**
 * Session 30 (docs/decisions.md "Attacking session 29's changes"): session 29 bounded the `Date`'s
 * reading of a rate limit to GitHub's hourly window and left the rest as it came: a `Retry-After`
 * or an `x-ratelimit-reset` far ahead on the broker's own clock was taken whole. `Retry-After: 999…9`
 * (400 digits) read as `Infinity`: the broker answered `Retry-After: Infinity` (its client reads no
 * number there and retried 0.5/1/2 s later), and the revocation queue held the App's revocations until
 * `Infinity`. A reset a day ahead asked a day. No wait the broker acts on is longer than a GitHub
 * token lives (an hour: every token minted before the answer is dead by its end, so a longer wait
 * only holds tokens minted after it), and GitHub's primary window is an hour: every wait is at most
 * that, a whole number of seconds, never shorter than asked within it.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { rateLimitWait } from '../../shared/github/octokit.js';

const NOW = 1_800_000_000;
const HOUR = 3600;
const primary = (reset: string, date?: string) => ({
  status: 403,
  response: {
    headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset, ...(date ? { date } : {}) },
  },
});
const secondary = (retryAfter: string, status = 429) => ({
  status,
  response: {
    headers: { 'retry-after': retryAfter },
    data: { message: 'You have exceeded a secondary rate limit' },
  },
});
const httpDate = (s: number) => new Date(s * 1000).toUTCString();

describe('rateLimitWait: a wait far ahead on the broker’s own clock', () => {
  it('Retry-After of 400 nines (Infinity as a number): an hour, not Infinity', () => {
    expect(rateLimitWait(secondary('9'.repeat(400)), NOW)).toBe(HOUR);
  });

  it('Retry-After of 2^53 and of a day: an hour', () => {
    expect(rateLimitWait(secondary(String(2 ** 53)), NOW)).toBe(HOUR);
    expect(rateLimitWait(secondary('86400'), NOW)).toBe(HOUR);
  });

  it('a reset a day ahead, without and with a Date next to it: an hour', () => {
    expect(rateLimitWait(primary(String(NOW + 86400)), NOW)).toBe(HOUR);
    // A Date 30 s before the reset (our clock a day behind GitHub's, or a forged pair).
    expect(rateLimitWait(primary(String(NOW + 86400), httpDate(NOW + 86400 - 30)), NOW)).toBe(HOUR);
  });

  it('a reset of 2^53 or with 400 digits: never more than an hour', () => {
    expect(rateLimitWait(primary(String(2 ** 53)), NOW)).toBe(HOUR);
    expect(rateLimitWait(primary('9'.repeat(400)), NOW)).toBeLessThanOrEqual(HOUR);
  });

  it('unusable forms keep the minute (held: negative, 1e400, words, HTTP-dates, several headers)', () => {
    for (const v of ['-5', '1e400', 'soon', 'Wed, 21 Oct 2037 07:28:00 GMT', '30, 40', '', ' '])
      expect([v, rateLimitWait(secondary(v), NOW)]).toEqual([v, 60]);
    for (const v of ['1e400', 'later', '-1e400'])
      expect([v, rateLimitWait(primary(v), NOW)]).toEqual([v, 60]);
  });

  it('any header value: a whole wait of 1 s to an hour, never shorter than asked within the hour (property)', () => {
    for (const seed of [30, 3030, Date.now() % 100_000])
      fc.assert(
        fc.property(
          fc.oneof(
            fc.bigInt({ min: 0n, max: 10n ** 30n }).map(String),
            fc.double({ min: 0, max: 1e12, noNaN: true }).map((d) => d.toFixed(3)),
            fc.string(),
          ),
          fc.boolean(),
          fc.integer({ min: -2 * 86400, max: 2 * 86400 }),
          (value, isRetryAfter, dateOffset) => {
            // An empty reset is no header: a 403 without one is not a rate limit (undefined).
            if (!isRetryAfter && value === '') return;
            const wait = isRetryAfter
              ? rateLimitWait(secondary(value), NOW)!
              : rateLimitWait(primary(value, httpDate(NOW + dateOffset)), NOW)!;
            expect(Number.isInteger(wait)).toBe(true);
            expect(wait).toBeGreaterThanOrEqual(1);
            expect(wait).toBeLessThanOrEqual(HOUR);
            const asked = Number(value);
            if (isRetryAfter && /^\d+(\.\d+)?$/.test(value) && asked <= HOUR)
              expect(wait).toBe(Math.max(1, Math.ceil(asked)));
          },
        ),
        { seed, numRuns: 300 },
      );
  });
});
