/**
 * Session 6, operating the broker: the signing keyring as an attacker or a bad day would leave it.
 * Private members never reach the JWKS, a key that cannot sign is refused where the ring is read,
 * a keyring others can read is refused, and two rotations at once cannot drop a key.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import {
  FileKeyring,
  KeyringError,
  loadOrCreateSigningKey,
  readKeyringFile,
  rotateKeyFile,
} from '../../shared/broker/signing-key.js';
import { loadBrokerConfig } from '../../shared/broker/config.js';
import { startBroker } from '../../shared/broker/server.js';
import { AUD, startStack } from '../support/broker.js';
import { cli } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'sw-s6-keys-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k', 'oth'];

async function privateJwk(): Promise<JWK> {
  return exportJWK((await generateKeyPair('ES256', { extractable: true })).privateKey);
}

function writeRing(file: string, jwks: JWK[], mode = 0o600): void {
  writeFileSync(
    file,
    JSON.stringify({ version: 1, keys: jwks.map((jwk) => ({ jwk, createdAt: 0, activateAt: 0 })) }),
    { mode },
  );
  chmodSync(file, mode);
}

describe('the JWKS never carries a private member', () => {
  it('stray private members in a stored key (p, q, dp, dq, qi, k, oth) stay out of /.well-known/jwks.json', async () => {
    const file = join(dir, 'stray.json');
    const jwk = await privateJwk();
    writeRing(file, [
      { ...jwk, kid: 'stray-1', p: 'cA', q: 'cQ', dp: 'ZHA', dq: 'ZHE', qi: 'cWk', k: 'aw', oth: [] } as JWK,
    ]);
    const s = await startStack({ key: await FileKeyring.open(file) });
    try {
      const res = await fetch(`${s.broker.url}/.well-known/jwks.json`);
      const { keys } = (await res.json()) as { keys: Record<string, unknown>[] };
      expect(keys.map((k) => k.kid)).toEqual(['stray-1']);
      for (const k of keys) for (const m of PRIVATE_MEMBERS) expect(k).not.toHaveProperty(m);
      expect(Object.keys(keys[0]!).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y']);
    } finally {
      await s.close();
    }
  });
});

describe('a key that cannot sign ES256 is refused where the ring is read', () => {
  it('a public-only key (no d) is ERR_KEYRING_INVALID naming the file and entry, not a green /readyz and 500s', async () => {
    const file = join(dir, 'public-only.json');
    const { d: _d, ...pub } = await privateJwk();
    writeRing(file, [pub]);
    await expect(readKeyringFile(file)).rejects.toMatchObject({
      code: 'ERR_KEYRING_INVALID',
      message: expect.stringMatching(/public-only\.json: keys\[0\] is not an ES256 private key/),
    });
  });

  it('an RSA or P-384 key is refused too', async () => {
    const file = join(dir, 'other-type.json');
    const rsa = await exportJWK((await generateKeyPair('RS256', { extractable: true })).privateKey);
    writeRing(file, [rsa]);
    await expect(readKeyringFile(file)).rejects.toMatchObject({ code: 'ERR_KEYRING_INVALID' });
    const p384 = await exportJWK((await generateKeyPair('ES384', { extractable: true })).privateKey);
    writeRing(file, [p384]);
    await expect(readKeyringFile(file)).rejects.toMatchObject({ code: 'ERR_KEYRING_INVALID' });
  });

  it('a running ring rewritten with a public-only key keeps the keys in force', async () => {
    const file = join(dir, 'reload-public.json');
    const ring = await FileKeyring.open(file);
    const before = ring.active(0).kid;
    const { d: _d, ...pub } = await privateJwk();
    writeRing(file, [{ ...pub, kid: 'no-private-half-here' }]);
    await expect(ring.reload()).rejects.toMatchObject({ code: 'ERR_KEYRING_INVALID' });
    expect(ring.active(0).kid).toBe(before);
  });
});

describe('a keyring others can read is refused', () => {
  it('at start: ERR_KEYRING_PERMISSIONS with the file, its mode and the chmod that fixes it', async () => {
    const file = join(dir, 'world.json');
    writeRing(file, [await privateJwk()], 0o644);
    const err = await loadOrCreateSigningKey(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KeyringError);
    expect(err).toMatchObject({ code: 'ERR_KEYRING_PERMISSIONS' });
    expect((err as Error).message).toContain(file);
    expect((err as Error).message).toContain('0644');
    expect((err as Error).message).toContain(`chmod 600 ${file}`);
    // The private half is never part of the message.
    expect((err as Error).message).not.toMatch(/"d"/);
  });

  it('on reload (the ring in force stays) and by rotate-key (exit 2, nothing written)', async () => {
    const file = join(dir, 'later-open.json');
    const ring = await FileKeyring.open(file);
    const before = ring.active(0).kid;
    const text = readFileSync(file, 'utf8');
    chmodSync(file, 0o604);
    writeFileSync(file, `${text}\n`); // a new stamp: reload reads it
    await expect(ring.reload()).rejects.toMatchObject({ code: 'ERR_KEYRING_PERMISSIONS' });
    expect(ring.active(0).kid).toBe(before);
    const config = join(dir, 'rotate-open.yml');
    writeFileSync(config, 'signing: { key-file: ./later-open.json }\n');
    const r = await cli(['broker', 'rotate-key', '--config', config]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/ERR_KEYRING_PERMISSIONS/);
    expect(readFileSync(file, 'utf8')).toBe(`${text}\n`);
  });

  it('a ring the broker creates or rotates is 0600 and opens again; group access (0640, 0440) is allowed', async () => {
    const file = join(dir, 'fresh.json');
    await loadOrCreateSigningKey(file);
    await rotateKeyFile(file, 1000, 0);
    await expect(loadOrCreateSigningKey(file)).resolves.toBeTruthy();
    for (const mode of [0o640, 0o440]) {
      chmodSync(file, mode);
      await expect(loadOrCreateSigningKey(file)).resolves.toBeTruthy();
    }
    chmodSync(file, 0o600);
  });
});

describe('rotating twice at once', () => {
  it('never loses a key: every rotation that reports success is in the file, the other is ERR_KEYRING_BUSY', async () => {
    const file = join(dir, 'race.json');
    await FileKeyring.open(file);
    const now = Math.floor(Date.now() / 1000);
    const results = await Promise.allSettled([
      rotateKeyFile(file, now, 0),
      rotateKeyFile(file, now, 0),
      rotateKeyFile(file, now, 0),
    ]);
    const ring = await readKeyringFile(file);
    const inFile = ring.entries.map((e) => e.jwk.kid);
    const ok = results.filter((r) => r.status === 'fulfilled');
    expect(ok.length).toBeGreaterThanOrEqual(1);
    for (const r of ok) expect(inFile).toContain(r.value.kid);
    for (const r of results)
      if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'ERR_KEYRING_BUSY' });
    expect(inFile).toHaveLength(1 + ok.length);
    expect(existsSync(`${file}.lock`)).toBe(false);
  });
});

describe('a corrupt keyring file', () => {
  it("the error names the file and where, never the text around it (V8's JSON message quotes the private key)", async () => {
    const file = join(dir, 'corrupt.json');
    const jwk = await privateJwk();
    const text = JSON.stringify({ version: 1, keys: [{ jwk, createdAt: 0, activateAt: 0 }] });
    for (const bad of [
      text.replace(`"d":"`, '"d":'), // the quote before d lost
      text.replace(`"d":"`, '"d":x"'),
      text.slice(0, text.indexOf(jwk.d!) + 10), // cut inside d
    ]) {
      writeFileSync(file, bad, { mode: 0o600 });
      const err = (await loadOrCreateSigningKey(file).catch((e: unknown) => e)) as Error;
      expect(err).toMatchObject({ code: 'ERR_KEYRING_INVALID' });
      expect(err.message).toContain(file);
      expect(err.message).toMatch(/line 1, column \d+/);
      for (let i = 0; i + 6 <= jwk.d!.length; i++) expect(err.message).not.toContain(jwk.d!.slice(i, i + 6));
    }
  });
});

describe('a keyring file that breaks under a running broker', () => {
  it('the keys in force stay, and the error is logged once (with its code), not at every retry', async () => {
    const d = mkdtempSync(join(tmpdir(), 'sw-s6-keyspam-'));
    mkdirSync(join(d, 'manifests'));
    const logs: Record<string, unknown>[] = [];
    const config = loadBrokerConfig(
      [
        'listen: 127.0.0.1:0',
        `url: ${AUD}`,
        `audience: ${AUD}`,
        'issuers: [http://127.0.0.1:9/]',
        'require-job-identity: false',
        'manifests: { source: directory, path: ./manifests }',
        'signing: { key-file: ./keys.json }',
        'audit: ./audit.jsonl',
      ].join('\n'),
      'broker.yml',
      d,
    );
    const b = await startBroker(config, {
      logger: { log: (level, msg, f) => void logs.push({ level, msg, ...f }) },
      warn: () => undefined,
    });
    const jwks = async () =>
      ((await (await fetch(`${b.url}/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] }).keys;
    try {
      const before = await jwks();
      writeFileSync(join(d, 'keys.json'), '{"version":1,"keys":[', { mode: 0o600 });
      const reloads = () => logs.filter((l) => /^config reload/.test(String(l.msg))).length;
      for (let n = 1; n <= 4; n++) {
        process.emit('SIGHUP', 'SIGHUP');
        for (let i = 0; i < 300 && reloads() < n; i++) await new Promise((r) => setTimeout(r, 10));
        await new Promise((r) => setTimeout(r, 30)); // the keyring read beside it
      }
      const errors = logs.filter((l) => l.msg === 'signing keyring reload failed; the keys in force stay');
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ level: 'error', code: 'ERR_KEYRING_INVALID' });
      expect(await jwks()).toEqual(before);
    } finally {
      await b.close();
      rmSync(d, { recursive: true, force: true });
    }
  });
});
