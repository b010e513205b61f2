/**
 * Hostile review (session 7), the manifest's grants and the organization policy against the real
 * broker: two grants for one step and audience, a step naming another job's grant, reach beyond the
 * repository with and without consent (a rule pinned to another repository id), organization grants
 * under narrow-only (their conditions, their ceiling, the narrower wins), and audiences matched
 * exactly. Every refusal: its code, an audit line, no 5xx.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { auditEventSchema } from '../../shared/audit/event.js';
import { startStack, type Stack, errorCode } from '../support/broker.js';
import { runIdOf } from '../support/run-ids.js';

const HOOKS = 'https://hooks.example.internal';

const MANIFEST = `version: 1
repository: { name: octo-org/octo-repo, id: 100001, owner-id: 200001 }
workflows:
  release.yml:
    triggers: [push, workflow_dispatch]
    jobs:
      publish:
        credentials:
          - { step: other, audience: github, permissions: { contents: read }, repositories: [self, other-repo], uses: 100 }
          - { step: selfcase, audience: github, permissions: { contents: read }, repositories: [OCTO-REPO], uses: 100 }
          - { step: members, audience: github, permissions: { members: read }, uses: 100 }
          - { step: release, audience: github, permissions: { contents: write, issues: write }, uses: 100, ttl: 600 }
          - { step: notify, audience: ${HOOKS}, scope: [notify:send], uses: 100 }
      build:
        credentials:
          - { step: compile, audience: ${HOOKS}, scope: [build], uses: 100 }
`;

const ORG = `version: 1
repository-manifests: narrow-only
max-credential-ttl: 120
allow-cross-repository:
  - { from: octo-org/octo-repo, repository-id: '999', to: [other-repo] }
grants:
  - repository: octo-org/*
    workflow: release.yml
    job: publish
    credentials:
      - { step: release, audience: github, permissions: { contents: read, issues: write }, ttl: 300 }
      - { step: notify, audience: ${HOOKS}, scope: [notify:send], when: { event: [workflow_dispatch] } }
`;

let s: Stack;
let org: Stack;
let runs = 0;
const statuses: number[] = [];

beforeAll(async () => {
  // A generous GitHub deadline: the stand-in's first answer compiles its OpenAPI validator, slow on a busy machine.
  s = await startStack({ manifest: MANIFEST, app: { timeoutMs: 60_000 } });
  org = await startStack({ manifest: MANIFEST, org: ORG, app: { timeoutMs: 60_000 } });
});
afterAll(async () => {
  try {
    expect(statuses.filter((x) => x >= 500)).toEqual([]);
    for (const st of [s, org])
      for (const e of st.audit.events) expect(auditEventSchema.safeParse(e).success).toBe(true);
  } finally {
    await s.close();
    await org.close();
  }
});

async function exchange(st: Stack, form: Record<string, string>, claims: Record<string, unknown> = {}) {
  const t = await st.issuer.mint({ run_id: runIdOf(`s7g-${++runs}`), ...claims });
  const r = await st.token(st.exchangeForm(t, form));
  statuses.push(r.status);
  return r;
}
async function refused(
  st: Stack,
  form: Record<string, string>,
  expected: string,
  claims: Record<string, unknown> = {},
) {
  const before = st.audit.events.length;
  const r = await exchange(st, form, claims);
  expect([r.status, errorCode(r)]).toEqual([400, expected]);
  expect(st.audit.events.slice(before).map((e) => e.reason)).toContain(expected);
  return r;
}

describe('grants of the repository manifest', () => {
  it('two grants for one step and audience: the manifest is refused where it is read (never the first silently)', async () => {
    const twice = MANIFEST.replace(
      'credentials:\n',
      `credentials:\n          - { step: twice, audience: ${HOOKS}, scope: [deploy], when: { ref: ['refs/tags/v*'] } }\n          - { step: twice, audience: ${HOOKS}, scope: [deploy, admin] }\n`,
    );
    const st = await startStack({ manifest: twice });
    try {
      const t = await st.issuer.mint({ run_id: runIdOf(`s7g-${++runs}`) });
      const r = await st.token(st.exchangeForm(t, { audience: HOOKS, step: 'twice' }));
      expect([r.status, errorCode(r)]).toEqual([400, 'ERR_MANIFEST_INVALID']);
      expect(String(r.body.error_description)).toMatch(/second grant for step 'twice'/);
    } finally {
      await st.close();
    }
  });

  it("a step naming another job's grant, or a grant of another audience, finds none", async () => {
    await refused(s, { audience: HOOKS, step: 'compile' }, 'ERR_NO_GRANT');
    await refused(s, { audience: 'github', step: 'notify' }, 'ERR_NO_GRANT');
    await refused(s, { audience: HOOKS, step: 'release' }, 'ERR_NO_GRANT');
    await refused(s, { audience: HOOKS, step: 'Notify' }, 'ERR_NO_GRANT');
    await refused(s, { audience: HOOKS, step: 'notify ' }, 'ERR_NO_GRANT');
  });

  it('without an organization policy nothing reaches beyond the repository; the own name in any ASCII case is self', async () => {
    await refused(s, { step: 'other' }, 'ERR_CROSS_REPOSITORY_NOT_ALLOWED');
    await refused(s, { step: 'members' }, 'ERR_ORGANIZATION_PERMISSION_NOT_ALLOWED');
    const r = await exchange(s, { step: 'selfcase' });
    expect(r.status).toBe(200);
    const minted = s.gh.state.tokens.at(-1)!;
    expect(minted.repositories).toEqual(['octo-repo']);
  });
});

describe('an organization policy (narrow-only)', () => {
  it('a consent pinned to another repository id is no consent, and says so', async () => {
    const r = await refused(org, { step: 'other' }, 'ERR_NO_ORG_GRANT');
    expect(r.status).toBe(400);
    // Reach is judged for grants the organization makes; without one the step has nothing to narrow.
  });

  it('the narrower of the two grants is issued, under the organization ttl ceiling', async () => {
    const r = await exchange(org, { step: 'release' });
    expect(r.status).toBe(200);
    expect(r.body.scope).toBe('contents:read issues:write');
    expect(Number(r.body.expires_in)).toBeLessThanOrEqual(120);
    await refused(org, { step: 'release', scope: 'contents:write' }, 'ERR_SCOPE_NOT_GRANTED');
  });

  it("the organization grant's conditions hold too: notify only on workflow_dispatch", async () => {
    await refused(org, { audience: HOOKS, step: 'notify' }, 'ERR_CONDITION_EVENT');
    const r = await exchange(org, { audience: HOOKS, step: 'notify' }, { event_name: 'workflow_dispatch' });
    expect(r.status).toBe(200);
  });

  it('a grant the organization does not make is refused whatever the manifest says', async () => {
    await refused(org, { audience: HOOKS, step: 'compile', job: 'build' }, 'ERR_NO_ORG_GRANT');
    await refused(org, { step: 'members' }, 'ERR_NO_ORG_GRANT');
  });
});
