/**
 * `state: rediss://…`: a broker process reaches a real redis-server over TLS only, with the server's
 * certificate verified against a private CA given the standard Node way (NODE_EXTRA_CA_CERTS). A
 * certificate the broker cannot verify (an unknown CA, a name that does not match) stops it at start
 * with ERR_STATE_UNREACHABLE and the TLS reason: it never falls back to an unverified connection.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startRedis, type RedisServer } from '../support/redis.js';
import { startRig, type Rig } from '../support/redis-rig.js';

const REPOS = { tls: 330001 };

let certs: string;
let redis: RedisServer;
let tlsPort: number;
let rig: Rig;

/** A throwaway CA and a server certificate it signs, for `san` (openssl, P-256 keys). */
function issue(dir: string, name: string, san: string): void {
  const run = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  run([
    'req',
    '-x509',
    ...ec,
    '-keyout',
    `${name}-ca.key`,
    '-out',
    `${name}-ca.pem`,
    '-days',
    '1',
    '-subj',
    `/CN=${name} test CA`,
  ]);
  run(['req', ...ec, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`]);
  writeFileSync(join(dir, `${name}.ext`), `subjectAltName=${san}\n`);
  run([
    'x509',
    '-req',
    '-in',
    `${name}.csr`,
    '-CA',
    `${name}-ca.pem`,
    '-CAkey',
    `${name}-ca.key`,
    '-CAcreateserial',
    '-out',
    `${name}.pem`,
    '-days',
    '1',
    '-extfile',
    `${name}.ext`,
  ]);
}

beforeAll(async () => {
  certs = mkdtempSync(join(tmpdir(), 'sw-tls-'));
  issue(certs, 'good', 'IP:127.0.0.1');
  issue(certs, 'other', 'DNS:redis.internal');
  // The plain port stays on loopback for the test's own assertions; the broker is given only TLS.
  redis = await startRedis({
    tls: [
      '--tls-cert-file',
      join(certs, 'good.pem'),
      '--tls-key-file',
      join(certs, 'good.key'),
      '--tls-ca-cert-file',
      join(certs, 'good-ca.pem'),
      '--tls-auth-clients',
      'no',
    ],
  });
  tlsPort = redis.tlsPort!;
  rig = await startRig(REPOS, { redis });
}, 60_000);

afterAll(async () => {
  await rig?.close();
  await redis?.stop();
  rmSync(certs, { recursive: true, force: true });
}, 60_000);

describe('rediss:// state', () => {
  it('exchanges over TLS with the CA given through NODE_EXTRA_CA_CERTS; the GitHub token is not in clear', async () => {
    const a = await rig.spawn('tls-a', {
      state: `rediss://127.0.0.1:${tlsPort}`,
      env: { NODE_EXTRA_CA_CERTS: join(certs, 'good-ca.pem') },
    });
    const oidc = await rig.oidc('tls', 'tls-run-1');
    const r = await rig.exchange(a, oidc, 'release');
    expect(r.status).toBe(200);
    const token = r.body.access_token as string;
    expect(token).toMatch(/^ghs_/);
    // The jti went to the server over TLS: a replay is refused, and the plain client sees the key.
    expect((await rig.exchange(a, oidc, 'release')).body.error_description).toMatch(/^ERR_OIDC_REPLAYED/);
    const raw = redis.client();
    expect((await raw.keys('stepwarden:jti:*')).length).toBeGreaterThan(0);
    let dump = '';
    for (const k of await raw.keys('stepwarden:*'))
      if ((await raw.type(k)) === 'hash') dump += JSON.stringify(await raw.hgetall(k));
    expect(dump).not.toBe('');
    expect(dump).not.toContain(token);
    await a.stop();
  }, 60_000);

  it('does not start when the server certificate is signed by a CA it does not trust', async () => {
    await expect(rig.spawn('tls-untrusted', { state: `rediss://127.0.0.1:${tlsPort}` })).rejects.toThrow(
      /ERR_STATE_UNREACHABLE[\s\S]*rediss:\/\/127\.0\.0\.1[\s\S]*(self[- ]signed|unable to (verify|get local issuer))/i,
    );
  }, 60_000);

  it('does not start when the certificate is trusted but names another host', async () => {
    const other = await startRedis({
      tls: [
        '--tls-cert-file',
        join(certs, 'other.pem'),
        '--tls-key-file',
        join(certs, 'other.key'),
        '--tls-auth-clients',
        'no',
      ],
    });
    const wrongName = other.tlsPort!;
    try {
      await expect(
        rig.spawn('tls-wrong-name', {
          state: `rediss://127.0.0.1:${wrongName}`,
          env: { NODE_EXTRA_CA_CERTS: join(certs, 'other-ca.pem') },
        }),
      ).rejects.toThrow(
        /ERR_STATE_UNREACHABLE[\s\S]*(altnames|does not match|IP: 127\.0\.0\.1 is not in the cert)/i,
      );
    } finally {
      await other.stop();
    }
  }, 60_000);
});
