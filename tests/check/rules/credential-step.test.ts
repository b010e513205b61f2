import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { credentialAction } from '../../../shared/check/rules/credential-step.js';
import { decide } from '../../../shared/broker/decide.js';
import { BrokerRefusal } from '../../../shared/broker/errors.js';
import { findingsOf, manifest, wf, y } from '../../support/repo.js';
import { runCheck } from '../../../shared/check/run.js';

const rule = 'credential-step';
const RUN = 'stepwarden/stepwarden/actions/run@0123456789abcdef0123456789abcdef01234567';

const workflow = (opts: {
  uses?: string;
  id?: string | null;
  with?: string;
  perms?: string;
  on?: string;
}) => y`
  on: ${opts.on ?? 'push'}
  jobs:
    release:
      permissions: ${opts.perms ?? '{ contents: read, id-token: write }'}
      runs-on: ubuntu-latest
      steps:
        - ${opts.id === null ? '' : `id: ${opts.id ?? 'publish'}\n          `}uses: ${opts.uses ?? RUN}
          with: { broker-url: "https://b.example", ${opts.with ?? 'audience: github, scope: "contents:write"'} }
`;

const grants = (credentials: string, extra = '') => y`
  version: 1
  repository: { name: o/r, id: 11, owner-id: 22 }
  workflows:
    release.yml:
      ${extra}jobs:
        release:
          permissions: { contents: read, id-token: write }
          credentials:
${credentials}
`;
const githubGrant = (perms: string, step = 'publish') =>
  `            - { step: ${step}, audience: github, permissions: ${perms}, repositories: [self] }`;

describe(rule, () => {
  it('recognizes this repository’s run/exchange actions at any owner and ref, and local checkouts', () => {
    for (const u of [
      RUN,
      'stepwarden/stepwarden/actions/exchange@v0',
      'My-Org/StepWarden/actions/run@main',
      './actions/run',
      './vendor/stepwarden/actions/exchange',
    ])
      expect([u, credentialAction(u)]).toEqual([u, expect.stringMatching(/^(run|exchange)$/)]);
    for (const u of [
      'stepwarden/stepwarden/actions/runner@v0',
      'stepwarden/stepwarden-fork/actions/run@v0',
      'stepwarden/stepwarden/actions/audit@v0',
      'stepwarden/stepwarden@v0',
      'evil/stepwarden/actions/run',
      './actions/run-other',
      'docker://stepwarden/actions/run',
    ])
      expect([u, credentialAction(u)]).toEqual([u, undefined]);
  });

  it('flags a scope above the grant with the broker’s refusal code, at the step', () => {
    const fs = findingsOf(rule, { 'release.yml': workflow({}) }, grants(githubGrant('{ contents: read }')));
    expect(fs.map((f) => [f.subject, f.line, f.job])).toEqual([['publish', 7, 'release']]);
    expect(fs[0]!.message).toMatch(/ERR_SCOPE_NOT_GRANTED: contents:write is above the grant/);
  });

  it('still judges the steps of a job bound to environments, with the job’s own environment as the claim', () => {
    const inProduction = workflow({}).replace(
      '    runs-on: ubuntu-latest\n',
      '    runs-on: ubuntu-latest\n    environment: { name: production, url: https://x.example }\n',
    );
    expect(inProduction).toContain('environment: { name: production');
    const m = grants(githubGrant('{ contents: read }')).replace(
      /(permissions: \{ contents: read, id-token: write \}\n)( +)credentials:/,
      '$1$2environments: [production]\n$2credentials:',
    );
    expect(m).toContain('environments: [production]');
    const fs = findingsOf(rule, { 'release.yml': inProduction }, m);
    expect(fs.map((f) => f.message)).toEqual([
      expect.stringMatching(/ERR_SCOPE_NOT_GRANTED: contents:write/),
    ]);
    // Within the grant: silent (the environments bound holds for the job's environment).
    expect(
      findingsOf(
        rule,
        { 'release.yml': inProduction },
        m.replace('{ contents: read }, repositories', '{ contents: write }, repositories'),
      ),
    ).toEqual([]);
  });

  it('is silent when the request is within the grant, or asks for the whole grant', () => {
    expect(
      findingsOf(rule, { 'release.yml': workflow({}) }, grants(githubGrant('{ contents: write }'))),
    ).toEqual([]);
    expect(
      findingsOf(
        rule,
        { 'release.yml': workflow({ with: 'audience: github' }) },
        grants(githubGrant('{ contents: read }')),
      ),
    ).toEqual([]);
  });

  it('finds the grant through the `step:` input, and flags a step that names none', () => {
    const named = workflow({ id: null, with: 'audience: github, scope: "contents:read", step: publish' });
    expect(findingsOf(rule, { 'release.yml': named }, grants(githubGrant('{ contents: read }')))).toEqual([]);
    const anonymous = workflow({ id: null, with: 'audience: github' });
    const fs = findingsOf(rule, { 'release.yml': anonymous }, grants(githubGrant('{ contents: read }')));
    expect(fs).toHaveLength(1);
    expect(fs[0]!.message).toMatch(/no `id:` and no `step:` input/);
  });

  it('flags a step with no grant, and a grant of another audience', () => {
    const other = workflow({ id: 'upload', with: 'audience: github' });
    expect(
      findingsOf(rule, { 'release.yml': other }, grants(githubGrant('{ contents: read }')))[0]!.message,
    ).toMatch(/ERR_NO_GRANT/);
    const svc = workflow({ with: 'audience: "https://svc.example", scope: "deploy"' });
    const m = grants('            - { step: publish, audience: "https://other.example", scope: [deploy] }');
    expect(findingsOf(rule, { 'release.yml': svc }, m)[0]!.message).toMatch(/ERR_NO_GRANT/);
  });

  it('holds service scopes against the grant', () => {
    const m = grants('            - { step: publish, audience: "https://svc.example", scope: [deploy] }');
    const ok = workflow({ with: 'audience: "https://svc.example", scope: deploy' });
    expect(findingsOf(rule, { 'release.yml': ok }, m)).toEqual([]);
    const extra = workflow({ with: 'audience: "https://svc.example", scope: "deploy admin"' });
    expect(findingsOf(rule, { 'release.yml': extra }, m)[0]!.message).toMatch(
      /ERR_SCOPE_NOT_GRANTED: scope admin is not granted/,
    );
  });

  it('flags a job without id-token: write', () => {
    const fs = findingsOf(
      rule,
      { 'release.yml': workflow({ perms: '{ contents: read }', with: 'audience: github' }) },
      grants(githubGrant('{ contents: read }')),
    );
    expect(fs).toHaveLength(1);
    expect(fs[0]!.message).toMatch(/does not hold id-token: write/);
  });

  it('flags a workflow whose every event the manifest refuses', () => {
    const fs = findingsOf(
      rule,
      { 'release.yml': workflow({ on: 'workflow_run', with: 'audience: github' }) },
      grants(githubGrant('{ contents: read }')),
    );
    expect(fs[0]!.message).toMatch(/ERR_TRIGGER_NOT_ALLOWED/);
  });

  it('leaves a manifest with grants but no repository ids to unbound-manifest (once), judging the steps still', () => {
    const m = grants(githubGrant('{ contents: read }')).replace(
      'repository: { name: o/r, id: 11, owner-id: 22 }',
      '',
    );
    const result = runCheck({ workflows: [wf('release.yml', workflow({}))], manifest: manifest(m) });
    expect(result.findings.filter((f) => f.rule === 'unbound-manifest')).toHaveLength(1);
    const fs = result.findings.filter((f) => f.rule === rule);
    expect(fs.map((f) => f.subject)).toEqual(['publish']);
    expect(fs[0]!.message).toMatch(/ERR_SCOPE_NOT_GRANTED/);
  });

  it('leaves run-time expressions to the broker', () => {
    const w = workflow({ with: 'audience: github, scope: "${{ inputs.scope }}"' });
    expect(findingsOf(rule, { 'release.yml': w }, grants(githubGrant('{ contents: read }')))).toEqual([]);
  });

  it('applies the organization ceiling', () => {
    const fs = findingsOf(
      rule,
      { 'release.yml': workflow({}) },
      grants(githubGrant('{ contents: write }')),
      'version: 1\nmax-credential-permissions: { contents: read }\n',
    );
    expect(fs.map((f) => f.rule)).toContain(rule);
    expect(fs.find((f) => f.rule === rule)!.message).toMatch(/ERR_ORG_CEILING/);
  });

  it('judges a reusable workflow’s step through its local caller’s permissions and events', () => {
    const callee = y`
      on: workflow_call
      jobs:
        release:
          runs-on: ubuntu-latest
          steps:
            - id: publish
              uses: ${RUN}
              with: { audience: github, scope: "contents:read" }
    `;
    const caller = (perms: string) => y`
      on: push
      jobs:
        go:
          permissions: ${perms}
          uses: ./.github/workflows/release.yml
    `;
    // The broker takes the callee's grants only for a caller its `callers:` admits (session 17).
    const m = grants(githubGrant('{ contents: read }'), 'callers: [ci.yml]\n      ');
    expect(
      findingsOf(rule, { 'release.yml': callee, 'ci.yml': caller('{ contents: read, id-token: write }') }, m),
    ).toEqual([]);
    expect(
      findingsOf(
        rule,
        { 'release.yml': callee, 'ci.yml': caller('{ contents: read, id-token: write }') },
        grants(githubGrant('{ contents: read }')),
      ).map((f) => f.message),
    ).toEqual([expect.stringContaining('ERR_CALLER_NOT_ALLOWED')]);
    expect(
      findingsOf(rule, { 'release.yml': callee, 'ci.yml': caller('{ contents: read }') }, m)[0]!.message,
    ).toMatch(/id-token: write/);
  });

  it('agrees with the broker’s decide() on every requested scope (property)', () => {
    const perms = ['contents', 'issues', 'packages'] as const;
    const level = fc.constantFrom('read', 'write', undefined);
    fc.assert(
      fc.property(
        fc.record({ contents: level, issues: level, packages: level }),
        fc.record({ contents: level, issues: level, packages: level }),
        (granted, requested) => {
          const grantMap = perms.filter((p) => granted[p]).map((p) => `${p}: ${granted[p]}`);
          if (grantMap.length === 0) return;
          const scope = perms
            .filter((p) => requested[p])
            .map((p) => `${p}:${requested[p]}`)
            .join(' ');
          const m = grants(githubGrant(`{ ${grantMap.join(', ')} }`));
          const flagged =
            findingsOf(rule, { 'release.yml': workflow({ with: `audience: github, scope: "${scope}"` }) }, m)
              .length > 0;
          let refused = false;
          try {
            decide({
              claims: {
                iss: 'i',
                aud: 'a',
                sub: 's',
                exp: 0,
                iat: 0,
                jti: 'j',
                repository: 'o/r',
                repository_id: '11',
                repository_owner: 'o',
                repository_owner_id: '22',
                run_id: '1',
                run_attempt: '1',
                event_name: 'push',
                ref: 'refs/heads/main',
                workflow_ref: 'o/r/.github/workflows/release.yml@refs/heads/main',
                job_workflow_ref: 'o/r/.github/workflows/release.yml@refs/heads/main',
              },
              defaultBranch: 'main',
              request: { audience: 'github', scope, job: 'release', step: 'publish' },
              manifest: manifest(m),
            });
          } catch (err) {
            if (!(err instanceof BrokerRefusal)) throw err;
            refused = true;
          }
          expect(flagged).toBe(refused);
        },
      ),
      { numRuns: 60 },
    );
  });
});
