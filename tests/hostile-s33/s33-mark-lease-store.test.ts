/**
 * Session 33: the lease on a revocation's upstream attempt, in each store (memory, Redis). A record
 * marked revoked with `retryAt` is due again then (another instance takes the attempt over if this
 * one died mid-call), never later than its own deadline already was, and only the mark that took
 * effect moves it. s33-revoke-killed-lease is the same through two broker processes.
 */
import { describe, expect, it } from '@jest/globals';
import type { Store } from '../../shared/broker/state/store.js';
import { bothStores } from '../support/both-stores.js';
import { record } from '../broker/store-suite.js';

const stores = bothStores('s33');

describe.each(stores)('the revocation attempt leased (%s, s33)', (_name, make) => {
  const t = Math.floor(Date.now() / 1000);
  const due = async (s: Store, at: number) => s.due(at, 1000, 30);

  it('a mark with retryAt makes a delivered record due then, not at its deadline', async () => {
    const s = await make();
    const r = record({ issuedAt: t, expiresAt: t + 300 });
    await s.put(r);
    expect(await due(s, t + 100)).not.toContain(r.grantId);
    expect(await s.markRevoked(r.grantId, t + 1, { reason: 'REVOKED_AT_JOB_END', retryAt: t + 61 })).toBe(
      true,
    );
    expect(await due(s, t + 60)).not.toContain(r.grantId);
    expect(await due(s, t + 61)).toContain(r.grantId);
  });

  it('never later than it already was; a mark that did not take effect moves nothing', async () => {
    const s = await make();
    const soon = record({ issuedAt: t, expiresAt: t + 20 });
    await s.put(soon);
    expect(await s.markRevoked(soon.grantId, t + 1, { retryAt: t + 61 })).toBe(true);
    expect(await due(s, t + 20)).toContain(soon.grantId);
    // Already revoked: the second mark is refused and leaves the entry where the first put it.
    const r = record({ issuedAt: t, expiresAt: t + 300 });
    await s.put(r);
    expect(await s.markRevoked(r.grantId, t + 1, { retryAt: t + 200 })).toBe(true);
    expect(await s.markRevoked(r.grantId, t + 2, { retryAt: t + 40 })).toBe(false);
    expect(await due(s, t + 199)).not.toContain(r.grantId);
    expect(await due(s, t + 200)).toContain(r.grantId);
    // Settled: out of the queue, whatever the mark said.
    const settled = record({ issuedAt: t, expiresAt: t + 300 });
    await s.put(settled);
    await s.markRevoked(settled.grantId, t + 1, { retryAt: t + 61 });
    await s.settleRevocation(settled.grantId, 'done');
    expect(await due(s, t + 400)).not.toContain(settled.grantId);
  });

  it('without retryAt a mark leaves the entry at the deadline (the JWT path, nothing upstream)', async () => {
    const s = await make();
    const r = record({ kind: 'jwt', secret: undefined, issuedAt: t, expiresAt: t + 300 });
    await s.put(r);
    expect(await s.markRevoked(r.grantId, t + 1, { reason: 'REVOKED_AT_JOB_END' })).toBe(true);
    expect(await due(s, t + 299)).not.toContain(r.grantId);
    expect(await due(s, t + 300)).toContain(r.grantId);
  });
});
