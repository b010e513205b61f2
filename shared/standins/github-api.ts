/**
 * A GitHub REST API stand-in on 127.0.0.1 for tests and `stepwarden demo`. NOT GitHub: it answers the
 * few endpoints stepwarden calls, in GitHub's published shapes (tests validate every response against
 * GitHub's OpenAPI description through the `validate` hook).
 */
import type { IncomingHttpHeaders } from 'node:http';
import { listen, readBody, sendJson } from './http.js';

export interface StandinRequest {
  readonly method: string;
  /** Path without query, e.g. `/repos/o/r/issues/1/comments`. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  /** Parsed JSON body (or undefined). */
  readonly body: unknown;
  /** `{owner}`-style parameters of the matched pattern. */
  readonly params: Readonly<Record<string, string>>;
}

export interface StandinResponse {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export type StandinHandler = (req: StandinRequest) => StandinResponse | Promise<StandinResponse>;

/** Called for every handled request; tests pass an OpenAPI shape check here. */
export type StandinValidator = (op: {
  method: string;
  /** The OpenAPI path template, e.g. `/repos/{owner}/{repo}/issues/{issue_number}/comments`. */
  pattern: string;
  status: number;
  requestBody: unknown;
  responseBody: unknown;
}) => void;

export interface GithubStandin {
  readonly url: string;
  /** Adds (or replaces) a route; `pattern` uses OpenAPI `{param}` templates. */
  route(method: string, pattern: string, handler: StandinHandler): void;
  /** Every request seen, in order (method, path, status), for assertions. */
  readonly requests: { method: string; path: string; status: number; body: unknown }[];
  close(): Promise<void>;
}

interface Route {
  readonly method: string;
  readonly pattern: string;
  readonly regex: RegExp;
  readonly names: string[];
  handler: StandinHandler;
}

function compile(pattern: string): { regex: RegExp; names: string[] } {
  const names: string[] = [];
  const source = pattern
    .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
    .replace(/\\?\{([^}]+)\\?\}/g, (_, n: string) => {
      names.push(n);
      // A file path keeps its slashes (`contents/{path}`), every other parameter is one segment.
      return n === 'path' ? '(.+)' : '([^/]+)';
    })
    // It may be left out: `…/contents` lists the repository root (GitHub: "If you omit the path
    // parameter, you will receive the contents of the repository's root directory").
    .replace(/\/\(\.\+\)$/, '(?:/(.*))?');
  return { regex: new RegExp(`^${source}$`), names };
}

/** Fault injection: the next `count` calls of a route answer this instead. */
export interface Fault {
  readonly count: number;
  /** The status to answer; absent: the route's real answer (after `delayMs`). */
  readonly status?: number;
  /** Holds the answer this long first (a slow or hung GitHub; the timer never keeps a test alive). */
  readonly delayMs?: number;
  /**
   * Holds the answer until this settles (after `delayMs`): a test releases the call when it chooses,
   * so no sleep has to guess how long the caller needs to reach it.
   */
  readonly until?: Promise<unknown>;
  /** Called when a faulted call has arrived, before it is held: the observable point a test waits on. */
  readonly onArrive?: () => void;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

export interface StartedStandin extends GithubStandin {
  /** Responses or requests that drifted from GitHub's shape (tests assert this stays empty). */
  readonly shapeErrors: string[];
  /** Makes the next calls of `method pattern` fail (5xx, secondary rate limits). */
  fail(method: string, pattern: string, fault: Fault): void;
}

export async function startGithubStandin(
  opts: { validate?: StandinValidator; routes?: (s: GithubStandin) => void } = {},
): Promise<StartedStandin> {
  const routes: Route[] = [];
  const faults = new Map<string, Fault & { left: number }>();
  const requests: GithubStandin['requests'] = [];
  const shapeErrors: string[] = [];
  const srv = await listen(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const method = (req.method ?? 'GET').toUpperCase();
    let body: unknown;
    try {
      const text = await readBody(req, 1024 * 1024);
      body = text ? JSON.parse(text) : undefined;
    } catch {
      sendJson(res, 400, {
        message: 'Problems parsing JSON',
        documentation_url: 'https://docs.github.com/rest',
      });
      return;
    }
    for (const route of routes) {
      if (route.method !== method) continue;
      const m = route.regex.exec(url.pathname);
      if (!m) continue;
      const params = Object.fromEntries(route.names.map((n, i) => [n, decodeURIComponent(m[i + 1] ?? '')]));
      const fault = faults.get(`${method} ${route.pattern}`);
      let out: StandinResponse;
      const faulted = fault && fault.left > 0 ? fault : undefined;
      if (faulted) {
        faulted.left--;
        faulted.onArrive?.();
        if (faulted.delayMs) await new Promise((r) => setTimeout(r, faulted.delayMs).unref());
        if (faulted.until) await faulted.until.catch(() => undefined);
        if (res.destroyed) return;
      }
      if (faulted?.status !== undefined) {
        out = {
          status: faulted.status,
          body: faulted.body ?? { message: 'Server Error' },
          ...(faulted.headers ? { headers: faulted.headers } : {}),
        };
      } else {
        try {
          out = await route.handler({
            method,
            path: url.pathname,
            query: url.searchParams,
            headers: req.headers,
            body,
            params,
          });
        } catch (err) {
          out = { status: 500, body: { message: `stand-in error: ${(err as Error).message}` } };
        }
        // Shapes are checked only for real answers, not for injected faults. A drift is answered as
        // a 500 and kept in `shapeErrors`, so a test fails loudly instead of hanging.
        try {
          opts.validate?.({
            method,
            pattern: route.pattern,
            status: out.status,
            requestBody: body,
            responseBody: out.body,
          });
        } catch (err) {
          shapeErrors.push((err as Error).message);
          out = { status: 500, body: { message: `stand-in shape error: ${(err as Error).message}` } };
        }
      }
      requests.push({ method, path: url.pathname, status: out.status, body });
      if (out.status === 204 || out.body === undefined) {
        res.writeHead(out.status, out.headers ?? {});
        res.end();
      } else {
        sendJson(res, out.status, out.body, {
          'x-github-api-version-selected': '2022-11-28',
          ...out.headers,
        });
      }
      return;
    }
    requests.push({ method, path: url.pathname, status: 404, body });
    sendJson(res, 404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
  });
  const standin: StartedStandin = {
    url: srv.url,
    requests,
    shapeErrors,
    route(method, pattern, handler) {
      const m = method.toUpperCase();
      const existing = routes.find((r) => r.method === m && r.pattern === pattern);
      if (existing) existing.handler = handler;
      else routes.push({ method: m, pattern, handler, ...compile(pattern) });
    },
    fail(method, pattern, fault) {
      faults.set(`${method.toUpperCase()} ${pattern}`, { ...fault, left: fault.count });
    },
    close: srv.close,
  };
  opts.routes?.(standin);
  return standin;
}
