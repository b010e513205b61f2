/**
 * AES-256-GCM for the one secret the broker keeps in a shared store: the GitHub token it must be
 * able to revoke upstream. The grant id is the associated data, so a ciphertext moved to another
 * record does not decrypt. Key: 32 bytes, given as 64 hex digits or base64 (file or env).
 *
 * Several keys may be given (one a line, or separated by commas): the first seals, every one opens.
 * That is how the key is rotated without losing the records sealed under the old one (docs/deploy.md).
 * A sealed text names its key by an id (an HMAC of a fixed label under the key: it says nothing about
 * the key), so an instance can tell "sealed with a key I do not have" (another instance can revoke it)
 * from "my key, and the tag does not verify" (changed in the store: nobody can).
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

const PREFIX = 'aes256gcm:';
/** `aes256gcm:<key id>:<base64>`; a text sealed before key ids has no id (base64 has no `:`). */
const WITH_ID = /^aes256gcm:([0-9a-f]{16}):(.*)$/s;

/** The secret could not be opened: `unknown-key` (sealed under a key this instance lacks) or `tampered`. */
export class SecretUnreadable extends Error {
  constructor(
    readonly why: 'unknown-key' | 'tampered',
    readonly keyId: string | undefined,
  ) {
    super(
      why === 'unknown-key'
        ? `ERR_STATE_KEY_UNKNOWN: a stored secret is sealed with key id ${keyId}, which this instance's state encryption key file does not hold (give every instance the same key; while rotating, the old key on a later line)`
        : 'ERR_STATE_SECRET_TAMPERED: a stored secret does not verify under its key (AES-GCM tag): it was changed in the store',
    );
  }
}

/** The id a sealed text carries for `key`. */
export function keyIdOf(key: Buffer): string {
  return createHmac('sha256', key).update('stepwarden state key id').digest('hex').slice(0, 16);
}

export class SecretBox {
  private readonly ids: string[];

  private constructor(private readonly keys: Buffer[]) {
    this.ids = keys.map(keyIdOf);
  }

  static fromText(text: string, where: string): SecretBox {
    const parts = text.split(/[\s,]+/).filter(Boolean);
    const keys = parts.map((t) =>
      /^[0-9a-f]{64}$/i.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64'),
    );
    if (keys.length === 0 || keys.some((k) => k.length !== 32))
      throw new Error(
        `ERR_STATE_KEY: the state encryption key in ${where} is not 32 bytes (give 64 hex digits or 32 bytes in base64, e.g. \`openssl rand -hex 32\`; several keys one a line, the sealing one first)`,
      );
    for (const [i, t] of parts.entries()) {
      const weak = weakKey(t, keys[i]!);
      if (weak)
        // Never the key itself: this message reaches stderr and the JSON log.
        throw new Error(
          `ERR_STATE_KEY: the state encryption key in ${where}, key ${i + 1}, ${weak}: it seals the GitHub tokens kept in the shared store (make one with \`openssl rand -hex 32\`)`,
        );
    }
    return new SecretBox(keys);
  }

  /**
   * The key from STEPWARDEN_STATE_KEY, or undefined. (A `state-encryption-key-file` is read by the
   * server like its other secret files, with file, key and fix when it cannot be, then `fromText`.)
   */
  static fromEnv(env: NodeJS.ProcessEnv): SecretBox | undefined {
    return env.STEPWARDEN_STATE_KEY
      ? SecretBox.fromText(env.STEPWARDEN_STATE_KEY, 'STEPWARDEN_STATE_KEY')
      : undefined;
  }

  /** The id of the key that seals. */
  get sealingKeyId(): string {
    return this.ids[0]!;
  }

  /** The ids of every key this box can open with. */
  get keyIds(): readonly string[] {
    return this.ids;
  }

  seal(plain: string, aad: string): string {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.keys[0]!, iv);
    c.setAAD(Buffer.from(aad));
    const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
    return `${PREFIX}${this.ids[0]}:${Buffer.concat([iv, c.getAuthTag(), body]).toString('base64')}`;
  }

  open(sealed: string, aad: string): string {
    if (!sealed.startsWith(PREFIX)) throw new Error('ERR_STATE_SECRET: a stored secret is not sealed');
    const m = WITH_ID.exec(sealed);
    if (m) {
      const i = this.ids.indexOf(m[1]!);
      if (i < 0) throw new SecretUnreadable('unknown-key', m[1]);
      const plain = tryOpen(this.keys[i]!, m[2]!, aad);
      if (plain === undefined) throw new SecretUnreadable('tampered', m[1]);
      return plain;
    }
    // Sealed before key ids: any of the keys. None opening it may mean another instance's key as well
    // as a change in the store; the first is the one to assume (another instance can revoke it).
    for (const key of this.keys) {
      const plain = tryOpen(key, sealed.slice(PREFIX.length), aad);
      if (plain !== undefined) return plain;
    }
    throw new SecretUnreadable('unknown-key', 'none (sealed before key ids)');
  }
}

/**
 * Why a key's text, decoded to 32 bytes, cannot be a key made at random; undefined when it can. Base64
 * decoding skips any character outside its alphabet, so a key mangled in copying still decoded to 32
 * bytes; and a template's zeros or a repeated phrase are 32 bytes too. 32 random bytes hold 30 distinct
 * values on average and fewer than 16 with odds under 1e-15.
 */
function weakKey(text: string, key: Buffer): string | undefined {
  if (!/^[0-9a-f]{64}$/i.test(text) && !/^(?:[A-Za-z0-9+/]{43}=?|[A-Za-z0-9_-]{43}=?)$/.test(text))
    return 'is not base64 of 32 bytes (a character outside the alphabet, skipped by decoding: mangled in copying?)';
  const distinct = new Set(key).size;
  if (distinct < 16)
    return `has only ${distinct} distinct byte value(s) of 32 (a template or a pattern, not random)`;
  return undefined;
}

function tryOpen(key: Buffer, b64: string, aad: string): string | undefined {
  const raw = Buffer.from(b64, 'base64');
  if (raw.length < 28) return undefined;
  try {
    const d = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    d.setAAD(Buffer.from(aad));
    d.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}
