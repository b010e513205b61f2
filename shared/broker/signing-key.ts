/**
 * The broker's ES256 signing key: generated on first start and kept in a file readable only by the
 * broker (0600), so restarts keep verifying the JWTs already issued. The JWKS publishes its public half.
 */
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  type CryptoKey,
  type JWK,
} from 'jose';

export interface SigningKey {
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly publicJwk: JWK;
}

async function fromJwk(jwk: JWK): Promise<SigningKey> {
  const { d: _d, ...pub } = jwk;
  const kid = jwk.kid ?? (await calculateJwkThumbprint(pub));
  return {
    kid,
    privateKey: (await importJWK(jwk, 'ES256')) as CryptoKey,
    publicJwk: { ...pub, kid, alg: 'ES256', use: 'sig' },
  };
}

export async function generateSigningKey(): Promise<SigningKey> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = await exportJWK(privateKey);
  return fromJwk({
    ...jwk,
    kid: await calculateJwkThumbprint({ kty: jwk.kty!, crv: jwk.crv!, x: jwk.x!, y: jwk.y! }),
  });
}

export async function loadOrCreateSigningKey(file: string): Promise<SigningKey> {
  try {
    return await fromJwk(JSON.parse(await readFile(file, 'utf8')) as JWK);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
      throw new Error(`signing key ${file} cannot be read: ${(err as Error).message}`, { cause: err });
  }
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint({ kty: jwk.kty!, crv: jwk.crv!, x: jwk.x!, y: jwk.y! });
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify({ ...jwk, kid }), { mode: 0o600 });
  await chmod(tmp, 0o600);
  await rename(tmp, file);
  return fromJwk({ ...jwk, kid });
}
