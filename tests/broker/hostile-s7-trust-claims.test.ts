/**
 * Hostile review (session 7), claim confusion against the real broker (local issuer with its JWKS,
 * GitHub stand-in, broker on 127.0.0.1). The attacker controls a branch, a tag, a pull request, a
 * workflow file or the claims of a token the issuer signs (not the issuer's key): refs that name one
 * thing while the code runs at another, tag/branch confusion, malformed refs, events triggered by
 * outsiders, repository names and ids, owners moved. Every refusal: its code, an audit line, no 5xx,
 * and no token text in any response or audit line.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { auditEventSchema } from '../../shared/audit/event.js';
import { startStack, type Stack, errorCode } from '../support/broker.js';
import { runIdOf } from '../support/run-ids.js';

const HOOKS = 'https://hooks.example.internal';
const G = (step = 'notify', when = '') =>
  `{ step: ${step}, audience: ${HOOKS}, scope: [notify:send], uses: 100, ttl: 60${when ? `, when: ${when}` : ''} }`;

const MANIFEST = `version: 1
repository: { name: octo-org/octo-repo, id: 100001, owner-id: 200001 }
trusted-workflows:
  - platform-org/shared/.github/workflows/deploy.yml@refs/tags/v1
workflows:
  release.yml:
    triggers: [push, workflow_dispatch, pull_request, pull_request_target, issue_comment, workflow_run]
    jobs:
      publish:
        credentials:
          - ${G()}
      tagged:
        credentials:
          - ${G('notify', "{ ref: ['refs/tags/v*'] }")}
      releases:
        credentials:
          - ${G('notify', "{ ref: ['refs/heads/release/*'] }")}
      prt:
        credentials:
          - ${G('notify', '{ event: [pull_request_target] }')}
      anyevent:
        when: { event: ['*'] }
        credentials:
          - ${G()}
  build.yml:
    callers: [release.yml]
    jobs:
      compile:
        credentials:
          - ${G()}
`;

let s: Stack;
const secrets = new Set<string>();
const statuses: number[] = [];
const bodies: string[] = [];
let runs = 0;

beforeAll(async () => {
  s = await startStack({ manifest: MANIFEST });
});
afterAll(async () => {
  try {
    expect(statuses.filter((x) => x >= 500)).toEqual([]);
    const audit = JSON.stringify(s.audit.events);
    for (const t of secrets) {
      expect(audit.includes(t)).toBe(false);
      for (const b of bodies) expect(b.includes(t)).toBe(false);
    }
    for (const e of s.audit.events) expect(auditEventSchema.safeParse(e).success).toBe(true);
  } finally {
    await s.close();
  }
});

const now = () => Math.floor(Date.now() / 1000);
const WF = (file: string, ref: string, repo = 'octo-org/octo-repo') =>
  `${repo}/.github/workflows/${file}@${ref}`;

/**
 * A token whose claims are GitHub's for `ref` (workflow_ref and job_workflow_ref at that ref, the
 * ref_type GitHub gives it), then `over`, signed by the issuer's own key. Members set to undefined are
 * left out.
 */
async function token(over: Record<string, unknown> = {}, ref = 'refs/heads/main'): Promise<string> {
  const t = now();
  const c = {
    ...s.issuer.claims({ ref }),
    ref_type: ref.startsWith('refs/tags/') ? 'tag' : 'branch',
    run_id: runIdOf(`s7c-${++runs}`),
    iat: t,
    nbf: t,
    exp: t + 300,
    ...over,
  };
  const tok = await s.issuer.mintRaw(JSON.stringify(c));
  secrets.add(tok);
  return tok;
}

async function exchange(tok: string, form: Record<string, string> = {}) {
  const r = await s.token(s.exchangeForm(tok, { audience: HOOKS, step: 'notify', ...form }));
  statuses.push(r.status);
  if (r.status >= 400) bodies.push(JSON.stringify(r.body));
  if (typeof r.body.access_token === 'string') secrets.add(r.body.access_token);
  return r;
}

async function refused(tok: string, expected: string, form: Record<string, string> = {}) {
  const before = s.audit.events.length;
  const r = await exchange(tok, form);
  expect([r.status, errorCode(r)]).toEqual([400, expected]);
  const lines = s.audit.events.slice(before);
  expect(lines.map((e) => e.reason)).toContain(expected);
  return r;
}

async function granted(tok: string, form: Record<string, string> = {}) {
  const r = await exchange(tok, form);
  expect([r.status, errorCode(r)]).toEqual([200, '']);
  return r;
}

describe('the ref the code runs at is the ref the grant is judged on', () => {
  it('a token whose ref says main while its workflow runs at a branch is refused; consistent main is granted', async () => {
    await granted(await token());
    const r = await refused(
      await token({
        workflow_ref: WF('release.yml', 'refs/heads/attacker'),
        job_workflow_ref: WF('release.yml', 'refs/heads/attacker'),
      }),
      'ERR_CONDITION_REF',
    );
    expect(String(r.body.error_description)).toMatch(/workflow_ref/);
    expect(String(r.body.error_description)).toMatch(/refs\/heads\/attacker/);
    // The same with an explicit when.ref: the code at refs/heads/attacker is not a release branch's.
    await refused(
      await token(
        {
          workflow_ref: WF('release.yml', 'refs/heads/attacker'),
          job_workflow_ref: WF('release.yml', 'refs/heads/attacker'),
        },
        'refs/heads/release/1',
      ),
      'ERR_CONDITION_REF',
      { job: 'releases' },
    );
  });

  it('a reusable workflow of the repository at the caller ref is granted; at another ref refused', async () => {
    await granted(await token({ job_workflow_ref: WF('build.yml', 'refs/heads/main') }), { job: 'compile' });
    await refused(
      await token({ job_workflow_ref: WF('build.yml', 'refs/heads/attacker') }),
      'ERR_WORKFLOW_REF_MISMATCH',
      { job: 'compile' },
    );
  });

  it('ref_type must agree with the ref: a tag token naming a branch ref, or the reverse, is refused', async () => {
    await refused(await token({ ref_type: 'tag' }), 'ERR_CONDITION_REF');
    await refused(await token({ ref_type: 'branch' }, 'refs/tags/v1.0.0'), 'ERR_CONDITION_REF', {
      job: 'tagged',
    });
    await granted(await token({}, 'refs/tags/v1.0.0'), { job: 'tagged' });
    // A tag named like the default branch is not the default branch.
    await refused(await token({}, 'refs/tags/main'), 'ERR_CONDITION_REF');
  });

  it.each([
    ['a trailing slash', 'refs/heads/main/'],
    ['a doubled slash', 'refs/heads//main'],
    ['a dot-dot segment', 'refs/heads/main/..'],
    ['percent-encoding', 'refs/heads/m%61in'],
    ['a Cyrillic a', 'refs/heads/m\u0430in'],
    ['a trailing space', 'refs/heads/main '],
    ['a fullwidth slash', 'refs/heads\uff0fmain'],
    ['upper case', 'refs/heads/MAIN'],
    ['no refs/ prefix', 'heads/main'],
    ['the bare branch name', 'main'],
    ['a very long ref', `refs/heads/main${'/x'.repeat(900)}`],
  ])('the default branch with %s is refused (ERR_CONDITION_REF)', async (_n, ref) => {
    await refused(await token({}, ref), 'ERR_CONDITION_REF');
  });

  it('the default branch with a NUL byte is refused by the verifier (a control character, session 26)', async () => {
    await refused(await token({}, 'refs/heads/main\u0000'), 'ERR_OIDC_CLAIM_INVALID');
  });

  it.each([
    ['a nested branch', 'refs/heads/release/1/evil'],
    ['an empty last segment', 'refs/heads/release/'],
    ['a dot-dot last segment', 'refs/heads/release/..'],
    ['a dot last segment', 'refs/heads/release/.'],
    ['a .lock suffix', 'refs/heads/release/1.lock'],
    ['an @{ sequence', 'refs/heads/release/a@{1}'],
    ['a backslash', 'refs/heads/release/a\\b'],
    ['a tag of the same name', 'refs/tags/release/1'],
    ['a glob character in the ref itself', 'refs/heads/release/*'],
  ])('when.ref refs/heads/release/* and a ref with %s is refused', async (_n, ref) => {
    await refused(await token({}, ref), 'ERR_CONDITION_REF', { job: 'releases' });
  });

  it('a well-formed release branch is granted', async () => {
    await granted(await token({}, 'refs/heads/release/1.2'), { job: 'releases' });
  });
});

describe('events triggered from outside the repository', () => {
  it.each([
    ['pull_request_target (a fork pull request runs the base branch)', 'pull_request_target'],
    ['workflow_run (after a fork pull request)', 'workflow_run'],
    ['issue_comment (anyone may comment)', 'issue_comment'],
  ])('%s on the default branch is refused without a when.event naming it', async (_n, event_name) => {
    const r = await refused(
      await token({ event_name, head_ref: 'attacker', base_ref: 'main' }),
      'ERR_CONDITION_EVENT',
    );
    expect(String(r.body.error_description)).toMatch(new RegExp(`${event_name}.*when\\.event`));
  });

  it('named by the grant (or by a job when.event), the event is granted', async () => {
    await granted(await token({ event_name: 'pull_request_target' }), { job: 'prt' });
    await granted(await token({ event_name: 'issue_comment' }), { job: 'anyevent' });
    // The named event does not open another: push for the prt grant is refused.
    await refused(await token({ event_name: 'push' }), 'ERR_CONDITION_EVENT', { job: 'prt' });
  });

  it('a pull request from a branch of the repository runs at refs/pull/N/merge: refused', async () => {
    await refused(
      await token(
        { event_name: 'pull_request', head_ref: 'attacker', base_ref: 'main' },
        'refs/pull/9/merge',
      ),
      'ERR_CONDITION_REF',
    );
    // Even when its base_ref and head_ref name the default branch.
    await refused(
      await token({ event_name: 'pull_request', head_ref: 'main', base_ref: 'main' }, 'refs/pull/9/merge'),
      'ERR_CONDITION_REF',
    );
  });
});

describe('repository, owner and their ids', () => {
  it('owner and repository in another case: the case-sensitive manifest directory has no manifest under that spelling, never another repository grants', async () => {
    // The manifest directory is case-sensitive: the other spelling finds no manifest; never another's grants.
    const r = await exchange(
      await token({
        repository: 'Octo-Org/Octo-Repo',
        sub: 'repo:Octo-Org/Octo-Repo:ref:refs/heads/main',
        repository_owner: 'Octo-Org',
        workflow_ref: WF('release.yml', 'refs/heads/main', 'Octo-Org/Octo-Repo'),
        job_workflow_ref: WF('release.yml', 'refs/heads/main', 'Octo-Org/Octo-Repo'),
      }),
    );
    expect([r.status, errorCode(r)]).toEqual([400, 'ERR_NO_MANIFEST']);
  });

  it.each([
    [
      'another repository id under the same name (re-created)',
      { repository_id: '100002' },
      'ERR_REPOSITORY_ID_MISMATCH',
    ],
    [
      'another owner id (transferred, or a re-created owner)',
      { repository_owner_id: '200002' },
      'ERR_OWNER_ID_MISMATCH',
    ],
    // Refused by the verifier since session 27 (it was the manifest's id mismatch): GitHub writes no
    // leading zero, and `0100001` would be another store key for repository 100001.
    ['a repository id with leading zeros', { repository_id: '0100001' }, 'ERR_OIDC_CLAIM_INVALID'],
    ['a repository id as a number', { repository_id: 100001 }, 'ERR_OIDC_CLAIM_MISSING'],
    ['an owner id as a number', { repository_owner_id: 200001 }, 'ERR_OIDC_CLAIM_MISSING'],
    ['a repository id with a sign', { repository_id: '+100001' }, 'ERR_OIDC_CLAIM_INVALID'],
    ['a repository id with spaces', { repository_id: ' 100001' }, 'ERR_OIDC_CLAIM_INVALID'],
    [
      'repository_owner not the owner of repository',
      { repository_owner: 'evil-org' },
      'ERR_OIDC_CLAIM_INVALID',
    ],
    ['no repository_id', { repository_id: undefined }, 'ERR_OIDC_CLAIM_MISSING'],
    ['no repository_owner_id', { repository_owner_id: undefined }, 'ERR_OIDC_CLAIM_MISSING'],
  ])('%s -> %s', async (_n, over, expected) => {
    await refused(await token(over), expected);
  });

  it('a renamed repository (same ids, new name) keeps nothing it was not granted: the manifest of the new name decides', async () => {
    const r = await exchange(
      await token({
        repository: 'octo-org/renamed',
        sub: 'repo:octo-org/renamed:ref:refs/heads/main',
        workflow_ref: WF('release.yml', 'refs/heads/main', 'octo-org/renamed'),
        job_workflow_ref: WF('release.yml', 'refs/heads/main', 'octo-org/renamed'),
      }),
    );
    expect(r.status).toBe(400);
    expect(errorCode(r)).toBe('ERR_NO_MANIFEST');
  });
});

describe('claims of the wrong JSON type', () => {
  it.each([
    ['ref as an array', { ref: ['refs/heads/main'] }],
    ['ref as an object', { ref: { name: 'refs/heads/main' } }],
    ['ref null', { ref: null }],
    ['ref a number', { ref: 1 }],
    ['ref true', { ref: true }],
    ['event_name as an array', { event_name: ['push'] }],
    ['workflow_ref as an array', { workflow_ref: [WF('release.yml', 'refs/heads/main')] }],
    ['job_workflow_ref null', { job_workflow_ref: null }],
    ['ref_type a boolean', { ref_type: true }],
    ['environment an object', { environment: { name: 'production' } }],
    ['run_id a number', { run_id: 5 }],
    ['run_attempt a number', { run_attempt: 1 }],
    ['sub a number', { sub: 7 }],
    ['jti a number', { jti: 7 }],
    ['actor_id a number', { actor_id: 583231 }],
  ])('%s -> ERR_OIDC_CLAIM_INVALID', async (_n, over) => {
    const r = await exchange(await token(over));
    expect(r.status).toBe(400);
    expect(['ERR_OIDC_CLAIM_INVALID', 'ERR_OIDC_CLAIM_MISSING']).toContain(errorCode(r));
  });

  it('an empty ref is a missing ref', async () => {
    await refused(await token({ ref: '' }), 'ERR_CLAIM_MISSING');
  });
});

describe('reusable workflows of another repository', () => {
  it('a pinned trusted workflow runs with the caller file grants; the same file at a branch, or another repository, is refused', async () => {
    await granted(await token({ job_workflow_ref: WF('deploy.yml', 'refs/tags/v1', 'platform-org/shared') }));
    await refused(
      await token({ job_workflow_ref: WF('deploy.yml', 'refs/heads/main', 'platform-org/shared') }),
      'ERR_FOREIGN_WORKFLOW',
    );
    await refused(
      await token({ job_workflow_ref: WF('deploy.yml', 'refs/tags/v1', 'Platform-Org/shared') }),
      'ERR_FOREIGN_WORKFLOW',
    );
    await refused(
      await token({ job_workflow_ref: WF('deploy.yml', 'refs/tags/v1', 'evil-org/shared') }),
      'ERR_FOREIGN_WORKFLOW',
    );
  });

  it('a workflow_ref of another repository (the caller is not ours) is refused', async () => {
    await refused(
      await token({ workflow_ref: WF('release.yml', 'refs/heads/main', 'evil-org/octo-repo') }),
      'ERR_CLAIM_WORKFLOW_REF',
    );
  });
});
