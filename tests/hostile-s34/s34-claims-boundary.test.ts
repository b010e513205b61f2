/**
 * Session 34: the trust boundary claim by claim, where sessions 7, 13, 27, 28 and 32 left gaps,
 * through a broker process with tokens the trusted issuer signed. Refs git would never write (`..`,
 * `.`, empty segments, `.lock`, a trailing `/`) and escapes (`%2F`, `%6D`) never match a pattern or
 * the default branch; a glob's `*` never crosses `/`. `environment` empty is not a name. A reusable
 * workflow's `job_workflow_ref` in another repository (same file name, same repository name under
 * another owner, a look-alike owner), at another ref, with `@` in its path, or swapped with
 * `workflow_ref`, never takes this repository's grants (a run of the reusable file as its own
 * workflow, both refs naming it, is judged by its `triggers:`, not `callers:`, as docs/manifest.md
 * says: not asserted here; docs/decisions.md, session 34). Events from outside the repository against a
 * grant without `when.event`. Ids spelt as numbers, with signs, spaces, exponents or leading zeros.
 * `exp` exactly now or inside the leeway used once, past it or `iat` ahead refused.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrokerProcess } from '../support/cluster.js';
import { startRig, type Rig } from '../support/redis-rig.js';
import { runIdOf } from '../support/run-ids.js';

const ID = 534301;
const WF = (file: string, ref = 'refs/heads/main', repo = 'octo-org/bound') =>
  `${repo}/.github/workflows/${file}@${ref}`;
const MANIFEST = `version: 1
repository: { name: octo-org/bound, id: ${ID}, owner-id: 200001 }
workflows:
  release.yml:
    triggers: [push, workflow_dispatch]
    jobs:
      publish:
        permissions: { contents: read, id-token: write }
        credentials:
          - { step: plain, audience: https://hooks.example.internal, scope: [notify:send], ttl: 60, uses: 100 }
          - step: tagged
            audience: https://hooks.example.internal
            scope: [notify:send]
            ttl: 60
            uses: 100
            when: { ref: [refs/tags/v*] }
      deploy:
        permissions: { contents: read, id-token: write }
        environments: [production]
        credentials:
          - { step: env, audience: https://hooks.example.internal, scope: [notify:send], ttl: 60, uses: 100 }
  ci.yml:
    triggers: [push]
    jobs:
      build:
        permissions: { contents: read, id-token: write }
  lib.yml:
    callers: [ci.yml]
    jobs:
      publish:
        permissions: { contents: read, id-token: write }
        credentials:
          - { step: called, audience: https://hooks.example.internal, scope: [notify:send], ttl: 60, uses: 100 }
`;

describe('the trust boundary, claim by claim (s34)', () => {
  let rig: Rig;
  let broker: BrokerProcess;
  let run = 0;
  /** The token the last ask sent (to send it again). */
  let last = '';

  beforeAll(async () => {
    rig = await startRig({ bound: ID });
    rig.writeManifest('bound', MANIFEST);
    broker = await rig.spawn('s34-bound');
    // Generous for a loaded 2-core machine (redis-server, the stand-ins and a broker process).
  }, 180_000);
  afterAll(async () => {
    await rig?.close();
  }, 120_000);

  /** The exchange's answer: 'granted', or the refusal's code. */
  async function ask(
    job: string,
    step: string,
    claims: Record<string, unknown>,
    times: { issuedAtOffset?: number; expiresIn?: number } = {},
    given?: string,
  ) {
    const token =
      given ??
      (await rig.issuer.mint(
        {
          repository: 'octo-org/bound',
          repository_id: String(ID),
          run_id: runIdOf(`s34-bound-${++run}`),
          ...claims,
        },
        times,
      ));
    last = token;
    const r = await broker.post('/token', {
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
      subject_token: token,
      subject_token_type: 'urn:ietf:params:oauth:token-type:id_token',
      audience: 'https://hooks.example.internal',
      job,
      step,
    });
    if (typeof r.body.access_token === 'string') rig.secrets.push(r.body.access_token);
    return r.status === 200 ? 'granted' : String(r.body.error_description ?? r.status).split(':')[0]!;
  }
  const refused = (got: string) => expect(got).toMatch(/^ERR_/);

  it('the rig: the plain step at the default branch, the tagged step at a tag', async () => {
    expect(await ask('publish', 'plain', {})).toBe('granted');
    expect(await ask('publish', 'tagged', { ref: 'refs/tags/v1', ref_type: 'tag' })).toBe('granted');
  }, 60_000);

  it.each([
    'refs/heads/main/',
    'refs/heads/main/../main',
    'refs/heads/x/../main',
    'refs/heads/./main',
    'refs/heads//main',
    'refs/heads/main.lock',
    'refs/heads/%6Dain',
    'refs/heads/main%2F',
    'refs/tags/main',
    'refs/heads/main\u0000',
    'refs/heads/main ',
    'refs/heads/MAIN',
  ])(
    'the default branch (no when.ref), ref %j: refused',
    async (ref) => {
      const tag = ref.startsWith('refs/tags/');
      refused(await ask('publish', 'plain', { ref, ref_type: tag ? 'tag' : 'branch' }));
    },
    60_000,
  );

  it.each([
    ['refs/tags/v1/evil', 'ERR_CONDITION_REF'],
    ['refs/tags/v1/../v2', 'ERR_CONDITION_REF'],
    ['refs/tags/v1/..', 'ERR_CONDITION_REF'],
    ['refs/tags/v%2F..%2Fx', 'ERR_CONDITION_REF'], // `..` is in it, escaped or not
    ['refs/tags/v%2Fx', 'granted'], // `%` is a character git allows in a name: a tag of its own, not v/x
    ['refs/tags/v1.lock', 'ERR_CONDITION_REF'],
    ['refs/heads/v1', 'ERR_CONDITION_REF'],
  ] as const)(
    'when.ref [refs/tags/v*], ref %j: %s',
    async (ref, want) => {
      const tag = ref.startsWith('refs/tags/');
      expect(await ask('publish', 'tagged', { ref, ref_type: tag ? 'tag' : 'branch' })).toBe(want);
    },
    60_000,
  );

  it('an empty environment is no environment: refused on the job that declares one, a name on none', async () => {
    expect(await ask('deploy', 'env', { environment: 'production' })).toBe('granted');
    refused(await ask('deploy', 'env', { environment: '' }));
    refused(await ask('deploy', 'env', {}));
  }, 60_000);

  it.each([
    ['another owner, same repository and file', WF('lib.yml', 'refs/heads/main', 'evil-org/bound')],
    ['another repository of the owner, same file', WF('lib.yml', 'refs/heads/main', 'octo-org/bound-fork')],
    ['a look-alike owner (Cyrillic о)', WF('lib.yml', 'refs/heads/main', 'оcto-org/bound')],
    ['a look-alike owner (trailing dot)', WF('lib.yml', 'refs/heads/main', 'octo-org./bound')],
    ['this repository, another ref', WF('lib.yml', 'refs/heads/feature')],
    ['this repository, the ref spelt twice', WF('lib.yml', 'refs/heads/main@refs/heads/main')],
    ['`@` in the file name before the ref', WF('lib.yml@x.yml')],
    ['a path outside .github/workflows', 'octo-org/bound/lib.yml@refs/heads/main'],
    ['a sub-folder of .github/workflows', 'octo-org/bound/.github/workflows/sub/lib.yml@refs/heads/main'],
    ['dot segments in the path', 'octo-org/bound/.github/workflows/../workflows/lib.yml@refs/heads/main'],
  ])(
    'a called workflow, %s: never the callee grant',
    async (_w, jobRef) => {
      refused(
        await ask('publish', 'called', {
          workflow_ref: WF('ci.yml'),
          job_workflow_ref: jobRef,
        }),
      );
    },
    60_000,
  );

  it('the called workflow from its listed caller is granted; the two refs swapped are not', async () => {
    expect(
      await ask('publish', 'called', { workflow_ref: WF('ci.yml'), job_workflow_ref: WF('lib.yml') }),
    ).toBe('granted');
    refused(await ask('publish', 'called', { workflow_ref: WF('lib.yml'), job_workflow_ref: WF('ci.yml') }));
  }, 60_000);

  it.each([
    // iat = nbf = now - 300, exp = now: within the 60 s leeway, used once.
    ['exp exactly now', -300, 300, 'granted'],
    ['exp 20 s ago (inside the leeway)', -320, 300, 'granted'],
    ['exp 90 s ago (past the leeway)', -390, 300, 'ERR_OIDC_EXPIRED'],
    ['iat and nbf 5 minutes ahead', 300, 300, 'ERR_'],
  ] as const)(
    '%s (iat %d s from now, lifetime %d s): %s, and never twice',
    async (_w, issuedAtOffset, expiresIn, want) => {
      const got = await ask('publish', 'plain', {}, { issuedAtOffset, expiresIn });
      if (want === 'ERR_') refused(got);
      else expect(got).toBe(want);
      // The same token again: a used jti is remembered past the leeway, a refused one grants nothing.
      if (got === 'granted') expect(await ask('publish', 'plain', {}, {}, last)).toBe('ERR_OIDC_REPLAYED');
      else refused(await ask('publish', 'plain', {}, {}, last));
    },
    60_000,
  );

  it.each(['pull_request_target', 'workflow_run', 'issue_comment', 'schedule', 'Push', 'push '])(
    'event_name %j against a grant for push: refused',
    async (event) => {
      refused(await ask('publish', 'plain', { event_name: event }));
    },
    60_000,
  );

  it.each([
    ['repository_id a number', { repository_id: ID }],
    ['repository_id with a sign', { repository_id: `+${ID}` }],
    ['repository_id with a space', { repository_id: ` ${ID}` }],
    ['repository_id as an exponent', { repository_id: '5.34301e5' }],
    ['repository_id with a fraction', { repository_id: `${ID}.0` }],
    ['repository_id past 2^53 that rounds to it', { repository_id: `${ID}000000000000000001` }],
    ['repository_owner_id with leading zeros', { repository_owner_id: '0200001' }],
    ['repository_owner_id a number', { repository_owner_id: 200001 }],
    ['repository_owner_id of another owner', { repository_owner_id: '200002' }],
  ])(
    '%s: refused',
    async (_w, claims) => {
      refused(await ask('publish', 'plain', claims));
    },
    60_000,
  );
});
