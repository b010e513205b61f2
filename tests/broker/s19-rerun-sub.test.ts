/**
 * Session 19, attacking session 18's "a `claims: sub` pattern naming the actor holds on a first
 * attempt only": the pattern was judged by its text (`actor:` or `actor_id:` written in it), so a
 * pattern that picks the actor through a glob (`…:*:alice`, `…:act*:alice`, `…:*alice`) was granted
 * on a re-run, which any writer may start and which keeps the first attempt's actor. Now the token
 * decides: on a re-run a `sub` condition holds only if it would hold whoever the actor parts of the
 * token's `sub` named.
 */
import { describe, expect, it } from '@jest/globals';
import { subPatternBroker } from '../support/sub-patterns.js';

const PATTERNS = {
  glob: 'repo:octo-org/octo-repo:*:alice',
  prefix: 'repo:octo-org/octo-repo:act*:alice',
  joined: 'repo:octo-org/octo-repo:*alice',
  literal: 'repo:octo-org/octo-repo:actor:alice', // session 18's case (control)
  anyone: 'repo:octo-org/octo-repo:actor:*', // names no actor: holds on a re-run
  repo: 'repo:octo-org/octo-repo:*', // names no actor: holds on a re-run
};
const exchange = subPatternBroker(PATTERNS, 's19r');

describe('a claims: sub condition on a re-run', () => {
  it.each(Object.keys(PATTERNS))('%s: granted on a first attempt (control)', async (step) => {
    expect((await exchange(step, '1')).slice(0, 2)).toEqual([200, '']);
  });

  it.each(['glob', 'prefix', 'joined', 'literal'])(
    '%s picks the actor: refused at attempt 2, saying why and the fix',
    async (step) => {
      const [status, code, text] = await exchange(step, '2');
      expect([status, code]).toEqual([400, 'ERR_CONDITION_CLAIM']);
      expect(text).toContain('this is run attempt 2');
      expect(text).toContain('start a new run');
    },
  );

  it.each(['anyone', 'repo'])('%s names no actor: granted at attempt 2', async (step) => {
    expect((await exchange(step, '2')).slice(0, 2)).toEqual([200, '']);
  });

  it('another actor is refused as not matching, on any attempt', async () => {
    const [status, code, text] = await exchange('glob', '1', 'mallory');
    expect([status, code]).toEqual([400, 'ERR_CONDITION_CLAIM']);
    expect(text).not.toContain('run attempt');
  });
});
