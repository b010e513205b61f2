/**
 * Stand-in routes for the git data API the access diff reads: a commit's tree
 * (`GET /repos/{owner}/{repo}/git/trees/{tree_sha}`, `?recursive=1`) and blobs
 * (`GET /repos/{owner}/{repo}/git/blobs/{file_sha}`). Built over the same in-memory `sha -> path ->
 * text` trees as the contents routes, plus symbolic links. Blob ids are content hashes, so an
 * unchanged file has one id in both commits, as in git. NOT GitHub (see docs/standins.md); shapes are
 * checked in tests.
 */
import { createHash } from 'node:crypto';
import type { GithubStandin, StandinRequest, StandinResponse } from './github-api.js';

export interface GitTreesState {
  readonly owner: string;
  readonly repo: string;
  /** commit sha -> path -> text */
  readonly trees: Record<string, Record<string, string>>;
  /** commit sha -> path -> link target (mode 120000). */
  readonly symlinks?: Record<string, Record<string, string>>;
  /** Recursive trees larger than this many entries answer `truncated: true` (GitHub: 100,000). */
  readonly truncateAfter?: number;
  readonly tokens: Record<string, unknown>;
}

const msg = (status: number, message: string): StandinResponse => ({
  status,
  body: { message, documentation_url: 'https://docs.github.com/rest' },
});

/** git's blob id: sha1 of `blob <size>\0<content>`. */
export function gitBlobSha(text: string): string {
  const body = Buffer.from(text);
  return createHash('sha1')
    .update(Buffer.concat([Buffer.from(`blob ${body.length}\0`), body]))
    .digest('hex');
}

/** A stand-in tree id: the commit and directory it lists (not git's, but stable and unique). */
const treeSha = (commit: string, dir: string) =>
  createHash('sha1').update(`tree ${commit}:${dir}`).digest('hex');

interface Entry {
  path: string;
  mode: string;
  type: 'blob' | 'tree';
  sha: string;
  size?: number;
}

export function githubGitRoutes(state: GitTreesState, baseUrl: () => string) {
  const authed = (req: StandinRequest) => {
    const m = /^(?:bearer|token)\s+(.+)$/i.exec(String(req.headers.authorization ?? ''));
    return m ? state.tokens[m[1]!] !== undefined : false;
  };
  /** Every entry of a commit, directories included, as full paths. */
  const entriesOf = (commit: string): Entry[] => {
    const files = state.trees[commit] ?? {};
    const links = state.symlinks?.[commit] ?? {};
    const out = new Map<string, Entry>();
    const addDirs = (path: string) => {
      const parts = path.split('/');
      for (let i = 1; i < parts.length; i++) {
        const dir = parts.slice(0, i).join('/');
        if (!out.has(dir))
          out.set(dir, { path: dir, mode: '040000', type: 'tree', sha: treeSha(commit, dir) });
      }
    };
    for (const [path, text] of Object.entries(files)) {
      addDirs(path);
      out.set(path, {
        path,
        mode: '100644',
        type: 'blob',
        sha: gitBlobSha(text),
        size: Buffer.byteLength(text),
      });
    }
    for (const [path, target] of Object.entries(links)) {
      addDirs(path);
      out.set(path, {
        path,
        mode: '120000',
        type: 'blob',
        sha: gitBlobSha(target),
        size: Buffer.byteLength(target),
      });
    }
    return [...out.values()].sort((a, b) => (a.path < b.path ? -1 : 1));
  };
  /** The commit and directory a tree sha names (a commit sha names its root tree, as on GitHub). */
  const resolveTree = (sha: string): { commit: string; dir: string } | undefined => {
    if (state.trees[sha]) return { commit: sha, dir: '' };
    for (const commit of Object.keys(state.trees))
      for (const e of entriesOf(commit))
        if (e.type === 'tree' && e.sha === sha) return { commit, dir: e.path };
    return undefined;
  };
  const blobText = (sha: string): string | undefined => {
    for (const commit of Object.keys(state.trees)) {
      for (const text of Object.values(state.trees[commit] ?? {})) if (gitBlobSha(text) === sha) return text;
      for (const target of Object.values(state.symlinks?.[commit] ?? {}))
        if (gitBlobSha(target) === sha) return target;
    }
    return undefined;
  };
  const repoUrl = () => `${baseUrl()}/repos/${state.owner}/${state.repo}`;

  return (s: GithubStandin) => {
    s.route('GET', '/repos/{owner}/{repo}/git/trees/{tree_sha}', (req) => {
      if (!authed(req)) return msg(401, 'Bad credentials');
      const at = resolveTree(req.params.tree_sha!);
      if (!at) return msg(404, 'Not Found');
      const recursive = ['1', 'true'].includes(req.query.get('recursive') ?? '');
      const prefix = at.dir ? `${at.dir}/` : '';
      let entries = entriesOf(at.commit)
        .filter((e) => e.path.startsWith(prefix))
        .map((e) => ({ ...e, path: e.path.slice(prefix.length) }))
        .filter((e) => recursive || !e.path.includes('/'));
      let truncated = false;
      if (recursive && state.truncateAfter !== undefined && entries.length > state.truncateAfter) {
        entries = entries.slice(0, state.truncateAfter);
        truncated = true;
      }
      return {
        status: 200,
        body: {
          sha: treeSha(at.commit, at.dir),
          url: `${repoUrl()}/git/trees/${treeSha(at.commit, at.dir)}`,
          truncated,
          tree: entries.map((e) => ({
            path: e.path,
            mode: e.mode,
            type: e.type,
            sha: e.sha,
            ...(e.size !== undefined ? { size: e.size } : {}),
            url: `${repoUrl()}/git/${e.type === 'tree' ? 'trees' : 'blobs'}/${e.sha}`,
          })),
        },
      };
    });

    s.route('GET', '/repos/{owner}/{repo}/git/blobs/{file_sha}', (req) => {
      if (!authed(req)) return msg(401, 'Bad credentials');
      const text = blobText(req.params.file_sha!);
      if (text === undefined) return msg(404, 'Not Found');
      const sha = req.params.file_sha!;
      return {
        status: 200,
        body: {
          sha,
          node_id: `B_${sha.slice(0, 12)}`,
          size: Buffer.byteLength(text),
          url: `${repoUrl()}/git/blobs/${sha}`,
          content: Buffer.from(text).toString('base64'),
          encoding: 'base64',
        },
      };
    });
  };
}
