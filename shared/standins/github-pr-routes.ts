/**
 * Stand-in routes for the access-diff action: repository contents at a commit (directory listings
 * and files), pull request comments, labels (read, remove), `/user`, and GraphQL `minimizeComment`. In-memory state;
 * tokens map to identities. NOT GitHub (see docs/standins.md); shapes are checked in tests.
 */
import type { GithubStandin, StandinRequest, StandinResponse } from './github-api.js';
import { simpleUser } from './github-shapes.js';

export interface StandinComment {
  id: number;
  node_id: string;
  body: string;
  author: string;
  minimized: boolean;
}

export interface PullRequestState {
  readonly owner: string;
  readonly repo: string;
  /** sha -> path -> text */
  readonly trees: Record<string, Record<string, string>>;
  readonly comments: Record<number, StandinComment[]>;
  readonly labels: Record<number, string[]>;
  /** token -> identity; `bot: true` identities cannot read /user (as installation tokens). */
  readonly tokens: Record<string, { login: string; bot?: boolean; readOnly?: boolean }>;
}

const msg = (status: number, message: string): StandinResponse => ({
  status,
  body: { message, documentation_url: 'https://docs.github.com/rest' },
});
let nextId = 1000;

export function githubPullRequestRoutes(state: PullRequestState, baseUrl: () => string) {
  const who = (req: StandinRequest) => {
    const m = /^(?:bearer|token)\s+(.+)$/i.exec(String(req.headers.authorization ?? ''));
    return m ? state.tokens[m[1]!] : undefined;
  };
  const comment = (c: StandinComment, number: number) => {
    const url = `${baseUrl()}/repos/${state.owner}/${state.repo}/issues/comments/${c.id}`;
    return {
      id: c.id,
      node_id: c.node_id,
      url,
      html_url: `https://github.com/${state.owner}/${state.repo}/pull/${number}#issuecomment-${c.id}`,
      issue_url: `${baseUrl()}/repos/${state.owner}/${state.repo}/issues/${number}`,
      body: c.body,
      user: simpleUser(c.author, 1, baseUrl(), c.author.endsWith('[bot]') ? 'Bot' : 'User'),
      created_at: '2026-01-01T00:00:00Z',
      updated_at: '2026-01-01T00:00:00Z',
      author_association: 'NONE',
    };
  };
  const find = (id: number) => {
    for (const [n, list] of Object.entries(state.comments)) {
      const c = list.find((x) => x.id === id);
      if (c) return { c, number: Number(n) };
    }
    return undefined;
  };

  return (s: GithubStandin) => {
    s.route('GET', '/user', (req) => {
      const id = who(req);
      if (!id) return msg(401, 'Bad credentials');
      if (id.bot) return msg(403, 'Resource not accessible by integration');
      return {
        status: 200,
        body: {
          ...simpleUser(id.login, 7, baseUrl()),
          name: null,
          company: null,
          blog: null,
          location: null,
          email: null,
          hireable: null,
          bio: null,
          public_repos: 0,
          public_gists: 0,
          followers: 0,
          following: 0,
          created_at: '2020-01-01T00:00:00Z',
          updated_at: '2020-01-01T00:00:00Z',
        },
      };
    });

    s.route('GET', '/repos/{owner}/{repo}/contents/{path}', (req) => {
      if (!who(req)) return msg(401, 'Bad credentials');
      const tree = state.trees[req.query.get('ref') ?? ''];
      if (!tree) return msg(404, 'No commit found for the ref');
      const path = req.params.path!.replace(/\/$/, '');
      const base = `${baseUrl()}/repos/${state.owner}/${state.repo}/contents`;
      const entry = (p: string, type: 'file' | 'dir', text = '') => ({
        type,
        size: text.length,
        name: p.split('/').pop()!,
        path: p,
        sha: Buffer.from(p).toString('hex').padEnd(40, '0').slice(0, 40),
        url: `${base}/${p}`,
        git_url: null,
        html_url: null,
        download_url: null,
        _links: { git: null, html: null, self: `${base}/${p}` },
      });
      if (tree[path] !== undefined) {
        const text = tree[path]!;
        return {
          status: 200,
          body: {
            ...entry(path, 'file', text),
            encoding: 'base64',
            content: Buffer.from(text).toString('base64'),
          },
        };
      }
      const children = Object.keys(tree).filter(
        (p) => p.startsWith(`${path}/`) && !p.slice(path.length + 1).includes('/'),
      );
      if (children.length === 0) return msg(404, 'Not Found');
      return { status: 200, body: children.map((p) => entry(p, 'file', tree[p])) };
    });

    s.route('GET', '/repos/{owner}/{repo}/issues/{issue_number}/comments', (req) => {
      if (!who(req)) return msg(401, 'Bad credentials');
      const list = state.comments[Number(req.params.issue_number)] ?? [];
      const page = Number(req.query.get('page') ?? '1');
      const per = Number(req.query.get('per_page') ?? '30');
      const slice = list.slice((page - 1) * per, page * per);
      const more = page * per < list.length;
      return {
        status: 200,
        body: slice.map((c) => comment(c, Number(req.params.issue_number))),
        ...(more
          ? { headers: { link: `<${baseUrl()}${req.path}?per_page=${per}&page=${page + 1}>; rel="next"` } }
          : {}),
      };
    });

    s.route('POST', '/repos/{owner}/{repo}/issues/{issue_number}/comments', (req) => {
      const id = who(req);
      if (!id) return msg(401, 'Bad credentials');
      if (id.readOnly) return msg(403, 'Resource not accessible by integration');
      const number = Number(req.params.issue_number);
      const c: StandinComment = {
        id: nextId++,
        node_id: `IC_${nextId}`,
        body: String((req.body as { body?: string }).body ?? ''),
        author: id.login,
        minimized: false,
      };
      (state.comments[number] ??= []).push(c);
      return { status: 201, body: comment(c, number) };
    });

    s.route('PATCH', '/repos/{owner}/{repo}/issues/comments/{comment_id}', (req) => {
      const id = who(req);
      if (!id) return msg(401, 'Bad credentials');
      const found = find(Number(req.params.comment_id));
      if (!found) return msg(404, 'Not Found');
      if (found.c.author !== id.login || id.readOnly)
        return msg(403, 'Resource not accessible by integration');
      found.c.body = String((req.body as { body?: string }).body ?? '');
      return { status: 200, body: comment(found.c, found.number) };
    });

    const labels = (names: readonly string[]) =>
      names.map((name, i) => ({
        id: i + 1,
        node_id: `LA_${i}`,
        url: `${baseUrl()}/repos/${state.owner}/${state.repo}/labels/${encodeURIComponent(name)}`,
        name,
        description: null,
        color: 'ededed',
        default: false,
      }));
    s.route('GET', '/repos/{owner}/{repo}/issues/{issue_number}/labels', (req) => {
      if (!who(req)) return msg(401, 'Bad credentials');
      return { status: 200, body: labels(state.labels[Number(req.params.issue_number)] ?? []) };
    });
    // Removing a label (the access diff drops an approval that a later push outdated).
    s.route('DELETE', '/repos/{owner}/{repo}/issues/{issue_number}/labels/{name}', (req) => {
      const id = who(req);
      if (!id) return msg(401, 'Bad credentials');
      if (id.readOnly) return msg(403, 'Resource not accessible by integration');
      const number = Number(req.params.issue_number);
      const names = state.labels[number] ?? [];
      const name = String(req.params.name);
      if (!names.includes(name)) return msg(404, 'Label does not exist');
      state.labels[number] = names.filter((n) => n !== name);
      return { status: 200, body: labels(state.labels[number]) };
    });

    // GraphQL is outside the REST description; the request is checked here by hand instead.
    s.route('POST', '/graphql', (req) => {
      const id = who(req);
      if (!id) return msg(401, 'Bad credentials');
      const body = req.body as { query?: string; variables?: { id?: string } };
      if (
        !/minimizeComment\(input:\s*\{\s*subjectId:\s*\$id,\s*classifier:\s*OUTDATED\s*\}\)/.test(
          body.query ?? '',
        )
      ) {
        return {
          status: 200,
          body: { errors: [{ message: 'stand-in supports only minimizeComment(OUTDATED)' }] },
        };
      }
      const target = Object.values(state.comments)
        .flat()
        .find((c) => c.node_id === body.variables?.id);
      if (!target) return { status: 200, body: { errors: [{ message: 'Could not resolve to a node' }] } };
      target.minimized = true;
      return {
        status: 200,
        body: { data: { minimizeComment: { minimizedComment: { isMinimized: true } } } },
      };
    });
  };
}
