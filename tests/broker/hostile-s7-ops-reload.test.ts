/**
 * Session 7, operating the broker: admin tokens that can be guessed (refused at load and at reload,
 * naming file, line and `openssl rand -hex 32`), a reload that is all or nothing when one of its files
 * is bad, a SIGHUP storm during a burst, and the audit disk full across a reload. Every log line the
 * broker wrote is checked for the admin tokens and the credentials it issued.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { parseAdminTokens, weakBearerToken } from '../../shared/broker/client-auth.js';
import { readBrokerConfig } from '../../shared/broker/config.js';
import { ManifestError } from '../../shared/manifest/errors.js';
import { startBroker, type RunningBroker } from '../../shared/broker/server.js';
import { metricsExposure } from '../../shared/broker/ops/metrics.js';
import { startOidcIssuer, type OidcIssuer } from '../../shared/standins/oidc-issuer.js';
import { AUD, MANIFEST } from '../support/broker.js';
import { scrapeWithoutValues } from '../support/prometheus.js';
import { runIdOf } from '../support/run-ids.js';

const ALICE = 'a3f1c9e07b5d42e8961f0c7ab3d58e24';
const BOB = '5e0b7c31d9a24f86b1e3c07d9f42a6b8e1c5d7f903a2b4c6';
const problemsOf = (f: () => unknown): { file: string; line: number; message: string; fix?: string }[] => {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(ManifestError);
    return (err as ManifestError).problems.map((p) => ({
      file: p.file,
      line: p.line ?? 0,
      message: p.message,
      ...(p.fix ? { fix: p.fix } : {}),
    }));
  }
  return [];
};

describe('admin token strength', () => {
  it('refuses plain tokens under 32 characters or obviously weak, with file, line and the openssl fix, never quoting them', () => {
    const short = 'c0ffee-and-donuts-2026-on-call!'; // 31 characters
    const text = [
      '# admins',
      `alice ${ALICE}`,
      `bob ${short}`,
      `carol ${'a'.repeat(64)}`,
      `dave ${'ab'.repeat(20)}`,
      `erin:${createHash('sha256').update('').digest('hex')}`,
    ].join('\n');
    const p = problemsOf(() => parseAdminTokens(text, 'admin-tokens'));
    expect(p.map((x) => `${x.file}:${x.line}`)).toEqual([
      'admin-tokens:3',
      'admin-tokens:4',
      'admin-tokens:5',
      'admin-tokens:6',
    ]);
    expect(p[0]!.message).toMatch(/admin token 'bob' is 31 characters long \(at least 32\)/);
    expect(p[1]!.message).toMatch(/'carol' has only 1 distinct character/);
    expect(p[2]!.message).toMatch(/'dave' has only 2 distinct character/);
    expect(p[3]!.message).toMatch(/'erin' is the sha256 of an empty token/);
    for (const x of p) expect(x.fix).toMatch(/openssl rand -hex 32/);
    const said = JSON.stringify(p);
    for (const secret of [short, 'a'.repeat(64), 'ab'.repeat(20)]) expect(said).not.toContain(secret);
  });

  it('accepts 32 random hex digits, `openssl rand -hex 32`, and any `name:sha256` line (its token cannot be judged)', () => {
    expect(weakBearerToken(ALICE)).toBeUndefined();
    expect(weakBearerToken(BOB)).toBeUndefined();
    const sha = createHash('sha256').update('short').digest('hex');
    expect(parseAdminTokens(`alice ${ALICE}\nops:${sha}\n`, 'f').map((t) => t.name)).toEqual([
      'alice',
      'ops',
    ]);
  });
});

describe('/metrics exposure', () => {
  it('warns (ERR_METRICS_OPEN) when metrics are on without a token and the listener is beyond loopback', () => {
    for (const listen of ['0.0.0.0:8787', '[::]:8787', '10.0.0.5:8787', 'broker.internal:8787'])
      expect(metricsExposure(listen, true, false)?.fields).toMatchObject({
        code: 'ERR_METRICS_OPEN',
        listen,
        fix: expect.stringMatching(/metrics\.token-file/),
      });
    for (const listen of ['127.0.0.1:8787', 'localhost:1', '[::1]:8787', '127.9.9.9:0', ':8787'])
      expect(metricsExposure(listen, true, false)).toBeUndefined();
    expect(metricsExposure('0.0.0.0:8787', true, true)).toBeUndefined(); // bearer token required
    expect(metricsExposure('0.0.0.0:8787', false, false)).toBeUndefined(); // metrics off
  });
});

let issuer: OidcIssuer;
let dir: string;
beforeAll(async () => {
  issuer = await startOidcIssuer({ audience: AUD });
  dir = mkdtempSync(join(tmpdir(), 'sw-s7-reload-'));
  mkdirSync(join(dir, 'manifests/octo-org/octo-repo/.github'), { recursive: true });
  writeFileSync(join(dir, 'manifests/octo-org/octo-repo/.github/access-manifest.yml'), MANIFEST);
  mkdirSync(join(dir, 'audit'));
});
afterAll(async () => {
  await issuer.close();
  rmSync(dir, { recursive: true, force: true });
});

const config = (extra: string[] = []) =>
  [
    'listen: 127.0.0.1:0',
    `url: ${AUD}`,
    `audience: ${AUD}`,
    `issuers: [${issuer.url}]`,
    'require-job-identity: false',
    'manifests: { source: directory, path: ./manifests }',
    'signing: { key-file: ./keys.json }',
    'audit: ./audit/broker-audit.jsonl',
    'admin-tokens-file: ./admins',
    ...extra,
  ].join('\n');

describe('a weak admin token at start', () => {
  it('stops the start with ERR_CONFIG_INVALID naming the admin tokens file and line', async () => {
    writeFileSync(join(dir, 'admins'), `# on-call\nalice ${ALICE}\nbob hunter2\n`);
    writeFileSync(join(dir, 'broker.yml'), config());
    const err = await startBroker(await readBrokerConfig(join(dir, 'broker.yml'), '/'), {
      logger: { log: () => undefined },
      warn: () => undefined,
    }).then(
      (b) => b.close().then(() => undefined),
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ManifestError);
    expect(err).toMatchObject({ code: 'ERR_CONFIG_INVALID' });
    expect((err as ManifestError).problems).toEqual([
      expect.objectContaining({
        file: './admins',
        line: 3,
        fix: expect.stringMatching(/openssl rand -hex 32/),
      }),
    ]);
    expect((err as Error).message).not.toContain('hunter2');
  });
});

describe('a running broker: reloads', () => {
  let broker: RunningBroker;
  const logs: Record<string, unknown>[] = [];
  const issued: string[] = [];
  beforeAll(async () => {
    writeFileSync(join(dir, 'admins'), `alice ${ALICE}\n`);
    writeFileSync(join(dir, 'broker.yml'), config());
    broker = await startBroker(await readBrokerConfig(join(dir, 'broker.yml'), '/'), {
      configFile: join(dir, 'broker.yml'),
      logger: { log: (level, msg, f) => void logs.push({ level, msg, ...f }) },
      warn: () => undefined,
    });
  });
  afterAll(async () => {
    await broker.close();
    // Every operational line the broker wrote in these tests: no admin token, no credential.
    const all = JSON.stringify(logs);
    for (const secret of [ALICE, BOB, 'hunter2', ...issued]) expect(all).not.toContain(secret);
  });

  const admin = async (token: string) =>
    (
      await fetch(`${broker.url}/admin/unblock`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Bearer ${token}` },
        body: 'repository=octo-org/nothing-blocked',
      })
    ).status;
  const exchange = async (run: string) => {
    const res = await fetch(`${broker.url}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
        subject_token: await issuer.mint({ run_id: runIdOf(run) }),
        subject_token_type: 'urn:ietf:params:oauth:token-type:id_token',
        audience: 'https://hooks.example.internal',
        job: 'publish',
        step: 'notify',
      }),
    });
    const body = (await res.json()) as Record<string, unknown>;
    if (typeof body.access_token === 'string') issued.push(body.access_token);
    return { status: res.status, body };
  };
  const reloadLines = (from: number) => logs.slice(from).filter((l) => /^config reload/.test(String(l.msg)));
  const settle = async (from: number, n: number) => {
    for (let i = 0; i < 500 && reloadLines(from).length < n; i++) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 200)); // and nothing more comes
    return reloadLines(from);
  };

  it('on loopback with open metrics, no exposure warning; /metrics carries no token, repository or run', async () => {
    expect(logs.some((l) => l.code === 'ERR_METRICS_OPEN')).toBe(false);
    expect((await exchange('7201')).status).toBe(200);
    const text = await (await fetch(`${broker.url}/metrics`)).text();
    expect(text).toMatch(/stepwarden_/);
    for (const s of [...issued, ALICE, 'octo-org', 'publish', 'notify']) expect(text).not.toContain(s);
    // The run id is short: it is looked for in the names, labels and help only (a value's digits may
    // hold it), the issuer's URL left out by exact value (its random port may: 37201).
    const words = scrapeWithoutValues(text, [issuer.url]);
    expect(words).toContain('stepwarden_oidc_key_fetches_total{issuer="…",result="ok"}');
    expect(words).not.toContain('7201');
  });

  it('a weak token in the admin file refuses the whole reload (the rate limit changed beside it stays as it was)', async () => {
    const from = logs.length;
    writeFileSync(join(dir, 'admins'), `alice ${ALICE}\nbob hunter2\n`);
    writeFileSync(join(dir, 'broker.yml'), config(['rate-limit: { per-repository: 1/h }']));
    process.emit('SIGHUP', 'SIGHUP');
    const [line] = await settle(from, 1);
    expect(line).toMatchObject({
      level: 'error',
      msg: 'config reload refused; the config in force stays',
      code: 'ERR_CONFIG_INVALID',
      file: './admins',
      line: 2,
      fix: expect.stringMatching(/openssl rand -hex 32/),
    });
    expect(await admin(ALICE)).toBe(200);
    expect(await admin('hunter2')).toBe(401);
    // 1/h would refuse the second: the refused reload applied none of its keys.
    for (const run of ['7301', '7302', '7303']) expect((await exchange(run)).status).toBe(200);
  });

  it('a SIGHUP storm during a burst: every exchange answered, at most two reloads run, the last file content is in force', async () => {
    writeFileSync(join(dir, 'broker.yml'), config());
    writeFileSync(join(dir, 'admins'), `bob ${BOB}\n`);
    const from = logs.length;
    const burst = Array.from({ length: 20 }, (_, i) => exchange(`74${String(i).padStart(2, '0')}`));
    for (let i = 0; i < 500; i++) process.emit('SIGHUP', 'SIGHUP');
    const statuses = (await Promise.all(burst)).map((r) => r.status);
    expect(statuses).toEqual(Array(20).fill(200));
    const lines = await settle(from, 1);
    // One reload started at once, one queued for every later signal (500 before the fix).
    expect(lines.length).toBeGreaterThanOrEqual(1);
    expect(lines.length).toBeLessThanOrEqual(2);
    expect(lines.every((l) => l.msg === 'config reloaded')).toBe(true);
    expect(await admin(BOB)).toBe(200);
    expect(await admin(ALICE)).toBe(401);
  });

  it('the audit disk gone across a reload: the reload applies, grants are refused 503 and /readyz says audit-sink; both recover', async () => {
    const auditDir = join(dir, 'audit');
    renameSync(auditDir, `${auditDir}-away`);
    writeFileSync(auditDir, 'a file where the audit folder was'); // ENOTDIR for every open, even as root
    try {
      const from = logs.length;
      writeFileSync(join(dir, 'admins'), `alice ${ALICE}\nbob ${BOB}\n`);
      process.emit('SIGHUP', 'SIGHUP');
      expect((await settle(from, 1))[0]).toMatchObject({ msg: 'config reloaded', 'admin-tokens': 2 });
      const refused = await exchange('7501');
      expect(refused.status).toBe(503);
      expect(String(refused.body.error_description)).toMatch(/^ERR_AUDIT_UNAVAILABLE/);
      const ready = await fetch(`${broker.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(
        ((await ready.json()) as { checks: Record<string, { ok: boolean }> }).checks['audit-sink'],
      ).toMatchObject({ ok: false });
      // Liveness stays green: the process is fine, a restart would not bring the disk back.
      expect((await fetch(`${broker.url}/healthz`)).status).toBe(200);
      expect(logs.slice(from).some((l) => l.alarm === 'audit_log' && /^ALARM/.test(String(l.msg)))).toBe(
        true,
      );
    } finally {
      rmSync(auditDir);
      renameSync(`${auditDir}-away`, auditDir);
    }
    expect((await fetch(`${broker.url}/readyz`)).status).toBe(200);
    expect((await exchange('7501')).status).toBe(200); // the same run and step: its claim was given back
    expect(await admin(ALICE)).toBe(200);
  });
});
