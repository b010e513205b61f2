import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { decide, workflowOf } from '../../shared/broker/decide.js';
import { BrokerRefusal } from '../../shared/broker/errors.js';
import { loadManifest, loadOrgPolicy } from '../../shared/manifest/load.js';
import { githubClaims } from '../../shared/standins/oidc-issuer.js';
import type { GithubOidcClaims } from '../../shared/oidc/claims.js';
import { MANIFEST } from '../support/broker.js';

const manifest = loadManifest(MANIFEST, 'm.yml');
const claims = (over: Record<string, unknown> = {}) =>
  githubClaims('https://issuer', 'aud', over) as unknown as GithubOidcClaims;
const rank = { none: 0, read: 1, write: 2 } as const;

describe('decide (pure grant decision)', () => {
  it('grants a GitHub scope iff every requested permission is within the grant (property)', () => {
    const granted = { contents: 'write', issues: 'read' } as const;
    const perm = fc.constantFrom('contents', 'issues', 'pull-requests', 'workflows');
    const level = fc.constantFrom('read', 'write');
    fc.assert(
      fc.property(fc.dictionary(perm, level, { minKeys: 1 }), (req) => {
        const scope = Object.entries(req)
          .map(([p, l]) => `${p}:${l}`)
          .join(' ');
        const within = Object.entries(req).every(
          ([p, l]) =>
            rank[l as 'read' | 'write'] <= rank[(granted as Record<string, 'read' | 'write'>)[p] ?? 'none'],
        );
        try {
          const d = decide({
            claims: claims(),
            request: { audience: 'github', scope, job: 'publish', step: 'release' },
            manifest,
          });
          expect(within).toBe(true);
          expect(d.kind === 'github' && d.permissions).toEqual(req);
        } catch (err) {
          expect(err).toBeInstanceOf(BrokerRefusal);
          expect(within).toBe(false);
          expect((err as BrokerRefusal).error).toBe('invalid_scope');
        }
      }),
    );
  });

  it('takes the workflow from job_workflow_ref, and refuses a workflow of another repository', () => {
    expect(
      workflowOf(
        claims({ job_workflow_ref: 'octo-org/octo-repo/.github/workflows/inner.yml@refs/heads/main' }),
      ).file,
    ).toBe('inner.yml');
    expect(() =>
      decide({
        claims: claims({ job_workflow_ref: 'evil/repo/.github/workflows/release.yml@main' }),
        request: { audience: 'github', scope: '', job: 'publish', step: 'release' },
        manifest,
      }),
    ).toThrow(/ERR_FOREIGN_WORKFLOW/);
  });

  it('caps ttl at the organization ceiling', () => {
    const org = loadOrgPolicy('version: 1\nmax-credential-ttl: 45\n', 'org.yml');
    const d = decide({
      claims: claims(),
      request: { audience: 'https://hooks.example.internal', scope: '', job: 'publish', step: 'notify' },
      manifest,
      org,
    });
    expect(d.ttl).toBe(45);
  });
});

describe('decide: conditions, callers, reach', () => {
  const M = `version: 1
repository: { name: octo-org/octo-repo, id: 100001, owner-id: 200001 }
trusted-workflows:
  - octo-org/platform/.github/workflows/deploy.yml@${'b'.repeat(40)}
workflows:
  release.yml:
    jobs:
      publish:
        credentials:
          - step: release
            audience: github
            permissions: { contents: write, members: read }
            repositories: [self, crown-jewels]
          - step: empty
            audience: github
            permissions: {}
  build.yml:
    callers: [release.yml, ci.yml/build]
    jobs:
      compile:
        credentials:
          - { step: upload, audience: github, permissions: { contents: read } }
`;
  const m = loadManifest(M, 'm.yml');
  const ref = (file: string, at = 'refs/heads/main', repo = 'octo-org/octo-repo') =>
    `${repo}/.github/workflows/${file}@${at}`;
  const req = (over: Partial<{ job: string; step: string; scope: string }> = {}) => ({
    audience: 'github',
    scope: '',
    job: 'publish',
    step: 'release',
    ...over,
  });
  const org = (text: string) => loadOrgPolicy(`version: 1\n${text}`, 'org.yml');
  const refused = (f: () => unknown) => {
    try {
      f();
    } catch (err) {
      return (err as BrokerRefusal).code;
    }
    return 'granted';
  };
  const CONSENT = `allow-cross-repository: [{ from: octo-org/octo-repo, to: [crown-jewels] }]
allow-organization-permissions: [{ from: 'octo-org/*', permissions: { members: read } }]
`;

  it('the default branch comes from the manifest source, else repository.default-branch, else main', () => {
    const d = (c: Record<string, unknown>, defaultBranch?: string) =>
      refused(() =>
        decide({
          claims: claims(c),
          request: req(),
          manifest: m,
          org: org(CONSENT),
          ...(defaultBranch ? { defaultBranch } : {}),
        }),
      );
    expect(d({})).toBe('granted');
    expect(d({}, 'trunk')).toBe('ERR_CONDITION_REF');
    expect(d({ ref: 'refs/heads/trunk' }, 'trunk')).toBe('granted');
    const trunk = loadManifest(
      M.replace('owner-id: 200001', 'owner-id: 200001, default-branch: trunk'),
      'm.yml',
    );
    expect(
      refused(() => decide({ claims: claims(), request: req(), manifest: trunk, org: org(CONSENT) })),
    ).toBe('ERR_CONDITION_REF');
  });

  it('refuses a token without event_name, workflow_ref or job_workflow_ref', () => {
    for (const missing of ['event_name', 'workflow_ref', 'job_workflow_ref']) {
      const c = claims() as Record<string, unknown>;
      delete c[missing];
      expect(refused(() => decide({ claims: c as GithubOidcClaims, request: req(), manifest: m }))).toBe(
        'ERR_CLAIM_MISSING',
      );
    }
  });

  it('reach beyond the repository needs consent; mode: audit grants and reports it', () => {
    expect(refused(() => decide({ claims: claims(), request: req(), manifest: m }))).toBe(
      'ERR_CROSS_REPOSITORY_NOT_ALLOWED',
    );
    expect(
      refused(() =>
        decide({
          claims: claims(),
          request: req({ scope: 'members:read' }),
          manifest: m,
          org: org(CONSENT.split('\n')[0]!),
        }),
      ),
    ).toBe('ERR_ORGANIZATION_PERMISSION_NOT_ALLOWED');
    const d = decide({ claims: claims(), request: req(), manifest: m, org: org(CONSENT) });
    expect(d.kind === 'github' && d.repositories).toEqual(['octo-repo', 'crown-jewels']);
    expect(d.policyAudit).toBeUndefined();
    const audit = decide({
      claims: claims(),
      request: req(),
      manifest: m,
      org: org('allow-cross-repository: { mode: audit }\nallow-organization-permissions: { mode: audit }\n'),
    });
    expect(audit.policyAudit?.map((p) => p.code)).toEqual([
      'ERR_CROSS_REPOSITORY_NOT_ALLOWED',
      'ERR_ORGANIZATION_PERMISSION_NOT_ALLOWED',
    ]);
  });

  it('refuses an empty permission set (GitHub would mint every installed permission)', () => {
    expect(refused(() => decide({ claims: claims(), request: req({ step: 'empty' }), manifest: m }))).toBe(
      'ERR_SCOPE_NOT_GRANTED',
    );
  });

  it('reusable workflows: listed callers only, at the caller ref; a FILE/JOB entry needs a verified job', () => {
    const call = (caller: string, callee: string, callerJob?: string) =>
      refused(() =>
        decide({
          claims: claims({ workflow_ref: caller, job_workflow_ref: callee }),
          request: req({ job: 'compile', step: 'upload' }),
          manifest: m,
          ...(callerJob ? { callerJob } : {}),
        }),
      );
    expect(call(ref('release.yml'), ref('build.yml'))).toBe('granted');
    expect(call(ref('other.yml'), ref('build.yml'))).toBe('ERR_CALLER_NOT_ALLOWED');
    expect(call(ref('ci.yml'), ref('build.yml'))).toBe('ERR_CALLER_NOT_ALLOWED');
    expect(call(ref('ci.yml'), ref('build.yml'), 'test')).toBe('ERR_CALLER_NOT_ALLOWED');
    expect(call(ref('ci.yml'), ref('build.yml'), 'build')).toBe('granted');
    expect(call(ref('release.yml'), ref('build.yml', 'refs/heads/attacker'))).toBe(
      'ERR_WORKFLOW_REF_MISMATCH',
    );
    // A workflow calling itself at another ref is not "the same workflow".
    expect(
      refused(() =>
        decide({
          claims: claims({ job_workflow_ref: ref('release.yml', 'refs/heads/attacker') }),
          request: req(),
          manifest: m,
          org: org(CONSENT),
        }),
      ),
    ).toBe('ERR_WORKFLOW_REF_MISMATCH');
  });

  it('trusted workflows of another repository: exact pinned job_workflow_ref, grants of the caller', () => {
    const run = (callee: string) =>
      refused(() =>
        decide({
          claims: claims({ job_workflow_ref: callee }),
          request: req(),
          manifest: m,
          org: org(CONSENT),
        }),
      );
    expect(run(ref('deploy.yml', 'b'.repeat(40), 'octo-org/platform'))).toBe('granted');
    expect(run(ref('deploy.yml', 'c'.repeat(40), 'octo-org/platform'))).toBe('ERR_FOREIGN_WORKFLOW');
    expect(run(ref('deploy.yml', 'refs/heads/main', 'octo-org/platform'))).toBe('ERR_FOREIGN_WORKFLOW');
  });

  it('narrow-only: the organization grant is the source, the manifest narrows it, both conditions apply', () => {
    const narrow = org(`${CONSENT}repository-manifests: narrow-only
grants:
  - repository: 'octo-org/*'
    workflow: release.yml
    job: publish
    credentials:
      - step: release
        audience: github
        permissions: { contents: read, members: read, issues: write }
        repositories: [self, crown-jewels]
        ttl: 120
        when: { event: [push] }
`);
    const d = decide({ claims: claims(), request: req(), manifest: m, org: narrow });
    expect(d.kind === 'github' && d.permissions).toEqual({ contents: 'read', members: 'read' });
    expect(d.ttl).toBe(120);
    expect(
      refused(() =>
        decide({
          claims: claims({ event_name: 'workflow_dispatch' }),
          request: req(),
          manifest: m,
          org: narrow,
        }),
      ),
    ).toBe('ERR_CONDITION_EVENT');
    expect(
      refused(() =>
        decide({
          claims: claims({ workflow_ref: ref('release.yml'), job_workflow_ref: ref('build.yml') }),
          request: req({ job: 'compile', step: 'upload' }),
          manifest: m,
          org: narrow,
        }),
      ),
    ).toBe('ERR_NO_ORG_GRANT');
  });

  it('narrow-only: an organization grant pinned to a repository id is not inherited by a new repository reusing the name', () => {
    const pinned = (id: string) =>
      org(`${CONSENT}repository-manifests: narrow-only
grants:
  - repository: octo-org/octo-repo
    workflow: release.yml
    job: publish
    credentials:
      - step: release
        audience: github
        permissions: { contents: read }
        when: { claims: { repository_id: '${id}' } }
`);
    const ok = decide({
      claims: claims(),
      request: req({ scope: 'contents:read' }),
      manifest: m,
      org: pinned('100001'),
    });
    expect(ok.kind === 'github' && ok.permissions).toEqual({ contents: 'read' });
    // Same name, another repository (the first was renamed, then the name reused).
    expect(
      refused(() =>
        decide({
          claims: claims(),
          request: req({ scope: 'contents:read' }),
          manifest: m,
          org: pinned('100002'),
        }),
      ),
    ).toBe('ERR_CONDITION_CLAIM');
  });

  it('records every condition verdict in the trace, also on refusal', () => {
    const trace: import('../../shared/conditions/verdict.js').ConditionVerdict[] = [];
    expect(
      refused(() => decide({ claims: claims({ ref: 'refs/heads/x' }), request: req(), manifest: m }, trace)),
    ).toBe('ERR_CONDITION_REF');
    expect(trace.map((v) => [v.condition, v.ok])).toEqual([['ref', false]]);
  });
});

describe('decide: several organization policies (local file and OWNER/.github) each apply', () => {
  const M = `version: 1
repository: { name: octo-org/octo-repo, id: 100001, owner-id: 200001 }
workflows:
  release.yml:
    jobs:
      publish:
        credentials:
          - { step: release, audience: github, permissions: { contents: write, members: read }, repositories: [self, jewels], ttl: 600 }
`;
  const m = loadManifest(M, 'm.yml');
  const org = (text: string, file: string) => loadOrgPolicy(`version: 1\n${text}`, file);
  const ALLOW = `allow-cross-repository: [{ from: octo-org/octo-repo, to: [jewels] }]
allow-organization-permissions: [{ from: octo-org/*, permissions: { members: read } }]
`;
  const run = (orgs: ReturnType<typeof org>[], scope = 'contents:write members:read') => {
    try {
      const d = decide({
        claims: claims(),
        request: { audience: 'github', scope, job: 'publish', step: 'release' },
        manifest: m,
        orgs,
      });
      return `granted ttl ${d.ttl}`;
    } catch (err) {
      expect(err).toBeInstanceOf(BrokerRefusal);
      return (err as BrokerRefusal).message;
    }
  };

  it('a consent must be given by every policy', () => {
    expect(run([org(ALLOW, 'a.yml'), org(ALLOW, 'b.yml')])).toBe('granted ttl 600');
    expect(run([org(ALLOW, 'a.yml'), org('', 'b.yml')])).toMatch(
      /^ERR_CROSS_REPOSITORY_NOT_ALLOWED: .*\(b\.yml\)/,
    );
    expect(run([org('', 'a.yml'), org(ALLOW, 'b.yml')])).toMatch(
      /^ERR_CROSS_REPOSITORY_NOT_ALLOWED: .*\(a\.yml\)/,
    );
    // One policy's rule in audit mode reports; the other's consent still counts.
    const audit = `allow-cross-repository: { mode: audit, allow: [] }
allow-organization-permissions: [{ from: octo-org/*, permissions: { members: read } }]
`;
    expect(run([org(ALLOW, 'a.yml'), org(audit, 'b.yml')])).toBe('granted ttl 600');
  });

  it('the stricter ceiling, ttl and forbidden triggers win, whichever policy sets them', () => {
    expect(
      run([
        org(`${ALLOW}max-credential-ttl: 300\n`, 'a.yml'),
        org(`${ALLOW}max-credential-ttl: 60\n`, 'b.yml'),
      ]),
    ).toBe('granted ttl 60');
    expect(
      run([
        org(ALLOW, 'a.yml'),
        org(`${ALLOW}max-credential-permissions: { contents: read, members: read }\n`, 'b.yml'),
      ]),
    ).toMatch(
      /^ERR_ORG_CEILING: contents:write is above the organization ceiling \(contents: read, b\.yml:4\)/,
    );
    expect(run([org(`${ALLOW}forbidden-triggers: [push]\n`, 'a.yml'), org(ALLOW, 'b.yml')])).toMatch(
      /^ERR_ORG_CEILING: event 'push' is forbidden by the organization policy \(a\.yml:4\)/,
    );
  });

  it('narrow-only in either policy needs that policy grant, narrowed by it', () => {
    const narrow = `${ALLOW}repository-manifests: narrow-only
grants:
  - repository: octo-org/octo-repo
    workflow: release.yml
    job: publish
    credentials:
      - { step: release, audience: github, permissions: { contents: read, members: read }, repositories: [self, jewels], ttl: 120 }
`;
    expect(run([org(ALLOW, 'a.yml'), org(narrow, 'b.yml')], 'contents:read members:read')).toBe(
      'granted ttl 120',
    );
    expect(run([org(ALLOW, 'a.yml'), org(narrow, 'b.yml')])).toMatch(
      /^ERR_SCOPE_NOT_GRANTED: contents:write/,
    );
    expect(run([org(`${ALLOW}repository-manifests: narrow-only\n`, 'a.yml'), org(narrow, 'b.yml')])).toMatch(
      /^ERR_NO_ORG_GRANT: the organization policy \(a\.yml\) is narrow-only/,
    );
  });
});

describe('decide: the trace lists every condition, also when the trigger is refused', () => {
  it('a refused event still lists the grant conditions (explain, dry_run); the refusal is the trigger', () => {
    const m = loadManifest(
      `version: 1
repository: { name: octo-org/octo-repo, id: 100001, owner-id: 200001 }
workflows:
  release.yml:
    triggers: [push]
    jobs:
      publish:
        credentials:
          - { step: release, audience: github, permissions: { contents: read }, when: { event: [push] } }
`,
      'm.yml',
    );
    const trace: import('../../shared/conditions/verdict.js').ConditionVerdict[] = [];
    const run = (job: string, step: string) => () =>
      decide(
        {
          claims: claims({ event_name: 'workflow_dispatch' }),
          request: { audience: 'github', scope: '', job, step },
          manifest: m,
        },
        trace,
      );
    expect(run('publish', 'release')).toThrow(
      /^ERR_TRIGGER_NOT_ALLOWED: event 'workflow_dispatch' is not allowed for release\.yml/,
    );
    expect(trace.map((v) => [v.condition, v.ok])).toEqual([
      ['ref', true],
      ['event', false],
    ]);
    // Without a grant to judge, the trigger refusal still comes first.
    expect(run('publish', 'nope')).toThrow(/^ERR_TRIGGER_NOT_ALLOWED/);
    expect(run('nope', 'release')).toThrow(/^ERR_TRIGGER_NOT_ALLOWED/);
  });
});
