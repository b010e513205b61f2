/**
 * Session 20, attacking session 19's re-run rule for `claims: sub` ("holds on a re-run only if it would
 * hold whoever the actor parts of the token's sub named"): it was judged on one stand-in actor, a
 * character no name holds (U+0000). A deny pattern (`…:actor:[^m]*`, anyone but names starting with m)
 * matches that stand-in, so it was granted at attempt 2 although it picks actors: a re-run keeps the
 * first attempt's actor, whoever starts it. Now every character such a pattern can exclude (those it
 * writes) stands in as well.
 */
import { describe, expect, it } from '@jest/globals';
import { subPatternBroker } from '../support/sub-patterns.js';

const PATTERNS = {
  deny: 'repo:octo-org/octo-repo:actor:[^m]*', // anyone but m…
  denyRange: 'repo:octo-org/octo-repo:actor:[^m-z]*', // anyone but m… to z…
  denyLast: 'repo:octo-org/octo-repo:*[^y]', // anyone whose name does not end in y
  denyId: 'repo:octo-org/octo-repo:actor:[^0-9]*', // anyone whose login does not start with a digit
  anyone: 'repo:octo-org/octo-repo:actor:*', // control: names no actor
  anyoneQ: 'repo:octo-org/octo-repo:actor:?*', // control: any non-empty name
  repo: 'repo:octo-org/octo-repo:*', // control
};
const exchange = subPatternBroker(PATTERNS, 's20r');

describe('a claims: sub deny pattern on a re-run', () => {
  it.each(Object.keys(PATTERNS))('%s: granted to alice on a first attempt (control)', async (step) => {
    expect((await exchange(step, '1')).slice(0, 2)).toEqual([200, '']);
  });

  it.each(['deny', 'denyRange', 'denyLast', 'denyId'])(
    '%s picks actors: refused at attempt 2, saying why',
    async (step) => {
      const [status, code, text] = await exchange(step, '2');
      expect([status, code]).toEqual([400, 'ERR_CONDITION_CLAIM']);
      expect(text).toContain('this is run attempt 2');
    },
  );

  it.each(['anyone', 'anyoneQ', 'repo'])('%s names no actor: granted at attempt 2', async (step) => {
    expect((await exchange(step, '2')).slice(0, 2)).toEqual([200, '']);
  });
});
