/**
 * Grant conditions end to end: the real broker, the OIDC issuer stand-in and the GitHub stand-in.
 * Each refusal here was a grant before grant conditions existed.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { auditEventSchema } from '../../shared/audit/event.js';
import { startStack, type Stack } from '../support/broker.js';
import { demoRepo } from '../support/github.js';
import { runIdOf } from '../support/run-ids.js';

const MANIFEST = `version: 1
repository: { name: octo-org/octo-repo, id: 100001, owner-id: 200001 }
trusted-workflows:
  - octo-org/platform/.github/workflows/deploy.yml@refs/heads/main
workflows:
  release.yml:
    jobs:
      publish:
        permissions: { contents: read, id-token: write }
        environments: [production]
        credentials:
          - step: release
            audience: github
            permissions: { contents: write }
          - step: tagged
            audience: github
            permissions: { contents: write }
            when:
              ref: [refs/tags/v*]
              event: [push]
          - step: deploy
            audience: github
            permissions: { contents: read }
            when:
              environment: [production]
          - step: jewels
            audience: github
            permissions: { contents: read }
            repositories: [self, crown-jewels]
          - step: people
            audience: github
            permissions: { members: read }
      deploy:
        credentials:
          - step: remote
            audience: github
            permissions: { contents: read }
  build.yml:
    callers: [release.yml]
    jobs:
      compile:
        credentials:
          - step: upload
            audience: github
            permissions: { contents: read }
`;

const ORG_ALLOWS_JEWELS = `version: 1
allow-cross-repository:
  - { from: octo-org/octo-repo, to: [crown-jewels] }
`;

const released: string[] = [];
const stacks: Stack[] = [];
let s: Stack;

async function stack(org?: string): Promise<Stack> {
  const st = await startStack({ manifest: MANIFEST, ...(org ? { org } : {}) });
  st.gh.state.repos.push(demoRepo({ name: 'crown-jewels', id: 100002, files: { main: {} } }));
  stacks.push(st);
  return st;
}

/** The steps of release.yml's `publish` job, which lists `environments: [production]`. */
const PUBLISH_STEPS = ['release', 'tagged', 'deploy', 'jewels', 'people'];

async function exchange(st: Stack, claims: Record<string, unknown>, over: Record<string, string>) {
  // A run of the publish job names its environment unless a test says otherwise (`environment: undefined`).
  const oidc = await st.issuer.mint(
    PUBLISH_STEPS.includes(over.step ?? '') && !('environment' in claims)
      ? { environment: 'production', ...claims }
      : claims,
  );
  released.push(oidc);
  const r = await st.token(st.exchangeForm(oidc, over));
  if (typeof r.body.access_token === 'string') released.push(r.body.access_token);
  return r;
}

beforeAll(async () => {
  s = await stack();
});
afterAll(async () => {
  for (const st of stacks) {
    for (const e of st.audit.events) expect(auditEventSchema.safeParse(e).success).toBe(true);
    const text = JSON.stringify(st.audit.events);
    for (const t of released) expect(text).not.toContain(t);
    expect(st.gh.standin.shapeErrors).toEqual([]);
    await st.close();
  }
});

const lastRefusal = (st: Stack) => st.audit.events.filter((e) => e.type === 'credential.refused').at(-1);

describe('broker: grant conditions', () => {
  it('grants from the default branch', async () => {
    const r = await exchange(s, { run_id: runIdOf('c1') }, { step: 'release' });
    expect(r.status).toBe(200);
  });

  it('refuses a push from an attacker branch running an edited copy of the workflow, and audits it', async () => {
    const ref = 'refs/heads/attacker';
    const r = await exchange(
      s,
      {
        ref,
        run_id: runIdOf('c2'),
        workflow_ref: `octo-org/octo-repo/.github/workflows/release.yml@${ref}`,
        job_workflow_ref: `octo-org/octo-repo/.github/workflows/release.yml@${ref}`,
      },
      { step: 'release' },
    );
    expect(r.status).toBe(400);
    expect(r.body.error_description).toBe(
      'ERR_CONDITION_REF: ref refs/heads/attacker is not one of refs/heads/main (the default branch; no when.ref) (octo-org/octo-repo:.github/access-manifest.yml:12)',
    );
    expect(lastRefusal(s)).toMatchObject({ reason: 'ERR_CONDITION_REF', ref, outcome: 'denied' });
  });

  it('refuses a same-repository pull request (refs/pull/N/merge never matches the default)', async () => {
    const r = await exchange(
      s,
      { ref: 'refs/pull/12/merge', event_name: 'pull_request', run_id: runIdOf('c3') },
      { step: 'release' },
    );
    expect(r.status).toBe(400);
    expect(r.body.error_description).toMatch(
      /^ERR_CONDITION_REF: ref refs\/pull\/12\/merge is not one of refs\/heads\/main/,
    );
  });

  it('a grant with when.ref: tags only from a tag push', async () => {
    expect(
      (await exchange(s, { ref: 'refs/tags/v1.2.0', run_id: runIdOf('c4') }, { step: 'tagged' })).status,
    ).toBe(200);
    const main = await exchange(s, { run_id: runIdOf('c5') }, { step: 'tagged' });
    expect(main.body.error_description).toMatch(
      /^ERR_CONDITION_REF: ref refs\/heads\/main is not one of refs\/tags\/v\* \(/,
    );
    const dispatch = await exchange(
      s,
      { ref: 'refs/tags/v1.2.0', event_name: 'workflow_dispatch', run_id: runIdOf('c6') },
      { step: 'tagged' },
    );
    expect(dispatch.body.error_description).toMatch(
      /^ERR_CONDITION_EVENT: event workflow_dispatch is not one of push/,
    );
  });

  it("refuses a staging run of a production job (the job's environments bound every grant)", async () => {
    const staging = await exchange(s, { environment: 'staging', run_id: runIdOf('c7') }, { step: 'release' });
    expect(staging.status).toBe(400);
    expect(staging.body.error_description).toMatch(
      /^ERR_ENVIRONMENT_NOT_DECLARED: environment staging is not one of the job's environments production \(/,
    );
    const none = await exchange(s, { environment: undefined, run_id: runIdOf('c8') }, { step: 'deploy' });
    expect(none.body.error_description).toMatch(/^ERR_CLAIM_MISSING: the token has no 'environment' claim/);
    // The job's list alone refuses it too: a run with `environment:` edited out skips the environment's
    // protection rules, so a grant of a job bound to environments is never given without one.
    const edited = await exchange(s, { environment: undefined, run_id: runIdOf('c8b') }, { step: 'release' });
    expect(edited.status).toBe(400);
    expect(edited.body.error_description).toMatch(
      /^ERR_CLAIM_MISSING: the token has no 'environment' claim, which condition environments needs \(octo-org\/octo-repo:\.github\/access-manifest\.yml:10\)/,
    );
    expect(
      (await exchange(s, { environment: 'production', run_id: runIdOf('c9') }, { step: 'deploy' })).status,
    ).toBe(200);
  });

  it('refuses a token without event_name (never waved through)', async () => {
    const r = await exchange(s, { event_name: undefined, run_id: runIdOf('c10') }, { step: 'release' });
    expect(r.body.error_description).toMatch(/^ERR_CLAIM_MISSING: .*'event_name'/);
  });

  it('dry_run shows every condition with its verdict', async () => {
    const r = await exchange(
      s,
      { environment: 'production', run_id: runIdOf('c11') },
      { step: 'deploy', dry_run: 'true' },
    );
    expect(r.status).toBe(200);
    const conditions = r.body.conditions as { condition: string; ok: boolean; origin: string }[];
    expect(conditions.map((c) => [c.condition, c.origin, c.ok])).toEqual([
      ['ref', 'default', true],
      ['environments', 'job', true],
      ['environment', 'grant', true],
    ]);
    const no = await exchange(
      s,
      { environment: 'staging', run_id: runIdOf('c12') },
      { step: 'deploy', dry_run: 'true' },
    );
    expect(no.status).toBe(400);
    expect(no.body.error_description).toMatch(/^ERR_ENVIRONMENT_NOT_DECLARED/);
    const listed = no.body.conditions as { condition: string; ok: boolean; code?: string }[];
    expect(listed.map((c) => [c.condition, c.ok, c.code ?? ''])).toEqual([
      ['ref', true, ''],
      ['environments', false, 'ERR_ENVIRONMENT_NOT_DECLARED'],
      ['environment', false, 'ERR_CONDITION_ENVIRONMENT'],
    ]);
  });
});

describe('broker: no reach beyond the repository without consent', () => {
  it('refuses repositories: [crown-jewels] without the organization policy', async () => {
    const r = await exchange(s, { run_id: runIdOf('r1') }, { step: 'jewels' });
    expect(r.status).toBe(400);
    expect(r.body.error_description).toMatch(
      /^ERR_CROSS_REPOSITORY_NOT_ALLOWED: octo-org\/octo-repo may not hold credentials covering octo-org\/crown-jewels/,
    );
    expect(s.gh.state.tokens.some((t) => t.repositories.includes('crown-jewels'))).toBe(false);
  });

  it('refuses organization permissions (members) without the organization policy', async () => {
    const r = await exchange(s, { run_id: runIdOf('r2') }, { step: 'people' });
    expect(r.body.error_description).toMatch(/^ERR_ORGANIZATION_PERMISSION_NOT_ALLOWED: members: read/);
  });

  it('allows crown-jewels when the organization consents, and the audit line lists what the token covers', async () => {
    const st = await stack(ORG_ALLOWS_JEWELS);
    const r = await exchange(st, { run_id: runIdOf('r3') }, { step: 'jewels' });
    expect(r.status).toBe(200);
    expect(st.gh.state.tokens.at(-1)!.repositories).toEqual(['octo-repo', 'crown-jewels']);
    const granted = st.audit.events.filter((e) => e.type === 'credential.granted').at(-1);
    expect(granted?.details).toMatchObject({
      repositories: ['octo-repo', 'crown-jewels'],
      permissions: { contents: 'read' },
    });
    // Consent is per repository: members stays refused.
    expect((await exchange(st, { run_id: runIdOf('r4') }, { step: 'people' })).status).toBe(400);
  });

  it('a consent pinned by repository-id holds for that repository only, not for one re-created under its name', async () => {
    const pinned = (id: number) =>
      `version: 1\nallow-cross-repository:\n  - { from: octo-org/octo-repo, repository-id: ${id}, to: [crown-jewels] }\n`;
    const same = await stack(pinned(100001));
    expect((await exchange(same, { run_id: runIdOf('r5') }, { step: 'jewels' })).status).toBe(200);
    // The repository octo-org/octo-repo with another id (deleted and re-created, or another renamed
    // into the name) carrying a manifest of its own: the rule was not given to it.
    const other = await stack(pinned(100009));
    const r = await exchange(other, { run_id: runIdOf('r6') }, { step: 'jewels' });
    expect(r.status).toBe(400);
    expect(r.body.error_description).toMatch(
      /^ERR_CROSS_REPOSITORY_NOT_ALLOWED: .*\(a rule for octo-org\/octo-repo names repository-id 100009, but this repository's id is 100001\)/,
    );
    expect(other.gh.state.tokens.some((t) => t.repositories?.includes('crown-jewels'))).toBe(false);
  });
});

describe('broker: who may claim (reusable workflows)', () => {
  const ref = (file: string, repo = 'octo-org/octo-repo', at = 'refs/heads/main') =>
    `${repo}/.github/workflows/${file}@${at}`;

  it("takes a reusable workflow's grant for a listed caller, and audits both refs", async () => {
    const r = await exchange(
      s,
      { run_id: runIdOf('w1'), workflow_ref: ref('release.yml'), job_workflow_ref: ref('build.yml') },
      { job: 'compile', step: 'upload' },
    );
    expect(r.status).toBe(200);
    const granted = s.audit.events.filter((e) => e.type === 'credential.granted').at(-1);
    expect(granted).toMatchObject({ workflow: 'build.yml' });
    expect(granted?.details).toMatchObject({
      workflow_ref: ref('release.yml'),
      job_workflow_ref: ref('build.yml'),
    });
  });

  it('refuses an unlisted workflow that calls a listed one', async () => {
    const r = await exchange(
      s,
      { run_id: runIdOf('w2'), workflow_ref: ref('sneaky.yml'), job_workflow_ref: ref('build.yml') },
      { job: 'compile', step: 'upload' },
    );
    expect(r.status).toBe(400);
    expect(r.body.error_description).toMatch(
      /^ERR_CALLER_NOT_ALLOWED: reusable workflow build\.yml is called by sneaky\.yml/,
    );
    expect(lastRefusal(s)?.details).toMatchObject({
      workflow_ref: ref('sneaky.yml'),
      job_workflow_ref: ref('build.yml'),
    });
  });

  it("runs another repository's reusable workflow only when trusted by its exact pinned ref", async () => {
    const trusted = await exchange(
      s,
      {
        run_id: runIdOf('w3'),
        workflow_ref: ref('release.yml'),
        job_workflow_ref: ref('deploy.yml', 'octo-org/platform'),
      },
      { job: 'deploy', step: 'remote' },
    );
    expect(trusted.status).toBe(200);
    // Recorded under the caller's file, so job-end revocation with a fresh token of that job finds it.
    const fresh = await s.issuer.mint({
      run_id: runIdOf('w3'),
      workflow_ref: ref('release.yml'),
      job_workflow_ref: ref('deploy.yml', 'octo-org/platform'),
    });
    released.push(fresh);
    const revoked = await s.post('/revoke', { subject_token: fresh, job: 'deploy' });
    expect(revoked.body).toMatchObject({ revoked: 1 });
    const moved = await exchange(
      s,
      {
        run_id: runIdOf('w4'),
        workflow_ref: ref('release.yml'),
        job_workflow_ref: ref('deploy.yml', 'octo-org/platform', 'refs/heads/feature'),
      },
      { job: 'deploy', step: 'remote' },
    );
    expect(moved.body.error_description).toMatch(/^ERR_FOREIGN_WORKFLOW: /);
  });
});

describe('broker: dry_run answers from the same path as a real exchange', () => {
  it('says a single-use grant was already claimed in this run attempt (and a dry run claims nothing)', async () => {
    const first = await exchange(s, { run_id: runIdOf('d1') }, { step: 'release', dry_run: 'true' });
    expect(first.body).toMatchObject({ granted: true, dry_run: true });
    expect(first.body.claims_checked).toBeUndefined();
    // The dry run counted no claim: the real exchange of the same attempt is granted.
    expect((await exchange(s, { run_id: runIdOf('d1') }, { step: 'release' })).status).toBe(200);
    const after = await exchange(s, { run_id: runIdOf('d1') }, { step: 'release', dry_run: 'true' });
    expect(after.status).toBe(400);
    expect(after.body.error_description).toBe(
      "ERR_GRANT_ALREADY_CLAIMED: the grant for step 'release' was already claimed 1 time(s) in this run attempt (uses: 1); a real exchange would be refused",
    );
    expect(
      (after.body.conditions as { condition: string; ok: boolean }[]).map((c) => [c.condition, c.ok]),
    ).toEqual([
      ['ref', true],
      ['environments', true],
    ]);
    expect(s.audit.events.at(-1)).toMatchObject({
      type: 'credential.dry_run',
      outcome: 'denied',
      reason: 'ERR_GRANT_ALREADY_CLAIMED',
      step: 'release',
    });
    // Another attempt of the run is a fresh claim.
    expect(
      (await exchange(s, { run_id: runIdOf('d1'), run_attempt: '2' }, { step: 'release', dry_run: 'true' }))
        .status,
    ).toBe(200);
  });

  it('says an OIDC token was already consumed, and does not consume one itself', async () => {
    const used = await s.issuer.mint({ run_id: runIdOf('d2'), environment: 'production' });
    released.push(used);
    expect((await s.token(s.exchangeForm(used, { step: 'release' }))).status).toBe(200);
    const replay = await s.token(s.exchangeForm(used, { step: 'release', dry_run: 'true' }));
    expect(replay.status).toBe(400);
    expect(replay.body.error_description).toMatch(
      /^ERR_OIDC_REPLAYED: .*already exchanged \(replay; a real exchange with it would be refused\)/,
    );
    expect(s.audit.events.at(-1)).toMatchObject({ type: 'credential.dry_run', reason: 'ERR_OIDC_REPLAYED' });
    const fresh = await s.issuer.mint({ run_id: runIdOf('d3'), environment: 'production' });
    released.push(fresh);
    expect((await s.token(s.exchangeForm(fresh, { step: 'release', dry_run: 'true' }))).status).toBe(200);
    expect((await s.token(s.exchangeForm(fresh, { step: 'release' }))).status).toBe(200);
  });

  it("says the kill switch blocks the repository, like the real exchange's gate", async () => {
    const st = await stack();
    const blocked = await st.post(
      '/admin/revoke',
      { repository: 'octo-org/octo-repo' },
      { authorization: 'Bearer secret' },
    );
    expect(blocked.status).toBe(200);
    const r = await exchange(st, { run_id: runIdOf('d4') }, { step: 'release', dry_run: 'true' });
    expect(r.status).toBe(403);
    expect(r.body.error_description).toMatch(/^ERR_BLOCKED: /);
    expect(st.audit.events.at(-1)).toMatchObject({ type: 'credential.dry_run', reason: 'ERR_BLOCKED' });
  });
});

describe('broker: a job-end /revoke token is single use until exp plus the clock tolerance', () => {
  it('refuses the same subject_token past exp but inside a long tolerance (it still verifies)', async () => {
    const st = await startStack({ manifest: MANIFEST, clockTolerance: 600 });
    stacks.push(st);
    const oidc = await st.issuer.mint({ run_id: runIdOf('rv1') }, { expiresIn: 60 });
    released.push(oidc);
    expect((await st.post('/revoke', { subject_token: oidc, job: 'publish' })).status).toBe(200);
    st.clock.offset = 60 + 400; // past exp + 120 s, inside the 600 s tolerance
    const again = await st.post('/revoke', { subject_token: oidc, job: 'publish' });
    expect(again.status).toBe(400);
    expect(String(again.body.error_description)).toMatch(/^ERR_OIDC_REPLAYED/);
  });
});
