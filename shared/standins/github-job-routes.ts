/**
 * Stand-in route for the Actions Jobs API as the broker reads it to verify a token's job
 * (`GET /repos/{owner}/{repo}/actions/jobs/{job_id}`). In-memory state: tests register jobs with
 * `registerJob` and move them through their life cycle. Reading needs a token `authorize` accepts
 * (an installation token with `actions: read` on the repository); anything else gets GitHub's 401,
 * an unknown job or one of another repository 404. NOT GitHub (see docs/standins.md); shapes are
 * checked in tests against GitHub's OpenAPI description.
 */
import type { GithubStandin, StandinRequest, StandinResponse } from './github-api.js';
import { jobObject } from './github-shapes.js';

export interface StandinJob {
  readonly owner: string;
  readonly repo: string;
  /** The job id; GitHub's check_run_id of an Actions job has the same number. */
  readonly id: number;
  readonly runId: number;
  readonly runAttempt: number;
  /** The name GitHub shows: `name:` evaluated, or the job id; matrix jobs add ` (a, b)`. */
  name: string;
  status: 'queued' | 'in_progress' | 'completed' | 'waiting' | 'requested' | 'pending';
  readonly headSha?: string;
  readonly headBranch?: string;
  readonly workflowName?: string;
}

export interface JobsState {
  readonly jobs: StandinJob[];
}

/** Adds (or replaces) a job; returns it so a test can change its status. */
export function registerJob(
  state: JobsState,
  job: Omit<StandinJob, 'status'> & { status?: StandinJob['status'] },
): StandinJob {
  const i = state.jobs.findIndex((j) => j.id === job.id);
  const full: StandinJob = { status: 'in_progress', ...job };
  if (i >= 0) state.jobs[i] = full;
  else state.jobs.push(full);
  return full;
}

const msg = (status: number, message: string): StandinResponse => ({
  status,
  body: { message, documentation_url: 'https://docs.github.com/rest' },
});

function bearer(req: StandinRequest): string | undefined {
  const m = /^(?:bearer|token)\s+(.+)$/i.exec(String(req.headers.authorization ?? ''));
  return m?.[1];
}

export function jobJson(j: StandinJob, baseUrl: string) {
  return jobObject({ ...j, conclusion: j.status === 'completed' ? 'success' : null, steps: [] }, baseUrl);
}

export function githubJobRoutes(
  state: JobsState,
  baseUrl: () => string,
  authorize: (token: string, owner: string, repo: string) => boolean,
) {
  return (s: GithubStandin) => {
    s.route('GET', '/repos/{owner}/{repo}/actions/jobs/{job_id}', (req) => {
      const { owner, repo, job_id } = req.params as { owner: string; repo: string; job_id: string };
      const token = bearer(req);
      if (!token || !authorize(token, owner, repo)) return msg(401, 'Bad credentials');
      const j = state.jobs.find(
        (x) =>
          String(x.id) === job_id &&
          x.owner.toLowerCase() === owner.toLowerCase() &&
          x.repo.toLowerCase() === repo.toLowerCase(),
      );
      if (!j) return msg(404, 'Not Found');
      return { status: 200, body: jobJson(j, baseUrl()) };
    });
  };
}
