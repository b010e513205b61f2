/**
 * Session 20, attacking session 19's re-run rule for `claims: sub` ("holds on a re-run only if it would
 * hold whoever the actor parts of the token's sub named"): it was judged on one stand-in actor, a
 * character no name holds (U+0000). A deny pattern (`…:actor:[^m]*`, anyone but names starting with m)
 * matches that stand-in, so it was granted at attempt 2 although it picks actors: a re-run keeps the
 * first attempt's actor, whoever starts it. Now every character such a pattern can exclude (those it
 * writes) stands in as well.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startStack, type Stack, closeCheckingAudit, errorCode, HOOKS } from '../support/broker.js';

const PATTERNS = {
  deny: 'repo:octo-org/octo-repo:actor:[^m]*', // anyone but m…
  denyRange: 'repo:octo-org/octo-repo:actor:[^m-z]*', // anyone but m… to z…
  denyLast: 'repo:octo-org/octo-repo:*[^y]', // anyone whose name does not end in y
  denyId: 'repo:octo-org/octo-repo:actor:[^0-9]*', // anyone whose login does not start with a digit
  anyone: 'repo:octo-org/octo-repo:actor:*', // control: names no actor
  anyoneQ: 'repo:octo-org/octo-repo:actor:?*', // control: any non-empty name
  repo: 'repo:octo-org/octo-repo:*', // control
};
const MANIFEST = `version: 1
repository: { name: octo-org/octo-repo, id: 100001, owner-id: 200001 }
workflows:
  release.yml:
    triggers: [push, workflow_dispatch]
    jobs:
      publish:
        credentials:
${Object.entries(PATTERNS)
  .map(
    ([step, sub]) =>
      `          - { step: ${step}, audience: ${HOOKS}, scope: [notify:send], uses: 100, ttl: 60, when: { claims: { sub: '${sub}' } } }`,
  )
  .join('\n')}
`;

let s: Stack;
let runs = 0;
beforeAll(async () => {
  s = await startStack({ manifest: MANIFEST });
});
afterAll(async () => {
  await closeCheckingAudit(s);
});

const exchange = async (step: string, attempt: string, actor = 'alice') => {
  const oidc = await s.issuer.mint({
    run_id: `s20r-${++runs}`,
    run_attempt: attempt,
    actor,
    sub: `repo:octo-org/octo-repo:actor:${actor}`,
  });
  const r = await s.token(s.exchangeForm(oidc, { audience: HOOKS, step }));
  return [r.status, errorCode(r), String(r.body.error_description ?? '')] as const;
};

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
