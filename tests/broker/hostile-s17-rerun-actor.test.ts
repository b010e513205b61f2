/**
 * Hostile review (session 17): a grant conditioned on `when.actor-id` ("only these people start it")
 * against the real broker. GitHub keeps the first attempt's actor in a re-run (`actor`/`actor_id`
 * stay the account that triggered the initial run; GITHUB_ACTOR_ID), and anyone with write access
 * may re-run a run for 30 days; the OIDC token has no claim saying who re-ran it. So a writer who is
 * not listed re-ran a listed person's deploy (an old commit: a rollback) and the condition held.
 * Now `actor-id` holds only for a first attempt; a re-run is refused with ERR_CONDITION_ACTOR_ID,
 * saying why. A first attempt by a listed actor is granted; an unlisted actor is refused as before.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startStack, type Stack, closeCheckingAudit, errorCode, HOOKS } from '../support/broker.js';
import { runIdOf } from '../support/run-ids.js';

const ALICE = '4242';
const MANIFEST = `version: 1
repository: { name: octo-org/octo-repo, id: 100001, owner-id: 200001 }
workflows:
  release.yml:
    triggers: [push, workflow_dispatch]
    jobs:
      publish:
        credentials:
          - step: notify
            audience: ${HOOKS}
            scope: [notify:send]
            uses: 100
            ttl: 60
            when: { actor-id: ['${ALICE}'] }
          - step: by-claim-id
            audience: ${HOOKS}
            scope: [notify:send]
            uses: 100
            ttl: 60
            when: { claims: { actor_id: '${ALICE}' } }
          - step: by-login
            audience: ${HOOKS}
            scope: [notify:send]
            uses: 100
            ttl: 60
            when: { claims: { actor: alice } }
`;

let s: Stack;
let runs = 0;
const secrets = new Set<string>();

beforeAll(async () => {
  s = await startStack({ manifest: MANIFEST });
});
afterAll(async () => {
  const audit = JSON.stringify(s.audit.events);
  for (const t of secrets) expect(audit.includes(t)).toBe(false);
  await closeCheckingAudit(s);
});

async function exchange(claims: Record<string, unknown>, step = 'notify') {
  const oidc = await s.issuer.mint({
    run_id: runIdOf(`s17r-${++runs}`),
    event_name: 'workflow_dispatch',
    ...claims,
  });
  secrets.add(oidc);
  const r = await s.token(s.exchangeForm(oidc, { audience: HOOKS, step, scope: 'notify:send' }));
  if (typeof r.body.access_token === 'string') secrets.add(r.body.access_token);
  return r;
}

describe('when.actor-id and re-runs', () => {
  it("a listed actor's first attempt is granted (control)", async () => {
    const r = await exchange({ actor: 'alice', actor_id: ALICE, run_attempt: '1' });
    expect([r.status, errorCode(r)]).toEqual([200, '']);
  });

  it.each(['2', '7'])(
    "a re-run (attempt %s) of a listed actor's run is refused: the token does not say who re-ran it",
    async (attempt) => {
      const before = s.audit.events.length;
      const r = await exchange({ actor: 'alice', actor_id: ALICE, run_attempt: attempt });
      expect([r.status, errorCode(r)]).toEqual([400, 'ERR_CONDITION_ACTOR_ID']);
      expect(String(r.body.error_description)).toContain(
        `actor-id ${ALICE} is listed, but this is run attempt ${attempt}: a re-run keeps the first attempt's actor`,
      );
      expect(String(r.body.error_description)).toMatch(/\/access-manifest\.yml:\d+\)$/);
      const lines = s.audit.events.slice(before);
      expect(lines.map((e) => [e.type, e.reason, e.run_attempt])).toEqual([
        ['credential.refused', 'ERR_CONDITION_ACTOR_ID', Number(attempt)],
      ]);
    },
  );

  it.each([
    ['by-claim-id', 'actor_id', ALICE],
    ['by-login', 'actor', 'alice'],
  ])(
    'a claims condition on who started the run (step %s, claim %s) holds on a first attempt only',
    async (step, claim, value) => {
      const first = await exchange({ actor: 'alice', actor_id: ALICE, run_attempt: '1' }, step);
      expect([first.status, errorCode(first)]).toEqual([200, '']);
      const rerun = await exchange({ actor: 'alice', actor_id: ALICE, run_attempt: '3' }, step);
      expect([rerun.status, errorCode(rerun)]).toEqual([400, 'ERR_CONDITION_CLAIM']);
      expect(String(rerun.body.error_description)).toContain(
        `claim ${claim} ${value} matches ${value}, but this is run attempt 3: a re-run keeps the first attempt's actor`,
      );
    },
  );

  it('an actor not listed is refused as before, first attempt or not (control)', async () => {
    for (const attempt of ['1', '2']) {
      const r = await exchange({ actor: 'mallory', actor_id: '666', run_attempt: attempt });
      expect([r.status, errorCode(r)]).toEqual([400, 'ERR_CONDITION_ACTOR_ID']);
      expect(String(r.body.error_description)).toContain(`actor-id 666 is not one of ${ALICE}`);
    }
  });
});
