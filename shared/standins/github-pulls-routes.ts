/**
 * Stand-in route for listing pull requests (`GET /repos/{owner}/{repo}/pulls?head=OWNER:BRANCH`), as
 * the access diff's post job uses it to find a fork's pull request (`workflow_run.pull_requests` is
 * empty for forks). Pull requests are in-memory; a head repository may be a fork. NOT GitHub (see
 * docs/standins.md); shapes are checked in tests.
 */
import type { GithubStandin, StandinRequest, StandinResponse } from './github-api.js';
import { repository, simpleUser } from './github-shapes.js';

export interface StandinRepoRef {
  readonly owner: string;
  readonly name: string;
  readonly id: number;
  readonly ownerId: number;
}

export interface StandinPullRequest {
  readonly number: number;
  /** The repository the pull request is opened in (its base). */
  readonly base: StandinRepoRef & { readonly ref: string; readonly sha: string };
  readonly head: StandinRepoRef & { readonly ref: string; readonly sha: string };
  readonly state?: 'open' | 'closed';
}

export interface PullsState {
  readonly pulls: StandinPullRequest[];
  readonly tokens: Record<string, unknown>;
}

const msg = (status: number, message: string): StandinResponse => ({
  status,
  body: { message, documentation_url: 'https://docs.github.com/rest' },
});

export function githubPullsRoutes(state: PullsState, baseUrl: () => string) {
  const authed = (req: StandinRequest) => {
    const m = /^(?:bearer|token)\s+(.+)$/i.exec(String(req.headers.authorization ?? ''));
    return m ? state.tokens[m[1]!] !== undefined : false;
  };
  const side = (r: StandinPullRequest['base']) => ({
    label: `${r.owner}:${r.ref}`,
    ref: r.ref,
    sha: r.sha,
    repo: repository({ ...r, defaultBranch: 'main' }, baseUrl()),
    user: simpleUser(r.owner, r.ownerId, baseUrl(), 'Organization'),
  });
  const simple = (p: StandinPullRequest) => {
    const full = `${p.base.owner}/${p.base.name}`;
    const api = `${baseUrl()}/repos/${full}`;
    const url = `${api}/pulls/${p.number}`;
    const html = `https://github.com/${full}/pull/${p.number}`;
    const link = (href: string) => ({ href });
    return {
      url,
      id: 900000 + p.number,
      node_id: `PR_${p.number}`,
      html_url: html,
      diff_url: `${html}.diff`,
      patch_url: `${html}.patch`,
      issue_url: `${api}/issues/${p.number}`,
      commits_url: `${url}/commits`,
      review_comments_url: `${url}/comments`,
      review_comment_url: `${api}/pulls/comments{/number}`,
      comments_url: `${api}/issues/${p.number}/comments`,
      statuses_url: `${api}/statuses/${p.head.sha}`,
      number: p.number,
      state: p.state ?? 'open',
      locked: false,
      title: `pull request ${p.number}`,
      user: simpleUser(p.head.owner, p.head.ownerId, baseUrl()),
      body: null,
      labels: [],
      milestone: null,
      created_at: '2026-01-01T00:00:00Z',
      updated_at: '2026-01-01T00:00:00Z',
      closed_at: null,
      merged_at: null,
      merge_commit_sha: null,
      assignee: null,
      head: side(p.head),
      base: side(p.base),
      _links: {
        self: link(url),
        html: link(html),
        issue: link(`${api}/issues/${p.number}`),
        comments: link(`${api}/issues/${p.number}/comments`),
        review_comments: link(`${url}/comments`),
        review_comment: link(`${api}/pulls/comments{/number}`),
        commits: link(`${url}/commits`),
        statuses: link(`${api}/statuses/${p.head.sha}`),
      },
      author_association: 'CONTRIBUTOR',
      auto_merge: null,
    };
  };

  return (s: GithubStandin) => {
    s.route('GET', '/repos/{owner}/{repo}/pulls', (req) => {
      if (!authed(req)) return msg(401, 'Bad credentials');
      const full = `${req.params.owner}/${req.params.repo}`.toLowerCase();
      const wanted = req.query.get('state') ?? 'open';
      // `head=OWNER:BRANCH` filters by the head repository's owner and branch, as on GitHub.
      const head = req.query.get('head');
      const [headOwner, headRef] = head
        ? [head.slice(0, head.indexOf(':')), head.slice(head.indexOf(':') + 1)]
        : [];
      const list = state.pulls.filter(
        (p) =>
          `${p.base.owner}/${p.base.name}`.toLowerCase() === full &&
          (wanted === 'all' || (p.state ?? 'open') === wanted) &&
          (!head || (p.head.owner.toLowerCase() === headOwner!.toLowerCase() && p.head.ref === headRef)),
      );
      return { status: 200, body: list.map(simple) };
    });
  };
}
