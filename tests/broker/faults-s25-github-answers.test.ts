/**
 * GitHub answers an on-call engineer meets behind a corporate proxy or during an incident (session 25):
 * an HTML page instead of JSON, a token answer without a token or with an unreadable expiry, a 429
 * without Retry-After, and a body that trickles past the deadline. A raw HTTP server in front of the
 * GitHub stand-in answers those (the stand-in itself only speaks JSON); everything else passes through.
 * Each ends in a clear refusal naming what GitHub answered, nothing granted, nothing minted left
 * unrevoked, no false "token wider than asked" security alarm, and GitHub not hammered.
 */
import { createPrivateKey } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { BrokerRefusal } from '../../shared/broker/errors.js';
import { GithubApp } from '../../shared/broker/providers/github-app.js';
import { githubResponseObservers } from '../../shared/github/octokit.js';
import { startAppStandin, type AppStandin } from '../support/github.js';

// Deadlines are real time; a loaded machine (load 16 on 2 cores) needs room around them.
jest.setTimeout(60_000);
const DEADLINE_MS = 4000;
const SLACK_MS = 6000;

type Fault = (req: IncomingMessage, res: ServerResponse) => boolean;

let gh: AppStandin;
let front: Server;
let url = '';
/** Answers the next matching request itself when it returns true; else the stand-in answers. */
let fault: Fault = () => false;
/** Requests that reached the front server: method, path, and the bearer token they carried. */
const seen: { method: string; path: string; auth: string | undefined }[] = [];

beforeAll(async () => {
  gh = await startAppStandin();
  front = createServer((req, res) => {
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const auth = req.headers.authorization?.replace(/^(bearer|token) /i, '');
      seen.push({ method: req.method ?? '', path: req.url ?? '', auth });
      if (fault(req, res)) return;
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers))
        if (typeof v === 'string' && !['host', 'content-length', 'connection'].includes(k)) headers[k] = v;
      const up = await fetch(`${gh.standin.url}${req.url ?? '/'}`, {
        method: req.method ?? 'GET',
        headers,
        ...(chunks.length ? { body: Buffer.concat(chunks) } : {}),
      });
      const out: Record<string, string> = {};
      up.headers.forEach((v, k) => {
        if (!['content-encoding', 'transfer-encoding', 'content-length', 'connection'].includes(k))
          out[k] = v;
      });
      res.writeHead(up.status, out);
      res.end(Buffer.from(await up.arrayBuffer()));
    })();
  });
  await new Promise<void>((r) => front.listen(0, '127.0.0.1', () => r()));
  url = `http://127.0.0.1:${(front.address() as AddressInfo).port}`;
});
afterAll(async () => {
  front.closeAllConnections();
  await new Promise<void>((r) => front.close(() => r()));
  expect(gh.standin.shapeErrors).toEqual([]);
  await gh.standin.close();
});

/** Waits of the real length (1 s backoff base), so a rate limit's wait is judged against the deadline. */
const app = (retryAfterBaseValue = 1) =>
  new GithubApp({
    api: url,
    appId: gh.appId,
    privateKey: createPrivateKey(gh.privateKeyPem),
    retries: 3,
    retryAfterBaseValue,
    timeoutMs: DEADLINE_MS,
  });

const TOKENS = /^\/app\/installations\/\d+\/access_tokens$/;
const isTokenCall = (req: IncomingMessage) => req.method === 'POST' && TOKENS.test(req.url ?? '');

/** createToken for the demo repository, timed; its refusal (or a thrown non-refusal) returned. */
async function mint(a: GithubApp) {
  const t0 = Date.now();
  // The installation id is looked up (and cached) before any fault is set.
  await a.installationId('octo-org', 'octo-repo');
  seen.length = 0;
  try {
    const got = await a.createToken('octo-org', 'octo-repo', { contents: 'read' }, ['octo-repo']);
    return { granted: got, ms: Date.now() - t0 };
  } catch (err) {
    return { refused: err as BrokerRefusal, ms: Date.now() - t0 };
  }
}

const tokenCalls = () => seen.filter((s) => s.method === 'POST' && TOKENS.test(s.path)).length;
const revocations = () => seen.filter((s) => s.method === 'DELETE' && s.path === '/installation/token');

describe('GitHub answers that are not what the API returns', () => {
  it('an HTML page (a proxy or captive portal) for the token call: 503 naming it, no false "wider" alarm, nothing to revoke', async () => {
    fault = (req, res) => {
      if (!isTokenCall(req)) return false;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<html><body>Sign in to the proxy</body></html>');
      return true;
    };
    // What /metrics is fed (stepwarden_github_up, stepwarden_github_requests_total{status}): the page
    // is no answer of GitHub's, so not a 200 that keeps "GitHub up" at 1 while every mint fails.
    const statuses: number[] = [];
    const observer = (route: string, status: number) => {
      if (route.startsWith('POST /app/installations/')) statuses.push(status);
    };
    githubResponseObservers.add(observer);
    const r = await mint(app(0)).finally(() => githubResponseObservers.delete(observer));
    expect(statuses).toEqual([0]);
    expect(r.granted).toBeUndefined();
    expect(r.refused).toBeInstanceOf(BrokerRefusal);
    expect(r.refused!.code).toBe('ERR_GITHUB_UNAVAILABLE');
    expect(r.refused!.status).toBe(503);
    expect(r.refused!.error).toBe('temporarily_unavailable');
    expect(r.refused!.description).toMatch(/not JSON/);
    expect(r.refused!.description).toMatch(/text\/html/);
    expect(r.refused!.description).not.toMatch(/wider|revoked/);
    // No token was read, so there is none to revoke: no DELETE sent without one.
    expect(revocations()).toEqual([]);
  });

  it('a JSON answer without a token: 503 naming it, no DELETE, never granted', async () => {
    fault = (req, res) => {
      if (!isTokenCall(req)) return false;
      res.writeHead(201, { 'content-type': 'application/json; charset=utf-8' });
      res.end('{"message":"ok"}');
      return true;
    };
    const r = await mint(app(0));
    expect(r.granted).toBeUndefined();
    expect(r.refused!.code).toBe('ERR_GITHUB_UNAVAILABLE');
    expect(r.refused!.status).toBe(503);
    expect(r.refused!.description).toMatch(/no installation token/);
    expect(r.refused!.description).not.toMatch(/wider/);
    expect(revocations()).toEqual([]);
  });

  it('a token whose expires_at cannot be read: the token is revoked at once, 503, never granted', async () => {
    const minted: string[] = [];
    fault = (req, res) => {
      if (!isTokenCall(req)) return false;
      // A real token from the stand-in, its expiry replaced: the broker could not bound its life.
      const token = `ghs_s25expiry${minted.length}${'x'.repeat(20)}`;
      minted.push(token);
      res.writeHead(201, { 'content-type': 'application/json; charset=utf-8' });
      res.end(
        JSON.stringify({
          token,
          expires_at: 'soon',
          permissions: { contents: 'read', metadata: 'read' },
          repository_selection: 'selected',
          repositories: [{ id: 100001, name: 'octo-repo', full_name: 'octo-org/octo-repo' }],
        }),
      );
      return true;
    };
    const r = await mint(app(0));
    expect(r.granted).toBeUndefined();
    expect(r.refused!.code).toBe('ERR_GITHUB_UNAVAILABLE');
    expect(r.refused!.description).toMatch(/expires_at/);
    expect(r.refused!.description).not.toContain(minted[0]!);
    expect(minted).toHaveLength(1);
    // Only that token is revoked; a 401 while it is fresh (this stand-in never knew it) is asked
    // again, as for every token (github-app.ts FRESH_TOKEN_SECONDS, session 33).
    expect(revocations().length).toBeGreaterThanOrEqual(1);
    expect([...new Set(revocations().map((d) => d.auth))]).toEqual(minted);
  });

  it('a 429 without Retry-After or rate-limit headers counts as a one-minute wait (GitHub docs): one call, refused at once with Retry-After', async () => {
    fault = (req, res) => {
      if (!isTokenCall(req)) return false;
      res.writeHead(429, { 'content-type': 'application/json; charset=utf-8' });
      res.end('{"message":"Too Many Requests"}');
      return true;
    };
    const r = await mint(app(1));
    expect(r.refused!.code).toBe('ERR_GITHUB_RATE_LIMITED');
    expect(r.refused!.status).toBe(503);
    expect(r.refused!.retryAfter).toBe(60);
    // GitHub: "continuing to make requests while you are rate limited may result in the banning of
    // your integration" — one call, not a retry a second later.
    expect(tokenCalls()).toBe(1);
    expect(r.ms).toBeLessThan(DEADLINE_MS);
  });

  it('a body that trickles a byte at a time past the deadline is cut at the deadline: 503 ERR_GITHUB_TIMEOUT', async () => {
    const timers: NodeJS.Timeout[] = [];
    fault = (req, res) => {
      if (!isTokenCall(req)) return false;
      res.writeHead(201, { 'content-type': 'application/json; charset=utf-8' });
      res.write('{"token":');
      const t = setInterval(() => (res.destroyed ? clearInterval(t) : res.write(' ')), 200);
      timers.push(t);
      return true;
    };
    try {
      const r = await mint(app(1));
      expect(r.refused!.code).toBe('ERR_GITHUB_TIMEOUT');
      expect(r.refused!.status).toBe(503);
      expect(r.ms).toBeGreaterThanOrEqual(DEADLINE_MS - 100);
      expect(r.ms).toBeLessThan(DEADLINE_MS + SLACK_MS);
    } finally {
      for (const t of timers) clearInterval(t);
    }
  });

  it('a manifest read answered with an HTML page is a 503, never "no manifest"', async () => {
    fault = (req, res) => {
      if (req.method !== 'GET' || !(req.url ?? '').includes('/contents/')) return false;
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>maintenance</html>');
      return true;
    };
    const a = app(0);
    await a.installationId('octo-org', 'octo-repo');
    await expect(
      a.readFile('octo-org', 'octo-repo', '.github/access-manifest.yml', 'main'),
    ).rejects.toMatchObject({ code: 'ERR_GITHUB_UNAVAILABLE', status: 503 });
  });

  it('the same App reads normally once GitHub answers JSON again', async () => {
    fault = () => false;
    const r = await mint(app(0));
    expect(r.refused).toBeUndefined();
    expect(r.granted!.token).toMatch(/^ghs_/);
  });
});
