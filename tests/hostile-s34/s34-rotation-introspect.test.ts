/**
 * Session 34, operating the broker: the signing key rotated (rotate-key, then the running broker
 * reloads its ring) while credentials signed with the old key are live. The JWKS shows both kids
 * until the old key's last credential is dead; a credential of either key introspects active to a
 * client holding one of the other key, and each is refused once it expires, on the broker's clock;
 * the old kid leaves the JWKS only after the longest credential lifetime. keyring.test holds the
 * JWKS side across a burst; this holds introspection across the rotation.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { decodeProtectedHeader, type JWK } from 'jose';
import { FileKeyring, MAX_CREDENTIAL_TTL, rotateKeyFile } from '../../shared/broker/signing-key.js';
import { startStack, type Stack } from '../support/broker.js';
import { runIdOf } from '../support/run-ids.js';

describe('introspection across a signing key rotation (s34)', () => {
  let s: Stack;
  let ring: FileKeyring;
  const file = join(mkdtempSync(join(tmpdir(), 'sw-s34-rot-')), 'keys.json');
  let n = 0;

  beforeAll(async () => {
    ring = await FileKeyring.open(file);
    s = await startStack({ key: ring });
  }, 60_000);
  afterAll(async () => {
    await s?.close();
  }, 60_000);

  const jwt = async () => {
    const oidc = await s.issuer.mint({ run_id: runIdOf(`s34-rot-${++n}`) });
    const r = await s.token(
      s.exchangeForm(oidc, { audience: 'https://hooks.example.internal', step: 'notify' }),
    );
    expect(r.status).toBe(200);
    return { token: String(r.body.access_token), ttl: Number(r.body.expires_in) };
  };
  const kids = async () =>
    ((await (await fetch(`${s.broker.url}/.well-known/jwks.json`)).json()) as { keys: JWK[] }).keys.map(
      (k) => k.kid,
    );
  const introspect = async (token: string, client: string) =>
    (await s.post('/introspect', { token }, { authorization: `Bearer ${client}` })).body;

  it('both keys published and both keys’ credentials active until each expires', async () => {
    const old = await jwt();
    const oldClient = await jwt();
    const oldKid = decodeProtectedHeader(old.token).kid!;
    await rotateKeyFile(file, Math.floor(Date.now() / 1000) + s.clock.offset, 0);
    await ring.reload();
    const fresh = await jwt();
    const freshClient = await jwt();
    const newKid = decodeProtectedHeader(fresh.token).kid!;
    expect(newKid).not.toBe(oldKid);
    expect(await kids()).toEqual(expect.arrayContaining([oldKid, newKid]));
    // Across the keys, both ways.
    expect((await introspect(old.token, freshClient.token)).active).toBe(true);
    expect((await introspect(fresh.token, oldClient.token)).active).toBe(true);
    // Still the same once the broker's clock passed half the ttl (nothing retired early).
    s.clock.offset += Math.floor(old.ttl / 2);
    expect((await introspect(old.token, freshClient.token)).active).toBe(true);
    expect(await kids()).toContain(oldKid);
    // Past the old credentials' expiry: inactive, and the old client is refused at the door; the old
    // kid is still published (a credential of the longest lifetime could still be live).
    s.clock.offset += old.ttl;
    const laterClient = await jwt();
    expect(await introspect(old.token, laterClient.token)).toEqual({ active: false });
    expect(await introspect(fresh.token, laterClient.token)).toEqual({ active: false });
    const door = await s.post(
      '/introspect',
      { token: laterClient.token },
      { authorization: `Bearer ${oldClient.token}` },
    );
    expect(door.status === 401 || door.body.active === false).toBe(true);
    expect(await kids()).toContain(oldKid);
    // After the longest credential lifetime from the new key's activation, the old kid is gone.
    s.clock.offset += MAX_CREDENTIAL_TTL;
    expect(await kids()).not.toContain(oldKid);
    expect(await kids()).toContain(newKid);
  }, 60_000);
});
