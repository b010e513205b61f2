/** Signing-key rotation: the schedule (pure), the file, the CLI, and rotation across a live burst. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
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
import { AUD, startStack, type Stack } from '../support/broker.js';
import { spawnBroker, type BrokerProcess } from '../support/cluster.js';
import { verifyJwtSvid, type SpiffeBundle } from '../support/spiffe-verifier.js';
import { startOidcIssuer, type OidcIssuer } from '../../shared/standins/oidc-issuer.js';

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

describe('rotation across a live burst, through a broker process (rotate-key, SIGHUP, SPIFFE)', () => {
  const TD = 'example.org';
  const SVID_AUD = 'https://spiffe.example.internal';
  const HOOKS = 'https://hooks.example.internal';
  const manifest = `version: 1
repository: { name: octo-org/octo-repo, id: 100001, owner-id: 200001 }
workflows:
  release.yml:
    triggers: [push]
    jobs:
      publish:
        permissions: { contents: read, id-token: write }
        credentials:
          - step: notify
            audience: ${HOOKS}
            scope: [notify:send]
            ttl: 60
          - step: svid
            audience: ${SVID_AUD}
            scope: [svid:use]
            ttl: 60
`;
  let issuer: OidcIssuer;
  let broker: BrokerProcess;
  let dir: string;
  beforeAll(async () => {
    issuer = await startOidcIssuer({ audience: AUD });
    dir = mkdtempSync(join(tmpdir(), 'sw-rotate-live-'));
    mkdirSync(join(dir, 'manifests/octo-org/octo-repo/.github'), { recursive: true });
    writeFileSync(join(dir, 'manifests/octo-org/octo-repo/.github/access-manifest.yml'), manifest);
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
        `spiffe: { trust-domain: ${TD}, key-file: ./svid-keys.json }`,
        `audiences: { "${SVID_AUD}": { jwt-profile: spiffe } }`,
        'audit: ./audit.jsonl',
        'rate-limit: { per-repository: 100000/min }',
      ].join('\n'),
    );
    broker = await spawnBroker(join(dir, 'broker.yml'));
  }, 90_000);
  afterAll(async () => {
    await broker?.stop();
    await issuer.close();
  });

  it('every JWT and JWT-SVID signed before, during and after both rotations verifies; no exchange fails', async () => {
    const jwts: string[] = [];
    const svids: string[] = [];
    const failures: unknown[] = [];
    let stop = false;
    let run = 0;
    const worker = async (step: 'notify' | 'svid') => {
      while (!stop) {
        const r = await broker
          .post('/token', {
            grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
            subject_token: await issuer.mint({ run_id: `95${run++}` }),
            subject_token_type: 'urn:ietf:params:oauth:token-type:id_token',
            audience: step === 'svid' ? SVID_AUD : HOOKS,
            job: 'publish',
            step,
          })
          .catch((err: unknown) => ({ status: 0, body: { err: String(err) } as Record<string, unknown> }));
        if (r.status !== 200) failures.push(r);
        else (step === 'svid' ? svids : jwts).push(String(r.body.access_token));
      }
    };
    const workers = [worker('notify'), worker('notify'), worker('svid'), worker('svid')];
    try {
      while (jwts.length < 10 || svids.length < 10) await new Promise((r) => setTimeout(r, 20));
      const oldSig = decodeProtectedHeader(jwts[0]!).kid;
      const oldSvid = decodeProtectedHeader(svids[0]!).kid;
      // Rotate both keyrings with no overlap, as another process (the CLI) would, then SIGHUP.
      const config = join(dir, 'broker.yml');
      expect((await cli(['broker', 'rotate-key', '--config', config, '--overlap', '0'])).code).toBe(0);
      expect((await cli(['broker', 'rotate-key', '--config', config, '--overlap', '0', '--svid'])).code).toBe(
        0,
      );
      broker.proc.kill('SIGHUP');
      const until = Date.now() + 20_000;
      const rotated = () =>
        jwts.some((t) => decodeProtectedHeader(t).kid !== oldSig) &&
        svids.some((t) => decodeProtectedHeader(t).kid !== oldSvid);
      while (!rotated()) {
        if (Date.now() > until) throw new Error(`no token signed with the new keys:\n${broker.stderr()}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      const n = jwts.length + svids.length;
      while (jwts.length + svids.length < n + 10) await new Promise((r) => setTimeout(r, 20));
    } finally {
      stop = true;
      await Promise.all(workers);
    }
    expect(failures).toEqual([]);
    const jwks = (await (await fetch(`${broker.url}/.well-known/jwks.json`)).json()) as { keys: JWK[] };
    const bundle = (await (await fetch(`${broker.url}/.well-known/spiffe-bundle`)).json()) as SpiffeBundle;
    // Both keys of each ring are published (the old one until its last credential expires).
    expect(jwks.keys.filter((k) => k.use === 'sig')).toHaveLength(2);
    expect(bundle.keys.filter((k) => k.use === 'jwt-svid')).toHaveLength(2);
    expect(new Set(jwts.map((t) => decodeProtectedHeader(t).kid)).size).toBe(2);
    expect(new Set(svids.map((t) => decodeProtectedHeader(t).kid)).size).toBe(2);
    const set = createLocalJWKSet({ keys: jwks.keys.filter((k) => k.use === 'sig') });
    for (const t of jwts)
      await expect(jwtVerify(t, set, { issuer: AUD, audience: HOOKS })).resolves.toBeTruthy();
    // Each JWT-SVID passes a verifier written to the SPIFFE spec, against the served bundle.
    const bundles = new Map([[TD, bundle]]);
    for (const t of svids) {
      const { spiffeId } = await verifyJwtSvid(t, bundles, SVID_AUD);
      expect(spiffeId).toBe(`spiffe://${TD}/gh/octo-org/octo-repo/release.yml/publish/svid`);
    }
    // And a JWT-SVID is not a plain broker JWT: a `use: sig` verifier refuses it.
    await expect(jwtVerify(svids[0]!, set)).rejects.toThrow();
    expect(broker.stderr()).toMatch(/"msg":"signing keyring reloaded"/);
  }, 90_000);
});
