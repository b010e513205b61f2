/**
 * Differential property (session 17): `stepwarden check` and a real broker agree on credential steps.
 * One generated setup (a workflow with one `actions/run` step, and a manifest with grant and job
 * conditions, environments and triggers) goes to both: the whole check (runCheck), and the local
 * stack (OIDC issuer, GitHub stand-in, broker over HTTP) with one exchange per run the workflow can
 * make (each trigger, with the ref it runs at, and each environment the job can name). The workflow
 * runs directly or as a reusable workflow of a caller (`ci.yml`) its `callers:` admits or not. The action's
 * side reads its inputs with `@actions/core` and the action's own step-name rule, as the action does.
 *
 * Session 19 added: callers bound to a job (`callers: [ci.yml/build]`, `[ci.yml/other]`, the caller
 * job's `calls:`), judged by a broker that verifies the calling job through the Jobs API stand-in
 * (the token's check_run_id, an App with `actions: read`) or cannot (no check_run_id: then
 * `caller-job-verification` must say so); a caller that is a matrix job; `environment:` as an
 * expression the file does not resolve; and an organization policy (a credential ceiling, or
 * `narrow-only` with its own grant and conditions).
 *
 * Session 20 added: `pull_request_review` (run at `refs/pull/N/merge`) and `deployment` (at a branch
 * and at a tag), `when.ref: [refs/pull/*\/merge]`, often a single trigger, and unreachable-condition
 * held to soundness (a grant it reports is granted on no run). Against the rule before session 20's
 * fix it failed in 2,500 runs (a review's refs/pull grant reported while granted).
 *
 * - sound: a step `credential-step` reports is granted on no run;
 * - complete: a step refused on some run for a reason no claim changes (no grant for the step and
 *   audience, a scope above the grant or not a scope, a caller not admitted, an input the action
 *   refuses), or refused on
 *   every run for its trigger, is reported.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import * as core from '@actions/core';
import fc from 'fast-check';
import { stepName } from '../../shared/actions/exchange.js';
import { loadOrgPolicy } from '../../shared/manifest/load.js';
import { githubJobRoutes, registerJob, type JobsState } from '../../shared/standins/github-job-routes.js';
import { errorCode, startStack, type Stack } from '../support/broker.js';
import { findingsOf, y } from '../support/repo.js';

const RUN = 'stepwarden/stepwarden/actions/run@0123456789abcdef0123456789abcdef01234567';
/**
 * Session 20: a review (run at the pull request's merge ref) and a deployment (at a branch or a tag),
 * whose refs unreachable-condition read wrong; it is held to soundness below.
 */
const EVENTS = [
  'push',
  'workflow_dispatch',
  'pull_request_target',
  'issue_comment',
  'pull_request_review',
  'deployment',
] as const;
/** Refusals no claim of the run changes: seen on one run, certain on every run. */
const CLAIM_INDEPENDENT = new Set([
  'ERR_CALLER_NOT_ALLOWED',
  'ERR_NO_GRANT',
  'ERR_NO_ORG_GRANT',
  'ERR_ORG_CEILING',
  'ERR_SCOPE_NOT_GRANTED',
  'ERR_SCOPE_SYNTAX',
  'ERR_SCOPE_UNKNOWN',
]);

const when = fc.record(
  {
    ref: fc.constantFrom(
      ['refs/heads/main'],
      ['refs/tags/v*'],
      ['refs/heads/*', 'refs/tags/*'],
      ['refs/heads/dev'],
      ['refs/pull/*/merge'],
    ),
    event: fc.subarray([...EVENTS], { minLength: 1 }),
    environment: fc.constantFrom(['staging'], ['prod*'], ['*']),
    'ref-protected': fc.boolean(),
  },
  { requiredKeys: [] },
);

/** Mostly `usual`, sometimes one of `others`: a grantable setup is common enough that both sides occur. */
const mostly = <T>(usual: T, ...others: T[]) =>
  fc.oneof(
    { arbitrary: fc.constant(usual), weight: 6 },
    { arbitrary: fc.constantFrom(...others), weight: 1 },
  );
const sometimes = <T>(arb: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight: 3 }, { arbitrary: arb, weight: 1 });

const setup = fc.record({
  // Often one trigger: a condition unreachable on one event is hidden by any other (session 20).
  on: fc.oneof(
    fc.constantFrom(...EVENTS).map((e) => [e]),
    fc.subarray([...EVENTS], { minLength: 1 }),
  ),
  pushTags: fc.boolean(),
  /**
   * `release.yml` run directly, or as a reusable workflow called by `ci.yml` job `build`, which its
   * `callers:` admits (bare file, or `FILE/JOB` naming `build`) or not (another file or job), or the
   * caller job's `calls:` lets through.
   */
  call: fc.oneof(
    { arbitrary: fc.constant('direct' as const), weight: 5 },
    {
      arbitrary: fc.constantFrom(
        'admitted' as const,
        'not-admitted' as const,
        'job-admitted' as const,
        'job-not-admitted' as const,
        'calls' as const,
      ),
      weight: 4,
    },
  ),
  /** The broker verifies the calling job (token with check_run_id, App with actions: read), or cannot. */
  verifies: mostly(true, false),
  /** The caller job `build` is a matrix job (its legs shown as `build (a) / release`). */
  callerMatrix: fc.boolean(),
  /** No organization policy, a credential ceiling, or narrow-only with its own grant. */
  org: mostly<'none' | 'ceiling' | 'narrow'>('none', 'ceiling', 'narrow'),
  orgLevel: fc.constantFrom('read', 'write'),
  orgStep: mostly('publish', 'deploy'),
  orgWhen: sometimes(when),
  triggers: sometimes(fc.subarray([...EVENTS], { minLength: 1 })),
  env: mostly('none', 'literal', 'matrix', 'expression'),
  environments: mostly<string[]>([], ['staging'], ['staging', 'production']),
  jobWhen: sometimes(when),
  grantWhen: sometimes(when),
  level: fc.constantFrom('read', 'write'),
  grantStep: mostly('publish', 'run', 'deploy'),
  stepId: mostly('publish', 'run', 'deploy'),
  stepInput: sometimes(fc.constantFrom('publish', ' publish ', '__octo_x', '', 'deploy')),
  audience: mostly<string | undefined>('github', ' github ', '', undefined, 'https://hooks.example.internal'),
  scope: sometimes(
    fc.constantFrom(
      'contents:read',
      'contents:write',
      'issues:read',
      'contents:read issues:read',
      'contents:admin',
      'contents',
    ),
  ),
});
type Setup = typeof setup extends fc.Arbitrary<infer T> ? T : never;

const flow = (xs: readonly string[]) => `[${xs.map((x) => JSON.stringify(x)).join(', ')}]`;
const whenText = (w: NonNullable<Setup['jobWhen']>) =>
  `{ ${Object.entries(w)
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? flow(v) : String(v)}`)
    .join(', ')} }`;

function workflowText(s: Setup): string {
  const on = s.on
    .map((e) => (e === 'push' && s.pushTags ? '  push: { tags: ["v*"] }' : `  ${e}:`))
    .join('\n');
  const withs = [
    'broker-url: "https://broker.example.com"',
    ...(s.audience !== undefined ? [`audience: ${JSON.stringify(s.audience)}`] : []),
    ...(s.scope !== undefined ? [`scope: ${JSON.stringify(s.scope)}`] : []),
    ...(s.stepInput !== undefined ? [`step: ${JSON.stringify(s.stepInput)}`] : []),
  ];
  const env =
    s.env === 'literal'
      ? '    environment: staging\n'
      : s.env === 'matrix'
        ? '    strategy: { matrix: { env: [staging, production] } }\n    environment: ${{ matrix.env }}\n'
        : s.env === 'expression'
          ? '    environment: ${{ vars.DEPLOY_ENV }}\n'
          : '';
  return `on:\n${s.call === 'direct' ? on : '  workflow_call:'}\njobs:\n  release:\n    permissions: { contents: read, id-token: write }\n    runs-on: ubuntu-latest\n${env}    steps:\n      - id: ${s.stepId}\n        uses: ${RUN}\n        with: { ${withs.join(', ')} }\n`;
}

/** The caller of a reusable `release.yml`: the run's triggers are its. */
function callerText(s: Setup): string {
  const on = s.on
    .map((e) => (e === 'push' && s.pushTags ? '  push: { tags: ["v*"] }' : `  ${e}:`))
    .join('\n');
  const matrix = s.callerMatrix ? '    strategy: { matrix: { os: [a, b] } }\n' : '';
  return `on:\n${on}\njobs:\n  build:\n${matrix}    permissions: { contents: read, id-token: write }\n    uses: ./.github/workflows/release.yml\n`;
}

/** The job as GitHub's Jobs API shows it: the caller job's leg, then the callee job's. */
function shownNames(s: Setup, environment: string | undefined): string[] {
  const callee = s.env === 'matrix' ? `release (${environment})` : 'release';
  return s.callerMatrix ? [`build (a) / ${callee}`, `build (b) / ${callee}`] : [`build / ${callee}`];
}

const CALLERS: Record<Setup['call'], string> = {
  direct: '',
  admitted: 'callers: [ci.yml]',
  'not-admitted': 'callers: [other.yml]',
  'job-admitted': 'callers: [ci.yml/build]',
  'job-not-admitted': 'callers: [ci.yml/other]',
  calls: '',
};

function orgText(s: Setup): string | undefined {
  if (s.org === 'none') return undefined;
  if (s.org === 'ceiling')
    return `version: 1\nmax-credential-permissions: { contents: ${s.orgLevel}, issues: read }\n`;
  return y`
    version: 1
    repository-manifests: narrow-only
    grants:
      - repository: octo-org/octo-repo
        workflow: release.yml
        job: release
        credentials:
          - step: ${s.orgStep}
            audience: github
            permissions: { contents: ${s.orgLevel}, issues: read }
            ${s.orgWhen ? `when: ${whenText(s.orgWhen)}` : ''}
  `;
}

function workflows(s: Setup): Record<string, string> {
  return s.call === 'direct'
    ? { 'release.yml': workflowText(s) }
    : { 'release.yml': workflowText(s), 'ci.yml': callerText(s) };
}

function manifestText(s: Setup): string {
  // The broker judges a reusable workflow's run by its caller's triggers.
  const triggers = s.triggers ? `triggers: ${flow(s.triggers)}` : '';
  const caller =
    s.call === 'direct'
      ? ''
      : `ci.yml:\n        ${triggers}\n        jobs: { build: { permissions: { contents: read, id-token: write }${s.call === 'calls' ? ', calls: { release.yml: [release] }' : ''} } }`;
  return y`
    version: 1
    repository: { name: octo-org/octo-repo, id: 100001, owner-id: 200001 }
    workflows:
      ${caller}
      release.yml:
        ${s.call === 'direct' ? triggers : CALLERS[s.call]}
        jobs:
          release:
            permissions: { contents: read, id-token: write }
            environments: ${flow(s.environments)}
            ${s.jobWhen ? `when: ${whenText(s.jobWhen)}` : ''}
            credentials:
              - step: ${s.grantStep}
                audience: github
                permissions: { contents: ${s.level}, issues: read }
                ${s.grantWhen ? `when: ${whenText(s.grantWhen)}` : ''}
  `;
}

/** Every run the workflow can make: each trigger (with its ref) and each environment the job can name. */
function runs(s: Setup): { event: string; ref: string; environment?: string }[] {
  const envs =
    s.env === 'literal'
      ? ['staging']
      : s.env === 'matrix' || s.env === 'expression'
        ? ['staging', 'production']
        : [undefined];
  // The refs a run of the event carries: a review runs at the merge ref, a deployment at the branch
  // or the tag deployed (session 20).
  const refsOf = (event: string) =>
    event === 'push' && s.pushTags
      ? ['refs/tags/v1']
      : event === 'pull_request_review'
        ? ['refs/pull/7/merge']
        : event === 'deployment'
          ? ['refs/heads/main', 'refs/tags/v1']
          : ['refs/heads/main'];
  return s.on.flatMap((event) =>
    refsOf(event).flatMap((ref) =>
      envs.map((environment) => ({ event, ref, ...(environment ? { environment } : {}) })),
    ),
  );
}

/** The inputs as the action reads them: the runner sets INPUT_*, `step` defaulting to `github.action`. */
function actionInputs(s: Setup): { audience: string; scope: string; step: string } | { refused: string } {
  const vars: Record<string, string | undefined> = {
    INPUT_AUDIENCE: s.audience,
    INPUT_SCOPE: s.scope ?? '',
    INPUT_STEP: s.stepInput ?? s.stepId,
  };
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  try {
    for (const [k, v] of Object.entries(vars)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    return {
      audience: core.getInput('audience', { required: true }),
      scope: core.getInput('scope'),
      step: stepName(core.getInput('step')),
    };
  } catch (err) {
    return { refused: (err as Error).message };
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

const NUM_RUNS = Number(process.env.AGREE_S17_RUNS ?? 100);

describe('check and broker agree on credential steps (differential, sessions 17 and 19)', () => {
  let stack: Stack;
  let runId = 1000;
  let checkRunId = 70_000;
  const jobs: JobsState = { jobs: [] };
  /** The organization policy the broker holds for this setup (the check gets the same text). */
  let org: string | undefined;
  beforeAll(async () => {
    stack = await startStack({
      rate: 100_000,
      verifyJobs: true,
      orgPolicies: () => ({
        get: async () =>
          org ? { policies: [loadOrgPolicy(org, 'org.yml')], from: 'file' } : { policies: [] },
      }),
    });
    stack.gh.state.installationPermissions.actions = 'read';
    githubJobRoutes(
      jobs,
      () => stack.gh.standin.url,
      (token) => stack.gh.state.tokens.some((t) => t.token === token && !t.revoked && t.permissions.actions),
    )(stack.gh.standin);
  });
  afterAll(async () => {
    expect(stack.gh.standin.shapeErrors).toEqual([]);
    await stack.close();
  });

  it('reported <=> certainly refused', async () => {
    const seen = { reported: 0, granted: 0, certain: 0, warned: 0, grantedByJob: 0 };
    await fc.assert(
      fc.asyncProperty(setup, async (s) => {
        const wfs = workflows(s);
        const wfText = Object.entries(wfs)
          .map(([f, t]) => `# ${f}\n${t}`)
          .join('');
        const mText = manifestText(s);
        org = orgText(s);
        const reported = [
          ...findingsOf('credential-step', wfs, mText, org),
          // Under narrow-only a grant the organization does not make is the manifest's finding.
          ...findingsOf('org-reach', wfs, mText, org).filter((f) => /narrow-only/.test(f.message)),
        ];
        const warned = findingsOf('caller-job-verification', wfs, mText, org);
        // unreachable-condition is held to soundness (session 20): a grant it calls unclaimable is
        // granted on no run. Not to completeness: the runs here are one ref per kind, not every ref.
        const unreachable = findingsOf('unreachable-condition', wfs, mText, org);
        const inputs = actionInputs(s);
        const outcomes: string[] = [];
        if ('refused' in inputs) outcomes.push('action');
        else {
          stack.setManifest(mText);
          // The caller file at the run's workflow_sha: the broker names the calling job from it.
          stack.gh.state.repos[0]!.files['a'.repeat(40)] = Object.fromEntries(
            Object.entries(wfs).map(([f, t]) => [`.github/workflows/${f}`, t]),
          );
          for (const run of runs(s)) {
            const thisRun = runId++;
            // A reusable call carries check_run_id when the deployment verifies jobs: a job of this
            // run attempt, shown as GitHub shows a called job (`caller leg / callee job`).
            const jobIds: string[] = [];
            if (s.call !== 'direct' && s.verifies)
              for (const name of shownNames(s, run.environment)) {
                const id = checkRunId++;
                registerJob(jobs, {
                  owner: 'octo-org',
                  repo: 'octo-repo',
                  id,
                  runId: thisRun,
                  runAttempt: 1,
                  name,
                });
                jobIds.push(String(id));
              }
            const legs = jobIds.length ? jobIds : [undefined];
            for (const checkRun of legs) {
              const oidc = await stack.issuer.mint({
                run_id: String(thisRun),
                ref: run.ref,
                ref_type: run.ref.startsWith('refs/tags/') ? 'tag' : 'branch',
                sub: `repo:octo-org/octo-repo:ref:${run.ref}`,
                workflow_ref: `octo-org/octo-repo/.github/workflows/${s.call === 'direct' ? 'release' : 'ci'}.yml@${run.ref}`,
                job_workflow_ref: `octo-org/octo-repo/.github/workflows/release.yml@${run.ref}`,
                event_name: run.event,
                ...(checkRun ? { check_run_id: checkRun } : {}),
                ...(run.environment ? { environment: run.environment } : {}),
              });
              const r = await stack.token(
                stack.exchangeForm(oidc, {
                  audience: inputs.audience,
                  scope: inputs.scope,
                  job: 'release',
                  step: inputs.step,
                }),
              );
              const outcome = r.status === 200 ? 'granted' : errorCode(r);
              // A refusal always names its rule; anything else is the stack failing, not a verdict.
              if (!/^(granted|ERR_[A-Z_]+)$/.test(outcome))
                throw new Error(`unexpected broker answer ${r.status} ${JSON.stringify(r.body)}`);
              outcomes.push(outcome);
            }
          }
        }
        const granted = outcomes.includes('granted');
        const certainCodes = outcomes.filter((o) => o === 'action' || CLAIM_INDEPENDENT.has(o));
        const certain =
          certainCodes.length > 0 ||
          (outcomes.length > 0 && outcomes.every((o) => o === 'ERR_TRIGGER_NOT_ALLOWED'));
        // A caller refused only for want of a verified job, by a deployment that cannot verify one:
        // caller-job-verification's warning is the check's word for it.
        const forWantOfJob =
          !s.verifies && certainCodes.length > 0 && certainCodes.every((o) => o === 'ERR_CALLER_NOT_ALLOWED');
        if (reported.length) seen.reported++;
        if (warned.length) seen.warned++;
        if (granted) seen.granted++;
        if (granted && (s.call === 'job-admitted' || s.call === 'calls')) seen.grantedByJob++;
        if (certain) seen.certain++;
        const context = () =>
          `\n--- setup ${JSON.stringify({ call: s.call, verifies: s.verifies, callerMatrix: s.callerMatrix, org: s.org })}` +
          `\n--- outcomes: ${JSON.stringify(outcomes)} over runs ${JSON.stringify(runs(s))}\n--- findings: ${JSON.stringify([...reported, ...warned].map((f) => f.message))}\n--- workflow\n${wfText}--- manifest\n${mText}${org ? `--- org policy\n${org}` : ''}`;
        if (reported.length && granted) throw new Error(`check reports a step the broker grants${context()}`);
        if (unreachable.length && granted)
          throw new Error(
            `unreachable-condition reports a grant the broker grants${context()}\n--- unreachable: ${JSON.stringify(unreachable.map((f) => f.message))}`,
          );
        if (certain && !reported.length && !(forWantOfJob && warned.length))
          throw new Error(`check passes a step the broker certainly refuses${context()}`);
      }),
      { numRuns: NUM_RUNS },
    );
    if (process.env.AGREE_S17_STATS) console.log(seen);
    // Not vacuous: both sides of the agreement occur.
    expect(seen.reported).toBeGreaterThan(0);
    expect(seen.granted).toBeGreaterThan(0);
  }, 240_000);
});
