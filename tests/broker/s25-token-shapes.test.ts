/**
 * Hostile review of the broker (session 25): OIDC token shapes attacked against a real broker, each
 * refused with its rule (they held; regression net for the ones no earlier suite pins). The issuer's
 * key signs every token here, so each is refused for what it says, never for its signature.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { errorCode, HOOKS, startStack, type Stack } from '../support/broker.js';
import { runIdOf } from '../support/run-ids.js';

const MANIFEST = `version: 1
repository: { name: octo-org/octo-repo, id: 100001, owner-id: 200001 }
workflows:
  release.yml:
    jobs:
      publish:
        permissions: { contents: read, id-token: write }
        environments: [production]
        credentials:
          - step: notify
            audience: ${HOOKS}
            scope: [notify:send]
            ttl: 60
          - step: hosted
            audience: ${HOOKS}
            scope: [notify:send]
            ttl: 60
            when: { runner-environment: [github-hosted] }
`;

let s: Stack;
beforeAll(async () => {
  s = await startStack({ manifest: MANIFEST });
});
afterAll(async () => {
  await s.close();
});

let runs = 0;
const at = (ref: string) => `octo-org/octo-repo/.github/workflows/release.yml@${ref}`;
/** GitHub-shaped claims signed by the issuer's key, with `over` (undefined drops a claim). */
async function token(
  over: Record<string, unknown>,
  header?: Record<string, unknown> | string,
  tail = '',
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const claims: Record<string, unknown> = {
    ...s.issuer.claims({ run_id: runIdOf(`s25t-${++runs}`) }),
    iat: now,
    nbf: now,
    exp: now + 300,
    environment: 'production',
    ...over,
  };
  for (const [k, v] of Object.entries(claims)) if (v === undefined) delete claims[k];
  // `tail`: raw JSON members added to the signed payload as written.
  return s.issuer.mintRaw(JSON.stringify(claims).replace(/}$/, `${tail}}`), header);
}
const exchange = async (t: string, step = 'notify') => s.token(s.exchangeForm(t, { audience: HOOKS, step }));

describe('token shapes GitHub never signs are refused with their rule', () => {
  const queue = `refs/heads/gh-readonly-queue/main/pr-5-${'b'.repeat(40)}`;
  it.each<[string, Record<string, unknown>, string, string]>([
    ['iss with a trailing slash', { iss: 'TRAILING' }, 'ERR_OIDC_ISSUER', 'notify'],
    ['aud with a trailing slash', { aud: 'https://broker.example.com/' }, 'ERR_OIDC_AUDIENCE', 'notify'],
    ['aud an empty array', { aud: [] }, 'ERR_OIDC_AUDIENCE', 'notify'],
    ['aud absent', { aud: undefined }, 'ERR_OIDC_AUDIENCE', 'notify'],
    ['exp a fraction', { exp: 'FRACTION' }, 'ERR_OIDC_TIME_INVALID', 'notify'],
    ['nbf a string', { nbf: '0' }, 'ERR_OIDC_TIME_INVALID', 'notify'],
    // A control character in any string claim is refused by the verifier (session 26).
    ['environment with NUL', { environment: 'production\u0000' }, 'ERR_OIDC_CLAIM_INVALID', 'notify'],
    [
      'environment with a zero-width space',
      { environment: 'production\u200b' },
      'ERR_ENVIRONMENT_NOT_DECLARED',
      'notify',
    ],
    [
      'the declared environment in another case (control: granted)',
      { environment: 'PRODUCTION' },
      'OK',
      'notify',
    ],
    [
      'runner_environment with NUL',
      { runner_environment: 'github-hosted\u0000' },
      'ERR_OIDC_CLAIM_INVALID',
      'hosted',
    ],
    ['runner_environment absent', { runner_environment: undefined }, 'ERR_CLAIM_MISSING', 'hosted'],
    [
      'a merge queue ref (no when.ref: the default branch only)',
      { event_name: 'merge_group', ref: queue, workflow_ref: at(queue), job_workflow_ref: at(queue) },
      'ERR_CONDITION_REF',
      'notify',
    ],
    [
      'a deployment of a commit (empty ref)',
      { event_name: 'deployment', ref: '', workflow_ref: at(''), job_workflow_ref: at('') },
      'ERR_CLAIM_WORKFLOW_REF',
      'notify',
    ],
    [
      'job_workflow_ref with NUL in the file',
      { job_workflow_ref: 'octo-org/octo-repo/.github/workflows/release.yml\u0000@refs/heads/main' },
      'ERR_OIDC_CLAIM_INVALID',
      'notify',
    ],
  ])('%s', async (_what, over, code, step) => {
    const o = { ...over };
    if (o.iss === 'TRAILING') o.iss = `${s.issuer.url}/`;
    if (o.exp === 'FRACTION') o.exp = Math.floor(Date.now() / 1000) + 300.5;
    const r = await exchange(await token(o), step);
    if (code === 'OK') expect(r.status).toBe(200);
    else expect([r.status, errorCode(r)]).toEqual([400, code]);
  });

  it('a header member given twice under a \\u escape (alg) is refused, not read as the last', async () => {
    const kid = JSON.parse(Buffer.from((await token({})).split('.')[0]!, 'base64url').toString())
      .kid as string;
    const r = await exchange(
      await token({}, `{"alg":"RS256","kid":"${kid}","typ":"JWT","\\u0061lg":"RS256"}`),
    );
    expect([r.status, errorCode(r)]).toEqual([400, 'ERR_OIDC_MALFORMED']);
  });

  it('a __proto__ member is a claim of its own, never the prototype of the claims', async () => {
    const proto = ',"__proto__":{"runner_environment":"github-hosted"}';
    expect((await exchange(await token({}, undefined, proto))).status).toBe(200);
    const r = await exchange(await token({ runner_environment: undefined }, undefined, proto), 'hosted');
    expect([r.status, errorCode(r)]).toEqual([400, 'ERR_CLAIM_MISSING']);
  });
});
