/**
 * The Octokit every stepwarden part uses: retries of 5xx (plugin-retry) plus a small plugin that
 * waits out GitHub's rate limits (429, or 403 with `retry-after` / `x-ratelimit-remaining: 0`) a
 * bounded number of times. (@octokit/plugin-throttling was dropped: its shared write queue spaces
 * all POST/DELETE calls a second apart, which would serialize a broker's exchanges.)
 */
import { Octokit } from '@octokit/rest';
import { retry } from '@octokit/plugin-retry';

export interface RateLimitOptions {
  /** Attempts after the first (default 3). */
  readonly retries?: number;
  /** Longest wait GitHub may ask for before we give up instead, seconds (default 60). */
  readonly maxWaitSeconds?: number;
  /** Scales waits (tests use 0). */
  readonly waitScale?: number;
}

type Hookable = {
  hook: {
    wrap(
      name: 'request',
      fn: (request: (o: unknown) => Promise<unknown>, options: unknown) => Promise<unknown>,
    ): void;
  };
};

/** How long GitHub asks us to wait, or undefined when the error is not a rate limit. */
export function rateLimitWait(err: unknown, nowSeconds = Date.now() / 1000): number | undefined {
  const e = err as { status?: number; response?: { headers?: Record<string, string | undefined> } };
  const h = e.response?.headers ?? {};
  if (e.status !== 429 && e.status !== 403) return undefined;
  if (h['retry-after'] !== undefined) return Number(h['retry-after']) || 1;
  if (h['x-ratelimit-remaining'] === '0' && h['x-ratelimit-reset'])
    return Math.max(1, Number(h['x-ratelimit-reset']) - nowSeconds);
  return e.status === 429 ? 1 : undefined;
}

export function rateLimitRetry(octokit: Hookable, options: { rateLimit?: RateLimitOptions }) {
  const { retries = 3, maxWaitSeconds = 60, waitScale = 1 } = options.rateLimit ?? {};
  octokit.hook.wrap('request', async (request, opts) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await request(opts);
      } catch (err) {
        const wait = rateLimitWait(err);
        if (wait === undefined || attempt >= retries || wait > maxWaitSeconds) throw err;
        await new Promise((r) => setTimeout(r, wait * 1000 * waitScale));
      }
    }
  });
}

export const StepwardenOctokit = Octokit.plugin(retry, rateLimitRetry as never);
export type StepwardenOctokitClient = InstanceType<typeof StepwardenOctokit>;

/**
 * Observers of every GitHub response (route template such as `GET /repos/{owner}/{repo}`, status,
 * remaining rate limit): the broker's metrics subscribe here. Never given a token or a body.
 */
export type GithubResponseObserver = (route: string, status: number, remaining: string | undefined) => void;
export const githubResponseObservers = new Set<GithubResponseObserver>();

function observe(client: StepwardenOctokitClient): StepwardenOctokitClient {
  const notify = (o: { method?: string; url?: string }, status: number, h: Record<string, unknown> = {}) => {
    if (githubResponseObservers.size === 0) return;
    const route = `${o.method ?? 'GET'} ${o.url ?? ''}`;
    const remaining =
      h['x-ratelimit-remaining'] === undefined ? undefined : String(h['x-ratelimit-remaining']);
    for (const f of githubResponseObservers) f(route, status, remaining);
  };
  client.hook.after('request', (res, o) => notify(o, res.status, res.headers as Record<string, unknown>));
  client.hook.error('request', (err, o) => {
    const e = err as { status?: number; response?: { headers?: Record<string, unknown> } };
    notify(o, e.status ?? 0, e.response?.headers);
    throw err;
  });
  return client;
}

export function octokit(opts: {
  auth?: string;
  baseUrl?: string;
  retries?: number;
  retryAfterSeconds?: number;
  waitScale?: number;
}): StepwardenOctokitClient {
  return observe(
    new StepwardenOctokit({
      ...(opts.auth ? { auth: opts.auth } : {}),
      ...(opts.baseUrl ? { baseUrl: opts.baseUrl } : {}),
      userAgent: 'stepwarden',
      // Failed requests become typed errors for the caller (a refusal, a retry); no console noise.
      log: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
      // Not `request.retries`: plugin-retry applies that to every error, including 404s.
      retry: {
        retries: opts.retries ?? 3,
        retryAfterBaseValue: (opts.retryAfterSeconds ?? 1) * 1000,
        doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451],
      },
      rateLimit: { retries: opts.retries ?? 3, waitScale: opts.waitScale ?? 1 },
    } as never),
  );
}

/** The Octokit of a step: the given token, against the runner's API (GITHUB_API_URL, e.g. on GHES). */
export function runnerOctokit(token: string, env: NodeJS.ProcessEnv): StepwardenOctokitClient {
  return octokit({ auth: token, ...(env.GITHUB_API_URL ? { baseUrl: env.GITHUB_API_URL } : {}) });
}
