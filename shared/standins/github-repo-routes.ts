/**
 * Stand-in routes for the enforce action, as a job's GITHUB_TOKEN sees them: the repository
 * (`GET /repos/{owner}/{repo}`, with `default_branch`) and file contents at a branch or commit
 * (`GET /repos/{owner}/{repo}/contents/{path}?ref=`). In-memory state. A token without `contents:
 * read` gets GitHub's 403 on contents but can still read the repository (metadata); a private
 * repository the token does not cover answers 404, as GitHub does. NOT GitHub (see docs/standins.md);
 * shapes are checked in tests.
 */
import type { GithubStandin, StandinRequest, StandinResponse } from './github-api.js';
import { repository } from './github-shapes.js';

export interface StandinContentsRepo {
  readonly owner: string;
  readonly name: string;
  readonly id: number;
  readonly ownerId: number;
  readonly defaultBranch: string;
  /** Branch name or commit SHA -> path -> text. */
  readonly refs: Record<string, Record<string, string>>;
  /**
   * Branch name or commit SHA -> path -> target of a symbolic link. GitHub answers the link's own
   * path with `type: "symlink"` (when its target is no file of the repository) and a path through it
   * with 404; a directory is answered as the list of its entries.
   */
  readonly links?: Record<string, Record<string, string>>;
}

export interface StandinRepoToken {
  /** `owner/name` of the repositories the token covers (a job token covers its own). */
  readonly repositories: readonly string[];
  /** `read` when the job has `contents: read` (or more); `none` otherwise. */
  readonly contents: 'read' | 'none';
}

export interface RepoContentsState {
  readonly repos: StandinContentsRepo[];
  /** token -> what it may read; any other token is refused with 401. */
  readonly tokens: Record<string, StandinRepoToken>;
}

const msg = (status: number, message: string): StandinResponse => ({
  status,
  body: { message, documentation_url: 'https://docs.github.com/rest' },
});

/** Above this the contents API answers without the file's content (GitHub: 1 MB). */
const LARGE_FILE_BYTES = 1024 * 1024;

/** Stable 40-hex blob sha of a path at a ref (stand-in data; GitHub's is the git blob id). */
const blobSha = (ref: string, path: string) =>
  Buffer.from(`${ref}:${path}`).toString('hex').padEnd(40, '0').slice(0, 40);

export function githubRepoRoutes(state: RepoContentsState, baseUrl: () => string) {
  const auth = (req: StandinRequest) => {
    const m = /^(?:bearer|token)\s+(.+)$/i.exec(String(req.headers.authorization ?? ''));
    return m ? state.tokens[m[1]!] : undefined;
  };
  /** The repository when the token covers it; GitHub hides private repositories it does not cover. */
  const visible = (req: StandinRequest, token: StandinRepoToken) => {
    const full = `${req.params.owner}/${req.params.repo}`.toLowerCase();
    const r = state.repos.find((x) => `${x.owner}/${x.name}`.toLowerCase() === full);
    return r && token.repositories.some((n) => n.toLowerCase() === full) ? r : undefined;
  };

  return (s: GithubStandin) => {
    s.route('GET', '/repos/{owner}/{repo}', (req) => {
      const token = auth(req);
      if (!token) return msg(401, 'Bad credentials');
      const r = visible(req, token);
      if (!r) return msg(404, 'Not Found');
      return { status: 200, body: repository(r, baseUrl()) };
    });

    s.route('GET', '/repos/{owner}/{repo}/contents/{path}', (req) => {
      const token = auth(req);
      if (!token) return msg(401, 'Bad credentials');
      const r = visible(req, token);
      if (!r) return msg(404, 'Not Found');
      if (token.contents !== 'read') return msg(403, 'Resource not accessible by integration');
      const ref = req.query.get('ref') || r.defaultBranch;
      const tree = r.refs[ref];
      if (!tree) return msg(404, `No commit found for the ref ${ref}`);
      const path = req.params.path!.replace(/\/$/, '');
      const text = tree[path];
      const links = r.links?.[ref] ?? {};
      const meta = (p: string, type: string, size: number) => {
        const url = `${baseUrl()}/repos/${r.owner}/${r.name}/contents/${p}?ref=${encodeURIComponent(ref)}`;
        const sha = blobSha(ref, p);
        const html = `https://github.com/${r.owner}/${r.name}/${type === 'dir' ? 'tree' : 'blob'}/${ref}/${p}`;
        const git = `${baseUrl()}/repos/${r.owner}/${r.name}/git/${type === 'dir' ? 'trees' : 'blobs'}/${sha}`;
        return {
          type,
          size,
          name: p.split('/').pop()!,
          path: p,
          sha,
          url,
          git_url: git,
          html_url: html,
          download_url: null,
          _links: { git, html, self: url },
        };
      };
      if (text === undefined) {
        const link = links[path];
        if (link !== undefined)
          return { status: 200, body: { ...meta(path, 'symlink', Buffer.byteLength(link)), target: link } };
        if (Object.keys(links).some((l) => path.startsWith(`${l}/`))) return msg(404, 'Not Found');
        // A directory: its entries, one level down.
        const below = new Map<string, string>();
        // `path` is '' for the repository root.
        const prefix = path ? `${path}/` : '';
        for (const p of [...Object.keys(tree), ...Object.keys(links)]) {
          if (!p.startsWith(prefix)) continue;
          const rest = p.slice(prefix.length);
          const slash = rest.indexOf('/');
          const child = `${prefix}${slash < 0 ? rest : rest.slice(0, slash)}`;
          below.set(child, slash >= 0 ? 'dir' : p in links ? 'symlink' : 'file');
        }
        if (!below.size) return msg(404, 'Not Found');
        return {
          status: 200,
          body: [...below].map(([p, type]) =>
            meta(
              p,
              type,
              type === 'file'
                ? Buffer.byteLength(tree[p]!)
                : type === 'symlink'
                  ? Buffer.byteLength(links[p]!)
                  : 0,
            ),
          ),
        };
      }
      const url = `${baseUrl()}/repos/${r.owner}/${r.name}/contents/${path}?ref=${encodeURIComponent(ref)}`;
      const sha = blobSha(ref, path);
      // GitHub's object answer for a file over 1 MB leaves the content out: `content: ""`, `encoding:
      // "none"` (docs: "Get repository content", files between 1 and 100 MB).
      const large = Buffer.byteLength(text) > LARGE_FILE_BYTES;
      return {
        status: 200,
        body: {
          type: 'file',
          encoding: large ? 'none' : 'base64',
          size: Buffer.byteLength(text),
          name: path.split('/').pop()!,
          path,
          content: large ? '' : Buffer.from(text).toString('base64'),
          sha,
          url,
          git_url: `${baseUrl()}/repos/${r.owner}/${r.name}/git/blobs/${sha}`,
          html_url: `https://github.com/${r.owner}/${r.name}/blob/${ref}/${path}`,
          download_url: null,
          _links: {
            git: `${baseUrl()}/repos/${r.owner}/${r.name}/git/blobs/${sha}`,
            html: `https://github.com/${r.owner}/${r.name}/blob/${ref}/${path}`,
            self: url,
          },
        },
      };
    });
  };
}
