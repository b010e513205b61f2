/**
 * Session 26 (w-killsweep): the exchange's retries after a broker killed mid-exchange. The broker uses
 * an OIDC token's jti once, even when its answer never arrived, so the action's retry with the same
 * token was refused ERR_OIDC_REPLAYED (400, not retried): the step failed whatever the broker did with
 * the claim. Each attempt now sends a fresh token, and a 429 ERR_GRANT_IN_FLIGHT is retried after the
 * `Retry-After` the broker names (when the sweep may take the dead exchange).
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exchange } from '../../shared/actions/broker-client.js';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r) ?? r(undefined));
  server = undefined;
});

async function broker(handler: (form: URLSearchParams, res: ServerResponse, req: IncomingMessage) => void) {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => handler(new URLSearchParams(body), res, req));
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const params = { audience: 'github', scope: 'contents:read', job: 'publish', step: 'release' };

describe('actions/exchange retries with a fresh OIDC token per attempt', () => {
  it('connection lost, then held in flight (Retry-After), then granted: three attempts, three tokens', async () => {
    const seen: { token: string | null; at: number }[] = [];
    const url = await broker((form, res, req) => {
      seen.push({ token: form.get('subject_token'), at: Date.now() });
      if (seen.length === 1) return req.socket.destroy();
      if (seen.length === 2) {
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '4' });
        return res.end(
          JSON.stringify({
            error: 'temporarily_unavailable',
            error_description: 'ERR_GRANT_IN_FLIGHT: another exchange of the grant is still in flight',
          }),
        );
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ access_token: 'ghs_x', expires_in: 60, scope: 'contents:read', grant_id: 'g' }),
      );
    });
    let minted = 0;
    const result = await exchange(
      url,
      { ...params, subjectToken: async () => `oidc-${++minted}` },
      { waitScale: 0.05 },
    );
    expect(result).toMatchObject({ access_token: 'ghs_x', attempts: 3 });
    expect(seen.map((s) => s.token)).toEqual(['oidc-1', 'oidc-2', 'oidc-3']);
    // The broker's Retry-After (4 s, scaled to 200 ms here) was waited out, not the 1 s back-off's 50 ms.
    expect(seen[2]!.at - seen[1]!.at).toBeGreaterThanOrEqual(190);
  }, 10_000);

  it('a token given as a string is sent as it is on every attempt (the CLI and the demo)', async () => {
    const seen: (string | null)[] = [];
    const url = await broker((form, res) => {
      seen.push(form.get('subject_token'));
      res.writeHead(seen.length === 1 ? 502 : 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ access_token: 't', expires_in: 1, scope: 's', grant_id: 'g' }));
    });
    await exchange(url, { ...params, subjectToken: 'oidc' }, { waitScale: 0 });
    expect(seen).toEqual(['oidc', 'oidc']);
  }, 10_000);
});
