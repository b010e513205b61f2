/**
 * Session 14 trust boundary, against the real broker (local issuer, GitHub stand-in): what a refusal
 * echoes of a token hides nothing. Header members and claims read before the signature is checked are
 * anyone's to write; zero-width, tag and bidirectional characters in them are written out, and the
 * echo is bounded.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startStack, type Stack, errorCode } from '../support/broker.js';

const MANIFEST = `version: 1
repository: { name: octo-org/octo-repo, id: 100001, owner-id: 200001 }
workflows:
  release.yml:
    jobs:
      publish:
        credentials:
          - { step: release, audience: github, permissions: { contents: read } }
`;
const HIDDEN = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]|(?! )\p{Zs}/u;
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

let s: Stack;
beforeAll(async () => {
  s = await startStack({ manifest: MANIFEST });
});
afterAll(async () => {
  await s.close();
});

async function refusal(header: Record<string, unknown>, claims: Record<string, unknown>) {
  const jwt = `${b64(header)}.${b64(claims)}.${Buffer.from('x').toString('base64url')}`;
  const r = await s.token(s.exchangeForm(jwt));
  expect(r.status).toBeGreaterThanOrEqual(400);
  return { code: errorCode(r), text: String(r.body.error_description) };
}

describe('a forged header or issuer is echoed written out', () => {
  const t = Math.floor(Date.now() / 1000);
  const claims = { ...{ iat: t, nbf: t, exp: t + 300 }, aud: 'x' };

  it('alg with a zero-width space, a tag character and a right-to-left override', async () => {
    const { code, text } = await refusal({ alg: 'RS256\u200b\u{e0041}\u202e', typ: 'JWT' }, claims);
    expect(code).toBe('ERR_OIDC_ALG');
    expect(HIDDEN.test(text)).toBe(false);
    expect(text).toContain('RS256\\u200b\\u{e0041}\\u202e');
  });

  it('a long alg is not echoed whole', async () => {
    const { code, text } = await refusal({ alg: `RS256${'A'.repeat(3000)}`, typ: 'JWT' }, claims);
    expect(code).toBe('ERR_OIDC_ALG');
    expect(text.length).toBeLessThan(1000);
  });

  it('an untrusted issuer with invisible characters', async () => {
    const { code, text } = await refusal(
      { alg: 'RS256', typ: 'JWT', kid: 'k' },
      { ...claims, iss: 'https://token.actions.githubusercontent.com\u2060\u00ad' },
    );
    expect(code).toBe('ERR_OIDC_ISSUER');
    expect(HIDDEN.test(text)).toBe(false);
    expect(text).toContain('githubusercontent.com\\u2060\\u00ad');
  });
});

describe('a signed claim is echoed written out too', () => {
  it('a replayed token whose jti holds a zero-width space and a right-to-left override', async () => {
    const t = Math.floor(Date.now() / 1000);
    const tok = await s.issuer.mintRaw(
      JSON.stringify({
        ...s.issuer.claims({ ref: 'refs/heads/main' }),
        ref_type: 'branch',
        run_id: '140001',
        jti: 'jti-\u200b\u202e-1',
        iat: t,
        nbf: t,
        exp: t + 300,
      }),
    );
    expect((await s.token(s.exchangeForm(tok))).status).toBe(200);
    const again = await s.token(s.exchangeForm(tok));
    expect(errorCode(again)).toBe('ERR_OIDC_REPLAYED');
    const text = String(again.body.error_description);
    expect(HIDDEN.test(text)).toBe(false);
    expect(text).toContain('jti-\\u200b\\u202e-1');
  });
});
