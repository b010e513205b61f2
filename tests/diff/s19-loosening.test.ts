/**
 * Session 19 (issue 11 §5): every loosening of policy reads as widened, with its line. For a random
 * manifest and organization policy (with workflows that use what they grant) and one random
 * loosening edit of either, the access diff never says "No access changes" and never passes
 * `--fail-on widened`; the widened row points at a line of the file the edit is in.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import yaml from 'js-yaml';
import { diffStates, failsOnWidened } from '../../shared/diff/states.js';
import { manifestOf, orgPolicyOf, type RepoState } from '../../shared/diff/source.js';
import { wf } from '../support/repo.js';

const RUN = 'stepwarden/stepwarden/actions/run@0123456789abcdef0123456789abcdef01234567';
const ORG_FILE = 'org-policy.yml';
type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const levels = ['none', 'read', 'write'] as const;
const when = fc.record(
  {
    ref: fc.constantFrom(['refs/heads/main'], ['refs/tags/v*']),
    event: fc.constantFrom(['push'], ['push', 'workflow_dispatch']),
    environment: fc.constantFrom(['staging'], ['prod*']),
    'ref-protected': fc.constant(true),
    'runner-environment': fc.constant('github-hosted'),
    'actor-id': fc.constant(['4242']),
    claims: fc.constant({ repo_property_tier: 'gold' }),
  },
  { requiredKeys: [] },
);
const grant = fc.record(
  {
    step: fc.constant('publish'),
    audience: fc.constant('github'),
    permissions: fc.record({ contents: fc.constantFrom('read', 'write'), issues: fc.constant('read') }),
    repositories: fc.constantFrom(['self'], ['self', 'docs']),
    ttl: fc.constantFrom(120, 300),
    uses: fc.constantFrom(1, 2),
    when,
  },
  { requiredKeys: ['step', 'audience', 'permissions'] },
);
const job = fc.record(
  {
    permissions: fc.record({ contents: fc.constantFrom(...levels), 'id-token': fc.constant('write') }),
    secrets: fc.constantFrom([], ['NPM_TOKEN']),
    environments: fc.constantFrom([], ['staging']),
    when,
    credentials: fc.array(grant, { minLength: 1, maxLength: 1 }),
  },
  { requiredKeys: ['permissions', 'credentials'] },
);
const manifestArb = fc.record({
  version: fc.constant(1),
  repository: fc.constant({ name: 'o/r', id: 1, 'owner-id': 2 }),
  defaults: fc.record({ permissions: fc.record({ contents: fc.constantFrom(...levels) }) }),
  policy: fc.record(
    {
      'repository-default-permissions': fc.constantFrom('permissive', 'restricted'),
      'require-pinned-actions': fc.boolean(),
      'allowed-actions': fc.constantFrom(['stepwarden/*'], ['stepwarden/*', 'actions/*']),
      'require-enforce': fc.boolean(),
      'enforce-repositories': fc.constant(['stepwarden/stepwarden']),
    },
    { requiredKeys: [] },
  ),
  'trusted-workflows': fc.constantFrom([], ['x/y/.github/workflows/r.yml@refs/heads/main']),
  workflows: fc.record({
    'ci.yml': fc.record(
      { triggers: fc.constantFrom(['push'], ['push', 'workflow_dispatch']), jobs: fc.record({ build: job }) },
      { requiredKeys: ['jobs'] },
    ),
    'deploy.yml': fc.record({
      callers: fc.constantFrom(['ci.yml/build'], ['ci.yml/call']),
      jobs: fc.record({ release: job }),
    }),
  }),
});
const orgArb = fc.option(
  fc.record(
    {
      version: fc.constant(1),
      'max-permissions': fc.constant({ contents: 'write', 'id-token': 'write' }),
      'max-credential-permissions': fc.constant({ contents: 'write', issues: 'read' }),
      'forbidden-triggers': fc.constantFrom(['pull_request_target'], ['pull_request_target', 'workflow_run']),
      'require-pinned-actions': fc.boolean(),
      'allowed-actions': fc.constantFrom(['stepwarden/*'], ['stepwarden/*', 'actions/*']),
      'max-credential-ttl': fc.constantFrom(300, 600),
      'allow-cross-repository': fc.constant({ mode: 'enforce', allow: [{ from: 'o/r', to: ['docs'] }] }),
      'allow-organization-permissions': fc.constant({
        mode: 'enforce',
        allow: [{ from: 'o/r', permissions: { members: 'read' } }],
      }),
      'repository-manifests': fc.constantFrom('grant', 'narrow-only'),
      grants: fc.constant([
        {
          repository: 'o/r',
          workflow: 'ci.yml',
          job: 'build',
          credentials: [
            {
              step: 'publish',
              audience: 'github',
              permissions: { contents: 'read' },
              when: { ref: ['refs/heads/main'], event: ['push'] },
            },
          ],
        },
      ]),
      'require-enforce': fc.boolean(),
      'enforce-repositories': fc.constant(['stepwarden/stepwarden']),
    },
    { requiredKeys: ['version'] },
  ),
  { nil: undefined },
);

/** One loosening edit: returns false when it does not apply to this manifest or policy. */
type Edit = { name: string; file: 'manifest' | 'org'; apply: (m: Obj, o: Obj | undefined) => boolean };
const raise = (perms: Obj, scope: string): boolean => {
  const next = perms[scope] === 'write' ? undefined : perms[scope] === 'read' ? 'write' : 'read';
  if (!next) return false;
  perms[scope] = next;
  return true;
};
const jobs = (m: Obj): Obj[] => [m.workflows['ci.yml'].jobs.build, m.workflows['deploy.yml'].jobs.release];
const whenKeys = ['ref', 'event', 'environment', 'ref-protected', 'runner-environment', 'actor-id', 'claims'];
const dropWhen = (holder: Obj, key: string): boolean => {
  if (!holder.when || !(key in holder.when)) return false;
  delete holder.when[key];
  return true;
};
const widenWhen = (holder: Obj, key: string): boolean => {
  const list = holder.when?.[key];
  if (!Array.isArray(list)) return false;
  list.push(key === 'actor-id' ? '777' : key === 'event' ? 'pull_request_target' : 'refs/heads/*');
  return true;
};
const EDITS: Edit[] = [
  {
    name: 'require-pinned-actions off',
    file: 'manifest',
    apply: (m) =>
      m.policy['require-pinned-actions'] !== false && ((m.policy['require-pinned-actions'] = false), true),
  },
  {
    name: 'allowed-actions dropped',
    file: 'manifest',
    apply: (m) => 'allowed-actions' in m.policy && delete m.policy['allowed-actions'],
  },
  {
    name: 'allowed-actions widened',
    file: 'manifest',
    apply: (m) => !!m.policy['allowed-actions'] && m.policy['allowed-actions'].push('*/*') > 0,
  },
  {
    name: 'defaults.permissions widened',
    file: 'manifest',
    apply: (m) => raise(m.defaults.permissions, 'contents'),
  },
  {
    name: 'repository default permissive',
    file: 'manifest',
    apply: (m) =>
      m.policy['repository-default-permissions'] === 'restricted' &&
      ((m.policy['repository-default-permissions'] = 'permissive'), true),
  },
  {
    name: 'require-enforce off',
    file: 'manifest',
    apply: (m) => m.policy['require-enforce'] === true && ((m.policy['require-enforce'] = false), true),
  },
  {
    name: 'enforce-repositories widened',
    file: 'manifest',
    apply: (m) =>
      !!m.policy['enforce-repositories'] && m.policy['enforce-repositories'].push('x/stepwarden') > 0,
  },
  {
    name: 'enforce-repositories dropped',
    file: 'manifest',
    apply: (m) => 'enforce-repositories' in m.policy && delete m.policy['enforce-repositories'],
  },
  {
    name: 'trusted workflow added',
    file: 'manifest',
    apply: (m) => m['trusted-workflows'].push('x/z/.github/workflows/r.yml@refs/heads/main') > 0,
  },
  {
    name: 'triggers widened',
    file: 'manifest',
    apply: (m) =>
      !!m.workflows['ci.yml'].triggers && m.workflows['ci.yml'].triggers.push('pull_request_target') > 0,
  },
  {
    name: 'triggers dropped',
    file: 'manifest',
    apply: (m) => 'triggers' in m.workflows['ci.yml'] && delete m.workflows['ci.yml'].triggers,
  },
  {
    name: 'caller added',
    file: 'manifest',
    apply: (m) => m.workflows['deploy.yml'].callers.push('nightly.yml') > 0,
  },
  {
    name: 'caller job-bound to file',
    file: 'manifest',
    apply: (m) => ((m.workflows['deploy.yml'].callers = ['ci.yml']), true),
  },
  {
    name: 'calls added',
    file: 'manifest',
    apply: (m) => ((m.workflows['ci.yml'].jobs.build.calls = { 'deploy.yml': ['release'] }), true),
  },
  ...[0, 1].flatMap((j): Edit[] => [
    {
      name: `job ${j} permission raised`,
      file: 'manifest',
      apply: (m) => raise(jobs(m)[j]!.permissions, 'contents'),
    },
    {
      name: `job ${j} secret added`,
      file: 'manifest',
      apply: (m) =>
        jobs(m)[j]!.secrets?.push('DEPLOY_KEY') > 0 || ((jobs(m)[j]!.secrets = ['DEPLOY_KEY']), true),
    },
    {
      name: `job ${j} environment added`,
      file: 'manifest',
      apply: (m) =>
        jobs(m)[j]!.environments?.push('production') > 0 ||
        ((jobs(m)[j]!.environments = ['production']), true),
    },
    {
      name: `job ${j} when dropped`,
      file: 'manifest',
      apply: (m) => 'when' in jobs(m)[j]! && delete jobs(m)[j]!.when,
    },
    ...whenKeys.flatMap((k): Edit[] => [
      { name: `job ${j} when.${k} dropped`, file: 'manifest', apply: (m) => dropWhen(jobs(m)[j]!, k) },
      { name: `job ${j} when.${k} widened`, file: 'manifest', apply: (m) => widenWhen(jobs(m)[j]!, k) },
      {
        name: `grant ${j} when.${k} dropped`,
        file: 'manifest',
        apply: (m) => dropWhen(jobs(m)[j]!.credentials[0], k),
      },
      {
        name: `grant ${j} when.${k} widened`,
        file: 'manifest',
        apply: (m) => widenWhen(jobs(m)[j]!.credentials[0], k),
      },
    ]),
    {
      name: `grant ${j} when dropped`,
      file: 'manifest',
      apply: (m) => 'when' in jobs(m)[j]!.credentials[0] && delete jobs(m)[j]!.credentials[0].when,
    },
    {
      name: `grant ${j} permission raised`,
      file: 'manifest',
      apply: (m) => raise(jobs(m)[j]!.credentials[0].permissions, 'contents'),
    },
    {
      name: `grant ${j} repository added`,
      file: 'manifest',
      apply: (m) => (
        (jobs(m)[j]!.credentials[0].repositories = [
          ...(jobs(m)[j]!.credentials[0].repositories ?? ['self']),
          'infra',
        ]),
        true
      ),
    },
    {
      name: `grant ${j} ttl longer`,
      file: 'manifest',
      apply: (m) => ((jobs(m)[j]!.credentials[0].ttl = 900), true),
    },
    {
      name: `grant ${j} uses more`,
      file: 'manifest',
      apply: (m) => ((jobs(m)[j]!.credentials[0].uses = 5), true),
    },
  ]),
  {
    name: 'org max-permissions dropped',
    file: 'org',
    apply: (_, o) => !!o && 'max-permissions' in o && delete o['max-permissions'],
  },
  {
    name: 'org max-permissions raised',
    file: 'org',
    apply: (_, o) => !!o?.['max-permissions'] && ((o['max-permissions'].issues = 'write'), true),
  },
  {
    name: 'org max-credential-permissions raised',
    file: 'org',
    apply: (_, o) =>
      !!o?.['max-credential-permissions'] && ((o['max-credential-permissions'].issues = 'write'), true),
  },
  {
    name: 'org forbidden trigger dropped',
    file: 'org',
    apply: (_, o) => !!o?.['forbidden-triggers'] && o['forbidden-triggers'].pop() !== undefined,
  },
  {
    name: 'org require-pinned-actions off',
    file: 'org',
    apply: (_, o) => o?.['require-pinned-actions'] === true && ((o['require-pinned-actions'] = false), true),
  },
  {
    name: 'org allowed-actions dropped',
    file: 'org',
    apply: (_, o) => !!o && 'allowed-actions' in o && delete o['allowed-actions'],
  },
  {
    name: 'org allowed-actions widened',
    file: 'org',
    apply: (_, o) => !!o?.['allowed-actions'] && o['allowed-actions'].push('*/*') > 0,
  },
  {
    name: 'org max ttl longer',
    file: 'org',
    apply: (_, o) => !!o?.['max-credential-ttl'] && ((o['max-credential-ttl'] = 3600), true),
  },
  {
    name: 'org max ttl dropped',
    file: 'org',
    apply: (_, o) => !!o && 'max-credential-ttl' in o && delete o['max-credential-ttl'],
  },
  {
    name: 'org cross-repository audit',
    file: 'org',
    apply: (_, o) => !!o?.['allow-cross-repository'] && ((o['allow-cross-repository'].mode = 'audit'), true),
  },
  {
    name: 'org cross-repository widened',
    file: 'org',
    apply: (_, o) => !!o?.['allow-cross-repository'] && o['allow-cross-repository'].allow[0].to.push('*') > 0,
  },
  {
    name: 'org organization permissions raised',
    file: 'org',
    apply: (_, o) =>
      !!o?.['allow-organization-permissions'] &&
      ((o['allow-organization-permissions'].allow[0].permissions.members = 'write'), true),
  },
  {
    name: 'org organization permissions audit',
    file: 'org',
    apply: (_, o) =>
      !!o?.['allow-organization-permissions'] && ((o['allow-organization-permissions'].mode = 'audit'), true),
  },
  {
    name: 'org narrow-only lifted',
    file: 'org',
    apply: (_, o) =>
      o?.['repository-manifests'] === 'narrow-only' && ((o['repository-manifests'] = 'grant'), true),
  },
  {
    name: 'org grant raised',
    file: 'org',
    apply: (_, o) => !!o?.grants && ((o.grants[0].credentials[0].permissions.contents = 'write'), true),
  },
  {
    name: 'org grant when.ref dropped',
    file: 'org',
    apply: (_, o) => !!o?.grants && delete o.grants[0].credentials[0].when.ref,
  },
  {
    name: 'org grant when.event widened',
    file: 'org',
    apply: (_, o) => !!o?.grants && o.grants[0].credentials[0].when.event.push('pull_request_target') > 0,
  },
  {
    name: 'org grant added',
    file: 'org',
    apply: (_, o) => !!o?.grants && o.grants.push({ ...o.grants[0], job: 'other' }) > 0,
  },
  {
    name: 'org require-enforce off',
    file: 'org',
    apply: (_, o) => o?.['require-enforce'] === true && ((o['require-enforce'] = false), true),
  },
  {
    name: 'org enforce-repositories dropped',
    file: 'org',
    apply: (_, o) => !!o && 'enforce-repositories' in o && delete o['enforce-repositories'],
  },
];

/** Workflows that use what the manifest names: ci.yml's build runs the credential step and calls deploy.yml. */
const WORKFLOWS = {
  'ci.yml': `on: push\njobs:\n  build:\n    permissions: { contents: read, id-token: write }\n    runs-on: ubuntu-latest\n    steps:\n      - id: publish\n        uses: ${RUN}\n        with: { broker-url: "https://b", audience: github }\n  call:\n    uses: ./.github/workflows/deploy.yml\n`,
  'deploy.yml': `on: workflow_call\njobs:\n  release:\n    permissions: { contents: read, id-token: write }\n    runs-on: ubuntu-latest\n    steps:\n      - id: publish\n        uses: ${RUN}\n        with: { broker-url: "https://b", audience: github }\n`,
};

const state = (label: string, m: Obj, o: Obj | undefined): RepoState => ({
  label,
  workflows: Object.entries(WORKFLOWS).map(([f, t]) => wf(f, t)),
  ...manifestOf(yaml.dump(m), label),
  ...(o ? { orgPolicy: orgPolicyOf(yaml.dump(o), ORG_FILE) } : {}),
});

describe('every loosening of policy reads as widened, with its line (session 19)', () => {
  it('random manifest and policy, random loosening: never "No access changes"', () => {
    let applied = 0;
    fc.assert(
      fc.property(manifestArb, orgArb, fc.constantFrom(...EDITS), (m, o, edit) => {
        const base = state('base', m, o);
        // A base the schema refuses is not a setup to loosen.
        if (base.manifestError || base.orgPolicy?.error) return;
        const hm = structuredClone(m) as Obj;
        const ho = o ? (structuredClone(o) as Obj) : undefined;
        if (!edit.apply(hm, ho)) return;
        const head = state('head', hm, ho);
        expect(head.manifestError ?? head.orgPolicy?.error ?? null).toBeNull();
        applied++;
        const { changes } = diffStates(base, head);
        const file = edit.file === 'org' ? ORG_FILE : '.github/access-manifest.yml';
        const rows = changes.filter((c) => c.effect === 'widened' && c.file === file && (c.line ?? 0) > 0);
        if (!failsOnWidened(changes) || rows.length === 0)
          throw new Error(
            `${edit.name}: not widened with a line of ${file}\n${JSON.stringify(changes, null, 1)}\n--- base\n${yaml.dump(m)}${o ? `--- org\n${yaml.dump(o)}` : ''}`,
          );
      }),
      { numRuns: Number(process.env.S19_LOOSEN_RUNS ?? 400) },
    );
    expect(applied).toBeGreaterThan(100);
  });
});
