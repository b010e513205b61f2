/**
 * Session 26 (docs/decisions.md "Attacking session 25's changes"): how long the GitHub layer waits
 * before retrying a rate-limited call (shared/github/octokit.ts `rateLimitWait`). A `Retry-After` of
 * `-1` or an `x-ratelimit-reset` that is not a number (only a proxy or middlebox answers so) made the
 * wait negative or NaN: the call was retried at once, up to three times, while rate limited, which
 * GitHub says "may result in the banning of your integration".
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { rateLimitWait } from '../../shared/github/octokit.js';

const limited = (status: number, headers: Record<string, string>) => ({ status, response: { headers } });

describe('rateLimitWait', () => {
  it.each([
    ['a negative Retry-After', { 'retry-after': '-1' }],
    ['an empty Retry-After', { 'retry-after': '' }],
    ['a Retry-After that is no number', { 'retry-after': 'soon' }],
    ['a reset that is no number', { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': 'soon' }],
  ])('%s: the minute GitHub asks for without a usable header', (_what, headers) => {
    expect(rateLimitWait(limited(429, headers))).toBe(60);
    expect(rateLimitWait(limited(403, headers))).toBe(60);
  });

  it('GitHub’s own headers are read as before (controls)', () => {
    expect(rateLimitWait(limited(429, { 'retry-after': '30' }))).toBe(30);
    expect(rateLimitWait(limited(429, { 'retry-after': '0' }))).toBe(1);
    expect(
      rateLimitWait(limited(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1000' }), 990),
    ).toBe(10);
    expect(rateLimitWait(limited(429, {}))).toBe(60);
    expect(rateLimitWait(limited(500, { 'retry-after': '30' }))).toBeUndefined();
  });

  it('a rate limit is a finite wait of at least a second, whatever its headers say (or a 403 not read as one)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(403, 429),
        fc.option(fc.string(), { nil: undefined }),
        fc.option(fc.string(), { nil: undefined }),
        (status, retryAfter, reset) => {
          const headers: Record<string, string> = { 'x-ratelimit-remaining': '0' };
          if (retryAfter !== undefined) headers['retry-after'] = retryAfter;
          if (reset !== undefined) headers['x-ratelimit-reset'] = reset;
          // Undefined: not read as a rate limit (a 403 saying nothing more), refused without a retry.
          const wait = rateLimitWait(limited(status, headers), 1000);
          if (wait === undefined) expect(status).toBe(403);
          else expect(wait >= 1 && Number.isFinite(wait)).toBe(true);
        },
      ),
      { seed: 26, numRuns: 300 },
    );
  });
});
