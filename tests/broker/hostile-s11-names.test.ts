/**
 * Hostile review (session 11), shown job names.
 *
 * 1. GitHub shows at most 100 characters of a job's name: past that it cuts the name to 97 and adds
 *    `...` (the Jobs API answers the cut name). The broker judged the cut name as a whole name, so job
 *    `build` with a long literal `name:` starting `Release ` was shown `Release …...`, which fits job
 *    `publish` named `Release ${{ inputs.v }}`, and nothing could show it as build: verified as
 *    `publish` (its grant to a step of build). A cut name is now refused as ambiguous.
 * 2. A called job's name was split at every ` / ` and each split re-joined (and, for each job of the
 *    file, re-joined again): quadratic in the name, which is the workflow's input (a dispatch input
 *    shown in a `name:`). A name longer than GitHub shows is refused before any matching, and the
 *    splits are read in place.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { BrokerRefusal } from '../../shared/broker/errors.js';
import {
  calledOwnName,
  callerJobOf,
  canShow,
  directOwnJob,
  jobNameMatches,
  type WorkflowJobs,
} from '../../shared/broker/job-identity.js';
import { standinSha } from '../../shared/standins/github-app-routes.js';
import { githubJobRoutes, registerJob, type JobsState } from '../../shared/standins/github-job-routes.js';
import { shownAsJobs, templateParts } from '../../shared/workflow/job-names.js';
import { parseWorkflow } from '../../shared/workflow/parse.js';
import { startStack, type Stack, HOOKS, BUILD_AND_PUBLISH_MANIFEST } from '../support/broker.js';

const LONG = `Release notes ${'and changelog '.repeat(8)}for every package`;
const releaseYml = `on: [push, workflow_dispatch]
jobs:
  build:
    name: ${JSON.stringify(LONG)}
    runs-on: ubuntu-latest
    steps: [{ run: npm test }]
  publish:
    name: "Release \${{ inputs.v }}"
    runs-on: ubuntu-latest
    steps: [{ run: npm publish }]
`;
/** Job build named by one expression holding `}}` in a string: GitHub reads it whole (any text). */
const quotedYml = `on: [push, workflow_dispatch]
jobs:
  build:
    name: "\${{ inputs.label || '}}' }}"
    runs-on: ubuntu-latest
    steps: [{ run: npm test }]
  publish:
    runs-on: ubuntu-latest
    steps: [{ run: npm publish }]
`;
/** GitHub's cut: 97 characters and `...`. */
const cut = (name: string) => (name.length > 100 ? `${name.slice(0, 97)}...` : name);

const ref = 'octo-org/octo-repo/.github/workflows/release.yml@refs/heads/main';
let s: Stack;
const jobs: JobsState = { jobs: [] };
let id = 11_100;
let attempt = 0;

beforeAll(async () => {
  s = await startStack({
    manifest: BUILD_AND_PUBLISH_MANIFEST,
    verifyJobs: true,
    app: { timeoutMs: 60_000 },
  });
  s.gh.state.installationPermissions.actions = 'read';
  s.gh.state.repos[0]!.files['v-long'] = { '.github/workflows/release.yml': releaseYml };
  s.gh.state.repos[0]!.files['v-quoted'] = { '.github/workflows/release.yml': quotedYml };
  // GitHub would not run it; stepwarden's reader refuses it (a `<<` merge key).
  s.gh.state.repos[0]!.files['v-unparsed'] = {
    '.github/workflows/release.yml': `on: [push]\njobs:\n  publish:\n    <<: { runs-on: x }\n    steps: [{ run: a }]\n`,
  };
  githubJobRoutes(
    jobs,
    () => s.gh.standin.url,
    () => true,
  )(s.gh.standin);
});
afterAll(async () => {
  await s.close();
});

const code = (r: { body: Record<string, unknown> }) => String(r.body.error_description ?? '').split(':')[0];

async function direct(shown: string, job: string, variant = 'v-long') {
  const check = ++id;
  const runAttempt = ++attempt;
  registerJob(jobs, {
    owner: 'octo-org',
    repo: 'octo-repo',
    id: check,
    runId: 9911,
    runAttempt,
    name: shown,
  });
  const sha = standinSha(variant);
  const t = await s.issuer.mint({
    run_id: '9911',
    run_attempt: String(runAttempt),
    check_run_id: String(check),
    workflow_ref: ref,
    job_workflow_ref: ref,
    workflow_sha: sha,
    job_workflow_sha: sha,
  });
  return s.token(s.exchangeForm(t, { audience: HOOKS, step: 'notify', job }));
}

const refuse = (c: string, what: string) => new BrokerRefusal('invalid_grant', c, what);
const verdict = (f: () => unknown) => {
  try {
    f();
    return 'verified';
  } catch (e) {
    return (e as BrokerRefusal).code;
  }
};

describe('a workflow file stepwarden cannot read', () => {
  it('is named in the refusal (file:line and why), not reported as a missing job', async () => {
    const r = await direct('publish', 'publish', 'v-unparsed');
    expect([r.status, code(r)]).toEqual([400, 'ERR_JOB_IDENTITY']);
    expect(String(r.body.error_description)).toMatch(/release\.yml:4 .*merge keys/);
  });
});

describe("an expression holding '}}' in a string", () => {
  it("job build named `${{ inputs.label || '}}' }}`, dispatched with label=publish, does not get publish's grant", async () => {
    const r = await direct('publish', 'publish', 'v-quoted');
    expect([r.status, code(r)]).toEqual([400, 'ERR_JOB_IDENTITY_AMBIGUOUS']);
    expect(String(r.body.error_description)).toMatch(
      /job 'build' \(\.github\/workflows\/release\.yml:3\), which can be shown/,
    );
  });

  it('the check reports the same pair (rule job-name-collision)', () => {
    const model = parseWorkflow('release.yml', '.github/workflows/release.yml', quotedYml);
    expect(
      shownAsJobs(
        model,
        model.jobs.find((j) => j.id === 'build')!,
      ),
    ).toEqual(['publish']);
  });

  it("a name's expressions end where GitHub's reader ends them", () => {
    expect(templateParts("a ${{ x || '}}' }} b")).toEqual(['a ', ' b']);
    expect(templateParts("${{ 'it''s }}' }}-${{ y }}")).toEqual(['', '-', '']);
    expect(templateParts('plain')).toEqual(['plain']);
    // Left open (GitHub refuses the file): the rest is the expression.
    expect(templateParts("x ${{ 'open }}")).toEqual(['x ', '']);
  });
});

describe('a name GitHub cut at 100 characters', () => {
  it("job build's long name, cut by GitHub, does not get publish's grant (it fits publish's `Release ${{ inputs.v }}`)", async () => {
    expect(cut(LONG)).not.toBe(LONG);
    const r = await direct(cut(LONG), 'publish');
    expect([r.status, code(r)]).toEqual([400, 'ERR_JOB_IDENTITY_AMBIGUOUS']);
    expect(String(r.body.error_description)).toMatch(/100 characters/);
    expect(s.audit.events.at(-1)).toMatchObject({ reason: 'ERR_JOB_IDENTITY_AMBIGUOUS', job: 'publish' });
  });

  it('a long matrix name GitHub cut is refused as cut, not as another job', async () => {
    const r = await direct(cut(`Release 1.2.3 (${'ubuntu-latest, node-20, '.repeat(5)}x)`), 'publish');
    expect([r.status, code(r)]).toEqual([400, 'ERR_JOB_IDENTITY_AMBIGUOUS']);
    expect(String(r.body.error_description)).toMatch(/GitHub cut at 100 characters/);
  });

  it('names GitHub did not cut are judged as before', async () => {
    expect((await direct('Release 1.2.3', 'publish')).status).toBe(200);
    expect(code(await direct('Release 1.2.3', 'build'))).toBe('ERR_JOB_IDENTITY');
  });

  it('a called job whose own name was cut is refused the same way', () => {
    const file: WorkflowJobs = {
      where: '.github/workflows/deploy.yml@0',
      jobs: new Map([
        ['build', { name: LONG, line: 3 }],
        ['publish', { name: 'Release ${{ inputs.v }}', line: 7 }],
      ]),
    };
    expect(verdict(() => calledOwnName(`deploy / ${cut(LONG)}`, 'publish', file, refuse))).toBe(
      'ERR_JOB_IDENTITY_AMBIGUOUS',
    );
    expect(verdict(() => calledOwnName('deploy / Release 2', 'publish', file, refuse))).toBe('verified');
  });
});

describe('a shown name longer than GitHub shows', () => {
  // 60,000 splits: re-joining each (per job of the file) did not finish in minutes.
  const huge = `${'a / '.repeat(60_000)}publish`;
  const file: WorkflowJobs = {
    where: '.github/workflows/deploy.yml@0',
    jobs: new Map<string, { name?: string; line: number }>([
      ['publish', { line: 3 }],
      ...Array.from(
        { length: 50 },
        (_, i) => [`job${i}`, { name: `Job ${i} \${{ inputs.x }}`, line: 10 + i }] as const,
      ),
    ]),
  };

  it('is refused before any matching, naming the limit (called, direct, and the caller chain)', () => {
    expect(verdict(() => calledOwnName(huge, 'publish', file, refuse))).toBe('ERR_JOB_IDENTITY');
    expect(verdict(() => directOwnJob(huge, 'publish', file, refuse))).toBe('ERR_JOB_IDENTITY');
    const caller = callerJobOf(huge, 'deploy.yml', [{ id: 'a', uses: './.github/workflows/deploy.yml' }]);
    expect(caller).toMatchObject({ unverified: expect.stringMatching(/longer than GitHub shows/) });
    try {
      calledOwnName(huge, 'publish', file, refuse);
    } catch (e) {
      const d = (e as BrokerRefusal).message;
      expect(d).toMatch(/longer than GitHub shows/);
      // The name is not echoed whole into the refusal (and so the audit line).
      expect(d.length).toBeLessThan(2_000);
    }
  }, 20_000);

  it('through the broker: a long name is refused as not the job', async () => {
    const r = await direct(`Release ${'x'.repeat(3_000)}`, 'publish');
    expect([r.status, code(r)]).toEqual([400, 'ERR_JOB_IDENTITY']);
    expect(String(r.body.error_description)).toMatch(/longer than GitHub shows/);
  }, 20_000);

  it('a name of many splits under the limit reads in place, with the same verdicts', () => {
    const many = `${'a / '.repeat(200)}publish`;
    expect(verdict(() => calledOwnName(many, 'publish', file, refuse))).toBe('verified');
    expect(verdict(() => calledOwnName(`${'a / '.repeat(200)}Job 3 publish`, 'publish', file, refuse))).toBe(
      'ERR_JOB_IDENTITY',
    );
    expect(
      verdict(() =>
        calledOwnName(
          'a / b / publish',
          'publish',
          { ...file, jobs: new Map([['publish', { line: 3 }]]) },
          refuse,
        ),
      ),
    ).toBe('verified');
  });
});

describe('the splits read in place give the verdicts of the re-joined splits', () => {
  // Session 10's calledOwnName verdict (with a file), re-joining every split, as the oracle.
  const oracle = (shown: string, job: string, file: WorkflowJobs) => {
    const segments = shown.split(' / ');
    if (segments.length < 2) return 'ERR_JOB_IDENTITY';
    const readings: { at: number; job: string }[] = [];
    for (let k = 1; k < segments.length; k++)
      for (const [id, j] of file.jobs)
        if (jobNameMatches(segments.slice(k).join(' / '), id, j.name, true))
          readings.push({ at: k, job: id });
    if (!readings.some((r) => r.job === job)) return 'ERR_JOB_IDENTITY';
    if (readings.length > 1) return 'ERR_JOB_IDENTITY_AMBIGUOUS';
    const impostor = [...file.jobs].some(
      ([id, j]) =>
        id !== job && segments.some((_, k) => k >= 1 && canShow(segments.slice(k).join(' / '), id, j.name)),
    );
    return impostor ? 'ERR_JOB_IDENTITY_AMBIGUOUS' : 'verified';
  };

  it('property: calledOwnName agrees with the oracle on names under the cut', () => {
    const piece = fc.constantFrom('a', 'b', 'ab', ' / ', ' ', '(', ')', '/', ' (', 'x', '');
    const tmpl = fc.array(fc.oneof(piece, fc.constant('${{ e }}')), { maxLength: 5 }).map((p) => p.join(''));
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(fc.constantFrom('a', 'b', 'ab', 'x'), fc.option(tmpl, { nil: undefined })), {
          minLength: 1,
          maxLength: 3,
          selector: (t) => t[0],
        }),
        fc.array(piece, { maxLength: 10 }).map((p) => p.join('')),
        fc.nat(3),
        (spec, shown, pick) => {
          const file: WorkflowJobs = {
            where: 'f.yml@0',
            jobs: new Map(
              spec.map(([jid, name], i) => [jid, { ...(name !== undefined ? { name } : {}), line: i + 1 }]),
            ),
          };
          const job = spec[pick % spec.length]![0];
          expect(verdict(() => calledOwnName(shown, job, file, refuse))).toBe(oracle(shown, job, file));
        },
      ),
      { numRuns: 5000 },
    );
  });
});
