/**
 * Session 14 trust boundary: the /metrics bearer token is held to the admin tokens' rule
 * (weakBearerToken: 32 characters or more, 8 distinct or more). Before, any non-empty file was taken:
 * `scrape-me` opened every refusal code, readiness reason and GitHub gauge to whoever guessed it.
 * Against the real broker: refused at start and at reload (the reload refused whole, the token in
 * force stays), naming the config key, the file, the line and the fix, never the token.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { readBrokerConfig } from '../../shared/broker/config.js';
import { ManifestError } from '../../shared/manifest/errors.js';
import { startBroker, type RunningBroker } from '../../shared/broker/server.js';
import { startOidcIssuer, type OidcIssuer } from '../../shared/standins/oidc-issuer.js';
import { AUD, MANIFEST } from '../support/broker.js';

const STRONG = '9c41e0b27d5af3186e2bd04c7a95f1e3';
const ROTATED = 'f07a2c95e13b4d68a0c7e52b19d3f846e0a1';
let issuer: OidcIssuer;
let dir: string;
beforeAll(async () => {
  issuer = await startOidcIssuer({ audience: AUD });
  dir = mkdtempSync(join(tmpdir(), 'sw-s14-metrics-'));
  mkdirSync(join(dir, 'manifests/octo-org/octo-repo/.github'), { recursive: true });
  writeFileSync(join(dir, 'manifests/octo-org/octo-repo/.github/access-manifest.yml'), MANIFEST);
  mkdirSync(join(dir, 'audit'));
  writeFileSync(
    join(dir, 'broker.yml'),
    [
      'listen: 127.0.0.1:0',
      `url: ${AUD}`,
      `audience: ${AUD}`,
      `issuers: [${issuer.url}]`,
      'require-job-identity: false',
      'manifests: { source: directory, path: ./manifests }',
      'signing: { key-file: ./keys.json }',
      'audit: ./audit/broker-audit.jsonl',
      'metrics: { token-file: ./metrics-token }',
    ].join('\n'),
  );
});
afterAll(async () => {
  await issuer.close();
  rmSync(dir, { recursive: true, force: true });
});

const start = async (logs?: Record<string, unknown>[]) =>
  startBroker(await readBrokerConfig(join(dir, 'broker.yml'), '/'), {
    configFile: join(dir, 'broker.yml'),
    logger: { log: (level, msg, f) => void logs?.push({ level, msg, ...f }) },
    warn: () => undefined,
  });

describe('a weak metrics token at start', () => {
  it.each([
    ['scrape-me\n', 1, /is 9 characters long \(at least 32\)/],
    [`\n\n${'a'.repeat(40)}\n`, 3, /has only 1 distinct character/],
    [`# scrape\n${'ab12'.repeat(10)}\n`, 1, /more than one word/],
    [`${'2026-12-04'.repeat(4)}`, 1, /has only 6 distinct character/],
    ['  \n\n', 1, /is empty/],
  ])('%j: refused with ERR_CONFIG_INVALID, line %d', async (text, line, why) => {
    writeFileSync(join(dir, 'metrics-token'), text);
    const err = await start().then(
      (b) => b.close().then(() => undefined),
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ManifestError);
    expect(err).toMatchObject({ code: 'ERR_CONFIG_INVALID' });
    const [p, ...more] = (err as ManifestError).problems;
    expect(more).toEqual([]);
    expect(p).toMatchObject({
      file: './metrics-token',
      line,
      fix: expect.stringMatching(/openssl rand -hex 32/),
    });
    expect(p!.message).toMatch(/^metrics\.token-file: /);
    expect(p!.message).toMatch(why);
    const token = text.trim();
    if (token)
      expect(JSON.stringify((err as ManifestError).problems)).not.toContain(token.split('\n').at(-1));
  });
});

describe('a running broker: a weak metrics token in a reload', () => {
  let broker: RunningBroker;
  const logs: Record<string, unknown>[] = [];
  beforeAll(async () => {
    writeFileSync(join(dir, 'metrics-token'), `${STRONG}\n`);
    broker = await start(logs);
  });
  afterAll(async () => {
    await broker.close();
    const all = JSON.stringify(logs);
    for (const secret of [STRONG, ROTATED, 'scrape-rotated']) expect(all).not.toContain(secret);
  });
  const scrape = async (token: string) =>
    (await fetch(`${broker.url}/metrics`, { headers: { authorization: `Bearer ${token}` } })).status;
  const reloaded = async (from: number) => {
    for (let i = 0; i < 500 && !logs.slice(from).some((l) => /^config reload/.test(String(l.msg))); i++)
      await new Promise((r) => setTimeout(r, 10));
    return logs.slice(from).find((l) => /^config reload/.test(String(l.msg)));
  };

  it('a strong token is in force', async () => {
    expect(await scrape(STRONG)).toBe(200);
    expect(await scrape('scrape-me')).toBe(401);
  });

  it('a weak rotation is refused whole; the token in force stays; a strong one then applies', async () => {
    let from = logs.length;
    writeFileSync(join(dir, 'metrics-token'), 'scrape-rotated\n');
    process.emit('SIGHUP', 'SIGHUP');
    expect(await reloaded(from)).toMatchObject({
      level: 'error',
      code: 'ERR_CONFIG_INVALID',
      file: './metrics-token',
      line: 1,
      fix: expect.stringMatching(/openssl rand -hex 32/),
    });
    expect(await scrape(STRONG)).toBe(200);
    expect(await scrape('scrape-rotated')).toBe(401);
    from = logs.length;
    writeFileSync(join(dir, 'metrics-token'), `${ROTATED}\n`);
    process.emit('SIGHUP', 'SIGHUP');
    expect(await reloaded(from)).toMatchObject({ msg: 'config reloaded' });
    expect(await scrape(ROTATED)).toBe(200);
    expect(await scrape(STRONG)).toBe(401);
  });
});
