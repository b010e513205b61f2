/**
 * An App private key that cannot be read or is not a key stopped the broker with ERR_APP_KEY and the
 * source, but no fix: on call, "is not an RSA private key in PEM (DECODER routines::unsupported)" does
 * not say what to put there. Each refusal now ends with what to do, and still never the key's content.
 */
import { describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppKeyError, loadAppKey } from '../../shared/broker/providers/app-key.js';

const dir = mkdtempSync(join(tmpdir(), 'sw-ops12-appkey-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const SECRET = 'SECRET-LINE-9f8e7d6c5b4a';

const refusal = async (p: Promise<unknown>) => {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppKeyError);
  return (err as Error).message;
};

describe('GitHub App key: every refusal at start names the fix', () => {
  it.each([
    ['not a key at all', `not a key\n${SECRET}\n`],
    ['an EC key', ec.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string],
    ['an RSA public key', rsa.publicKey.export({ type: 'spki', format: 'pem' }) as string],
  ])('a file with %s: the fix, never the content', async (_n, text) => {
    const m = await refusal(loadAppKey({ kind: 'file', path: file('k.pem', text) }, {}));
    expect(m).toMatch(/^the GitHub App key from file .*k\.pem is not an RSA private key in PEM/);
    expect(m).toMatch(/Fix: give the private key GitHub generated for the App \(App settings, Private keys/);
    expect(m).not.toContain(SECRET);
    expect(m).not.toMatch(/MII|BEGIN (EC |PUBLIC )/);
  });

  it('a missing file: check github.private-key-file', async () => {
    const m = await refusal(loadAppKey({ kind: 'file', path: join(dir, 'nope.pem') }, {}));
    expect(m).toMatch(/cannot be read: ENOENT.*Fix: check github\.private-key-file/);
  });

  it('an unset variable: set it', async () => {
    const m = await refusal(loadAppKey({ kind: 'env', name: 'SW_APP_KEY_UNSET' }, {}));
    expect(m).toMatch(
      /environment variable SW_APP_KEY_UNSET cannot be read: is not set.*Fix: set SW_APP_KEY_UNSET/,
    );
  });

  it('a failing command: run it as the broker would', async () => {
    const m = await refusal(
      loadAppKey(
        { kind: 'command', argv: ['sh', '-c', `echo ${SECRET} >&2; exit 3`] },
        { PATH: process.env.PATH },
      ),
    );
    expect(m).toMatch(/command sh cannot be read: exited with 3.*Fix: run github\.private-key-command/);
    expect(m).not.toContain(SECRET);
  });
});
