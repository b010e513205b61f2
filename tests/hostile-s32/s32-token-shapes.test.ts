/**
 * Session 32, attacking session 31's "the token's parts checked once" (shared/oidc/compact.ts
 * CompactParts: compactJws's base64url and canonical checks are the only ones verifyRs256 relies on
 * for the payload and the signature) through a broker process with tokens the trusted issuer signed:
 * every other spelling of a signed token (padding, `+`/`/`, whitespace or newlines inside or around
 * it, a last character with bits set past its last byte, an empty signature, four or five parts) and
 * the headers jose treats specially (`crit`, `b64: false`, `alg: none`/`HS256`, a `kid` that is not a
 * string, a header over 8 kB) are refused with their rule before anything is consumed, or read as
 * jose reads them; the one spelling that is granted is granted once.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createLocalJWKSet, jwtVerify } from 'jose';
import type { BrokerProcess } from '../support/cluster.js';
import { startRig, type Rig } from '../support/redis-rig.js';
import { runIdOf } from '../support/run-ids.js';

const ID = 532002;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

describe("the token's parts, every other spelling (s32)", () => {
  let rig: Rig;
  let broker: BrokerProcess;
  let run = 0;

  beforeAll(async () => {
    rig = await startRig({ alpha: ID });
    broker = await rig.spawn('s32-shapes');
    // Generous for a loaded 2-core machine (redis-server, the stand-ins and a broker process).
  }, 180_000);
  afterAll(async () => {
    await rig?.close();
  }, 120_000);

  /** The claims of a fresh run of octo-org/alpha as JSON text. */
  const payload = () => {
    const t = Math.floor(Date.now() / 1000);
    return JSON.stringify(
      rig.issuer.claims({
        repository: 'octo-org/alpha',
        repository_id: String(ID),
        run_id: runIdOf(`s32-shapes-${++run}`),
        iat: t,
        nbf: t,
        exp: t + 300,
      }),
    );
  };
  const kid = () => rig.issuer.jwks().keys[0]!.kid!;
  const send = async (token: string) => {
    const r = await rig.exchange(broker, token);
    return {
      status: r.status,
      code: String(r.body.error_description ?? '').split(':')[0],
      description: String(r.body.error_description ?? ''),
      granted: !!r.body.access_token,
    };
  };
  /** jose's reading of the same text (the reference the broker's reader is held to). */
  const joseReads = async (token: string) =>
    jwtVerify(token, createLocalJWKSet(rig.issuer.jwks()), {
      algorithms: ['RS256'],
      audience: 'https://broker.example.com',
    }).then(
      () => true,
      () => false,
    );

  /** A signature part whose last character carries bits past its last byte, the same bytes. */
  const nonCanonical = (part: string) => {
    const rest = part.length % 4;
    expect(rest === 2 || rest === 3).toBe(true);
    const last = ALPHABET.indexOf(part.at(-1)!);
    return part.slice(0, -1) + ALPHABET[last | (rest === 2 ? 0x0f : 0x03)]!;
  };

  it('a token of the issuer as signed is granted once, its other spellings never, before or after', async () => {
    const token = await rig.issuer.mintRaw(payload());
    const [h, p, s] = token.split('.') as [string, string, string];
    expect(Buffer.from(nonCanonical(s), 'base64url')).toEqual(Buffer.from(s, 'base64url'));
    const other = [
      `${h}.${p}.${nonCanonical(s)}`,
      `${h}.${p}.${s}=`,
      `${h}.${p}==.${s}`,
      `${h}.${p}.${Buffer.from(s, 'base64url').toString('base64')}`,
      token.replace(/-/g, '+').replace(/_/g, '/'),
      `${h}.${p}.${s.slice(0, 40)} ${s.slice(40)}`,
      `${h}.${p}.${s.slice(0, 40)}\n${s.slice(40)}`,
      `${h}.${p.slice(0, 10)}\r\n${p.slice(10)}.${s}`,
      ` ${token}`,
      `${token}\n`,
      `\t${token} `,
    ];
    // Each refused as not a compact JWS (or not canonical) before the jti is looked at: the
    // original is granted afterwards, so none of them consumed it.
    for (const t of other) {
      const r = await send(t);
      expect([t.length, r.granted, r.code]).toEqual([t.length, false, 'ERR_OIDC_MALFORMED']);
    }
    expect((await send(token)).granted).toBe(true);
    // And after: replayed in any spelling, never a second grant.
    expect((await send(token)).granted).toBe(false);
    for (const t of other) expect((await send(t)).granted).toBe(false);
  }, 180_000);

  it.each([
    ['four parts', (t: string) => `${t}.${t.split('.')[2]}`],
    [
      'five parts (JWE shape)',
      (t: string) => `${t.split('.')[0]}..${t.split('.')[1]}.${t.split('.')[2]}.AAAA`,
    ],
    ['two parts', (t: string) => t.split('.').slice(0, 2).join('.')],
  ] as const)(
    '%s: ERR_OIDC_MALFORMED',
    async (_w, make) => {
      const r = await send(make(await rig.issuer.mintRaw(payload())));
      expect([r.granted, r.code]).toEqual([false, 'ERR_OIDC_MALFORMED']);
      expect(r.description).toContain('three base64url parts');
    },
    60_000,
  );

  it('an empty signature: refused as a signature that does not verify', async () => {
    const [h, p] = (await rig.issuer.mintRaw(payload())).split('.');
    const r = await send(`${h}.${p}.`);
    expect([r.granted, r.code]).toEqual([false, 'ERR_OIDC_SIGNATURE']);
  }, 60_000);

  it.each([
    ['crit naming an unknown extension', { crit: ['exp'] }, 'ERR_OIDC_MALFORMED', false],
    ['crit empty', { crit: [] }, 'ERR_OIDC_MALFORMED', false],
    ['crit b64 with b64 false', { crit: ['b64'], b64: false }, 'ERR_OIDC_MALFORMED', false],
    ['crit b64 with b64 a string', { crit: ['b64'], b64: 'false' }, 'ERR_OIDC_MALFORMED', false],
    ['alg none', { alg: 'none' }, 'ERR_OIDC_ALG', false],
    ['alg HS256', { alg: 'HS256' }, 'ERR_OIDC_ALG', false],
    ['alg rs256 (case)', { alg: 'rs256' }, 'ERR_OIDC_ALG', false],
    ['kid an object', { kid: { kid: 'x' } }, 'ERR_OIDC_KID_MISSING', false],
    ['kid an array', { kid: ['x'] }, 'ERR_OIDC_KID_MISSING', false],
    ['kid empty', { kid: '' }, 'ERR_OIDC_KID_MISSING', false],
    ['a header over 8 kB', { x: 'a'.repeat(9000) }, undefined, true],
    ['a header over 16 kB', { x: 'a'.repeat(17000) }, 'ERR_OIDC_TOO_LARGE', false],
    // jose reads b64 only where crit names it: a bare b64: false is an unknown member, and signed.
    ['b64 false without crit', { b64: false }, undefined, true],
  ] as const)(
    'a header with %s: refused with its rule, or read as jose reads it',
    async (_w, extra, code, granted) => {
      const header = { alg: 'RS256', kid: kid(), typ: 'JWT', ...extra };
      const token = await rig.issuer.mintRaw(payload(), JSON.stringify(header));
      const r = await send(token);
      expect([r.granted, granted ? undefined : r.code]).toEqual([granted, code]);
      // Never granted where jose refuses the same text (the broker may be stricter, never looser).
      if (r.granted) expect(await joseReads(token)).toBe(true);
    },
    60_000,
  );
});
