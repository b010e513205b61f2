/**
 * Stand-in routes for what the broker asks of GitHub as a GitHub App: repository lookup, the
 * installation of a repository, installation tokens (create and revoke), commits and file contents.
 * In-memory state; App JWTs are verified with the app's public key like GitHub does.
 */
import { randomBytes, type KeyObject } from 'node:crypto';
import { compactVerify } from 'jose';
import type { GithubStandin, StandinRequest, StandinResponse } from './github-api.js';
import { repository, simpleUser } from './github-shapes.js';

export interface StandinRepo {
  readonly owner: string;
  readonly name: string;
  readonly id: number;
  readonly ownerId: number;
  readonly defaultBranch: string;
  /** branch -> path -> text */
  readonly files: Record<string, Record<string, string>>;
  readonly installationId: number;
}

export interface IssuedToken {
  readonly token: string;
  readonly installationId: number;
  readonly permissions: Record<string, string>;
  readonly repositories: string[];
  readonly expiresAt: string;
  revoked: boolean;
}

export interface GithubAppState {
  readonly appId: number;
  readonly appPublicKey: KeyObject;
  readonly repos: StandinRepo[];
  /** What each installation may grant (the app's installed permissions). */
  readonly installationPermissions: Record<string, string>;
  readonly tokens: IssuedToken[];
  /** `ghs_` tokens (default) or long stateless-format ones, to prove nothing assumes a shape. */
  tokenFormat?: 'ghs' | 'long';
  /**
   * Rewrites the answer of a token request (the token as issued is kept): a GitHub that hands out
   * more than was asked, for tests of the broker's check of the answer.
   */
  tokenAnswer?: (answer: Record<string, unknown>) => Record<string, unknown>;
  /** GitHub's clock ahead of the wall clock, seconds (a test that moved the broker's clock moves it too). */
  clockOffsetSeconds?: number;
}

const now = () => new Date();
const sha = (branch: string) => Buffer.from(branch.padEnd(20, '-')).toString('hex').slice(0, 40);
const notFound: StandinResponse = {
  status: 404,
  body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' },
};
const unauthorized: StandinResponse = {
  status: 401,
  body: { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' },
};

function bearer(req: StandinRequest): string | undefined {
  const h = req.headers.authorization;
  const m = typeof h === 'string' ? /^(?:bearer|token)\s+(.+)$/i.exec(h) : null;
  return m?.[1];
}

function repoJson(r: StandinRepo, baseUrl: string) {
  return repository(r, baseUrl);
}

export function githubAppRoutes(state: GithubAppState, baseUrl: () => string) {
  const find = (owner: string, repo: string) =>
    state.repos.find(
      (r) => r.owner.toLowerCase() === owner.toLowerCase() && r.name.toLowerCase() === repo.toLowerCase(),
    );
  /**
   * Undefined when the request carries a JWT of this App that GitHub would take; else GitHub's 401.
   * Times are judged as GitHub's docs say ("Generating a JSON Web Token (JWT) for a GitHub App": iat
   * in the past, exp no more than 10 minutes into the future) on the stand-in's clock, with GitHub's
   * own messages, which octokit's auth-app matches to learn GitHub's clock from the `Date` header.
   */
  const appAuth = async (req: StandinRequest): Promise<StandinResponse | undefined> => {
    const jwt = bearer(req);
    if (!jwt) return unauthorized;
    let payload: { iss?: unknown; iat?: unknown; exp?: unknown };
    try {
      const { payload: raw } = await compactVerify(jwt, state.appPublicKey, { algorithms: ['RS256'] });
      payload = JSON.parse(new TextDecoder().decode(raw)) as typeof payload;
    } catch {
      return unauthorized;
    }
    const at = now().getTime() / 1000;
    const clock = (message: string): StandinResponse => ({
      status: 401,
      body: { message, documentation_url: 'https://docs.github.com/rest' },
    });
    if (typeof payload.exp !== 'number' || payload.exp <= at)
      return clock(
        "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires",
      );
    if (payload.exp > at + 600) return clock("'Expiration time' claim ('exp') is too far in the future");
    if (!Number.isInteger(payload.iat) || (payload.iat as number) > at)
      return clock("'Issued at' claim ('iat') must be an Integer representing a time in the past");
    return String(payload.iss) === String(state.appId) ? undefined : unauthorized;
  };
  const tokenFor = (req: StandinRequest) => {
    const t = bearer(req);
    return state.tokens.find((x) => x.token === t && !x.revoked && new Date(x.expiresAt) > now());
  };

  return (s: GithubStandin) => {
    // The authenticated App (GET /app): answers only a JWT signed by the App's own key.
    s.route('GET', '/app', async (req) => {
      const refused = await appAuth(req);
      if (refused) return refused;
      const at = '2024-01-01T00:00:00Z';
      return {
        status: 200,
        body: {
          id: state.appId,
          slug: 'stepwarden-standin',
          node_id: `A_${state.appId}`,
          owner: simpleUser('octo-org', 200001, baseUrl(), 'Organization'),
          name: 'stepwarden stand-in',
          description: 'local stand-in App',
          external_url: 'https://stepwarden.invalid',
          html_url: `${baseUrl()}/apps/stepwarden-standin`,
          created_at: at,
          updated_at: at,
          permissions: state.installationPermissions,
          events: [],
        },
      };
    });

    s.route('GET', '/repos/{owner}/{repo}', (req) => {
      const r = find(req.params.owner!, req.params.repo!);
      if (!r || !tokenFor(req)) return r ? unauthorized : notFound;
      return { status: 200, body: repoJson(r, baseUrl()) };
    });

    s.route('GET', '/repos/{owner}/{repo}/installation', async (req) => {
      const refused = await appAuth(req);
      if (refused) return refused;
      const r = find(req.params.owner!, req.params.repo!);
      if (!r) return notFound;
      return {
        status: 200,
        body: {
          id: r.installationId,
          account: repoJson(r, baseUrl()).owner,
          repository_selection: 'selected',
          access_tokens_url: `${baseUrl()}/app/installations/${r.installationId}/access_tokens`,
          repositories_url: `${baseUrl()}/installation/repositories`,
          html_url: `https://github.com/organizations/${r.owner}/settings/installations/${r.installationId}`,
          app_id: state.appId,
          target_id: r.ownerId,
          target_type: 'Organization',
          permissions: state.installationPermissions,
          events: [],
          created_at: '2025-01-01T00:00:00Z',
          updated_at: '2025-01-01T00:00:00Z',
          single_file_name: null,
          app_slug: 'stepwarden',
          suspended_by: null,
          suspended_at: null,
        },
      };
    });

    s.route('POST', '/app/installations/{installation_id}/access_tokens', async (req) => {
      const refused = await appAuth(req);
      if (refused) return refused;
      const id = Number(req.params.installation_id);
      const body = (req.body ?? {}) as { permissions?: Record<string, string>; repositories?: string[] };
      const permissions = body.permissions ?? state.installationPermissions;
      for (const [p, l] of Object.entries(permissions)) {
        const has = state.installationPermissions[p];
        if (!has || (l === 'write' && has === 'read')) {
          return {
            status: 422,
            body: {
              message: `The permissions requested are not granted to this installation. (${p}: ${l})`,
              documentation_url: 'https://docs.github.com/rest',
            },
          };
        }
      }
      const repos = (body.repositories ?? []).map((n) =>
        state.repos.find((r) => r.name === n && r.installationId === id),
      );
      if (repos.some((r) => !r))
        return {
          status: 422,
          body: {
            message:
              'There is at least one repository that does not exist or is not accessible to the parent installation.',
            documentation_url: 'https://docs.github.com/rest',
          },
        };
      const token =
        state.tokenFormat === 'long'
          ? `ghs_${randomBytes(180).toString('base64url')}`
          : `ghs_${randomBytes(27).toString('base64url').slice(0, 36)}`;
      // An hour on GitHub's clock (`now()`, what the stand-in judges JWTs and tokens by), not on the
      // process's `Date.now`, which a suite moves for the broker in the same process: a broker a day
      // behind got a token that, by GitHub's own clock, expired 23 hours before it was minted.
      const expiresAt = new Date(now().getTime() + ((state.clockOffsetSeconds ?? 0) + 3600) * 1000)
        .toISOString()
        .replace(/\.\d+Z$/, 'Z');
      state.tokens.push({
        token,
        installationId: id,
        permissions,
        repositories: body.repositories ?? [],
        expiresAt,
        revoked: false,
      });
      const answer = {
        token,
        expires_at: expiresAt,
        permissions,
        repository_selection: 'selected',
        repositories: repos.map((r) => repoJson(r!, baseUrl())),
      };
      return { status: 201, body: state.tokenAnswer ? state.tokenAnswer(answer) : answer };
    });

    s.route('DELETE', '/installation/token', (req) => {
      const t = tokenFor(req);
      if (!t) return unauthorized;
      t.revoked = true;
      return { status: 204 };
    });

    s.route('GET', '/repos/{owner}/{repo}/commits/{ref}', (req) => {
      const r = find(req.params.owner!, req.params.repo!);
      if (!r || !tokenFor(req)) return r ? unauthorized : notFound;
      if (!r.files[req.params.ref!])
        return {
          status: 422,
          body: {
            message: `No commit found for SHA: ${req.params.ref}`,
            documentation_url: 'https://docs.github.com/rest',
          },
        };
      const s = sha(req.params.ref!);
      const url = `${baseUrl()}/repos/${r.owner}/${r.name}/commits/${s}`;
      return {
        status: 200,
        body: {
          sha: s,
          node_id: `C_${s}`,
          url,
          html_url: `https://github.com/${r.owner}/${r.name}/commit/${s}`,
          comments_url: `${url}/comments`,
          commit: {
            url,
            author: null,
            committer: null,
            message: 'stand-in commit',
            comment_count: 0,
            tree: { sha: sha('tree'), url: `${url}/tree` },
          },
          author: null,
          committer: null,
          parents: [],
        },
      };
    });

    s.route('GET', '/repos/{owner}/{repo}/contents/{path}', (req) => {
      const r = find(req.params.owner!, req.params.repo!);
      if (!r || !tokenFor(req)) return r ? unauthorized : notFound;
      const ref = req.query.get('ref') ?? r.defaultBranch;
      const branch = Object.keys(r.files).find((b) => b === ref || sha(b) === ref);
      const text = branch ? r.files[branch]![req.params.path!] : undefined;
      if (text === undefined) return notFound;
      const size = Buffer.byteLength(text);
      // As GitHub: a file over 1 MB comes without its content (encoding `none`); raw media type not modelled.
      const large = size > 1024 * 1024;
      const content = large ? '' : Buffer.from(text).toString('base64');
      const path = req.params.path!;
      return {
        status: 200,
        body: {
          type: 'file',
          encoding: large ? 'none' : 'base64',
          size,
          name: path.split('/').pop(),
          path,
          content,
          sha: sha(path),
          url: `${baseUrl()}/repos/${r.owner}/${r.name}/contents/${path}`,
          git_url: null,
          html_url: null,
          download_url: null,
          _links: { git: null, html: null, self: `${baseUrl()}/repos/${r.owner}/${r.name}/contents/${path}` },
        },
      };
    });
  };
}

export { sha as standinSha };
