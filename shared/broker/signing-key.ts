/**
 * The broker's ES256 signing keys, as a keyring: several keys with `kid`s, exactly one active at any
 * time. A key is published in the JWKS from the moment it is written (so verifiers' caches hold it
 * before it signs anything) until its successor has been active for longer than the longest
 * credential it can have signed; only then does its `kid` leave the JWKS. `stepwarden broker
 * rotate-key` adds a key that becomes active after an overlap. The file is readable only by the
 * broker (0600); a file holding one bare JWK (the format before rotation existed) loads as a ring of one.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, readlink, rename, rm, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
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

/** What the service needs: the key that signs now, and the public keys to publish now. */
export interface SigningKeys {
  active(now: number): SigningKey;
  published(now: number): JWK[];
  /** When the published set last changed (a key written or retired): a SPIFFE bundle's sequence. */
  changedAt(now: number): number;
}

/** One key of the ring as stored: the private JWK and its schedule (unix seconds). */
export interface KeyringEntry {
  readonly jwk: JWK;
  readonly createdAt: number;
  readonly activateAt: number;
}

export interface KeyringFile {
  readonly version: 1;
  readonly keys: readonly KeyringEntry[];
}

/** The longest credential the broker issues (the manifest's ttl ceiling): a retired key stays published this long. */
export const MAX_CREDENTIAL_TTL = 3600;

export class KeyringError extends Error {
  constructor(
    readonly code:
      'ERR_KEYRING_INVALID' | 'ERR_KEYRING_NO_ACTIVE_KEY' | 'ERR_KEYRING_PERMISSIONS' | 'ERR_KEYRING_BUSY',
    message: string,
  ) {
    super(message);
    this.name = 'KeyringError';
  }
}

/** `sig` for the broker's own JWTs; `jwt-svid` for SPIFFE JWT-SVIDs (their bundle entries must say so). */
export type KeyUse = 'sig' | 'jwt-svid';

async function fromJwk(jwk: JWK, use: KeyUse = 'sig', where = 'the key'): Promise<SigningKey> {
  // A public-only key would load, turn /readyz green, and fail every signature; a key of another
  // type would not sign ES256. Both are refused where the ring is read, naming the entry.
  if (
    jwk.kty !== 'EC' ||
    jwk.crv !== 'P-256' ||
    typeof jwk.x !== 'string' ||
    typeof jwk.y !== 'string' ||
    typeof jwk.d !== 'string'
  )
    throw new KeyringError(
      'ERR_KEYRING_INVALID',
      `${where} is not an ES256 private key (it needs kty EC, crv P-256, x, y and d)`,
    );
  // The published half is built from the public members only: anything else the stored JWK carries
  // (d, or stray private members such as p, q, dp, dq, qi, k) never reaches the JWKS.
  const pub: JWK = { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y };
  const kid = typeof jwk.kid === 'string' && jwk.kid ? jwk.kid : await calculateJwkThumbprint(pub);
  return {
    kid,
    privateKey: (await importJWK({ ...pub, d: jwk.d }, 'ES256')) as CryptoKey,
    publicJwk: { ...pub, kid, alg: 'ES256', use },
  };
}

async function newJwk(): Promise<JWK> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = await exportJWK(privateKey);
  return {
    ...jwk,
    kid: await calculateJwkThumbprint({ kty: jwk.kty!, crv: jwk.crv!, x: jwk.x!, y: jwk.y! }),
  };
}

/** When an entry stops being published: its successor's activation plus the longest credential. */
function retireAt(entries: readonly KeyringEntry[], i: number, maxTtl: number): number {
  const next = entries[i + 1];
  return next ? next.activateAt + maxTtl : Infinity;
}

/** Keys sorted by activation; the pure schedule over them. */
export class Keyring implements SigningKeys {
  private constructor(
    readonly entries: readonly KeyringEntry[],
    private readonly keys: readonly SigningKey[],
    readonly maxTtl: number,
    readonly use: KeyUse,
  ) {}

  static async of(
    entries: readonly KeyringEntry[],
    maxTtl = MAX_CREDENTIAL_TTL,
    use: KeyUse = 'sig',
  ): Promise<Keyring> {
    if (entries.length === 0) throw new KeyringError('ERR_KEYRING_INVALID', 'the keyring holds no key');
    const sorted = [...entries].sort((a, b) => a.activateAt - b.activateAt);
    const kids = new Set<string>();
    const keys: SigningKey[] = [];
    for (const e of sorted) {
      const k = await fromJwk(e.jwk, use, `keys[${entries.indexOf(e)}]`);
      if (kids.has(k.kid)) throw new KeyringError('ERR_KEYRING_INVALID', `kid ${k.kid} appears twice`);
      kids.add(k.kid);
      keys.push(k);
    }
    return new Keyring(sorted, keys, maxTtl, use);
  }

  /** The key whose activation is the latest at or before `now`. */
  active(now: number): SigningKey {
    let found: SigningKey | undefined;
    for (let i = 0; i < this.entries.length; i++)
      if (this.entries[i]!.activateAt <= now) found = this.keys[i];
    if (!found)
      throw new KeyringError(
        'ERR_KEYRING_NO_ACTIVE_KEY',
        `no key of the keyring is active yet (first activates at ${new Date(this.entries[0]!.activateAt * 1000).toISOString()})`,
      );
    return found;
  }

  /** Every key not yet retired: the active one, its pre-published successors, predecessors within their overlap. */
  published(now: number): JWK[] {
    return this.keys.filter((_, i) => retireAt(this.entries, i, this.maxTtl) > now).map((k) => k.publicJwk);
  }

  changedAt(now: number): number {
    let at = 0;
    this.entries.forEach((e, i) => {
      const retired = retireAt(this.entries, i, this.maxTtl);
      at = Math.max(at, e.createdAt, retired <= now ? retired : 0);
    });
    return at;
  }

  /** The ring with a new key that becomes active `overlapSeconds` from `now`, retired keys dropped. */
  async rotated(now: number, overlapSeconds: number): Promise<Keyring> {
    const kept = this.entries.filter((_, i) => retireAt(this.entries, i, this.maxTtl) > now);
    const activateAt = Math.max(now + overlapSeconds, (kept[kept.length - 1]?.activateAt ?? 0) + 1);
    return Keyring.of([...kept, { jwk: await newJwk(), createdAt: now, activateAt }], this.maxTtl, this.use);
  }

  toFile(): KeyringFile {
    return { version: 1, keys: this.entries };
  }
}

function parseKeyringText(text: string, file: string): KeyringEntry[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    // Only where, never what: V8's message quotes the text around the error, which in a keyring is
    // private key material ("d":...), and this message reaches stderr and the JSON log.
    const at = Number(/position (\d+)/.exec((err as Error).message)?.[1] ?? text.length);
    const before = text.slice(0, at).split('\n');
    throw new KeyringError(
      'ERR_KEYRING_INVALID',
      `${file} is not JSON (line ${before.length}, column ${before.at(-1)!.length + 1}); restore it from a backup or rotate-key a new ring`,
    );
  }
  const o = data as Partial<KeyringFile> & JWK;
  if (o && typeof o === 'object' && Array.isArray(o.keys)) {
    return o.keys.map((e, i) => {
      if (
        !e ||
        typeof e !== 'object' ||
        typeof e.jwk !== 'object' ||
        !Number.isSafeInteger(e.activateAt) ||
        !Number.isSafeInteger(e.createdAt)
      )
        throw new KeyringError(
          'ERR_KEYRING_INVALID',
          `${file}: keys[${i}] needs jwk, createdAt and activateAt (unix seconds)`,
        );
      return e;
    });
  }
  if (o && typeof o === 'object' && o.kty === 'EC' && typeof o.d === 'string')
    return [{ jwk: o, createdAt: 0, activateAt: 0 }];
  throw new KeyringError('ERR_KEYRING_INVALID', `${file} holds neither a keyring nor an ES256 private JWK`);
}

export async function writeKeyringFile(file: string, ring: Keyring): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  // Created exclusively (0600 from the first byte) under an unpredictable name: a file or link
  // planted at the temporary name would otherwise receive the private keys, or keep its own mode.
  const tmp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(tmp, JSON.stringify(ring.toFile()), { mode: 0o600, flag: 'wx' });
    await chmod(tmp, 0o600);
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

export async function readKeyringFile(
  file: string,
  maxTtl = MAX_CREDENTIAL_TTL,
  use: KeyUse = 'sig',
): Promise<Keyring> {
  const text = await readFile(file, 'utf8');
  try {
    return await Keyring.of(parseKeyringText(text, file), maxTtl, use);
  } catch (err) {
    if (err instanceof KeyringError)
      throw err.message.startsWith(file) ? err : new KeyringError(err.code, `${file}: ${err.message}`);
    throw new KeyringError('ERR_KEYRING_INVALID', `${file}: ${(err as Error).message}`);
  }
}

/**
 * A keyring file the broker keeps in step with: `reload()` re-reads it when its mtime or size changed
 * (called on SIGHUP and by a slow timer), so `rotate-key` takes effect without a restart. A file that
 * became unreadable or invalid keeps the ring in force and reports the error.
 */
export class FileKeyring implements SigningKeys {
  private stamp = '';
  private constructor(
    readonly file: string,
    private ring: Keyring,
  ) {}

  static async open(file: string, maxTtl = MAX_CREDENTIAL_TTL, use: KeyUse = 'sig'): Promise<FileKeyring> {
    try {
      await privateToOwner(file);
      const fk = new FileKeyring(file, await readKeyringFile(file, maxTtl, use));
      fk.stamp = await stampOf(file);
      return fk;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    const ring = await Keyring.of([{ jwk: await newJwk(), createdAt: 0, activateAt: 0 }], maxTtl, use);
    await writeKeyringFile(file, ring);
    const fk = new FileKeyring(file, ring);
    fk.stamp = await stampOf(file);
    return fk;
  }

  /** True when the file changed and was loaded. */
  async reload(): Promise<boolean> {
    const s = await stampOf(this.file);
    if (s === this.stamp) return false;
    await privateToOwner(this.file);
    this.ring = await readKeyringFile(this.file, this.ring.maxTtl, this.ring.use);
    this.stamp = s;
    return true;
  }

  get keyring(): Keyring {
    return this.ring;
  }
  active(now: number): SigningKey {
    return this.ring.active(now);
  }
  published(now: number): JWK[] {
    return this.ring.published(now);
  }
  changedAt(now: number): number {
    return this.ring.changedAt(now);
  }
}

/**
 * The keyring holds private keys: a file that any user may read or write (world bits) is refused, at
 * start, on reload and by rotate-key, whoever made it so. Group access is left to the operator: a
 * shared volume or a Kubernetes secret with fsGroup (0440) shares the ring through a group.
 */
async function privateToOwner(file: string): Promise<void> {
  if (process.platform === 'win32') return;
  const mode = (await stat(file)).mode & 0o777;
  if (mode & 0o007)
    throw new KeyringError(
      'ERR_KEYRING_PERMISSIONS',
      `${file} is open to every user (mode 0${mode.toString(8)}) and holds private signing keys; run \`chmod 600 ${file}\` (and consider rotating: the keys may have been read)`,
    );
}

async function stampOf(file: string): Promise<string> {
  const s = await stat(file);
  return `${s.mtimeMs}:${s.size}:${s.ino}`;
}

/** A ring of one fresh key, active at once (tests, the demo, benchmarks). */
export async function generateSigningKey(use: KeyUse = 'sig'): Promise<Keyring> {
  return Keyring.of([{ jwk: await newJwk(), createdAt: 0, activateAt: 0 }], MAX_CREDENTIAL_TTL, use);
}

/** The signing keys of a config's `signing.key-file`: created on first start. */
export async function loadOrCreateSigningKey(file: string, use: KeyUse = 'sig'): Promise<FileKeyring> {
  try {
    return await FileKeyring.open(file, MAX_CREDENTIAL_TTL, use);
  } catch (err) {
    if (err instanceof KeyringError) throw err;
    throw new Error(`signing key ${file} cannot be read: ${(err as Error).message}`, { cause: err });
  }
}

/** Who holds a rotate-key lock, as written in it. */
export interface LockHolder {
  readonly pid: number;
  readonly host: string;
  /** Unix seconds. */
  readonly since: number;
  /**
   * The pid namespace (`/proc/self/ns/pid`, Linux; empty elsewhere): two containers can share a host
   * name (compose `hostname:`) and a keyring volume while their pids mean nothing to each other.
   */
  readonly ns?: string;
}

/** This process's pid namespace, or '' where there is none to read. */
async function pidNamespace(): Promise<string> {
  return readlink('/proc/self/ns/pid').catch(() => '');
}

/** A rotation takes well under a second; a lock older than this is reported as almost surely stale. */
const LOCK_OLD_SECONDS = 600;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // another user's process: alive
  }
}

function holderOf(text: string): LockHolder | undefined {
  try {
    const v = JSON.parse(text) as Partial<LockHolder>;
    if (Number.isSafeInteger(v.pid) && typeof v.host === 'string' && Number.isFinite(v.since))
      return v as LockHolder;
  } catch {
    // a lock of an older version (its pid alone) or a damaged one: its holder cannot be judged
  }
  return undefined;
}

/**
 * Takes `<file>.lock` (created exclusively, 0600, naming pid, host and time). A lock whose holder is
 * provably gone (written on this host by a pid that no longer runs: a rotate-key killed mid-way) is
 * taken over, under `<lock>.break` so two takers cannot both break it and one remove the other's fresh
 * lock. Anything else (a live pid, another host: its pids mean nothing here, e.g. another container on
 * a shared volume; a lock this version did not write) is ERR_KEYRING_BUSY saying who holds it, since
 * when, and how to clear it.
 */
async function takeRotationLock(lock: string, now: number): Promise<LockHolder | undefined> {
  const ns = await pidNamespace();
  const me = JSON.stringify({ pid: process.pid, host: hostname(), since: now, ns });
  const create = () => writeFile(lock, `${me}\n`, { mode: 0o600, flag: 'wx' });
  try {
    await create();
    return undefined;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const text = await readFile(lock, 'utf8').catch(() => '');
  const holder = holderOf(text);
  // Its pid means something here only on this host and in this pid namespace.
  if (holder && holder.host === hostname() && (holder.ns ?? '') === ns && !alive(holder.pid)) {
    const breaker = `${lock}.break`;
    try {
      await writeFile(breaker, me, { mode: 0o600, flag: 'wx' });
    } catch {
      throw busy(
        lock,
        holder,
        now,
        `another rotate-key is taking over this stale lock (${breaker}: remove it if no rotate-key runs)`,
      );
    }
    try {
      // Still the same dead holder's lock (not a fresh one written since we read it)?
      if ((await readFile(lock, 'utf8').catch(() => '')) === text) await rm(lock, { force: true });
      await create();
      return holder;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST')
        throw busy(lock, undefined, now, 'another rotate-key took the lock first');
      throw err;
    } finally {
      await rm(breaker, { force: true });
    }
  }
  throw busy(lock, holder, now, undefined, ns);
}

function busy(
  lock: string,
  holder: LockHolder | undefined,
  now: number,
  why?: string,
  ns = '',
): KeyringError {
  if (!holder)
    return new KeyringError(
      'ERR_KEYRING_BUSY',
      `another rotate-key holds ${lock}${why ? ` (${why})` : ' (written by an older version, or damaged: its holder cannot be checked)'}; wait for it and run again. If no rotate-key is running on any host sharing this keyring, remove ${lock} and run again`,
    );
  const age = Math.max(0, now - holder.since);
  // Its pid can be checked only on this host and in this pid namespace.
  const here = holder.host === hostname() && (holder.ns ?? '') === ns;
  const old =
    age >= LOCK_OLD_SECONDS ? `; a rotation takes under a second, so this lock is almost surely stale` : '';
  return new KeyringError(
    'ERR_KEYRING_BUSY',
    `${why ? `${why}; ` : ''}rotate-key pid ${holder.pid} on ${here ? 'this host' : `host ${holder.host}`} holds ${lock} since ${new Date(holder.since * 1000).toISOString()} (${age} s ago)${old}. ${
      here
        ? `It is still running: wait for it (or stop it) and run again`
        : `Its process cannot be checked from here: if no rotate-key runs on ${holder.host}, remove ${lock} and run again`
    }`,
  );
}

/** `stepwarden broker rotate-key`: a new key, active after `overlapSeconds`; retired keys pruned. */
export async function rotateKeyFile(
  file: string,
  now: number,
  overlapSeconds: number,
  use: KeyUse = 'sig',
): Promise<{ kid: string; activateAt: number; published: string[]; staleLock?: LockHolder }> {
  // Read-modify-write under an exclusive lock file: two rotations at once would each add a key to
  // the same old ring and the last rename would drop the other's key, which a broker may already
  // have picked up and signed with (its credentials would stop verifying).
  await mkdir(dirname(file), { recursive: true });
  const lock = `${file}.lock`;
  const staleLock = await takeRotationLock(lock, now);
  try {
    const ring = await (
      await FileKeyring.open(file, MAX_CREDENTIAL_TTL, use)
    ).keyring.rotated(now, overlapSeconds);
    await writeKeyringFile(file, ring);
    const last = ring.entries[ring.entries.length - 1]!;
    return {
      kid: String(last.jwk.kid),
      activateAt: last.activateAt,
      published: ring.published(now).map((k) => String(k.kid)),
      ...(staleLock ? { staleLock } : {}),
    };
  } finally {
    await rm(lock, { force: true });
  }
}
