/**
 * Stand-in routes for the audit action: a run's environment approvals
 * (`GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals`) and the jobs of one run attempt with
 * their steps (`GET /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}/jobs`).
 * In-memory state; any bearer token in `tokens` may read. NOT GitHub (see docs/standins.md); shapes
 * are checked in tests.
 */
import type { GithubStandin, StandinResponse } from './github-api.js';
import { jobObject, simpleUser } from './github-shapes.js';

export interface StandinApproval {
  readonly user: string;
  readonly userType?: 'User' | 'Bot';
  readonly state: 'approved' | 'rejected' | 'pending';
  readonly environments: string[];
  readonly comment: string;
}

/** A step of a job as the Jobs API shows it: its display name, not its `id:`. */
export interface StandinStep {
  readonly name: string;
  readonly status: 'queued' | 'in_progress' | 'completed';
  readonly conclusion: 'success' | 'failure' | 'skipped' | 'cancelled' | null;
}

export interface StandinJob {
  /** The job id, which is also its check run id. */
  readonly id: number;
  /** The display name (`name:`, or the job id; matrix legs add their values in parentheses). */
  readonly name: string;
  readonly status?: 'queued' | 'in_progress' | 'completed';
  readonly conclusion?: 'success' | 'failure' | 'skipped' | 'cancelled' | null;
  readonly steps: StandinStep[];
}

export interface RunState {
  /** `owner/repo#run_id` -> approvals of the run. */
  readonly approvals: Record<string, StandinApproval[]>;
  /** `owner/repo#run_id#attempt` -> the jobs of that run attempt. */
  readonly jobs?: Record<string, StandinJob[]>;
  /** Tokens that may read (`actions: read`); any other token gets 403 as GitHub answers. */
  readonly tokens: string[];
}

const msg = (status: number, message: string): StandinResponse => ({
  status,
  body: { message, documentation_url: 'https://docs.github.com/rest' },
});

/** GitHub's `job` object for a stand-in job. */
export function standinJob(
  j: StandinJob,
  at: { owner: string; repo: string; runId: number; attempt: number },
  baseUrl: string,
) {
  return jobObject(
    {
      ...j,
      ...at,
      runAttempt: at.attempt,
      status: j.status ?? 'in_progress',
      conclusion: j.conclusion ?? null,
    },
    baseUrl,
  );
}

export function githubRunRoutes(state: RunState, baseUrl: () => string) {
  const reader = (req: { headers: Record<string, unknown> }): StandinResponse | undefined => {
    const m = /^(?:bearer|token)\s+(.+)$/i.exec(String(req.headers.authorization ?? ''));
    if (!m) return msg(401, 'Requires authentication');
    if (!state.tokens.includes(m[1]!)) return msg(403, 'Resource not accessible by integration');
    return undefined;
  };
  return (s: GithubStandin) => {
    s.route('GET', '/repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}/jobs', (req) => {
      const refused = reader(req);
      if (refused) return refused;
      const { owner, repo, run_id, attempt_number } = req.params as Record<string, string>;
      const list = state.jobs?.[`${owner}/${repo}#${run_id}#${attempt_number}`];
      if (!list) return msg(404, 'Not Found');
      const page = Math.max(1, Number(req.query.get('page') ?? '1') || 1);
      const per = Math.min(100, Math.max(1, Number(req.query.get('per_page') ?? '30') || 30));
      const more = page * per < list.length;
      const at = { owner: owner!, repo: repo!, runId: Number(run_id), attempt: Number(attempt_number) };
      return {
        status: 200,
        body: {
          total_count: list.length,
          jobs: list.slice((page - 1) * per, page * per).map((j) => standinJob(j, at, baseUrl())),
        },
        ...(more
          ? { headers: { link: `<${baseUrl()}${req.path}?per_page=${per}&page=${page + 1}>; rel="next"` } }
          : {}),
      };
    });
    s.route('GET', '/repos/{owner}/{repo}/actions/runs/{run_id}/approvals', (req) => {
      const refused = reader(req);
      if (refused) return refused;
      const { owner, repo, run_id } = req.params as { owner: string; repo: string; run_id: string };
      const list = state.approvals[`${owner}/${repo}#${run_id}`] ?? [];
      return {
        status: 200,
        body: list.map((a, i) => ({
          environments: a.environments.map((name, j) => ({
            id: 5000 + j,
            node_id: `EN_${5000 + j}`,
            name,
            url: `${baseUrl()}/repos/${owner}/${repo}/environments/${encodeURIComponent(name)}`,
            html_url: `https://github.com/${owner}/${repo}/deployments/activity_log?environments_filter=${encodeURIComponent(name)}`,
            created_at: '2025-01-01T00:00:00Z',
            updated_at: '2025-01-01T00:00:00Z',
          })),
          state: a.state,
          user: simpleUser(a.user, 9000 + i, baseUrl(), a.userType ?? 'User'),
          comment: a.comment,
        })),
      };
    });
  };
}
