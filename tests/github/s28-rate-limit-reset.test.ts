/**
 * Session 28: an `x-ratelimit-reset` in the past on the broker's clock. GitHub: "If the
 * `x-ratelimit-remaining` header is `0`, you should not make another request until after the time
 * specified by the `x-ratelimit-reset` header" (UTC epoch seconds of GitHub's clock; docs.github.com,
 * "Best practices for using the REST API" and "Rate limits for the REST API"). With the broker's clock
 * ahead of GitHub's the reset read as past and the call was retried after one second, still limited.
 * The wait is now read on GitHub's clock too (its `Date` header) and is the longer of the two; without
 * a `Date`, a past reset is the minute GitHub asks for when no header says how long.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { octokit, rateLimitWait, UpstreamRateLimitedError } from '../../shared/github/octokit.js';
import { startAppStandin, type AppStandin } from '../support/github.js';

const limited = (headers: Record<string, string>) => ({ status: 403, response: { headers } });
const httpDate = (epochSeconds: number) => new Date(epochSeconds * 1000).toUTCString();
const NOW = 1_800_000_000;

describe('rateLimitWait reads the reset on GitHub’s clock as well as ours', () => {
  it('our clock ahead of GitHub’s: the wait GitHub’s Date gives, not a second', () => {
    const reset = NOW - 100; // past on our clock
    const headers = { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) };
    expect(rateLimitWait(limited({ ...headers, date: httpDate(reset - 30) }), NOW)).toBe(30);
  });

  it('a reset past on our clock and no Date: the minute (skew cannot be told from a rolled window)', () => {
    const headers = { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW - 5) };
    expect(rateLimitWait(limited(headers), NOW)).toBe(60);
    expect(rateLimitWait(limited({ ...headers, date: 'not a date' }), NOW)).toBe(60);
  });

  it('a reset past on both clocks (the window rolled over): one second', () => {
    const headers = { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW - 5) };
    expect(rateLimitWait(limited({ ...headers, date: httpDate(NOW - 2) }), NOW)).toBe(1);
  });

  it('a Date ahead of our clock never shortens the wait our clock gives (controls)', () => {
    const headers = { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW + 20) };
    expect(rateLimitWait(limited({ ...headers, date: httpDate(NOW + 500) }), NOW)).toBe(20);
    expect(rateLimitWait(limited(headers), NOW)).toBe(20);
  });

  it('the wait is at least what either clock says is left, and at least a second (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -4000, max: 4000 }),
        fc.option(fc.integer({ min: -4000, max: 4000 }), { nil: undefined }),
        (resetIn, dateOffset) => {
          const reset = NOW + resetIn;
          const headers: Record<string, string> = {
            'x-ratelimit-remaining': '0',
            'x-ratelimit-reset': String(reset),
          };
          if (dateOffset !== undefined) headers.date = httpDate(NOW + dateOffset);
          const wait = rateLimitWait(limited(headers), NOW)!;
          // Session 30: at most an hour (tests/hostile-s30/s30-rate-limit-bound).
          expect(wait).toBeGreaterThanOrEqual(Math.min(3600, Math.max(1, reset - NOW)));
          expect(wait).toBeLessThanOrEqual(3600);
          // Session 29: a reading on GitHub's clock more than its hourly window from the reset is not
          // GitHub's, and is read as no Date (tests/github/s29-rate-limit-date).
          const theirs = dateOffset === undefined ? undefined : reset - (NOW + dateOffset);
          if (theirs !== undefined && Math.abs(theirs) <= 3600) expect(wait).toBeGreaterThanOrEqual(theirs);
          else if (reset <= NOW) expect(wait).toBe(60);
        },
      ),
      { seed: 28, numRuns: 300 },
    );
  });
});

describe('against the GitHub stand-in', () => {
  let app: AppStandin;
  beforeAll(async () => {
    app = await startAppStandin();
  });
  afterAll(async () => {
    await app.standin.close();
  });

  it('a reset past on our clock, 30 s ahead on GitHub’s: refused at once with the 30 s, never retried after 1 s', async () => {
    // The reset is set far (100 s) behind this machine's clock, so no load or second boundary moves
    // the outcome; GitHub's Date says 30 s are left, which is past the call's 5 s deadline.
    const reset = Math.floor(Date.now() / 1000) - 100;
    app.standin.fail('GET', '/repos/{owner}/{repo}/installation', {
      count: 1,
      status: 403,
      body: { message: 'API rate limit exceeded for installation ID 7.' },
      headers: {
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(reset),
        date: httpDate(reset - 30),
      },
    });
    const client = octokit({ baseUrl: app.standin.url, timeoutMs: 5000 });
    const err = await client
      .request('GET /repos/{owner}/{repo}/installation', { owner: 'octo-org', repo: 'octo-repo' })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(err).toBeInstanceOf(UpstreamRateLimitedError);
    expect((err as UpstreamRateLimitedError).retryAfterSeconds).toBe(30);
    expect(app.standin.shapeErrors).toEqual([]);
  });
});
