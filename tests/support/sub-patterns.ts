/**
 * A broker whose one job holds a grant per `claims: { sub }` pattern (step id = the pattern's name),
 * and an exchange at a given run attempt and actor: the rig of the re-run rule's suites.
 */
import { afterAll, beforeAll } from '@jest/globals';
import { startStack, type Stack, closeCheckingAudit, errorCode, HOOKS } from './broker.js';
import { runIdOf } from './run-ids.js';

const manifestOf = (patterns: Record<string, string>): string => `version: 1
repository: { name: octo-org/octo-repo, id: 100001, owner-id: 200001 }
workflows:
  release.yml:
    triggers: [push, workflow_dispatch]
    jobs:
      publish:
        credentials:
${Object.entries(patterns)
  .map(
    ([step, sub]) =>
      `          - { step: ${step}, audience: ${HOOKS}, scope: [notify:send], uses: 100, ttl: 60, when: { claims: { sub: '${sub}' } } }`,
  )
  .join('\n')}
`;

/** Starts the broker in `beforeAll`, closes it (checking its audit file) in `afterAll`. */
export function subPatternBroker(
  patterns: Record<string, string>,
  runPrefix: string,
): (step: string, attempt: string, actor?: string) => Promise<readonly [number, string, string]> {
  let s: Stack;
  let runs = 0;
  beforeAll(async () => {
    s = await startStack({ manifest: manifestOf(patterns) });
  });
  afterAll(async () => {
    await closeCheckingAudit(s);
  });
  return async (step, attempt, actor = 'alice') => {
    const oidc = await s.issuer.mint({
      run_id: runIdOf(`${runPrefix}-${++runs}`),
      run_attempt: attempt,
      actor,
      sub: `repo:octo-org/octo-repo:actor:${actor}`,
    });
    const r = await s.token(s.exchangeForm(oidc, { audience: HOOKS, step }));
    return [r.status, errorCode(r), String(r.body.error_description ?? '')] as const;
  };
}
