/**
 * `audience: github`: GitHub App installation tokens narrowed to the granted permissions and
 * repositories, revoked upstream when the broker's (shorter) lifetime ends. Retries and throttling
 * are a layer of the shared Octokit (shared/github/octokit.ts), not sprinkled through callers.
 */
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import {
  DEFAULT_UPSTREAM_TIMEOUT_MS,
  octokit,
  UpstreamRateLimitedError,
  UpstreamTimeoutError,
  type StepwardenOctokitClient,
} from '../../github/octokit.js';
import { SignJWT } from 'jose';
import { monotonicMs } from '../../clock/steady.js';
import { APP_PERMISSIONS } from '../../permissions/app-permissions.js';
import { shown } from '../../conditions/verdict.js';
import { BrokerRefusal, FileTooLargeRefusal } from '../errors.js';
import type { ActionsJob } from '../job-identity.js';

type Client = StepwardenOctokitClient;

export interface GithubAppOptions {
  readonly api: string;
  readonly appId: number;
  readonly privateKey: KeyObject;
  /** Retries of 5xx and rate-limited calls (tests lower the waits). */
  readonly retries?: number;
  readonly retryAfterBaseValue?: number;
  /**
   * Deadline of one operation (a token, a file, a head look-up: every call it makes, retries and
   * waits included), ms; default 10 s. Past it the broker refuses with 503, it never stalls.
   */
  readonly timeoutMs?: number;
  /**
   * Told when a token the broker minted for its own reads (a file, a job, a head, a repository id)
   * could not be revoked: the read's answer did not wait for it. Never given the token.
   */
  readonly onReleaseFailed?: (failure: ReleaseFailure) => void;
  /** Revocations of own read tokens in flight at most (default 64); past it: ERR_GITHUB_RELEASE_BACKLOG. */
  readonly maxReleasing?: number;
  /**
   * Told when GitHub's clock difference is learned (`asApp`) and differs by more than
   * CLOCK_NOTE_SECONDS from the one held: the operator's cue to fix the host clock.
   */
  readonly onClock?: (change: { readonly aheadSeconds: number; readonly wasSeconds: number }) => void;
}

/**
 * A learned clock difference that moved by less than this is not told again: each learning follows a
 * refusal, and a burst of refused calls learns the same difference give or take a second.
 */
export const CLOCK_NOTE_SECONDS = 5;

/**
 * The operator's line for a learned clock difference: numbers only. The App copes (it signs on
 * GitHub's clock), but OIDC token times and the state store's clock check judge on this host's, so
 * the remedy is named.
 */
export function clockNote(c: { readonly aheadSeconds: number }): {
  level: 'warn' | 'info';
  message: string;
} {
  const off = Math.abs(c.aheadSeconds);
  return off > CLOCK_NOTE_SECONDS
    ? {
        level: 'warn',
        message: `GitHub's clock is ${off} s ${c.aheadSeconds > 0 ? 'ahead of' : 'behind'} this host's (GitHub refused the App JWT's times): App JWTs are signed on GitHub's clock from now on, but OIDC token times and the state store's clock check judge on this host's; fix this host's clock (NTP)`,
      }
    : {
        level: 'info',
        message: `GitHub's clock and this host's agree again within ${CLOCK_NOTE_SECONDS} s (GitHub refused the App JWT's times on the clock learned before): App JWTs are signed on this host's clock`,
      };
}

/** A read token of the broker's own that GitHub did not confirm revoked (it lives until `expiresAt`). */
export interface ReleaseFailure {
  /** What the token was for, e.g. `read .github/workflows/release.yml of octo-org/app`. */
  readonly what: string;
  /** ERR_GITHUB_TIMEOUT, ERR_GITHUB_UNAVAILABLE, ERR_GITHUB_RATE_LIMITED, … */
  readonly code: string;
  readonly detail: string;
  readonly expiresAt: string;
}

/** kebab-case manifest names -> the API's snake_case names. */
export function toApiPermissions(perms: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(perms))
    out[(APP_PERMISSIONS as Record<string, { api: string }>)[k]?.api ?? k.replace(/-/g, '_')] = v;
  return out;
}

const LEVEL_RANK: Readonly<Record<string, number>> = { read: 1, write: 2, admin: 3 };
const lowerAscii = (s: string) => s.replace(/[A-Z]+/g, (m) => m.toLowerCase());

/**
 * How GitHub's answer to an installation-token request is wider than what was asked, or undefined:
 * every repository (`repository_selection` other than `selected`), a repository not asked for or one
 * missing from the list, one of another owner (`full_name`: an installation looked up by a name that
 * now belongs to another account), `repo` under another id than `repositoryId`, or a permission not
 * asked (GitHub adds `metadata: read` to every token) or at a higher level. Names compare in ASCII
 * case, as GitHub's.
 */
export function widerThanAsked(
  answer: {
    permissions?: Record<string, string | undefined>;
    repository_selection?: string;
    repositories?: readonly { id: number; name: string; full_name?: string }[];
  },
  asked: Readonly<Record<string, string>>,
  target: {
    readonly owner: string;
    readonly repo: string;
    readonly repositories: readonly string[];
    readonly repositoryId?: string | undefined;
  },
): string | undefined {
  const { owner, repo, repositories, repositoryId } = target;
  if (answer.repository_selection !== 'selected')
    return `covers ${answer.repository_selection === 'all' ? 'every repository of the installation' : `repository_selection "${shown(String(answer.repository_selection).slice(0, 32))}"`}, not the ${repositories.length} asked for`;
  // Every repository is compared by its full name (OWNER/NAME), the grant's own and the others alike:
  // those are asked of GitHub by name only (no id is known for them), so what comes back must be
  // exactly the names asked, under the owner asked, each once. An entry without a full name cannot be
  // checked and counts as not asked.
  const names = new Set(repositories.map((n) => lowerAscii(`${owner}/${n}`)));
  const got = answer.repositories ?? [];
  const full = got.map((r) =>
    typeof r.full_name === 'string' && typeof r.name === 'string' ? lowerAscii(r.full_name) : undefined,
  );
  const foreign = got.find((r, i) => full[i] !== undefined && !full[i]!.startsWith(`${lowerAscii(owner)}/`));
  if (foreign)
    return `covers "${shown(String(foreign.full_name))}", a repository of another owner than ${owner}`;
  const extra = got.filter(
    (r, i) => full[i] === undefined || !names.has(full[i]!) || full[i] !== lowerAscii(`${owner}/${r.name}`),
  );
  if (extra.length || new Set(full).size !== got.length || got.length !== names.size)
    return `covers ${got.length} repositories (${extra.length} not asked for${full.includes(undefined) ? ', some without a full_name' : ''}${new Set(full).size !== got.length ? ', some twice' : ''}), not the ${names.size} asked for`;
  // Only when the token covers its own repository (a grant may name other repositories alone).
  if (repositoryId !== undefined && names.has(lowerAscii(`${owner}/${repo}`))) {
    const own = got.find((r) => lowerAscii(String(r.name)) === lowerAscii(repo));
    if (!own || String(own.id) !== repositoryId)
      return `covers the repository named ${repo} under id ${own ? String(own.id) : '(none)'}, not ${repositoryId} (the token's repository_id): the name now names another repository`;
  }
  for (const [p, level] of Object.entries(answer.permissions ?? {})) {
    if (level === undefined) continue;
    const want = asked[p];
    if (want === undefined && p === 'metadata' && level === 'read') continue;
    if ((LEVEL_RANK[level] ?? 99) > (want === undefined ? 0 : (LEVEL_RANK[want] ?? 0)))
      return `holds ${p}: ${String(level).slice(0, 16)}, asked ${want ?? 'none'}`;
  }
  return undefined;
}

/**
 * An installation token the broker minted, as createToken returns it. `askedAt`: when the broker
 * asked GitHub for it (ms), the start of its fresh window (`freshUntil`).
 */
type Minted = { readonly token: string; readonly expiresAt: string; readonly askedAt: number };

/**
 * A GitHub token younger than this (from when the broker asked for it) is fresh: a 401 to its
 * revocation may be a replica that does not know it yet (octokit waits 5 s from its creation,
 * auth-app.js#65; the rest is the mint's own time), so it is asked again until then, not taken as
 * already dead. The one rule for every revocation of a token (revokeToken's `freshUntil`).
 */
export const FRESH_TOKEN_SECONDS = 10;
/** The end (ms, Date.now()'s clock) of the fresh window of a token asked for at `askedAt` (ms). */
export const freshUntil = (askedAt: number): number => askedAt + FRESH_TOKEN_SECONDS * 1000;

export class GithubApp {
  /** `until` on the monotonic clock (a cache age: a wall step must not stretch it). */
  private readonly installations = new Map<string, { id: number; until: number }>();
  /** `at`: the wall seconds its JWT was made at; `mono`: the monotonic ms then. */
  private app?: { client: Client; at: number; mono: number };
  /** Revocations of the broker's own read tokens in flight (release). */
  private releasing = 0;
  readonly timeoutMs: number;

  constructor(private readonly opts: GithubAppOptions) {
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_UPSTREAM_TIMEOUT_MS;
  }

  static async fromFiles(
    api: string,
    appId: number,
    keyFile: string,
    timeoutMs?: number,
  ): Promise<GithubApp> {
    return new GithubApp({
      api,
      appId,
      privateKey: createPrivateKey(await readFile(keyFile, 'utf8')),
      ...(timeoutMs ? { timeoutMs } : {}),
    });
  }

  private client(auth: string): Client {
    return octokit({
      auth,
      baseUrl: this.opts.api,
      retries: this.opts.retries ?? 3,
      retryAfterSeconds: this.opts.retryAfterBaseValue ?? 1,
      waitScale: this.opts.retryAfterBaseValue === 0 ? 0 : 1,
      timeoutMs: this.timeoutMs,
    });
  }

  /** The end of an operation started now, unless the caller's ends sooner (absolute ms). */
  private deadline(given?: number): number {
    return Math.min(Date.now() + this.timeoutMs, given ?? Infinity);
  }

  /**
   * GitHub's clock minus this host's, seconds, as GitHub's last refusal of an App JWT's times showed
   * it (its `Date`); 0 until then. The App JWT is signed on GitHub's clock, so a host off by more than
   * the minute of drift its iat allows (or the JWT's 9 minutes the other way) still authenticates.
   */
  private githubAhead = 0;

  /** GitHub's clock minus this host's as last learned (seconds; 0 until a refusal showed it). */
  get clockAheadSeconds(): number {
    return this.githubAhead;
  }

  /** The API this App calls (a configured URL: a bounded metric label). */
  get api(): string {
    return this.opts.api;
  }

  /**
   * GitHub's App JWT: RS256, iss = app id, issued a minute early against clock drift, 9 minutes, on
   * GitHub's clock as last learned (GitHub: iat in the past, exp at most 10 minutes ahead).
   */
  private async appJwt(wall = Math.floor(Date.now() / 1000)): Promise<string> {
    const now = wall + this.githubAhead;
    return new SignJWT({})
      .setProtectedHeader({ alg: 'RS256' })
      .setIssuer(String(this.opts.appId))
      .setIssuedAt(now - 60)
      .setExpirationTime(now + 540)
      .sign(this.opts.privateKey);
  }

  /**
   * The client authenticated as the App, its JWT reused while it has over a minute left: by the wall,
   * the current time inside the JWT's own window (a clock stepped back since it was made: made again,
   * GitHub judges iat/exp on its clock), and by the monotonic clock, under 8 minutes old. On the wall
   * alone, a JWT made while the clock ran an hour ahead (refused by GitHub) was kept for that hour
   * after NTP stepped the clock back, and every App call was refused 401 (session 37).
   */
  private async appClient(): Promise<Client> {
    const wall = Date.now() / 1000;
    const a = this.app;
    if (a && wall >= a.at && wall < a.at + 480 && monotonicMs() - a.mono < 480_000) return a.client;
    const now = Math.floor(wall);
    this.app = { client: this.client(await this.appJwt(now)), at: now, mono: monotonicMs() };
    return this.app.client;
  }

  /**
   * One call as the App. Refused for its JWT's times (GitHub names the claim, and its `Date` is its
   * clock): the difference is learned and the call made once more with a JWT on GitHub's clock, as
   * octokit's auth-app does. Any other refusal, or a second one, is the caller's (session 39: a host
   * clock 61 s ahead of GitHub's had every App call refused, and the broker's start said the private
   * key was not the App's).
   */
  private async asApp<T>(call: (gh: Client) => Promise<T>): Promise<T> {
    try {
      return await call(await this.appClient());
    } catch (err) {
      const ahead = githubClockAhead(err);
      if (ahead === undefined) throw err;
      const was = this.githubAhead;
      this.githubAhead = ahead;
      if (Math.abs(ahead - was) > CLOCK_NOTE_SECONDS)
        this.opts.onClock?.({ aheadSeconds: ahead, wasSeconds: was });
      this.app = undefined;
      return call(await this.appClient());
    }
  }

  /** The App's slug once `identity()` has read it: runs it dispatches have `<slug>[bot]` as actor. */
  slug: string | undefined;

  /**
   * `GET /app` with the App JWT: proves at start that the key belongs to the configured App (GitHub
   * answers 401 for a JWT signed by any other key) and returns the App's slug.
   */
  async identity(): Promise<{ id: number; slug: string }> {
    try {
      const res = await this.asApp((gh) => gh.rest.apps.getAuthenticated());
      const data = res.data as { id: number; slug?: string };
      if (data.id !== this.opts.appId)
        throw new Error(`GitHub says this key belongs to App ${data.id}, not ${this.opts.appId}`);
      if (data.slug) this.slug = data.slug;
      return { id: data.id, slug: data.slug ?? '' };
    } catch (err) {
      const status = (err as { status?: number }).status;
      if (githubClockAhead(err) !== undefined)
        throw new Error(
          `GitHub refused the App JWT's times twice, the second on its own clock (GET /app: ${String((err as { response?: { data?: { message?: string } } }).response?.data?.message)}): check this host's clock (NTP)`,
          { cause: err },
        );
      if (status === 401)
        throw new Error(
          `the private key does not belong to GitHub App ${this.opts.appId} (GET /app answered 401)`,
          { cause: err },
        );
      throw err;
    }
  }

  async installationId(owner: string, repo: string, deadline?: number): Promise<number> {
    const key = `${owner}/${repo}`.toLowerCase();
    const cached = this.installations.get(key);
    if (cached && cached.until > monotonicMs()) return cached.id;
    try {
      const res = await this.asApp((gh) =>
        gh.rest.apps.getRepoInstallation({ owner, repo, request: { deadline: this.deadline(deadline) } }),
      );
      this.installations.set(key, { id: res.data.id, until: monotonicMs() + 10 * 60_000 });
      return res.data.id;
    } catch (err) {
      throw upstream(err, `the GitHub App is not installed on ${owner}/${repo}`);
    }
  }

  /**
   * A token with exactly these permissions on exactly these repositories (names, same owner), or a
   * refusal. `repositoryId`: the id `repo` must have in GitHub's answer (the token's own repository,
   * bound by id in the manifest), so a name that meanwhile names another repository (renamed, and
   * the name taken again) is not minted for. GitHub's answer is checked and a wider token revoked.
   */
  async createToken(
    owner: string,
    repo: string,
    permissions: Record<string, string>,
    repositories: string[],
    deadline?: number,
    repositoryId?: string,
  ): Promise<Minted & { repositoryIds: Record<string, string> }> {
    // GitHub reads an absent or empty list as "everything the installation has": never asked for.
    if (repositories.length === 0 || Object.keys(permissions).length === 0)
      throw new BrokerRefusal(
        'server_error',
        'ERR_GITHUB_TOKEN_WIDER',
        `an installation token for ${owner}/${repo} was about to be asked with no ${repositories.length === 0 ? 'repositories' : 'permissions'}, which GitHub reads as every one the installation has; nothing was asked`,
        500,
      );
    const end = this.deadline(deadline);
    const id = await this.installationId(owner, repo, end);
    const asked = toApiPermissions(permissions);
    const askedAt = Date.now();
    let data: {
      token: string;
      expires_at: string;
      permissions?: Record<string, string | undefined>;
      repository_selection?: string;
      repositories?: { id: number; name: string; full_name?: string }[];
    };
    try {
      const res = await this.asApp((gh) =>
        gh.rest.apps.createInstallationAccessToken({
          installation_id: id,
          permissions: asked as never,
          repositories,
          request: { deadline: end },
        }),
      );
      data = res.data as typeof data;
    } catch (err) {
      throw upstream(err, 'GitHub refused to create the installation token');
    }
    // Judged before its scope: an answer without a token is not "wider" (a false security alarm,
    // and a DELETE sent with no token), and a token whose expiry cannot be read has a life the broker
    // cannot bound (its record's expiry would be NaN: never due, never swept).
    const answer = (data ?? {}) as Partial<typeof data>;
    if (typeof answer.token !== 'string' || answer.token === '')
      throw new BrokerRefusal(
        'temporarily_unavailable',
        'ERR_GITHUB_UNAVAILABLE',
        `GitHub's answer to the installation-token request for ${owner}/${repo} holds no installation token (no "token" string); nothing was granted, retry later`,
        503,
      );
    if (typeof answer.expires_at !== 'string' || !Number.isFinite(Date.parse(answer.expires_at))) {
      // GitHub's installation tokens live one hour: the latest this one can still be alive.
      await this.dispose(
        { token: answer.token, expiresAt: new Date(Date.now() + 3600_000).toISOString(), askedAt },
        this.deadline(),
        `revoke a token without a readable expiry for ${owner}/${repo}`,
      );
      throw new BrokerRefusal(
        'temporarily_unavailable',
        'ERR_GITHUB_UNAVAILABLE',
        `GitHub's installation token for ${owner}/${repo} came with an expires_at that cannot be read (${shown(String(answer.expires_at).slice(0, 32))}), so its life cannot be bounded; it was revoked and nothing was granted, retry later`,
        503,
      );
    }
    // Already dead by GitHub's clock (as learned), or within its last second: a fault upstream or in a
    // proxy. Granted, it was a credential its own record called expired (a negative expires_in, a grant
    // line the audit schema refuses); GitHub may yet honour it, so it is revoked, and a failure to is
    // reported as live up to GitHub's hour, not by the answered expiry (session 42).
    const life = Date.parse(answer.expires_at) - (Date.now() + this.githubAhead * 1000);
    if (life < 1000) {
      await this.dispose(
        { token: answer.token, expiresAt: new Date(Date.now() + 3600_000).toISOString(), askedAt },
        this.deadline(),
        `revoke a token answered already expired for ${owner}/${repo}`,
      );
      throw new BrokerRefusal(
        'temporarily_unavailable',
        'ERR_GITHUB_UNAVAILABLE',
        `GitHub's installation token for ${owner}/${repo} came with an expires_at (${shown(answer.expires_at.slice(0, 32))}) already past by GitHub's clock (${Math.round(-life / 1000)} s ago), so it would be granted dead; it was revoked and nothing was granted, retry later (a proxy in front of GitHub rewriting answers, or GitHub's own fault)`,
        503,
      );
    }
    const wider = widerThanAsked(data, asked, { owner, repo, repositories, repositoryId });
    if (wider) {
      // Revoked before anything else sees it; the refusal names what was wider, never the token.
      await this.dispose(
        { token: data.token, expiresAt: data.expires_at, askedAt },
        this.deadline(),
        `revoke a token wider than asked for ${owner}/${repo}`,
      );
      throw new BrokerRefusal(
        'server_error',
        'ERR_GITHUB_TOKEN_WIDER',
        `GitHub's installation token for ${owner}/${repo} ${wider}; it was revoked and nothing was granted`,
        502,
      );
    }
    // The ids of the repositories it covers (exactly the names asked, checked above): the kill switch
    // and the run indexes follow a run's writes by id, so a rename after the token misses nothing.
    const repositoryIds: Record<string, string> = {};
    for (const r of data.repositories ?? [])
      if (typeof r.full_name === 'string' && Number.isSafeInteger(r.id) && r.id > 0)
        repositoryIds[lowerAscii(r.full_name)] = String(r.id);
    // One it cannot read exactly (a JSON number past 2^53 - 1 is read rounded: a neighbour's id) would
    // be followed by name only, and a rename would hide the runs it starts from the kill switch
    // (session 28). GitHub's answer always carries the ids (its OpenAPI description requires them).
    const unread = repositories.filter((n) => repositoryIds[lowerAscii(`${owner}/${n}`)] === undefined);
    if (unread.length) {
      await this.dispose(
        { token: data.token, expiresAt: data.expires_at, askedAt },
        this.deadline(),
        `revoke a token whose repository ids cannot be read for ${owner}/${repo}`,
      );
      throw new BrokerRefusal(
        'temporarily_unavailable',
        'ERR_GITHUB_UNAVAILABLE',
        `GitHub's installation token for ${owner}/${repo} came without an id that can be read exactly (a positive integer up to 2^53 - 1) for ${unread.map((n) => `${owner}/${shown(n)}`).join(', ')}, so the runs it starts could not be followed by id; it was revoked and nothing was granted, retry later`,
        503,
      );
    }
    return { token: data.token, expiresAt: data.expires_at, askedAt, repositoryIds };
  }

  /**
   * The numeric id of `owner/repo` as GitHub knows it now (`GET /repos/{o}/{r}` with a short-lived
   * `metadata: read` token): the kill switch learns it so a name block survives a rename.
   */
  async repositoryId(owner: string, repo: string, deadline?: number): Promise<string> {
    const end = this.deadline(deadline);
    const minted = await this.createToken(owner, repo, { metadata: 'read' }, [repo], end);
    try {
      const r = await this.client(minted.token).rest.repos.get({ owner, repo, request: { deadline: end } });
      // JSON's numbers past 2^53 - 1 are read rounded (…993 as …992): such an id may be a neighbour's,
      // and a block on it would say "learned" while a rename evades it. Not learned (as createToken).
      if (!Number.isSafeInteger(r.data.id) || r.data.id <= 0)
        throw new Error(
          `GitHub gave ${owner}/${repo} the id ${shown(String(r.data.id).slice(0, 32))}, which cannot be read exactly (not a positive integer up to 2^53 - 1)`,
        );
      return String(r.data.id);
    } catch (err) {
      throw upstream(err, `cannot read the repository ${owner}/${repo}`);
    } finally {
      this.release(minted, `read the id of ${owner}/${repo}`);
    }
  }

  /**
   * Revokes an installation token upstream; an already-dead token (401) counts as revoked. Until
   * `freshUntil` (ms) a 401 is asked again instead (0.5 s, then doubling): GitHub's replicas may not
   * know a token minted seconds ago and answer 401 while it still becomes valid (octokit/auth-app
   * retries such a 401 for 5 s after creation, auth-app.js#65), so only a 401 past it says "gone".
   */
  async revokeToken(token: string, deadline?: number, freshUntil = 0): Promise<void> {
    for (let wait = 500; ; wait *= 2) {
      try {
        await this.client(token).rest.apps.revokeInstallationAccessToken({
          request: { deadline: this.deadline(deadline) },
        });
        return;
      } catch (err) {
        if ((err as { status?: number }).status !== 401)
          throw upstream(err, 'GitHub did not revoke the installation token');
        const left = freshUntil - Date.now();
        if (left <= 0) return;
        await new Promise((r) => setTimeout(r, Math.min(wait, left)));
      }
    }
  }

  /** A file at a ref, read with a short-lived contents:read token (manifests from the default branch). */
  async readFile(
    owner: string,
    repo: string,
    path: string,
    ref: string,
    deadline?: number,
  ): Promise<string | undefined> {
    const end = this.deadline(deadline);
    const minted = await this.createToken(owner, repo, { contents: 'read' }, [repo], end);
    const gh = this.client(minted.token);
    try {
      const res = await gh.rest.repos.getContent({ owner, repo, path, ref, request: { deadline: end } });
      const data = res.data as { content?: string; encoding?: string; size?: number };
      if (data.content === undefined) return undefined;
      // Over 1 MB GitHub answers `content: ""` with encoding `none`: not an empty file.
      if (data.encoding !== undefined && data.encoding !== 'base64')
        throw new FileTooLargeRefusal(
          `${path} of ${owner}/${repo} at ${ref}`,
          typeof data.size === 'number' ? data.size : undefined,
        );
      return Buffer.from(data.content, 'base64').toString('utf8');
    } catch (err) {
      if ((err as { status?: number }).status === 404) return undefined;
      throw upstream(err, `cannot read ${path} of ${owner}/${repo}`);
    } finally {
      this.release(minted, `read ${path} of ${owner}/${repo}`);
    }
  }

  /**
   * Revokes a token the broker used itself, without holding the caller's answer: a hung
   * `DELETE /installation/token` once made a read (and so an exchange) wait up to its whole deadline
   * again. The revocation runs on its own deadline; a failure is reported (counted and logged by the
   * server), the token itself never.
   */
  private release(minted: Minted, what: string): void {
    // Bounded: with DELETE hanging, each release holds a connection for a whole deadline, and reads no
    // longer wait for them; past the cap the token is left to expire (read-only, one repository).
    if (this.releasing >= (this.opts.maxReleasing ?? 64)) {
      this.reportRelease(
        minted,
        what,
        'ERR_GITHUB_RELEASE_BACKLOG',
        `${this.releasing} revocations of the broker's own read tokens already in flight (GitHub slow or hanging)`,
      );
      return;
    }
    this.releasing++;
    void this.revokeReporting(minted, what).finally(() => this.releasing--);
  }

  /**
   * Revokes a token GitHub made wider than asked, waiting for it up to `end` (unlike `release`, not
   * subject to the backlog cap: such a token must not be left to expire quietly). A failure is
   * reported like a release's, the token itself never.
   */
  private async dispose(minted: Minted, end: number, what: string): Promise<void> {
    const revoking = this.revokeReporting(minted, what, end);
    let t: NodeJS.Timeout | undefined;
    const late = new Promise<void>((r) => (t = setTimeout(r, Math.max(0, end - Date.now()))));
    await Promise.race([revoking, late]);
    clearTimeout(t);
  }

  /** Revokes `minted` upstream and never rejects: a failure goes to `reportRelease`. */
  private revokeReporting(minted: Minted, what: string, end?: number): Promise<void> {
    // Minted moments ago: a 401 while fresh is asked again, as for every token (FRESH_TOKEN_SECONDS).
    return this.revokeToken(minted.token, end, freshUntil(minted.askedAt)).catch((err: unknown) =>
      this.reportRelease(
        minted,
        what,
        err instanceof BrokerRefusal ? err.code : 'ERR_GITHUB_UNAVAILABLE',
        err instanceof Error ? err.message : String(err),
      ),
    );
  }

  /** A token of the broker's own not confirmed revoked, to `onReleaseFailed`; the token cut from the text. */
  private reportRelease(minted: Minted, what: string, code: string, message: string): void {
    this.opts.onReleaseFailed?.({
      what,
      code,
      detail: message.split(minted.token).join('***').slice(0, 300),
      expiresAt: minted.expiresAt,
    });
  }

  /**
   * A job of the Actions Jobs API (`GET /repos/{o}/{r}/actions/jobs/{job_id}`), read with a
   * short-lived `actions: read` token; undefined when GitHub does not know it in this repository.
   */
  async getJob(owner: string, repo: string, jobId: string): Promise<ActionsJob | undefined> {
    const end = this.deadline();
    const minted = await this.createToken(owner, repo, { actions: 'read' }, [repo], end);
    try {
      const res = await this.client(minted.token).rest.actions.getJobForWorkflowRun({
        owner,
        repo,
        job_id: Number(jobId),
        request: { deadline: end },
      });
      const d = res.data;
      return {
        id: d.id,
        run_id: d.run_id,
        ...(d.run_attempt !== undefined ? { run_attempt: d.run_attempt } : {}),
        status: d.status,
        name: d.name,
      };
    } catch (err) {
      if ((err as { status?: number }).status === 404) return undefined;
      throw upstream(err, `cannot read job ${jobId} of ${owner}/${repo}`);
    } finally {
      this.release(minted, `read job ${jobId} of ${owner}/${repo}`);
    }
  }

  /** The default branch and its head commit: the only place manifests are read from. */
  async defaultBranchHead(
    owner: string,
    repo: string,
    deadline?: number,
  ): Promise<{ branch: string; sha: string }> {
    const end = this.deadline(deadline);
    const minted = await this.createToken(owner, repo, { contents: 'read', metadata: 'read' }, [repo], end);
    const gh = this.client(minted.token);
    try {
      const request = { deadline: end };
      const r = await gh.rest.repos.get({ owner, repo, request });
      const c = await gh.rest.repos.getCommit({ owner, repo, ref: r.data.default_branch, request });
      return { branch: r.data.default_branch, sha: c.data.sha };
    } catch (err) {
      throw upstream(err, `cannot read the default branch of ${owner}/${repo}`);
    } finally {
      this.release(minted, `read the default branch of ${owner}/${repo}`);
    }
  }
}

/** GitHub's words when it refuses an App JWT for its times (the claim named, never the token). */
const CLOCK_REFUSAL = /^'(?:Issued at' claim \('iat'\)|Expiration time' claim \('exp'\)) /;

/**
 * GitHub's clock minus this host's (whole seconds) when `err` is GitHub refusing an App JWT for its
 * `iat` or `exp` and its answer carries a readable `Date`; otherwise undefined.
 */
export function githubClockAhead(err: unknown, hostMs = Date.now()): number | undefined {
  const e = err as {
    status?: number;
    response?: { data?: { message?: unknown }; headers?: { date?: unknown } };
  };
  const message = e?.response?.data?.message;
  if (e?.status !== 401 || typeof message !== 'string' || !CLOCK_REFUSAL.test(message)) return undefined;
  const date = e.response?.headers?.date;
  const github = typeof date === 'string' ? Date.parse(date) : NaN;
  return Number.isFinite(github) ? Math.round((github - hostMs) / 1000) : undefined;
}

function upstream(err: unknown, what: string): BrokerRefusal {
  if (err instanceof BrokerRefusal) return err;
  if (err instanceof UpstreamTimeoutError)
    return new BrokerRefusal(
      'temporarily_unavailable',
      'ERR_GITHUB_TIMEOUT',
      `${what}: ${err.message}; nothing was granted, retry later`,
      503,
    );
  if (err instanceof UpstreamRateLimitedError)
    return new BrokerRefusal(
      'temporarily_unavailable',
      'ERR_GITHUB_RATE_LIMITED',
      `${what}: GitHub asks to wait ${err.retryAfterSeconds}s (rate limit, GitHub ${err.status}), longer than the deadline allows; nothing was granted, retry after that`,
      503,
      err.retryAfterSeconds,
    );
  const status = (err as { status?: number }).status;
  const message =
    (err as { response?: { data?: { message?: string } } }).response?.data?.message ?? (err as Error).message;
  if (status === 422 || status === 404)
    return new BrokerRefusal(
      'invalid_target',
      'ERR_GITHUB_REFUSED',
      `${what}: ${message} (GitHub ${status})`,
    );
  return new BrokerRefusal(
    'temporarily_unavailable',
    'ERR_GITHUB_UNAVAILABLE',
    `${what}: ${message}${status ? ` (GitHub ${status})` : ''}`,
    503,
  );
}
