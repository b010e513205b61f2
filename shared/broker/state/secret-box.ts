/**
 * AES-256-GCM for the one secret the broker keeps in a shared store: the GitHub token it must be
 * able to revoke upstream. The grant id is the associated data, so a ciphertext moved to another
 * record does not decrypt. Key: 32 bytes, given as 64 hex digits or base64 (file or env).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';

const PREFIX = 'aes256gcm:';

export class SecretBox {
  private constructor(private readonly key: Buffer) {}

  static fromText(text: string, where: string): SecretBox {
    const t = text.trim();
    const key = /^[0-9a-f]{64}$/i.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
    if (key.length !== 32)
      throw new Error(
        `ERR_STATE_KEY: the state encryption key in ${where} is not 32 bytes (give 64 hex digits or 32 bytes in base64, e.g. \`openssl rand -hex 32\`)`,
      );
    return new SecretBox(key);
  }

  /** The key from `file` (config `state-encryption-key-file`) or else STEPWARDEN_STATE_KEY. */
  static async load(file: string | undefined, env: NodeJS.ProcessEnv): Promise<SecretBox | undefined> {
    if (file) return SecretBox.fromText(await readFile(file, 'utf8'), file);
    if (env.STEPWARDEN_STATE_KEY) return SecretBox.fromText(env.STEPWARDEN_STATE_KEY, 'STEPWARDEN_STATE_KEY');
    return undefined;
  }

  seal(plain: string, aad: string): string {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.key, iv);
    c.setAAD(Buffer.from(aad));
    const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
    return PREFIX + Buffer.concat([iv, c.getAuthTag(), body]).toString('base64');
  }

  open(sealed: string, aad: string): string {
    if (!sealed.startsWith(PREFIX)) throw new Error('ERR_STATE_SECRET: a stored secret is not sealed');
    const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64');
    const d = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
    d.setAAD(Buffer.from(aad));
    d.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8');
  }
}
