/**
 * Readiness, separate from liveness: the broker is ready only when every part it needs to grant
 * answers (the store, the signing key, each trusted issuer's keys fetched at least once, the audit
 * sink accepting writes). Each check is a small probe with a deadline; /readyz names the failing one.
 */
import { access, constants } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fetchIssuerJson, MAX_DISCOVERY_BYTES, MAX_JWKS_BYTES } from '../../oidc/keys.js';
import { assertIssuerUrl } from '../../oidc/verify.js';
import type { SigningKeys } from '../signing-key.js';
import type { Store } from '../state/store.js';

export interface ReadinessCheck {
  readonly name: string;
  /** Resolves when healthy; rejects (or times out) with the reason. */
  probe(): Promise<void>;
}

export interface ReadinessResult {
  readonly ready: boolean;
  readonly checks: Record<string, { ok: boolean; detail?: string }>;
}

/** `p`, or a rejection naming `what` once `ms` have passed (`p` goes on; its result is dropped). */
export function withDeadline<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, deadline]).finally(() => clearTimeout(timer));
}

export async function runChecks(
  checks: readonly ReadinessCheck[],
  timeoutMs = 2000,
): Promise<ReadinessResult> {
  const results = await Promise.all(
    checks.map(async (c) => {
      try {
        await withDeadline(c.probe(), timeoutMs, c.name);
        return [c.name, { ok: true }] as const;
      } catch (err) {
        // Bounded, with room for a reason that names instances (ERR_STATE_KEY_UNKNOWN) and its fix.
        return [c.name, { ok: false, detail: (err as Error).message.slice(0, 500) }] as const;
      }
    }),
  );
  return { ready: results.every(([, r]) => r.ok), checks: Object.fromEntries(results) };
}

/**
 * A read of a key nobody writes: any answer, even "absent", proves the store serves requests; then the
 * store's own health (a shared store that would now evict state is not ready).
 */
export const storeCheck = (store: Store): ReadinessCheck => ({
  name: 'store',
  probe: async () => {
    await store.get('stepwarden-readyz-probe');
    await store.health?.();
  },
});

export const signingKeyCheck = (keys: SigningKeys, now: () => number): ReadinessCheck => ({
  name: 'signing-key',
  probe: async () => void keys.active(now()),
});

/**
 * The audit file (or, before the first line, its folder) must be writable by this process, and the
 * sink's last write must have succeeded: a full disk (ENOSPC), an I/O error or a folder where the file
 * should be pass `access(W_OK)` while every grant is refused. `flush` retries the lines a failed write
 * kept, so the check also turns ready again by itself once the disk is fixed (no exchange reaches an
 * unready instance to do it).
 */
export const auditFileCheck = (
  path: string,
  flush?: () => Promise<void>,
  /** A flush on a hung disk answers only at the sink's own deadline: the probe says so sooner. */
  waitMs = 2000,
): ReadinessCheck => ({
  name: 'audit-sink',
  probe: async () => {
    if (flush) {
      // Rejects with the sink's own reason (AuditSinkError: the file and the errno), or not durable in time.
      const pending = flush();
      pending.catch(() => undefined); // still settles after a timeout below: never unhandled
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          pending,
          new Promise<never>((_, fail) => {
            timer = setTimeout(
              () => fail(new Error(`audit log ${path} did not become durable within ${waitMs} ms`)),
              waitMs,
            );
            timer.unref?.();
          }),
        ]);
      } finally {
        clearTimeout(timer);
      }
    }
    try {
      await access(path, constants.W_OK);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
        throw new Error(`audit log ${path} is not writable`, { cause: err });
      await access(dirname(path), constants.W_OK).catch(() => {
        throw new Error(`audit log folder ${dirname(path)} is not writable`);
      });
    }
  },
});

/**
 * Each trusted issuer's keys fetched once. `fetched` is filled by the metered fetch the verifier uses;
 * `warm` fetches discovery and JWKS itself when no token has come in yet, so a fresh broker turns ready.
 */
export function issuerKeysCheck(
  issuers: readonly string[],
  fetched: Set<string>,
  fetchFn: typeof fetch,
): ReadinessCheck {
  return {
    name: 'issuer-keys',
    probe: async () => {
      const missing = issuers.filter((i) => !fetched.has(i));
      await Promise.all(
        missing.map((i) =>
          warmIssuer(i, fetchFn)
            .then(() => fetched.add(i))
            .catch(() => undefined),
        ),
      );
      const still = issuers.filter((i) => !fetched.has(i));
      if (still.length) throw new Error(`no keys fetched yet from ${still.join(', ')}`);
    },
  };
}

/**
 * Discovery then JWKS through `fetchFn` (the metered one, which records the success), read as the
 * verifier reads them (keys.ts `fetchIssuerJson`: byte bounds, no redirects) and the jwks_uri held to
 * the issuer URL rule: a probe must not buffer what the verifier would refuse, nor follow it elsewhere.
 */
export async function warmIssuer(issuer: string, fetchFn: typeof fetch): Promise<void> {
  const o = { signal: AbortSignal.timeout(5000), timeoutMs: 5000 };
  const doc = (await fetchIssuerJson(
    fetchFn,
    `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`,
    {
      ...o,
      what: `discovery of ${issuer}`,
      maxBytes: MAX_DISCOVERY_BYTES,
    },
  )) as { jwks_uri?: unknown } | null;
  const jwksUri = doc?.jwks_uri;
  if (typeof jwksUri !== 'string') throw new Error(`discovery of ${issuer} has no jwks_uri`);
  assertIssuerUrl(jwksUri);
  await fetchIssuerJson(fetchFn, jwksUri, { ...o, what: `the JWKS of ${issuer}`, maxBytes: MAX_JWKS_BYTES });
}
