/**
 * Session 6, operating the broker: SIGHUP with a config that changes the state URL, the trusted
 * issuers and the admin tokens at once, then with a broken one. Regression guard: the admin tokens
 * apply, the restart-only keys do not (named in one warning), a broken file changes nothing and names
 * its file and line, and exchanges keep being served throughout.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { readBrokerConfig } from '../../shared/broker/config.js';
import { startBroker, type RunningBroker } from '../../shared/broker/server.js';
import { startOidcIssuer, type OidcIssuer } from '../../shared/standins/oidc-issuer.js';
import { AUD, MANIFEST } from '../support/broker.js';
import { runIdOf } from '../support/run-ids.js';

let issuer: OidcIssuer;
let broker: RunningBroker;
let dir: string;
const logs: Record<string, unknown>[] = [];
const configFile = () => join(dir, 'broker.yml');
const base = () => [
  'listen: 127.0.0.1:0',
  `url: ${AUD}`,
  `audience: ${AUD}`,
  'manifests: { source: directory, path: ./manifests }',
  'signing: { key-file: ./keys.json }',
  'audit: ./audit.jsonl',
];

beforeAll(async () => {
  issuer = await startOidcIssuer({ audience: AUD });
  dir = mkdtempSync(join(tmpdir(), 'sw-s6-reload-'));
  mkdirSync(join(dir, 'manifests/octo-org/octo-repo/.github'), { recursive: true });
  writeFileSync(join(dir, 'manifests/octo-org/octo-repo/.github/access-manifest.yml'), MANIFEST);
  writeFileSync(join(dir, 'admins-a'), 'alice alpha-admin-token-0123456789abcdef\n');
  writeFileSync(join(dir, 'admins-b'), 'bob beta-admin-token-0123456789abcdef\n');
  writeFileSync(
    configFile(),
    [
      ...base(),
      `issuers: [${issuer.url}]`,
      'require-job-identity: false',
      'admin-tokens-file: ./admins-a',
    ].join('\n'),
  );
  broker = await startBroker(await readBrokerConfig(configFile(), '/'), {
    configFile: configFile(),
    logger: { log: (level, msg, f) => void logs.push({ level, msg, ...f }) },
    warn: () => undefined,
  });
});
afterAll(async () => {
  await broker.close();
  await issuer.close();
  rmSync(dir, { recursive: true, force: true });
});

const admin = async (token: string) =>
  (
    await fetch(`${broker.url}/admin/unblock`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Bearer ${token}` },
      body: 'repository=octo-org/nothing-blocked',
    })
  ).status;
const exchange = async (run: string) =>
  (
    await fetch(`${broker.url}/token`, {
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
    })
  ).status;
async function hup(): Promise<Record<string, unknown>> {
  const before = logs.length;
  process.emit('SIGHUP', 'SIGHUP');
  for (let i = 0; i < 500; i++) {
    const l = logs.slice(before).find((x) => /^config reload/.test(String(x.msg)));
    if (l) return l;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('no reload line');
}

describe('SIGHUP with state, issuers and admin tokens changed at once', () => {
  it('applies the admin tokens, keeps state and issuers (one warning naming them), keeps serving', async () => {
    expect(await admin('alpha-admin-token-0123456789abcdef')).not.toBe(401);
    expect(await exchange('9301')).toBe(200);
    writeFileSync(
      configFile(),
      [
        ...base(),
        'issuers: [https://token.other-ghes.example/_services/token]',
        'require-job-identity: false',
        'state: redis://10.9.9.9:6379',
        'admin-tokens-file: ./admins-b',
      ].join('\n'),
    );
    const before = logs.length;
    expect(await hup()).toMatchObject({ level: 'info', msg: 'config reloaded' });
    const warn = logs.slice(before).find((l) => l.code === 'ERR_CONFIG_RESTART_NEEDED');
    expect(warn).toMatchObject({ level: 'warn', keys: 'issuers, state' });
    expect(await admin('beta-admin-token-0123456789abcdef')).not.toBe(401);
    expect(await admin('alpha-admin-token-0123456789abcdef')).toBe(401);
    // The issuer in force is still the one the broker started with.
    expect(await exchange('9302')).toBe(200);
  });

  it('a broken file changes nothing: the error names file and line, the admin tokens in force stay', async () => {
    writeFileSync(
      configFile(),
      [
        ...base(),
        `issuers: [${issuer.url}]`,
        'require-job-identity: false',
        'admin-tokens-file: ./admins-a',
        'rate-limit: { per-repository: [oops',
      ].join('\n'),
    );
    const line = await hup();
    expect(line).toMatchObject({ level: 'error', code: 'ERR_CONFIG_INVALID' });
    expect(Number(line.line)).toBeGreaterThanOrEqual(9); // the unclosed flow, or the end it runs into
    expect(String(line.file)).toContain('broker.yml');
    expect(line.fix ?? line.detail).toBeTruthy();
    expect(await admin('beta-admin-token-0123456789abcdef')).not.toBe(401);
    expect(await admin('alpha-admin-token-0123456789abcdef')).toBe(401);
    expect(await exchange('9303')).toBe(200);
  });
});
