/**
 * Session 22: the job end's retry after a 429. Session 21 metered the job end (a per-repository
 * bucket, `Retry-After` the seconds until it refills) on the ground that the action retries a 429
 * after `Retry-After`. It did not: it retried with a fresh token after 0.5, 1 and 2 s whatever the
 * broker asked, so a bucket spent for the window refused all four attempts within 3.5 s and the job's
 * credentials lived to their ttl. Now a 429's wait is its `Retry-After` (at most a minute), as the
 * exchange's client always did. Since session 27 the job end runs the exchange's loop (broker-client.ts
 * post(), a token supplier): tests/actions/s27-one-retry-loop.test.ts pins the statuses and attempts.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { endJob, retryWaitMs } from '../../shared/actions/broker-client.js';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r) ?? r(undefined));
  server = undefined;
});

describe('the job end retries a 429 after its Retry-After', () => {
  it('a bucket that refills 4 s on (past the old 0.5 + 1 + 2 s): the second attempt comes after it, with a fresh token, and succeeds', async () => {
    const calls: { at: number; oidc: string | null }[] = [];
    const start = Date.now();
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        calls.push({ at: Date.now() - start, oidc: new URLSearchParams(body).get('subject_token') });
        if (calls.length === 1) {
          res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '4' });
          return res.end(
            '{"error":"temporarily_unavailable","error_description":"ERR_RATE_LIMITED: job ends"}',
          );
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"revoked":0}');
      });
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    let minted = 0;
    const answer = await endJob(url, async () => `oidc-${++minted}`, 'build');
    expect(answer).toEqual({ revoked: 0 });
    expect(calls).toHaveLength(2);
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(3900);
    expect(calls.map((c) => c.oidc)).toEqual(['oidc-1', 'oidc-2']);
  }, 20_000);

  it('the wait rule: Retry-After (capped at a minute) when given, else 0.5 s doubling', () => {
    expect(retryWaitMs(0, 2)).toBe(2000);
    expect(retryWaitMs(2, 3600)).toBe(60_000);
    expect([0, 1, 2].map((a) => retryWaitMs(a, undefined))).toEqual([500, 1000, 2000]);
    expect(retryWaitMs(1, 0)).toBe(1000);
  });
});
