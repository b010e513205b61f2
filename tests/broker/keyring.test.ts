/** Signing-key rotation: the schedule (pure), the file, the CLI, and rotation across a live burst. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createLocalJWKSet,
  decodeProtectedHeader,
  exportJWK,
  generateKeyPair,
  jwtVerify,
  type JWK,
} from 'jose';
import {
  FileKeyring,
  Keyring,
  KeyringError,
  MAX_CREDENTIAL_TTL,
  generateSigningKey,
  readKeyringFile,
  rotateKeyFile,
} from '../../shared/broker/signing-key.js';
import { cli } from '../support/cli.js';
import { startStack, type Stack } from '../support/broker.js';

const kids = (jwks: JWK[]) => jwks.map((k) => k.kid);

describe('keyring schedule', () => {
  it('keeps the old key active through the overlap, publishes both, retires the old one after its last credential', async () => {
    const ring = await generateSigningKey();
    const old = ring.active(1000).kid;
    const next = await ring.rotated(1000, 600);
    const fresh = next.entries[1]!.jwk.kid!;
    expect(fresh).not.toBe(old);
    expect(next.active(1599).kid).toBe(old);
    expect(next.active(1600).kid).toBe(fresh);
    expect(kids(next.published(1000))).toEqual([old, fresh]);
    expect(kids(next.published(1600 + MAX_CREDENTIAL_TTL - 1))).toEqual([old, fresh]);
    expect(kids(next.published(1600 + MAX_CREDENTIAL_TTL))).toEqual([fresh]);
    // A rotation after retirement prunes the retired key from the file.
    const third = await next.rotated(1600 + MAX_CREDENTIAL_TTL, 0);
    expect(third.entries.map((e) => e.jwk.kid)).toEqual([fresh, third.entries[1]!.jwk.kid]);
  });

  it('two rotations in a row never activate two keys at the same second', async () => {
    const ring = await (await (await generateSigningKey()).rotated(100, 0)).rotated(100, 0);
    const at = ring.entries.map((e) => e.activateAt);
    expect(new Set(at).size).toBe(at.length);
    expect(ring.active(102).kid).toBe(ring.entries[2]!.jwk.kid);
  });

  it('refuses a ring whose first key is not active yet, and duplicate kids', async () => {
    const ring = await (await generateSigningKey()).rotated(0, 0);
    const future = await Keyring.of([ring.entries[1]!], MAX_CREDENTIAL_TTL);
    expect(() => future.active(0)).toThrow(KeyringError);
    await expect(Keyring.of([ring.entries[0]!, ring.entries[0]!])).rejects.toMatchObject({
      code: 'ERR_KEYRING_INVALID',
    });
    await expect(Keyring.of([])).rejects.toMatchObject({ code: 'ERR_KEYRING_INVALID' });
  });
});

describe('keyring file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sw-keyring-'));

  it('creates a 0600 ring on first open, and loads a bare JWK written before rotation existed', async () => {
    const file = join(dir, 'new.json');
    const ring = await FileKeyring.open(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(ring.published(0)).toHaveLength(1);
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const legacy = join(dir, 'legacy.json');
    writeFileSync(legacy, JSON.stringify({ ...(await exportJWK(privateKey)), kid: 'legacy-1' }));
    expect((await readKeyringFile(legacy)).active(0).kid).toBe('legacy-1');
  });

  it('names the file and the problem for a broken ring', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"keys":[{"jwk":{}}]}');
    await expect(readKeyringFile(bad)).rejects.toThrow(
      /bad\.json: keys\[0\] needs jwk, createdAt and activateAt/,
    );
    writeFileSync(bad, 'not json');
    await expect(readKeyringFile(bad)).rejects.toMatchObject({ code: 'ERR_KEYRING_INVALID' });
  });

  it('reload() picks up a rotation written by another process, and keeps the ring when the file breaks', async () => {
    const file = join(dir, 'reload.json');
    const ring = await FileKeyring.open(file);
    const now = Math.floor(Date.now() / 1000);
    await rotateKeyFile(file, now, 0);
    expect(await ring.reload()).toBe(true);
    expect(ring.published(now)).toHaveLength(2);
    const before = ring.active(now).kid;
    writeFileSync(file, 'garbage, longer than before so the stamp changes');
    await expect(ring.reload()).rejects.toMatchObject({ code: 'ERR_KEYRING_INVALID' });
    expect(ring.active(now).kid).toBe(before);
  });
});

describe('stepwarden broker rotate-key', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sw-rotate-'));
  const config = join(dir, 'broker.yml');
  writeFileSync(config, 'signing: { key-file: ./keys.json }\n');

  it('adds a key active after --overlap and keeps the old one published', async () => {
    const r1 = await cli(['broker', 'rotate-key', '--config', config, '--overlap', '60']);
    expect(r1.code).toBe(0);
    const r2 = await cli(['broker', 'rotate-key', '--config', config, '--overlap', '60']);
    expect(r2.code).toBe(0);
    const file = JSON.parse(readFileSync(join(dir, 'keys.json'), 'utf8')) as {
      keys: { activateAt: number }[];
    };
    expect(file.keys).toHaveLength(3);
    expect(r2.stdout).toMatch(/^new signing key \S+ in .*keys\.json, active from \d{4}-/);
    // The private half is never printed.
    expect(r2.stdout + r2.stderr).not.toMatch(/"d"/);
  });

  it('refuses a bad --overlap with exit 2', async () => {
    const r = await cli(['broker', 'rotate-key', '--config', config, '--overlap=-5']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--overlap takes whole seconds/);
  });
});

describe('rotation across a live burst, through the broker', () => {
  let s: Stack;
  let ring: FileKeyring;
  const file = join(mkdtempSync(join(tmpdir(), 'sw-burst-')), 'keys.json');
  beforeAll(async () => {
    ring = await FileKeyring.open(file);
    s = await startStack({ key: ring });
  });
  afterAll(() => s.close());

  const jwks = async () =>
    ((await (await fetch(`${s.broker.url}/.well-known/jwks.json`)).json()) as { keys: JWK[] }).keys;

  it('every JWT signed before, during and after a rotation verifies against the JWKS; the old kid leaves on schedule', async () => {
    const oldKid = ring.active(Math.floor(Date.now() / 1000)).kid;
    const exchange = async (i: number) => {
      const oidc = await s.issuer.mint({ run_id: `9${i}` });
      const r = await s.token(
        s.exchangeForm(oidc, { audience: 'https://hooks.example.internal', step: 'notify' }),
      );
      expect(r.status).toBe(200);
      return String(r.body.access_token);
    };
    const first = await Promise.all(Array.from({ length: 20 }, (_, i) => exchange(i)));
    const rotating = (async () => {
      await rotateKeyFile(file, Math.floor(Date.now() / 1000), 0);
      await ring.reload();
    })();
    const during = await Promise.all(Array.from({ length: 20 }, (_, i) => exchange(100 + i)));
    await rotating;
    const after = await Promise.all(Array.from({ length: 5 }, (_, i) => exchange(200 + i)));
    const published = await jwks();
    expect(published.map((k) => k.kid)).toContain(oldKid);
    const set = createLocalJWKSet({ keys: published });
    for (const t of [...first, ...during, ...after]) await expect(jwtVerify(t, set)).resolves.toBeTruthy();
    const usedKids = new Set([...first, ...after].map((t) => decodeProtectedHeader(t).kid));
    expect(usedKids.size).toBe(2);
    expect(decodeProtectedHeader(after[0]!).kid).not.toBe(oldKid);
    // After the successor has been active for the longest credential lifetime, the old kid is gone.
    s.clock.offset = MAX_CREDENTIAL_TTL + 5;
    const later = await jwks();
    expect(later.map((k) => k.kid)).not.toContain(oldKid);
    expect(later).toHaveLength(1);
    await expect(jwtVerify(first[0]!, createLocalJWKSet({ keys: later }))).rejects.toThrow();
  });
});
