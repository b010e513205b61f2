/**
 * Session 34: what an instance holds for a GitHub token no store holds (shared/broker/unqueued.ts),
 * beside s34-unqueued-revocation's run through the processes. Bounded in number, given up at the
 * token's own expiry with one line, handed to the store (no line of its own: the sweep writes it)
 * when the store takes the record or already has it, and never a line with the token in it.
 */
import { describe, expect, it } from '@jest/globals';
import type { AuditSink } from '../../shared/broker/audit-log.js';
import type { GithubApp } from '../../shared/broker/providers/github-app.js';
import type { CredentialRecord, Store } from '../../shared/broker/state/store.js';
import { UnqueuedRevocations } from '../../shared/broker/unqueued.js';
import { record } from '../broker/store-suite.js';
import { until } from '../support/redis-rig.js';

type Line = Record<string, unknown>;

function rig(opts: { store?: Partial<Store>; revoke?: () => Promise<void>; max?: number } = {}) {
  const lines: Line[] = [];
  let clock = Math.floor(Date.now() / 1000);
  const deletes: string[] = [];
  const audit: AuditSink = { write: (e) => void lines.push(e as Line), flush: async () => undefined };
  const store = {
    put: async () => {
      throw new Error('NOREPLICAS Not enough good replicas to write.');
    },
    get: async () => {
      throw new Error('NOREPLICAS');
    },
    ...opts.store,
  } as unknown as Store;
  const github = {
    revokeToken: async (token: string) => {
      deletes.push(token);
      await (opts.revoke ?? (() => Promise.reject(new Error('HTTP 500'))))();
    },
  } as unknown as GithubApp;
  const held = new UnqueuedRevocations({
    store,
    audit,
    now: () => clock,
    backoffSeconds: 0.01,
    maxBackoffSeconds: 0.02,
    ...(opts.max !== undefined ? { max: opts.max } : {}),
  });
  return { lines, deletes, held, github, setClock: (t: number) => void (clock = t), now: () => clock };
}

const tokenOf = (r: CredentialRecord) => r.secret!;

describe('tokens no store holds, held by the instance (s34)', () => {
  it('past the bound, the alarm says the token is not held and nothing is asked for it', async () => {
    const x = rig({ max: 1 });
    const [r1, r2] = [record({ deliverBy: x.now() + 30 }), record({ deliverBy: x.now() + 30 })];
    x.held.hold(r1, tokenOf(r1), x.github);
    x.held.hold(r2, tokenOf(r2), x.github);
    expect(x.held.size).toBe(1);
    const alarms = x.lines.filter((l) => l.reason === 'REVOCATION_UNQUEUED');
    expect(alarms.map((l) => l.grant_id)).toEqual([r1.grantId, r2.grantId]);
    expect(String(alarms[0]!.detail)).toMatch(/only this instance holds it/);
    expect(String(alarms[1]!.detail)).toMatch(/cannot take it/);
    await until(() => x.deletes.length >= 3, 20_000, 'three tries of the held token');
    expect(new Set(x.deletes)).toEqual(new Set([tokenOf(r1)]));
    // Given up at the token's expiry upstream: one line, nothing held, no more calls.
    x.setClock(r1.upstreamExpiresAt!);
    await until(() => x.lines.some((l) => l.type === 'credential.revoke_failed'), 20_000, 'given up');
    expect(x.held.size).toBe(0);
    const n = x.deletes.length;
    await new Promise((r) => setTimeout(r, 200));
    expect(x.deletes.length).toBe(n);
    const ends = x.lines.filter(
      (l) => l.grant_id === r1.grantId && l.type !== 'credential.revocation_pending',
    );
    expect(ends.map((l) => [l.type, l.reason])).toEqual([['credential.revoke_failed', 'ERR_REVOKE_FAILED']]);
    expect(JSON.stringify(x.lines)).not.toContain(tokenOf(r1));
    expect(JSON.stringify(x.lines)).not.toContain(tokenOf(r2));
  });

  it('the store back: handed to it with no line of its own and no call to GitHub', async () => {
    const puts: string[] = [];
    let up = false;
    const x = rig({
      store: {
        put: async (r: CredentialRecord) => {
          if (!up) throw new Error('NOREPLICAS');
          puts.push(r.grantId);
        },
      },
    });
    const r = record({ deliverBy: x.now() + 30 });
    x.held.hold(r, tokenOf(r), x.github);
    await until(() => x.deletes.length >= 1, 20_000, 'a try while the store is down');
    up = true;
    await until(() => x.held.size === 0, 20_000, 'handed to the store');
    expect(puts).toEqual([r.grantId]);
    const n = x.deletes.length;
    await new Promise((res) => setTimeout(res, 200));
    expect(x.deletes.length).toBe(n);
    expect(x.lines.map((l) => l.reason)).toEqual(['REVOCATION_UNQUEUED']);
  });

  it('a put refused because the record is already there is the same hand-over; one whose intent was swept is not', async () => {
    const gone = () => {
      throw new Error('ERR_EXCHANGE_INTERRUPTED: the write-ahead intent was swept');
    };
    const there = record({ deliverBy: Math.floor(Date.now() / 1000) + 30 });
    const x = rig({ store: { put: async () => gone(), get: async () => there } });
    x.held.hold(there, tokenOf(there), x.github);
    await until(() => x.held.size === 0, 20_000, 'handed over');
    expect(x.deletes).toEqual([]);
    // The sweep took the intent (INTENT_ABANDONED, no record): only this instance can end the token.
    const y = rig({
      store: { put: async () => gone(), get: async () => undefined },
      revoke: async () => undefined,
    });
    const r = record({ deliverBy: y.now() + 30 });
    y.held.hold(r, tokenOf(r), y.github);
    await until(() => y.held.size === 0, 20_000, 'revoked by the instance');
    expect(y.deletes).toEqual([tokenOf(r)]);
    expect(y.lines.map((l) => [l.type, l.reason, l.grant_id])).toEqual([
      ['credential.revocation_pending', 'REVOCATION_UNQUEUED', r.grantId],
      ['credential.revoked', 'REVOKED_AFTER_RETRY', r.grantId],
    ]);
  });
});
