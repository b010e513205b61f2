/**
 * Session 37, clocks: the GitHub App's own JWT after the broker's wall clock was stepped back. The
 * App client was reused while the wall said it had time left (`until`, wall milliseconds). A clock
 * that ran an hour ahead made a JWT GitHub refuses (exp more than 10 minutes ahead of GitHub's clock);
 * NTP then stepped the clock back, and the broker kept that JWT "until" an hour later: every App call
 * (installation look-ups, mints, revocations of GitHub tokens) refused 401 for that hour, though the
 * clock was right again. The JWT is now reused only while the wall lies inside its own window and its
 * real (monotonic) age is under 8 minutes; the installation cache's 10 minutes are monotonic too.
 *
 * In-process: the App stand-in judges JWTs on GitHub's clock (`new Date()`), the broker's App reads
 * `Date.now()`, which the test steps.
 */
import { describe, expect, it } from '@jest/globals';
import { appClockRig } from '../support/app-clock.js';

const HOUR = 3_600_000;

describe("the App's JWT after the wall clock was stepped back (s37)", () => {
  const rig = appClockRig({
    one: { id: 537301, installationId: 71 },
    two: { id: 537302, installationId: 72 },
  });

  it('a JWT made while the clock ran ahead is not reused once NTP stepped the clock back', async () => {
    const app = rig.app();
    // The clock an hour ahead: GitHub refuses the JWT (its exp is an hour past GitHub's clock); since
    // session 39 the App learns GitHub's clock from that refusal and signs on it (s39-app-jwt-skew).
    rig.setOffset(HOUR);
    expect(await app.installationId('octo-org', 'one')).toBe(71);
    // NTP steps it back: the clock is right again.
    rig.setOffset(0);
    // Before: the JWT made an hour ahead was reused "until" then, and GitHub refused it again.
    expect(await app.installationId('octo-org', 'two')).toBe(72);
  });
});
