/**
 * Session 23, hostile review of the broker (held, pinned): a re-run runs the first attempt's commit
 * (GitHub: "the same GITHUB_SHA and GITHUB_REF of the original event"), up to 30 days later, started
 * by anyone with write access. A writer who cannot push to the protected default branch can so run
 * default-branch workflow code that has since been replaced (a step found unsafe and removed) under
 * today's manifest: the token's `ref` is still the default branch. The broker cannot tell old code
 * from new (a run of a commit just superseded is the everyday case), so it is the manifest's to say:
 * `when: { claims: { run_attempt: '1' } }` keeps a grant to first attempts. Pinned here against the
 * real broker, with the refusal naming the condition, the claim and the manifest line.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startStack, type Stack, errorCode, closeCheckingAudit, HOOKS } from '../support/broker.js';
import { runIdOf } from '../support/run-ids.js';

const MANIFEST = `version: 1
repository: { name: octo-org/octo-repo, id: 100001, owner-id: 200001 }
workflows:
  release.yml:
    triggers: [push]
    jobs:
      publish:
        credentials:
          - step: notify
            audience: ${HOOKS}
            scope: [notify:send]
            when: { claims: { run_attempt: '1' } }
`;

let s: Stack;
beforeAll(async () => {
  s = await startStack({ manifest: MANIFEST });
});
afterAll(() => closeCheckingAudit(s));

const exchange = async (run_attempt: string) =>
  s.token(
    s.exchangeForm(await s.issuer.mint({ run_id: runIdOf(`s23r-${run_attempt}`), run_attempt }), {
      audience: HOOKS,
      step: 'notify',
    }),
  );

describe("claims: { run_attempt: '1' } keeps a grant off re-runs of older code", () => {
  it('the first attempt is granted; a re-run is refused naming the claim and the line', async () => {
    expect((await exchange('1')).status).toBe(200);
    for (const attempt of ['2', '17']) {
      const r = await exchange(attempt);
      expect([r.status, errorCode(r)]).toEqual([400, 'ERR_CONDITION_CLAIM']);
      expect(String(r.body.error_description)).toMatch(/run_attempt/);
      expect(String(r.body.error_description)).toMatch(/access-manifest\.yml:\d+/);
    }
  });
});
