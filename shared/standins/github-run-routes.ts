/**
 * Stand-in routes for the audit action: a run's environment approvals
 * (`GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals`). In-memory state; any bearer token in
 * `tokens` may read. NOT GitHub (see docs/standins.md); shapes are checked in tests.
 */
import type { GithubStandin, StandinResponse } from './github-api.js';
import { simpleUser } from './github-shapes.js';

export interface StandinApproval {
  readonly user: string;
  readonly userType?: 'User' | 'Bot';
  readonly state: 'approved' | 'rejected' | 'pending';
  readonly environments: string[];
  readonly comment: string;
}

export interface RunState {
  /** `owner/repo#run_id` -> approvals of the run. */
  readonly approvals: Record<string, StandinApproval[]>;
  /** Tokens that may read (`actions: read`); any other token gets 403 as GitHub answers. */
  readonly tokens: string[];
}

const msg = (status: number, message: string): StandinResponse => ({
  status,
  body: { message, documentation_url: 'https://docs.github.com/rest' },
});

export function githubRunRoutes(state: RunState, baseUrl: () => string) {
  return (s: GithubStandin) => {
    s.route('GET', '/repos/{owner}/{repo}/actions/runs/{run_id}/approvals', (req) => {
      const m = /^(?:bearer|token)\s+(.+)$/i.exec(String(req.headers.authorization ?? ''));
      if (!m) return msg(401, 'Requires authentication');
      if (!state.tokens.includes(m[1]!)) return msg(403, 'Resource not accessible by integration');
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
