/**
 * Session 27: one retry loop. The job end (actions/audit) had its own loop around `endJob` with
 * `retries: 0` (`withFreshToken`: a fresh OIDC token per attempt, retried on unreachable, 429 and 5xx,
 * three times, after the broker's `Retry-After`), beside broker-client.ts `post()`, which the exchange
 * runs with a token supplier. Folded: `endJob` takes `subjectToken` as a string or a supplier, like
 * `exchange`, and the action's supplier masks each token the moment it exists. These cases pin what the
 * old loop did, so a difference between the two would show: the same statuses retried, the same
 * number of attempts, a fresh token each, the broker's `Retry-After` waited out.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { endJob, exchange } from '../../shared/actions/broker-client.js';
import { maskedIdTokens } from '../../shared/actions/oidc-token.js';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r) ?? r(undefined));
  server = undefined;
});

/** A broker whose answer to attempt n (1 first) is `answer(n, …)`; every form it was sent is kept. */
async function broker(
  answer: (n: number, res: ServerResponse, req: IncomingMessage) => void,
): Promise<{ url: string; forms: URLSearchParams[] }> {
  const forms: URLSearchParams[] = [];
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      forms.push(new URLSearchParams(body));
      answer(forms.length, res, req);
    });
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, forms };
}

const refuse = (res: ServerResponse, status: number, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify({ error: 'e', error_description: `ERR_X: status ${status}` }));
};

/** What the old loop retried: unreachable (0), 429 and every 5xx; three retries (four attempts). */
const OLD_LOOP_RETRIES = (status: number) => status === 0 || status === 429 || status >= 500;
const STATUSES = [0, 400, 401, 403, 404, 409, 422, 429, 500, 502, 503, 504];

describe('the job end retries as the exchange does, with a fresh token per attempt', () => {
  it.each(STATUSES)(
    'status %i every time: the job end and the exchange make the attempts the old loop made, each with its own token',
    async (status) => {
      const calls = { endJob: 0, exchange: 0 };
      for (const which of ['endJob', 'exchange'] as const) {
        const b = await broker((_n, res, req) =>
          status === 0 ? req.socket.destroy() : refuse(res, status, { 'retry-after': '1' }),
        );
        let minted = 0;
        const supplier = async () => `oidc-${which}-${++minted}`;
        const call =
          which === 'endJob'
            ? endJob(b.url, supplier, 'build', { waitScale: 0 })
            : exchange(
                b.url,
                { subjectToken: supplier, audience: 'github', scope: 's', job: 'build', step: 'x' },
                { waitScale: 0 },
              );
        const err = (await call.catch((e: unknown) => e)) as { status?: number };
        expect(err.status).toBe(status);
        calls[which] = b.forms.length;
        expect(b.forms.map((f) => f.get('subject_token'))).toEqual(
          Array.from({ length: b.forms.length }, (_, i) => `oidc-${which}-${i + 1}`),
        );
        server!.closeAllConnections();
        await new Promise((r) => server!.close(r));
        server = undefined;
      }
      expect(calls).toEqual(
        OLD_LOOP_RETRIES(status) ? { endJob: 4, exchange: 4 } : { endJob: 1, exchange: 1 },
      );
    },
    20_000,
  );

  it("a 429 whose Retry-After is past the old 0.5 s back-off: the job end's next attempt waits for it, with a fresh token, and succeeds", async () => {
    const at: number[] = [];
    const b = await broker((n, res) => {
      at.push(Date.now());
      if (n === 1) return refuse(res, 429, { 'retry-after': '4' });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"revoked":2}');
    });
    let minted = 0;
    // 4 s scaled to 200 ms; the 0.5 s back-off would have been 25 ms.
    const body = await endJob(b.url, async () => `oidc-${++minted}`, 'build', { waitScale: 0.05 });
    expect(body).toEqual({ revoked: 2 });
    expect(b.forms.map((f) => [f.get('subject_token'), f.get('job')])).toEqual([
      ['oidc-1', 'build'],
      ['oidc-2', 'build'],
    ]);
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(190);
  }, 10_000);

  it('a token given as a string is sent as it is (the demo, the CLI)', async () => {
    const b = await broker((n, res) => (n === 1 ? refuse(res, 502) : res.end('{"revoked":0}')));
    await endJob(b.url, 'oidc', 'build', { waitScale: 0 });
    expect(b.forms.map((f) => f.get('subject_token'))).toEqual(['oidc', 'oidc']);
  }, 10_000);
});

describe("the actions' token supplier masks each token the moment it exists", () => {
  it('every token is masked (::add-mask::) before the broker is sent it, and none is sent twice', async () => {
    const order: string[] = [];
    const b = await broker((n, res, req) => {
      order.push(`sent ${n}`);
      if (n < 3) return void req.socket.destroy();
      res.end('{"revoked":0}');
    });
    const write = process.stdout.write.bind(process.stdout);
    let minted = 0;
    process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      const text = String(chunk);
      const mask = /::add-mask::(oidc-\d+)/.exec(text);
      if (mask) {
        order.push(`masked ${mask[1]}`);
        return true;
      }
      return (write as (c: string | Uint8Array, ...r: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof process.stdout.write;
    try {
      await endJob(
        b.url,
        maskedIdTokens('aud', async (aud) => {
          expect(aud).toBe('aud');
          return `oidc-${++minted}`;
        }),
        'build',
        { waitScale: 0 },
      );
    } finally {
      process.stdout.write = write;
    }
    expect(order).toEqual(['masked oidc-1', 'sent 1', 'masked oidc-2', 'sent 2', 'masked oidc-3', 'sent 3']);
    expect(b.forms.map((f) => f.get('subject_token'))).toEqual(['oidc-1', 'oidc-2', 'oidc-3']);
  }, 10_000);
});
