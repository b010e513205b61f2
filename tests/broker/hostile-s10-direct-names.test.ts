/**
 * Hostile review (session 10): a job of the workflow the run started was verified by its shown name
 * alone (job-identity.ts `jobNameMatches`, direct): the id, or a fit to the requested job's `name:`.
 * Only a called job's file was read to refuse a name that fits two jobs. So job `build` with
 * `name: publish` (or `name: ${{ inputs.label }}`, dispatched with `label=publish`) was verified as job
 * `publish`, and a compromised step of `build` claimed `publish`'s grant. Now a direct job is judged
 * against every job of its file at `job_workflow_sha`, with the check's `job-name-collision` matcher
 * (shared/workflow/job-names.ts) for names that can take any value; an unreadable file is refused
 * (503), not guessed. The pure verdict is held to the check's matcher by a property test.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { BrokerRefusal } from '../../shared/broker/errors.js';
import {
  canShow,
  directOwnJob,
  jobNameMatches,
  type WorkflowJobs,
} from '../../shared/broker/job-identity.js';
import { standinSha } from '../../shared/standins/github-app-routes.js';
import { githubJobRoutes, registerJob, type JobsState } from '../../shared/standins/github-job-routes.js';
import { patternsMeet, shownAsJobs } from '../../shared/workflow/job-names.js';
import { parseWorkflow } from '../../shared/workflow/parse.js';
import {
  startStack,
  type Stack,
  closeCheckingAudit,
  errorCode,
  HOOKS,
  BUILD_AND_PUBLISH_MANIFEST,
} from '../support/broker.js';

const nameLine = (name?: string) => (name === undefined ? '' : `    name: ${JSON.stringify(name)}\n`);
const releaseYml = (buildName?: string, publishName?: string) =>
  `on: [push, workflow_dispatch]\njobs:\n  build:\n${nameLine(buildName)}    runs-on: ubuntu-latest\n    steps: [{ run: npm test }]\n  publish:\n${nameLine(publishName)}    runs-on: ubuntu-latest\n    steps: [{ run: npm publish }]\n`;
// One commit (a stand-in branch) per shape of release.yml.
const VARIANTS: Record<string, string> = {
  'v-named-publish': releaseYml('publish'),
  'v-expression': releaseYml('${{ inputs.label }}'),
  'v-clean': releaseYml('Build', 'Publish ${{ inputs.v }}'),
};

const ref = 'octo-org/octo-repo/.github/workflows/release.yml@refs/heads/main';
let s: Stack;
const jobs: JobsState = { jobs: [] };
let id = 10_100;
let attempt = 0;
const fileReads = () =>
  s.gh.standin.requests.filter((r) => r.path.includes('/contents/.github%2Fworkflows%2Frelease.yml')).length +
  s.gh.standin.requests.filter((r) => r.path.includes('/contents/.github/workflows/release.yml')).length;

beforeAll(async () => {
  s = await startStack({
    manifest: BUILD_AND_PUBLISH_MANIFEST,
    verifyJobs: true,
    app: { timeoutMs: 60_000 },
  });
  s.gh.state.installationPermissions.actions = 'read';
  for (const [branch, text] of Object.entries(VARIANTS))
    s.gh.state.repos[0]!.files[branch] = { '.github/workflows/release.yml': text };
  githubJobRoutes(
    jobs,
    () => s.gh.standin.url,
    () => true,
  )(s.gh.standin);
});
afterAll(() => closeCheckingAudit(s));

/** A job of release.yml at `variant`'s commit, shown by the Jobs API as `shown`, asking for `job`'s grant. */
async function direct(variant: string, shown: string, job: string, sha = standinSha(variant)) {
  const check = ++id;
  const runAttempt = ++attempt;
  registerJob(jobs, {
    owner: 'octo-org',
    repo: 'octo-repo',
    id: check,
    runId: 9901,
    runAttempt,
    name: shown,
  });
  const t = await s.issuer.mint({
    run_id: '9901',
    run_attempt: String(runAttempt),
    check_run_id: String(check),
    workflow_ref: ref,
    job_workflow_ref: ref,
    workflow_sha: sha,
    job_workflow_sha: sha,
  });
  return s.token(s.exchangeForm(t, { audience: HOOKS, step: 'notify', job }));
}

describe("a direct job shown under another job's name", () => {
  it("job build named 'publish' does not get publish's grant: ambiguous, naming both jobs' lines and the rule", async () => {
    const r = await direct('v-named-publish', 'publish', 'publish');
    expect([r.status, errorCode(r)]).toEqual([400, 'ERR_JOB_IDENTITY_AMBIGUOUS']);
    const d = String(r.body.error_description);
    expect(d).toMatch(/job 'publish' \(\.github\/workflows\/release\.yml:7\)/);
    expect(d).toMatch(/job 'build' \(\.github\/workflows\/release\.yml:3\)/);
    expect(d).toMatch(/job-name-collision/);
    expect(s.audit.events.at(-1)).toMatchObject({
      type: 'credential.refused',
      reason: 'ERR_JOB_IDENTITY_AMBIGUOUS',
      job: 'publish',
    });
    expect(String(s.audit.events.at(-1)!.detail)).toMatch(/possible theft/);
  });

  it("job build named '${{ inputs.label }}', dispatched with label=publish, does not get publish's grant", async () => {
    const r = await direct('v-expression', 'publish', 'publish');
    expect([r.status, errorCode(r)]).toEqual([400, 'ERR_JOB_IDENTITY_AMBIGUOUS']);
    expect(String(r.body.error_description)).toMatch(
      /job 'build' \(\.github\/workflows\/release\.yml:3\), which can be shown/,
    );
  });

  it('names no other job can take are verified, each as its own job only', async () => {
    expect((await direct('v-clean', 'Publish 1.2.3', 'publish')).status).toBe(200);
    expect((await direct('v-clean', 'Publish 1.2.3 (ubuntu-latest)', 'publish')).status).toBe(200);
    expect((await direct('v-clean', 'Build', 'build')).status).toBe(200);
    const stolen = await direct('v-clean', 'Build', 'publish');
    expect([stolen.status, errorCode(stolen)]).toEqual([400, 'ERR_JOB_IDENTITY']);
    expect(String(stolen.body.error_description)).toMatch(
      /reads as job 'build' \(\.github\/workflows\/release\.yml:3\)/,
    );
  });

  it('reads the workflow file once per commit', async () => {
    const before = fileReads();
    expect(before).toBeGreaterThan(0);
    expect((await direct('v-clean', 'Publish 2', 'publish')).status).toBe(200);
    expect((await direct('v-clean', 'Build', 'build')).status).toBe(200);
    expect(fileReads()).toBe(before);
  });

  it('a workflow file that cannot be read at job_workflow_sha is refused (503), not guessed from the name', async () => {
    const r = await direct('v-clean', 'publish', 'publish', 'c'.repeat(40));
    expect([r.status, errorCode(r)]).toEqual([503, 'ERR_JOB_IDENTITY_UNAVAILABLE']);
    expect(String(r.body.error_description)).toMatch(
      /could not be read at job_workflow_sha c{40}.*contents: read/,
    );
    expect(s.audit.events.at(-1)).toMatchObject({
      type: 'credential.refused',
      reason: 'ERR_JOB_IDENTITY_UNAVAILABLE',
    });
    // Not remembered: once GitHub serves the file, the same commit is judged.
    s.gh.state.repos[0]!.files['c'.repeat(40)] = { '.github/workflows/release.yml': VARIANTS['v-clean']! };
    expect((await direct('v-clean', 'Publish 3', 'publish', 'c'.repeat(40))).status).toBe(200);
  });
});

describe('the broker and the check agree on which direct names are told apart', () => {
  const refuse = (code: string, what: string) => new BrokerRefusal('invalid_grant', code, what);
  const verdict = (shown: string, job: string, file: WorkflowJobs) => {
    try {
      directOwnJob(shown, job, file, refuse);
      return 'verified';
    } catch (e) {
      return (e as BrokerRefusal).code;
    }
  };

  it('property: a shown name is verified only as the job that showed it; refused as ambiguous only where the check reports a collision', () => {
    const piece = fc.constantFrom(
      'pub',
      'lish',
      'publish',
      'build',
      '/',
      ' ',
      '(',
      ')',
      'x',
      '-',
      'Release ',
      '',
    );
    const tmpl = fc
      .array(fc.oneof(piece, fc.constant('${{ e }}')), { maxLength: 5 })
      .map((parts) => parts.join(''));
    const ident = fc.constantFrom('build', 'publish', 'pub', 'lish', 'x-1');
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(ident, fc.option(tmpl, { nil: undefined })), {
          minLength: 2,
          maxLength: 3,
          selector: (t) => t[0],
        }),
        fc.nat(2),
        fc.array(piece, { minLength: 5, maxLength: 5 }),
        fc.option(piece, { nil: undefined }),
        (spec, pick, values, matrix) => {
          const text = `on: push\njobs:\n${spec.map(([jid, name]) => `  ${jid}:\n${nameLine(name)}    runs-on: x\n    steps: [{ run: a }]\n`).join('')}`;
          const model = parseWorkflow('release.yml', '.github/workflows/release.yml', text);
          fc.pre(!model.error && model.jobs.length === spec.length);
          const file: WorkflowJobs = {
            where: '.github/workflows/release.yml@0',
            jobs: new Map(
              model.jobs.map((j) => [
                j.id,
                { ...(j.name !== undefined ? { name: j.name } : {}), line: j.line },
              ]),
            ),
          };
          const real = model.jobs[pick % model.jobs.length]!;
          let i = 0;
          const own =
            real.name !== undefined && real.name !== ''
              ? real.name.replace(/\$\{\{[\s\S]*?\}\}/g, () => values[i++ % 5]!)
              : real.id;
          const shown = matrix === undefined ? own : `${own} (${matrix})`;
          const pairs = model.jobs.some((j) => shownAsJobs(model, j).length > 0);
          const involved = (q: string) =>
            model.jobs.some((k) => shownAsJobs(model, k).includes(q)) ||
            shownAsJobs(
              model,
              model.jobs.find((j) => j.id === q)!,
            ).length > 0;
          for (const q of model.jobs) {
            const v = verdict(shown, q.id, file);
            // Never another job's grant.
            if (v === 'verified') expect(q.id).toBe(real.id);
            // An ambiguity the broker refuses is one the check reports (rule job-name-collision).
            if (v === 'ERR_JOB_IDENTITY_AMBIGUOUS') expect(involved(q.id)).toBe(true);
          }
          // A file the check passes: the real job is verified whenever its name is one the broker reads as it.
          const onReal = verdict(shown, real.id, file);
          if (!pairs && onReal !== 'ERR_JOB_IDENTITY') expect(onReal).toBe('verified');
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('canShow is the shown side of the check, matched as the check matches', () => {
  it('property: canShow agrees with job-names.ts patternsMeet over a name with expressions as any text', () => {
    const piece = fc.constantFrom('a', 'b', 'ab', ' ', '(', ')', '/', ' (', '');
    const tmpl = fc.array(fc.oneof(piece, fc.constant('${{ e }}')), { maxLength: 6 }).map((p) => p.join(''));
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 8 }).map((p) => p.join('')),
        fc.option(tmpl, { nil: undefined }),
        (text, name) => {
          const any = { star: 'any' as const };
          const base =
            name !== undefined && name !== ''
              ? name.split(/\$\{\{[\s\S]*?\}\}/g).flatMap((part, i) => [...(i > 0 ? [any] : []), ...part])
              : [...'ab'];
          const oracle =
            patternsMeet([...text], base) || patternsMeet([...text], [...base, ' ', '(', any, ')']);
          expect(canShow(text, 'ab', name)).toBe(oracle);
        },
      ),
      { numRuns: 5000 },
    );
  });
});

describe('the judged side is matched without a regular expression', () => {
  // The session 5 reading, as a regular expression (its backtracking was the problem, not its meaning).
  const escape = (s: string) => s.replace(/[.*+?^$()|[\]\\{}]/g, '\\$&');
  const oracle = (shown: string, id: string, declared?: string) => {
    const bases = [escape(id)];
    if (declared && declared.replace(/\$\{\{[\s\S]*?\}\}/g, '').trim())
      bases.push(
        declared
          .split(/\$\{\{[\s\S]*?\}\}/g)
          .map(escape)
          .join('[^/]*'),
      );
    return new RegExp(`^(?:${bases.join('|')})(?: \\([^()]*\\))?$`).test(shown);
  };

  it('property: jobNameMatches (direct) equals the regular expression it replaces', () => {
    const piece = fc.constantFrom('a', 'b', 'ab', ' ', '(', ')', '/', ' (', ' / ', '');
    const tmpl = fc.array(fc.oneof(piece, fc.constant('${{ e }}')), { maxLength: 6 }).map((p) => p.join(''));
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 10 }).map((p) => p.join('')),
        fc.constantFrom('ab', 'a', 'b-1'),
        fc.option(tmpl, { nil: undefined }),
        (shown, id, name) => {
          expect(jobNameMatches(shown, id, name, true)).toBe(oracle(shown, id, name));
        },
      ),
      { numRuns: 10000 },
    );
  });
});
