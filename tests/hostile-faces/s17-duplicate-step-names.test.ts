/**
 * Session 17 hostile review of the audit summary's reading of the Jobs API: the API names steps by
 * display name only, and nothing stops two steps of a job from sharing one. A grant keyed by step
 * `deploy` (`name: Deploy`, skipped this run) was claimed by another step; a pull request that adds a
 * step also named `Deploy` made `stepRan` find "a row named Deploy that ran" and the summary showed no
 * `claimed-by-unknown-step`. The gate's own row already fails closed on a shared name (session 15);
 * a grant's step now does too. Seen failing before the fix.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { stepRan, type ApiJob, type ApiStep } from '../../shared/audit/job-steps.js';
import { buildReport } from '../../shared/audit/report.js';
import { renderAuditMarkdown } from '../../shared/audit/render-markdown.js';
import { verifyJob, type BrokerListing } from '../../shared/audit/verify.js';
import { parseWorkflow } from '../../shared/workflow/parse.js';

const T0 = '2026-12-01T10:00:00.000Z';
const T1 = '2026-12-01T10:00:05.000Z';
const T2 = '2026-12-01T10:05:00.000Z';
const ctx = { repository: 'o/r', workflow: 'release.yml', job: 'publish', run_id: '1', run_attempt: 1 };

const WORKFLOW = `on: push
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - id: deploy
        name: Deploy
        if: github.ref == 'refs/heads/prod'
        uses: stepwarden/stepwarden/actions/run@v1
      - name: Deploy
        run: ./tools/take-the-grant.sh
`;
const steps = parseWorkflow('release.yml', '.github/workflows/release.yml', WORKFLOW).jobs[0]!.steps;

const row = (name: string, conclusion: string | null, status = 'completed'): ApiStep => ({
  name,
  status,
  conclusion,
});
const apiJob = (rows: ApiStep[]): ApiJob => ({ id: 7, name: 'publish', steps: rows });

const listing: BrokerListing = {
  revoked: 0,
  complete: true,
  subject: { repository: 'o/r', run_id: '1', run_attempt: '1' },
  credentials: [
    {
      grant_id: 'g1',
      job: 'publish',
      step: 'deploy',
      audience: 'github',
      scope: 'contents:write',
      issued_at: T0,
      expires_at: T2,
      state: 'revoked-earlier',
      revoked_at: T1,
    },
  ],
};

describe('a grant whose step shares its display name with another step', () => {
  const job = apiJob([
    row('Set up job', 'success'),
    row('Deploy', 'skipped'),
    row('Deploy', 'success'),
    row('Complete job', 'success'),
  ]);

  it('is not "ran" because some step of that name ran', () => {
    expect(stepRan(job, 'deploy', steps)).not.toBe(true);
  });

  it('is a claimed-by-unknown-step anomaly that says the step cannot be told apart', () => {
    const r = verifyJob({ trail: [], broker: listing, stepRan: (s) => stepRan(job, s, steps), ctx, now: T2 });
    const a = r.anomalies.find((x) => x.kind === 'claimed-by-unknown-step');
    expect(a).toBeDefined();
    expect(a!.detail).toMatch(/2 steps of the job show as 'Deploy'/);
    expect(a!.detail).toMatch(/name:/);
    const built = buildReport(r.events);
    const md = renderAuditMarkdown({ ...built, anomalies: [...built.anomalies, ...r.anomalies] });
    expect(md).toMatch(/claimed-by-unknown-step/);
  });

  it('without the workflow, rows named like the id that disagree cannot vouch for it either', () => {
    const byId = apiJob([row('deploy', 'skipped'), row('deploy', 'success')]);
    expect(stepRan(byId, 'deploy', undefined)).not.toBe(true);
  });

  it('still reads a shared name whose rows agree: all ran, or none did', () => {
    expect(stepRan(apiJob([row('Deploy', 'success'), row('Deploy', 'failure')]), 'deploy', steps)).toBe(true);
    expect(stepRan(apiJob([row('Deploy', 'skipped'), row('Deploy', 'skipped')]), 'deploy', steps)).toBe(
      false,
    );
  });

  it('property: "ran" only when every row of the step\'s display name ran', () => {
    const conclusion = fc.constantFrom<[string, string | null]>(
      ['completed', 'success'],
      ['completed', 'failure'],
      ['completed', 'skipped'],
      ['queued', null],
      ['in_progress', null],
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('Deploy', 'Other', 'Run ./tools/take-the-grant.sh'), conclusion), {
          maxLength: 6,
        }),
        (rows) => {
          const job = apiJob(rows.map(([n, [s, c]]) => row(n, c, s)));
          const mine = rows.filter(([n]) => n === 'Deploy');
          const ran = ([, [s, c]]: (typeof rows)[number]) => s !== 'queued' && c !== 'skipped';
          const got = stepRan(job, 'deploy', steps);
          if (got === true) expect(mine.length > 0 && mine.every(ran)).toBe(true);
          if (got === false) expect(mine.length > 0 && !mine.some(ran)).toBe(true);
        },
      ),
    );
  });
});
