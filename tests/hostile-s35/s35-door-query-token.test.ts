/**
 * Session 35, the door: a job's OIDC token put where the broker never reads one, the query string
 * or the path, on every endpoint, with every method and path spelling a proxy might forward
 * (`//token`, `/TOKEN`, `/token/`, `/admin/../token`, HEAD, GET, OPTIONS). Each request is refused
 * (nothing granted, no credential in any answer) and the token is never echoed (answers), never
 * written (the audit file, stderr, stdout) and never spent: the same token is exchanged afterwards,
 * once. Through a broker process (its own logs are what an operator ships) on redis-server.
 * s25-http-framing covers a query beside a body with a placeholder token; this puts a live token
 * there, where a reader of the URL (an access log, a refusal naming the path) would leak it.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrokerProcess } from '../support/cluster.js';
import { startRig, until, type Rig } from '../support/redis-rig.js';

const GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange';
const ID_TOKEN = 'urn:ietf:params:oauth:token-type:id_token';

/** One request written byte for byte: fetch and node:http normalize `//token` and methods. */
function send(
  url: string,
  method: string,
  path: string,
  headers: readonly string[] = [],
  body = '',
): Promise<{ status: number; text: string }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const sock = connect(Number(u.port), u.hostname, () => {
      sock.write(
        [
          `${method} ${path} HTTP/1.1`,
          'host: broker',
          ...headers,
          `content-length: ${Buffer.byteLength(body)}`,
        ]
          .concat('connection: close', '', body)
          .join('\r\n'),
      );
    });
    let out = '';
    sock.setEncoding('utf8');
    sock.on('data', (d: string) => (out += d));
    sock.on('end', () => resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(out)?.[1] ?? 0), text: out }));
    sock.on('error', reject);
  });
}

describe('a live OIDC token in the query or the path (s35)', () => {
  let rig: Rig;
  let a: BrokerProcess;
  beforeAll(async () => {
    rig = await startRig({ door: 535201 });
    a = await rig.spawn('s35-door');
  }, 180_000);
  afterAll(async () => {
    await rig?.close();
  }, 120_000);

  it('is refused on every endpoint and spelling, never echoed, written or spent', async () => {
    const token = await rig.oidc('door', 's35-door-1');
    const signature = token.split('.')[2]!;
    const q = new URLSearchParams({
      grant_type: GRANT,
      subject_token: token,
      subject_token_type: ID_TOKEN,
      audience: 'https://hooks.example.internal',
      job: 'publish',
      step: 'notify',
    }).toString();
    const FORM = 'content-type: application/x-www-form-urlencoded';
    const requests: [string, string, string[], string][] = [];
    for (const path of ['/token', '//token', '/TOKEN', '/token/', '/admin/../token', '/./token', '/token;x'])
      for (const method of ['POST', 'GET', 'HEAD', 'OPTIONS', 'PUT'])
        requests.push([method, `${path}?${q}`, method === 'POST' ? [FORM] : [], '']);
    for (const path of ['/introspect', '/revoke', '/admin/revoke', '/admin/unblock'])
      requests.push(['POST', `${path}?token=${token}&repository=octo-org/door`, [FORM], '']);
    // In the path itself, and as a bearer beside a query naming it.
    requests.push(['GET', `/token/${token}`, [], '']);
    requests.push(['POST', `/${token}`, [FORM], q]);
    requests.push(['POST', `/token?subject_token=${token}`, [FORM], 'grant_type=x']);
    const answers: string[] = [];
    for (const [method, path, headers, body] of requests) {
      const r = await send(a.url, method, path, headers, body);
      answers.push(r.text);
      // Refused: a client error (a 404 for what no route serves), never a grant.
      expect([method, path.slice(0, 20), r.status >= 400 && r.status < 500]).toEqual([
        method,
        path.slice(0, 20),
        true,
      ]);
      expect(r.text).not.toContain('access_token');
    }
    // A refusal's audit line is not write-ahead (nothing left the broker), so it may reach the file
    // after the answer: waited for before the file is searched (session 37: read too early in a fresh
    // run at load, 0 lines).
    const refused = () => rig.audit('s35-door').filter((e) => e.type === 'credential.refused');
    await until(() => refused().length > 0, 20_000, "the refusals' audit lines");
    const has = (text: string) => text.includes(token) || text.includes(signature);
    const leaked = () => ({
      answers: has(answers.join('\n')),
      audit: has(JSON.stringify(rig.audit('s35-door'))),
      stderr: has(a.stderr()),
      stdout: has(a.stdout()),
    });
    const none = { answers: false, audit: false, stderr: false, stdout: false };
    expect(leaked()).toEqual(none);
    // A refusal names its rule: the query one says parameters go in the body.
    const refusals = refused();
    expect(refusals.length).toBeGreaterThan(0);
    expect(
      refusals.every((e) => typeof e.reason === 'string' && /^ERR_[A-Z_]+$/.test(String(e.reason))),
    ).toBe(true);
    // Never read, so never spent: the token is exchanged once, then refused as replayed.
    const first = await rig.exchange(a, token);
    expect(first.status).toBe(200);
    const again = await rig.exchange(a, token);
    expect([again.status, String(again.body.error_description).split(':')[0]]).toEqual([
      400,
      'ERR_OIDC_REPLAYED',
    ]);
    expect(leaked()).toEqual(none);
  }, 180_000);
});
